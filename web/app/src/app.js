// Gemroll web app: pick a folder, scan it with the gemroll package (wasm in
// workers, nothing leaves the tab), show Gems, Moments and Cleanup as they
// come in, and let the user share or download copies of what they choose.
import { Gemroll } from './vendor/gemroll/src/index.js';
import { fromDataTransfer, fromDirectoryHandle, fromFileList, fromSamples, sampleManifest } from './files.js';
import { RequestLog } from './privacy.js';
import { Thumbs } from './thumbs.js';
import { baseName, h } from './dom.js';

const $ = (id) => document.getElementById(id);

const fmtInt = new Intl.NumberFormat('en');
const pct = (x) => `${Math.round((x || 0) * 100)}`;
const secs = (ms) => (ms < 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
function bytes(n) {
  if (!(n >= 0)) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}
function when(iso) {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return d.toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
}

const KIND_LABEL = { photo: 'Photo', screenshot: 'Screenshot', document: 'Document', receipt: 'Receipt', graphic: 'Graphic' };
const RELATION = {
  original: 'original', best_frame: 'best frame', exact_copy: 'exact copy', near_duplicate: 'near-duplicate',
  edited_version: 'edited version', burst_frame: 'burst frame',
};
const MOMENT_KIND = { event: 'Event', trip: 'Trip', on_this_day: 'On this day', people: 'People' };
const LIST_LIMIT = 24;
const LIST_PAGE = 96;  // cards added per "Show more"
// A duplicate group shows its first members (best first); a roll copied many times over
// would otherwise put thousands of copies in the page. The export lists them all.
const DUP_MEMBERS_SHOWN = 12;
// On-device models (faces, text) on by default, on the photos the cheap pass
// leaves in doubt (the package's gate); `?models=off` turns them off and
// `?models=all` runs every model on every photo (slower: to see all their
// evidence, e.g. the text on a receipt the cheap pass already recognised).
// Their files come from this origin (vendor/) and stay in Cache Storage.
const MODELS_PARAM = new URLSearchParams(location.search).get('models');
const MODELS = MODELS_PARAM === 'off' ? false : { gate: MODELS_PARAM !== 'all' };
// ?workers=N (benchmarks: 1 vs 2 workers); default a worker per core.
const WORKERS_PARAM = Number(new URLSearchParams(location.search).get('workers'));
const WORKERS = Number.isInteger(WORKERS_PARAM) && WORKERS_PARAM >= 1 && WORKERS_PARAM <= 16 ? WORKERS_PARAM : undefined;

// ---------------------------------------------------------------- state

const app = {
  gemroll: null,
  gemrollReady: null,
  requests: new RequestLog(),
  thumbs: null,
  source: null,       // {name, entries, skipped, reopen}
  files: new Map(),   // path -> File
  records: new Map(), // path -> scan record
  suggestions: null,
  photos: new Map(),  // path -> suggestions.photos[i]
  selected: new Set(),
  scanning: false,
  scanId: 0,          // which scan the view shows (a later one supersedes it)
  abort: null,
  stats: null,        // exposed for tests and benchmarks as window.gemrollApp.stats
};
window.gemrollApp = app;

function engine() {
  if (!app.gemrollReady) {
    // A worker per core (the package default): each has its own wasm memory,
    // so this needs no cross-origin isolation, and the page thread only hands
    // over files and renders.
    app.gemrollReady = Gemroll.create(WORKERS ? { workers: WORKERS } : {}).then((g) => {
      app.gemroll = g;
      $('engine-info').textContent = `Engine ${g.version} (${g.variant === 'simd' ? 'SIMD' : 'scalar'}), ${g.workers} worker${g.workers > 1 ? 's' : ''}.`;
      return g;
    });
  }
  return app.gemrollReady;
}

// ---------------------------------------------------------------- picking

async function pickFolder() {
  if (window.showDirectoryPicker) {
    let handle;
    try {
      handle = await window.showDirectoryPicker({ id: 'gemroll', mode: 'read' });
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      $('folder-input').click();
      return;
    }
    const picked = await fromDirectoryHandle(handle);
    startScan({ ...picked, handle, reopen: () => fromDirectoryHandle(handle) });
  } else {
    $('folder-input').click();
  }
}

function wirePicking() {
  $('pick').addEventListener('click', pickFolder);
  $('another').addEventListener('click', () => {
    showIntro();
    pickFolder();
  });
  $('folder-input').addEventListener('change', (e) => {
    const picked = fromFileList(e.target.files);
    e.target.value = '';
    if (picked.entries.length || picked.skipped) startScan({ ...picked, reopen: null });
  });
  const drop = $('drop');
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  document.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) drop.classList.remove('over');
  });
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (app.scanning) return;
    const picked = await fromDataTransfer(e.dataTransfer);
    if (picked.entries.length) startScan({ ...picked, reopen: null });
  });
  sampleManifest().then((files) => {
    if (!files) return;
    const b = $('sample');
    b.hidden = false;
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const picked = await fromSamples(files);
        startScan({ ...picked, reopen: () => fromSamples(files) });
      } finally {
        b.disabled = false;
      }
    });
  });
}

