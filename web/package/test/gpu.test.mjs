// The WebGPU edit renderer (src/gpu/render.js) against the CPU reference in
// a real browser: Debian's chromium (playwright-core) with WebGPU enabled
// gets an adapter (SwiftShader, software, when there is no GPU), decodes real
// photos from ../shared/data, renders each edit with the wasm engine
// (renderRgba) and on WebGPU from the engine's plan (renderPlan), and
// the two must agree: PSNR >= 40 dB on every case, printed. Skipped only when
// the browser offers no WebGPU adapter at all.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DATA_DIR, WASM_DIR } from './helpers.mjs';
import { startServer } from './isolated-server.mjs';
import { chromiumMissing, launchChromium } from './chromium.mjs';

const MIN_PSNR = 40;
// Real photos, resized in the page (one at its full 2.8 MP); every look on
// one photo, a few cases on the others, so the software adapter keeps the
// test near a minute on two cores.
const PHOTOS = [
  { rel: 'blur/kwentar/106_NIKON-D3400-35MM_S.JPG', width: 2048, cases: ['auto', 'geometry+cartoon'] },
  { rel: 'aesthetics/500px-popular/27870021.jpg', width: 900, cases: null },
  { rel: 'blur/kwentar/180_HONOR-10_S.jpg', width: 1024, cases: ['manual', 'geometry'] },
  { rel: 'general/kodak/kodim23.png', width: 768, cases: ['auto', 'sketch'] },
];
const LOOKS = ['bw', 'film', 'warm', 'cool', 'vivid', 'faded', 'cartoon', 'sketch'];

let skip = chromiumMissing();
if (!skip && !existsSync(join(WASM_DIR, 'gemroll-simd.wasm'))) skip = 'wasm engine not built (cmake --build build/wasm-simd --target gemroll_wasm)';
if (!skip && !PHOTOS.every((p) => existsSync(join(DATA_DIR, p.rel)))) skip = `test photos missing under ${DATA_DIR}`;

// Edit params as EditParams::ToJson writes them.
const op = (name, params) => ({ op: name, version: 1, params });
const editJson = (...ops) => JSON.stringify({ version: 1, ops });
const MANUAL = [
  op('exposure', { ev: 0.6 }),
  op('whiteBalance', { temperature: 25, tint: -10 }),
  op('toneCurve', { blackPoint: 0.03, whitePoint: 0.95, contrast: 0.25 }),
  op('shadowsHighlights', { shadows: 0.5, highlights: -0.4 }),
  op('color', { vibrance: 0.3, saturation: -0.1 }),
  op('localContrast', { amount: 0.5 }),
  op('denoise', { amount: 0.4 }),
  op('sharpen', { amount: 0.7 }),
];
const GEOMETRY = [op('straighten', { angleDeg: -4 }), op('crop', { x: 0.1, y: 0.05, w: 0.8, h: 0.85 })];

