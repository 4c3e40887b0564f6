// @ts-check
// Recaps: a moment as a short slideshow — a title card, then its photos with
// gentle pans and zooms towards faces (or the sharpest part of the frame) and
// crossfades. planRecap() turns a moment into a timeline and recapFrame()
// says what is on screen at a time: both are pure and run anywhere (node
// too). drawRecapFrame() paints a frame on any 2D canvas context, and
// exportRecap() encodes the frames with WebCodecs into WebM or MP4 through the
// mediabunny muxer, or records them in real time with MediaRecorder where
// WebCodecs is missing. Nothing here needs the DOM beyond OffscreenCanvas,
// createImageBitmap and VideoEncoder, so it runs in a worker as in the page.
import { GemrollError } from './errors.js';
/** @import * as Api from './types/recap.js' */

/** @type {typeof Api.RECAP_VERSION} */
export const RECAP_VERSION = 'gemroll-recap/1';

// Every constant of the look and the limits, in one place.
/** @type {typeof Api.RECAP_DEFAULTS} */
export const RECAP_DEFAULTS = Object.freeze({
  sizes: Object.freeze({
    landscape: Object.freeze({ width: 1280, height: 720 }),
    portrait: Object.freeze({ width: 1080, height: 1920 }),
  }),
  fps: 30,
  titleSeconds: 2.5,
  photoSeconds: 2.5,
  crossfadeSeconds: 0.5,
  // The whole recap stays within this; the best photos are kept when more fit.
  maxSeconds: 30,
  // A moment's picks are about sqrt(n) photos; the rest of its showcase
  // (good members, not copies of one shown, chosen by the core) tops them
  // up to this many.
  targetPhotos: 8,
  // The closest a pan zooms (1 = the whole frame the output shape allows).
  maxZoom: 1.15,
  // A zoom on faces keeps this many times the faces' box in view.
  faceMargin: 1.8,
  // Encoded bits per pixel per frame (≈3.3 Mbit/s at 720p30, 7.5 at 1080×1920).
  bitsPerPixel: 0.12,
  keyFrameSeconds: 2,
  // Codecs tried in order (mediabunny's names) per container.
  codecs: Object.freeze({ webm: Object.freeze(['vp9', 'vp8']), mp4: Object.freeze(['avc']) }),
  recorderTypes: Object.freeze({
    webm: Object.freeze(['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']),
    mp4: Object.freeze(['video/mp4;codecs=avc1', 'video/mp4']),
  }),
});

// A recap that cannot be planned or exported (codes: empty, unsupported,
// muxer_missing, missing); a GemrollError like every error of the package.
/**
 * @extends {GemrollError<ConstructorParameters<typeof Api.RecapError>[0]>}
 * @implements {Api.RecapError}
 */
export class RecapError extends GemrollError {
  /**
   * @param {ConstructorParameters<typeof Api.RecapError>[0]} code
   * @param {string} message
   */
  constructor(code, message) {
    super(code, message);
    this.name = 'RecapError';
  }
}

// ---------------------------------------------------------------- planning

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round3 = (x) => Math.round(x * 1000) / 1000;

/**
 * @param {Api.RecapPhotoLookup} photos
 * @returns {(path: string) => Api.RecapPhotoInfo | undefined}
 */
function lookupOf(photos) {
  if (typeof photos === 'function') return photos;
  if (photos instanceof Map) return (p) => photos.get(p);
  if (Array.isArray(photos)) {
    const m = new Map(photos.map((p) => [p.path, p]));
    return (p) => m.get(p);
  }
  if (photos && typeof photos === 'object') return (p) => photos[p];
  return () => undefined;
}

function usable(info) {
  return info && info.ok !== false && info.width > 0 && info.height > 0;
}

const POSITION_WORDS = [['top left', 'top', 'top right'], ['left', 'centre', 'right'], ['bottom left', 'bottom', 'bottom right']];
function whereIn(box, w, h) {
  const col = clamp(Math.floor(((box.x + box.width / 2) / w) * 3), 0, 2);
  const row = clamp(Math.floor(((box.y + box.height / 2) / h) * 3), 0, 2);
  return POSITION_WORDS[row][col];
}

// What the camera moves towards: the photo's focus from suggest() (the core
// decides it: its people's faces, else a sharp region that stands out), in
// pixels of the upright photo; null without one.
/**
 * @param {Api.RecapPhotoInfo} info
 * @returns {{ kind: 'faces' | 'sharp_region', box: Api.RecapView, margin: number, count?: number, what: string } | null}
 */
