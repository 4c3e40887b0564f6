// Worker entry, the same file for node worker_threads and browser module
// workers: hosts one wasm engine and analyses one photo per message.
//   in:  {type: 'init', glueUrl, module}
//        {type: 'analyze', id, bytes: ArrayBuffer (transferred), options}
//        {type: 'curate', id, items: [{path, curation?: base64, error?}], options: {today}}
//   out: {type: 'ready', version, simd} | {type: 'init-failed', message}
//        {type: 'done', id, analysis, thumbnail?, curation?} (analyze)
//        {type: 'done', id, suggestions} (curate) | {type: 'failed', id, error, fatal}
import { instantiateEngine } from './assets.js';
import { fromBase64, isNode, nodeModule, toBase64 } from './platform.js';
import { platformDecode, platformDecoderAvailable, sniffFormat, unsupportedMessage, xxh64Hex } from './decode.js';

let engine = null;
let post;

async function onMessage(msg) {
  if (msg.type === 'init') {
    try {
      engine = await instantiateEngine(msg);
      post({ type: 'ready', version: engine.version(), simd: engine.simd() });
    } catch (e) {
      post({ type: 'init-failed', message: String((e && e.message) || e) });
    }
    return;
  }
  if (msg.type !== 'analyze' && msg.type !== 'curate') return;
  try {
    if (msg.type === 'curate') {
      const items = msg.items.map((it) =>
        it.curation ? { path: it.path, record: fromBase64(it.curation) } : { path: it.path, error: it.error });
      const r = engine.curate(items, msg.options);
      post({ type: 'done', id: msg.id, suggestions: JSON.parse(r.json) });
      return;
    }
    const bytes = new Uint8Array(msg.bytes);
    let r;
    let platform = null;
    try {
      r = engine.analyzePhoto(bytes, msg.options);
    } catch (e) {
      const format = e && e.code === 'unsupported' ? sniffFormat(bytes) : null;
      if (!format) throw e;
      platform = await analyzeWithPlatform(bytes, format, msg.options);
      r = platform.result;
    }
    const out = { type: 'done', id: msg.id, analysis: JSON.parse(r.json) };
    if (platform) {
      // The engine saw pixels, not the file: give the record the file's facts.
      Object.assign(out.analysis, { format: platform.format, fileSize: bytes.length, contentHash: xxh64Hex(bytes) });
      out.analysis.decoder = 'platform';
    }
    if (r.record) out.curation = toBase64(r.record);
    if (r.thumbnail) {
      out.thumbnail = r.thumbnail;
      post(out, [r.thumbnail.buffer]);
    } else {
      post(out);
    }
  } catch (e) {
    if (e && e.name === 'GemrollError') {
      post({ type: 'failed', id: msg.id, error: { code: e.code, message: e.message }, fatal: false });
    } else {
      // A trap (out of bounds, abort) leaves the instance unusable: the pool
      // replaces this worker.
      post({ type: 'failed', id: msg.id, fatal: true,
             error: { code: 'internal', message: String((e && e.message) || e) } });
    }
  }
}

// WebP, AVIF, GIF the core reported `unsupported`: decode with the platform
// and analyse the RGBA. Throws a GemrollError-like error naming the format
// where that cannot be done (HEIC, node, a decoder failure).
async function analyzeWithPlatform(bytes, format, options) {
  const fail = (code, message) => Object.assign(new Error(message), { name: 'GemrollError', code });
  if (format === 'heif' || !platformDecoderAvailable()) throw fail('unsupported', unsupportedMessage(format));
  let decoded;
  try {
    decoded = await platformDecode(bytes, format, options && options.maxPixels);
  } catch (e) {
    if (e && e.code === 'too_large') throw fail('too_large', e.message);
    throw fail('unsupported', unsupportedMessage(format, String((e && e.message) || e)));
  }
  const { recordPath, ...rest } = options || {};
  const data = new Uint8Array(decoded.rgba.buffer, decoded.rgba.byteOffset, decoded.rgba.byteLength);
  return { format, result: engine.analyzeRgba(data, decoded.width, decoded.height, rest) };
}

if (isNode) {
  const { parentPort } = await nodeModule('worker_threads');
  post = (m, transfer) => parentPort.postMessage(m, transfer);
  parentPort.on('message', onMessage);
} else {
  post = (m, transfer) => self.postMessage(m, transfer || []);
  self.onmessage = (e) => onMessage(e.data);
}
