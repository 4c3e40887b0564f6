// The worker's side of edits (worker.js dispatches {type: 'edit'} here):
//   in:  {type: 'edit', id, op: 'autoEnhance' | 'commit' | 'render' | 'export' | 'smartCrop',
//         bytes?: ArrayBuffer (transferred), params?: EditParams JSON text,
//         aspect?, options}
//   out: {type: 'done', id, result} with result's byte arrays transferred
//        {type: 'failed', id, error: {code, message}, fatal}
// Formats the core does not decode (WebP, AVIF, GIF) are decoded by the
// browser and handed to the engine as RGBA with the file for its metadata,
// as scans do.
import { GemrollError, isGemrollError, toEnvelope } from './errors.js';
import { platformDecode, platformDecoderAvailable, sniffFormat, unsupportedMessage } from './decode.js';

const fail = (code, message) => new GemrollError(code, message);

// Calls `call(input, options)` on the file bytes, or on platform-decoded RGBA
// when the core reports the format unsupported.
async function withPixels(bytes, options, call) {
  try {
    return call(bytes, options);
  } catch (e) {
    const format = e && e.code === 'unsupported' ? sniffFormat(bytes) : null;
    if (!format || format === 'heif') throw e;
    if (!platformDecoderAvailable()) throw fail('unsupported', unsupportedMessage(format));
    let decoded;
    try {
      decoded = await platformDecode(bytes, format, options.maxPixels);
    } catch (err) {
      if (err && err.code === 'too_large') throw fail('too_large', err.message);
      throw fail('unsupported', unsupportedMessage(format, String((err && err.message) || err)));
    }
    const rgba = new Uint8Array(decoded.rgba.buffer, decoded.rgba.byteOffset, decoded.rgba.byteLength);
    return call(rgba, { ...options, width: decoded.width, height: decoded.height, fileBytes: bytes });
  }
}

async function run(engine, msg) {
  const options = msg.options || {};
  const bytes = msg.bytes ? new Uint8Array(msg.bytes) : null;
  switch (msg.op) {
    case 'commit':
      return { result: { params: JSON.parse(engine.commitEdit(msg.params).json) }, transfer: [] };
    case 'autoEnhance': {
      const r = await withPixels(bytes, options, (input, o) => engine.autoEnhance(input, o));
      return { result: JSON.parse(r.json), transfer: [] };
    }
    case 'render': {
      const r = await withPixels(bytes, options, (input, o) => engine.renderEdit(input, msg.params, o));
      const result = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
      const data = r.jpeg || r.rgba;
      if (r.jpeg) result.jpeg = r.jpeg;
      else result.rgba = r.rgba;
      return { result, transfer: [data.buffer] };
    }
    case 'export': {
      const r = await withPixels(bytes, options, (input, o) => engine.exportJpeg(input, msg.params, o));
      return { result: { jpeg: r.jpeg, ...JSON.parse(r.json) }, transfer: [r.jpeg.buffer] };
    }
    case 'smartCrop': {
      const r = await withPixels(bytes, options, (input, o) => engine.smartCrop(input, msg.aspect, o));
      return { result: JSON.parse(r.json), transfer: [] };
    }
    default:
      throw fail('invalid_argument', `unknown edit op ${msg.op}`);
  }
}

export async function handleEdit(engine, msg, post) {
  try {
    const { result, transfer } = await run(engine, msg);
    post({ type: 'done', id: msg.id, result }, transfer);
  } catch (e) {
    // A trap (not a GemrollError) leaves the instance unusable: the pool
    // replaces this worker.
    post({ type: 'failed', id: msg.id, error: toEnvelope(e), fatal: !isGemrollError(e) });
  }
}
