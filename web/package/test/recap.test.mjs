// Recap plans (src/recap.js): the pure half, in node. A moment becomes a
// title card and a bounded run of photos (the core's showcase) with
// crossfades; every pan goes towards the core's focus (faces, else the
// sharpest region), else the centre, stays inside the photo, keeps the
// output's shape, and says why. The last test plans a recap from real
// suggestions with real BlazeFace faces. Encoding is
// tested in Chromium (web/app/test/recap.test.mjs).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Gemroll, RECAP_DEFAULTS, RecapImages, decodeSize, exportRecap, planRecap, recapFrame } from '../src/index.js';
import { MODEL_FILES } from '../src/models.js';
import { DATA_DIR, PACKAGE_DIR, hasVariant } from './helpers.mjs';

const { titleSeconds: T, photoSeconds: P, crossfadeSeconds: C, maxSeconds } = RECAP_DEFAULTS;
const near = (a, b, eps = 1e-6) => Math.abs(a - b) <= eps;

// n photos of 4000×3000 taken in order p0, p1, ...; picks best first.
function momentOf(n, extra = {}) {
  const members = Array.from({ length: n }, (_, i) => `p${i}.jpg`);
  const photos = new Map(members.map((path, i) => [path, { path, width: 4000, height: 3000, scores: { gem: 0.9 - i * 0.01 }, ...(extra[path] || {}) }]));
  return {
    moment: { id: 3, type: 'event', title: 'Saturday near Lisbon', subtitle: '4 May 2024', start: '2024-05-04T10:00:00', end: '2024-05-04T18:00:00',
              place: { name: 'Lisbon', country: 'PT' }, members, picks: [...members].reverse(), cover: members[1] },
    photos,
  };
}

const inside = (v, src) => v.x >= -1e-6 && v.y >= -1e-6 && v.x + v.width <= src.width + 1e-3 && v.y + v.height <= src.height + 1e-3;

test('a title card, then each photo for photoSeconds with crossfades; the length adds up', () => {
  const { moment, photos } = momentOf(5);
  const plan = planRecap(moment, photos);
  assert.equal(plan.width, 1280);
  assert.equal(plan.height, 720);
  const [title, ...shots] = plan.segments;
  assert.equal(title.kind, 'title');
  assert.deepEqual(title.lines, ['Saturday near Lisbon', '4 May 2024'], 'the place is in the title already');
  assert.equal(title.background, 'p1.jpg', 'the cover');
  assert.equal(shots.length, 5);
  assert.deepEqual(shots.map((s) => s.path), moment.members, 'time order');
  shots.forEach((s, i) => {
    assert.ok(near(s.end - s.start, P));
    const prev = plan.segments[i];
    assert.ok(near(prev.end - s.start, C), 'each overlaps the one before by the crossfade');
  });
  assert.ok(near(plan.duration, T + 5 * (P - C)));
  assert.equal(plan.frameCount, Math.round(plan.duration * plan.fps));
  assert.ok(near(plan.segments.at(-1).end, plan.duration));
  // Every photo says why it is there and how the camera moves.
  for (const s of shots) {
    assert.equal(s.reasons.length, 2);
    assert.match(s.reasons[0].text, /pick \d of 5/);
    assert.ok(['pan_faces', 'pan_sharp_region', 'zoom_centre'].includes(s.reasons[1].code));
  }
  assert.ok(plan.reasons.some((r) => r.code === 'length' && r.text.includes(`${plan.duration} s`)));
});

test('a place not named in the title gets its own line; dates fall back to start–end', () => {
  const { moment, photos } = momentOf(2);
  const plan = planRecap({ ...moment, title: 'A weekend away', subtitle: undefined, end: '2024-05-06T09:00:00' }, photos);
  assert.deepEqual(plan.segments[0].lines, ['A weekend away', '4 May 2024 – 6 May 2024', 'Lisbon, PT']);
});

