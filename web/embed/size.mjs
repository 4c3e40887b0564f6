#!/usr/bin/env node
// The embed's download size: the bytes a first visit fetches, raw and gzipped
// (node:zlib, default level 6, as a typical static host compresses).
//
//   node web/embed/size.mjs [--dist DIR] [--variant simd|scalar] [--json]
//
// Two moments: the page loads (the embed module, and the sample list where
// samples are served), and the first scan (the package's modules the embed
// imports, the worker's modules, the engine's glue and the .wasm of the
// variant chosen: SIMD on every current browser). The module lists are read
// from the sources' import statements, so they follow the code. The gazetteer
// (place names) is not fetched: the embed curates with `gazetteer: false`.
// Measured on the repository (web/embed/src, web/package) unless --dist names
// a built web/app/dist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dist = opt('--dist', null);
const variant = opt('--variant', 'simd');
const asJson = args.includes('--json');

// Where each served folder lives: a dist, or the repository's sources.
const root = dist
  ? { embed: join(dist, 'embed'), pkg: join(dist, 'vendor', 'gemroll'), samples: join(dist, 'samples') }
  : { embed: join(REPO, 'web', 'embed', 'src'), pkg: join(REPO, 'web', 'package'), samples: null };

// Relative static imports (import/export ... from '...', import '...') of a module.
function staticImports(file) {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  const re = /(?:^|[;\s])(?:import|export)\s+(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (let m; (m = re.exec(src));) found.push(resolve(dirname(file), m[1]));
  return found;
}

// The module graph from `entry`, in the order a browser discovers it.
function graph(entry, seen = new Set()) {
  const out = [];
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    out.push(f);
    for (const g of staticImports(f)) visit(g);
  };
  visit(entry);
  return out;
}

const embedModule = join(root.embed, 'gemroll-demo.js');
const embedSrc = readFileSync(embedModule, 'utf8');
// The package entry the embed imports when a scan starts.
const pkgRel = /new URL\('\.\.\/vendor\/gemroll\/(src\/[^']+)'/.exec(embedSrc);
if (!pkgRel) throw new Error('gemroll-demo.js: cannot find the package import');
const pkgEntry = join(root.pkg, pkgRel[1]);

const rows = [];
const add = (file, phase, what) => {
  const bytes = readFileSync(file);
  rows.push({ file: relative(dist || REPO, file) || file, phase, what, raw: bytes.length, gzip: gzipSync(bytes).length });
};

add(embedModule, 'page load', 'embed module');
if (root.samples && existsSync(join(root.samples, 'manifest.json'))) {
  add(join(root.samples, 'manifest.json'), 'page load', 'sample list');
}
const mainSeen = new Set();
for (const f of graph(pkgEntry, mainSeen)) add(f, 'first scan', 'package module');
// The worker is its own realm and fetches its module graph again. With
// web/app/server.mjs (Cache-Control: no-cache, no validators) the modules it
// shares with the page are downloaded a second time, so they count twice
// (a host that sends ETags answers them with 304s instead).
for (const f of graph(join(root.pkg, 'src', 'worker.js'), new Set())) {
  add(f, 'first scan', mainSeen.has(f) ? 'worker module (again)' : 'worker module');
}
add(join(root.pkg, 'wasm', `gemroll-${variant}.js`), 'first scan', `engine glue (${variant})`);
add(join(root.pkg, 'wasm', `gemroll-${variant}.wasm`), 'first scan', `engine wasm (${variant})`);

const sum = (list, k) => list.reduce((n, r) => n + r[k], 0);
const load = rows.filter((r) => r.phase === 'page load');
const scan = rows.filter((r) => r.phase === 'first scan');
const totals = {
  pageLoad: { raw: sum(load, 'raw'), gzip: sum(load, 'gzip') },
  firstScan: { raw: sum(scan, 'raw'), gzip: sum(scan, 'gzip') },
  total: { raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip') },
};

if (asJson) {
  console.log(JSON.stringify({ variant, rows, totals }, null, 1));
} else {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const w = Math.max(...rows.map((r) => r.file.length), 24);
  const line = (a, b, c, d) => `${a.padEnd(w)}  ${b.padEnd(22)}  ${c.padStart(11)}  ${d.padStart(11)}`;
  console.log(line('file', 'what', 'raw', 'gzip'));
  console.log(line('-'.repeat(w), '-'.repeat(22), '-'.repeat(11), '-'.repeat(11)));
  for (const r of rows) console.log(line(r.file, `${r.what}`, kib(r.raw), kib(r.gzip)));
  console.log(line('-'.repeat(w), '-'.repeat(22), '-'.repeat(11), '-'.repeat(11)));
  console.log(line('on page load', `${load.length} file${load.length === 1 ? '' : 's'}`, kib(totals.pageLoad.raw), kib(totals.pageLoad.gzip)));
  console.log(line('on the first scan', `${scan.length} files`, kib(totals.firstScan.raw), kib(totals.firstScan.gzip)));
  console.log(line('total, first visit', `${rows.length} files`, kib(totals.total.raw), kib(totals.total.gzip)));
}
