// The on-device models in the web app, in a real browser (Debian's chromium
// through playwright-core), served by web/app/server.mjs with its CSP and
// COOP/COEP headers: onnxruntime-web and the model files come from the app's
// own origin, BlazeFace finds the faces and PP-OCRv4 the text, and that
// evidence shows in the verdicts' reasons; the model files land in Cache
// Storage, so a second visit scans with models without fetching them again;
// and the WebGPU execution provider (SwiftShader here: correctness only) finds
// the same faces as wasm.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startServer } from '../server.mjs';
import { chromiumMissing, launchChromium } from '../../package/test/chromium.mjs';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(APP_DIR, '../..');
const DATA = process.env.GEMROLL_DATA || resolve(REPO, '../shared/data');
const require = createRequire(import.meta.url);

const FACES = join(DATA, 'faces/face_recognition-misc/two_people.jpg');
const RECEIPT = join(DATA, 'receipts/sroie/X00016469670.jpg');
const OTHER_FACES = join(DATA, 'faces/face_recognition-misc/obama3.jpg');
const MODELS = join(REPO, 'web/package/models');

let skip = chromiumMissing();
if (!skip && ![FACES, RECEIPT, OTHER_FACES].every(existsSync)) skip = `no photos under ${DATA}`;
if (!skip && !existsSync(join(REPO, 'web/package/wasm/gemroll-simd.wasm'))) skip = 'wasm engine not built';
if (!skip && !existsSync(join(MODELS, 'ch_PP-OCRv4_det_infer.onnx'))) skip = 'models not fetched (node models/fetch.mjs)';
if (!skip && !existsSync(join(REPO, 'web/package/node_modules/onnxruntime-web'))) skip = 'onnxruntime-web not installed (npm ci in web/package)';

const temps = [];
const tempDir = (p) => {
  const d = mkdtempSync(join(tmpdir(), p));
  temps.push(d);
  return d;
};
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(name, files) {
  const dir = join(tempDir('gemroll-models-roll-'), name);
  mkdirSync(dir);
  for (const f of files) cpSync(f, join(dir, f.split('/').pop()));
  return dir;
}

