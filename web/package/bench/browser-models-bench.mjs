#!/usr/bin/env node
// The on-device models in headless Chromium (playwright-core, /usr/bin/chromium
// or $GEMROLL_CHROMIUM, a COOP/COEP server on 127.0.0.1): per-model median
// inference ms with onnxruntime-web's wasm execution provider (1 thread) and
// with its WebGPU one, on the same photos, and what a first visit downloads
// (model files, ORT's module + wasm per provider). The only WebGPU adapter
// here is SwiftShader (a CPU software rasteriser): its figures say nothing
// about a real GPU, and the line says which adapter it was.
// Prints figures; never fails on them.
//   node bench/browser-models-bench.mjs [--photos N] [--no-webgpu]
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';

import { PACKAGE_DIR } from './common.mjs';
import { MODEL_FILES, ORT_FILES } from '../src/models.js';
import { CHROMIUM, launchChromium } from '../test/chromium.mjs';

const DATA = process.env.GEMROLL_DATA || resolve(PACKAGE_DIR, '../../../shared/data');
const arg = (name, d) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : d);
const PHOTOS = Number(arg('--photos', 4));
const WEBGPU = !process.argv.includes('--no-webgpu');
const require = createRequire(join(PACKAGE_DIR, 'package.json'));

if (!existsSync(CHROMIUM)) {
  console.error(`no ${CHROMIUM}`);
  process.exit(2);
}
let ortDist;
try {
  ortDist = dirname(require.resolve('onnxruntime-web'));
} catch {
  console.error('onnxruntime-web is not installed (npm ci in web/package)');
  process.exit(2);
}
if (!Object.values(MODEL_FILES).every((m) => existsSync(join(PACKAGE_DIR, 'models', m.file)))) {
  console.error('models not fetched (node models/fetch.mjs)');
  process.exit(2);
}

// Photos with faces and with text, first PHOTOS of them (the first one is a warm-up).
const photos = ['faces/face_recognition-misc/two_people.jpg', 'receipts/sroie/X00016469670.jpg',
  'faces/face_recognition-misc/obama3.jpg', 'documents/whiteboard/red_kneecap.input.jpg',
  'faces/photoprism-facecount/13.jpg', 'receipts/sroie/X00016469671.jpg']
  .map((p) => join(DATA, p)).filter(existsSync).slice(0, PHOTOS);

// The package at /, onnxruntime-web's dist at /ort/, photos at /photos/N.
const MIME = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = null;
  if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cross-Origin-Opener-Policy': 'same-origin',
                         'Cross-Origin-Embedder-Policy': 'require-corp' }).end('<!doctype html><title>models bench</title>');
    return;
  }
  if (path.startsWith('/ort/')) file = join(ortDist, normalize(path.slice(5)));
  else if (path.startsWith('/photos/')) file = photos[Number(path.slice(8))];
  else if (/^\/(src|wasm|models)\//.test(path)) file = join(PACKAGE_DIR, normalize(path));
  const ok = file && (file.startsWith(ortDist + sep) || file.startsWith(PACKAGE_DIR + sep) || photos.includes(file)) &&
    existsSync(file) && statSync(file).isFile();
  if (!ok) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': MIME[extname(file)] || 'application/octet-stream',
                       'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
                       'Cross-Origin-Resource-Policy': 'same-origin', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = require('playwright-core');
const browser = await launchChromium(chromium, { webgpu: true });
const page = await browser.newPage();
await page.goto(`${origin}/`);
const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

// One provider: a fresh ModelRunner in the page, every photo through both
// models, the first photo a warm-up (session creation, shader compilation).
async function measure(ep) {
  return page.evaluate(async ({ ep, n }) => {
    const { loadEngine } = await import('/src/index.js');
    const { ModelRunner, webgpuAdapter } = await import('/src/models.js');
    const engine = await loadEngine({ assetsBase: '/wasm/' });
    const runner = new ModelRunner(engine, { ortBase: '/ort/', executionProvider: ep });
    const out = { face: [], text: [], adapter: ep === 'webgpu' ? await webgpuAdapter() : null, unavailable: [] };
    for (let i = 0; i < n; i++) {
      const bytes = new Uint8Array(await (await fetch(`/photos/${i}`)).arrayBuffer());
      const r = await runner.run(bytes);
      out.provider = r.executionProvider;
      out.unavailable.push(...r.unavailable);
      if (i === 0) continue;
      if (r.timings.faceMs !== undefined) out.face.push(r.timings.faceMs);
      if (r.timings.textMs !== undefined) out.text.push(r.timings.textMs);
    }
    await runner.close();
    return out;
  }, { ep, n: photos.length });
}

console.log(`browser-models-bench: Chromium ${browser.version()}, ${photos.length} photos (first one a warm-up), ` +
  `${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`);
const wasm = await measure('wasm');
const gpu = WEBGPU ? await measure('webgpu') : null;
console.log('| model | input | wasm median ms | WebGPU median ms | WebGPU / wasm |');
console.log('| --- | --- | --- | --- | --- |');
const rows = [['blazeface-back-256', '256x256', 'face'], ['ppocr-v4-det', 'long side 512', 'text']];
const figures = {};
for (const [name, input, key] of rows) {
  const w = median(wasm[key]);
  const g = gpu ? median(gpu[key]) : NaN;
  figures[name] = { wasmMs: Math.round(w), webgpuMs: Math.round(g) };
  console.log(`| ${name} | ${input} | ${w.toFixed(0)} | ${gpu ? g.toFixed(0) : '-'} | ${gpu ? `${(g / w).toFixed(1)}x` : '-'} |`);
}
if (gpu) {
  const a = gpu.adapter || {};
  console.log(`WebGPU adapter: ${a.available ? `${a.description || 'unnamed'}${a.fallback ? ' (fallback adapter: SwiftShader, software)' : ''}` : `none (${a.reason})`}; ` +
    `provider used: ${gpu.provider}. A software adapter's figures are for correctness runs, not speed claims.`);
}
for (const u of [...wasm.unavailable, ...(gpu ? gpu.unavailable : [])]) console.log(`unavailable: ${u.model}: ${u.reason}`);

// What a first visit downloads (then Cache Storage / the service worker keep it).
console.log('\n| download (first use) | bytes |');
console.log('| --- | --- |');
const size = (f) => statSync(f).size;
const sizes = {};
for (const [name, m] of Object.entries(MODEL_FILES)) {
  sizes[name] = size(join(PACKAGE_DIR, 'models', m.file));
  console.log(`| model ${name} | ${mb(sizes[name])} |`);
}
for (const ep of ['wasm', 'webgpu']) {
  sizes[`ort-${ep}`] = ORT_FILES[ep].reduce((s, f) => s + size(join(ortDist, f)), 0);
  console.log(`| onnxruntime-web, ${ep} EP (${ORT_FILES[ep].join(' + ')}) | ${mb(sizes[`ort-${ep}`])} |`);
}
const defaultSet = sizes['blazeface-back-256'] + sizes['ppocr-v4-det'] + sizes['ort-wasm'];
console.log(`default set (wasm EP, both default models): ${mb(defaultSet)}`);
console.log(JSON.stringify({ bench: 'browser-models', photos: photos.length, inference: figures, bytes: sizes, defaultSet }));
await browser.close();
server.close();
