// <gemroll-demo>: a live Gemroll demo for other sites' pages (privacy
// articles). One module, one custom element; everything it shows and styles
// lives in its shadow root, and the only global it touches is the
// customElements registry. The package is imported only when a scan starts,
// so a visit that never scans downloads this file and nothing else (plus the
// small sample manifest, to know whether to offer samples).
//
//   <script type="module" src="https://GEMROLL-ORIGIN/embed/gemroll-demo.js"></script>
//   <gemroll-demo></gemroll-demo>
//
// Attributes: workers (threads; default: 1 without cross-origin isolation,
// else the package's default), samples (URL of a sample manifest
// {files: [...]}, relative to it; default ../samples/manifest.json next to
// this module), max-files (default 500).

const MODULE_URL = new URL(import.meta.url);
const PACKAGE_URL = new URL('../vendor/gemroll/src/index.js', MODULE_URL);
const DEFAULT_SAMPLES = new URL('../samples/manifest.json', MODULE_URL);
const DEFAULT_MAX_FILES = 500;
const GEMS_SHOWN = 6;
const THUMB_LONG_SIDE = 256;

const CSS = `
:host {
  all: initial;
  display: block;
  --gd-bg: #f7f5f2;
  --gd-surface: #ffffff;
  --gd-ink: #1c1b1a;
  --gd-ink-2: #57534e;
  --gd-line: #e7e2db;
  --gd-accent: #0f766e;
  --gd-accent-dark: #0d5f59;
  --gd-accent-soft: #e6f3f1;
  --gd-warn: #9a3412;
  --gd-warn-soft: #fff1e8;
  --gd-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font: 16px/1.5 var(--gd-font);
  color: var(--gd-ink);
  text-align: left;
  max-width: 100%;
  min-width: 0;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.card {
  background: var(--gd-surface);
  border: 1px solid var(--gd-line);
  border-radius: 18px;
  box-shadow: 0 1px 2px rgba(28, 27, 26, .06), 0 6px 24px rgba(28, 27, 26, .07);
  padding: 22px;
  overflow: hidden;
}
.brand { display: flex; align-items: center; gap: 8px; font-size: 13px; font-weight: 650; color: var(--gd-accent);
  letter-spacing: .02em; text-transform: uppercase; margin: 0 0 8px; }
.brand svg { width: 18px; height: 18px; flex: none; }
h2 { font-size: 21px; line-height: 1.25; letter-spacing: -.01em; margin: 0 0 6px; font-weight: 720; color: var(--gd-ink); }
.lede { margin: 0 0 16px; color: var(--gd-ink-2); font-size: 15px; }
.drop {
  border: 2px dashed #cfc7bc; border-radius: 14px; background: var(--gd-bg);
  padding: 22px 16px; text-align: center; transition: border-color .15s, background-color .15s;
}
.drop.over { border-color: var(--gd-accent); background: var(--gd-accent-soft); }
.actions { display: flex; flex-wrap: wrap; gap: 10px; justify-content: center; }
button {
  font: inherit; font-size: 15px; font-weight: 600; min-height: 44px; padding: 0 18px; border-radius: 10px;
  border: 1px solid var(--gd-line); background: var(--gd-surface); color: var(--gd-ink); cursor: pointer;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px; line-height: 1.2;
}
button:hover { border-color: #c9c1b6; }
button.primary { background: var(--gd-accent); border-color: var(--gd-accent); color: #fff; }
button.primary:hover { background: var(--gd-accent-dark); }
button.link {
  min-height: 32px; padding: 0 4px; border: 0; background: none; color: var(--gd-accent);
  text-decoration: underline; text-underline-offset: 3px; font-weight: 500; font-size: 14px;
}
button:disabled { opacity: .55; cursor: default; }
button:focus-visible, summary:focus-visible, .gem:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.hint { margin: 10px 0 0; color: var(--gd-ink-2); font-size: 13px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }
.status { margin: 12px 0 0; font-size: 14px; color: var(--gd-ink-2); min-height: 0; }
.status.error { color: var(--gd-warn); }
.status:empty { display: none; }

.progress { margin-top: 4px; }
.progress-top { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; font-size: 14px; }
.progress-label { font-weight: 600; }
.progress-count { color: var(--gd-ink-2); font-variant-numeric: tabular-nums; white-space: nowrap; }
.track { height: 10px; background: #ece7e0; border-radius: 999px; overflow: hidden; margin: 8px 0 12px; }
.fill { height: 100%; width: 0; background: var(--gd-accent); border-radius: 999px; transition: width .2s ease-out; }
.track.indeterminate .fill { width: 30%; animation: slide 1.2s ease-in-out infinite; }
@keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(340%); } }
@media (prefers-reduced-motion: reduce) { .fill { transition: none; } .track.indeterminate .fill { animation: none; width: 100%; opacity: .35; } }

.results-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin: 2px 0 12px; }
h3 { font-size: 16px; margin: 0; font-weight: 700; color: var(--gd-ink); }
.results-sub { font-size: 13px; color: var(--gd-ink-2); }
.gems { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px;
  grid-template-columns: repeat(3, minmax(0, 1fr)); }
.gem { position: relative; border: 1px solid var(--gd-line); border-radius: 12px; overflow: hidden; background: var(--gd-surface); }
.gem img, .gem .noimg { display: block; width: 100%; aspect-ratio: 4 / 3; object-fit: cover; background: #ece7e0; }
.gem .noimg { display: flex; align-items: center; justify-content: center; color: var(--gd-ink-2); font-size: 12px; }
.gem .score { position: absolute; top: 8px; left: 8px; background: rgba(255, 255, 255, .94); color: var(--gd-accent-dark);
  font-weight: 750; font-size: 13px; border-radius: 999px; padding: 1px 9px; font-variant-numeric: tabular-nums;
  box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
.gem-body { padding: 8px 10px 10px; }
.gem-name { font-size: 13px; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.gem-why { font-size: 12.5px; line-height: 1.35; color: var(--gd-ink-2); margin-top: 2px;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.empty { color: var(--gd-ink-2); font-size: 14px; margin: 0; }

.summary { list-style: none; margin: 16px 0 0; padding: 0; display: grid; gap: 8px;
  grid-template-columns: repeat(3, minmax(0, 1fr)); }
.summary li { background: var(--gd-bg); border-radius: 10px; padding: 8px 12px; }
.summary .n { display: block; font-size: 20px; font-weight: 750; line-height: 1.2; font-variant-numeric: tabular-nums; }
.summary .what { display: block; font-size: 12.5px; color: var(--gd-ink-2); }
.summary li.zero .n { color: #a8a29e; }
.summary li.warn { background: var(--gd-warn-soft); }
.summary li.warn .n { color: var(--gd-warn); }

details { margin-top: 12px; border-top: 1px solid var(--gd-line); padding-top: 10px; font-size: 14px; }
summary { cursor: pointer; font-weight: 600; border-radius: 6px; padding: 2px 0; }
details ul { margin: 8px 0 0; padding-left: 18px; color: var(--gd-ink-2); }
details li { margin: 2px 0; overflow-wrap: anywhere; }
details code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--gd-ink); }
.again { margin-top: 16px; display: flex; gap: 10px; flex-wrap: wrap; }

.network { margin-top: 16px; display: flex; gap: 10px; align-items: flex-start; font-size: 13.5px;
  background: var(--gd-accent-soft); color: #134e4a; border-radius: 12px; padding: 10px 12px; }
.network.alert { background: var(--gd-warn-soft); color: var(--gd-warn); }
.network .dot { flex: none; width: 9px; height: 9px; border-radius: 50%; background: #16a34a; margin-top: 6px;
  box-shadow: 0 0 0 3px #bbf7d0; }
.network.alert .dot { background: #dc2626; box-shadow: 0 0 0 3px #fecaca; }
.network details { border: 0; margin: 4px 0 0; padding: 0; font-size: 13px; }
.network summary { font-weight: 600; }
.network ul { color: inherit; }
.network-body { min-width: 0; flex: 1; }
.network-head { font-weight: 700; margin-right: 4px; }

/* The demo sits in whatever column the host gives it: size by that, not by the viewport. */
.frame { container-type: inline-size; }
@container (max-width: 460px) {
  .card { padding: 16px; border-radius: 14px; }
  h2 { font-size: 18px; }
  .gems { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .summary { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .drop { padding: 16px 10px; }
  .actions button { flex: 1 1 100%; }
}
`;