function focusOf(info, p) {
  const { width: w, height: h } = info;
  const f = info.focus;
  const b = f && f.box;
  if (!b || !(b.width > 0 && b.height > 0) || !['x', 'y', 'width', 'height'].every((k) => Number.isFinite(b[k]))) return null;
  const x0 = clamp(b.x, 0, 1) * w, y0 = clamp(b.y, 0, 1) * h;
  const x1 = clamp(b.x + b.width, 0, 1) * w, y1 = clamp(b.y + b.height, 0, 1) * h;
  if (!(x1 > x0 && y1 > y0)) return null;
  const box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  if (f.kind === 'faces') {
    const n = f.faces || 1;
    return { kind: 'faces', box, margin: p.faceMargin, count: n, what: n === 1 ? 'a face' : `${n} faces` };
  }
  if (f.kind === 'sharp_region') return { kind: 'sharp_region', box, margin: 2, what: `the sharpest part of the frame (${whereIn(box, w, h)})` };
  return null;
}

// A view is a rectangle of the photo (upright full-resolution pixels) with
// the output's shape; zoom 1 is the largest such rectangle.
function viewAt(info, aspect, zoom, cx, cy) {
  const { width: w, height: h } = info;
  let vw = w, vh = w / aspect;
  if (vh > h) {
    vh = h;
    vw = h * aspect;
  }
  vw /= zoom;
  vh /= zoom;
  const x = clamp(cx - vw / 2, 0, w - vw);
  const y = clamp(cy - vh / 2, 0, h - vh);
  return { x: round3(x), y: round3(y), width: round3(vw), height: round3(vh) };
}

function motionFor(info, focus, aspect, zoomIn, p) {
  const { width: w, height: h } = info;
  const wide = viewAt(info, aspect, 1, w / 2, h / 2);
  let close;
  let zoom;
  if (focus) {
    // As close as maxZoom allows while the focus (with its margin) stays in view.
    const fw = focus.box.width * focus.margin, fh = focus.box.height * focus.margin;
    zoom = clamp(Math.min(wide.width / fw, wide.height / fh), 1, p.maxZoom);
    close = viewAt(info, aspect, zoom, focus.box.x + focus.box.width / 2, focus.box.y + focus.box.height / 2);
  } else {
    zoom = p.maxZoom;
    close = viewAt(info, aspect, zoom, w / 2, h / 2);
  }
  const moved = Math.hypot(close.x + close.width / 2 - (wide.x + wide.width / 2), close.y + close.height / 2 - (wide.y + wide.height / 2));
  let text;
  let code;
  if (!focus) {
    code = 'zoom_centre';
    text = `slow ${zoomIn ? 'zoom in on' : 'pull back from'} the centre: no faces found and no part of the frame stands out`;
  } else {
    code = focus.kind === 'faces' ? 'pan_faces' : 'pan_sharp_region';
    const pans = moved > 0.02 * Math.max(w, h), zooms = zoom > 1.01;
    text = zoomIn
      ? `${pans && zooms ? 'pans and zooms towards' : pans ? 'pans towards' : 'zooms in on'} ${focus.what}`
      : `starts on ${focus.what}, then ${zooms ? 'pulls back' : 'pans away'}`;
  }
  return { from: zoomIn ? wide : close, to: zoomIn ? close : wide, zoom: round3(zoom), reason: { code, text, weight: 0 } };
}

function formatDates(moment) {
  if (moment.subtitle) return moment.subtitle;
  const day = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return '';
    return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  };
  const a = day(moment.start), b = day(moment.end);
  return a && b && a !== b ? `${a} – ${b}` : a || b;
}