describe('WebGPU edit renderer (chromium)', { skip, timeout: 300_000 }, () => {
  let server, origin, browser, page;

  before(async () => {
    server = await startServer();
    origin = `http://127.0.0.1:${server.address().port}`;
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    // WebGPU needs the GPU process: no --disable-gpu. Without a GPU,
    // Chromium falls back to SwiftShader.
    browser = await launchChromium(chromium, { webgpu: true });
    page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    // A blank page on the package's origin; modules come from the server.
    await page.route(`${origin}/gpu-test.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>gpu</title>' }));
    await page.goto(`${origin}/gpu-test.html`);
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  test('GPU renders match the CPU reference (PSNR >= 40 dB)', async (t) => {
    const setup = await page.evaluate(async () => {
      const gpu = await import('/src/gpu/render.js');
      const got = await gpu.requestRenderDevice();
      if (!got) return { adapter: null };
      const { default: create } = await import('/wasm/gemroll-simd.js');
      const module = await WebAssembly.compileStreaming(fetch('/wasm/gemroll-simd.wasm'));
      const engine = await create({
        instantiateWasm(imports, receive) {
          WebAssembly.instantiate(module, imports).then((i) => receive(i, module));
          return {};
        },
      });
      globalThis.__gpu = { gpu, engine, device: got.device, renderer: new gpu.EditRenderer(got.device) };
      const info = got.info;
      return { adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown', fallback: !!got.adapter.isFallbackAdapter };
    });
    if (!setup.adapter) {
      t.skip('this Chromium offers no WebGPU adapter');
      return;
    }
    console.log(`# WebGPU adapter: ${setup.adapter}${setup.fallback ? ' (fallback)' : ''}`);

    const results = [];
    for (const photo of PHOTOS) {
      const bytes = readFileSync(join(DATA_DIR, photo.rel)).toString('base64');
      const r = await page.evaluate(async ({ bytes, width, only, looks, manual, geometry }) => {
        const { gpu, engine, renderer } = globalThis.__gpu;
        const raw = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([raw]));
        const w = Math.min(width, bitmap.width);
        const h = Math.round((bitmap.height * w) / bitmap.width);
        const small = await createImageBitmap(bitmap, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
        const canvas = new OffscreenCanvas(w, h);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(small, 0, 0);
        const rgba = new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer);
        const auto = (engine.renderAutoParams(rgba, w, h)).json;
        const autoOps = JSON.parse(auto).ops;
        const json = (ops) => JSON.stringify({ version: 1, ops });
        const cases = [['auto', auto], ['manual', json(manual)], ['geometry', json([...geometry, ...manual])]];
        for (const look of looks) cases.push([look, json([...autoOps, { op: 'look', version: 1, params: { name: look, strength: 0.8 } }])]);
        cases.push(['geometry+cartoon', json([...geometry, { op: 'look', version: 1, params: { name: 'cartoon', strength: 1 } }])]);
        const out = [];
        for (const [name, params] of cases) {
          if (only && !only.includes(name)) continue;
          const cpu = (engine.renderRgba(rgba, w, h, params, 'auto'));
          const plan = (engine.renderPlan(rgba, w, h, params));
          const g = await renderer.render(rgba, w, h, plan);
          let changed = 0;
          if (cpu.width === w && cpu.height === h) {
            for (let i = 0; i < rgba.length; i++) changed += cpu.rgba[i] !== rgba[i];
          } else changed = -1;
          let maxDiff = 0;
          if (g.width === cpu.width && g.height === cpu.height) {
            for (let i = 0; i < g.rgba.length; i++) maxDiff = Math.max(maxDiff, Math.abs(g.rgba[i] - cpu.rgba[i]));
          }
          out.push({
            name, params, width: cpu.width, height: cpu.height, gpuWidth: g.width, gpuHeight: g.height,
            psnr: gpu.psnrRgb(g.rgba, cpu.rgba), maxDiff, changed,
          });
        }
        return { w, h, out };
      }, { bytes, width: photo.width, only: photo.cases, looks: LOOKS, manual: MANUAL, geometry: GEOMETRY });
      for (const c of r.out) {
        console.log(`# ${photo.rel} ${r.w}x${r.h} ${c.name.padEnd(16)} -> ${c.width}x${c.height}  PSNR ${Number.isFinite(c.psnr) ? c.psnr.toFixed(1) + ' dB' : 'identical'}  max diff ${c.maxDiff}`);
        results.push({ photo: photo.rel, ...c });
      }
    }
    for (const c of results) {
      const what = `${c.photo} ${c.name} ${c.params}`;
      assert.equal(c.gpuWidth, c.width, what);
      assert.equal(c.gpuHeight, c.height, what);
      assert.ok(c.psnr >= MIN_PSNR, `${what}: GPU vs CPU PSNR ${c.psnr.toFixed(2)} dB < ${MIN_PSNR}`);
      // Every case really edits the picture (the comparison means something).
      assert.notEqual(c.changed, 0, `${what}: the edit left the image unchanged`);
    }
    const worst = Math.min(...results.map((c) => c.psnr));
    console.log(`# ${results.length} renders, lowest PSNR ${worst.toFixed(1)} dB (threshold ${MIN_PSNR})`);
  });

  test('the renderer refuses a plan for another image or version', async () => {
    const errors = await page.evaluate(async () => {
      const { gpu, engine, renderer } = globalThis.__gpu || {};
      if (!renderer) return null;
      const rgba = new Uint8Array(16 * 8 * 4).fill(128);
      const plan = (engine.renderPlan(rgba, 16, 8, '{"version":1,"ops":[{"op":"exposure","version":1,"params":{"ev":1}}]}'));
      const codes = [];
      for (const attempt of [
        () => renderer.render(new Uint8Array(8 * 8 * 4), 8, 8, plan),
        () => renderer.render(rgba, 16, 8, Object.assign({}, plan, { plan: Object.assign(plan.plan.slice(), { 0: 99 }) })),
        () => renderer.render(rgba, 16, 8, null),
      ]) {
        try {
          await attempt();
          codes.push('none');
        } catch (e) {
          codes.push(e.code);
        }
      }
      let bad = 'none';
      try {
        (engine.renderPlan(rgba, 16, 9, '{"version":1,"ops":[]}'));
      } catch (e) {
        bad = e.code;
      }
      return { codes, bad };
    });
    if (!errors) return;  // no adapter: the first test said so
    assert.deepEqual(errors.codes, ['invalid_argument', 'unsupported', 'invalid_argument']);
    assert.notEqual(errors.bad, 'none');
  });
});
