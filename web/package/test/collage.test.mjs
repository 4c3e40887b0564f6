// Gemroll.collage / suggestCollage: collages composed in a worker from real
// photos of the shared corpus, decoded back and checked; a suggestion made
// from a real scan. With GEMROLL_ARTIFACTS set, the JPEGs are saved under
// $GEMROLL_ARTIFACTS/collage/ for people to look at.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { COLLAGE_LAYOUTS, COLLAGE_THEMES, Gemroll, loadEngine } from '../src/index.js';
import { DATA_DIR, collect, tempDir } from './helpers.mjs';

// Kodak PNGs (landscape and portrait), EXIF-rotated JPEGs, a camera JPEG.
const PHOTOS = [
  'general/kodak/kodim03.png', 'camera/exif-samples/orientation/portrait_2.jpg', 'general/kodak/kodim23.png',
  'camera/exif-samples/orientation/landscape_6.jpg', 'general/kodak/kodim04.png', 'camera/exif-samples/gps/DSCN0010.jpg',
].map((f) => join(DATA_DIR, f));
const FACES = join(DATA_DIR, 'faces/face_recognition-misc/two_people.jpg');
const ARTIFACTS = process.env.GEMROLL_ARTIFACTS ? join(process.env.GEMROLL_ARTIFACTS, 'collage') : null;

function save(name, bytes) {
  if (!ARTIFACTS) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), bytes);
}