// ---------------------------------------------------------------- scanning

function showIntro() {
  $('intro').hidden = false;
  $('scan').hidden = true;
  $('results').hidden = true;
}

async function startScan(picked) {
  if (app.scanning) return;
  const g = await engine();
  const rescan = app.source && app.source.name === picked.name && app.records.size > 0;
  app.source = picked;
  app.files = new Map(picked.entries.map((e) => [e.path, e.file]));
  app.records = new Map();
  app.suggestions = null;
  app.photos = new Map();
  app.selected.clear();
  updateSelection();
  if (app.thumbs) app.thumbs.clear();
  app.thumbs = new Thumbs(g, app.files);
  app.abort = new AbortController();
  app.scanning = true;
  const t0 = performance.now();
  const scanId = ++app.scanId;
  app.stats = { total: picked.entries.length, done: 0, cached: 0, startedAt: t0, firstResultMs: null, totalMs: null,
                previews: 0, previewMs: null, firstLookMs: null, firstResultPhotos: 0, firstResultGems: 0,
                rescan, cancelled: false, suggestCalls: 0, suggestMs: 0 };

  document.body.dataset.scan = 'scanning';
  $('intro').hidden = true;
  $('scan').hidden = false;
  $('scan').classList.remove('done');
  $('results').hidden = false;
  $('cancel').hidden = false;
  $('rescan').hidden = true;
  $('another').hidden = true;
  $('scan-title').textContent = `Scanning ${picked.name}`;
  setProgress(0, picked.entries.length);
  renderAll();

  let lastSuggest = 0;
  // Curation of everything so far runs on a pool worker, which then scans
  // nothing: on a big roll it costs more each time, so the view catches up
  // at most once a second and never spends more than ~1/16 of that worker
  // (at 1/8, 16 s of the 255 worker-seconds of a 1,000-photo scan with models).
  let suggestGap = 1000;
  let suggesting = null;
  const refresh = async (force) => {
    if (suggesting) {
      if (!force) return;
      await suggesting;
    }
    lastSuggest = performance.now();
    suggesting = (async () => {
      const records = [...app.records.values()];
      try {
        const started = performance.now();
        const s = await g.suggest(records);
        const ms = performance.now() - started;
        app.stats.suggestCalls++;
        app.stats.suggestMs += ms;
        suggestGap = Math.max(1000, 16 * ms);
        // A later scan may have started meanwhile: only show our own.
        if (app.scanId === scanId) applySuggestions(s);
      } catch (e) {
        console.warn('gemroll: suggest failed', e);
      }
    })();
    await suggesting;
    suggesting = null;
  };

  const input = picked.entries.map((e) => ({ name: e.path, data: e.file }));
  try {
    // A first look (issue 16): each file's own small preview (a JPEG's EXIF
    // thumbnail, a HEIC's thumbnail item) gives provisional gems and moments
    // in seconds; the full scan then replaces them photo by photo. Nothing
    // provisional is offered for cleanup (cleanupItems).
    $('scan-title').textContent = `First look at ${picked.name}`;
    for await (const r of g.scan(input, { signal: app.abort.signal, preview: true, thumbnailLongSide: 160 })) {
      if (!r.ok) continue;  // no preview in the file: the full scan will see it
      if (r.thumbnail) {
        app.thumbs.setBytes(r.path, r.thumbnail);
        delete r.thumbnail;
      }
      app.records.set(r.path, r);
      // On a big roll the gems so far show after a second, then as the view catches up.
      if (performance.now() - t0 > 1000 && performance.now() - lastSuggest > suggestGap) refresh(false);
    }
    app.stats.previews = app.records.size;
    app.stats.previewMs = performance.now() - t0;
    if (app.records.size) {
      await refresh(true);
      app.stats.firstLookMs = performance.now() - t0;
    }
    $('scan-title').textContent = `Scanning ${picked.name}`;
    for await (const r of g.scan(input, {
      signal: app.abort.signal,
      thumbnailLongSide: Thumbs.longSide,
      models: MODELS,
      onProgress: (p) => {
        if (p.stage !== 'analysing') return;
        app.stats.done = p.done;
        app.stats.cached = p.cached || 0;
        setProgress(p.done, p.total);
      },
    })) {
      if (r.thumbnail) {
        app.thumbs.setBytes(r.path, r.thumbnail, { replace: true });
        delete r.thumbnail;
      }
      app.records.set(r.path, r);
      // The first record is shown at once (unless the first look was); then
      // the view catches up every suggestGap ms.
      if (app.stats.suggestCalls === 0 || performance.now() - lastSuggest > suggestGap) refresh(false);
    }
    await refresh(true);
    app.stats.totalMs = performance.now() - t0;
    finishScan();
  } catch (e) {
    await refresh(true);
    if (e && e.name === 'AbortError') {
      app.stats.cancelled = true;
      finishScan();
    } else {
      finishScan(e);
    }
  }
}

