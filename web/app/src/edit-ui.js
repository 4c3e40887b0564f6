// Edits in the app: the photo editor (a preview rendered by the engine in a
// worker, before/after comparison, Auto with its reasons, the looks with a
// strength, a few adjustment sliders, smart-crop aspects, "Save copy" as a
// new full-resolution JPEG) and "Apply a look to a moment". Everything runs
// in this tab on the user's files: a copy is downloaded, shared or written to
// a folder the user picks for it — never to the folder that was scanned, and
// the originals are only ever read.
//
// Edit state is kept as the package's edit params (EditParams JSON:
// {version, ops: [{op, version, params}]}), so what the preview shows, what
// is exported and the "recipe" shown to the user are one and the same value
// and replay at any resolution.
import { baseName, h, sizeText } from './dom.js';

const stem = (p) => baseName(p).replace(/\.[^.]+$/, '');

// ---------------------------------------------------------------- params

export const LOOKS = [
  ['none', 'None'], ['bw', 'Black & white'], ['film', 'Film'], ['warm', 'Warm'], ['cool', 'Cool'],
  ['vivid', 'Vivid'], ['faded', 'Faded'], ['cartoon', 'Cartoon'], ['sketch', 'Sketch'],
];
const ASPECTS = [['original', 'Original'], ['1:1', '1:1'], ['4:5', '4:5'], ['9:16', '9:16'], ['16:9', '16:9']];

// The sliders shown. Ranges are a comfortable part of what CommitEdit accepts
// (edit.h); the rest of Auto's choices (levels, vibrance, clarity, denoise,
// sharpening, tint) are kept as Auto set them.
const SLIDERS = [
  { key: 'exposure', label: 'Exposure', min: -2, max: 2, step: 0.05, show: (v) => `${v > 0 ? '+' : ''}${v.toFixed(2)} EV` },
  { key: 'contrast', label: 'Contrast', min: -1, max: 1, step: 0.02, show: (v) => signed(v * 100) },
  { key: 'temperature', label: 'Warmth', min: -100, max: 100, step: 1, show: (v) => signed(v) },
  { key: 'saturation', label: 'Saturation', min: -1, max: 1, step: 0.02, show: (v) => signed(v * 100) },
  { key: 'shadows', label: 'Shadows', min: -1, max: 1, step: 0.02, show: (v) => signed(v * 100) },
  { key: 'highlights', label: 'Highlights', min: -1, max: 1, step: 0.02, show: (v) => signed(v * 100) },
];
const signed = (v) => `${v > 0 ? '+' : ''}${Math.round(v)}`;

// Friendly fields <-> EditParams ops (wasm/src/edit/edit_params.cc).
const OPS = [
  ['straighten', { angleDeg: 'straighten' }],
  ['crop', { x: 'cropX', y: 'cropY', w: 'cropW', h: 'cropH' }],
  ['denoise', { amount: 'denoise' }],
  ['exposure', { ev: 'exposure' }],
  ['whiteBalance', { temperature: 'temperature', tint: 'tint' }],
  ['shadowsHighlights', { shadows: 'shadows', highlights: 'highlights' }],
  ['toneCurve', { blackPoint: 'blackPoint', whitePoint: 'whitePoint', contrast: 'contrast' }],
  ['localContrast', { amount: 'localContrast' }],
  ['color', { vibrance: 'vibrance', saturation: 'saturation' }],
  ['look', { name: 'look', strength: 'lookStrength' }],
  ['sharpen', { amount: 'sharpen' }],
];
const GEOMETRY_OPS = new Set(['straighten', 'crop']);
export const DEFAULTS = Object.freeze({
  straighten: 0, cropX: 0, cropY: 0, cropW: 1, cropH: 1, denoise: 0, exposure: 0, temperature: 0, tint: 0,
  shadows: 0, highlights: 0, blackPoint: 0, whitePoint: 1, contrast: 0, localContrast: 0, vibrance: 0,
  saturation: 0, look: 'none', lookStrength: 1, sharpen: 0,
});

