// The worker's side of edits (worker.js dispatches {type: 'edit'} here):
//   in:  {type: 'edit', id, op: 'autoEnhance' | 'commit' | 'render' | 'export' | 'smartCrop',
//         bytes?: ArrayBuffer (transferred), params?: EditParams JSON text,
//         aspect?, options}
//   out: {type: 'done', id, result} with result's byte arrays transferred;
//        failures as every message's (worker.js).
// Formats the core does not decode (WebP, AVIF, GIF) are decoded by the
// browser and handed to the engine as RGBA with the file for its metadata,
// as scans do (decode.js withPlatformFallback).
import { GemrollError } from './errors.js';
import { withPlatformFallback } from './decode.js';

// -> {reply: {result}, transfer}
export async function runEdit(engine, msg) {
  const options = msg.options || {};
  const bytes = msg.bytes ? new Uint8Array(msg.bytes) : null;
  const reply = (result, transfer = []) => ({ reply: { result }, transfer });
  switch (msg.op) {
    case 'commit':
      return reply({ params: JSON.parse(engine.commitEdit(msg.params).json) });
    case 'autoEnhance': {
      const r = await withPlatformFallback(bytes, options, (input, o) => engine.autoEnhance(input, o));
      return reply(JSON.parse(r.json));
    }
    case 'render': {
      const r = await withPlatformFallback(bytes, options, (input, o) => engine.renderEdit(input, msg.params, o));
      const result = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
      const data = r.jpeg || r.rgba;
      if (r.jpeg) result.jpeg = r.jpeg;
      else result.rgba = r.rgba;
      return reply(result, [data.buffer]);
    }
    case 'export': {
      const r = await withPlatformFallback(bytes, options, (input, o) => engine.exportJpeg(input, msg.params, o));
      return reply({ jpeg: r.jpeg, ...JSON.parse(r.json) }, [r.jpeg.buffer]);
    }
    case 'smartCrop': {
      const r = await withPlatformFallback(bytes, options, (input, o) => engine.smartCrop(input, msg.aspect, o));
      return reply(JSON.parse(r.json));
    }
    default:
      throw new GemrollError('invalid_argument', `unknown edit op ${msg.op}`);
  }
}
