#!/usr/bin/env node
// Browser benchmark of the package (issue 4), in headless Chromium driven by
// playwright-core (the recipe of test/browser.test.mjs: /usr/bin/chromium or
// $GEMROLL_CHROMIUM, a COOP/COEP server on 127.0.0.1). The 12-MP set (16
// files repeated to 48 photos) goes into <input type=file multiple>; the page
// (bench/page/) times, in one page run:
//  - the package's scan() with 1 and with 2 workers;
//  - the baseline in ONE worker: createImageBitmap(file) at full size +
//    OffscreenCanvas getImageData + JS Laplacian variance + JS dHash;
//  - the same baseline decoding straight to 504×378 with
//    createImageBitmap(file, {resizeWidth, resizeHeight}).
// Prints figures and ratios; never fails on them.
// Usage: node bench/browser-bench.mjs [--repeat N]
import { copyFileSync, existsSync, linkSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { PACKAGE_DIR, benchSet, round } from './common.mjs';
import { startServer } from '../test/isolated-server.mjs';
import { CHROMIUM, chromiumArgs } from '../test/chromium.mjs';

const i = process.argv.indexOf('--repeat');
const REPEAT = i > 0 ? Number(process.argv[i + 1]) : 3;
const RESIZE = { width: 504, height: 378 };

if (!existsSync(CHROMIUM)) {
  console.error(`no ${CHROMIUM} (apt-get install chromium, or set GEMROLL_CHROMIUM)`);
  process.exit(2);
}

const temps = [];
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};


// 48 distinct names for the 16 files (hard links, else copies).
const setFiles = benchSet();
const setDir = tempDir('gemroll-bench-browser-set-');
const inputs = [];
for (let r = 0; r < REPEAT; r++) {
  for (const f of setFiles) {
    const dst = join(setDir, `r${r}_${basename(f)}`);
    try {
      linkSync(f, dst);
    } catch {
      copyFileSync(f, dst);
    }
    inputs.push(dst);
  }
}

const { chromium } = await import('playwright-core');
const server = await startServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const context = await chromium.launchPersistentContext(tempDir('gemroll-bench-chromium-profile-'), {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', ...chromiumArgs()],
  timeout: 60_000,
});
const results = {};
let info;
try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(300_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${origin}/bench/page/index.html`);
  await page.waitForFunction(() => typeof window.benchPackage === 'function');
  await page.setInputFiles('#files', inputs);
  info = await page.evaluate(() => window.benchInfo());
  if (info.files !== inputs.length) throw new Error(`the input holds ${info.files} files, not ${inputs.length}`);

  results.package1 = await page.evaluate((w) => window.benchPackage(w), 1);
  results.package2 = await page.evaluate((w) => window.benchPackage(w), 2);
  results.rescan = await page.evaluate((w) => window.benchRescan(w), 2);
  results.baselineFull = await page.evaluate((r) => window.benchBaseline(r), null);
  results.baselineResized = await page.evaluate((r) => window.benchBaseline(r), RESIZE);
  for (const [k, v] of Object.entries(results)) if (v.error) throw new Error(`${k}: ${JSON.stringify(v.error)}`);
  if (results.package1.ok !== inputs.length || results.package2.ok !== inputs.length) {
    throw new Error(`package scans: ${results.package1.ok} and ${results.package2.ok} of ${inputs.length} ok`);
  }
  if (pageErrors.length) throw new Error(`page errors: ${pageErrors.join('; ')}`);
} finally {
  await context.close();
  await new Promise((resolve) => server.close(resolve));
}

// The resized variant counts only if Chromium honoured resizeWidth/Height.
const resizedSample = results.baselineResized.sample;
const resizeSupported = resizedSample.width === RESIZE.width && resizedSample.height === RESIZE.height;
const p1 = results.package1.photosPerSecond;
const p2 = results.package2.photosPerSecond;
const bFull = results.baselineFull.photosPerSecond;
const bResized = results.baselineResized.photosPerSecond;

const chromeVersion = (info.userAgent.match(/Chrome\/([\d.]+)/) || [])[1] || '?';
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`Chromium ${chromeVersion} (headless) · gemroll ${results.package1.variant} · crossOriginIsolated ${info.crossOriginIsolated} · hardwareConcurrency ${info.hardwareConcurrency} · host ${availableParallelism()} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`12-MP set: ${setFiles.length} files × ${REPEAT} = ${inputs.length} photos as File objects from <input type=file multiple>`);
console.log('');
console.log(`${pad('run', 52)}${lpad('photos', 8)}${lpad('seconds', 10)}${lpad('photos/s', 10)}`);
const row = (label, r) =>
  console.log(`${pad(label, 52)}${lpad(r.photos, 8)}${lpad(r.seconds.toFixed(2), 10)}${lpad(r.photosPerSecond.toFixed(2), 10)}`);
row('gemroll scan(), 1 worker', results.package1);
row('gemroll scan(), 2 workers', results.package2);
row('gemroll rescan, 2 workers, IndexedDB cache: cold', results.rescan.cold);
row('gemroll rescan, 2 workers, IndexedDB cache: warm', results.rescan.warm);
row('baseline, 1 worker: createImageBitmap full size', results.baselineFull);
row(`baseline, 1 worker: createImageBitmap → ${RESIZE.width}×${RESIZE.height}${resizeSupported ? '' : ' (NOT honoured)'}`, results.baselineResized);
console.log('');
console.log(`package 1 worker / baseline full size:   ${(p1 / bFull).toFixed(2)}×  (target ≥ 4× per core)`);
console.log(`package 1 worker / baseline resized:     ${(p1 / bResized).toFixed(2)}×${resizeSupported ? '' : '  (resize not honoured: this is full size)'}`);
console.log(`package 2 workers / 1 worker:            ${(p2 / p1).toFixed(2)}×  (target ≥ 1.8×; read it against the core count and load above)`);
console.log(`IndexedDB rescan warm/cold speed-up:      ${(results.rescan.cold.seconds / results.rescan.warm.seconds).toFixed(1)}×  (engine calls: cold ${results.rescan.cold.engineCalls}, warm ${results.rescan.warm.engineCalls})`);
console.log(`baseline sample (full): ${JSON.stringify(results.baselineFull.sample)}`);

console.log(JSON.stringify({
  bench: 'gemroll-browser',
  chromium: chromeVersion,
  variant: results.package1.variant,
  crossOriginIsolated: info.crossOriginIsolated,
  cores: availableParallelism(),
  loadavg1: round(loadavg()[0]),
  photos12mp: inputs.length,
  package1WorkerPhotosPerSecond: round(p1),
  package2WorkersPhotosPerSecond: round(p2),
  baselineFullPhotosPerSecond: round(bFull),
  baselineResizedPhotosPerSecond: round(bResized),
  resizeSupported,
  package1VsBaselineFull: round(p1 / bFull),
  package1VsBaselineResized: round(p1 / bResized),
  scaling1to2: round(p2 / p1),
  idbRescanSpeedup: round(results.rescan.cold.seconds / results.rescan.warm.seconds),
  idbRescanWarmEngineCalls: results.rescan.warm.engineCalls,
}));
