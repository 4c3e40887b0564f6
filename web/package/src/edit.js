// @ts-check
// Edits on the main thread's side: edit params in their two JS forms, the
// inputs an edit reads, and the round trip of one edit job through the
// worker pool (src/edit-worker.js runs it). Params cross to the engine as
// the JSON the core writes (EditParams::WriteJson): {version: 1, ops: [...]}.
import { GemrollError, isGemrollError } from './errors.js';
import { listInputs } from './inputs.js';
import { isNode, nodeModule } from './platform.js';
import { MAX_INPUT_BYTES } from '../wasm/limits.js';  // gemroll/limits.h
/** @import * as Api from './types/edit.js' */

export const EDIT_PARAMS_VERSION = 1;
// EditParams' looks (wasm/include/gemroll/edit.h), in the core's order.
/** @type {typeof Api.EDIT_LOOKS} */
export const EDIT_LOOKS = Object.freeze(['none', 'bw', 'film', 'warm', 'cool', 'vivid', 'faded', 'cartoon', 'sketch']);
/** @type {typeof Api.CROP_ASPECTS} */
export const CROP_ASPECTS = Object.freeze(['1:1', '4:5', '9:16', '16:9']);

// Flat form key -> [op, param] of the JSON form. Ranges (clamped by the
// core's CommitEdit) are documented in types/edit.d.ts (EditSettings).
const FLAT = {
  exposure: ['exposure', 'ev'],
  temperature: ['whiteBalance', 'temperature'],
  tint: ['whiteBalance', 'tint'],
  blackPoint: ['toneCurve', 'blackPoint'],
  whitePoint: ['toneCurve', 'whitePoint'],
  contrast: ['toneCurve', 'contrast'],
  shadows: ['shadowsHighlights', 'shadows'],
  highlights: ['shadowsHighlights', 'highlights'],
  vibrance: ['color', 'vibrance'],
  saturation: ['color', 'saturation'],
  localContrast: ['localContrast', 'amount'],
  denoise: ['denoise', 'amount'],
  sharpen: ['sharpen', 'amount'],
  straighten: ['straighten', 'angleDeg'],
};
const FLAT_KEYS = [...Object.keys(FLAT), 'crop', 'look', 'lookStrength'];
// The core's op order (the order ApplyEdit runs them).
const OP_ORDER = ['straighten', 'crop', 'denoise', 'exposure', 'whiteBalance', 'shadowsHighlights', 'toneCurve',
  'localContrast', 'color', 'look', 'sharpen'];

function finite(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`gemroll: edit param ${what} must be a finite number, not ${String(value)}`);
  }
  return value;
}

function checkLook(name, what) {
  if (!EDIT_LOOKS.includes(name)) {
    throw new RangeError(`gemroll: ${what} must be one of ${EDIT_LOOKS.join(', ')}, not ${JSON.stringify(name)}`);
  }
  return name;
}