export function toParams(state, { geometryOnly = false } = {}) {
  const ops = [];
  for (const [op, fields] of OPS) {
    if (geometryOnly && !GEOMETRY_OPS.has(op)) continue;
    const entries = Object.entries(fields);
    if (op === 'look' ? state.look === 'none' : entries.every(([, k]) => state[k] === DEFAULTS[k])) continue;
    ops.push({ op, version: 1, params: Object.fromEntries(entries.map(([f, k]) => [f, state[k]])) });
  }
  return { version: 1, ops };
}

export function fromParams(params, base = DEFAULTS) {
  const state = { ...base };
  for (const o of (params && params.ops) || []) {
    const fields = (OPS.find(([op]) => op === o.op) || [])[1];
    if (!fields) continue;
    for (const [f, k] of Object.entries(fields)) if (o.params && o.params[f] !== undefined) state[k] = o.params[f];
  }
  return state;
}

const asBytes = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b));

// ---------------------------------------------------------------- engine

// The package's edit calls on the app's Gemroll instance, each in one of its
// workers. Results are normalised here so the UI reads one shape.
export class EditEngine {
  constructor(app) {
    this.app = app;
  }

  get g() {
    const g = this.app.gemroll;
    if (!g || typeof g.renderEdit !== 'function') throw new Error('this build of the engine has no edit support');
    return g;
  }

  async auto(input, signal) {
    const r = await this.g.autoEnhance(input, { signal });
    return { params: r.params, reasons: r.reasons || [] };
  }

  // -> {width, height, fullWidth, fullHeight, image: ImageData}
  async render(input, params, longSide, signal) {
    const r = await this.g.renderEdit(input, params, { longSide, signal });
    let image;
    if (r.rgba) {
      image = new ImageData(new Uint8ClampedArray(r.rgba.buffer, r.rgba.byteOffset, r.width * r.height * 4), r.width, r.height);
    } else {
      const bitmap = await createImageBitmap(new Blob([r.jpeg], { type: 'image/jpeg' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    }
    return { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight, image };
  }

  // -> {bytes: Uint8Array, info: {width, height, locationKept, dateTimeOriginal, ...}}
  async export(input, params, { keepLocation = false, quality = 90, signal } = {}) {
    const { jpeg, ...info } = await this.g.exportJpeg(input, params, { keepLocation, quality, signal });
    return { bytes: asBytes(jpeg), info };
  }

  // -> {rect: {x, y, w, h} relative, reasons}
  async smartCrop(input, aspect, faces, signal) {
    const r = await this.g.smartCrop(input, aspect, { faces: faces && faces.length ? faces : undefined, signal });
    return { rect: r.rect, reasons: r.reasons || [], score: r.score };
  }
}

// JPEG bytes of an ImageData, made by the browser: the small, upright source
// the preview re-renders from, so a slider never waits for a 12-MP decode.
async function jpegOf(image, quality = 0.95) {
  const c = new OffscreenCanvas(image.width, image.height);
  c.getContext('2d').putImageData(image, 0, 0);
  return new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
}

async function scaledJpeg(image, longSide) {
  const k = Math.min(1, longSide / Math.max(image.width, image.height));
  const w = Math.max(1, Math.round(image.width * k)), hgt = Math.max(1, Math.round(image.height * k));
  const src = new OffscreenCanvas(image.width, image.height);
  src.getContext('2d').putImageData(image, 0, 0);
  const c = new OffscreenCanvas(w, hgt);
  const ctx = c.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, 0, 0, w, hgt);
  return new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
}

// "Latest wins" rendering: at most one render of a preview is in flight;
// while it runs, newer requests replace each other and only the last one is
// rendered next. Dragging a slider therefore never queues a backlog, and a
// stale result is never drawn. A running render is not killed on every
// slider step (cancelling a wasm call costs its worker a restart): the
// dialog's AbortSignal cancels what is in flight when the dialog closes.
class LatestRenderer {
  #want = null;
  #running = false;

  // `report`: an element whose data-render (busy | idle) and data-renders
  // (renders finished) tell tests and tools when the preview has settled.
  constructor(run, { delayMs = 30, report = null } = {}) {
    this.run = run;
    this.delayMs = delayMs;
    this.report = report;
  }

  request(job) {
    this.#want = job;
    if (this.report) this.report.dataset.render = 'busy';
    if (!this.#running) this.#loop();
  }

  async #loop() {
    this.#running = true;
    try {
      while (this.#want) {
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        const job = this.#want;
        this.#want = null;
        try {
          await this.run(job, () => this.#want !== null);
          if (this.report && this.#want === null) this.report.dataset.renders = String(Number(this.report.dataset.renders || 0) + 1);
        } catch (e) {
          if (!(e && e.name === 'AbortError')) console.warn('gemroll: preview failed', e);
          if (e && e.name === 'AbortError') this.#want = null;
        }
      }
    } finally {
      this.#running = false;
      if (this.report) this.report.dataset.render = 'idle';
    }
  }
}

// ---------------------------------------------------------------- saving

export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

// Web Share where the browser can share files; else a download. Returns
// what happened, for the status line.
export async function shareOrSave(file) {
  if (navigator.canShare && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: file.name });
      return 'shared';
    } catch (e) {
      if (e.name === 'AbortError') return 'cancelled';
      throw e;
    }
  }
  saveBlob(file, file.name);
  return 'downloaded';
}

// A modal dialog made once per id and kept; Escape and the backdrop close it
// (the <dialog> element traps focus while modal and returns it on close).
export function sheet(id, className) {
  let d = document.getElementById(id);
  if (!d) {
    d = h(`dialog.sheet.${className}`, { id, 'aria-labelledby': `${id}-title` }, h('div.sheet-body'));
    d.addEventListener('click', (e) => {
      if (e.target === d) d.close();
    });
    document.body.append(d);
  }
  return d;
}

export function closeButton(d) {
  return h('button.icon-btn', { type: 'button', 'aria-label': 'Close', onclick: () => d.close(), text: '×' });
}

export function slider({ id, label, min, max, step, value, show, oninput, disabled }) {
  const out = h('output.slider-value', { for: id, text: show(value) });
  const input = h('input.slider', { type: 'range', id, min: String(min), max: String(max), step: String(step),
                                    value: String(value), disabled, 'aria-valuetext': show(value) });
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = show(v);
    input.setAttribute('aria-valuetext', show(v));
    oninput(v);
  });
  const row = h('div.slider-row', {}, h('label', { for: id, text: label }), out, input);
  row.set = (v) => {
    input.value = String(v);
    out.textContent = show(v);
    input.setAttribute('aria-valuetext', show(v));
  };
  row.input = input;
  return row;
}

