// On-device models through real onnxruntime-web (wasm, 1 thread): sane,
// non-trivial evidence on a few corpus photos, and a missing model file
// degrading to a reason. Skipped, saying why, when the models are not
// fetched (`node models/fetch.mjs`) or the corpus / engine is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Gemroll, loadEngine } from '../src/index.js';
import { anySize } from '../../../models/onnx-any-size.mjs';
import { MODEL_FILES, ModelRunner, evidenceMatters, loadOrt } from '../src/models.js';
import { DATA_DIR, PACKAGE_DIR, collect, hasVariant, tempDir } from './helpers.mjs';

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

// TEXT_ADAPTIVE: a long receipt photographed whole has small type that merges
// at 384 (13 lines, 0.14 of the frame measured); the 384 map shows text but
// not enough, so the detector runs again at 512, which finds the evidence.
const LONG_RECEIPT = join(DATA_DIR, 'receipts/phone-photos/receipt.jpg');
test('text: small print seen at 384 is looked at again at 512', { skip: skip || (!existsSync(LONG_RECEIPT) && 'no receipt.jpg') }, async () => {
  const run = await runner();
  const engine = await loadEngine();
  const bytes = readFileSync(LONG_RECEIPT);
  // The runner looks again at 512 when the first look at 384 saw lines but
  // too few for the core's page evidence (engine.limits).
  const at384 = await run.run(bytes, { face: false, textMaxSide: 384 });
  const adaptive = await run.run(bytes, { face: false });
  assert.ok(evidenceMatters(adaptive, engine), `adaptive: ${adaptive.text.lines} lines, area ${adaptive.text.areaFraction}`);
  assert.ok(adaptive.text.lines >= at384.text.lines);
  // Looked again exactly when the first look was not enough.
  assert.equal(adaptive.text.inputSide > 384, at384.text.lines >= 3 && !evidenceMatters(at384, engine));
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
    assert.ok(face.models.ran.includes('blazeface-back-256') && !face.models.ran.includes('ppocr-v4-det'), face.models.ran.join());
    // The gate: a confident camera photo with no text-like strokes skips the text detector, saying why.
    assert.equal(face.text, undefined);
    assert.match(face.models.skipped.find((s) => s.model === 'ppocr-v4-det').reason, /photo by the classical verdict .*no page/);
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

// models/onnx-any-size.mjs: the back model made size-agnostic at set-up.
test('any-size BlazeFace: deterministic, equal to the upstream model at 256x256, and 256x192 gives 16x12 + 8x6 anchors', { skip }, async (t) => {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, '../../models/manifest.json'), 'utf8'));
  const entry = manifest.models.find((m) => m.name === 'blazeface-back-256');
  const tarball = join(process.env.GEMROLL_CACHE || join(homedir(), '.cache', 'gemroll'), 'models', 'tarballs',
    manifest.sources[entry.source].tarball);
  if (!existsSync(tarball)) {
    t.skip(`no ${tarball} (run \`node models/fetch.mjs\`)`);
    return;
  }
  const dir = tempDir('gemroll-anysize-');
  execFileSync('tar', ['-xzf', tarball, '-C', dir, entry.path]);
  const upstream = new Uint8Array(readFileSync(join(dir, entry.path)));
  assert.equal(createHash('sha256').update(upstream).digest('hex'), entry.derive.sha256);
  const derived = anySize(upstream);
  assert.equal(createHash('sha256').update(derived).digest('hex'), entry.sha256);
  const ort = await loadOrt('wasm');
  const open = (bytes) => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], logSeverityLevel: 3 });
  const [a, b] = [await open(upstream), await open(derived)];
  const input = (h, w) => new ort.Tensor('float32', Float32Array.from({ length: h * w * 3 }, (_, i) => Math.sin(i * 0.37) * 0.9), [1, h, w, 3]);
  const square = input(256, 256);
  const ra = await a.run({ [a.inputNames[0]]: square });
  const rb = await b.run({ [b.inputNames[0]]: square });
  for (const name of a.outputNames) {
    assert.deepEqual(rb[name].dims, ra[name].dims);
    const diff = ra[name].data.reduce((m, v, i) => Math.max(m, Math.abs(v - rb[name].data[i])), 0);
    assert.ok(diff < 1e-3, `${name}: max |difference| ${diff}`);
  }
  const rect = await b.run({ [b.inputNames[0]]: input(192, 256) });
  assert.deepEqual(b.outputNames.map((n) => rect[n].dims[1]), [16 * 12 * 2, 8 * 6 * 6, 16 * 12 * 2, 8 * 6 * 6]);
  await a.release();
  await b.release();
});

