#!/usr/bin/env node
// 12-MP edit render in headless Chromium (playwright-core, /usr/bin/chromium
// or $GEMROLL_CHROMIUM, --enable-unsafe-webgpu): one real 4032x3024 photo,
// auto-enhance params + the film look, rendered
//  - in wasm (the SIMD build) with the render's scalar reference kernels and
//    with its SIMD128 kernels (the baseline, same run, same page);
//  - on WebGPU (src/gpu/render.js) from the engine's plan, upload and
//    read-back included, and the plan alone.
// Prints the adapter. SwiftShader (Chromium's fallback without a GPU) is a
// software rasteriser: its time is printed for completeness and is never a
// speed claim. Prints figures and ratios; never fails on them.
// Then (its own section below) a collage composed on the CPU and on WebGPU.
// Usage: node bench/gpu-bench.mjs [--reps N] [--photo PATH] [--no-collage]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../test/isolated-server.mjs';
import { DATA_DIR, WASM_DIR } from '../test/helpers.mjs';
import { CHROMIUM, launchChromium } from '../test/chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REPS = Number(arg('--reps', 3));
const PHOTO = arg('--photo', join(DATA_DIR, 'screenshots/photos-of-screens/20260120_155751.jpg'));

if (!existsSync(CHROMIUM)) {
  console.error(`no ${CHROMIUM} (apt-get install chromium, or set GEMROLL_CHROMIUM)`);
  process.exit(2);
}
if (!existsSync(join(WASM_DIR, 'gemroll-simd.wasm')) || !existsSync(PHOTO)) {
  console.error(`needs ${join(WASM_DIR, 'gemroll-simd.wasm')} (cmake --build build/wasm-simd --target gemroll_wasm) and ${PHOTO}`);
  process.exit(2);
}