describe('collage', () => {
  let g;
  let engine;
  before(async () => {
    g = await Gemroll.create({ workers: 1 });
    engine = await loadEngine();
  });
  after(async () => {
    if (g) await g.close();
  });

  // Decodes the JPEG with the engine itself: a real, complete file of that size.
  function decoded(jpeg) {
    const { analysis } = engine.analyzePhoto(jpeg, { minShortSide: 0 });
    return analysis;
  }

  test('a themed mosaic of real photos decodes at the size asked, titled, with reasons', async () => {
    const c = await g.collage(PHOTOS, { theme: 'trip', place: 'Lisbon', startDay: '2024-05-03',
      endDay: '2024-05-05', width: 1600, height: 1200 });
    assert.equal(c.width, 1600);
    assert.equal(c.height, 1200);
    const a = decoded(c.jpeg);
    assert.equal(a.format, 'jpeg');
    assert.equal(a.width, 1600);
    assert.equal(a.height, 1200);
    assert.equal(c.layout.layout, 'mosaic');  // the trip theme's layout
    assert.ok(c.titleDrawn, JSON.stringify(c.layout.reasons));
    assert.ok(c.layout.reasons.some((r) => r.code === 'title' && r.text.includes('Trip to Lisbon')));
    assert.equal(c.layout.cells.length, PHOTOS.length);
    assert.ok(c.layout.title && c.layout.title.h > 100);
    for (const cell of c.layout.cells) {
      assert.ok(cell.path.endsWith(PHOTOS[cell.photo].split('/').pop()), cell.path);
      assert.ok(cell.y >= c.layout.title.y + c.layout.title.h);
      assert.ok(cell.reasons.length > 0);
    }
    // The mosaic keeps the photos' shapes: little is cropped.
    assert.ok(c.layout.meanCropLoss < 0.15, String(c.layout.meanCropLoss));
    save('trip-mosaic.jpg', c.jpeg);
  });

  test('every layout and theme composes; faces stay inside their cell', async () => {
    const face = { x: 0.3, y: 0.2, w: 0.4, h: 0.3 };
    const inputs = [{ input: FACES, keep: [face] }, ...PHOTOS.slice(0, 4)];
    const runs = [
      ['holiday-grid.jpg', { theme: 'holiday', layout: 'grid', startDay: '2023-12-24', endDay: '2023-12-26' }],
      ['birthday-hero.jpg', { theme: 'birthday', layout: 'hero', startDay: '2024-06-02' }],
      ['year-in-review-mosaic.jpg', { theme: 'year_in_review', startDay: '2024-01-01' }],
      ['graduation-grid.jpg', { theme: 'graduation', startDay: '2024-06-20' }],
      ['plain-strip.jpg', { layout: 'strip', width: 2000, height: 420, cornerRadius: 12, background: '#202020' }],
    ];
    for (const [name, options] of runs) {
      const c = await g.collage(inputs, { width: 1200, height: 900, ...options });
      const a = decoded(c.jpeg);
      assert.equal(a.width, options.width ?? 1200, name);
      const cell = c.layout.cells[0];
      assert.ok(face.x >= cell.source.x - 1e-4 && face.x + face.w <= cell.source.x + cell.source.w + 1e-4, name);
      assert.ok(face.y >= cell.source.y - 1e-4 && face.y + face.h <= cell.source.y + cell.source.h + 1e-4, name);
      assert.equal(c.titleDrawn, options.theme !== undefined, name);
      save(name, c.jpeg);
    }
    assert.deepEqual([...COLLAGE_LAYOUTS], ['grid', 'mosaic', 'strip', 'hero']);
    assert.equal(COLLAGE_THEMES.length, 6);
  });

  test('a bad photo rejects with its index and reason; bad options are RangeErrors', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not a photo at all');
    await assert.rejects(g.collage([PHOTOS[0], text]), (e) =>
      e.name === 'GemrollError' && e.code === 'unknown_format' && /^photo 1: /.test(e.message));
    await assert.rejects(g.collage([PHOTOS[0], join(dir, 'missing.jpg')]), (e) =>
      e.name === 'GemrollError' && e.code === 'io' && e.message.includes('photo 1'));
    await assert.rejects(g.collage(PHOTOS, { layout: 'spiral' }), RangeError);
    await assert.rejects(g.collage(PHOTOS, { background: 'red' }), RangeError);
    await assert.rejects(g.collage([]), RangeError);
    // The worker is still usable.
    const c = await g.collage(PHOTOS.slice(0, 2), { width: 400, height: 300 });
    assert.equal(decoded(c.jpeg).width, 400);
  });

  test('suggestCollage picks photos, theme and layout for a scanned moment', async () => {
    const records = await collect(g.scan(join(DATA_DIR, 'camera/exif-samples/gps'), { cache: false }));
    const suggestions = await g.suggest(records, { today: '2026-01-01', gazetteer: false });
    assert.ok(suggestions.moments.length > 0);
    const moment = suggestions.moments.find((m) => m.picks.length >= 2) ?? suggestions.moments[0];
    const s = await g.suggestCollage(suggestions, moment.id);
    assert.equal(s.momentId, moment.id);
    assert.ok(COLLAGE_THEMES.includes(s.theme));
    assert.ok(COLLAGE_LAYOUTS.includes(s.layout));
    assert.ok(s.photos.length >= 2);
    for (const p of s.photos) assert.ok(moment.members.includes(p.path), p.path);
    // The photos come from the core's showcase for the moment (picks, then good members).
    const offered = moment.showcase.map((x) => x.path);
    assert.ok(s.photos.every((p) => offered.includes(p.path)), JSON.stringify(offered));
    assert.match(s.reasons[0].text, /^\d+ photos from .* → (grid|mosaic|strip|hero), \w+ theme$/);
    const dir = join(DATA_DIR, 'camera/exif-samples/gps');
    const c = await g.collage(s.photos.map((p) => ({ input: join(dir, p.path), keep: p.keep })),
      { ...s, width: 1200, height: Math.round((1200 * s.height) / s.width) });
    assert.equal(decoded(c.jpeg).width, 1200);
    save('suggested.jpg', c.jpeg);
    await assert.rejects(g.suggestCollage(suggestions, 9999), RangeError);
    // Like every call: an AbortSignal rejects with its reason, before or during the job.
    const reason = new Error('stop');
    await assert.rejects(g.suggestCollage(suggestions, moment.id, { signal: AbortSignal.abort(reason) }),
      (e) => e === reason);
    const ac = new AbortController();
    const pending = g.suggestCollage(suggestions, moment.id, { signal: ac.signal });
    ac.abort(reason);
    await assert.rejects(pending, (e) => e === reason);
    assert.equal((await g.suggestCollage(suggestions, moment.id)).momentId, moment.id, 'usable after');
  });
});
