// Worker entry, the same file for node worker_threads and browser module
// workers: hosts one wasm engine and analyses one photo per message.
//   in:  {type: 'init', glueUrl, module}
//        {type: 'analyze', id, bytes: ArrayBuffer (transferred), options}
//          options.models: {face, text, gate, modelsBase, ortBase,
//          executionProvider, extra} runs the on-device models too
//          (models.js) where the cheap pass says they matter, and adds
//          `models` evidence to 'done'
//        {type: 'curate', id, items: [{path, curation?: base64, error?}],
//         options: {today}, gazetteer: {url, required} | null}
//   out: {type: 'ready', version, simd} | {type: 'init-failed', message}
//        {type: 'done', id, analysis, thumbnail?, curation?} (analyze)
//        {type: 'done', id, suggestions, gazetteer: {places} | {error} | null} (curate)
//        {type: 'failed', id, error, fatal}
//   edits: {type: 'edit', ...}, see edit-worker.js
import { GemrollError, isGemrollError, toEnvelope } from './errors.js';
import { instantiateEngine } from './assets.js';
import { handleEdit } from './edit-worker.js';
import { handleCollageMessage } from './collage.js';
import { fromBase64, isNode, nodeModule, toBase64 } from './platform.js';
import { platformDecode, platformDecoderAvailable, sniffFormat, unsupportedMessage } from './decode.js';
import { DEFAULT_FACE_MODEL, ModelRunner, engineEvidence, evidenceMatters, gateModels, modelEvidence } from './models.js';

let engine = null;
let post;
// The on-device models' runners (and their sessions), created on the first
// photo that asks.
const modelRunners = new Map();
// url -> Promise of a parsed Gazetteer handle, kept for the worker's life
// (parsing ~170,000 places takes a few hundred ms).
const gazetteers = new Map();

async function onMessage(msg) {
  if (msg.type === 'init') {
    try {
      engine = await instantiateEngine(msg);
      // The core's limits, read once (models.js evidenceMatters reads them).
      engine.limits = engine.verdictLimits();
      post({ type: 'ready', version: engine.version(), simd: engine.simd() });
    } catch (e) {
      post({ type: 'init-failed', message: String((e && e.message) || e) });
    }
    return;
  }
  if (msg.type === 'edit') {
    await handleEdit(engine, msg, post);  // edit-worker.js
    return;
  }
  // Collages (collage.js): {type: 'collage' | 'collage-suggest', id, ...}.
  if (msg.type === 'collage' || msg.type === 'collage-suggest') {
    await handleCollageMessage(engine, msg, post, readAsset);
    return;
  }
  if (msg.type !== 'analyze' && msg.type !== 'curate') return;
  try {
    if (msg.type === 'curate') {
      const items = msg.items.map((it) =>
        it.curation ? { path: it.path, record: fromBase64(it.curation) } : { path: it.path, error: it.error });
      let gazetteer = null;
      let gazetteerInfo = null;
      if (msg.gazetteer) {
        try {
          gazetteer = await loadGazetteer(msg.gazetteer.url);
          gazetteerInfo = { places: gazetteer.size() };
        } catch (e) {
          const error = toEnvelope(e, 'io');
          error.message = `gazetteer ${msg.gazetteer.url}: ${error.message}`;
          if (msg.gazetteer.required) {
            post({ type: 'failed', id: msg.id, error, fatal: false });
            return;
          }
          gazetteerInfo = { error };
        }
      }
      const r = engine.curate(items, { ...msg.options, gazetteer });
      post({ type: 'done', id: msg.id, suggestions: JSON.parse(r.json), gazetteer: gazetteerInfo });
      return;
    }
    const bytes = new Uint8Array(msg.bytes);
    const { models: modelOptions, ...options } = msg.options || {};
    let r;
    let platform = null;
    try {
      // With models, the engine keeps this analysis and its decode: the model
      // tensors and face crops come from it, and the verdict is remade from
      // the evidence without decoding and measuring the photo again.
      r = engine.analyzePhoto(bytes, modelOptions ? { ...options, keep: true } : options);
    } catch (e) {
      const format = e && e.code === 'unsupported' ? sniffFormat(bytes) : null;
      // HEIC/HEIF is the core's own (libheif): its verdict and message stand.
      if (!format || format === 'heif') throw e;
      platform = await analyzeWithPlatform(bytes, format, options);
      r = platform.result;
    }
    // The cheap pass came first; the models run where its verdict says they
    // can matter, and their evidence then remakes the record's kind verdict.
    let evidence = null;
    if (modelOptions) {
      const kept = r.kept;  // a KeptPhoto handle (bindings_post.js), freed below
      try {
        evidence = await runModels(bytes, r, options, modelOptions, !!platform);
        // (Platform-decoded formats get no models, so no evidence, yet.)
        if (evidence.engine) {
          r = kept
            ? { ...r, record: kept.rejudge({ modelEvidence: evidence.engine }).record }
            : engine.analyzePhoto(bytes, { ...options, modelEvidence: evidence.engine });
        }
      } finally {
        if (kept) kept.delete();
      }
    }
    const out = { type: 'done', id: msg.id, analysis: JSON.parse(r.json) };
    if (evidence) out.models = evidence.record;
    if (platform) out.analysis.decoder = 'platform';
    if (r.record) out.curation = toBase64(r.record);
    if (r.thumbnail) {
      out.thumbnail = r.thumbnail;
      post(out, [r.thumbnail.buffer]);
    } else {
      post(out);
    }
  } catch (e) {
    // A trap (out of bounds, abort; not a GemrollError) leaves the instance
    // unusable: the pool replaces this worker.
    post({ type: 'failed', id: msg.id, error: toEnvelope(e), fatal: !isGemrollError(e) });
  }
}