test(`at most ${maxSeconds} s: the best picks stay, shown in time order`, () => {
  const { moment, photos } = momentOf(40);
  const plan = planRecap(moment, photos);
  const n = Math.floor((maxSeconds - T) / (P - C));
  const shots = plan.segments.filter((s) => s.kind === 'photo');
  assert.equal(shots.length, n);
  assert.ok(plan.duration <= maxSeconds);
  // Picks are best first (p39, p38, ...): the first n of them are shown.
  assert.deepEqual(shots.map((s) => s.path), moment.picks.slice(0, n).reverse());
  assert.ok(plan.reasons.some((r) => r.code === 'trimmed'));
  assert.equal(plan.skipped.length, 40 - n);
  assert.ok(plan.skipped.every((s) => s.reason.code === 'trimmed'));
  // A shorter limit holds too.
  assert.ok(planRecap(moment, photos, { maxSeconds: 10 }).duration <= 10);
});

test('the core\'s showcase: picks first, then its top-ups up to targetPhotos, unreadable ones skipped', () => {
  const members = Array.from({ length: 12 }, (_, i) => `m${i}.jpg`);
  const photos = new Map(members.map((p) => [p, { width: 3000, height: 2000 }]));
  photos.delete('m5.jpg');  // no size known: left out, with its reason
  const reason = (code) => ({ code, text: code === 'pick' ? 'pick' : 'also shown', weight: 0 });
  // As suggest() writes it: the picks (best first), then the rest best first.
  const showcase = ['m9.jpg', 'm2.jpg', 'm5.jpg', 'm7.jpg', 'm0.jpg', 'm11.jpg', 'm3.jpg', 'm4.jpg', 'm6.jpg', 'm8.jpg', 'm1.jpg']
    .map((path, i) => ({ path, reason: reason(i < 2 ? 'pick' : 'top_up') }));
  const plan = planRecap({ title: 'x', members, picks: ['m9.jpg', 'm2.jpg'], showcase }, photos);
  const shown = plan.segments.filter((s) => s.kind === 'photo');
  assert.equal(shown.length, RECAP_DEFAULTS.targetPhotos);
  // The first eight usable of the showcase, in time order.
  const expected = showcase.map((s) => s.path).filter((p) => p !== 'm5.jpg').slice(0, RECAP_DEFAULTS.targetPhotos);
  assert.deepEqual(shown.map((s) => s.path), [...expected].sort((a, b) => members.indexOf(a) - members.indexOf(b)));
  assert.deepEqual(plan.skipped.map((s) => [s.path, s.reason.code]), [['m5.jpg', 'no_size']]);
  assert.equal(shown.find((s) => s.path === 'm9.jpg').reasons[0].code, 'pick');
  assert.equal(shown.find((s) => s.path === 'm0.jpg').reasons[0].code, 'top_up');
  assert.ok(plan.reasons.some((r) => r.code === 'top_up' && r.text.startsWith('6 more good photos')));
  // More picks than targetPhotos: every pick, no top-up.
  const many = showcase.map((s) => ({ ...s, reason: reason('pick') }));
  assert.ok(!planRecap({ title: 'x', members, showcase: many }, photos).reasons.some((r) => r.code === 'top_up'));
});