// A radio group drawn as chips (arrow keys move between them natively).
function chips({ name, legend, items, value, onchange, thumb }) {
  const set = h('fieldset.chips', {}, h('legend', { text: legend }));
  const inputs = new Map();
  for (const [v, label] of items) {
    const id = `${name}-${v.replace(/[^a-z0-9]/gi, '_')}`;
    const input = h('input.visually-hidden', { type: 'radio', name, id, value: v });
    input.checked = v === value;
    input.addEventListener('change', () => input.checked && onchange(v));
    inputs.set(v, input);
    set.append(h('label.chip', { for: id, 'data-value': v }, input, thumb ? thumb(v) : null, h('span', { text: label })));
  }
  set.select = (v) => {
    const i = inputs.get(v);
    if (i) i.checked = true;
  };
  return set;
}

// ---------------------------------------------------------------- editor

const PREVIEW_LONG_SIDE = 1024;
const CHIP_LONG_SIDE = 120;
let session = null;  // the open editor: {abort, ...}

function photoFaces(app, path) {
  const r = app.records.get(path) || {};
  return (r.faces || []).map((f) => ({ x: f.x, y: f.y, width: f.width, height: f.height }));
}

function hasGps(app, path) {
  const p = app.photos.get(path) || {};
  const r = app.records.get(path) || {};
  return Boolean((p.exif && p.exif.gps) || (r.exif && r.exif.gps));
}

