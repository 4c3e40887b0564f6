// Faces in the curation, end to end with the real models (onnxruntime-web,
// BlazeFace, wasm, 1 thread): a scan with `models: true` hands each photo's
// faces to the core, and suggest() carries them as relative boxes with their
// measured sharpness, people counts and reasons, people moments and, for a
// group of the same picture, a best member chosen on eyes. Skipped, saying
// why, when the models are not fetched or the corpus / engine is missing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { Gemroll, loadEngine } from '../src/index.js';
import { MODEL_FILES, ModelRunner, engineEvidence } from '../src/models.js';
import { DATA_DIR, PACKAGE_DIR, collect, hasVariant } from './helpers.mjs';
import { assertValidSuggestions } from './schema.mjs';

// Phone-style photos of 0-2 people (a cat, a landscape, food among them),
// and three PASCAL VOC group shots (3-7 people).
const FOLDER = join(DATA_DIR, 'faces/photoprism-facecount');
const PEOPLE = ['2.jpg', '3.jpg', '9.jpg', '12.jpg', '13.jpg', '14.jpg', '16.jpg', '17.jpg', '18.jpg', 'overlap/2.jpg',
  'overlap/3.jpg'].map((f) => join(FOLDER, f));
const GROUPS = ['2007_007763.jpg', '2008_001322.jpg', '2008_002470.jpg'].map((f) => join(DATA_DIR, 'faces/dlib-pascal', f));
const SELFIE = join(FOLDER, 'overlap/2.jpg');  // two people, faces large and sharp
const LANDSCAPE = join(FOLDER, '13.jpg');       // nobody
const TODAY = '2026-01-01';

function skipReason() {
  const face = MODEL_FILES['blazeface-back-256'];
  if (!existsSync(join(PACKAGE_DIR, 'models', face.file))) return `models not fetched (run \`node models/fetch.mjs\`): ${face.file}`;
  if (![...PEOPLE, ...GROUPS].every(existsSync)) return `corpus photos missing under ${join(DATA_DIR, 'faces')}`;
  if (!hasVariant('simd') && !hasVariant('scalar')) return 'no wasm engine built';
  return null;
}
const skip = skipReason() || false;
if (skip) console.log(`# faces-curation.test.mjs skipped: ${skip}`);

const byPath = (s, path) => s.photos.find((p) => p.path === path);
const SELFIE_PATH = 'people/overlap/2.jpg';
const LANDSCAPE_PATH = 'people/13.jpg';

