// The WebGPU collage compositor (src/gpu/compose.js) against the CPU
// compositor in a real browser: Debian's chromium (playwright-core) with
// WebGPU enabled (SwiftShader, software, when there is no GPU) composes
// collages of real photos from ../shared/data with the wasm engine
// (collageRgba: ComposeCollage's pixels) and on WebGPU from the engine's
// plan (collageGpuPlan), for several layouts and themes (corners, borders,
// decorations, titles, an edited cell); the two must agree, PSNR >= 40 dB on
// every case, printed. Skipped only when the browser offers no WebGPU adapter.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DATA_DIR, WASM_DIR } from './helpers.mjs';
import { startServer } from './isolated-server.mjs';
import { chromiumMissing, launchChromium } from './chromium.mjs';

const MIN_PSNR = 40;
const MAX_DIFF = 8;
const PHOTOS = [
  'blur/kwentar/106_NIKON-D3400-35MM_S.JPG',  // 2048x1365: decoded at 1/2
  'aesthetics/500px-popular/27870021.jpg',  // 900x600
  'faces/photoprism-facecount/1.jpg',  // portrait 1024x1365
  'camera/exif-samples/orientation/landscape_6.jpg',  // EXIF orientation 6
  'general/kodak/kodim23.png',  // PNG, enlarged in the bigger cells
  'blur/kwentar/176_HONOR-7X_F.jpg',  // 2048x1536
];
const EXPOSURE = JSON.stringify({ version: 1, ops: [
  { op: 'exposure', version: 1, params: { ev: 0.5 } },
  { op: 'look', version: 1, params: { name: 'warm', strength: 0.8 } },
] });
// Layouts x themes; each theme brings its own corners, borders, decoration.
const CASES = [
  { name: 'mosaic/birthday', photos: [0, 1, 2, 3, 4], options: { layout: 'mosaic', theme: 'birthday', width: 1600, height: 1200, place: 'Lisbon', startDay: '2024-05-03' } },
  { name: 'grid/graduation', photos: [5, 2, 1, 0], options: { layout: 'grid', theme: 'graduation', width: 1200, height: 900, title: 'Class of 2024' } },
  { name: 'hero/trip+edit', photos: [0, 1, 2, 3, 4, 5], edit: 1, options: { layout: 'hero', theme: 'trip', width: 1600, height: 1200, place: 'Lisbon', startDay: '2024-05-03', endDay: '2024-05-05' } },
  { name: 'strip/holiday', photos: [4, 3, 1], options: { layout: 'strip', theme: 'holiday', width: 1500, height: 600, cornerRadius: 40, border: 6, accent: '#cc3344' } },
];

let skip = chromiumMissing();
if (!skip && !existsSync(join(WASM_DIR, 'gemroll-simd.wasm'))) skip = 'wasm engine not built (cmake --build build/wasm-simd --target gemroll_wasm)';
if (!skip && !PHOTOS.every((p) => existsSync(join(DATA_DIR, p)))) skip = `test photos missing under ${DATA_DIR}`;

