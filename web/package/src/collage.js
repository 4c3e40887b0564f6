// @ts-check
// Collages: photos composed into one JPEG with a layout (grid, mosaic, strip,
// hero), a theme and a title by the core's collage stage in a worker, and a
// suggested collage per moment. The main-thread half reads the inputs and
// builds the requests; the worker half (runCollage, runCollageSuggest) runs them.
import { GemrollError } from './errors.js';
import { listInputs } from './inputs.js';
import { abortReason } from './platform.js';
import { MAX_INPUT_BYTES } from '../wasm/limits.js';  // gemroll/limits.h
/** @import * as Api from './types/collage.js' */
/** @import { Suggestions } from './types/suggestions.js' */

// The title font next to the wasm builds (DejaVu Sans Bold, Debian
// fonts-dejavu-core; licence in NOTICE), copied there by the wasm build.
export const COLLAGE_FONT_ASSET = 'DejaVuSans-Bold.ttf';

/** @type {typeof Api.COLLAGE_LAYOUTS} */
export const COLLAGE_LAYOUTS = Object.freeze(['grid', 'mosaic', 'strip', 'hero']);
/** @type {typeof Api.COLLAGE_THEMES} */
export const COLLAGE_THEMES = Object.freeze(['none', 'birthday', 'graduation', 'trip', 'holiday', 'year_in_review']);

// Options passed to the engine as they are (see CollageOptions in index.d.ts).
const ENGINE_KEYS = [
  'layout', 'theme', 'title', 'subtitle', 'width', 'height', 'gutter', 'margin', 'background',
  'textColor', 'accent', 'cornerRadius', 'border', 'titleHeight', 'hero', 'quality', 'smartCrop',
  'place', 'startDay', 'endDay',
];
const MAX_PHOTOS = 64;


function checkOptions(options) {
  if (options.layout !== undefined && !COLLAGE_LAYOUTS.includes(options.layout)) {
    throw new RangeError(`layout must be one of ${COLLAGE_LAYOUTS.join(', ')}`);
  }
  if (options.theme !== undefined && !COLLAGE_THEMES.includes(options.theme)) {
    throw new RangeError(`theme must be one of ${COLLAGE_THEMES.join(', ')}`);
  }
  for (const k of ['background', 'textColor', 'accent']) {
    if (options[k] !== undefined && !/^#[0-9a-f]{6}$/i.test(options[k])) {
      throw new RangeError(`${k} must be a colour "#rrggbb"`);
    }
  }
  const out = {};
  for (const k of ENGINE_KEYS) if (options[k] !== undefined && options[k] !== null) out[k] = options[k];
  return out;
}

// Face boxes of a scan record (models: true) as relative keep boxes.
/**
 * @param {any} record a PhotoRecord, read by duck typing: [] without faces and a size
 * @returns {Api.RelativeBox[]}
 */
export function keepBoxesFromRecord(record) {
  if (!record || !Array.isArray(record.faces) || !(record.width > 0) || !(record.height > 0)) return [];
  return record.faces.map((f) => {
    const b = f.box || f;
    return { x: b.x / record.width, y: b.y / record.height, w: b.width / record.width, h: b.height / record.height };
  });
}

// One collage input: a plain input (path, Blob, File, bytes, file handle) or
// {input, keep?, width?, height?, edit?}.
function normaliseEntry(entry) {
  if (entry && typeof entry === 'object' && !ArrayBuffer.isView(entry) && 'input' in entry) return entry;
  return { input: entry };
}

async function readEntry(entry, index, maxBytes) {
  const { input, keep, width, height, edit } = normaliseEntry(entry);
  const found = [];
  for await (const it of listInputs(input)) {
    found.push(it);
    if (found.length > 1) break;
  }
  const item = found[0];
  const name = item ? item.path : `#${index + 1}`;
  const fail = (code, message) => new GemrollError(code, `photo ${index} (${name}): ${message}`);
  if (!item) throw fail('io', 'nothing to read (an empty folder?)');
  if (found.length > 1) throw fail('invalid_argument', 'a folder: give one photo per collage input');
  if (item.size !== undefined && item.size > maxBytes) throw fail('too_large', 'over the byte limit');
  let bytes;
  try {
    bytes = await item.read(maxBytes);
  } catch (e) {
    throw fail(e.code || 'io', (e && e.message) || String(e));
  }
  const out = { bytes, path: name };
  if (Array.isArray(keep)) out.keep = keep.map((b) => ({ x: b.x, y: b.y, w: b.w ?? b.width, h: b.h ?? b.height }));
  if (width > 0 && height > 0) {
    out.width = width;
    out.height = height;
  }
  if (edit !== undefined && edit !== null) out.edit = typeof edit === 'string' ? edit : JSON.stringify(edit);
  return out;
}

// Gemroll#collage: reads the inputs, composes in a worker.
/**
 * @param {Iterable<Api.CollageInput>} inputs
 * @param {Api.CollageOptions} [options]
 * @returns {Promise<Api.Collage>}
 */