describe('faces in the curation', { skip }, () => {
  let g;
  let records;
  let s;
  before(async () => {
    g = await Gemroll.create({ workers: 2 });
    const inputs = [
      ...PEOPLE.map((f) => ({ name: `people/${relative(FOLDER, f)}`, data: readFileSync(f) })),
      ...GROUPS.map((f) => ({ name: `groups/${relative(join(DATA_DIR, 'faces/dlib-pascal'), f)}`, data: readFileSync(f) })),
    ];
    // Faces only: the text detector is not what this file tests.
    records = await collect(g.scan(inputs, { models: { text: false }, cache: false }));
    s = await g.suggest(records, { today: TODAY, gazetteer: false });
  });
  after(async () => {
    if (g) await g.close();
  });

  test('suggest() carries each photo\'s faces as relative boxes, with sharpness, matching the scan', () => {
    assertValidSuggestions(s, 'faces folder with models');
    let withFaces = 0;
    for (const rec of records.filter((r) => r.ok)) {
      const p = byPath(s, rec.path);
      assert.ok(p, rec.path);
      if (!rec.faces || !rec.faces.length) {
        // Nobody looked (the gate skipped the face model) or nobody was found
        // (the record then stays as the cheap pass made it): no faces, no people.
        assert.ok(p.faces === undefined || p.faces.length === 0, rec.path);
        assert.ok(!p.people, rec.path);
        continue;
      }
      assert.ok(Array.isArray(p.faces), rec.path);
      assert.ok(p.faces.length <= rec.faces.length, rec.path);
      assert.ok(p.people <= p.faces.length, rec.path);
      // Same faces, same order: the relative box is the scan's pixel box over the photo's size.
      for (const [i, f] of p.faces.entries()) {
        const box = rec.faces[i].box;
        assert.ok(Math.abs(f.x * p.width - Math.max(0, box.x)) < 1.5, `${rec.path} x`);
        assert.ok(Math.abs(f.y * p.height - Math.max(0, box.y)) < 1.5, `${rec.path} y`);
        assert.ok(f.x + f.width <= 1.0001 && f.y + f.height <= 1.0001, `${rec.path} inside the frame`);
        assert.ok(Math.abs(f.score - rec.faces[i].score) < 1e-3);
      }
      if (p.faces.length) withFaces++;
    }
    assert.ok(withFaces >= 9, `photos with faces: ${withFaces}`);

    const selfie = byPath(s, SELFIE_PATH);
    assert.equal(selfie.people, 2, JSON.stringify(selfie.faces));
    for (const f of selfie.faces) {
      assert.ok(f.width > 0.15 && f.height > 0.1, 'large faces');
      assert.ok(f.sharpness > 0.3, `a sharp selfie face reads sharp: ${f.sharpness}`);
      assert.ok(f.sharpnessVsFrame > 0.5, `${f.sharpnessVsFrame}`);
    }
    const landscape = byPath(s, LANDSCAPE_PATH);
    assert.ok(!landscape.people && !landscape.faces?.length);
    // The cat: whatever the detector half-believes there (score ~0.5), not a person.
    assert.equal(byPath(s, 'people/9.jpg').people ?? 0, 0);
    // People (CurationParams face_min_score, face_min_area, face_alone_score):
    // a plausible face counts when it is confident alone or one of several;
    // a lone middling detection (an animal, a toy, a distant speck) does not.
    for (const p of s.photos.filter((q) => q.faces)) {
      const plausible = p.faces.filter((f) => f.score >= 0.6 && f.width * f.height >= 0.0008);
      const people = plausible.length >= 2 ? plausible.length : plausible.filter((f) => f.score >= 0.78).length;
      assert.equal(p.people, people, p.path);
    }
  });

  test('people are in the reasons and the content score', () => {
    const selfie = byPath(s, SELFIE_PATH);
    const why = selfie.reasons.find((r) => r.code === 'people');
    assert.ok(why, JSON.stringify(selfie.reasons));
    assert.match(why.text, /^2 people, faces (sharp|soft)/);
    assert.ok(why.weight > 0);
    const landscape = byPath(s, LANDSCAPE_PATH);
    assert.equal(landscape.reasons.find((r) => r.code === 'people'), undefined);
    const group = byPath(s, 'groups/2008_002470.jpg');
    assert.ok(group.people >= 4, JSON.stringify(group.faces));
    assert.match(group.reasons.find((r) => r.code === 'people').text, new RegExp(`^${group.people} people`));
  });

  test('people moments gather portraits and group shots across the roll, with reasons and people counts', () => {
    const people = s.moments.filter((m) => m.type === 'people');
    const portraits = people.find((m) => m.title === 'Portraits');
    assert.ok(portraits, JSON.stringify(s.moments.map((m) => [m.type, m.title])));
    assert.ok(portraits.members.includes(SELFIE_PATH), JSON.stringify(portraits.members));
    assert.ok(!portraits.members.includes(LANDSCAPE_PATH), 'nobody in the landscape');
    for (const path of portraits.members) assert.ok([1, 2].includes(byPath(s, path).people), path);
    assert.ok(portraits.people.count >= 2 && portraits.people.photos === portraits.members.length);
    assert.match(portraits.reasons[0].text, /photos of one or two people/);
    assert.ok(portraits.picks.length >= 1 && portraits.members.includes(portraits.cover));
    const groups = people.find((m) => m.title === 'Group shots');
    assert.ok(groups, JSON.stringify(people));
    assert.deepEqual([...groups.members].sort(), GROUPS.map((f) => `groups/${f.split('/').pop()}`));
    assert.ok(groups.people.count >= 6, JSON.stringify(groups.people));
    assert.match(groups.reasons[0].text, /^3 photos with 3 or more people$/);
    // The corpus photos are undated: a people moment then has no time span.
    assert.deepEqual([portraits.start, portraits.end, portraits.subtitle], [null, null, '']);
    // Every moment of a roll scanned with faces says how many people it holds.
    for (const m of s.moments) assert.equal(typeof m.people?.count, 'number', m.title);
  });

  test('without models nothing about people appears', async () => {
    const plain = await collect(g.scan([SELFIE, LANDSCAPE], { cache: false }));
    const t = await g.suggest(plain, { today: TODAY, gazetteer: false });
    assertValidSuggestions(t, 'no models');
    for (const p of t.photos) {
      assert.equal(p.faces, undefined);
      assert.equal(p.people, undefined);
      assert.equal(p.reasons.find((r) => r.code === 'people'), undefined);
    }
    assert.ok(t.moments.every((m) => m.type !== 'people' && m.people === undefined));
  });
});