// WebP, AVIF, GIF the core reported `unsupported`: decode with the platform
// and analyse the RGBA. Throws a GemrollError naming the format
// where that cannot be done (node, a decoder failure).
async function analyzeWithPlatform(bytes, format, options) {
  const fail = (code, message) => new GemrollError(code, message);
  if (!platformDecoderAvailable()) throw fail('unsupported', unsupportedMessage(format));
  let decoded;
  try {
    decoded = await platformDecode(bytes, format, options && options.maxPixels);
  } catch (e) {
    if (e && e.code === 'too_large') throw fail('too_large', e.message);
    throw fail('unsupported', unsupportedMessage(format, String((e && e.message) || e)));
  }
  const data = new Uint8Array(decoded.rgba.buffer, decoded.rgba.byteOffset, decoded.rgba.byteLength);
  // The file goes along so the core sets format, size, hash and EXIF and
  // makes the curation record, as for the formats it decodes itself.
  return { format, result: engine.analyzeRgba(data, decoded.width, decoded.height, { ...options, fileBytes: bytes }) };
}

// Model evidence for a photo: {record: fields for the scan record, engine:
// ModelEvidence for the kind verdict, or null}. `cheap` is the analysis
// without models; with a curation record, its classical verdict gates the
// models (the core's modelPlan through gateModels; `gate: false` runs every
// asked model). A model that
// cannot load or run gives a reason instead and the scan goes on with the
// classical verdicts; so does a format the core does not decode (WebP, AVIF,
// GIF: not fed to models yet).
async function runModels(bytes, cheap, options, modelOptions, platformDecoded) {
  const faceModel = modelOptions.face === undefined ? DEFAULT_FACE_MODEL : modelOptions.face;
  const wanted = { face: faceModel || false, text: modelOptions.text !== false };
  let gate = { ...wanted, skipped: [] };
  try {
    if (platformDecoded) {
      return { record: { models: { ran: [], skipped: [], unavailable: [
        { model: 'all', reason: 'models read only the formats the engine decodes itself (not WebP, AVIF, GIF yet)' }] } },
      engine: null };
    }
    // The core decided which models can matter (PlanModels) in the same call.
    if (modelOptions.gate !== false && cheap.modelPlan) gate = gateModels(JSON.parse(cheap.modelPlan), wanted);
    const runner = modelRunner(modelOptions);
    const result = await runner.run(bytes, { ...modelOptions, face: gate.face ? wanted.face : false, text: gate.text,
                                             ...(gate.textMaxSide && { textMaxSide: gate.textMaxSide }),
                                             kept: cheap.kept });
    const record = modelEvidence(result);
    record.models.ran = result.ran;
    record.models.skipped = gate.skipped;
    if (result.executionProvider) record.models.executionProvider = result.executionProvider;
    if (result.extra) record.models.extra = result.extra;
    // Evidence that cannot change the verdict leaves the cheap record as it is.
    return { record, engine: evidenceMatters(result, engine) ? engineEvidence(result) : null };
  } catch (e) {
    return { record: { models: { ran: [], skipped: gate.skipped, unavailable: [
      { model: 'all', reason: String((e && e.message) || e) }] } }, engine: null };
  }
}

// One runner per distinct set of model locations and options (sessions are
// created lazily and kept for the worker's life).
function modelRunner(o) {
  const key = JSON.stringify([o.modelsBase, o.ortBase, o.executionProvider, o.extra]);
  let runner = modelRunners.get(key);
  if (!runner) {
    runner = new ModelRunner(engine, {
      modelsBase: o.modelsBase, ortBase: o.ortBase, executionProvider: o.executionProvider, extra: o.extra || [],
    });
    modelRunners.set(key, runner);
  }
  return runner;
}

// The bytes of a file: URL (node) or anything fetch() reads.
async function readAsset(url) {
  if (isNode && url.startsWith('file:')) {
    const { readFile } = await nodeModule('fs/promises');
    const buf = await readFile(new URL(url));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { code: 'io' });
  return new Uint8Array(await response.arrayBuffer());
}

// A gazetteer TSV, gzipped (told by its magic bytes, not its name) or plain.
function loadGazetteer(url) {
  let pending = gazetteers.get(url);
  if (!pending) {
    pending = (async () => {
      let bytes = await readAsset(url);
      if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      }
      return engine.parseGazetteer(bytes);
    })();
    gazetteers.set(url, pending);
    pending.catch(() => gazetteers.delete(url));  // a failed load is tried again next time
  }
  return pending;
}

if (isNode) {
  const { parentPort } = await nodeModule('worker_threads');
  post = (m, transfer) => parentPort.postMessage(m, transfer);
  parentPort.on('message', onMessage);
} else {
  post = (m, transfer) => self.postMessage(m, transfer || []);
  self.onmessage = (e) => onMessage(e.data);
}
