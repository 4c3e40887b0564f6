#!/usr/bin/env node
// Assembles the production web app in web/app/dist: the app's own files, the
// gemroll npm package as a user installs it (the files its package.json
// publishes) under vendor/gemroll, the embeddable demo under embed/, an
// optional sample roll under samples/, and a service worker whose precache
// list and cache name are derived from the exact bytes shipped. Any static
// host can serve dist/ (send the headers web/app/server.mjs sends).
//
//   node web/app/build.mjs [--out DIR] [--samples DIR]
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const APP = fileURLToPath(new URL('.', import.meta.url));
const WEB = join(APP, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = opt('--out', join(APP, 'dist'));
const samples = opt('--samples', process.env.GEMROLL_SAMPLES || '');

function walk(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) found.push(...walk(p));
    else if (e.isFile()) found.push(p);
  }
  return found.sort();
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. The app.
for (const f of walk(join(APP, 'src'))) {
  if (basename(f) === 'sw.js') continue;  // written below with its precache list
  const to = join(out, relative(join(APP, 'src'), f));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(f, to);
}

// 2. The package, as `npm pack` would publish it (its prepack step makes
// the gazetteer asset; so does this).
const pkgDir = join(WEB, 'package');
const { buildGazetteerAsset } = await import(pathToFileURL(join(pkgDir, 'scripts', 'gazetteer-asset.mjs')).href);
if (!buildGazetteerAsset()) console.warn('build: no gazetteer source (run scripts/setup.sh); moments will have no place names');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const vendor = join(out, 'vendor', 'gemroll');
mkdirSync(vendor, { recursive: true });
cpSync(join(pkgDir, 'package.json'), join(vendor, 'package.json'));
for (const entry of pkg.files) {
  const from = join(pkgDir, entry);
  if (!existsSync(from)) {
    if (/\.wasm$|gemroll-(simd|scalar)\.js$|limits\.js$/.test(entry)) {
      throw new Error(`${from} is missing: build the wasm engine first (cmake --build build/wasm-simd --target gemroll_wasm)`);
    }
    continue;
  }
  cpSync(from, join(vendor, entry), { recursive: true });
}
rmSync(join(vendor, 'bin'), { recursive: true, force: true });  // the CLI is for node

// Recaps' video muxer (the package's dependency mediabunny,
// MPL-2.0): its self-contained ES module bundle and licence, same-origin.
const mediabunny = join(pkgDir, 'node_modules', 'mediabunny');
if (existsSync(join(mediabunny, 'dist', 'bundles', 'mediabunny.min.mjs'))) {
  mkdirSync(join(out, 'vendor', 'mediabunny'), { recursive: true });
  cpSync(join(mediabunny, 'dist', 'bundles', 'mediabunny.min.mjs'), join(out, 'vendor', 'mediabunny', 'mediabunny.min.mjs'));
  cpSync(join(mediabunny, 'LICENSE'), join(out, 'vendor', 'mediabunny', 'LICENSE'));
} else {
  console.warn('build: web/package/node_modules/mediabunny is missing (cd web/package && npm ci); recaps will play but not export');
}

// 2b. onnxruntime-web for the on-device models, only the files they use (the
// wasm EP's ES module and wasm; the WebGPU build, fetched only when WebGPU
// is asked for), where node_modules would put them next to the package
// (vendor/onnxruntime-web/dist/), which is where the package looks by
// default. Neither these nor the model files are precached: the workers
// fetch them on first need (same origin) and keep them in Cache Storage.
const { ORT_FILES } = await import(pathToFileURL(join(pkgDir, 'src', 'models.js')).href);
let ortDist = null;
try {
  ortDist = dirname(createRequire(join(pkgDir, 'package.json')).resolve('onnxruntime-web'));
} catch {
  console.warn('build: onnxruntime-web is not installed in web/package (npm ci there); the app runs without models');
}
if (ortDist) {
  const ortOut = join(out, 'vendor', 'onnxruntime-web', 'dist');
  mkdirSync(ortOut, { recursive: true });
  for (const f of [...ORT_FILES.wasm, ...ORT_FILES.webgpu]) cpSync(join(ortDist, f), join(ortOut, f));
  const ortPkg = JSON.parse(readFileSync(join(ortDist, '..', 'package.json'), 'utf8'));
  writeFileSync(join(out, 'vendor', 'onnxruntime-web', 'package.json'),
    JSON.stringify({ name: ortPkg.name, version: ortPkg.version, license: ortPkg.license }, null, 1));
}

// 3. The embed.
const embedDir = join(WEB, 'embed', 'src');
if (existsSync(embedDir)) cpSync(embedDir, join(out, 'embed'), { recursive: true });

// 4. A sample roll to try the app without one's own photos (not precached).
if (samples && existsSync(samples)) {
  const files = walk(samples).map((f) => relative(samples, f).split('\\').join('/'));
  cpSync(samples, join(out, 'samples'), { recursive: true });
  writeFileSync(join(out, 'samples', 'manifest.json'), JSON.stringify({ files }, null, 1));
}

// 5. The service worker: every shipped file except samples, keyed by a hash
// of all their bytes so a new build replaces the old cache.
const shipped = walk(out).map((f) => relative(out, f).split('\\').join('/'))
  .filter((p) => !p.startsWith('samples/'));
// Fetched on first need, not at install (41 MB of ORT, 6 MB of models).
const lazy = (p) => p.startsWith('vendor/onnxruntime-web/') || p.startsWith('vendor/gemroll/models/');
const h = createHash('sha256');
for (const p of shipped) h.update(p).update(readFileSync(join(out, p)));
const version = h.digest('hex').slice(0, 12);
const precache = ['./', ...shipped.filter((p) => p !== 'index.html' && !lazy(p))];
const sw = readFileSync(join(APP, 'src', 'sw.js'), 'utf8')
  .replace('__VERSION__', version)
  .replace('[/* __PRECACHE__ */]', JSON.stringify(precache, null, 1));
writeFileSync(join(out, 'sw.js'), sw);

let bytes = 0;
for (const f of walk(out)) bytes += statSync(f).size;
let lazyBytes = 0;
for (const p of shipped.filter(lazy)) lazyBytes += statSync(join(out, p)).size;
console.log(`web app built in ${out} (${shipped.length} files, ${(bytes / 1048576).toFixed(1)} MiB, version ${version}; ` +
  `${(lazyBytes / 1048576).toFixed(1)} MiB of models and onnxruntime-web loaded on first need, not precached)`);
