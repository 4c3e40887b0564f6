#!/usr/bin/env node
// Node benchmark of the package (issue 4). Prints figures, never fails on them:
//  - photos/s of g.scan() over the 12-MP JPEG set (16 files repeated to 48
//    photos, fed as {name, data} so no disk reads are timed), cache off, with
//    1 and 2 workers, and the 1→2 worker scaling;
//  - a rescan: a 1,000-file folder of small real JPEGs (hard links, else
//    copies, of /work/shared/data files) scanned cold with the scan cache on
//    (a temp cache file) and again warm; warm/cold speed-up.
// Usage: node bench/node-bench.mjs [--repeat N] [--rescan-files N] [--rescan-set 12mp|corpus]
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { Gemroll } from '../src/index.js';
import { DATA_DIR, benchSet, round } from './common.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const REPEAT = arg('--repeat', 3);
const RESCAN_FILES = arg('--rescan-files', 1000);
// The rescan folder: hard links of the 12-MP set (a camera roll; default) or
// of the corpus's small JPEGs (`--rescan-set corpus`: cheap cold scans, so the
// ratio is a lower bound).
const RESCAN_SET = process.argv.includes('--rescan-set') ? process.argv[process.argv.indexOf('--rescan-set') + 1] : '12mp';
const RESCAN_WORKERS = 2;

const temps = [];
process.on('exit', () => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
// Keep any default cache file out of the user's cache folder.
process.env.XDG_CACHE_HOME = tempDir('gemroll-bench-xdg-');

async function drain(iterable) {
  let ok = 0;
  let failed = 0;
  let cached = 0;
  for await (const r of iterable) {
    if (r.ok) ok++;
    else failed++;
    if (r.cached) cached++;
  }
  return { ok, failed, cached };
}

async function timeScan(g, input, options) {
  const t0 = performance.now();
  const counts = await drain(g.scan(input, options));
  return { seconds: (performance.now() - t0) / 1000, ...counts };
}

// --- 12-MP throughput -------------------------------------------------------
const setFiles = benchSet();
const setBytes = setFiles.map((f) => new Uint8Array(readFileSync(f)));
const inputs = [];
for (let r = 0; r < REPEAT; r++) {
  setFiles.forEach((f, i) => inputs.push({ name: `r${r}/${basename(f)}`, data: setBytes[i] }));
}
const megabytes = setBytes.reduce((s, b) => s + b.byteLength, 0) * REPEAT / 1048576;

const throughput = {};
let variant = null;
let version = null;
for (const workers of [1, 2]) {
  const g = await Gemroll.create({ workers });
  variant = g.variant;
  version = g.version;
  try {
    // Warm-up: compile tiers, grow the wasm heaps to 12-MP size in every worker.
    await drain(g.scan(inputs.slice(0, 2 * workers), { cache: false }));
    const t = await timeScan(g, inputs, { cache: false });
    if (t.ok !== inputs.length) throw new Error(`${t.failed} of ${inputs.length} 12-MP photos failed`);
    throughput[workers] = { photos: inputs.length, seconds: t.seconds, photosPerSecond: inputs.length / t.seconds };
  } finally {
    await g.close();
  }
}
const scaling = throughput[2].photosPerSecond / throughput[1].photosPerSecond;

// --- rescan of a 1,000-file folder ------------------------------------------
function smallJpegs() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.jpe?g$/i.test(e.name)) {
        const size = statSync(p).size;
        if (size > 4096 && size < 400 * 1024) out.push(p);
      }
    }
  };
  walk(DATA_DIR);
  return out.sort();
}

const sources = RESCAN_SET === 'corpus' ? smallJpegs() : setFiles;
if (!sources.length) throw new Error(`no small JPEGs under ${DATA_DIR}`);
const folder = join(tempDir('gemroll-bench-rescan-'), 'roll');
let linked = 0;
for (let i = 0; i < RESCAN_FILES; i++) {
  const sub = join(folder, `d${String(Math.floor(i / 100)).padStart(2, '0')}`);
  if (i % 100 === 0) mkdirSync(sub, { recursive: true });
  const src = sources[i % sources.length];
  const dst = join(sub, `${String(i).padStart(4, '0')}-${basename(src)}`);
  try {
    linkSync(src, dst);
    linked++;
  } catch {
    copyFileSync(src, dst);
  }
}
const folderBytes = sources.length
  ? Array.from({ length: RESCAN_FILES }, (_, i) => statSync(sources[i % sources.length]).size).reduce((a, b) => a + b, 0)
  : 0;
