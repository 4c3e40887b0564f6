// The app on a big camera roll in Debian's Chromium, as a person would run it
// (issue 16): a roll of N photos (hard links to the 16 12-MP JPEGs of
// web/package/bench's set, in folders of 1,000) picked through the folder
// input, with the app's defaults (models gated) unless told otherwise.
// Prints, per worker count: time to the first result (the first suggestions
// shown: provisional gems from the previews read so far, with their count),
// to the whole first look (every file's own preview, shown, with how many
// had one) and to done, photos/s, peak RSS of Chromium's processes above the
// figure before the scan, and the page thread's long tasks
// (PerformanceObserver 'longtask', with when each over 200 ms began relative
// to the scan). Figures only; never fails on them.
//   node web/app/build.mjs && node web/app/tools/roll-bench.mjs [--photos N] [--workers 1,2] [--models off]
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from '../server.mjs';
import { CHROMIUM, chromiumArgs } from '../../package/test/chromium.mjs';
import { benchSet } from '../../package/bench/common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PHOTOS = Number(arg('--photos', 1000));
const WORKERS = String(arg('--workers', '1,2')).split(',').map(Number);
const MODELS = arg('--models', 'gated');
const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) throw new Error('build the app first: node web/app/build.mjs');

// The roll: distinct names, the same 16 photos' bytes (like copying a phone's
// roll many times over: the engine analyses every file).
const set = benchSet();
const roll = mkdtempSync(join(tmpdir(), 'gemroll-roll-'));
for (let i = 0; i < PHOTOS; i++) {
  const dir = join(roll, `DCIM-${String(Math.floor(i / 1000)).padStart(2, '0')}`);
  if (i % 1000 === 0) mkdirSync(dir);
  linkSync(set[i % set.length], join(dir, `IMG_${String(i).padStart(5, '0')}.jpg`));
}

// Resident memory of every process of this Chromium (its profile directory
// is on each command line), in MiB.
function chromiumRssMiB(profile) {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(profile)) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      if (m) kib += Number(m[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return kib / 1024;
}

const { chromium } = createRequire(new URL('../package.json', import.meta.url))('playwright-core');
const server = await startServer({ root: dist });
const origin = `http://127.0.0.1:${server.address().port}`;
const rows = [];
try {
  for (const workers of WORKERS) {
    const profile = mkdtempSync(join(tmpdir(), 'gemroll-bench-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ['--headless', ...chromiumArgs()], viewport: { width: 1280, height: 900 },
    });
    try {
      const page = context.pages()[0] || (await context.newPage());
      await page.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push(e.duration), (window.__longAt ||= []).push([Math.round(e.startTime), Math.round(e.duration)]);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${origin}/?workers=${workers}${MODELS === 'off' ? '&models=off' : ''}`);
      await page.evaluate(() => window.gemrollApp && true);
      await page.waitForTimeout(1500);  // let the page settle before the baseline
      const before = chromiumRssMiB(profile);
      await page.evaluate(() => { window.__longTasks.length = 0; });
      let peak = before;
      const timer = setInterval(() => { peak = Math.max(peak, chromiumRssMiB(profile)); }, 500);
      const t0 = Date.now();
      await page.setInputFiles('#folder-input', roll);
      await page.waitForFunction(() => document.body.dataset.scan === 'done', null, { timeout: 3_600_000, polling: 1000 });
      clearInterval(timer);
      peak = Math.max(peak, chromiumRssMiB(profile));
      const wallS = (Date.now() - t0) / 1000;
      const r = await page.evaluate(() => ({ stats: window.gemrollApp.stats, workers: window.gemrollApp.gemroll.workers, longAt: window.__longAt,
                                             longTasks: window.__longTasks }));
      const long = r.longTasks;
      rows.push({
        workers: r.workers, photos: r.stats.total, done: r.stats.done,
        firstLookS: r.stats.firstLookMs === null ? null : r.stats.firstLookMs / 1000, previews: r.stats.previews,
        previewScanS: r.stats.previewMs / 1000,
        firstResultS: r.stats.firstResultMs / 1000, firstResultPhotos: r.stats.firstResultPhotos,
        firstResultGems: r.stats.firstResultGems, doneS: r.stats.totalMs / 1000, wallS,
        photosPerSecond: r.stats.total / (r.stats.totalMs / 1000),
        rssBeforeMiB: Math.round(before), rssPeakMiB: Math.round(peak), rssGrowthMiB: Math.round(peak - before),
        longTasks: long.length, longTasksOver200ms: long.filter((d) => d > 200).length,
        longestTaskMs: Math.round(long.length ? Math.max(...long) : 0),
        // [start ms after the scan began, duration ms] of each task over 200 ms
        tasksOver200ms: (r.longAt || []).filter(([, d]) => d > 200).map(([at, d]) => [Math.round(at - r.stats.startedAt), d]),
        suggestCalls: r.stats.suggestCalls, suggestS: r.stats.suggestMs / 1000,
      });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  server.close();
  rmSync(roll, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log(`app roll bench · ${PHOTOS} × 12-MP JPEG (16 distinct) · models ${MODELS} · host ${availableParallelism()} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${pad('workers', 9)}${lpad('first look s', 14)}${lpad('first s', 11)}${lpad('done s', 9)}${lpad('photos/s', 10)}${lpad('RSS before', 12)}${lpad('peak', 8)}${lpad('growth', 8)}${lpad('tasks>200ms', 13)}${lpad('longest ms', 12)}${lpad('suggest', 14)}`);
for (const r of rows) {
  const look = r.firstLookS === null ? 'none' : `${r.firstLookS.toFixed(1)} (${r.previews})`;
  console.log(`${pad(r.workers, 9)}${lpad(look, 14)}${lpad(`${r.firstResultS.toFixed(1)} (${r.firstResultGems})`, 11)}${lpad(r.doneS.toFixed(1), 9)}${lpad(r.photosPerSecond.toFixed(1), 10)}` +
    `${lpad(r.rssBeforeMiB, 12)}${lpad(r.rssPeakMiB, 8)}${lpad(r.rssGrowthMiB, 8)}${lpad(r.longTasksOver200ms, 13)}${lpad(r.longestTaskMs, 12)}` +
    `${lpad(`${r.suggestCalls}× ${r.suggestS.toFixed(1)} s`, 14)}`);
}
if (rows.length === 2) console.log(`2 workers / 1 worker: ${(rows[1].photosPerSecond / rows[0].photosPerSecond).toFixed(2)}×`);
console.log(JSON.stringify({ bench: 'gemroll-app-roll', photos: PHOTOS, models: MODELS, rows }));