/** The photo editor for `path`; `app` is the page's state (files, records, gemroll). */
export async function openEditor(path, app) {
  const d = sheet('edit-dialog', 'edit-sheet');
  if (session) session.abort.abort();
  const file = app.files.get(path);
  const engine = new EditEngine(app);
  const abort = new AbortController();
  const signal = abort.signal;
  const s = { abort, path, state: { ...DEFAULTS }, auto: null, crop: 'original', base: null };
  session = s;
  d.addEventListener('close', () => {
    abort.abort();
    if (session === s) session = null;
  }, { once: true });
  d.dataset.render = 'busy';
  d.dataset.renders = '0';
  delete d.dataset.saved;

  const body = d.querySelector('.sheet-body');
  const title = h('h2', { id: 'edit-dialog-title', text: `Edit ${baseName(path)}` });
  const status = h('p.edit-status', { role: 'status', 'aria-live': 'polite' });
  if (!file) {
    body.replaceChildren(h('div.sheet-head', {}, title, closeButton(d)),
      h('p', { text: 'This file is no longer available; choose the folder again.' }));
    d.showModal();
    return;
  }

  // The stage: the edited preview, with the original (same crop) drawn over
  // its left part up to the split.
  const after = h('canvas.edit-after', { role: 'img', 'aria-label': 'Edited preview' });
  const before = h('canvas.edit-before', { 'aria-hidden': 'true' });
  const labels = h('div.edit-labels', { 'aria-hidden': 'true' }, h('span', { text: 'Original' }), h('span', { text: 'Edited' }));
  const stage = h('div.edit-stage', { 'data-split': '0' },
    h('div.edit-frame', {}, after, before, h('div.edit-divider', { 'aria-hidden': 'true' }), labels));
  const setSplit = (v) => {
    stage.style.setProperty('--split', `${v}%`);
    stage.dataset.split = String(v);
  };
  setSplit(0);
  const split = slider({ id: 'edit-split', label: 'Compare with the original', min: 0, max: 100, step: 1, value: 0,
                         show: (v) => (v === 0 ? 'edited' : v === 100 ? 'original' : `${v}% original`), oninput: setSplit });
  // Press and hold (mouse, touch, or Space/Enter held on the button) shows the original.
  const hold = h('button.btn.small.edit-hold', { type: 'button', 'aria-pressed': 'false', text: 'Hold to see the original' });
  let held = null;
  const press = (on) => {
    if (on && held === null) {
      held = Number(split.input.value);
      setSplit(100);
    } else if (!on && held !== null) {
      setSplit(held);
      held = null;
    }
    hold.setAttribute('aria-pressed', String(on));
  };
  hold.addEventListener('pointerdown', () => press(true));
  for (const ev of ['pointerup', 'pointerleave', 'pointercancel', 'blur']) hold.addEventListener(ev, () => press(false));
  hold.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      press(true);
    }
  });
  hold.addEventListener('keyup', (e) => {
    if (e.key === ' ' || e.key === 'Enter') press(false);
  });

  const draw = (canvas, image) => {
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d').putImageData(image, 0, 0);
  };

  // Preview: the edited render, and the original with the same geometry.
  let geometryKey = '';
  const preview = new LatestRenderer(async (params, superseded) => {
    const r = await engine.render(s.base, params, PREVIEW_LONG_SIDE, signal);
    if (superseded() || signal.aborted) return;
    draw(after, r.image);
    const geo = JSON.stringify(toParams(s.state, { geometryOnly: true }));
    if (geo !== geometryKey) {
      const b = geo === JSON.stringify({ version: 1, ops: [] }) ? s.baseImage
        : (await engine.render(s.base, JSON.parse(geo), PREVIEW_LONG_SIDE, signal)).image;
      if (signal.aborted) return;
      draw(before, b);
      geometryKey = geo;
    }
  }, { report: d });
  const rerender = () => {
    if (!s.base) return;  // the first render follows the source's decode
    recipe.textContent = JSON.stringify(toParams(s.state), null, 1);
    preview.request(toParams(s.state));
  };

  // Auto.
  const autoBtn = h('button.btn.edit-auto', { type: 'button', 'aria-pressed': 'false', text: 'Auto' });
  const autoWhy = h('ul.reasons.edit-auto-why', { 'aria-label': 'What Auto changed' });
  autoBtn.addEventListener('click', async () => {
    if (s.auto && autoBtn.getAttribute('aria-pressed') === 'true') {
      // Off again: back to the state before Auto, keeping look and crop.
      s.state = { ...DEFAULTS, look: s.state.look, lookStrength: s.state.lookStrength, ...cropFields(s.state) };
      autoBtn.setAttribute('aria-pressed', 'false');
      autoWhy.replaceChildren();
      syncControls();
      rerender();
      return;
    }
    autoBtn.disabled = true;
    status.textContent = 'Looking at the photo…';
    try {
      if (!s.auto) s.auto = await engine.auto(file, signal);
      const look = { look: s.state.look, lookStrength: s.state.lookStrength, ...cropFields(s.state) };
      s.state = { ...fromParams(s.auto.params), ...look };
      autoBtn.setAttribute('aria-pressed', 'true');
      autoWhy.replaceChildren(...(s.auto.reasons.length ? s.auto.reasons : [{ text: 'Nothing to fix: exposure, colour and contrast look right already.' }])
        .map((r) => h('li', { text: r.text })));
      status.textContent = '';
      syncControls();
      rerender();
      refreshChips();
    } catch (e) {
      if (e.name !== 'AbortError') status.textContent = `Auto could not run: ${e.message}`;
    } finally {
      autoBtn.disabled = false;
    }
  });

  // Looks, each chip a small render of the look on this photo.
  const chipCanvases = new Map();
  const looks = chips({
    name: 'edit-look', legend: 'Look', items: LOOKS, value: 'none',
    thumb: (v) => {
      const c = h('canvas.chip-thumb', { 'aria-hidden': 'true', width: '1', height: '1' });
      chipCanvases.set(v, c);
      return c;
    },
    onchange: (v) => {
      s.state.look = v;
      strength.input.disabled = v === 'none';
      rerender();
    },
  });
  const strength = slider({ id: 'edit-strength', label: 'Look strength', min: 0, max: 1, step: 0.05, value: 1,
                            show: (v) => `${Math.round(v * 100)}%`, disabled: true,
                            oninput: (v) => { s.state.lookStrength = v; rerender(); } });
  const chipRenderer = new LatestRenderer(async (state, superseded) => {
    for (const [look] of LOOKS) {
      if (superseded() || signal.aborted) return;
      const r = await engine.render(s.chipBase, toParams({ ...state, look, lookStrength: 1 }), CHIP_LONG_SIDE, signal);
      draw(chipCanvases.get(look), r.image);
    }
  }, { delayMs: 0 });
  const refreshChips = () => s.chipBase && chipRenderer.request({ ...s.state, ...cropFields(DEFAULTS) });

  // Adjustments.
  const rows = SLIDERS.map((sl) => slider({ ...sl, id: `edit-${sl.key}`, value: DEFAULTS[sl.key],
                                            oninput: (v) => { s.state[sl.key] = v; rerender(); } }));

  // Crop aspects via smart crop (faces kept when the scan found them).
  const cropWhy = h('ul.reasons.edit-crop-why', { 'aria-label': 'Why this crop' });
  const crops = chips({
    name: 'edit-crop', legend: 'Crop', items: ASPECTS, value: 'original',
    onchange: async (v) => {
      s.crop = v;
      if (v === 'original') {
        Object.assign(s.state, cropFields(DEFAULTS));
        cropWhy.replaceChildren();
        rerender();
        return;
      }
      status.textContent = `Finding the best ${v} crop…`;
      try {
        const faces = photoFaces(app, path);
        const r = await engine.smartCrop(file, v, faces, signal);
        if (s.crop !== v) return;
        Object.assign(s.state, { cropX: r.rect.x, cropY: r.rect.y, cropW: r.rect.w, cropH: r.rect.h });
        cropWhy.replaceChildren(...r.reasons.map((x) => h('li', { text: x.text })));
        status.textContent = '';
        rerender();
      } catch (e) {
        if (e.name !== 'AbortError') status.textContent = `No ${v} crop: ${e.message}`;
      }
    },
  });
  const cropFields = (st) => ({ cropX: st.cropX, cropY: st.cropY, cropW: st.cropW, cropH: st.cropH, straighten: st.straighten });

  const syncControls = () => {
    for (const [i, sl] of SLIDERS.entries()) rows[i].set(s.state[sl.key]);
    looks.select(s.state.look);
    strength.set(s.state.lookStrength);
    strength.input.disabled = s.state.look === 'none';
    crops.select(s.crop);
  };

  const reset = h('button.btn.ghost', { type: 'button', text: 'Reset', onclick: () => {
    s.state = { ...DEFAULTS };
    s.crop = 'original';
    autoBtn.setAttribute('aria-pressed', 'false');
    autoWhy.replaceChildren();
    cropWhy.replaceChildren();
    syncControls();
    rerender();
    refreshChips();
  } });

  // Saving: a new full-resolution JPEG, never the original.
  const gps = hasGps(app, path);
  const keep = h('input', { type: 'checkbox', id: 'edit-keep-location', disabled: !gps });
  const keepRow = h('label.check', { for: 'edit-keep-location' }, keep,
    gps ? ' Keep the location (GPS) in the copy' : ' Keep the location (this photo has none)');
  const outName = `${stem(path)}-edit.jpg`;
  const saveBtn = h('button.btn.primary.edit-save', { type: 'button', text: 'Save copy' });
  const shareBtn = h('button.btn.edit-share', { type: 'button', text: 'Share' });
  const exportCopy = async (how) => {
    saveBtn.disabled = shareBtn.disabled = true;
    d.dataset.saved = 'running';
    status.textContent = 'Making the full-size copy…';
    const t0 = performance.now();
    try {
      const params = toParams(s.state);
      const { bytes, info } = await engine.export(file, params, { keepLocation: keep.checked, signal });
      const copy = new File([bytes], outName, { type: 'image/jpeg' });
      const what = how === 'share' ? await shareOrSave(copy) : (saveBlob(copy, outName), 'downloaded');
      const dims = info.width ? `${info.width} × ${info.height}, ` : '';
      status.textContent = what === 'cancelled' ? 'Sharing cancelled.'
        : `${outName} ${what}: ${dims}${sizeText(bytes.length)}, made in ${((performance.now() - t0) / 1000).toFixed(1)} s. ` +
          `${info.locationKept ? 'Location kept.' : 'No location in the copy.'}${info.dateTimeOriginal ? ' Capture date kept.' : ''} The original is unchanged.`;
      window.gemrollEdit = { params, info, name: outName, size: bytes.length };
      d.dataset.saved = 'done';
    } catch (e) {
      status.textContent = e.name === 'AbortError' ? 'Cancelled.' : `The copy could not be made: ${e.message}`;
      d.dataset.saved = 'error';
    } finally {
      saveBtn.disabled = shareBtn.disabled = false;
    }
  };
  saveBtn.addEventListener('click', () => exportCopy('save'));
  shareBtn.addEventListener('click', () => exportCopy('share'));

  const recipe = h('pre.edit-recipe', { tabindex: '0', 'aria-label': 'Edit recipe as JSON' });

  body.replaceChildren(
    h('div.sheet-head', {}, title, closeButton(d)),
    h('div.edit-layout', {},
      h('div.edit-left', {}, stage, h('div.edit-compare', {}, split, hold)),
      h('div.edit-controls', {},
        h('div.edit-actions', {}, autoBtn, reset), autoWhy,
        looks, strength,
        h('fieldset.edit-adjust', {}, h('legend', { text: 'Adjust' }), rows),
        crops, cropWhy,
        h('h3', { text: 'Save a copy' }),
        keepRow,
        h('div.sheet-actions', {}, saveBtn, shareBtn),
        status,
        h('p.fineprint', { text: `Saved as a new full-resolution JPEG (${outName}) to your downloads or a share. The photo in your folder is never changed.` }),
        h('details.edit-recipe-box', {}, h('summary', { text: 'Edit recipe (replayable JSON)' }), recipe))));
  d.showModal();
  syncControls();

  // The small source every preview starts from: one decode of the original.
  status.textContent = 'Opening the photo…';
  try {
    const first = await engine.render(file, toParams(DEFAULTS), PREVIEW_LONG_SIDE, signal);
    if (signal.aborted) return;
    s.baseImage = first.image;
    draw(after, first.image);
    draw(before, first.image);
    geometryKey = JSON.stringify({ version: 1, ops: [] });
    [s.base, s.chipBase] = await Promise.all([jpegOf(first.image), scaledJpeg(first.image, CHIP_LONG_SIDE)]);
    status.textContent = '';
    if (toParams(s.state).ops.length) rerender();  // changed while it loaded
    else d.dataset.render = 'idle';
    refreshChips();
  } catch (e) {
    if (e.name !== 'AbortError') status.textContent = `This photo cannot be edited: ${e.message}`;
    d.dataset.render = 'error';
    for (const b of body.querySelectorAll('.edit-controls button, .edit-controls input')) b.disabled = true;
  }
}