function setProgress(done, total) {
  const s = app.stats;
  const fraction = total ? done / total : 0;
  $('progress-fill').style.width = `${(fraction * 100).toFixed(1)}%`;
  $('progress').setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
  const elapsed = performance.now() - s.startedAt;
  let text = `${fmtInt.format(done)} of ${fmtInt.format(total)} files`;
  if (done >= 3 && done < total) {
    const left = (elapsed / done) * (total - done);
    text += ` · about ${left < 60000 ? secs(left) : `${Math.ceil(left / 60000)} min`} left`;
  }
  if (s.cached) text += ` · ${fmtInt.format(s.cached)} unchanged, from cache`;
  $('scan-status').textContent = text;
}

function finishScan(error) {
  app.scanning = false;
  const s = app.stats;
  $('cancel').hidden = true;
  $('rescan').hidden = !app.source;
  $('another').hidden = false;
  const n = app.records.size;
  if (error) {
    $('scan-title').textContent = 'The scan stopped';
    $('scan-status').textContent = `Something went wrong after ${n} files: ${error.message || error}. Results so far are below.`;
  } else if (s.cancelled) {
    $('scan-title').textContent = 'Scan cancelled';
    $('scan-status').textContent = `Stopped after ${fmtInt.format(n)} of ${fmtInt.format(s.total)} files. What was found so far is below; rescan to finish.`;
  } else {
    $('scan').classList.add('done');
    $('scan-title').textContent = `${app.source.name}: done`;
    let text = `${fmtInt.format(n)} files in ${secs(s.totalMs)}`;
    if (s.firstResultMs !== null) text += ` · first results after ${secs(s.firstResultMs)}`;
    if (s.cached) {
      text += s.cached === n
        ? ' · nothing changed since the last scan, so every result came from this browser\'s cache'
        : ` · ${fmtInt.format(s.cached)} unchanged files came from this browser's cache`;
    }
    if (app.source.skipped) text += ` · ${app.source.skipped} hidden files skipped`;
    $('scan-status').textContent = text;
    setProgress(n, n);
    $('scan-status').textContent = text;
  }
  document.body.dataset.scan = error ? 'error' : s.cancelled ? 'cancelled' : 'done';
}

function wireScan() {
  $('cancel').addEventListener('click', () => app.abort && app.abort.abort());
  $('rescan').addEventListener('click', async () => {
    if (!app.source) return;
    const again = app.source.reopen ? await app.source.reopen() : app.source;
    startScan({ ...again, handle: app.source.handle, reopen: app.source.reopen });
  });
}

// ---------------------------------------------------------------- results

function applySuggestions(s) {
  app.suggestions = s;
  app.photos = new Map(s.photos.map((p) => [p.path, p]));
  if (app.stats && app.stats.firstResultMs === null && s.photos.length) {
    app.stats.firstResultMs = performance.now() - app.stats.startedAt;
    app.stats.firstResultPhotos = s.photos.length;
    app.stats.firstResultGems = s.gems.length;
  }
  renderAll();
}

function renderAll() {
  const s = app.suggestions;
  renderGems(s);
  renderMoments(s);
  renderCleanup(s);
  if (app.thumbs) app.thumbs.prune();
}

// The two strongest reasons, in words: what a card says about its photo.
function topReason(p) {
  const all = [...(p.reasons || []), ...(p.qualityReasons || [])].filter((r) => r.code !== 'best_in_group');
  all.sort((a, b) => (b.weight || 0) - (a.weight || 0));
  const texts = [...new Set(all.map((r) => r.text))];
  return texts.slice(0, 2).join(' · ');
}

