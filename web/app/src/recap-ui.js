// The recap dialog: a moment's slideshow (planned by the package's recap.js)
// plays on a canvas here — play, pause, scrub, landscape or portrait — and
// is saved as WebM or MP4, made in this tab with WebCodecs and the mediabunny
// muxer (served from this origin), or recorded while it plays with
// MediaRecorder where WebCodecs is missing. The photos are read from the
// user's files; nothing is uploaded, and the result is shared or downloaded
// only when asked.
import { h, sizeText as mb } from './dom.js';
import { RecapImages, drawRecapFrame, exportRecap, planRecap, recapSupport } from './vendor/gemroll/src/index.js';

const MUXER_URL = new URL('./vendor/mediabunny/mediabunny.min.mjs', import.meta.url).href;
const BROWSER_DECODES = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);

const clock = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
const slug = (s) => s.toLowerCase().normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'moment';

// What the plan needs of each photo is its suggestion entry as it is (size,
// and the focus the core found: people's faces or a sharp region).
function photoInfo(app) {
  return (path) => app.photos.get(path);
}

// Decodes a photo at the size the plan asks: the browser's own decoder,
// downscaling as it decodes; for formats it cannot read (HEIC), the engine's
// thumbnail of the pixels it decodes itself.
function loader(app) {
  return async (path, size) => {
    const file = app.files.get(path);
    if (!file) throw new Error('the file is no longer available; choose the folder again');
    const p = app.photos.get(path) || {};
    if (!p.format || BROWSER_DECODES.has(p.format)) {
      try {
        return await createImageBitmap(file, { imageOrientation: 'from-image', resizeQuality: 'high', ...(size ? { resizeWidth: size.width, resizeHeight: size.height } : {}) });
      } catch (e) {
        if (!app.gemroll) throw e;
      }
    }
    if (!app.gemroll) throw new Error(`this browser cannot decode ${p.format || 'this file'}`);
    for await (const r of app.gemroll.scan([{ name: path, data: file }], { thumbnailLongSide: 2048, cache: false })) {
      if (r.thumbnail) return createImageBitmap(new Blob([r.thumbnail], { type: 'image/jpeg' }));
      throw new Error(r.error ? r.error.message : 'the engine made no image of it');
    }
    throw new Error('the engine made no image of it');
  };
}

class Player {
  #raf = 0;
  #last = 0;