// ---------------------------------------------------------------- a moment

const BATCH_LONG_SIDE = 320;

// Where the copies of a moment go: a folder the user picks for them (File
// System Access API) — refused when it is the scanned folder or inside it —
// or, where the browser has no folder picker, one download per photo. A ZIP
// would need a zip library in the app; one download per file (a handful of
// picks) or a folder is enough, and keeps the app free of it.
async function chooseDestination(app) {
  if (!window.showDirectoryPicker) return { kind: 'downloads' };
  const dir = await window.showDirectoryPicker({ id: 'gemroll-copies', mode: 'readwrite', startIn: 'pictures' });
  const scanned = app.source && app.source.handle;
  if (scanned && (await scanned.isSameEntry(dir) || (await scanned.resolve(dir)) !== null)) {
    throw Object.assign(new Error('that is the scanned folder (or inside it); choose a new folder for the copies so the originals stay as they are'), { name: 'DestinationError' });
  }
  if (dir.queryPermission && (await dir.queryPermission({ mode: 'readwrite' })) !== 'granted') {
    if ((await dir.requestPermission({ mode: 'readwrite' })) !== 'granted') {
      throw Object.assign(new Error('no permission to write to that folder'), { name: 'DestinationError' });
    }
  }
  return { kind: 'folder', dir };
}