const TEMPLATE = `
<div class="frame"><section class="card" part="card" aria-labelledby="title">
  <p class="brand"><svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round"><path d="M6 3h12l4 6-10 12L2 9z"/><path d="M2 9h20M12 21 8 9l4-6 4 6-4 12"/></svg>
    Gemroll live demo</p>
  <h2 id="title">See it for yourself: find the best photos in a folder — nothing leaves this page</h2>
  <p class="lede" id="lede">Pick a folder of photos. This page sorts them right here in your browser: the best shots first,
    the screenshots, blurry shots and duplicates you could clean up.</p>

  <div id="start">
    <div class="drop" id="drop">
      <div class="actions">
        <button type="button" class="primary" id="choose" aria-describedby="drop-hint">Choose photos</button>
        <button type="button" id="sample" hidden>Use sample photos</button>
      </div>
      <p class="hint" id="drop-hint">or drop a folder here · <button type="button" class="link" id="choose-files">pick single files</button></p>
      <input type="file" id="folder-input" webkitdirectory multiple tabindex="-1" aria-hidden="true" class="visually-hidden">
      <input type="file" id="files-input" multiple accept="image/*,.heic,.heif" tabindex="-1" aria-hidden="true" class="visually-hidden">
    </div>
  </div>

  <div id="progress" class="progress" hidden>
    <div class="progress-top">
      <span class="progress-label" id="progress-label">Starting…</span>
      <span class="progress-count" id="progress-count"></span>
    </div>
    <div class="track" id="track" role="progressbar" aria-labelledby="progress-label" aria-valuemin="0" aria-valuemax="100">
      <div class="fill" id="fill"></div>
    </div>
    <button type="button" id="cancel">Cancel</button>
  </div>

  <p class="status" id="status" role="status" aria-live="polite"></p>

  <div id="results" hidden>
    <div class="results-head">
      <h3 id="gems-title">Your best photos</h3>
      <span class="results-sub" id="results-sub"></span>
    </div>
    <ol class="gems" id="gems" aria-labelledby="gems-title"></ol>
    <ul class="summary" id="summary" aria-label="What else is in the folder"></ul>
    <details id="unreadable" hidden>
      <summary id="unreadable-title">Files it could not read</summary>
      <ul id="unreadable-list"></ul>
    </details>
    <div class="again">
      <button type="button" id="again">Try another folder</button>
    </div>
  </div>

  <div class="network" id="network" role="group" aria-labelledby="network-head">
    <span class="dot" aria-hidden="true"></span>
    <div class="network-body">
      <strong class="network-head" id="network-head">No photo has left this page.</strong>
      <span id="network-line">Network: nothing yet.</span>
      <details id="network-details" hidden>
        <summary>Every request this demo made</summary>
        <ul id="network-list"></ul>
      </details>
    </div>
  </div>
</section></div>
`;