const cacheFile = join(tempDir('gemroll-bench-cache-'), 'scan-cache.json');

const g = await Gemroll.create({ workers: RESCAN_WORKERS });
let cold;
let warm;
try {
  cold = await timeScan(g, folder, { cache: cacheFile });
  const analysedCold = g.analysed;
  warm = await timeScan(g, folder, { cache: cacheFile });
  warm.engineCalls = g.analysed - analysedCold;
  cold.engineCalls = analysedCold;
} finally {
  await g.close();
}
const cacheBytes = statSync(cacheFile).size;

// --- report ---------------------------------------------------------------
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const cpuModel = (cpus()[0] && cpus()[0].model) || '?';
console.log(`gemroll ${version} (${variant}) · node ${process.version} · ${availableParallelism()} cores (${cpuModel}) · load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`12-MP set: ${setFiles.length} files × ${REPEAT} = ${inputs.length} photos (${megabytes.toFixed(0)} MiB), cache off`);
console.log('');
console.log(`${pad('run', 34)}${lpad('photos', 8)}${lpad('seconds', 10)}${lpad('photos/s', 10)}`);
for (const w of [1, 2]) {
  const t = throughput[w];
  console.log(`${pad(`scan 12 MP, ${w} worker${w > 1 ? 's' : ''}`, 34)}${lpad(t.photos, 8)}${lpad(t.seconds.toFixed(2), 10)}${lpad(t.photosPerSecond.toFixed(2), 10)}`);
}
console.log(`${pad(`rescan cold (${RESCAN_WORKERS} workers, cache on)`, 34)}${lpad(RESCAN_FILES, 8)}${lpad(cold.seconds.toFixed(2), 10)}${lpad((RESCAN_FILES / cold.seconds).toFixed(1), 10)}`);
console.log(`${pad(`rescan warm (${RESCAN_WORKERS} workers, cache on)`, 34)}${lpad(RESCAN_FILES, 8)}${lpad(warm.seconds.toFixed(2), 10)}${lpad((RESCAN_FILES / warm.seconds).toFixed(1), 10)}`);
console.log('');
console.log(`1→2 worker scaling: ${scaling.toFixed(2)}×  (target ≥ 1.8×; read it against the core count and load above)`);
console.log(`rescan warm/cold speed-up: ${(cold.seconds / warm.seconds).toFixed(1)}×  (cold: ${cold.engineCalls} engine calls, ${cold.ok} ok / ${cold.failed} failed; warm: ${warm.engineCalls} engine calls, ${warm.cached} cached; ${(folderBytes / 1048576).toFixed(0)} MiB folder from ${sources.length} distinct ${RESCAN_SET === 'corpus' ? 'corpus' : '12-MP'} JPEGs, ${linked} hard links; cache file ${(cacheBytes / 1048576).toFixed(1)} MiB)`);

const json = {
  bench: 'gemroll-node',
  version,
  variant,
  node: process.version,
  cores: availableParallelism(),
  loadavg1: round(loadavg()[0]),
  photos12mp: inputs.length,
  photosPerSecond1Worker: round(throughput[1].photosPerSecond),
  photosPerSecond2Workers: round(throughput[2].photosPerSecond),
  scaling1to2: round(scaling),
  rescanFiles: RESCAN_FILES,
  rescanColdSeconds: round(cold.seconds, 3),
  rescanWarmSeconds: round(warm.seconds, 3),
  rescanWarmEngineCalls: warm.engineCalls,
  rescanSpeedup: round(cold.seconds / warm.seconds, 1),
};
console.log(JSON.stringify(json));
