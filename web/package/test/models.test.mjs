// On-device models through real onnxruntime-web (wasm, 1 thread): sane,
// non-trivial evidence on a few corpus photos, and a missing model file
// degrading to a reason. Skipped, saying why, when the models are not
// fetched (`node models/fetch.mjs`) or the corpus / engine is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Gemroll, loadEngine } from '../src/index.js';
import { MODEL_FILES, ModelRunner } from '../src/models.js';
import { DATA_DIR, PACKAGE_DIR, hasVariant, tempDir } from './helpers.mjs';

const MODELS_DIR = join(PACKAGE_DIR, 'models');
const FACE = join(DATA_DIR, 'faces/face_recognition-misc/two_people.jpg');
const RECEIPT = join(DATA_DIR, 'receipts/sroie/X00016469670.jpg');
const LANDSCAPE = join(DATA_DIR, 'faces/photoprism-facecount/13.jpg');

function skipReason() {
  const missing = Object.values(MODEL_FILES).filter((m) => !existsSync(join(MODELS_DIR, m.file)));
  if (missing.length) return `models not fetched (run \`node models/fetch.mjs\`): ${missing.map((m) => m.file).join(', ')}`;
  if (![FACE, RECEIPT, LANDSCAPE].every(existsSync)) return `corpus photos missing under ${DATA_DIR}`;
  if (!hasVariant('simd') && !hasVariant('scalar')) return 'no wasm engine built';
  return null;
}
const skip = skipReason() || false;
if (skip) console.log(`# models.test.mjs skipped: ${skip}`);

let shared = null;
async function runner() {
  if (!shared) {
    const engine = await loadEngine();
    if (typeof engine.prepareModelInputs !== 'function') throw new Error('engine built without model support');
    shared = new ModelRunner(engine);
  }
  return shared;
}

test('faces: a two-person photo yields two confident faces inside the frame', { skip }, async () => {
  const r = await (await runner()).run(readFileSync(FACE));
  assert.deepEqual(r.unavailable, []);
  assert.ok(r.faces.length >= 1 && r.faces.length <= 3, `faces: ${r.faces.length}`);
  assert.ok(r.faces.filter((f) => f.score > 0.5).length >= 2);
  for (const f of r.faces) {
    const { x, y, width, height } = f.box;
    assert.ok(x >= 0 && y >= 0 && x + width <= r.width + 0.5 && y + height <= r.height + 0.5, JSON.stringify(f.box));
    assert.ok(width > r.width * 0.05, 'a face, not a speck');
    assert.equal(f.keypoints.length, 6);
    // Eyes lie inside the box.
    for (const [kx, ky] of f.keypoints.slice(0, 2)) {
      assert.ok(kx >= x && kx <= x + width && ky >= y && ky <= y + height);
    }
  }
});

test('text: a receipt is covered in lines of text; a landscape has none', { skip }, async () => {
  const run = await runner();
  const receipt = await run.run(readFileSync(RECEIPT), { face: false });
  assert.deepEqual(receipt.unavailable, []);
  assert.ok(receipt.text.areaFraction > 0.15, `area ${receipt.text.areaFraction}`);
  assert.ok(receipt.text.lines >= 10, `lines ${receipt.text.lines}`);
  const landscape = await run.run(readFileSync(LANDSCAPE));
  assert.ok(landscape.text.lines <= 2, `lines ${landscape.text.lines}`);
  assert.ok(landscape.text.areaFraction < 0.02);
  assert.equal(landscape.faces.length, 0);
});

test('a model that cannot load gives a reason, not an error', { skip }, async () => {
  const engine = await loadEngine();
  const broken = new ModelRunner(engine, { modelsBase: new URL(`file://${tempDir('gemroll-nomodels-')}/`) });
  const r = await broken.run(readFileSync(FACE));
  assert.equal(r.faces, undefined);
  assert.equal(r.text, undefined);
  assert.equal(r.unavailable.length, 2);
  assert.match(r.unavailable[0].reason, /not available/);
});

test('scan({models: true}) adds faces and text to records and reasons', { skip }, async () => {
  const g = await Gemroll.create({ workers: 1 });
  try {
    const records = [];
    for await (const rec of g.scan([FACE, LANDSCAPE], { models: true, cache: false })) records.push(rec);
    const face = records.find((r) => r.path.endsWith('two_people.jpg'));
    assert.ok(face.ok && face.faces.length >= 2, JSON.stringify(face.models));
    assert.equal(face.models.faceModel, 'blazeface-back-256');
    assert.equal(typeof face.text.lines, 'number');
    // The evidence reaches the kind verdict's reasons through the record.
    const suggestions = await g.suggest(records, { today: '', gazetteer: false });
    const photo = suggestions.photos.find((p) => p.path.endsWith('two_people.jpg'));
    assert.equal(photo.kind, 'photo');
    assert.ok(photo.kindReasons.some((r) => r.code === 'faces' && /2 face/.test(r.text)), JSON.stringify(photo.kindReasons));
    // Without the option nothing model-related appears.
    for await (const rec of g.scan([LANDSCAPE], { cache: false })) {
      assert.equal(rec.faces, undefined);
      assert.equal(rec.models, undefined);
    }
  } finally {
    await g.close();
  }
});