// Which photos, in what order, and why. The core chose them: a moment from
// suggest() lists its showcase (its picks, then its other good photos, one
// per duplicate group, best first, each with its reason); a recap takes the
// picks and tops them up to targetPhotos from the rest, as many as fit in
// maxSeconds. A moment without a showcase (made by hand) shows its picks.
/** @param {Parameters<typeof Api.planRecap>[0]} moment */
function choosePhotos(moment, lookup, p, maxPhotos) {
  const reasons = [];
  const skipped = [];
  const seen = new Set();
  const offered = (Array.isArray(moment.showcase) ? moment.showcase
    : (moment.picks || []).map((path, i, a) => ({ path, reason: { code: 'pick', text: `pick ${i + 1} of ${a.length} for this moment`, weight: 0 } })))
    .filter((s) => s && typeof s.path === 'string' && !seen.has(s.path) && seen.add(s.path));
  const picks = offered.filter((s) => s.reason && s.reason.code === 'pick').length;
  const target = Math.min(maxPhotos, Math.max(picks, p.targetPhotos));
  const chosen = [];
  for (const { path, reason } of offered) {
    const isPick = reason && reason.code === 'pick';
    if (!isPick && chosen.length >= target) break;
    const info = lookup(path);
    if (!usable(info)) {
      skipped.push({ path, reason: { code: 'no_size', text: 'left out: not a readable photo with a known size', weight: 0 } });
      continue;
    }
    chosen.push({ path, info, reason });
  }
  const toppedUp = chosen.filter((c) => c.reason.code !== 'pick').length;
  if (toppedUp) reasons.push({ code: 'top_up', text: `${toppedUp} more good photo${toppedUp === 1 ? '' : 's'} from the moment join its ${chosen.length - toppedUp} pick${chosen.length - toppedUp === 1 ? '' : 's'}`, weight: 0 });
  if (chosen.length > maxPhotos) {
    reasons.push({ code: 'trimmed', text: `${maxPhotos} of ${chosen.length} photos fit in ${p.maxSeconds} s; the best ${maxPhotos} are shown`, weight: 0 });
    for (const c of chosen.slice(maxPhotos)) skipped.push({ path: c.path, reason: { code: 'trimmed', text: `left out: only ${maxPhotos} photos fit in ${p.maxSeconds} s`, weight: 0 } });
    chosen.length = maxPhotos;
  }
  // Shown in the order they were taken (members are in time order).
  const order = new Map((moment.members || []).map((path, i) => [path, i]));
  /** @type {Map<string, any>} every chosen path has its rank */
  const rank = new Map(chosen.map((c, i) => [c.path, i]));
  chosen.sort((a, b) => (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity) || rank.get(a.path) - rank.get(b.path));
  if (chosen.length > 1) reasons.push({ code: 'time_order', text: 'photos play in the order they were taken', weight: 0 });
  return { chosen, reasons, skipped };
}

/**
 * A moment → a recap timeline. `moment` is a suggestions moment (its
 * showcase says which photos, in order of preference); `photos` describes
 * each path: a Map, an object, an array of {path, ...} or a function, giving
 * {width, height} (upright) and optionally focus — a suggestions photo
 * entry as it is.
 * @type {typeof Api.planRecap}
 */