describe('WebGPU collage compositor (chromium)', { skip, timeout: 180_000 }, () => {
  let server, origin, browser, page;

  before(async () => {
    server = await startServer();
    origin = `http://127.0.0.1:${server.address().port}`;
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    // WebGPU needs the GPU process: no --disable-gpu (SwiftShader without a GPU).
    browser = await launchChromium(chromium, { webgpu: true });
    page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.route(`${origin}/gpu-collage-test.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>gpu collage</title>' }));
    await page.goto(`${origin}/gpu-collage-test.html`);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('GPU collages match the CPU compositor (PSNR >= 40 dB)', async (t) => {
    const photos = PHOTOS.map((p) => readFileSync(join(DATA_DIR, p)).toString('base64'));
    const setup = await page.evaluate(async (photos) => {
      const render = await import('/src/gpu/render.js');
      const got = await render.requestRenderDevice();
      if (!got) return { adapter: null };
      const compose = await import('/src/gpu/compose.js');
      const { default: create } = await import('/wasm/gemroll-simd.js');
      const module = await WebAssembly.compileStreaming(fetch('/wasm/gemroll-simd.wasm'));
      const engine = await create({
        instantiateWasm(imports, receive) {
          WebAssembly.instantiate(module, imports).then((i) => receive(i, module));
          return {};
        },
      });
      const font = new Uint8Array(await (await fetch('/wasm/DejaVuSans-Bold.ttf')).arrayBuffer());
      const bytes = photos.map((b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0)));
      globalThis.__c = { render, compose, engine, font, bytes, compositor: new compose.CollageCompositor(got.device) };
      const info = got.info;
      return { adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown', fallback: !!got.adapter.isFallbackAdapter };
    }, photos);
    if (!setup.adapter) {
      t.skip('this Chromium offers no WebGPU adapter');
      return;
    }
    console.log(`# WebGPU adapter: ${setup.adapter}${setup.fallback ? ' (fallback)' : ''}`);

    const results = [];
    for (const c of CASES) {
      const r = await page.evaluate(async ({ c, edit }) => {
        const { render, compose, engine, font, bytes, compositor } = globalThis.__c;
        const items = c.photos.map((i, k) => ({ bytes: bytes[i], ...(k === c.edit && { edit }) }));
        const cpu = (engine.collageRgba(items, c.options, font));
        const jpegPath = (engine.collage(items, { ...c.options, quality: 100 }, font));
        const plan = (engine.collageGpuPlan(items, c.options, font));
        const gpu = await compositor.compose(plan);
        let maxDiff = 0;
        let painted = 0;
        if (gpu.rgba.length === cpu.rgba.length) {
          for (let i = 0; i < gpu.rgba.length; i++) {
            const d = Math.abs(gpu.rgba[i] - cpu.rgba[i]);
            if (d > maxDiff) maxDiff = d;
          }
          for (let i = 0; i < gpu.rgba.length; i += 4) painted += gpu.rgba[i] !== plan.chrome[i] || gpu.rgba[i + 1] !== plan.chrome[i + 1];
        }
        return {
          width: cpu.width, height: cpu.height, gpuWidth: gpu.width, gpuHeight: gpu.height,
          psnr: render.psnrRgb(gpu.rgba, cpu.rgba), maxDiff, painted: painted / (gpu.width * gpu.height),
          sameLayout: plan.json === cpu.json, sameAsCollage: plan.json === jpegPath.json,
          titleDrawn: plan.titleDrawn, cpuTitleDrawn: cpu.titleDrawn, titleOverlap: plan.titleOverlapPixels,
          edited: plan.cells.map((x) => x.editedOnCpu),
          // Cells whose 2048-px-wide JPEG was decoded at a DCT-reduced scale.
          scaled: plan.cells.filter((x, k) => [0, 5].includes(c.photos[k]) && x.width <= 1024).length,
        };
      }, { c, edit: EXPOSURE });
      console.log(`# ${c.name.padEnd(18)} ${r.width}x${r.height}, ${c.photos.length} photos  PSNR ${Number.isFinite(r.psnr) ? r.psnr.toFixed(1) + ' dB' : 'identical'}  max diff ${r.maxDiff}  cells cover ${(100 * r.painted).toFixed(0)}%`);
      results.push({ ...c, ...r });
    }
    for (const r of results) {
      assert.equal(r.gpuWidth, r.width, r.name);
      assert.equal(r.gpuHeight, r.height, r.name);
      assert.ok(r.psnr >= MIN_PSNR, `${r.name}: GPU vs CPU PSNR ${r.psnr.toFixed(2)} dB < ${MIN_PSNR}`);
      // Rounding only: a wrong corner, border or filter is off by far more.
      assert.ok(r.maxDiff <= MAX_DIFF, `${r.name}: a pixel differs by ${r.maxDiff} levels (> ${MAX_DIFF})`);
      // Same crops and reasons as the CPU compositor and as collage().
      assert.ok(r.sameLayout, `${r.name}: the plan's layout differs from ComposeCollage's`);
      assert.ok(r.sameAsCollage, `${r.name}: the plan's layout differs from collage()'s (option parsing drifted)`);
      assert.equal(r.titleDrawn, r.cpuTitleDrawn, r.name);
      assert.equal(r.titleOverlap, 0, `${r.name}: title glyphs inside cells`);
      // The GPU really painted the photos (the comparison means something).
      assert.ok(r.painted > 0.5, `${r.name}: only ${(100 * r.painted).toFixed(0)}% of the canvas painted`);
      assert.deepEqual(r.edited, r.photos.map((_, k) => k === r.edit), r.name);
    }
    assert.ok(results.some((r) => r.titleDrawn), 'no case drew a title');
    assert.ok(results.some((r) => r.scaled > 0), 'no case decoded a photo at a reduced scale');
    const worst = Math.min(...results.map((r) => r.psnr));
    console.log(`# ${results.length} collages, lowest PSNR ${worst.toFixed(1)} dB (threshold ${MIN_PSNR})`);
  });

  test('bad input: a clear per-photo error from the plan, a refused malformed plan', async (t) => {
    const r = await page.evaluate(async () => {
      const { render, engine, bytes, compositor } = globalThis.__c || {};
      if (!compositor) return null;
      const out = {};
      const junk = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
      try {
        engine.collageGpuPlan([{ bytes: bytes[1] }, { bytes: junk }], { layout: 'grid', width: 400, height: 300 }, null);
        out.error = null;
      } catch (e) {
        out.error = { code: e.code, message: e.message, name: e.name };
      }
      const plan = (engine.collageGpuPlan([{ bytes: bytes[1] }, { bytes: bytes[4] }], { layout: 'grid', width: 400, height: 300 }, null));
      const attempts = [
        { ...plan, chrome: plan.chrome.subarray(4) },
        { ...plan, cells: [{ ...plan.cells[0], rgba: new Uint8Array(8) }] },
        null,
      ];
      out.codes = [];
      for (const p of attempts) {
        try {
          await compositor.compose(p);
          out.codes.push('none');
        } catch (e) {
          out.codes.push(e.code);
        }
      }
      return out;
    });
    if (!r) return t.skip('this Chromium offers no WebGPU adapter');
    assert.ok(r.error, 'a broken photo must fail the plan');
    assert.match(r.error.message, /photo 1/);
    assert.notEqual(r.error.code, 'internal');
    assert.deepEqual(r.codes, ['invalid_argument', 'invalid_argument', 'invalid_argument']);
  });
});
