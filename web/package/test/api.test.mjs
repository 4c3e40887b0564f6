// The package's surface: exports, the factory, the in-thread engine and its
// errors, SIMD detection and agreement between the two wasm builds.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

import * as gemroll from '../src/index.js';
import { DATA_DIR, hasVariant, listFiles } from './helpers.mjs';

const { Gemroll, loadEngine, simdSupported, SCHEMA_VERSION } = gemroll;
const firstJpeg = () => listFiles(DATA_DIR).find((f) => /\.jpe?g$/i.test(f) && !/corrupt/.test(f));

test('exports', () => {
  assert.equal(typeof Gemroll, 'function');
  assert.equal(typeof Gemroll.create, 'function');
  assert.equal(typeof loadEngine, 'function');
  assert.equal(typeof simdSupported(), 'boolean');
  assert.equal(SCHEMA_VERSION, 1);
  assert.throws(() => new Gemroll(), /Gemroll.create/);
});

test('the wasm builds are present (run the CMake target gemroll_wasm)', () => {
  assert.ok(hasVariant('simd'), 'wasm/gemroll-simd.wasm missing');
  assert.ok(hasVariant('scalar'), 'wasm/gemroll-scalar.wasm missing');
});

test('create, properties, close', async () => {
  const g = await Gemroll.create({ workers: 1 });
  assert.equal(g.workers, 1);
  assert.match(g.version, /^\d+\.\d+\.\d+$/);
  assert.equal(g.variant, simdSupported() ? 'simd' : 'scalar');
  assert.equal(typeof g.scan, 'function');
  await g.close();
  await g.close();  // idempotent
  await assert.rejects(g.scan([]).next(), /closed/);
});

test('create rejects bad options and missing assets', async () => {
  await assert.rejects(Gemroll.create({ workers: 0 }), RangeError);
  await assert.rejects(Gemroll.create({ variant: 'avx' }), TypeError);
  await assert.rejects(Gemroll.create({ workers: 1, assetsBase: '/nonexistent/gemroll' }), /cannot load/);
});

test('in-thread engine: analyzePhoto returns the CLI fields and a thumbnail', async () => {
  const engine = await loadEngine();
  assert.equal(engine.simd, engine.variant === 'simd');
  const bytes = readFileSync(firstJpeg());
  const { analysis, thumbnail } = engine.analyzePhoto(bytes, { thumbnailLongSide: 160 });
  assert.equal(analysis.format, 'jpeg');
  assert.equal(analysis.fileSize, bytes.length);
  assert.match(analysis.contentHash, /^[0-9a-f]{16}$/);
  for (const k of ['width', 'height', 'orientation']) assert.equal(typeof analysis[k], 'number');
  for (const k of ['analysis', 'exif', 'metrics', 'features']) assert.equal(typeof analysis[k], 'object');
  assert.equal(typeof analysis.metrics.sharpness, 'number');
  assert.ok(thumbnail instanceof Uint8Array);
  assert.deepEqual([...thumbnail.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  // The caller's buffer is untouched (copied into the wasm heap, not detached).
  assert.equal(bytes.length, analysis.fileSize);
  assert.equal(engine.analyzePhoto(bytes).thumbnail, undefined);
});

test('in-thread engine: a failed Status is a thrown error with code and message', async () => {
  const engine = await loadEngine();
  const cases = [
    [new Uint8Array(0), 'empty'],
    [new TextEncoder().encode('not a photo'), 'unknown_format'],
    [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]), null],
  ];
  for (const [bytes, code] of cases) {
    assert.throws(() => engine.analyzePhoto(bytes), (e) => {
      assert.ok(e instanceof gemroll.GemrollError, 'the glue throws the package class');
      assert.equal(e.name, 'GemrollError');
      assert.equal(typeof e.code, 'string');
      if (code) assert.equal(e.code, code);
      assert.ok(e.message.length > 0);
      return true;
    });
  }
  // Still usable after errors.
  assert.equal(engine.analyzePhoto(readFileSync(firstJpeg())).analysis.format, 'jpeg');
});

test('one error class: workers, edits, inputs and recaps all reject with GemrollError', async () => {
  const { GemrollError, RecapError, planRecap } = gemroll;
  const e = GemrollError.from({ code: 'truncated', message: 'ends early' }, 'photo 2: ');
  assert.ok(e instanceof Error && e instanceof GemrollError);
  assert.deepEqual([e.name, e.code, e.message], ['GemrollError', 'truncated', 'photo 2: ends early']);
  // Across the worker boundary (an edit in the pool) and from the page thread (a missing file).
  const g = await Gemroll.create({ workers: 1 });
  try {
    await assert.rejects(g.autoEnhance(new Uint8Array(0)), (err) => err instanceof GemrollError && err.code === 'empty');
    await assert.rejects(g.renderEdit('/no/such/file.jpg', {}), (err) => err instanceof GemrollError && err.code === 'io');
  } finally {
    await g.close();
  }
  assert.throws(() => planRecap({ title: 'x', photos: [] }, new Map()),
    (err) => err instanceof RecapError && err instanceof GemrollError && err.name === 'RecapError' && err.code === 'empty');
});