test('pans go towards the focus: faces, else the sharp region, else the centre; views stay inside and keep the shape', () => {
  // As suggest() gives them (boxes as shares of the 4000×3000 frame): two
  // faces bottom left, a sharp region top right, nothing.
  const faces = [{ box: { x: 300, y: 1800, width: 300, height: 350 } }, { box: { x: 800, y: 1900, width: 280, height: 300 } }];
  const facesFocus = { kind: 'faces', faces: 2, box: { x: 300 / 4000, y: 1800 / 3000, width: 780 / 4000, height: 400 / 3000 } };
  const regionFocus = { kind: 'sharp_region', region: 3, grid: 4, lift: 0.7, box: { x: 0.75, y: 0, width: 0.25, height: 0.25 } };
  const { moment, photos } = momentOf(3, { 'p0.jpg': { focus: facesFocus }, 'p1.jpg': { focus: regionFocus } });
  for (const orientation of ['landscape', 'portrait']) {
    const plan = planRecap(moment, photos, { orientation });
    const [, a, b, c] = plan.segments;
    assert.equal(a.reasons[1].code, 'pan_faces');
    assert.match(a.reasons[1].text, /2 faces/);
    assert.equal(b.reasons[1].code, 'pan_sharp_region');
    assert.match(b.reasons[1].text, /top right/);
    assert.equal(c.reasons[1].code, 'zoom_centre');
    // The first photo zooms in: it ends on the faces (bottom left).
    const end = a.to;
    for (const f of faces.slice(0, 2)) {
      const cx = f.box.x + f.box.width / 2, cy = f.box.y + f.box.height / 2;
      assert.ok(cx >= end.x && cx <= end.x + end.width && cy >= end.y && cy <= end.y + end.height, `${orientation}: face centre in the final view`);
    }
    assert.ok(end.x + end.width / 2 < 2000 && end.y + end.height / 2 > 1500, `${orientation}: the view moved towards the faces`);
    // The second zooms out from the sharp top right region.
    assert.ok(b.from.x + b.from.width / 2 > 2000 && b.from.y + b.from.height / 2 <= 1500);
    for (const s of [a, b, c]) {
      for (const v of [s.from, s.to]) {
        assert.ok(inside(v, s.source), JSON.stringify(v));
        assert.ok(near(v.width / v.height, plan.width / plan.height, 1e-3), 'the output shape');
      }
      assert.ok(s.zoom >= 1 && s.zoom <= RECAP_DEFAULTS.maxZoom);
    }
    // Decoding is sized for the closest view, never above the original.
    const size = decodeSize(plan, 'p0.jpg');
    const closest = Math.min(a.from.width, a.to.width);
    assert.ok(size.width <= 4000 && size.width * (closest / 4000) >= plan.width - 1, JSON.stringify(size));
  }
  assert.equal(planRecap(moment, photos, { orientation: 'portrait' }).height, 1920);
});

test('recapFrame: the title alone first, crossfades between neighbours, a fade to black at the end', () => {
  const { moment, photos } = momentOf(3);
  const plan = planRecap(moment, photos);
  assert.deepEqual(recapFrame(plan, 0).layers.map((l) => [l.kind, l.alpha]), [['title', 1]]);
  const mid = recapFrame(plan, T - C / 2);
  assert.deepEqual(mid.layers.map((l) => l.index), [0, 1]);
  assert.ok(near(mid.layers[1].alpha, 0.5));
  const one = recapFrame(plan, T + 0.5);
  assert.deepEqual(one.layers.map((l) => [l.index, l.alpha]), [[1, 1]]);
  const v = one.layers[0].view;
  assert.ok(inside(v, plan.segments[1].source));
  const end = recapFrame(plan, plan.duration - C / 4);
  assert.equal(end.layers.length, 1);
  assert.ok(near(end.layers[0].alpha, 0.25));
  assert.equal(recapFrame(plan, plan.duration).layers.length, 0);
  // Frames move smoothly: views change a little from one frame to the next.
  const seg = plan.segments[2];
  let prev = null;
  for (let t = seg.start; t < seg.end; t += 1 / plan.fps) {
    const l = recapFrame(plan, t).layers.find((x) => x.index === 2);
    if (prev) assert.ok(Math.abs(l.view.x - prev.x) + Math.abs(l.view.width - prev.width) < 0.02 * seg.source.width);
    prev = l.view;
  }
});

test('bad input says what is wrong', () => {
  assert.throws(() => planRecap({}, new Map()), /title/);
  assert.throws(() => planRecap({ title: 'x', picks: ['gone.jpg'] }, new Map()), (e) => e.code === 'empty');
  const { moment, photos } = momentOf(2);
  assert.throws(() => planRecap(moment, photos, { orientation: 'square' }), /orientation/);
  assert.throws(() => planRecap(moment, photos, { maxSeconds: 2 }), /no room/);
  const plan = planRecap({ ...moment, picks: ['p0.jpg', 'missing.jpg'] }, photos);
  assert.deepEqual(plan.skipped.map((s) => [s.path, s.reason.code]), [['missing.jpg', 'no_size']]);
});