// The JSON form's ops are built from tables (FLAT, OP_ORDER) or taken as
// given: `any`, as tsc cannot follow their op names to EditOp.
/** @returns {{ version: number, ops: any[] }} */
function fromFlat(flat) {
  const ops = new Map();
  const op = (name) => {
    if (!ops.has(name)) ops.set(name, {});
    return ops.get(name);
  };
  for (const [key, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    if (key in FLAT) {
      const [name, param] = FLAT[key];
      op(name)[param] = finite(value, key);
    } else if (key === 'crop') {
      if (!value || typeof value !== 'object') throw new TypeError('gemroll: edit param crop must be {x, y, w, h} (0..1)');
      const c = op('crop');
      for (const [k, alias] of [['x'], ['y'], ['w', 'width'], ['h', 'height']]) {
        const v = value[k] ?? (alias ? value[alias] : undefined);
        if (v !== undefined) c[k] = finite(v, `crop.${k}`);
      }
    } else if (key === 'look') {
      op('look').name = checkLook(value, 'look');
    } else if (key === 'lookStrength') {
      op('look').strength = finite(value, 'lookStrength');
    } else {
      throw new TypeError(`gemroll: unknown edit param ${JSON.stringify(key)} (known: ${FLAT_KEYS.join(', ')})`);
    }
  }
  if (ops.has('look') && ops.get('look').name === undefined) {
    throw new TypeError('gemroll: lookStrength needs a look');
  }
  return {
    version: EDIT_PARAMS_VERSION,
    ops: OP_ORDER.filter((n) => ops.has(n)).map((n) => ({ op: n, version: 1, params: ops.get(n) })),
  };
}

/** @returns {{ version: number, ops: any[] }} */
function checkJsonForm(p) {
  if (!Number.isInteger(p.version) || p.version < 1) {
    throw new TypeError(`gemroll: edit params version must be an integer >= 1, not ${String(p.version)}`);
  }
  if (p.ops === undefined) return { version: p.version, ops: [] };
  if (!Array.isArray(p.ops)) throw new TypeError('gemroll: edit params ops must be an array');
  const ops = p.ops.map((o, i) => {
    if (!o || typeof o !== 'object' || typeof o.op !== 'string') {
      throw new TypeError(`gemroll: edit params ops[${i}] must be {op, version, params}`);
    }
    const params = o.params === undefined ? {} : o.params;
    if (!params || typeof params !== 'object' || Array.isArray(params)) {
      throw new TypeError(`gemroll: edit params ops[${i}] (${o.op}): params must be an object`);
    }
    for (const [k, v] of Object.entries(params)) {
      if (o.op === 'look' && k === 'name') checkLook(v, `ops[${i}] look name`);
      else finite(v, `ops[${i}] ${o.op}.${k}`);
    }
    return { op: o.op, version: o.version === undefined ? 1 : o.version, params };
  });
  return { version: p.version, ops };
}

// Either form (or its JSON text) -> the JSON form, checked: unknown flat
// keys, non-numbers, NaN/Infinity and unknown looks throw. Out-of-range
// numbers are left to the core, which clamps them (commitEdit shows how).
/** @type {typeof Api.toEditParams} */
export function toEditParams(params) {
  if (params === undefined || params === null) return { version: EDIT_PARAMS_VERSION, ops: [] };
  if (typeof params === 'string') {
    let parsed;
    try {
      parsed = JSON.parse(params);
    } catch (e) {
      throw new TypeError(`gemroll: edit params are not valid JSON: ${e.message}`);
    }
    return toEditParams(parsed);
  }
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new TypeError('gemroll: edit params must be an object ({version, ops} or {exposure, look, ...})');
  }
  return 'ops' in params || 'version' in params ? checkJsonForm(params) : fromFlat(params);
}

// The JSON form -> the flat form (ops this version does not know are dropped).
/** @type {typeof Api.toEditSettings} */
export function toEditSettings(params) {
  const p = toEditParams(params);
  const out = {};
  for (const { op, params: v } of p.ops) {
    for (const [key, [name, param]] of Object.entries(FLAT)) {
      if (name === op && v[param] !== undefined) out[key] = v[param];
    }
    if (op === 'crop') out.crop = { x: v.x ?? 0, y: v.y ?? 0, w: v.w ?? 1, h: v.h ?? 1 };
    if (op === 'look') {
      out.look = v.name;
      if (v.strength !== undefined) out.lookStrength = v.strength;
    }
  }
  return out;
}

// Keep boxes for smart crop: `keep` relative boxes {x, y, w, h}; `faces` as
// scan records carry them ({box: {x, y, width, height}}) or bare pixel boxes
// of the upright full-size photo.
/** @param {Api.SmartCropOptions} options */
export function toCropBoxes(options) {
  const out = {};
  const list = (v, what) => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new TypeError(`gemroll: smartCrop ${what} must be an array`);
    return v;
  };
  const keep = list(options.keep, 'keep');
  if (keep) {
    out.keep = keep.map((b, i) => {
      if (!b || typeof b !== 'object') throw new TypeError(`gemroll: keep[${i}] must be {x, y, w, h}`);
      const r = { x: b.x, y: b.y, w: b.w ?? b.width, h: b.h ?? b.height };
      for (const k of ['x', 'y', 'w', 'h']) finite(r[k], `keep[${i}].${k}`);
      return r;
    });
  }
  const faces = list(options.faces, 'faces');
  if (faces) {
    out.faces = faces.map((f, i) => {
      const b = f && typeof f === 'object' && f.box ? f.box : f;
      if (!b || typeof b !== 'object') throw new TypeError(`gemroll: faces[${i}] must be {x, y, width, height} or {box}`);
      const r = { x: b.x, y: b.y, width: b.width, height: b.height };
      for (const k of ['x', 'y', 'width', 'height']) finite(r[k], `faces[${i}].${k}`);
      return r;
    });
  }
  return out;
}

