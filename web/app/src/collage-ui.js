// Collages in the app: a moment opens with the engine's suggested collage
// (theme, layout and photos, with its reasons); the user switches layout and
// theme, edits the title, swaps photos in and out of the moment's picks and
// saves or shares the JPEG. The engine composes it in a worker from the
// user's files; nothing is uploaded and the originals are only read.
import { keepBoxesFromSuggestion } from './vendor/gemroll/src/index.js';
import { baseName, h, sizeText } from './dom.js';
import { closeButton, saveBlob, shareOrSave, sheet } from './edit-ui.js';

const LAYOUTS = [['mosaic', 'Mosaic'], ['grid', 'Grid'], ['strip', 'Strip'], ['hero', 'Hero']];
const THEMES = [['none', 'Plain'], ['trip', 'Trip'], ['holiday', 'Holiday'], ['birthday', 'Birthday'],
  ['graduation', 'Graduation'], ['year_in_review', 'Year in review']];
// Canvas shapes (width / height); "suggested" is the engine's for its layout.
const SHAPES = [['suggested', 'As suggested'], ['4:3', 'Landscape 4:3'], ['1:1', 'Square 1:1'], ['4:5', 'Portrait 4:5'], ['9:16', 'Story 9:16']];
const PREVIEW_LONG_SIDE = 960;
const SAVE_LONG_SIDE = 2048;
const MAX_PHOTOS = 12;

const slug = (s) => s.toLowerCase().normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'moment';

// The package's collage calls on the app's Gemroll instance (in its workers).
class CollageEngine {
  constructor(app) {
    this.app = app;
  }

  get g() {
    const g = this.app.gemroll;
    if (!g || typeof g.collage !== 'function') throw new Error('this build of the engine has no collage support');
    return g;
  }

  // -> the package's CollageSuggestion, photos as paths and hero as a path.
  async suggest(m) {
    const app = this.app;
    const s = await this.g.suggestCollage(app.suggestions, m.id);
    const photos = s.photos.map((p) => p.path);
    return { ...s, photos, hero: photos[s.hero] || photos[0] };
  }

  // -> {bytes, width, height, layout}; each photo's people (its focus) kept whole.
  async compose(paths, opts, signal) {
    const app = this.app;
    const inputs = paths.map((p) => {
      const ph = app.photos.get(p) || {};
      const keep = keepBoxesFromSuggestion(ph);
      return { input: app.files.get(p), width: ph.width, height: ph.height, ...(keep.length && { keep }) };
    });
    const r = await this.g.collage(inputs, { ...opts, signal });
    return { bytes: r.jpeg, width: r.width, height: r.height, layout: r.layout, titleDrawn: r.titleDrawn };
  }
}

let current = null;