export async function composeCollage(pool, assetsBase, inputs, options = {}) {
  const { signal } = options;
  if (signal && signal.aborted) throw abortReason(signal);
  const list = [...inputs];
  if (list.length === 0) throw new RangeError('gemroll: a collage needs at least one photo');
  if (list.length > MAX_PHOTOS) throw new RangeError(`gemroll: a collage takes at most ${MAX_PHOTOS} photos`);
  const engineOptions = checkOptions(options);
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const items = [];
  for (let i = 0; i < list.length; i++) {
    items.push(await readEntry(list[i], i, maxBytes));
    if (signal && signal.aborted) throw abortReason(signal);
  }
  const fontUrl = options.font === false ? null : new URL(COLLAGE_FONT_ASSET, assetsBase).href;
  const msg = await pool.call(
    { type: 'collage', items: items.map(({ path, ...rest }) => rest), options: engineOptions, fontUrl },
    { transfer: items.map((it) => it.bytes), signal });
  const layout = msg.layout;
  layout.cells.forEach((c) => (c.path = items[c.photo].path));
  if (msg.fontError) {
    layout.reasons.push({ code: 'font_unavailable', text: `title font not loaded: ${msg.fontError}`, weight: -0.2 });
  }
  return { jpeg: msg.jpeg, width: layout.width, height: layout.height, titleDrawn: msg.titleDrawn, layout };
}

const day = (iso) => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : '');

// The engine's moment description for a suggestions.json moment (or a
// year): its showcase (the core chose it: picks, then good members), or a
// year's gems, with what SuggestCollage weighs (gem score, people).
function momentRequest(suggestions, momentId) {
  const photos = new Map(suggestions.photos.map((p, i) => [p.path, { ...p, index: i }]));
  const entry = (path) => {
    const p = photos.get(path);
    if (!p || !p.ok) return null;
    return { index: p.index, width: p.width, height: p.height, gem: p.scores ? p.scores.gem : 0, faces: p.people > 0 ? p.people : 0 };
  };
  const yearMatch = typeof momentId === 'string' && /^year:(\d{4})$/.exec(momentId);
  if (yearMatch) {
    const year = yearMatch[1];
    const paths = suggestions.gems.filter((path) => (photos.get(path)?.captureTime || '').startsWith(year));
    return { moment: { type: 'year', title: `${year}`, place: '', startDay: `${year}-01-01`, endDay: `${year}-12-31`,
      picks: paths.map(entry).filter(Boolean) }, id: momentId };
  }
  const moment = suggestions.moments.find((m) => m.id === momentId);
  if (!moment) throw new RangeError(`gemroll: no moment ${JSON.stringify(momentId)} (a moment id or "year:YYYY")`);
  const offered = Array.isArray(moment.showcase) ? moment.showcase.map((s) => s.path) : moment.picks;
  return { moment: { type: moment.type, title: moment.title, place: moment.place ? moment.place.name : '',
    startDay: day(moment.start), endDay: day(moment.end), picks: offered.map(entry).filter(Boolean) }, id: moment.id };
}

// The focus of a suggestions photo entry as collage keep boxes: the box
// around the faces the core counts as people stays whole in the crop.
/**
 * @param {any} entry a suggestions.photos entry, read by duck typing: [] without a faces focus
 * @returns {Api.RelativeBox[]}
 */
export function keepBoxesFromSuggestion(entry) {
  const f = entry && entry.focus;
  if (!f || f.kind !== 'faces' || !f.box) return [];
  return [{ x: f.box.x, y: f.box.y, w: f.box.width, h: f.box.height }];
}

// Gemroll#suggestCollage: a theme, layout and photo choice for one moment.
/**
 * @param {Suggestions} suggestions
 * @param {number | `year:${number}`} momentId
 * @param {Api.CollageSuggestOptions} [options]
 * @returns {Promise<Api.CollageSuggestion>}
 */
export async function suggestCollage(pool, suggestions, momentId, options = {}) {
  if (!suggestions || !Array.isArray(suggestions.photos) || !Array.isArray(suggestions.moments)) {
    throw new TypeError('gemroll: suggestCollage needs the suggestions object from suggest()');
  }
  const { moment, id } = momentRequest(suggestions, momentId);
  const engineOptions = {};
  for (const k of ['maxPhotos', 'birthdays', 'width']) if (options[k] !== undefined) engineOptions[k] = options[k];
  const msg = await pool.call({ type: 'collage-suggest', moment, options: engineOptions }, { signal: options.signal });
  const s = msg.suggestion;
  const photos = s.photos.map((i) => {
    const p = suggestions.photos[i];
    const keep = keepBoxesFromSuggestion(p);
    return { path: p.path, width: p.width, height: p.height, ...(keep.length && { keep }) };
  });
  return { momentId: id, ...s, photos, startDay: moment.startDay, endDay: moment.endDay, place: moment.place };
}

// ---- worker side ------------------------------------------------------------

const fonts = new Map();  // url -> Promise<Uint8Array>

// 'collage-suggest' -> {reply: {suggestion}}
export function runCollageSuggest(engine, msg) {
  const r = engine.suggestCollage(msg.moment, msg.options || {});
  return { reply: { suggestion: JSON.parse(r.json) }, transfer: [] };
}

// 'collage' -> {reply: {jpeg, layout, titleDrawn, fontError?}, transfer};
// readAsset(url) -> Promise<Uint8Array> (the title font, kept per URL).
export async function runCollage(engine, msg, readAsset) {
  let font = null;
  let fontError = null;
  if (msg.fontUrl) {
    let pending = fonts.get(msg.fontUrl);
    if (!pending) {
      pending = readAsset(msg.fontUrl);
      fonts.set(msg.fontUrl, pending);
      pending.catch(() => fonts.delete(msg.fontUrl));
    }
    try {
      font = await pending;
    } catch (e) {
      fontError = String((e && e.message) || e);
    }
  }
  const items = msg.items.map((it) => ({ ...it, bytes: new Uint8Array(it.bytes) }));
  const r = engine.collage(items, msg.options || {}, font);
  const reply = { jpeg: r.jpeg, layout: JSON.parse(r.json), titleDrawn: r.titleDrawn };
  if (fontError) reply.fontError = fontError;
  return { reply, transfer: [r.jpeg.buffer] };
}