// Paths under Gemroll's origin the demo downloads from: its code, the
// package, the engine, the sample photos. Nothing is ever sent there.
const OWN_PATHS = ['/embed/', '/vendor/', '/samples/'];

const pct = (x) => Math.round((x || 0) * 100);
const baseName = (p) => String(p).split('/').pop();
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const kb = (bytes) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

// Short captions for the engine's reasons, where a card has little room
// (the full text is in the card's label and tooltip).
const SHORT_REASON = {
  technically_strong: 'sharp and well exposed',
  unique: 'one of a kind',
  sharp_subject: 'sharp subject, soft background',
};

// Why a photo is a gem, in a line: its strongest reasons (the ones that
// moved its score, and "best of N" for the pick of a burst), strongest first.
function gemReason(p, groups) {
  const all = [...(p.reasons || []), ...(p.qualityReasons || [])]
    .filter((r) => r.text && (r.weight > 0 || r.code === 'sharp_subject'));
  all.sort((a, b) => (b.weight || 0) - (a.weight || 0));
  const pick = (short) => [...new Set(all.map((r) => (short && SHORT_REASON[r.code]) || r.text))].slice(0, 2);
  const group = p.groupBest && groups.find((g) => g.best === p.path);
  const best = group ? `best of ${group.members.length} ${group.type === 'burst' ? 'burst frames' : 'copies'}` : null;
  const line = (texts) => {
    if (best) texts.splice(1, 1, best);
    const text = texts.join(' · ');
    return text ? text[0].toUpperCase() + text.slice(1) : 'Sharp, well exposed and one of a kind';
  };
  return { short: line(pick(true)), full: line(pick(false)) };
}