/** The collage of moment `m`; `app` is the page's state. */
export async function openCollage(m, app) {
  const d = sheet('collage-dialog', 'collage-sheet');
  if (current) current.abort();
  const abort = new AbortController();
  current = abort;
  const signal = abort.signal;
  d.addEventListener('close', () => abort.abort(), { once: true });
  d.dataset.render = 'busy';
  d.dataset.saved = '';
  const engine = new CollageEngine(app);
  const body = d.querySelector('.sheet-body');
  const title = h('h2', { id: 'collage-dialog-title', text: `Collage: ${m.title}` });
  const status = h('p.edit-status', { role: 'status', 'aria-live': 'polite' });
  body.replaceChildren(h('div.sheet-head', {}, title, closeButton(d)), status);
  status.textContent = 'Choosing photos and a layout…';
  d.showModal();

  // What can go in: the core's showcase for the moment (picks, then good
  // photos), then its other photos for a user who wants them anyway.
  const offered = (m.showcase || m.picks.map((path) => ({ path }))).map((s) => s.path);
  const candidates = [...offered, ...m.members.filter((p) => !offered.includes(p) && (app.photos.get(p) || {}).kind === 'photo')]
    .filter((p) => app.files.has(p));
  let suggestion;
  try {
    suggestion = await engine.suggest(m);
  } catch (e) {
    if (e.name === 'AbortError') return;
    status.textContent = `No collage for this moment: ${e.message}.`;
    d.dataset.render = 'error';
    return;
  }
  const st = {
    layout: suggestion.layout, theme: suggestion.theme, title: suggestion.title || m.title,
    subtitle: suggestion.subtitle || '', photos: [...suggestion.photos], hero: suggestion.hero || suggestion.photos[0],
  };
  // The canvas at preview or full size: the suggestion's shape or the one chosen.
  st.shape = 'suggested';
  const aspect = () => {
    if (st.shape === 'suggested') return suggestion.width / suggestion.height || 4 / 3;
    const [w, hh] = st.shape.split(':').map(Number);
    return w / hh;
  };
  const canvasSize = (long) => {
    const a = aspect();
    return a >= 1 ? { width: long, height: Math.round(long / a) } : { width: Math.round(long * a), height: long };
  };
  const options = (long) => ({
    layout: st.layout, theme: st.theme, title: st.title, subtitle: st.subtitle, ...canvasSize(long),
    place: suggestion.place, startDay: suggestion.startDay, endDay: suggestion.endDay,
    hero: Math.max(0, st.photos.indexOf(st.hero)),
  });

  // Preview: the engine's own composition at screen width, latest wins.
  const img = h('img.collage-preview', { alt: '' });
  let url = null;
  let want = null;
  let running = false;
  const describe = () => `${LAYOUTS.find(([v]) => v === st.layout)[1]} collage of ${st.photos.length} photos${st.title ? ` titled “${st.title}”` : ''}`;
  const render = async () => {
    if (running) return;
    running = true;
    d.dataset.render = 'busy';
    while (want) {
      want = null;
      await new Promise((r) => setTimeout(r, 60));
      if (want) continue;
      try {
        if (st.photos.length < 2) {
          status.textContent = 'Choose at least 2 photos.';
          continue;
        }
        const r = await engine.compose(st.photos, options(PREVIEW_LONG_SIDE), signal);
        if (want || signal.aborted) continue;
        if (url) URL.revokeObjectURL(url);
        url = URL.createObjectURL(new Blob([r.bytes], { type: 'image/jpeg' }));
        img.src = url;
        img.alt = describe();
        cellWhy.replaceChildren(...(r.layout && r.layout.cells ? r.layout.cells : [])
          .filter((c) => c.reasons && c.reasons.length)
          .map((c) => h('li', {}, h('b', { text: baseName(st.photos[c.photo] || '') }), `: ${c.reasons.map((x) => x.text).join('; ')}`)));
        status.textContent = '';
      } catch (e) {
        if (e.name === 'AbortError') break;
        status.textContent = `The collage could not be made: ${e.message}`;
      }
    }
    running = false;
    d.dataset.render = 'idle';
    d.dataset.renders = String(Number(d.dataset.renders || 0) + 1);
  };
  const refresh = () => {
    want = true;
    render();
  };
  d.addEventListener('close', () => url && URL.revokeObjectURL(url), { once: true });

  const radioGroup = (name, legend, items, value, onchange) => h('fieldset.chips', {}, h('legend', { text: legend }),
    items.map(([v, label]) => {
      const input = h('input.visually-hidden', { type: 'radio', name, id: `${name}-${v}`, value: v });
      input.checked = v === value;
      input.addEventListener('change', () => input.checked && onchange(v));
      return h('label.chip', { for: `${name}-${v}` }, input, h('span', { text: label }));
    }));
  const layouts = radioGroup('collage-layout', 'Layout', LAYOUTS, st.layout, (v) => { st.layout = v; refresh(); });
  const themeSelect = h('select', { id: 'collage-theme' }, THEMES.map(([v, label]) => h('option', { value: v, text: label })));
  themeSelect.value = st.theme;
  themeSelect.addEventListener('change', () => { st.theme = themeSelect.value; refresh(); });
  const shapeSelect = h('select', { id: 'collage-shape' }, SHAPES.map(([v, label]) => h('option', { value: v, text: label })));
  shapeSelect.addEventListener('change', () => { st.shape = shapeSelect.value; refresh(); });
  const text = (id, label, key) => {
    const input = h('input.text', { type: 'text', id, value: st[key], maxlength: '80', autocomplete: 'off' });
    input.addEventListener('input', () => { st[key] = input.value; refresh(); });
    return h('div.field', {}, h('label', { for: id, text: label }), input);
  };

  // Photos in and out: the moment's picks first, then its other photos.
  const count = h('span.count');
  const photoList = h('div.collage-photos', { role: 'group', 'aria-labelledby': 'collage-photos-title' },
    candidates.map((p) => {
      const box = h('input', { type: 'checkbox', id: `collage-photo-${candidates.indexOf(p)}`, 'data-path': p, 'aria-label': `Use ${baseName(p)}` });
      box.checked = st.photos.includes(p);
      box.addEventListener('change', () => {
        if (box.checked) {
          if (st.photos.length >= MAX_PHOTOS) {
            box.checked = false;
            status.textContent = `At most ${MAX_PHOTOS} photos in a collage.`;
            return;
          }
          st.photos.push(p);
        } else {
          st.photos = st.photos.filter((x) => x !== p);
          if (st.hero === p) st.hero = st.photos[0];
        }
        count.textContent = `${st.photos.length} chosen`;
        refresh();
      });
      return h('label.collage-photo', { for: box.id }, box, app.thumbs ? app.thumbs.img(p, 'thumb', '') : null);
    }));
  count.textContent = `${st.photos.length} chosen`;

  const why = h('ul.reasons', {}, (suggestion.reasons || []).map((r) => h('li', { text: r.text })));
  const cellWhy = h('ul.reasons.collage-cells');

  const save = h('button.btn.primary.collage-save', { type: 'button', text: 'Save collage' });
  const share = h('button.btn.collage-share', { type: 'button', text: 'Share' });
  const finish = async (how) => {
    save.disabled = share.disabled = true;
    d.dataset.saved = 'running';
    status.textContent = 'Making the full-size collage…';
    const t0 = performance.now();
    try {
      const r = await engine.compose(st.photos, options(SAVE_LONG_SIDE), signal);
      const name = `gemroll-collage-${slug(st.title || m.title)}.jpg`;
      const file = new File([r.bytes], name, { type: 'image/jpeg' });
      const what = how === 'share' ? await shareOrSave(file) : (saveBlob(file, name), 'downloaded');
      status.textContent = what === 'cancelled' ? 'Sharing cancelled.'
        : `${name} ${what}: ${r.width} × ${r.height}, ${sizeText(r.bytes.length)}, made in ${((performance.now() - t0) / 1000).toFixed(1)} s.`;
      window.gemrollCollage = { name, size: r.bytes.length, layout: r.layout, titleDrawn: r.titleDrawn, state: { ...st } };
      d.dataset.saved = 'done';
    } catch (e) {
      status.textContent = e.name === 'AbortError' ? 'Cancelled.' : `The collage could not be made: ${e.message}`;
      d.dataset.saved = 'error';
    } finally {
      save.disabled = share.disabled = false;
    }
  };
  save.addEventListener('click', () => finish('save'));
  share.addEventListener('click', () => finish('share'));

  body.replaceChildren(
    h('div.sheet-head', {}, title, closeButton(d)),
    h('div.collage-layout', {},
      h('div.collage-stage', {}, img),
      h('div.edit-controls', {},
        layouts,
        h('div.collage-selects', {},
          h('div.field', {}, h('label', { for: 'collage-theme', text: 'Theme' }), themeSelect),
          h('div.field', {}, h('label', { for: 'collage-shape', text: 'Shape' }), shapeSelect)),
        text('collage-title', 'Title', 'title'),
        text('collage-subtitle', 'Subtitle', 'subtitle'),
        h('h3', { id: 'collage-photos-title' }, 'Photos ', count),
        photoList,
        h('div.sheet-actions', {}, save, share),
        status,
        h('details.recap-why', {}, h('summary', { text: 'Why this collage' }), why, cellWhy))));
  refresh();
}