  constructor(canvas, plan, images, onTime) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.plan = plan;
    this.images = images;
    this.onTime = onTime;
    this.t = 0;
    this.playing = false;
  }

  draw() {
    drawRecapFrame(this.ctx, this.plan, Math.min(this.t, this.plan.duration - 1e-3), this.images, this.images.failed);
    this.onTime(this.t);
  }

  // Draws t once what it shows is decoded (scrubbing, the first frame).
  async show(t) {
    this.t = Math.max(0, Math.min(t, this.plan.duration));
    this.draw();
    await this.images.ready(this.t, 1);
    if (this.t === t || !this.playing) this.draw();
  }

  play() {
    if (this.playing) return;
    if (this.t >= this.plan.duration - 1e-3) this.t = 0;
    this.playing = true;
    this.#last = performance.now();
    const step = (now) => {
      if (!this.playing) return;
      this.t += (now - this.#last) / 1000;
      this.#last = now;
      if (this.t >= this.plan.duration) {
        this.t = this.plan.duration;
        this.pause();
        this.draw();
        return;
      }
      this.images.ready(this.t, 1);  // decodes ahead; a frame never waits
      this.draw();
      this.#raf = requestAnimationFrame(step);
    };
    this.#raf = requestAnimationFrame(step);
    this.onTime(this.t);
  }

  pause() {
    this.playing = false;
    cancelAnimationFrame(this.#raf);
    this.onTime(this.t);
  }
}

let dialog = null;
let current = null;  // {player, images, abort}

function ensureDialog() {
  if (dialog) return dialog;
  dialog = h('dialog.sheet.recap-sheet', { id: 'recap-dialog', 'aria-labelledby': 'recap-title' }, h('div.sheet-body', { id: 'recap-body' }));
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', teardown);
  document.body.append(dialog);
  return dialog;
}

function teardown() {
  if (!current) return;
  current.player.pause();
  if (current.abort) current.abort.abort();
  current.images.close();
  current = null;
}

/** Opens the recap of moment `m`; `app` is the page's state (photos, records, files, gemroll). */
export async function openRecap(m, app, { orientation = 'landscape' } = {}) {
  const d = ensureDialog();
  teardown();
  const body = d.querySelector('#recap-body');
  let plan;
  try {
    plan = planRecap(m, photoInfo(app), { orientation });
  } catch (e) {
    body.replaceChildren(h('div.sheet-head', {}, h('h2', { id: 'recap-title', text: `Recap: ${m.title}` }), closeButton(d)),
      h('p.recap-status', { role: 'status', text: `No recap for this moment: ${e.message}.` }));
    if (!d.open) d.showModal();
    return;
  }
  const images = new RecapImages(plan, loader(app));
  const canvas = h('canvas.recap-canvas', { width: plan.width, height: plan.height, role: 'img', tabindex: '0',
    'aria-label': `Recap of ${m.title}: a title card and ${plan.segments.length - 1} photos, ${Math.round(plan.duration)} seconds` });
  canvas.dataset.orientation = plan.orientation;
  const playBtn = h('button.btn.primary.recap-play', { type: 'button', text: 'Play' });
  const scrub = h('input.recap-scrub', { type: 'range', min: '0', max: String(plan.duration), step: '0.01', value: '0', 'aria-label': 'Position in the recap' });
  const time = h('span.recap-time', { 'aria-hidden': 'true' });
  const onTime = (t) => {
    scrub.value = String(t);
    const text = `${clock(t)} / ${clock(plan.duration)}`;
    time.textContent = text;
    scrub.setAttribute('aria-valuetext', `${Math.round(t)} of ${Math.round(plan.duration)} seconds`);
    playBtn.textContent = player.playing ? 'Pause' : 'Play';
    playBtn.setAttribute('aria-label', player.playing ? 'Pause the recap' : 'Play the recap');
    d.dataset.playing = String(player.playing);
  };
  const player = new Player(canvas, plan, images, onTime);
  current = { player, images, abort: null, plan };
  playBtn.addEventListener('click', () => (player.playing ? player.pause() : player.play()));
  scrub.addEventListener('input', () => player.show(Number(scrub.value)));
  canvas.addEventListener('keydown', (e) => {
    if (e.key === ' ' || e.key === 'k') {
      e.preventDefault();
      playBtn.click();
    }
  });

  const shape = h('fieldset.recap-shape', {}, h('legend', { text: 'Shape' }),
    [['landscape', 'Landscape 16:9'], ['portrait', 'Portrait 9:16']].map(([value, label]) => {
      const input = h('input', { type: 'radio', name: 'recap-shape', value, id: `recap-shape-${value}` });
      input.checked = value === orientation;
      input.addEventListener('change', () => input.checked && openRecap(m, app, { orientation: value }));
      return h('label.recap-radio', { for: `recap-shape-${value}` }, input, ` ${label}`);
    }));

  const note = h('p.recap-note', { id: 'recap-note', text: 'Checking what this browser can encode…' });
  const exportRow = h('div.recap-buttons');
  const progress = h('progress.recap-progress', { id: 'recap-progress', max: String(plan.frameCount), value: '0' });
  const progressLabel = h('label', { for: 'recap-progress', text: 'Making the video' });
  const cancel = h('button.btn.small', { type: 'button', text: 'Cancel' });
  const progressRow = h('div.recap-progress-row', { hidden: true }, progressLabel, progress, cancel);
  const status = h('p.recap-status', { role: 'status', 'aria-live': 'polite' });
  const resultRow = h('div.recap-buttons', { hidden: true });
  const why = h('details.recap-why', {}, h('summary', { text: 'Why these photos and moves' }),
    h('ul.reasons', {}, plan.reasons.map((r) => h('li', { text: r.text })),
      plan.segments.filter((s) => s.kind === 'photo').map((s) => h('li', {}, h('b', { text: s.path.split('/').pop() }), `: ${s.reasons.map((r) => r.text).join('; ')}`)),
      plan.skipped.map((s) => h('li', {}, h('b', { text: s.path.split('/').pop() }), `: ${s.reason.text}`))));

  body.replaceChildren(
    h('div.sheet-head', {}, h('h2', { id: 'recap-title', text: `Recap: ${m.title}` }), closeButton(d)),
    h('div.recap-layout', {},
      h('div.recap-stage', { 'data-orientation': plan.orientation }, canvas),
      h('div.recap-side', {},
        h('div.recap-controls', {}, playBtn, scrub, time),
        shape,
        h('h3', { text: 'Save the video' }), note, exportRow, progressRow, status, resultRow,
        h('p.fineprint', { text: 'Made in this tab from your photos; nothing is uploaded. Your originals are not changed.' }),
        why)));
  if (!d.open) d.showModal();
  player.show(0);

  const support = await recapSupport(plan, { muxer: MUXER_URL });
  if (current === null || current.player !== player) return;  // closed or reopened meanwhile
  current.support = support;
  const CODEC = { vp9: 'VP9', vp8: 'VP8', avc: 'H.264' };
  const made = ['webm', 'mp4'].filter((f) => support[f] && support[f].method === 'webcodecs')
    .map((f) => `${f === 'webm' ? 'WebM' : 'MP4'} as ${CODEC[support[f].codec] || support[f].codec}`);
  note.textContent = [made.length ? `Encoded in this tab with WebCodecs: ${made.join(', ')}.` : '', ...support.reasons].filter(Boolean).join(' ');
  const formats = [['webm', 'WebM'], ['mp4', 'MP4']];
  exportRow.replaceChildren(...formats.map(([format, label]) => {
    const how = support[format];
    const b = h('button.btn.recap-export', { type: 'button', 'data-format': format, text: `Save as ${label}`,
      disabled: !how, title: how ? undefined : `This browser cannot make ${label} video` });
    b.addEventListener('click', () => runExport(format, label));
    return b;
  }));
  d.dataset.support = JSON.stringify({ webm: support.webm && support.webm.method, mp4: support.mp4 && support.mp4.method });

  async function runExport(format, label) {
    const abort = new AbortController();
    current.abort = abort;
    player.pause();
    for (const b of exportRow.querySelectorAll('button')) b.disabled = true;
    resultRow.hidden = true;
    progressRow.hidden = false;
    progress.value = 0;
    const recording = support[format].method === 'mediarecorder';
    progressLabel.textContent = recording ? `Recording ${label} while it plays` : `Encoding ${label}`;
    status.textContent = '';
    d.dataset.export = 'running';
    cancel.onclick = () => abort.abort();
    // A recording draws on the player's canvas (captureStream needs a
    // canvas on the page), so the images the player decoded are shared.
    try {
      const video = await exportRecap(plan, {
        format, support, muxer: MUXER_URL, signal: abort.signal, canvas, images: recording ? images : undefined,
        load: loader(app), onProgress: (p) => { progress.value = p.done; },
      });
      const speed = video.duration / (video.encodeMs / 1000);
      const name = `gemroll-recap-${slug(m.title)}.${video.extension}`;
      const file = new File([video.blob], name, { type: video.mimeType });
      status.textContent = `${name}: ${label}, ${video.width}×${video.height}, ${video.duration.toFixed(1)} s, ${mb(video.blob.size)} — made in ${(video.encodeMs / 1000).toFixed(1)} s (${speed.toFixed(1)}× real time${recording ? ', recorded' : ''}).` +
        (video.failed.length ? ` ${video.failed.length} photo(s) could not be read and show a note instead: ${video.failed.map((f) => `${f.path}: ${f.message}`).join('; ')}.` : '');
      resultRow.replaceChildren(
        h('button.btn.primary', { type: 'button', text: 'Share', onclick: () => shareFile(file, status) }),
        h('button.btn', { type: 'button', text: 'Download', 'aria-label': `Download ${name}`, onclick: () => download(file) }));
      resultRow.hidden = false;
      window.gemrollRecap = { plan, video, support };
      d.dataset.export = 'done';
    } catch (e) {
      const cancelled = e && e.name === 'AbortError';
      status.textContent = cancelled ? 'Cancelled; nothing was saved.' : `The video could not be made: ${e.message}`;
      d.dataset.export = cancelled ? 'cancelled' : 'error';
    } finally {
      progressRow.hidden = true;
      if (current && current.abort === abort) current.abort = null;
      exportRow.querySelectorAll('button').forEach((b) => { b.disabled = !support[b.dataset.format]; });
      if (recording && current && current.player === player) player.show(player.t);
    }
  }
}

function closeButton(d) {
  return h('button.icon-btn', { type: 'button', 'aria-label': 'Close', onclick: () => d.close(), text: '×' });
}

function download(file) {
  const url = URL.createObjectURL(file);
  const a = h('a', { href: url, download: file.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

async function shareFile(file, status) {
  if (navigator.canShare && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: file.name });
    } catch (e) {
      if (e.name !== 'AbortError') status.textContent = `Sharing failed: ${e.message}`;
    }
  } else {
    status.textContent = 'This browser cannot share video files; the video was downloaded instead.';
    download(file);
  }
}