function photoCard(path, { why, score, tag, tagWarn } = {}) {
  const p = app.photos.get(path) || { path };
  const checkbox = h('input', {
    type: 'checkbox', 'aria-label': `Select ${baseName(path)}`,
    onchange: (e) => {
      if (e.target.checked) app.selected.add(path);
      else app.selected.delete(path);
      updateSelection();
    },
  });
  checkbox.checked = app.selected.has(path);
  return h('article.card', { 'data-path': path },
    h('button.open', { type: 'button', 'aria-label': `${baseName(path)}: details`, onclick: () => openPhoto(path) },
      app.thumbs.img(path, 'thumb', '')),
    score !== undefined ? h('span.score', { 'aria-label': `gem score ${pct(score)} of 100`, text: pct(score) }) : null,
    h('label.pick', {}, checkbox),
    h('div.card-body', {},
      h('div.card-title', { title: path, text: baseName(path) }),
      tag ? h(`span.tag${tagWarn ? '.warn' : ''}`, { text: tag }) : null,
      h('div.card-why', { text: why !== undefined ? why : topReason(p) })));
}

// A grid of the first LIST_LIMIT cards and a button for the next page: a
// 10,000-photo list puts only the cards someone asked to see in the page.
function renderList(container, paths, make) {
  const grid = h('div.grid');
  let shown = Math.min(LIST_LIMIT, paths.length);
  grid.append(...paths.slice(0, shown).map(make));
  container.append(grid);
  if (shown >= paths.length) return;
  const more = h('button.btn.small.more', { type: 'button' });
  const label = () => {
    const left = paths.length - shown;
    more.textContent = left <= LIST_PAGE ? `Show the other ${left}` : `Show ${LIST_PAGE} more (${left} not shown)`;
  };
  more.onclick = () => {
    const next = paths.slice(shown, shown + LIST_PAGE);
    grid.append(...next.map(make));
    shown += next.length;
    if (shown >= paths.length) more.remove();
    else label();
  };
  label();
  container.append(more);
}

function renderGems(s) {
  const panel = $('panel-gems');
  panel.replaceChildren();
  const gems = s ? s.gems : [];
  $('count-gems').textContent = s ? String(gems.length) : '';
  if (!s) {
    panel.append(h('p.empty', { text: app.scanning ? 'Looking for your best photos…' : 'No results yet.' }));
    return;
  }
  if (!gems.length) {
    panel.append(h('p.empty', { text: 'No gems here yet: no sharp, well-exposed camera photos were found.' }));
    return;
  }
  panel.append(h('p.panel-intro', { text: 'Your best photos, best first: sharp, well exposed, colourful and not a near-copy of another shot. Select some to share or download copies.' }));
  const firstLook = provisionalCount(s);
  if (firstLook) panel.append(h('p.provisional-note', { role: 'status', text: `First look: ${fmtInt.format(firstLook)} photo${firstLook > 1 ? 's are' : ' is'} judged from the small preview inside the file so far; the list settles as each photo is analysed.` }));
  renderList(panel, gems, (path) => {
    const p = app.photos.get(path);
    return photoCard(path, { score: p.scores.gem, ...(p.provisional && { tag: 'first look' }) });
  });
}

function renderMoments(s) {
  const panel = $('panel-moments');
  panel.replaceChildren();
  const moments = s ? s.moments : [];
  $('count-moments').textContent = s ? String(moments.filter((m) => m.picks.length).length) : '';
  if (!s) {
    panel.append(h('p.empty', { text: app.scanning ? 'Grouping photos into moments…' : 'No results yet.' }));
    return;
  }
  if (!moments.some((m) => m.picks.length)) {
    panel.append(h('p.empty', { text: 'No moments: photos need capture dates (EXIF) to be grouped into events and trips.' }));
    return;
  }
  // On this day first, then trips, then events, newest first within each.
  // A moment with no picks holds nothing worth showing (only screenshots,
  // documents or junk that happened to be dated): left out.
  const order = { on_this_day: 0, trip: 1, event: 2, people: 3 };
  const sorted = moments.filter((m) => m.picks.length).sort((a, b) => order[a.type] - order[b.type] || (b.start < a.start ? -1 : 1));
  panel.append(h('p.panel-intro', { text: 'Events and trips found from when and where photos were taken, each with its best picks.' }));
  panel.append(h('div.moments', {}, sorted.map((m) => h('article.moment', { 'data-type': m.type },
    h('button.open', { type: 'button', onclick: () => openMoment(m) },
      app.thumbs.img(m.picks.includes(m.cover) ? m.cover : m.picks[0], 'thumb', ''),
      h('div.moment-body', {},
        h('div.moment-kind', { text: MOMENT_KIND[m.type] || m.type }),
        h('h3.moment-title', { text: m.title }),
        h('div.moment-sub', { text: `${m.subtitle || ''} · ${m.members.length} photo${m.members.length === 1 ? '' : 's'}` }),
        h('div.strip', {}, m.picks.slice(0, 5).map((p) => app.thumbs.img(p, 'thumb', ''))))),
    recapButton(m, 'btn small moment-recap')))));
}

