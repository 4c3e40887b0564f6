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
//        {type: 'failed', id, error, fatal} (any message; fatal: the
//          engine trapped and the pool replaces this worker)
//   edits: {type: 'edit', ...}, see edit-worker.js; collages:
//        {type: 'collage' | 'collage-suggest', ...}, see collage.js
import { GemrollError, isGemrollError, toEnvelope } from './errors.js';
import { instantiateEngine } from './assets.js';
import { runEdit } from './edit-worker.js';
import { runCollage, runCollageSuggest } from './collage.js';
import { fromBase64, isNode, nodeModule, toBase64 } from './platform.js';
import { withPlatformFallback } from './decode.js';
import { DEFAULT_FACE_MODEL, ModelRunner, engineEvidence, evidenceMatters, gateModels, modelEvidence } from './models.js';

let engine = null;
let post;
// The on-device models' runners (and their sessions), created on the first
// photo that asks.
const modelRunners = new Map();
// url -> Promise of a parsed Gazetteer handle, kept for the worker's life
// (parsing ~170,000 places takes a few hundred ms).
const gazetteers = new Map();

// One handler per message type: msg -> {reply, transfer?}; the reply goes
// out as {type: 'done', id, ...reply}. A handler that throws fails its
// message, and only there (onMessage).
const handlers = {
  analyze,
  curate,
  edit: (msg) => runEdit(engine, msg),  // edit-worker.js
  collage: (msg) => runCollage(engine, msg, readAsset),  // collage.js
  'collage-suggest': (msg) => runCollageSuggest(engine, msg),
};

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
  const handler = Object.hasOwn(handlers, msg.type) ? handlers[msg.type] : null;
  if (!handler) return;
  try {
    const { reply, transfer } = await handler(msg);
    post({ type: 'done', id: msg.id, ...reply }, transfer);
  } catch (e) {
    // The one failure envelope. A trap (out of bounds, abort; not a
    // GemrollError) leaves the instance unusable: the pool replaces this worker.
    post({ type: 'failed', id: msg.id, error: toEnvelope(e), fatal: !isGemrollError(e) });
  }
}

// {type: 'curate'} -> {suggestions, gazetteer: {places} | {error} | null}
async function curate(msg) {
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
      if (msg.gazetteer.required) throw new GemrollError(error.code, error.message);
      gazetteerInfo = { error };
    }
  }
  const r = engine.curate(items, { ...msg.options, gazetteer });
  return { reply: { suggestions: JSON.parse(r.json), gazetteer: gazetteerInfo } };
}

// {type: 'analyze'} -> {analysis, models?, curation?, thumbnail?}
async function analyze(msg) {
  const bytes = new Uint8Array(msg.bytes);
  const { models: modelOptions, ...options } = msg.options || {};
  // With models, the engine keeps this analysis and its decode: the model
  // tensors and face crops come from it, and the verdict is remade from the
  // evidence without decoding and measuring the photo again. Formats the
  // platform decodes (WebP, AVIF, GIF) are analysed from its RGBA.
  // A preview is the file's own small rendering or nothing, never the
  // platform's decode of the whole picture.
  let platform = false;
  const analyzeBytes = (input, o) => {
    if (!o.fileBytes) return engine.analyzePhoto(input, o);
    platform = true;
    const { keep, width, height, ...rest } = o;
    return engine.analyzeRgba(input, width, height, rest);
  };
  let r = options.preview
    ? engine.analyzePhoto(bytes, options)
    : await withPlatformFallback(bytes, modelOptions ? { ...options, keep: true } : options, analyzeBytes);
  // The cheap pass came first; the models run where its verdict says they
  // can matter, and their evidence then remakes the record's kind verdict.
  let evidence = null;
  if (modelOptions) {
    const kept = r.kept;  // a KeptPhoto handle (bindings_post.js), freed below
    try {
      evidence = await runModels(bytes, r, options, modelOptions, platform);
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
  const reply = { analysis: JSON.parse(r.json) };
  if (evidence) reply.models = evidence.record;
  if (platform) reply.analysis.decoder = 'platform';
  if (r.record) reply.curation = toBase64(r.record);
  if (!r.thumbnail) return { reply };
  reply.thumbnail = r.thumbnail;
  return { reply, transfer: [r.thumbnail.buffer] };
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