test('RecapImages keeps only what is near: decodes ahead, closes the rest', async () => {
  const { moment, photos } = momentOf(6);
  const plan = planRecap(moment, photos);
  const loads = [];
  const closed = [];
  const images = new RecapImages(plan, async (path, size) => {
    loads.push([path, size.width]);
    if (path === 'p3.jpg') throw new Error('not a JPEG after all');
    return { width: size.width, height: size.height, close: () => closed.push(path) };
  });
  for (let t = 0; t < plan.duration; t += 0.1) {
    await images.ready(t);
    assert.ok(images.size <= 3, `${images.size} images held at ${t}`);
  }
  assert.equal(new Set(loads.map((l) => l[0])).size, 6, 'each photo decoded');
  assert.ok(loads.length <= 8, `few repeats: ${loads.length}`);
  assert.deepEqual([...images.failed], [['p3.jpg', 'not a JPEG after all']]);
  images.close();
  assert.ok(closed.length >= 5);
});

test('exporting where there is no encoder says so plainly', async () => {
  const { moment, photos } = momentOf(2);
  const plan = planRecap(moment, photos);
  await assert.rejects(exportRecap(plan, { load: async () => null }), (e) => e.code === 'unsupported' && /neither WebCodecs/.test(e.message));
});

// Real photos, real faces (BlazeFace through onnxruntime-web in node).
const FACE_FILES = ['faces/face_recognition-misc/two_people.jpg', 'faces/photoprism-facecount/13.jpg', 'camera/exif-samples/gps/DSCN0010.jpg'];
const realSkip = !FACE_FILES.every((f) => existsSync(join(DATA_DIR, f))) ? `photos missing under ${DATA_DIR}`
  : !hasVariant('simd') && !hasVariant('scalar') ? 'no wasm engine built'
    : !Object.values(MODEL_FILES).every((m) => existsSync(join(PACKAGE_DIR, 'models', m.file))) ? 'models not fetched' : false;

test('from real scan records: the pan on a two-person photo ends on both faces', { skip: realSkip, timeout: 120_000 }, async () => {
  const g = await Gemroll.create({ workers: 1 });
  try {
    const records = [];
    for await (const r of g.scan(FACE_FILES.map((f) => join(DATA_DIR, f)), { models: { text: false }, cache: false })) records.push(r);
    const suggestions = await g.suggest(records);
    const paths = records.map((r) => r.path).sort();
    const plan = planRecap({ title: 'Faces', members: paths, picks: paths }, suggestions.photos);
    const two = plan.segments.find((s) => s.path && s.path.endsWith('two_people.jpg'));
    const entry = suggestions.photos.find((p) => p.path === two.path);
    assert.equal(entry.focus && entry.focus.kind, 'faces', JSON.stringify(entry.focus));
    assert.ok(entry.focus.faces >= 2, `people found: ${entry.focus.faces}`);
    assert.equal(two.reasons[1].code, 'pan_faces');
    assert.match(two.reasons[1].text, new RegExp(`${entry.focus.faces} faces`));
    const close = two.from.width < two.to.width ? two.from : two.to;
    const b = entry.focus.box;
    const box = { x: b.x * entry.width, y: b.y * entry.height, width: b.width * entry.width, height: b.height * entry.height };
    assert.ok(box.x >= close.x - 1 && box.y >= close.y - 1 && box.x + box.width <= close.x + close.width + 1 &&
              box.y + box.height <= close.y + close.height + 1, 'every face stays in the close view');
    for (const s of plan.segments.slice(1)) {
      console.log(`# ${s.path}: ${s.reasons.map((r) => r.text).join('; ')}`);
      assert.ok(inside(s.from, s.source) && inside(s.to, s.source));
    }
  } finally {
    g.close();
  }
});