export function planRecap(moment, photos, options = {}) {
  if (!moment || typeof moment.title !== 'string') throw new TypeError('planRecap: moment.title (a string) is required');
  const p = { ...RECAP_DEFAULTS, ...options };
  const orientation = options.orientation || 'landscape';
  const size = options.width && options.height ? { width: options.width, height: options.height } : RECAP_DEFAULTS.sizes[orientation];
  if (!size) throw new RangeError(`planRecap: orientation must be 'landscape' or 'portrait', not ${orientation}`);
  if (!(p.photoSeconds > p.crossfadeSeconds && p.crossfadeSeconds >= 0 && p.titleSeconds > p.crossfadeSeconds)) {
    throw new RangeError('planRecap: photoSeconds and titleSeconds must exceed crossfadeSeconds');
  }
  const step = p.photoSeconds - p.crossfadeSeconds;
  const maxPhotos = Math.floor((p.maxSeconds - p.titleSeconds) / step + 1e-9);
  if (maxPhotos < 1) throw new RangeError(`planRecap: maxSeconds ${p.maxSeconds} leaves no room for a photo`);
  const lookup = lookupOf(photos);
  const { chosen, reasons, skipped } = choosePhotos(moment, lookup, p, maxPhotos);
  if (!chosen.length) throw new RecapError('empty', `"${moment.title}" has no photo a recap can show (picks need a known size)`);

  const aspect = size.width / size.height;
  /** @type {any} a string: the cover only when it is a chosen path */
  const coverPath = chosen.some((c) => c.path === moment.cover) ? moment.cover : chosen[0].path;
  const place = moment.place && moment.place.name && !moment.title.includes(moment.place.name)
    ? [moment.place.name, moment.place.country].filter(Boolean).join(', ') : '';
  /** @type {Api.RecapSegment[]} */
  const segments = [{
    kind: 'title', start: 0, end: p.titleSeconds,
    lines: [moment.title, formatDates(moment), place].filter(Boolean),
    background: coverPath,
    reasons: [{ code: 'title_card', text: `title card over a blurred ${coverPath === moment.cover ? 'cover photo' : 'first photo'}`, weight: 0 }],
  }];
  let motions = { faces: 0, sharp_region: 0, centre: 0 };
  chosen.forEach((c, i) => {
    const start = p.titleSeconds - p.crossfadeSeconds + i * step;
    const focus = focusOf(c.info, p);
    const m = motionFor(c.info, focus, aspect, i % 2 === 0, p);
    motions[focus ? focus.kind : 'centre']++;
    segments.push({
      kind: 'photo', path: c.path, start: round3(start), end: round3(start + p.photoSeconds),
      source: { width: c.info.width, height: c.info.height },
      from: m.from, to: m.to, zoom: m.zoom, focus: focus ? { kind: focus.kind, box: focus.box } : null,
      reasons: [c.reason, m.reason],
    });
  });
  const duration = round3(p.titleSeconds + chosen.length * step);
  reasons.push({ code: 'length', text: `${chosen.length} photo${chosen.length === 1 ? '' : 's'}, ${p.photoSeconds} s each with ${p.crossfadeSeconds} s crossfades, after a ${p.titleSeconds} s title card: ${duration} s`, weight: 0 });
  if (motions.faces) reasons.push({ code: 'pan_faces', text: `${motions.faces} pan${motions.faces === 1 ? '' : 's'} towards faces`, weight: 0 });
  if (motions.sharp_region) reasons.push({ code: 'pan_sharp_region', text: `${motions.sharp_region} towards the sharpest part of the frame (no faces found there)`, weight: 0 });
  return {
    version: RECAP_VERSION,
    moment: moment.id ?? null,
    title: moment.title,
    width: size.width, height: size.height, orientation: options.width ? 'custom' : orientation,
    fps: p.fps, duration, frameCount: Math.round(duration * p.fps),
    crossfadeSeconds: p.crossfadeSeconds,
    segments, reasons, skipped,
  };
}

const smooth = (x) => x * x * (3 - 2 * x);
function lerpView(a, b, k) {
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, width: a.width + (b.width - a.width) * k, height: a.height + (b.height - a.height) * k };
}

/**
 * What is on screen at `t` seconds: layers bottom to top, each drawn at its
 * alpha over the ones below (a crossfade draws the next segment over the
 * previous); the last segment fades to black.
 * @type {typeof Api.recapFrame}
 */
export function recapFrame(plan, t) {
  /** @type {Api.RecapFrame['layers']} */
  const layers = [];
  const last = plan.segments.length - 1;
  const fade = plan.crossfadeSeconds;
  plan.segments.forEach((s, i) => {
    if (t < s.start || t >= s.end) return;
    let alpha = 1;
    if (i > 0 && fade > 0 && t < s.start + fade) alpha = (t - s.start) / fade;
    if (i === last && fade > 0 && t > s.end - fade) alpha = Math.min(alpha, (s.end - t) / fade);
    const layer = { index: i, kind: s.kind, alpha: clamp(alpha, 0, 1), progress: clamp((t - s.start) / (s.end - s.start), 0, 1) };
    if (s.kind === 'photo') layer.view = lerpView(s.from, s.to, smooth(layer.progress));
    layers.push(layer);
  });
  return { t, layers };
}

// ---------------------------------------------------------------- drawing

/**
 * The bitmap size to decode a photo at: enough pixels for its closest view, no more.
 * @type {typeof Api.decodeSize}
 */
export function decodeSize(plan, path) {
  let need = 0;
  let src = null;
  for (const s of plan.segments) {
    if (s.kind !== 'photo' || s.path !== path) continue;
    src = s.source;
    need = Math.max(need, plan.width / Math.min(s.from.width, s.to.width));
  }
  if (!src) return null;
  const k = Math.min(1, need || plan.width / src.width);
  return { width: Math.max(1, Math.round(src.width * k)), height: Math.max(1, Math.round(src.height * k)) };
}

function fitFont(ctx, text, weight, size, maxWidth, minSize) {
  let px = size;
  ctx.font = `${weight} ${px}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  while (px > minSize && ctx.measureText(text).width > maxWidth) {
    px = Math.max(minSize, Math.floor(px * 0.92));
    ctx.font = `${weight} ${px}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  }
  return px;
}

