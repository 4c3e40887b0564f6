// Face detection accuracy and model-stage time on ../shared/data/faces.
//
//   node bench/face-eval.mjs [DATA_DIR]        (default $GEMROLL_DATA or ../../../shared/data)
//
// Boxes: the dlib imglab XML (training.xml + testing.xml, 9 PASCAL VOC group
// photos, 43 faces); a detection matches a labelled face at IoU >= 0.4
// (greedy, best IoU first). Counts: PhotoPrism's face-count photos (their
// detector's expectations, not human truth: see labels.csv notes) as "has a
// face" agreement. Time: median per photo of the model stage (tensor prep in
// wasm + ORT inference + decoding) in this thread, wasm EP, 1 thread.
// Prints figures; not a pass/fail test (test/models.test.mjs checks sanity).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/index.js';
import { MODEL_FILES, ModelRunner } from '../src/models.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const data = resolve(process.argv[2] || process.env.GEMROLL_DATA || join(here, '../../../../shared/data'));
const faces = join(data, 'faces');
const IOU = 0.4;

if (!existsSync(join(here, '../models', MODEL_FILES['blazeface-front-128'].file))) {
  console.log('face-eval: models not fetched (run `node models/fetch.mjs`); nothing to measure');
  process.exit(0);
}
if (!existsSync(faces)) {
  console.log(`face-eval: no ${faces}; nothing to measure`);
  process.exit(0);
}

function parseImglab(xml) {
  const out = new Map();
  for (const m of xml.matchAll(/<image file='([^']+)'[^>]*>([\s\S]*?)<\/image>/g)) {
    const boxes = [...m[2].matchAll(/<box top='(-?\d+)' left='(-?\d+)' width='(\d+)' height='(\d+)'/g)].map(
      (b) => ({ x: +b[2], y: +b[1], width: +b[3], height: +b[4] }));
    out.set(m[1], boxes);
  }
  return out;
}

function iou(a, b) {
  const ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = ix * iy;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

// True positives of a greedy one-to-one matching at IoU >= IOU.
function matches(truth, found) {
  const pairs = [];
  truth.forEach((t, i) => found.forEach((f, j) => {
    const v = iou(t, f);
    if (v >= IOU) pairs.push([v, i, j]);
  }));
  pairs.sort((a, b) => b[0] - a[0]);
  const ti = new Set();
  const fj = new Set();
  for (const [, i, j] of pairs) {
    if (ti.has(i) || fj.has(j)) continue;
    ti.add(i);
    fj.add(j);
  }
  return ti.size;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const f2 = (x) => x.toFixed(2);

const labels = new Map([
  ...parseImglab(readFileSync(join(faces, 'dlib-pascal/training.xml'), 'latin1')),
  ...parseImglab(readFileSync(join(faces, 'dlib-pascal/testing.xml'), 'latin1')),
]);
const counts = readFileSync(join(faces, 'photoprism-facecount/labels.csv'), 'utf8').trim().split('\n').slice(1)
  .map((line) => line.split(',')).map(([file, n]) => ({ file, expected: +n }));

const engine = await loadEngine({ variant: 'auto' });
const sizes = Object.entries(MODEL_FILES).map(([name, m]) =>
  `${name} ${(readFileSync(join(here, '../models', m.file)).length / 1e6).toFixed(2)} MB`);
console.log(`face-eval: ${data}; engine ${engine.variant}; model files: ${sizes.join(', ')}`);

// mediapipe-full-range: the group-shot detector converted from TF.js
// (models/convert-tfjs.mjs); attributes (eyes, smile) off: bench/eyes-eval.mjs
// times those.
for (const model of ['blazeface-front-128', 'blazeface-back-256', 'mediapipe-full-range']) {
  const runner = new ModelRunner(engine);
  // Warm-up: session creation and the first inference's allocations are
  // not per-photo costs.
  await runner.run(readFileSync(join(faces, 'dlib-pascal/dogs.jpg')), { face: model, text: false, attributes: false });
  let truthN = 0;
  let foundN = 0;
  let tp = 0;
  const stageMs = [];
  const inferMs = [];
  for (const [file, truth] of labels) {
    const t0 = performance.now();
    const r = await runner.run(readFileSync(join(faces, 'dlib-pascal', file)), { face: model, text: false, attributes: false });
    stageMs.push(performance.now() - t0);
    inferMs.push(r.timings.faceMs);
    if (r.unavailable.length) throw new Error(JSON.stringify(r.unavailable));
    const found = r.faces.map((f) => f.box);
    truthN += truth.length;
    foundN += found.length;
    tp += matches(truth, found);
  }
  let agree = 0;
  let withFace = 0;
  let withFaceFound = 0;
  let noFace = 0;
  let noFaceClean = 0;
  for (const { file, expected } of counts) {
    const t0 = performance.now();
    const r = await runner.run(readFileSync(join(faces, 'photoprism-facecount', file)), { face: model, text: false, attributes: false });
    stageMs.push(performance.now() - t0);
    inferMs.push(r.timings.faceMs);
    const n = r.faces.length;
    if (expected > 0) {
      withFace++;
      if (n > 0) withFaceFound++;
    } else {
      noFace++;
      if (n === 0) noFaceClean++;
    }
    if ((n > 0) === (expected > 0)) agree++;
  }
  console.log(`${model}: dlib boxes (${labels.size} photos, ${truthN} faces) IoU>=${IOU}: ` +
    `recall ${f2(tp / truthN)} (${tp}/${truthN}), precision ${f2(foundN ? tp / foundN : 1)} (${tp}/${foundN})`);
  console.log(`${model}: photoprism has-a-face agreement ${agree}/${counts.length}; ` +
    `expected faces found in ${withFaceFound}/${withFace}, no-face photos clean ${noFaceClean}/${noFace}`);
  console.log(`${model}: median model stage ${f2(median(stageMs))} ms/photo (inference ${f2(median(inferMs))} ms), ` +
    `${stageMs.length} photos, node wasm 1 thread`);
  await runner.close();
}

// Text detector on the same photos (none are documents): median stage time.
const runner = new ModelRunner(engine);
await runner.run(readFileSync(join(faces, 'dlib-pascal/dogs.jpg')), { face: false });
for (const side of [320, 512]) {
  const ms = [];
  for (const file of labels.keys()) {
    const r = await runner.run(readFileSync(join(faces, 'dlib-pascal', file)), { face: false, textMaxSide: side });
    ms.push(r.timings.textMs + r.timings.prepareMs + r.timings.textDecodeMs);
  }
  console.log(`ppocr-v4-det at long side ${side}: median text stage ${f2(median(ms))} ms/photo`);
}
await runner.close();