// Writes `bytes` as a new file named like `name`; never replaces a file.
async function writeNew(dir, name, bytes) {
  const dot = name.lastIndexOf('.');
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? name : `${name.slice(0, dot)}-${i}${name.slice(dot)}`;
    try {
      await dir.getFileHandle(candidate);
      continue;  // taken
    } catch (e) {
      if (e.name !== 'NotFoundError') throw e;
    }
    const fh = await dir.getFileHandle(candidate, { create: true });
    const w = await fh.createWritable();
    await w.write(bytes);
    await w.close();
    return candidate;
  }
  throw new Error(`too many files named like ${name}`);
}

/** "Apply a look to this moment": Auto and/or a look on every pick of `m`, saved as new copies. */
export async function openMomentEdit(m, app) {
  const d = sheet('batch-dialog', 'batch-sheet');
  if (d.abort) d.abort.abort();
  const abort = new AbortController();
  d.abort = abort;
  const signal = abort.signal;
  d.addEventListener('close', () => abort.abort(), { once: true });
  d.dataset.saved = '';
  d.dataset.renders = '0';
  const engine = new EditEngine(app);
  const picks = m.picks.filter((p) => app.files.has(p));
  const st = { auto: true, look: 'film', lookStrength: 0.7 };
  const autos = new Map();  // path -> Promise of auto params
  const bases = new Map();  // path -> Promise of small JPEG bytes
  const autoOf = (p) => {
    if (!autos.has(p)) autos.set(p, engine.auto(app.files.get(p), signal).then((r) => r.params, () => ({ version: 1, ops: [] })));
    return autos.get(p);
  };
  const paramsFor = async (p) => {
    const base = st.auto ? fromParams(await autoOf(p)) : { ...DEFAULTS };
    return toParams({ ...base, look: st.look, lookStrength: st.lookStrength });
  };

  const canvases = new Map(picks.map((p) => [p, h('canvas.batch-thumb', { role: 'img', 'aria-label': `${baseName(p)}, edited`, width: '4', height: '3' })]));
  const previews = new LatestRenderer(async (_, superseded) => {
    for (const p of picks) {
      if (superseded() || signal.aborted) return;
      if (!bases.has(p)) bases.set(p, engine.render(app.files.get(p), toParams(DEFAULTS), BATCH_LONG_SIDE, signal).then((r) => jpegOf(r.image)));
      const r = await engine.render(await bases.get(p), await paramsFor(p), BATCH_LONG_SIDE, signal);
      const c = canvases.get(p);
      c.width = r.image.width;
      c.height = r.image.height;
      c.getContext('2d').putImageData(r.image, 0, 0);
    }
  }, { report: d });
  const refresh = () => previews.request(true);

  const autoBox = h('input', { type: 'checkbox', id: 'batch-auto' });
  autoBox.checked = st.auto;
  autoBox.addEventListener('change', () => { st.auto = autoBox.checked; refresh(); });
  const strength = slider({ id: 'batch-strength', label: 'Look strength', min: 0, max: 1, step: 0.05, value: st.lookStrength,
                            show: (v) => `${Math.round(v * 100)}%`, oninput: (v) => { st.lookStrength = v; refresh(); } });
  const looks = chips({ name: 'batch-look', legend: 'Look', items: LOOKS, value: st.look,
                        onchange: (v) => { st.look = v; strength.input.disabled = v === 'none'; refresh(); } });

  const folder = Boolean(window.showDirectoryPicker);
  const save = h('button.btn.primary.batch-save', { type: 'button',
    text: folder ? `Save ${picks.length} copies to a folder…` : `Download ${picks.length} copies` });
  const cancel = h('button.btn', { type: 'button', text: 'Cancel', hidden: true, onclick: () => run && run.abort() });
  const progress = h('progress.batch-progress', { id: 'batch-progress', max: String(picks.length), value: '0', hidden: true, 'aria-label': 'Copies made' });
  const status = h('p.edit-status', { role: 'status', 'aria-live': 'polite' });
  const results = h('ul.batch-results');
  let run = null;
  save.addEventListener('click', async () => {
    let dest;
    d.dataset.saved = 'choosing';
    try {
      dest = await chooseDestination(app);
    } catch (e) {
      if (e.name !== 'AbortError') status.textContent = `Not saved: ${e.message}.`;
      d.dataset.saved = e.name === 'AbortError' ? '' : 'refused';
      return;
    }
    run = new AbortController();
    const stop = () => run.abort();
    signal.addEventListener('abort', stop);
    save.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.value = 0;
    results.replaceChildren();
    d.dataset.saved = 'running';
    let ok = 0;
    const t0 = performance.now();
    for (const p of picks) {
      if (run.signal.aborted) break;
      const name = `${stem(p)}-edit.jpg`;
      try {
        const { bytes } = await engine.export(app.files.get(p), await paramsFor(p), { signal: run.signal });
        const saved = dest.kind === 'folder' ? await writeNew(dest.dir, name, bytes) : (saveBlob(new Blob([bytes], { type: 'image/jpeg' }), name), name);
        results.append(h('li', { 'data-path': p, 'data-ok': 'true', text: `${saved} · ${sizeText(bytes.length)}` }));
        ok++;
      } catch (e) {
        if (e.name === 'AbortError') break;
        results.append(h('li', { 'data-path': p, 'data-ok': 'false' }, h('b', { text: baseName(p) }), `: not saved — ${e.message}`));
      }
      progress.value = Number(progress.value) + 1;
      // Browsers drop downloads started in a tight loop.
      if (dest.kind === 'downloads') await new Promise((r) => setTimeout(r, 250));
    }
    signal.removeEventListener('abort', stop);
    const where = dest.kind === 'folder' ? `in the folder “${dest.dir.name}”` : 'in your downloads';
    status.textContent = run.signal.aborted ? `Stopped: ${ok} of ${picks.length} copies saved ${where}.`
      : `${ok} of ${picks.length} copies saved ${where} in ${((performance.now() - t0) / 1000).toFixed(1)} s. The originals are unchanged.`;
    d.dataset.saved = run.signal.aborted ? 'cancelled' : 'done';
    save.disabled = false;
    cancel.hidden = true;
    progress.hidden = true;
    run = null;
  });

  d.querySelector('.sheet-body').replaceChildren(
    h('div.sheet-head', {}, h('h2', { id: 'batch-dialog-title', text: `Edit the picks of ${m.title}` }), closeButton(d)),
    h('p.moment-sub', { text: `The same edit on each of the ${picks.length} picks, saved as new JPEG copies (no location). Your originals are not changed.` }),
    h('div.batch-layout', {},
      h('div.batch-grid', {}, picks.map((p) => h('figure.batch-item', {}, canvases.get(p), h('figcaption', { text: baseName(p) })))),
      h('div.edit-controls', {},
        h('label.check', { for: 'batch-auto' }, autoBox, ' Auto-fix each photo first (exposure, colour, contrast)'),
        looks, strength,
        h('div.sheet-actions', {}, save, cancel), progress, status, results)));
  d.showModal();
  refresh();
}