function wrapLines(ctx, text, maxWidth) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = w;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// The title card is still: painted once per background (the blur is the
// costliest thing drawn) and then copied.
const titleCards = new WeakMap();
function drawTitle(ctx, plan, seg, images) {
  const bg = (images && images.get(seg.background)) || null;
  if (typeof OffscreenCanvas !== 'function') {
    paintTitle(ctx, plan, seg, bg);
    return;
  }
  let card = titleCards.get(seg);
  if (!card || card.bg !== bg || card.canvas.width !== plan.width || card.canvas.height !== plan.height) {
    const canvas = new OffscreenCanvas(plan.width, plan.height);
    paintTitle(canvas.getContext('2d'), plan, seg, bg);
    card = { bg, canvas };
    titleCards.set(seg, card);
  }
  ctx.drawImage(card.canvas, 0, 0);
}

function paintTitle(ctx, plan, seg, bg) {
  const W = plan.width, H = plan.height;
  if (bg && bg.width) {
    // The cover, blurred and darkened, filling the frame.
    const k = Math.max(W / bg.width, H / bg.height);
    const dw = bg.width * k, dh = bg.height * k;
    ctx.save();
    if ('filter' in ctx) ctx.filter = `blur(${Math.round(Math.min(W, H) / 30)}px)`;
    ctx.drawImage(bg, (W - dw) / 2, (H - dh) / 2, dw, dh);
    ctx.restore();
  } else {
    const g = ctx.createLinearGradient(0, 0, W, H);
    g.addColorStop(0, '#134e4a');
    g.addColorStop(1, '#1c1b1a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, W, H);
  }
  ctx.fillStyle = 'rgba(0, 0, 0, 0.45)';
  ctx.fillRect(0, 0, W, H);
  const [title, ...rest] = seg.lines;
  const unit = Math.min(W, H);
  const maxWidth = W * 0.84;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#ffffff';
  const tpx = fitFont(ctx, title, 700, Math.round(unit * 0.085), maxWidth, Math.round(unit * 0.05));
  const titleLines = wrapLines(ctx, title, maxWidth);
  const spx = Math.round(unit * 0.04);
  const blockH = titleLines.length * tpx * 1.15 + rest.length * spx * 1.5 + (rest.length ? spx : 0);
  let y = H / 2 - blockH / 2 + tpx * 0.575;
  for (const l of titleLines) {
    ctx.fillText(l, W / 2, y);
    y += tpx * 1.15;
  }
  y += rest.length ? spx * 0.6 : 0;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.88)';
  for (const r of rest) {
    fitFont(ctx, r, 500, spx, maxWidth, Math.round(spx * 0.6));
    ctx.fillText(r, W / 2, y);
    y += spx * 1.5;
  }
  // A thin accent line under the text.
  ctx.fillStyle = '#5eead4';
  ctx.fillRect(W / 2 - unit * 0.05, y, unit * 0.1, Math.max(2, Math.round(unit * 0.006)));
}

function drawMissing(ctx, plan, seg, why) {
  ctx.fillStyle = '#26231f';
  ctx.fillRect(0, 0, plan.width, plan.height);
  if (!why) return;
  const unit = Math.min(plan.width, plan.height);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  fitFont(ctx, `${seg.path}: ${why}`, 500, Math.round(unit * 0.03), plan.width * 0.9, 10);
  ctx.fillText(`${seg.path}: ${why}`, plan.width / 2, plan.height / 2);
}

/**
 * Paints the frame at `t` on a 2D context of plan.width × plan.height.
 * `images` maps paths to decoded images (ImageBitmap, canvas, <img>) of any
 * size with the photo's shape; `failed` (optional) maps paths to why not.
 * @type {typeof Api.drawRecapFrame}
 */
export function drawRecapFrame(ctx, plan, t, images, failed) {
  const frame = recapFrame(plan, t);
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, plan.width, plan.height);
  ctx.imageSmoothingEnabled = true;
  // Bilinear is enough: photos are decoded at about the size they are drawn
  // (decodeSize, resampled with high quality while decoding), and it costs a
  // fraction of bicubic where the canvas has no GPU.
  ctx.imageSmoothingQuality = 'low';
  for (const layer of frame.layers) {
    const seg = plan.segments[layer.index];
    ctx.globalAlpha = layer.alpha;
    if (seg.kind === 'title') {
      drawTitle(ctx, plan, seg, images);
      continue;
    }
    const img = images && images.get(seg.path);
    if (!img || !img.width) {
      drawMissing(ctx, plan, seg, failed && failed.get(seg.path));
      continue;
    }
    const kx = img.width / seg.source.width, ky = img.height / seg.source.height;
    /** @type {any} a photo layer always has its view */
    const v = layer.view;
    ctx.drawImage(img, v.x * kx, v.y * ky, v.width * kx, v.height * ky, 0, 0, plan.width, plan.height);
  }
  ctx.restore();
  return frame;
}