// Recaps (recap-ui.js, loaded on first use): a moment's slideshow, saved as video.
function recapButton(m, className) {
  return h('button', { type: 'button', class: className, 'aria-label': `Play recap of ${m.title}`, text: 'Play recap',
                       onclick: () => import('./recap-ui.js').then((r) => r.openRecap(m, app)) });
}

// Edits and collages (edit-ui.js, collage-ui.js, loaded on first use).
function editButton(path) {
  return h('button.btn.edit-open', { type: 'button', text: 'Edit', 'aria-label': `Edit ${baseName(path)}`,
                                     onclick: () => import('./edit-ui.js').then((e) => e.openEditor(path, app)) });
}
function momentEditButtons(m) {
  return [
    h('button.btn.moment-collage', { type: 'button', text: 'Collage', 'aria-label': `Make a collage of ${m.title}`,
                                     onclick: () => import('./collage-ui.js').then((c) => c.openCollage(m, app)) }),
    h('button.btn.moment-edit', { type: 'button', text: 'Apply a look', 'aria-label': `Apply a look to the picks of ${m.title}`,
                                  onclick: () => import('./edit-ui.js').then((e) => e.openMomentEdit(m, app)) }),
  ];
}

// Photos still judged from their preview only (a first look).
function provisionalCount(s) {
  return s ? s.photos.reduce((n, p) => n + (p.provisional ? 1 : 0), 0) : 0;
}

// Every cleanup suggestion as {path, category, action, reason}.
function cleanupItems(s) {
  const items = [];
  if (!s) return items;
  for (const g of s.groups) {
    if (g.provisional) continue;  // a first look: only the photos themselves are evidence
    g.members.forEach((path, i) => {
      if (path === g.best) return;
      items.push({ path, category: g.type === 'burst' ? 'burst' : 'duplicate', action: 'remove',
                   reason: `${RELATION[g.relations && g.relations[i]] || 'similar'} of ${g.best}, which is kept: ${g.reasons.map((r) => r.text).join('; ')}` });
    });
  }
  for (const p of s.photos) {
    if (!p.ok) {
      items.push({ path: p.path, category: 'unreadable', action: 'check', reason: `${p.error.code}: ${p.error.message}` });
      continue;
    }
    if (p.provisional) continue;
    const kindWhy = (p.kindReasons || []).map((r) => r.text).join('; ');
    const qualityWhy = (p.qualityReasons || []).map((r) => r.text).join('; ');
    if (p.kind === 'screenshot') items.push({ path: p.path, category: 'screenshot', action: 'review', reason: kindWhy });
    else if (p.kind === 'receipt' || p.kind === 'document') items.push({ path: p.path, category: p.kind, action: 'review', reason: kindWhy });
    else if (p.kind === 'graphic') items.push({ path: p.path, category: 'graphic', action: 'review', reason: kindWhy });
    else if (p.blurry) items.push({ path: p.path, category: 'blurry', action: 'remove', reason: qualityWhy });
    else if (p.tooDark || p.tooBright) items.push({ path: p.path, category: p.tooDark ? 'too_dark' : 'too_bright', action: 'review', reason: qualityWhy });
  }
  return items;
}