describe('on-device models in the web app (chromium)', { skip, timeout: 600_000 }, () => {
  let server, origin, browser, context;
  const requests = [];

  before(async () => {
    const dist = join(tempDir('gemroll-models-dist-'), 'dist');
    execFileSync(process.execPath, [join(APP_DIR, 'build.mjs'), '--out', dist], { stdio: 'pipe' });
    server = await startServer({ root: dist });
    origin = `http://127.0.0.1:${server.address().port}`;
    const { chromium } = require('playwright-core');
    // --enable-unsafe-webgpu: a (SwiftShader) WebGPU adapter for the last test.
    browser = await launchChromium(chromium, { webgpu: true });
    context = await browser.newContext();
    context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer() }));
  });

  after(async () => {
    if (browser) await browser.close();
    if (server) server.close();
  });

  async function scanFolder(page, dir) {
    await page.setInputFiles('#folder-input', dir);
    await page.waitForFunction(() => ['done', 'cancelled', 'error'].includes(document.body.dataset.scan), null,
      { timeout: 300_000 });
    assert.equal(await page.evaluate(() => document.body.dataset.scan), 'done');
    return page.evaluate(() => ({
      records: [...window.gemrollApp.records.values()],
      photos: [...window.gemrollApp.photos.values()],
    }));
  }

  test('faces and text from the models, in the records and in the kind reasons', async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/`);
    const { records, photos } = await scanFolder(page, folder('first', [FACES, RECEIPT]));
    const faces = records.find((r) => r.path.endsWith('two_people.jpg'));
    assert.ok(faces.ok, JSON.stringify(faces));
    assert.deepEqual(faces.models.unavailable, []);
    assert.equal(faces.models.executionProvider, 'wasm');
    assert.ok(faces.faces.filter((f) => f.score > 0.5).length >= 2, JSON.stringify(faces.faces));
    // The gate: the cheap pass already knows the receipt, so neither model runs on it, saying why.
    const receipt = records.find((r) => r.path.endsWith('X00016469670.jpg'));
    assert.deepEqual(receipt.models.ran, []);
    assert.match(receipt.models.skipped[0].reason, /receipt by the classical verdict/);
    assert.match(receipt.models.skipped[1].reason, /only confirm the page/);
    // The evidence reaches the verdicts the photo view shows.
    const facePhoto = photos.find((p) => p.path.endsWith('two_people.jpg'));
    assert.ok(facePhoto.kindReasons.some((r) => r.code === 'faces' && /2 face/.test(r.text)), JSON.stringify(facePhoto.kindReasons));
    // ?models=all: every model on every photo; the receipt's text reaches its reasons.
    const all = await context.newPage();
    all.on('pageerror', (e) => errors.push(String(e)));
    await all.goto(`${origin}/?models=all`);
    const every = await scanFolder(all, folder('all', [RECEIPT]));
    const read = every.records[0];
    assert.deepEqual(read.models.ran, ['blazeface-back-256', 'ppocr-v4-det']);
    assert.ok(read.text.lines >= 10 && read.text.areaFraction > 0.15, JSON.stringify(read.text));
    assert.ok(every.photos[0].kindReasons.some((r) => r.code === 'model_text'), JSON.stringify(every.photos[0].kindReasons));
    await all.close();
    // Fetched from this origin: ORT's module and wasm, and the two models used.
    const fetched = requests.map((r) => new URL(r.url));
    assert.ok(fetched.some((u) => u.pathname === '/vendor/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'));
    assert.ok(fetched.some((u) => u.pathname === '/vendor/gemroll/models/face_detection_back_256_any-size.onnx'));
    assert.ok(fetched.some((u) => u.pathname === '/vendor/gemroll/models/ch_PP-OCRv4_det_infer.onnx'));
    assert.ok(!fetched.some((u) => /asyncify|jsep/.test(u.pathname)), 'the WebGPU build is not fetched for wasm');
    for (const r of requests) {
      assert.equal(new URL(r.url).origin, origin, r.url);
      assert.equal(r.method, 'GET', r.url);
      assert.ok(!r.body || r.body.length === 0, r.url);
    }
    const cached = await page.evaluate(async () => (await (await caches.open('gemroll-models')).keys()).map((k) => k.url));
    for (const f of ['face_detection_back_256_any-size.onnx', 'ch_PP-OCRv4_det_infer.onnx']) {
      assert.ok(cached.some((u) => new URL(u).pathname === `/vendor/gemroll/models/${f}`), cached.join(' '));
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a second visit takes the models from Cache Storage', async () => {
    const before = requests.length;
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    // A photo the scan cache has not seen, so the models run again.
    const { records } = await scanFolder(page, folder('second', [OTHER_FACES]));
    assert.ok(records[0].faces.length >= 1, JSON.stringify(records[0].models));
    assert.ok(records[0].models.ran.includes('blazeface-back-256'));
    const again = requests.slice(before).map((r) => new URL(r.url).pathname);
    assert.ok(!again.some((p) => p.endsWith('.onnx')), `no model fetched again: ${again.join(' ')}`);
    await page.close();
  });

  test('the WebGPU execution provider finds the same faces as wasm (SwiftShader: correctness only)', async (t) => {
    const page = await context.newPage();
    await page.goto(`${origin}/?models=off`);
    const gpu = await page.evaluate(async () => {
      const a = navigator.gpu && (await navigator.gpu.requestAdapter());
      return a ? { fallback: !!(a.info && a.info.isFallbackAdapter) } : null;
    });
    if (!gpu) {
      t.skip('no WebGPU adapter');
      await page.close();
      return;
    }
    const bytes = [...(await import('node:fs')).readFileSync(FACES)];
    const runs = await page.evaluate(async (data) => {
      const { Gemroll } = await import('/vendor/gemroll/src/index.js');
      const g = await Gemroll.create({ workers: 1, gazetteer: false });
      const out = {};
      try {
        for (const ep of ['wasm', 'webgpu', 'auto']) {
          const input = [{ name: 'two_people.jpg', data: new Uint8Array(data) }];
          for await (const r of g.scan(input, { cache: false, models: { executionProvider: ep, text: false, face: 'blazeface-front-128', attributes: false } })) {
            out[ep] = { faces: r.faces, models: r.models };
          }
        }
      } finally {
        await g.close();
      }
      return out;
    }, bytes);
    assert.equal(runs.webgpu.models.executionProvider, 'webgpu', JSON.stringify(runs.webgpu.models));
    // 'auto' never picks a software adapter.
    if (gpu.fallback) assert.equal(runs.auto.models.executionProvider, 'wasm');
    assert.equal(runs.webgpu.faces.length, runs.wasm.faces.length);
    for (let i = 0; i < runs.wasm.faces.length; i++) {
      const a = runs.wasm.faces[i], b = runs.webgpu.faces[i];
      assert.ok(Math.abs(a.score - b.score) < 0.01, `${a.score} vs ${b.score}`);
      for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(a.box[k] - b.box[k]) < 2, `${k}: ${a.box[k]} vs ${b.box[k]}`);
    }
    await page.close();
  });
});