/**
 * Decoded photos for a plan, a few at a time: ready(t) decodes what the
 * frame at t shows (and the next segment), and closes bitmaps no longer
 * near, so memory stays at about three photos at their decodeSize.
 * `load(path, {width, height})` returns an ImageBitmap (or any drawable).
 * @implements {Api.RecapImages}
 */
export class RecapImages {
  #plan;
  #load;
  #bitmaps = new Map();
  #pending = new Map();
  failed = new Map();

  /** @param {Api.RecapPlan} plan */
  constructor(plan, load) {
    this.#plan = plan;
    this.#load = load;
  }

  get(path) {
    return this.#bitmaps.get(path);
  }

  // Paths the frame at t draws; and those to keep decoded: every segment
  // shown between t and t + ahead, and the one after.
  #wanted(t, ahead) {
    const segs = this.#plan.segments;
    const now = new Set();
    const keep = new Set();
    let next = null;
    for (const s of segs) {
      const path = s.kind === 'title' ? s.background : s.path;
      if (t >= s.start && t < s.end) now.add(path);
      if (s.end > t && s.start <= t + ahead) keep.add(path);
      else if (s.start > t + ahead && (!next || s.start < next.start)) next = { start: s.start, path };
    }
    if (next) keep.add(next.path);
    for (const p of now) keep.add(p);
    return { now, keep };
  }

  #fetch(path) {
    if (this.#bitmaps.has(path) || this.failed.has(path)) return Promise.resolve();
    if (!this.#pending.has(path)) {
      const size = decodeSize(this.#plan, path);
      const job = Promise.resolve().then(() => this.#load(path, size)).then((bmp) => {
        if (this.#pending.get(path) === job) this.#bitmaps.set(path, bmp);
        else if (bmp && bmp.close) bmp.close();
      }, (e) => {
        this.failed.set(path, (e && e.message) || String(e));
      }).finally(() => {
        if (this.#pending.get(path) === job) this.#pending.delete(path);
      });
      this.#pending.set(path, job);
    }
    return this.#pending.get(path);
  }

  /**
   * Resolves when everything the frame at t draws is decoded (or failed);
   * meanwhile decodes what shows until t + ahead and the segment after, and
   * closes the rest.
   */
  async ready(t, ahead = 0) {
    const { now, keep } = this.#wanted(t, ahead);
    for (const [path, bmp] of this.#bitmaps) {
      if (!keep.has(path)) {
        if (bmp && bmp.close) bmp.close();
        this.#bitmaps.delete(path);
      }
    }
    for (const path of keep) this.#fetch(path);
    await Promise.all([...now].map((path) => this.#fetch(path)));
  }

  /** How many decoded images are held now. */
  get size() {
    return this.#bitmaps.size;
  }

  close() {
    for (const bmp of this.#bitmaps.values()) if (bmp && bmp.close) bmp.close();
    this.#bitmaps.clear();
    this.#pending.clear();
  }
}

/**
 * A loader for RecapImages from Blobs/Files: createImageBitmap, downscaled while decoding.
 * @type {typeof Api.blobLoader}
 */
export function blobLoader(getBlob) {
  return async (path, size) => {
    const blob = await getBlob(path);
    if (!blob) throw new RecapError('missing', 'the file is no longer available');
    /** @type {ImageBitmapOptions} */
    const opts = { imageOrientation: 'from-image', resizeQuality: 'high' };
    if (size) Object.assign(opts, { resizeWidth: size.width, resizeHeight: size.height });
    return createImageBitmap(blob, opts);
  };
}

// ---------------------------------------------------------------- export

async function loadMuxer(muxer) {
  if (muxer && typeof muxer === 'object' && muxer.Output) return muxer;
  const spec = muxer ? String(muxer) : 'mediabunny';
  try {
    return await import(spec);
  } catch (e) {
    throw new RecapError('muxer_missing', `the video muxer (mediabunny) could not be loaded from ${spec}: ${e.message}; pass {muxer: module or URL}`);
  }
}

function bitrateFor(plan) {
  return Math.round(plan.width * plan.height * plan.fps * RECAP_DEFAULTS.bitsPerPixel);
}

function abortError(signal) {
  return signal && signal.reason instanceof Error ? signal.reason : new DOMException('The recap export was cancelled', 'AbortError');
}

/**
 * What this browser can make: per container, the WebCodecs codec (with the
 * muxer) and the MediaRecorder type, plus a sentence when neither works.
 * @type {typeof Api.recapSupport}
 */
export async function recapSupport(plan, options = {}) {
  /** @type {Api.RecapSupport} */
  const out = { webcodecs: typeof VideoEncoder === 'function', mediaRecorder: typeof MediaRecorder === 'function', webm: null, mp4: null, reasons: [] };
  let mb = null;
  if (out.webcodecs) {
    try {
      mb = await loadMuxer(options.muxer);
    } catch (e) {
      out.reasons.push(`${e.message}.`);
    }
  }
  for (const container of ['webm', 'mp4']) {
    if (mb) {
      for (const codec of RECAP_DEFAULTS.codecs[container]) {
        let ok = false;
        try {
          ok = await mb.canEncodeVideo(codec, { width: plan.width, height: plan.height, bitrate: bitrateFor(plan), frameRate: plan.fps });
        } catch {
          ok = false;
        }
        if (ok) {
          out[container] = { method: 'webcodecs', codec };
          break;
        }
      }
    }
    if (!out[container] && out.mediaRecorder) {
      const type = RECAP_DEFAULTS.recorderTypes[container].find((t) => MediaRecorder.isTypeSupported(t));
      if (type) out[container] = { method: 'mediarecorder', codec: type };
    }
    if (!out[container] && (out.webcodecs || out.mediaRecorder)) {
      out.reasons.push(container === 'mp4'
        ? 'MP4 needs an H.264 encoder, which this browser does not offer.'
        : 'WebM needs a VP9 or VP8 encoder, which this browser does not offer.');
    }
  }
  if (!out.webcodecs && !out.mediaRecorder) {
    out.reasons.unshift('This browser has neither WebCodecs (VideoEncoder) nor MediaRecorder, so it cannot make a video file. The recap still plays here.');
  } else if (!out.webcodecs || !mb) {
    out.reasons.push(`${out.webcodecs ? 'Without the muxer' : 'This browser has no WebCodecs, so'} the video is recorded while it plays (MediaRecorder): about ${Math.ceil(plan.duration)} s.`);
  }
  return out;
}

/**
 * Encodes the recap: {blob, mimeType, extension, method, codec, frames,
 * duration, encodeMs}. format 'webm' | 'mp4'. `images` is a RecapImages (or
 * give `load` to make one). WebCodecs needs no canvas (an OffscreenCanvas is
 * made); the MediaRecorder fallback needs an HTMLCanvasElement in `canvas`.
 * @type {typeof Api.exportRecap}
 */
export async function exportRecap(plan, options = {}) {
  const { format = 'webm', signal, onProgress } = options;
  if (format !== 'webm' && format !== 'mp4') throw new RangeError(`exportRecap: format must be 'webm' or 'mp4', not ${format}`);
  if (signal && signal.aborted) throw abortError(signal);
  const support = options.support || (await recapSupport(plan, options));
  const how = support[format];
  if (!how) throw new RecapError('unsupported', support.reasons.join(' ') || `this browser cannot encode ${format}`);
  const images = options.images || new RecapImages(plan, options.load);
  const own = !options.images;
  try {
    return how.method === 'webcodecs'
      ? await encodeWithWebCodecs(plan, images, format, how.codec, options)
      : await recordInRealTime(plan, images, format, how.codec, options);
  } finally {
    if (own) images.close();
    if (onProgress && signal && signal.aborted) onProgress({ stage: 'cancelled', done: 0, total: plan.frameCount });
  }
}

/** @returns {Promise<Api.RecapVideo>} */
async function encodeWithWebCodecs(plan, images, format, codec, options) {
  const { signal, onProgress } = options;
  const mb = await loadMuxer(options.muxer);
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(plan.width, plan.height) : options.canvas;
  if (!canvas) throw new RecapError('unsupported', 'encoding needs an OffscreenCanvas or a <canvas> (pass {canvas})');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const ctx = canvas.getContext('2d', { alpha: false });
  const output = new mb.Output({
    format: format === 'mp4' ? new mb.Mp4OutputFormat({ fastStart: 'in-memory' }) : new mb.WebMOutputFormat(),
    target: new mb.BufferTarget(),
  });
  const source = new mb.CanvasSource(canvas, { codec, bitrate: bitrateFor(plan), keyFrameInterval: RECAP_DEFAULTS.keyFrameSeconds });
  output.addVideoTrack(source, { frameRate: plan.fps });
  const t0 = performance.now();
  await output.start();
  const total = plan.frameCount;
  try {
    for (let i = 0; i < total; i++) {
      if (signal && signal.aborted) throw abortError(signal);
      const t = i / plan.fps;
      await images.ready(t);
      drawRecapFrame(ctx, plan, t, images, images.failed);
      await source.add(t, 1 / plan.fps);
      if (onProgress) onProgress({ stage: 'encoding', done: i + 1, total });
    }
    source.close();
    await output.finalize();
  } catch (e) {
    await output.cancel().catch(() => {});
    throw e;
  }
  const encodeMs = performance.now() - t0;
  const mimeType = output.format.mimeType;
  return {
    blob: new Blob([output.target.buffer], { type: mimeType }), mimeType, extension: format, method: 'webcodecs', codec,
    width: plan.width, height: plan.height, fps: plan.fps, frames: total, duration: total / plan.fps, encodeMs,
    failed: [...images.failed].map(([path, message]) => ({ path, message })),
  };
}

/** @returns {Promise<Api.RecapVideo>} */
async function recordInRealTime(plan, images, format, mimeType, options) {
  const { signal, onProgress, canvas } = options;
  if (!canvas || typeof canvas.captureStream !== 'function') {
    throw new RecapError('unsupported', 'recording without WebCodecs needs an on-page <canvas> (captureStream); pass {canvas}');
  }
  canvas.width = plan.width;
  canvas.height = plan.height;
  const ctx = canvas.getContext('2d', { alpha: false });
  await images.ready(0);
  drawRecapFrame(ctx, plan, 0, images, images.failed);
  // Frames are pushed as drawn (requestFrame), so each recorded frame is
  // one the loop below finished, stamped when it was finished.
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0];
  const push = () => (track && typeof track.requestFrame === 'function' ? track.requestFrame() : null);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: bitrateFor(plan) });
  const chunks = [];
  recorder.ondataavailable = (e) => e.data && e.data.size && chunks.push(e.data);
  const stopped = new Promise((resolve, reject) => {
    recorder.onstop = resolve;
    recorder.onerror = (e) => reject(e.error || new Error('MediaRecorder failed'));
  });
  const tick = (fn) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 1000 / plan.fps));
  const started = new Promise((resolve) => { recorder.onstart = resolve; });
  recorder.start(250);
  await started;
  // The clock starts with the first frame pushed, which the file's time 0 is.
  const t0 = performance.now();
  drawRecapFrame(ctx, plan, 0, images, images.failed);
  push();
  let frames = 0;
  let aborted = false;
  await new Promise((/** @type {(value?: unknown) => void} */ resolve) => {
    const step = () => {
      if (signal && signal.aborted) {
        aborted = true;
        resolve();
        return;
      }
      const t = (performance.now() - t0) / 1000;
      if (t >= plan.duration) {
        resolve();
        return;
      }
      images.ready(t, 1);  // decode ahead; a frame never waits
      drawRecapFrame(ctx, plan, t, images, images.failed);
      push();
      frames++;
      if (onProgress) onProgress({ stage: 'recording', done: Math.min(plan.frameCount, Math.round(t * plan.fps)), total: plan.frameCount });
      tick(step);
    };
    step();
  });
  // Hold the last (black) frame a moment so the encoder takes the end in.
  if (!aborted) {
    drawRecapFrame(ctx, plan, plan.duration, images, images.failed);
    push();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await stopped;
  for (const track of stream.getTracks()) track.stop();
  if (aborted) throw abortError(signal);
  const type = recorder.mimeType || mimeType;
  return {
    blob: new Blob(chunks, { type }), mimeType: type, extension: format, method: 'mediarecorder', codec: type,
    width: plan.width, height: plan.height, fps: plan.fps, frames, duration: plan.duration, encodeMs: performance.now() - t0,
    failed: [...images.failed].map(([path, message]) => ({ path, message })),
  };
}