function renderCleanup(s) {
  const panel = $('panel-cleanup');
  panel.replaceChildren();
  const items = cleanupItems(s);
  $('count-cleanup').textContent = s ? String(items.filter((i) => i.category !== 'unreadable').length) : '';
  if (!s) {
    panel.append(h('p.empty', { text: app.scanning ? 'Finding what to clean up…' : 'No results yet.' }));
    return;
  }
  panel.append(h('p.panel-intro', { text: 'Things you may not need. Nothing is deleted here — export the list, or select copies to download, and tidy up in your photo app.' }));
  const waiting = provisionalCount(s);
  if (waiting) panel.append(h('p.provisional-note', { role: 'status', text: `${fmtInt.format(waiting)} photo${waiting > 1 ? 's are' : ' is'} still being checked: cleanup only lists what a photo itself shows, never a first look from its preview.` }));
  panel.append(h('div.cleanup-tools', {},
    h('button.btn.small', { type: 'button', onclick: () => exportCleanup('csv'), text: 'Export list (CSV)' }),
    h('button.btn.small', { type: 'button', onclick: () => exportCleanup('json'), text: 'Export list (JSON)' })));

  const section = (id, title, blurb, count, body) => {
    if (!count) return;
    panel.append(h('section.cleanup-group', { id: `cleanup-${id}`, 'aria-labelledby': `cleanup-${id}-title` },
      h('h3', { id: `cleanup-${id}-title`, text: `${title} (${count})` }), h('p', { text: blurb }), body));
  };

  const groups = s.groups.filter((g) => !g.provisional);  // a first look offers nothing
  section('duplicates', 'Duplicates and bursts', 'Copies and near-copies of the same picture, and bursts of frames. The best one is kept; the others can go.',
    groups.length, h('div', {}, groups.map((g) => h('div.dup', { 'data-group': g.id },
      h('p.dup-why', { text: `${g.type === 'burst' ? 'Burst' : 'Duplicates'} — keeping ${baseName(g.best)}: ${g.reasons.map((r) => r.text).join('; ')}` }),
      h('div.dup-row', {}, g.members.slice(0, DUP_MEMBERS_SHOWN).map((path, i) => h('div.dup-member', { 'data-path': path },
        h('button.open', { type: 'button', onclick: () => openPhoto(path), 'aria-label': `${baseName(path)}: details` },
          app.thumbs.img(path, 'thumb', '')),
        path === g.best ? h('span.tag.keep', { text: 'Keep' }) : null,
        h('div.dup-label', { title: path, text: `${baseName(path)}` }),
        h('div.card-why', { text: RELATION[g.relations && g.relations[i]] || '' }))),
        g.members.length > DUP_MEMBERS_SHOWN
          ? h('p.dup-more', { text: `and ${fmtInt.format(g.members.length - DUP_MEMBERS_SHOWN)} more copies (all in the exported list)` })
          : null)))));

  const byCat = (...cats) => items.filter((i) => cats.includes(i.category)).map((i) => i.path);
  const cards = (paths, tagFor) => {
    const box = h('div');
    renderList(box, paths, (path) => {
      const p = app.photos.get(path);
      const [tag, warn] = tagFor(p);
      return photoCard(path, { tag, tagWarn: warn, why: (p.kindReasons || [])[0] ? topKindReason(p) : topReason(p) });
    });
    return box;
  };
  const shots = byCat('screenshot');
  section('screenshots', 'Screenshots', 'Screen captures: often useful for a moment, rarely worth keeping.', shots.length,
    cards(shots, () => ['Screenshot', false]));
  const docs = byCat('receipt', 'document');
  section('documents', 'Receipts and documents', 'Paper photographed for its text. Keep what you need somewhere better than the camera roll.', docs.length,
    cards(docs, (p) => [KIND_LABEL[p.kind], false]));
  const blurry = byCat('blurry');
  section('blurry', 'Blurry', 'Out of focus or smeared by motion.', blurry.length, h('div', {}, (() => {
    const box = h('div');
    renderList(box, blurry, (path) => {
      const p = app.photos.get(path);
      return photoCard(path, { tag: p.blurType === 'motion' ? 'Motion blur' : 'Out of focus', tagWarn: true, why: (p.qualityReasons || []).map((r) => r.text).join('; ') });
    });
    return box;
  })()));
  const exposure = byCat('too_dark', 'too_bright');
  section('exposure', 'Too dark or too bright', 'Exposure problems an edit may or may not rescue.', exposure.length,
    cards(exposure, (p) => [p.tooDark ? 'Too dark' : 'Too bright', true]));
  const graphics = byCat('graphic');
  section('graphics', 'Graphics', 'Drawings, memes and other non-photos.', graphics.length, cards(graphics, () => ['Graphic', false]));
  const bad = items.filter((i) => i.category === 'unreadable');
  section('unreadable', 'Could not read', 'These files were skipped; everything else was still scanned.', bad.length,
    h('ul.problems', {}, bad.map((i) => {
      const p = app.photos.get(i.path);
      return h('li', { 'data-path': i.path }, h('span.file', { text: i.path }), h('span.why', { text: p.error.message }));
    })));
  if (!items.length) {
    panel.append(h('p.empty', { text: app.scanning ? 'Nothing to clean up so far.' : 'Nothing to clean up. Tidy roll!' }));
  }
}

function topKindReason(p) {
  const r = [...(p.kindReasons || [])].sort((a, b) => (b.weight || 0) - (a.weight || 0));
  return r.length ? r[0].text : '';
}