// The same picture twice (the original and a same-size re-encode the engine
// makes), with the real detector's faces: told that someone blinked in the
// original, curation keeps the copy with open eyes and says why; told
// nothing about eyes, it keeps the original as before.
test('a duplicate group prefers the member with open eyes, naming the blink', { skip }, async () => {
  const engine = await loadEngine();
  const runner = new ModelRunner(engine);
  try {
    const original = readFileSync(SELFIE);
    const first = engine.analyzePhoto(original, { thumbnailLongSide: 4096, thumbnailQuality: 92 });
    const { width, height } = first.analysis;
    assert.equal(Math.max(width, height), Math.max(first.analysis.analysis.width, first.analysis.analysis.height),
      'the corpus selfie is analysed at full size, so its re-encode has the same size');
    const copy = first.thumbnail;
    const evidence = async (bytes) => {
      const r = await runner.run(bytes, { text: false });
      assert.deepEqual(r.unavailable, []);
      return engineEvidence(r);
    };
    const eo = await evidence(original);
    const ec = await evidence(copy);
    assert.equal(eo.faces.length, 2);
    assert.equal(ec.faces.length, 2);
    // Eyes as given here (null: unknown, whatever an eye model said).
    const withEyes = (e, eyes) => ({ ...e, faces: e.faces.map(({ eyesOpen, ...f }, i) => (eyes ? { ...f, eyesOpen: eyes[i] } : f)) });
    const curate = (eyesOriginal, eyesCopy) => {
      const items = [
        { path: 'roll/selfie.jpg', ...engine.analyzePhoto(original, { recordPath: 'roll/selfie.jpg',
          modelEvidence: withEyes(eo, eyesOriginal) }) },
        { path: 'roll/selfie-copy.jpg', ...engine.analyzePhoto(copy, { recordPath: 'roll/selfie-copy.jpg',
          modelEvidence: withEyes(ec, eyesCopy) }) },
      ];
      const out = engine.curate(items, { today: TODAY });
      assertValidSuggestions(out, 'engine curate');
      assert.equal(out.groups.length, 1, JSON.stringify(out.groups));
      return out;
    };

    const asBefore = curate(null, null);
    assert.equal(asBefore.groups[0].best, 'roll/selfie.jpg');
    assert.ok(!asBefore.groups[0].reasons.some((r) => r.code === 'eyes_open'));

    const blink = curate([0.95, 0.05], [0.9, 0.92]);
    const g = blink.groups[0];
    assert.equal(g.best, 'roll/selfie-copy.jpg', JSON.stringify(g));
    const why = g.reasons.find((r) => r.code === 'eyes_open');
    assert.ok(why, JSON.stringify(g.reasons));
    assert.equal(why.text, 'eyes open; eyes closed in 1 of 2 faces in selfie.jpg');
    const loser = blink.photos.find((p) => p.path === 'roll/selfie.jpg');
    assert.ok(loser.excluded);
    assert.match(loser.reasons.find((r) => r.code === 'people').text, /eyes closed in 1 of 2 faces/);
    assert.deepEqual(loser.faces.map((f) => f.eyesOpen), [0.95, 0.05]);
  } finally {
    await runner.close();
  }
});