// Files of a dropped folder (DataTransferItemList), with relative paths.
async function droppedFiles(dataTransfer) {
  const entries = [];
  for (const item of dataTransfer.items || []) {
    const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  if (!entries.length) return [...(dataTransfer.files || [])].map((f) => ({ name: f.name, data: f }));
  const out = [];
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej)).catch(() => null);
      if (file) out.push({ name: prefix + entry.name, data: file });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((res, rej) => reader.readEntries(res, rej)).catch(() => []);
      if (!batch.length) break;
      for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

class GemrollDemo extends HTMLElement {
  #root;
  #el = {};
  #gemroll = null;       // Promise<Gemroll>, made on the first scan
  #controller = null;    // AbortController of the running scan
  #urls = [];            // blob: URLs of thumbnails on screen
  #observer = null;
  #requests = new Map(); // url -> {url, origin, own, type, bytes}
  #startedAt = 0;
  #samples = null;       // {base: URL, files: [...] } once the manifest loaded

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    // Constructable stylesheets are not subject to the host page's style-src,
    // so the host needs no 'unsafe-inline' for styles; <style> where they are missing.
    if ('adoptedStyleSheets' in this.#root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      this.#root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      this.#root.append(style);
    }
    const wrap = document.createElement('template');
    wrap.innerHTML = TEMPLATE;
    this.#root.append(wrap.content);
    for (const el of this.#root.querySelectorAll('[id]')) this.#el[el.id] = el;
  }