// One input (a node path, File, Blob, ArrayBuffer or typed array) -> an
// ArrayBuffer the package owns and may transfer.
/**
 * @param {Api.EditInput} input
 * @param {number} [maxBytes]
 */
export async function readEditInput(input, maxBytes = MAX_INPUT_BYTES) {
  const isPath = typeof input === 'string' || input instanceof URL;
  if (!(isPath || input instanceof ArrayBuffer || ArrayBuffer.isView(input) ||
        (typeof Blob !== 'undefined' && input instanceof Blob))) {
    throw new TypeError(`gemroll: cannot edit ${Object.prototype.toString.call(input)} (a path, File, Blob or ArrayBuffer)`);
  }
  if (isPath && isNode) {
    const { stat } = await nodeModule('fs/promises');
    const { fileURLToPath } = await nodeModule('url');
    const path = input instanceof URL || /^file:/i.test(input) ? fileURLToPath(input) : input;
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      throw new GemrollError('io', `cannot read file: ${e.code || e.message}`);
    }
    if (st.isDirectory()) throw new TypeError(`gemroll: an edit reads one photo, and ${path} is a folder`);
  }
  let item;
  for await (const x of listInputs(input)) {
    item = x;
    break;
  }
  if (item.size !== undefined && item.size > maxBytes) {
    throw new GemrollError('too_large', `file is ${Math.floor(item.size / 1048576)} MiB, over the limit`);
  }
  try {
    return await item.read(maxBytes);
  } catch (e) {
    if (isGemrollError(e)) throw e;
    throw e;
  }
}


// Runs {type: 'edit', op, ...} on the pool; resolves with the worker's
// result, rejects with a GemrollError or the signal's reason.
export async function runEditJob(pool, message, transfer, signal) {
  return (await pool.call({ type: 'edit', ...message }, { transfer, signal })).result;
}

// The options each op passes on to the engine (edit_bindings.cc).
/**
 * @param {'autoEnhance' | 'render' | 'export' | 'smartCrop'} op
 * @param {Api.EditCallOptions & Api.RenderEditOptions & Api.ExportJpegOptions & Api.SmartCropOptions} [options]
 */
export function engineEditOptions(op, options = {}) {
  const out = {};
  const pick = (...keys) => {
    for (const k of keys) if (options[k] !== undefined) out[k] = options[k];
  };
  pick('maxPixels', 'maxBytes');
  if (op === 'render') {
    if (options.longSide !== undefined && !(Number.isInteger(options.longSide) && options.longSide >= 0)) {
      throw new RangeError('gemroll: longSide must be an integer >= 0 (0 = full size)');
    }
    if (options.format !== undefined && options.format !== 'rgba' && options.format !== 'jpeg') {
      throw new TypeError("gemroll: format must be 'rgba' or 'jpeg'");
    }
    pick('longSide', 'format', 'quality');
  } else if (op === 'export') {
    if (options.quality !== undefined && !(Number.isInteger(options.quality) && options.quality >= 1 && options.quality <= 100)) {
      throw new RangeError(`gemroll: quality must be an integer 1..100, not ${String(options.quality)}`);
    }
    if (options.keepLocation !== undefined && typeof options.keepLocation !== 'boolean') {
      throw new TypeError('gemroll: keepLocation must be a boolean');
    }
    if (options.subsampling !== undefined && options.subsampling !== '420' && options.subsampling !== '444') {
      throw new TypeError("gemroll: subsampling must be '420' or '444'");
    }
    pick('quality', 'keepLocation', 'subsampling');
  }
  return out;
}

/** @returns {Api.CropAspect} */
export function checkAspect(aspect) {
  if (!CROP_ASPECTS.includes(aspect)) {
    throw new RangeError(`gemroll: aspect must be one of ${CROP_ASPECTS.join(', ')}, not ${JSON.stringify(aspect)}`);
  }
  return aspect;
}