test('MODEL_FILES agree with models/manifest.json (file, bytes, sha256)', () => {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, '../../models/manifest.json'), 'utf8'));
  for (const m of manifest.models) {
    const mine = MODEL_FILES[m.name];
    assert.ok(mine, m.name);
    assert.deepEqual([mine.file, mine.bytes, mine.sha256], [m.file, m.bytes, m.sha256]);
  }
  assert.equal(Object.keys(MODEL_FILES).length, manifest.models.length);
});

test('a model file that does not match its sha256 is refused with a reason', { skip }, async () => {
  const dir = tempDir('gemroll-badmodels-');
  for (const m of Object.values(MODEL_FILES)) cpSync(join(MODELS_DIR, m.file), join(dir, m.file));
  const face = join(dir, MODEL_FILES['blazeface-back-256'].file);
  const bytes = readFileSync(face);
  bytes[bytes.length >> 1] ^= 0xff;
  writeFileSync(face, bytes);
  const r = await new ModelRunner(await loadEngine(), { modelsBase: pathToFileURL(dir + '/') }).run(readFileSync(FACE));
  assert.equal(r.faces, undefined);
  assert.match(r.unavailable.find((u) => u.model === 'blazeface-back-256').reason, /sha256 does not match/);
  assert.equal(typeof r.text.lines, 'number', 'the intact text model still ran');
});

test('the gate: a receipt skips both models, a camera photo the text model; gate: false runs both', { skip }, async () => {
  const g = await Gemroll.create({ workers: 1 });
  try {
    const gated = await collect(g.scan([FACE, RECEIPT], { models: true, cache: false }));
    const all = await collect(g.scan([FACE, RECEIPT], { models: { gate: false }, cache: false }));
    const receipt = gated.find((r) => r.path.endsWith('.jpg') && r.path.includes('X000'));
    // A confident receipt: no face to look for, and text would only confirm it.
    assert.deepEqual(receipt.models.ran, []);
    assert.equal(receipt.faces, undefined);
    assert.equal(receipt.text, undefined);
    assert.match(receipt.models.skipped[0].reason, /a receipt by the classical verdict .*no faces/);
    assert.match(receipt.models.skipped[1].reason, /a receipt by the classical verdict .*only confirm the page/);
    const ungated = all.find((r) => r.path === receipt.path);
    assert.ok(ungated.text.lines >= 10);
    for (const r of all) {
      for (const m of ['blazeface-back-256', 'ppocr-v4-det']) assert.ok(r.models.ran.includes(m), `${r.path}: ${r.models.ran}`);
      assert.deepEqual(r.models.skipped, []);
    }
  } finally {
    await g.close();
  }
});

test('models.extra runs a developer\'s own ONNX model and returns its raw output', { skip }, async () => {
  const g = await Gemroll.create({ workers: 1 });
  try {
    // BlazeFace's front model stands in for "a user's model": its first
    // output (512 score logits) as the vector.
    const extra = [{
      name: 'my-embedding',
      url: pathToFileURL(join(MODELS_DIR, MODEL_FILES['blazeface-front-128'].file)).href,
      sha256: MODEL_FILES['blazeface-front-128'].sha256,
      input: { size: 128, layout: 'NHWC', mean: 0.5, std: 0.5 },
    }, { name: 'missing', url: pathToFileURL(join(tempDir('gemroll-nomodel-'), 'x.onnx')).href }];
    const [rec] = await collect(g.scan([FACE], { models: { extra, text: false }, cache: false }));
    assert.ok(rec.ok);
    const out = rec.models.extra['my-embedding'];
    assert.deepEqual(out.dims, [1, 512, 1]);
    assert.equal(out.data.length, 512);
    assert.ok(out.data.every(Number.isFinite) && new Set(out.data).size > 100, 'a real, varied output');
    assert.ok(rec.models.ran.includes('my-embedding'));
    assert.match(rec.models.unavailable.find((u) => u.model === 'missing').reason, /not available/);
    assert.ok(rec.faces.length >= 2, 'the built-in face model still ran');
    await assert.rejects(collect(g.scan([FACE], { models: { extra: [{ name: 'x' }] } })), /url is required/);
  } finally {
    await g.close();
  }
});