function exportCleanup(format) {
  const items = cleanupItems(app.suggestions);
  const stamp = new Date().toISOString().slice(0, 10);
  let blob;
  if (format === 'json') {
    blob = new Blob([JSON.stringify({ generator: `gemroll ${app.gemroll.version}`, folder: app.source.name, created: new Date().toISOString(), items }, null, 2)],
      { type: 'application/json' });
  } else {
    const q = (v) => `"${String(v).replace(/"/g, '""')}"`;
    const rows = [['path', 'category', 'action', 'reason'], ...items.map((i) => [i.path, i.category, i.action, i.reason])];
    blob = new Blob([rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n'], { type: 'text/csv' });
  }
  saveBlob(blob, `gemroll-cleanup-${stamp}.${format}`);
}

// ---------------------------------------------------------------- dialogs

function closeButton(dialog) {
  return h('button.icon-btn', { type: 'button', 'aria-label': 'Close', onclick: () => dialog.close(), text: '×' });
}

function bar(label, value) {
  return h('div.bar-row', {}, h('span', { text: label }),
    h('div.bar', { role: 'img', 'aria-label': `${label} ${pct(value)} of 100` }, (() => {
      const s = h('span');
      s.style.width = `${pct(value)}%`;
      return s;
    })()),
    h('b', { text: pct(value) }));
}

function reasonList(title, reasons) {
  if (!reasons || !reasons.length) return null;
  return [h('h3', { text: title }), h('ul.reasons', {}, reasons.map((r) => h('li', {},
    r.text, r.weight ? h('span.count', { text: ` ${r.weight > 0 ? '+' : ''}${r.weight.toFixed(2)}` }) : null)))];
}

function momentOf(path) {
  if (!app.suggestions) return null;
  return app.suggestions.moments.find((m) => m.type === 'event' && m.members.includes(path)) || null;
}

function openPhoto(path) {
  const dialog = $('photo-dialog');
  const p = app.photos.get(path) || { path, ok: false };
  const file = app.files.get(path);
  const rec = app.records.get(path) || {};
  const big = h('img.big', { alt: baseName(path) });
  // The original itself where the browser shows that format; else the engine's thumbnail.
  const viewable = file && ['jpeg', 'png', 'webp', 'gif', 'avif'].includes(p.format || rec.format);
  const url = viewable ? URL.createObjectURL(file) : app.thumbs.url(path);
  if (url) big.src = url;
  dialog.addEventListener('close', () => viewable && URL.revokeObjectURL(url), { once: true });
  const facts = [];
  const fact = (k, v) => v && facts.push(h('dt', { text: k }), h('dd', { text: v }));
  fact('File', path);
  if (p.ok) {
    fact('Kind', `${KIND_LABEL[p.kind] || p.kind}${p.kindConfidence !== undefined ? ` (${pct(p.kindConfidence)}% sure)` : ''}`);
    fact('Size', `${p.width} × ${p.height} · ${bytes(p.fileSize)} · ${(p.format || '').toUpperCase()}`);
    fact('Taken', when(p.captureTime));
    const ex = p.exif || {};
    fact('Camera', [ex.make, ex.model].filter(Boolean).join(' '));
    const m = momentOf(path);
    if (ex.gps) fact('Where', `${m && m.place ? `${m.place.name} · ` : ''}${ex.gps.lat.toFixed(4)}, ${ex.gps.lon.toFixed(4)}`);
    if (rec.metrics) fact('Measured', `sharpness ${pct(rec.metrics.sharpness)}, brightness ${pct(rec.metrics.meanLuma)}, colourfulness ${Math.round(rec.metrics.colorfulness)}`);
  } else if (p.error) {
    fact('Problem', `${p.error.message} (${p.error.code})`);
  }
  const share = h('button.btn.primary', { type: 'button', text: 'Share', onclick: () => shareFiles([path]) });
  const body = $('photo-body');
  body.replaceChildren(
    h('div.sheet-head', {}, h('h2', { id: 'photo-title', text: baseName(path) }), closeButton(dialog)),
    h('div.photo-layout', {},
      h('div', {}, big),
      h('div', {},
        p.ok && p.scores ? [h('h3', { text: 'Score' }), h('div.breakdown', {},
          bar('Gem score', p.scores.gem), bar('Technical', p.scores.technical), bar('Content', p.scores.content),
          bar('Uniqueness', p.scores.uniqueness))] : null,
        p.ok && app.suggestions ? h('p.fineprint', { text: `Gem score = ${app.suggestions.scoreWeights.technical} × technical + ${app.suggestions.scoreWeights.content} × content + ${app.suggestions.scoreWeights.uniqueness} × uniqueness, less penalties below.` }) : null,
        reasonList('Why', p.reasons), reasonList('Quality', p.qualityReasons), reasonList('What it is', p.kindReasons),
        h('h3', { text: 'Details' }), h('dl.facts', {}, facts),
        file ? h('div.sheet-actions', {}, share, p.ok ? editButton(path) : null,
          h('button.btn', { type: 'button', text: 'Download a copy', onclick: () => downloadFiles([path]) })) : null)));
  dialog.showModal();
}

function openMoment(m) {
  const dialog = $('moment-dialog');
  const others = m.members.filter((p) => !m.picks.includes(p));
  const grid = (paths) => h('div.grid', {}, paths.map((p) => photoCard(p)));
  $('moment-body').replaceChildren(
    h('div.sheet-head', {}, h('h2', { id: 'moment-title', text: m.title }), closeButton(dialog)),
    h('p.moment-sub', { text: [MOMENT_KIND[m.type], m.subtitle, m.place ? `${m.place.name}${m.place.country ? `, ${m.place.country}` : ''}` : '', `${m.members.length} photo${m.members.length === 1 ? "" : "s"}`].filter(Boolean).join(' · ') }),
    h('h3', { text: 'Picks' }), grid(m.picks),
    others.length ? [h('h3', { text: `The other ${others.length}` }), grid(others)] : null,
    h('div.sheet-actions', {}, recapButton(m, 'btn primary'), ...momentEditButtons(m), h('button.btn', { type: 'button', text: 'Select the picks', onclick: () => {
      for (const p of m.picks) app.selected.add(p);
      updateSelection();
      dialog.close();
    } })));
  dialog.showModal();
}

// ---------------------------------------------------------------- acting

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function toast(text) {
  const t = h('div.toast', { role: 'status', text });
  document.body.append(t);
  setTimeout(() => t.remove(), 3500);
}

// Copies of the originals go to the downloads folder; the originals are
// only ever read.
function downloadFiles(paths) {
  for (const p of paths) {
    const f = app.files.get(p);
    if (f) saveBlob(f, baseName(p));
  }
}

async function shareFiles(paths) {
  const files = paths.map((p) => app.files.get(p)).filter(Boolean);
  if (navigator.canShare && navigator.canShare({ files })) {
    try {
      await navigator.share({ files, title: files.length === 1 ? files[0].name : `${files.length} photos` });
    } catch (e) {
      if (e.name !== 'AbortError') toast(`Sharing failed: ${e.message}`);
    }
  } else {
    toast('This browser cannot share files; downloading copies instead.');
    downloadFiles(paths);
  }
}

function updateSelection() {
  const n = app.selected.size;
  $('selection-bar').hidden = n === 0;
  $('selection-count').textContent = `${n} selected`;
  for (const box of document.querySelectorAll('.card input[type=checkbox]')) {
    box.checked = app.selected.has(box.closest('[data-path]').dataset.path);
  }
}

function wireActions() {
  $('share').addEventListener('click', () => shareFiles([...app.selected]));
  $('download').addEventListener('click', () => downloadFiles([...app.selected]));
  $('clear-selection').addEventListener('click', () => {
    app.selected.clear();
    updateSelection();
  });
}

// ---------------------------------------------------------------- tabs

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t, false));
    t.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (step) select(tabs[(i + step + tabs.length) % tabs.length], true);
      if (e.key === 'Home') select(tabs[0], true);
      if (e.key === 'End') select(tabs[tabs.length - 1], true);
    });
  });
}