  connectedCallback() {
    if (this.#startedAt) return;
    this.#startedAt = performance.now();
    const el = this.#el;
    el.choose.addEventListener('click', () => this.#pick());
    el['choose-files'].addEventListener('click', () => el['files-input'].click());
    el['folder-input'].addEventListener('change', (e) => this.#fromInput(e.target));
    el['files-input'].addEventListener('change', (e) => this.#fromInput(e.target));
    el.sample.addEventListener('click', () => this.#scanSamples());
    el.cancel.addEventListener('click', () => this.#controller && this.#controller.abort());
    el.again.addEventListener('click', () => this.#reset(true));
    const drop = el.drop;
    // The whole card takes drops, so a near miss still works.
    const card = this.#root.querySelector('.card');
    card.addEventListener('dragover', (e) => {
      if (this.#controller) return;
      e.preventDefault();
      drop.classList.add('over');
    });
    card.addEventListener('dragleave', (e) => {
      if (!card.contains(e.relatedTarget)) drop.classList.remove('over');
    });
    card.addEventListener('drop', async (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      if (this.#controller) return;
      const files = await droppedFiles(e.dataTransfer);
      this.#scan(files, 'the folder');
    });
    this.#watchNetwork();
    this.#loadSampleManifest();
  }

  disconnectedCallback() {
    // Moved elements reconnect right away; only a real removal frees the engine.
    queueMicrotask(() => {
      if (this.isConnected) return;
      if (this.#controller) this.#controller.abort();
      if (this.#observer) this.#observer.disconnect();
      this.#observer = null;
      this.#startedAt = 0;
      this.#clearThumbs();
      const g = this.#gemroll;
      this.#gemroll = null;
      if (g) g.then((x) => x.close(), () => {});
    });
  }

  get #maxFiles() {
    const n = Number.parseInt(this.getAttribute('max-files'), 10);
    return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_FILES;
  }

  #pick() {
    // Folder picking where the browser has it (not iOS Safari); files otherwise.
    const folder = this.#el['folder-input'];
    if ('webkitdirectory' in folder && !/iPhone|iPad|iPod/.test(navigator.userAgent)) folder.click();
    else this.#el['files-input'].click();
  }

  #fromInput(input) {
    const files = [...(input.files || [])].map((f) => ({ name: f.webkitRelativePath || f.name, data: f }));
    input.value = '';
    if (files.length) this.#scan(files, input.id === 'folder-input' ? 'the folder' : 'your files');
  }

  // ---- Sample photos -------------------------------------------------------

  async #loadSampleManifest() {
    let url;
    try {
      url = new URL(this.getAttribute('samples') || DEFAULT_SAMPLES, document.baseURI);
      const res = await fetch(url, { credentials: 'omit' });
      if (!res.ok) return;
      const manifest = await res.json();
      const files = Array.isArray(manifest && manifest.files) ? manifest.files.filter((f) => typeof f === 'string') : [];
      if (!files.length) return;
      this.#samples = { base: url, files };
      this.#el.sample.hidden = false;
    } catch {
      // No samples where this demo is served (or the page's CSP forbids them): no button.
    }
  }

  async #scanSamples() {
    if (!this.#samples || this.#controller) return;
    const { base, files } = this.#samples;
    const controller = new AbortController();
    this.#controller = controller;
    this.#showProgress('Downloading the sample photos…', 0, files.length, 'photos');
    try {
      const out = [];
      let done = 0;
      await Promise.all(files.map(async (name) => {
        const res = await fetch(new URL(name, base), { signal: controller.signal, credentials: 'omit' });
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
        out.push({ name: `samples/${name}`, data: await res.blob() });
        this.#showProgress('Downloading the sample photos…', ++done, files.length, 'photos');
      }));
      this.#controller = null;
      this.#scan(out, 'the sample photos');
    } catch (e) {
      this.#controller = null;
      this.#reset(false);
      this.#status(controller.signal.aborted ? 'Cancelled.' : `Could not load the sample photos (${e.message}).`, !controller.signal.aborted);
    }
  }

  // ---- Scanning ------------------------------------------------------------

  #engine() {
    if (!this.#gemroll) {
      const attr = Number.parseInt(this.getAttribute('workers'), 10);
      // Threads share memory only in a cross-origin isolated page; a host
      // page without COOP/COEP gets one worker, which still keeps the page smooth.
      const workers = Number.isInteger(attr) && attr > 0 ? attr : (self.crossOriginIsolated ? undefined : 1);
      this.#gemroll = import(PACKAGE_URL.href)
        .then(({ Gemroll }) => Gemroll.create({ workers, gazetteer: false }));
      this.#gemroll.catch(() => (this.#gemroll = null));
    }
    return this.#gemroll;
  }

  async #scan(files, what) {
    if (this.#controller) return;
    // Hidden files (.DS_Store, ._IMG) are not photos anyone took.
    let list = files.filter((f) => !baseName(f.name).startsWith('.'));
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (!list.length) {
      this.#status('That folder has no files in it.', true);
      return;
    }
    const found = list.length;
    const max = this.#maxFiles;
    if (found > max) list = list.slice(0, max);
    const controller = new AbortController();
    this.#controller = controller;
    this.#clearResults();
    this.#status('');
    this.#showProgress('Starting the photo engine…', 0, 0);
    const started = performance.now();
    const records = [];
    const thumbs = new Map();
    try {
      const g = await this.#engine();
      if (controller.signal.aborted) throw controller.signal.reason;
      this.setAttribute('data-workers', String(g.workers));
      const onProgress = ({ stage, done, total }) => {
        if (stage === 'analysing') this.#showProgress(`Looking at ${what}…`, done, total, 'photos');
      };
      for await (const r of g.scan(list, { signal: controller.signal, onProgress, thumbnailLongSide: THUMB_LONG_SIDE, cache: false })) {
        if (r.thumbnail) {
          thumbs.set(r.path, r.thumbnail);
          delete r.thumbnail;
        }
        records.push(r);
      }
      this.#showProgress('Picking the best ones…', list.length, list.length, 'photos');
      const s = await g.suggest(records, { signal: controller.signal });
      this.#controller = null;
      this.#showResults(s, thumbs, { found, scanned: list.length, seconds: (performance.now() - started) / 1000 });
    } catch (e) {
      this.#controller = null;
      const cancelled = controller.signal.aborted;
      this.#reset(false);
      this.#status(cancelled ? 'Cancelled. Nothing was kept.' : `Something went wrong: ${(e && e.message) || e}`, !cancelled);
      if (!cancelled) console.error('gemroll-demo:', e);
    }
  }

  #showProgress(label, done, total, unit = '') {
    const el = this.#el;
    el.start.hidden = true;
    el.results.hidden = true;
    el.progress.hidden = false;
    el['progress-label'].textContent = label;
    const known = total > 0;
    el.track.classList.toggle('indeterminate', !known);
    const value = known ? Math.round((done / total) * 100) : 0;
    el.fill.style.width = known ? `${value}%` : '';
    if (known) {
      el.track.setAttribute('aria-valuenow', String(value));
      el.track.setAttribute('aria-valuetext', `${done} of ${total} ${unit}`.trim());
    } else {
      el.track.removeAttribute('aria-valuenow');
      el.track.removeAttribute('aria-valuetext');
    }
    el['progress-count'].textContent = known ? `${done} of ${total}${unit ? ` ${unit}` : ''}` : '';
    this.setAttribute('data-state', 'scanning');
  }

  // `quiet`: for screen readers only (the results already say it on screen).
  #status(text, error = false, quiet = false) {
    this.#el.status.textContent = text;
    this.#el.status.classList.toggle('error', !!error);
    this.#el.status.classList.toggle('visually-hidden', !!quiet);
  }

  #reset(focus) {
    const el = this.#el;
    el.progress.hidden = true;
    el.results.hidden = true;
    el.start.hidden = false;
    this.#clearResults();
    this.#status('');
    this.setAttribute('data-state', 'idle');
    if (focus) el.choose.focus();
  }

  #clearThumbs() {
    for (const u of this.#urls) URL.revokeObjectURL(u);
    this.#urls = [];
  }

  #clearResults() {
    this.#clearThumbs();
    this.#el.gems.replaceChildren();
    this.#el.summary.replaceChildren();
    this.#el['unreadable-list'].replaceChildren();
  }

  #showResults(s, thumbs, { found, scanned, seconds }) {
    const el = this.#el;
    const photos = new Map(s.photos.map((p) => [p.path, p]));
    el.progress.hidden = true;
    el.start.hidden = true;
    el.results.hidden = false;

    const gems = s.gems.slice(0, GEMS_SHOWN);
    el['gems-title'].textContent = gems.length ? `Your ${gems.length === 1 ? 'best photo' : `${gems.length} best photos`}` : 'Your best photos';
    const more = found > scanned ? ` (the first ${scanned} of ${found} files)` : '';
    el['results-sub'].textContent = `${plural(scanned, 'file')}${more} in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s on this device · scores out of 100`;
    if (!gems.length) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No photos worth keeping stood out here. Try a folder from your camera.';
      el.gems.append(li);
    }
    gems.forEach((path, i) => {
      const p = photos.get(path) || { path };
      const li = document.createElement('li');
      li.className = 'gem';
      li.tabIndex = 0;
      const score = pct(p.scores && p.scores.gem);
      const { short: why, full } = gemReason(p, s.groups);
      li.setAttribute('aria-label', `${i + 1}. ${baseName(path)}, gem score ${score} of 100: ${full}`);
      li.title = `${path}: ${full}`;
      const bytes = thumbs.get(path);
      let pic;
      if (bytes) {
        pic = document.createElement('img');
        const url = URL.createObjectURL(new Blob([bytes], { type: 'image/jpeg' }));
        this.#urls.push(url);
        pic.src = url;
        pic.alt = '';
        pic.decoding = 'async';
      } else {
        pic = document.createElement('div');
        pic.className = 'noimg';
        pic.textContent = 'no preview';
      }
      const badge = document.createElement('span');
      badge.className = 'score';
      badge.title = 'Gem score, out of 100';
      badge.textContent = String(score);
      badge.setAttribute('aria-hidden', 'true');
      const body = document.createElement('div');
      body.className = 'gem-body';
      body.setAttribute('aria-hidden', 'true');
      const name = document.createElement('div');
      name.className = 'gem-name';
      name.textContent = baseName(path);
      const line = document.createElement('div');
      line.className = 'gem-why';
      line.textContent = why;
      body.append(name, line);
      li.append(pic, badge, body);
      el.gems.append(li);
    });

    // The cleanup side, in counts.
    const ok = s.photos.filter((p) => p.ok);
    const failed = s.photos.filter((p) => !p.ok);
    const count = (f) => ok.filter(f).length;
    const extras = s.groups.reduce((n, g) => n + g.members.length - 1, 0);
    const items = [
      ['screenshots', count((p) => p.kind === 'screenshot'), 'screenshots'],
      ['documents', count((p) => p.kind === 'receipt' || p.kind === 'document'), 'receipts & documents'],
      ['blurry', count((p) => p.kind === 'photo' && p.blurry), 'blurry shots'],
      ['duplicates', extras, `duplicates & burst frames${s.groups.length ? ` in ${plural(s.groups.length, 'group')}` : ''}`],
      ['moments', s.moments.length, s.moments.length === 1 ? 'moment' : 'moments'],
      ['unreadable', failed.length, 'unreadable files'],
    ];
    for (const [key, n, what] of items) {
      const li = document.createElement('li');
      li.dataset.kind = key;
      if (n === 0) li.classList.add('zero');
      if (key === 'unreadable' && n > 0) li.className = 'warn';
      const num = document.createElement('span');
      num.className = 'n';
      num.textContent = String(n);
      const label = document.createElement('span');
      label.className = 'what';
      label.textContent = what;
      li.append(num, label);
      el.summary.append(li);
    }
    el.unreadable.hidden = !failed.length;
    el['unreadable-title'].textContent = `${plural(failed.length, 'file')} it could not read, and why`;
    for (const p of failed) {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = p.path;
      li.append(code, `: ${(p.error && p.error.message) || 'unreadable'}`);
      el['unreadable-list'].append(li);
    }
    this.setAttribute('data-state', 'done');
    this.#status(`Done: ${plural(ok.length, 'photo')} sorted, ${plural(s.gems.length, 'gem')} found.`, false, true);
    this.#renderNetwork();
  }