test('in-thread engine: the WebGPU helpers\' plan calls (README: renderEditGpu(engine, ...)), nothing raw', async () => {
  const engine = await loadEngine();
  const w = 64, h = 48;
  const rgba = new Uint8Array(w * h * 4).fill(128);
  const plan = engine.renderPlan(rgba, w, h, JSON.stringify({ version: 1, ops: [{ op: 'exposure', ev: 0.5 }] }));
  assert.ok(plan.plan instanceof Float32Array && plan.plan.length > 0);
  assert.deepEqual([plan.width, plan.height], [w, h]);
  assert.throws(() => engine.renderPlan(rgba, w, h, '{'), (e) => e instanceof gemroll.GemrollError && e.code === 'invalid_argument');
  assert.equal(typeof engine.collageGpuPlan, 'function');
  // Nothing raw on the engine the package hands out.
  assert.deepEqual(Object.keys(engine).filter((k) => /Raw$/.test(k)), []);
});

test('the ErrorCode type is the core\'s status codes plus internal, no more, no less', async () => {
  const engine = await loadEngine();
  // Every .d.ts of the package, wherever ErrorCode is declared.
  const dir = new URL('../src/', import.meta.url);
  const texts = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.d.ts')).map((f) => readFileSync(new URL(f, dir), 'utf8'));
  const decl = texts.map((t) => /export type ErrorCode =([^;]+);/.exec(t)).find(Boolean);
  assert.ok(decl, 'ErrorCode declared');
  const declared = [...decl[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(declared, [...engine.errorCodes, 'internal'].sort());
});

test('keepBoxesFromSuggestion: the people the core counted stay whole; a sharp region is no keep box', () => {
  const box = { x: 0.1, y: 0.5, width: 0.3, height: 0.2 };
  assert.deepEqual(gemroll.keepBoxesFromSuggestion({ focus: { kind: 'faces', faces: 2, box } }), [{ x: 0.1, y: 0.5, w: 0.3, h: 0.2 }]);
  assert.deepEqual(gemroll.keepBoxesFromSuggestion({ focus: { kind: 'sharp_region', box } }), []);
  assert.deepEqual(gemroll.keepBoxesFromSuggestion({ path: 'a.jpg' }), []);
  assert.deepEqual(gemroll.keepBoxesFromSuggestion(undefined), []);
});

test('in-thread engine: analyzeRgba for pixels decoded elsewhere', async () => {
  const engine = await loadEngine();
  const w = 96;
  const h = 64;
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set([(i % w) * 2, (i / w) * 3, 90, 255], i * 4);
  const { analysis } = engine.analyzeRgba(rgba, w, h);
  assert.equal(analysis.format, 'rgba');
  assert.equal(analysis.width, w);
  assert.equal(analysis.height, h);
  assert.throws(() => engine.analyzeRgba(rgba, w, h * 2), (e) => e.code === 'invalid_argument');
});

test('SIMD and scalar builds agree', { skip: !simdSupported() && 'no SIMD here' }, async () => {
  const simd = await loadEngine({ variant: 'simd' });
  const scalar = await loadEngine({ variant: 'scalar' });
  assert.equal(simd.simd, true);
  assert.equal(scalar.simd, false);
  const files = listFiles(DATA_DIR).filter((f) => /\.(jpe?g|png)$/i.test(f)).slice(0, 6);
  for (const f of files) {
    const bytes = readFileSync(f);
    let a;
    let b;
    try {
      a = simd.analyzePhoto(bytes).analysis;
    } catch (e) {
      assert.throws(() => scalar.analyzePhoto(bytes), (e2) => e2.code === e.code);
      continue;
    }
    b = scalar.analyzePhoto(bytes).analysis;
    for (const k of ['format', 'contentHash', 'width', 'height', 'analysis', 'exif']) {
      assert.deepEqual(a[k], b[k], `${f}: ${k}`);
    }
    for (const k of ['sharpness', 'meanLuma', 'contrast', 'colorfulness', 'noiseSigma']) {
      const x = a.metrics[k];
      const y = b.metrics[k];
      assert.ok(Math.abs(x - y) <= 0.02 * Math.max(1, Math.abs(x)), `${f}: metrics.${k} ${x} vs ${y}`);
    }
  }
});