// ---------------------------------------------------------------- privacy

function renderPrivacy() {
  const s = app.requests.summary();
  const bad = s.foreign > 0 || s.sending > 0;
  $('privacy-badge-main').textContent = bad ? 'Unexpected request!' : 'Nothing uploaded';
  $('privacy-badge-text').textContent = bad ? '' : ` · ${s.total} requests, all to this site`;
  $('privacy-open').classList.toggle('alert', bad);
  const summary = $('privacy-summary');
  summary.classList.toggle('alert', bad);
  summary.textContent = bad
    ? `${s.foreign} request(s) went to another site and ${s.sending} sent data. That should never happen: please report it.`
    : `${s.total} requests, every one to ${s.origin} (this site) for the app's own files. None went anywhere else, and none sent data: each was a GET.`;
  $('request-rows').replaceChildren(...app.requests.entries.map((e) => {
    const u = new URL(e.url);
    return h('tr', {},
      h('td', { text: u.origin === location.origin ? u.pathname + u.search : e.url }),
      h('td', { class: e.sameOrigin ? 'ok' : 'bad', text: e.sameOrigin ? 'this site' : u.origin }),
      h('td', { text: `${e.type}${e.method ? ` · ${e.method}` : ''}` }),
      h('td', { text: e.bytes ? bytes(e.bytes) : e.bytes === 0 ? 'cached' : '' }));
  }));
}

function wirePrivacy() {
  const dialog = $('privacy-dialog');
  $('privacy-open').addEventListener('click', () => {
    app.requests.refresh();
    renderPrivacy();
    dialog.showModal();
  });
  dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  $('csp-text').textContent = meta ? meta.content : '';
  app.requests.onChange(renderPrivacy);
  renderPrivacy();
}

// ---------------------------------------------------------------- start

for (const d of document.querySelectorAll('dialog')) {
  // A click on the backdrop closes.
  d.addEventListener('click', (e) => {
    if (e.target === d) d.close();
  });
}
wirePicking();
wireScan();
wireActions();
wireTabs();
wirePrivacy();
engine().catch((e) => {
  $('engine-info').textContent = `The engine could not start: ${e.message}`;
});
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