  // ---- Network evidence ----------------------------------------------------

  // Resource Timing entries: everything fetched from Gemroll's origin, and
  // anything fetched from elsewhere since this demo started (the host page's
  // own requests included: the line shows them rather than guess).
  #watchNetwork() {
    if (typeof PerformanceObserver !== 'function') return;
    const add = (list) => {
      for (const e of list) this.#addRequest(e);
      this.#renderNetwork();
    };
    try {
      this.#observer = new PerformanceObserver((l) => add(l.getEntries()));
      this.#observer.observe({ type: 'resource', buffered: true });
    } catch {
      add(performance.getEntriesByType('resource'));
    }
  }

  #addRequest(e) {
    let u;
    try {
      u = new URL(e.name);
    } catch {
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return;  // blob:/data: never leave the tab
    const own = u.origin === MODULE_URL.origin;
    if (!own && e.startTime < this.#startedAt) return;
    if (this.#requests.has(u.href)) return;
    // A download of the demo's own files cannot carry a photo; anything else
    // that fetch()ed or beaconed since the start is shown as worth a look.
    const download = own && OWN_PATHS.some((p) => u.pathname.startsWith(p));
    const suspicious = !download && ['fetch', 'xmlhttprequest', 'beacon', 'other'].includes(e.initiatorType);
    this.#requests.set(u.href, { url: u.href, own, download, suspicious, type: e.initiatorType,
                                 bytes: e.encodedBodySize || e.transferSize || 0 });
  }

  #renderNetwork() {
    const el = this.#el;
    const all = [...this.#requests.values()];
    const own = all.filter((r) => r.own);
    const photos = own.filter((r) => /^\/samples\/(?!manifest\.json$)/.test(new URL(r.url).pathname));
    const other = all.filter((r) => !r.own);
    const flagged = all.filter((r) => r.suspicious);
    const bytes = own.reduce((n, r) => n + r.bytes, 0);
    const parts = [];
    if (own.length - photos.length) parts.push(`the demo and its engine (${plural(own.length - photos.length, 'file')})`);
    if (photos.length) parts.push(`sample photos (${photos.length})`);
    let text = own.length
      ? `${plural(own.length, 'download')}${bytes ? `, ${kb(bytes)},` : ''} from ${MODULE_URL.host}: ${parts.join(' and ')}; `
      : '';
    text += other.length ? `${plural(other.length, 'other request')} on this page since the demo loaded.` : 'no other requests.';
    el['network-head'].textContent = flagged.length
      ? `${plural(flagged.length, 'request')} could have sent data: check the list.`
      : 'No photo has left this page.';
    el['network-line'].textContent = `Network: ${text}`;
    el.network.classList.toggle('alert', flagged.length > 0);
    el['network-details'].hidden = !all.length;
    el['network-list'].replaceChildren(...all.map((r) => {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = r.url;
      li.append(code, ` — ${r.suspicious ? 'check this one' : r.own ? 'download' : r.type}`);
      return li;
    }));
    this.dataset.requests = String(all.length);
    this.dataset.flagged = String(flagged.length);
  }
}

if (!customElements.get('gemroll-demo')) customElements.define('gemroll-demo', GemrollDemo);