const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const { chromium } = createRequire(import.meta.url)('playwright-core');
const browser = await launchChromium(chromium, { webgpu: true });
try {
  const page = await browser.newPage();
  await page.route(`${origin}/gpu-bench.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>gpu bench</title>' }));
  await page.goto(`${origin}/gpu-bench.html`);
  const bytes = readFileSync(PHOTO).toString('base64');
  const r = await page.evaluate(async ({ bytes, reps }) => {
    const gpu = await import('/src/gpu/render.js');
    const { default: create } = await import('/wasm/gemroll-simd.js');
    const module = await WebAssembly.compileStreaming(fetch('/wasm/gemroll-simd.wasm'));
    const engine = await create({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((i) => receive(i, module));
        return {};
      },
    });
    const raw = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([raw]));
    const w = bitmap.width;
    const h = bitmap.height;
    const ctx = new OffscreenCanvas(w, h).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const rgba = new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer);
    const auto = JSON.parse((engine.renderAutoParams(rgba, w, h)).json);
    auto.ops.push({ op: 'look', version: 1, params: { name: 'film', strength: 0.8 } });
    const params = JSON.stringify(auto);
    const median = async (fn, n) => {
      await fn();  // warm-up: JIT tiers, heap growth, pipeline compilation
      const t = [];
      for (let i = 0; i < n; i++) {
        const a = performance.now();
        await fn();
        t.push(performance.now() - a);
      }
      t.sort((x, y) => x - y);
      return t[t.length >> 1];
    };
    const out = { width: w, height: h, params, kernels: engine.renderKernels() };
    out.scalarMs = await median(() => (engine.renderRgba(rgba, w, h, params, 'scalar')), reps);
    out.simdMs = await median(() => (engine.renderRgba(rgba, w, h, params, 'simd')), reps);
    out.planMs = await median(() => (engine.renderPlan(rgba, w, h, params)), reps);
    const got = await gpu.requestRenderDevice();
    if (got) {
      const info = got.info;
      out.adapter = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown';
      out.fallback = !!got.adapter.isFallbackAdapter || /swiftshader/i.test(out.adapter);
      const renderer = new gpu.EditRenderer(got.device);
      const plan = (engine.renderPlan(rgba, w, h, params));
      out.gpuMs = await median(() => renderer.render(rgba, w, h, plan), Math.min(reps, out.fallback ? 2 : reps));
      const cpu = (engine.renderRgba(rgba, w, h, params, 'simd'));
      out.psnr = gpu.psnrRgb((await renderer.render(rgba, w, h, plan)).rgba, cpu.rgba);
    }
    return out;
  }, { bytes, reps: REPS });

  const f = (ms) => `${ms.toFixed(0).padStart(8)} ms`;
  console.log(`gpu-bench: ${r.width}x${r.height} (${((r.width * r.height) / 1e6).toFixed(1)} MP) ${PHOTO}`);
  console.log(`edit: ${r.params}`);
  console.log(`${availableParallelism()} cores, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; median of ${REPS} after a warm-up`);
  console.log(`wasm SIMD build, vector kernels: ${r.kernels}`);
  console.log(`  wasm render, scalar kernels (baseline)  ${f(r.scalarMs)}   1.00x`);
  console.log(`  wasm render, SIMD128 kernels            ${f(r.simdMs)}   ${(r.scalarMs / r.simdMs).toFixed(2)}x faster`);
  console.log(`  plan only (tables + guides)             ${f(r.planMs)}`);
  if (r.adapter === undefined) {
    console.log('WebGPU: no adapter in this browser');
  } else {
    console.log(`WebGPU adapter: ${r.adapter}${r.fallback ? ' — SOFTWARE (SwiftShader): not a speed figure' : ''}`);
    console.log(`  WebGPU render (upload, passes, read-back) ${f(r.gpuMs)}   ${(r.simdMs / r.gpuMs).toFixed(2)}x vs wasm SIMD${r.fallback ? ' (software adapter)' : ''}`);
    console.log(`  GPU vs CPU output PSNR: ${Number.isFinite(r.psnr) ? r.psnr.toFixed(1) + ' dB' : 'identical'}`);
  }
  console.log(JSON.stringify({ bench: 'gpu-edit', width: r.width, height: r.height, scalarMs: r.scalarMs, simdMs: r.simdMs, planMs: r.planMs, gpuMs: r.gpuMs ?? null, adapter: r.adapter ?? null, software: r.fallback ?? null, psnr: r.psnr ?? null }));

  // ---- collage composition: CPU (wasm) vs WebGPU (src/gpu/compose.js) ----
  // Six real photos, a 2048x1536 birthday mosaic (corners, confetti, title).
  // Baseline: the wasm compositor end to end (collageRgba: decode, layout,
  // SmartCrop, paint). The WebGPU path is the core's plan (the same decode,
  // layout and SmartCrop, plus the chrome) and the GPU's resample/mask/blend
  // with upload and read-back; the plan alone is printed so the painting's
  // share shows. Skip with --no-collage.
  if (!process.argv.includes('--no-collage')) {
    const COLLAGE_PHOTOS = [
      'blur/kwentar/106_NIKON-D3400-35MM_S.JPG', 'aesthetics/500px-popular/27870021.jpg',
      'faces/photoprism-facecount/1.jpg', 'camera/exif-samples/orientation/landscape_6.jpg',
      'general/kodak/kodim23.png', 'blur/kwentar/176_HONOR-7X_F.jpg',
    ].map((p) => join(DATA_DIR, p));
    if (!COLLAGE_PHOTOS.every((p) => existsSync(p))) {
      console.log(`collage: test photos missing under ${DATA_DIR}`);
    } else {
      const photos = COLLAGE_PHOTOS.map((p) => readFileSync(p).toString('base64'));
      const c = await page.evaluate(async ({ photos, reps }) => {
        const gpu = await import('/src/gpu/render.js');
        const { CollageCompositor } = await import('/src/gpu/compose.js');
        const { default: create } = await import('/wasm/gemroll-simd.js');
        const module = await WebAssembly.compileStreaming(fetch('/wasm/gemroll-simd.wasm'));
        const engine = await create({
          instantiateWasm(imports, receive) {
            WebAssembly.instantiate(module, imports).then((i) => receive(i, module));
            return {};
          },
        });
        const font = new Uint8Array(await (await fetch('/wasm/DejaVuSans-Bold.ttf')).arrayBuffer());
        const items = photos.map((b) => ({ bytes: Uint8Array.from(atob(b), (ch) => ch.charCodeAt(0)) }));
        const options = { layout: 'mosaic', theme: 'birthday', width: 2048, height: 1536, place: 'Lisbon', startDay: '2024-05-03' };
        const median = async (fn, n) => {
          await fn();
          const t = [];
          for (let i = 0; i < n; i++) {
            const a = performance.now();
            await fn();
            t.push(performance.now() - a);
          }
          t.sort((x, y) => x - y);
          return t[t.length >> 1];
        };
        const out = { photos: items.length, ...options };
        out.cpuMs = await median(() => (engine.collageRgba(items, options, font)), reps);
        out.planMs = await median(() => (engine.collageGpuPlan(items, options, font)), reps);
        const got = await gpu.requestRenderDevice();
        if (got) {
          const info = got.info;
          out.adapter = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown';
          out.fallback = !!got.adapter.isFallbackAdapter || /swiftshader/i.test(out.adapter);
          const compositor = new CollageCompositor(got.device);
          const plan = (engine.collageGpuPlan(items, options, font));
          out.composeMs = await median(() => compositor.compose(plan), reps);
          out.gpuMs = await median(async () => compositor.compose((engine.collageGpuPlan(items, options, font))), reps);
          const cpu = (engine.collageRgba(items, options, font));
          out.psnr = gpu.psnrRgb((await compositor.compose(plan)).rgba, cpu.rgba);
        }
        return out;
      }, { photos, reps: REPS });
      console.log(`collage: ${c.photos} photos, ${c.layout}/${c.theme} ${c.width}x${c.height}; median of ${REPS} after a warm-up`);
      console.log(`  wasm compositor end to end (baseline)   ${f(c.cpuMs)}   1.00x`);
      console.log(`  plan only (decode, layout, crops, chrome) ${f(c.planMs)}`);
      if (c.adapter === undefined) {
        console.log('  WebGPU: no adapter in this browser');
      } else {
        console.log(`  WebGPU adapter: ${c.adapter}${c.fallback ? ' — SOFTWARE (SwiftShader): not a speed figure' : ''}`);
        console.log(`  WebGPU compose (upload, passes, read-back) ${f(c.composeMs)}`);
        console.log(`  plan + WebGPU compose end to end         ${f(c.gpuMs)}   ${(c.cpuMs / c.gpuMs).toFixed(2)}x vs wasm${c.fallback ? ' (software adapter)' : ''}`);
        console.log(`  GPU vs CPU collage PSNR: ${Number.isFinite(c.psnr) ? c.psnr.toFixed(1) + ' dB' : 'identical'}`);
      }
      console.log(JSON.stringify({ bench: 'gpu-collage', width: c.width, height: c.height, photos: c.photos, cpuMs: c.cpuMs, planMs: c.planMs, composeMs: c.composeMs ?? null, gpuMs: c.gpuMs ?? null, adapter: c.adapter ?? null, software: c.fallback ?? null, psnr: c.psnr ?? null }));
    }
  }
} finally {
  await browser.close();
  server.close();
}
