// Model-stage cost per candidate photo (issue 6): what the on-device models
// add to a photo that survives the cheap pass, in node, wasm EP, 1 ORT
// thread, one engine in this thread (as one package worker does it).
//
//   node bench/model-stage-bench.mjs [--reps N] [--data DIR] [--json]
//
// The set: 40 fixed photos from ../shared/data across faces/, general/,
// receipts/, documents/ and screenshots/ (SET below). Per photo, as the
// workers do (worker.js runModels): the cheap analysis (analyzePhoto), the
// classical verdict and the gate (gateModels); a photo the gate leaves at
// least one model for is a candidate, and its model stage is
// ModelRunner.run() with the gate's choice (tensor prep from the cheap
// pass's kept decode, or a new decode where that is too small, inference,
// post-processing, face attributes), plus the verdict remade from the
// evidence when it can change it (rejudgeKept on the kept analysis;
// `re-verdict`, printed apart: it is the core's verdict stage, not model
// work). Each photo is timed --reps times (default 3), cheap
// and model stage interleaved, and its fastest run kept (the box is noisy;
// the minimum is the least disturbed). The same-run baseline is the cheap
// analysis of the same candidates: the ratio is what models cost relative
// to it, comparable across machines and loads where plain ms are not.
//
// Prints a table, then one JSON line. Not a pass/fail test.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadEngine } from '../src/index.js';
import { DEFAULT_FACE_MODEL, MODEL_FILES, ModelRunner, ORT_FILES, evidenceMatters, engineEvidence, gateModels } from '../src/models.js';
import { DATA_DIR, PACKAGE_DIR } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const reps = Math.max(1, Number(opt('--reps', 3)) || 3);
const data = resolve(opt('--data', DATA_DIR));
const modelsDir = join(PACKAGE_DIR, 'models');

// 40 photos: group shots and portraits (faces/), camera photos with and
// without people (general/), receipts and documents (photographed and
// scanned, up to 35 MP), screenshots and photos of screens.
const SET = [
  ...['2007_007763', '2008_001009', '2008_001322', '2008_002079', '2008_002470', '2008_002506', '2008_004176',
    '2008_007676', '2009_004587', 'Tom_Cruise_avp_2014_4', 'bald_guys', 'dogs'].map((f) => `faces/dlib-pascal/${f}.jpg`),
  ...['1', '2', '5', '8', '12', '17'].map((f) => `faces/photoprism-facecount/${f}.jpg`),
  'faces/face_recognition-misc/obama3.jpg',
  'faces/face_recognition-misc/two_people.jpg',
  'faces/face_recognition-identities/test/obama_and_biden.jpg',
  'faces/face_recognition-identities/test/alex_lacamoire1.jpg',
  'general/kodak/kodim04.png',
  'general/kodak/kodim05.png',
  'general/kodak/kodim23.png',
  'general/photoprism-labelled/clowns_colorful.jpg',
  'general/photoprism-labelled/beach_sand.jpg',
  'general/photoprism-labelled/cat_black.jpg',
  'receipts/phone-photos/receipt.jpg',
  'receipts/sroie/X00016469670.jpg',
  'receipts/sroie/X51005200931.jpg',
  'receipts/sroie/X51005361906.jpg',
  'receipts/sroie/X51005444041.jpg',
  'receipts/sroie/X51007846283.jpg',
  'documents/doc-scanner-photos/desk.JPG',
  'documents/doc-scanner-photos/notepad.JPG',
  'documents/doc-scanner-photos/tax.jpeg',
  'documents/whiteboard/red_kneecap.input.jpg',
  'screenshots/android-phone/16arpi_1.png',
  'screenshots/photos-of-screens/20260115_153409.jpg',
  'screenshots/screenshotscanner-desktop/Screenshot_2026-01-20_162715.jpg',
  'screenshots/photoprism/screenshot.png',
];

if (!Object.values(MODEL_FILES).every((m) => existsSync(join(modelsDir, m.file)))) {
  console.log('model-stage-bench: models not fetched (run `node models/fetch.mjs`); nothing to measure');
  process.exit(0);
}
const photos = SET.filter((rel) => existsSync(join(data, rel)));
if (photos.length < SET.length / 2) {
  console.log(`model-stage-bench: only ${photos.length} of ${SET.length} photos under ${data}; nothing to measure`);
  process.exit(0);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(s.length - 1, lo + 1)] - s[lo]) * (at - lo);
};
const median = (xs) => quantile(xs, 0.5);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');

// Stage names of ModelRunner.run()'s timings, in pipeline order.
const STAGES = [
  ['prepareMs', 'decode + face/text tensors'],
  ['faceMs', 'face detector inference'],
  ['faceDecodeMs', 'face anchors + NMS'],
  ['cropMs', 'attribute crops'],
  ['meshMs', 'face mesh inference'],
  ['irisMs', 'iris inference'],
  ['expressionMs', 'expression inference'],
  ['textMs', 'text detector inference'],
  ['textDecodeMs', 'text DB post-processing'],
];

const engine = await loadEngine({ variant: 'auto' });
const runner = new ModelRunner(engine);
const wanted = { face: DEFAULT_FACE_MODEL, text: true };

// One photo: {rel, cheapMs, candidate, gate, modelMs, reverdictMs, timings,
// faces, textLines}.
async function measure(rel) {
  const bytes = readFileSync(join(data, rel));
  let t0 = performance.now();
  // As the workers do it: the engine keeps this analysis and its decode for
  // the model stage (tensors, face crops) and the re-verdict.
  const cheap = engine.analyzePhoto(bytes, { recordPath: rel, keep: true });
  const cheapMs = performance.now() - t0;
  const verdict = engine.curate([{ path: rel, curation: cheap.curation }], { today: '' }).photos[0];
  const gate = gateModels(cheap.modelPlan, wanted);
  const row = { rel, cheapMs, kind: verdict.kind, candidate: gate.face || gate.text, gate };
  if (!row.candidate) {
    cheap.kept.delete();
    return row;
  }
  t0 = performance.now();
  const r = await runner.run(bytes, { face: gate.face ? wanted.face : false, text: gate.text, textMaxSide: gate.textMaxSide, kept: cheap.kept });
  row.modelMs = performance.now() - t0;
  if (r.unavailable.length) throw new Error(`${rel}: ${JSON.stringify(r.unavailable)}`);
  t0 = performance.now();
  if (evidenceMatters(r, engine)) engine.rejudgeKept(cheap.kept, { modelEvidence: engineEvidence(r) });
  row.reverdictMs = performance.now() - t0;
  cheap.kept.delete();
  row.timings = r.timings;
  row.ran = r.ran;
  row.faces = r.faces ? r.faces.length : undefined;
  row.textLines = r.text ? r.text.lines : undefined;
  row.eyes = r.faces ? r.faces.filter((f) => f.eyesOpen !== undefined).length : 0;
  return row;
}

// Warm-up: session creation, first-inference allocations, wasm heap growth
// and JIT tiers are not per-photo costs (a face photo, a receipt, the
// largest file).
for (const rel of ['faces/dlib-pascal/bald_guys.jpg', 'receipts/sroie/X51005200931.jpg', 'receipts/sroie/X51007846283.jpg']) {
  if (existsSync(join(data, rel))) await measure(rel);
}
const t0 = performance.now();
const best = new Map();
for (let rep = 0; rep < reps; rep++) {
  for (const rel of photos) {
    const row = await measure(rel);
    const prev = best.get(rel);
    if (!prev) {
      best.set(rel, row);
      continue;
    }
    // Fastest of the repetitions, per measure (cheap and models separately).
    if (row.cheapMs < prev.cheapMs) prev.cheapMs = row.cheapMs;
    if (row.candidate && row.modelMs + row.reverdictMs < prev.modelMs + prev.reverdictMs) {
      Object.assign(prev, { modelMs: row.modelMs, reverdictMs: row.reverdictMs, timings: row.timings });
    }
  }
}
const wallS = (performance.now() - t0) / 1000;

const rows = [...best.values()];
const cand = rows.filter((r) => r.candidate);
const total = (r) => r.modelMs;
const withVerdict = (r) => r.modelMs + r.reverdictMs;
const cheapMed = median(cand.map((r) => r.cheapMs));
const stageMed = median(cand.map(total));
const stageP90 = quantile(cand.map(total), 0.9);
const withFaces = cand.filter((r) => r.faces > 0);
const noFaces = cand.filter((r) => !(r.faces > 0));

const load = (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`model-stage-bench: ${rows.length} photos under ${data}, ${cand.length} candidates (gate: ` +
  `face ${cand.filter((r) => r.gate.face).length}, text ${cand.filter((r) => r.gate.text).length}); engine ${engine.variant}; ` +
  `node wasm EP, 1 ORT thread; fastest of ${reps} per photo; ${wallS.toFixed(1)} s; load ${load}`);
console.log('');
console.log('per candidate photo                         median ms   p90 ms   × cheap pass (median)');
console.log(`cheap analysis (same-run baseline)          ${f1(cheapMed).padStart(9)} ${f1(quantile(cand.map((r) => r.cheapMs), 0.9)).padStart(8)}   1.00`);
console.log(`model stage, all candidates                 ${f1(stageMed).padStart(9)} ${f1(stageP90).padStart(8)}   ${f2(stageMed / cheapMed)}`);
console.log(`  with faces found (${String(withFaces.length).padStart(2)})                     ${f1(median(withFaces.map(total))).padStart(9)} ${f1(quantile(withFaces.map(total), 0.9)).padStart(8)}`);
console.log(`  without faces (${String(noFaces.length).padStart(2)})                        ${f1(median(noFaces.map(total))).padStart(9)} ${f1(quantile(noFaces.map(total), 0.9)).padStart(8)}`);
console.log(`model stage + re-verdict                    ${f1(median(cand.map(withVerdict))).padStart(9)} ${f1(quantile(cand.map(withVerdict), 0.9)).padStart(8)}   ` +
  `${f2(median(cand.map(withVerdict)) / cheapMed)}`);
console.log('');
console.log('stage                            ran on   median where ran   mean per candidate   share');
const sumAll = cand.reduce((s, r) => s + withVerdict(r), 0);
const stageRows = {};
const line = (label, values) => {
  const ran = values.filter((v) => v !== undefined && v > 0);
  const sum = ran.reduce((s, v) => s + v, 0);
  stageRows[label] = { ran: ran.length, median: median(ran), mean: sum / cand.length };
  console.log(`${label.padEnd(32)} ${String(ran.length).padStart(6)}   ${f1(median(ran)).padStart(16)}   ${f1(sum / cand.length).padStart(18)}   ` +
    `${((100 * sum) / sumAll).toFixed(0).padStart(4)}%`);
};
for (const [key, label] of STAGES) line(label, cand.map((r) => r.timings[key]));
line('JS glue (tensors, sessions)', cand.map((r) => r.modelMs - STAGES.reduce((s, [k]) => s + (r.timings[k] || 0), 0)));
line('re-verdict (rejudgeKept)', cand.map((r) => (r.reverdictMs > 0.05 ? r.reverdictMs : undefined)));
console.log('');
const slow = [...cand].sort((a, b) => total(b) - total(a)).slice(0, 5);
console.log(`slowest: ${slow.map((r) => `${r.rel} ${f1(total(r))} ms (${r.ran.join('+')}${r.faces ? `, ${r.faces} faces` : ''})`).join('; ')}`);

// Download sizes: what a first scan with models fetches (then cached).
const ortDir = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));
const ortBytes = (flavour) => ORT_FILES[flavour].reduce((s, f) => s + (existsSync(join(ortDir, f)) ? statSync(join(ortDir, f)).size : 0), 0);
const defaults = [DEFAULT_FACE_MODEL, 'ppocr-v4-det', 'mediapipe-facemesh', 'mediapipe-iris', 'oarriaga-emotion'];
const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
console.log('');
console.log(`model downloads: ${Object.entries(MODEL_FILES).map(([n, m]) => `${n} ${mb(m.bytes)}${defaults.includes(n) ? '' : ' (optional)'}`).join(', ')}`);
const defaultBytes = defaults.reduce((s, n) => s + MODEL_FILES[n].bytes, 0);
console.log(`default model set ${mb(defaultBytes)}; + onnxruntime-web wasm EP files ${mb(ortBytes('wasm'))} ` +
  `(WebGPU EP files ${mb(ortBytes('webgpu'))}, fetched only with WebGPU)`);

const json = {
  bench: 'model-stage', photos: rows.length, candidates: cand.length, reps, variant: engine.variant,
  cheapMedianMs: +f2(cheapMed), modelStageMedianMs: +f2(stageMed), modelStageP90Ms: +f2(stageP90),
  modelStageOverCheap: +f2(stageMed / cheapMed), withReverdictMedianMs: +f2(median(cand.map(withVerdict))), withFacesMedianMs: +f2(median(withFaces.map(total))),
  stages: Object.fromEntries(Object.entries(stageRows).map(([k, v]) => [k, { ran: v.ran, medianMs: +f2(v.median), meanMs: +f2(v.mean) }])),
  downloads: { models: Object.fromEntries(Object.entries(MODEL_FILES).map(([n, m]) => [n, m.bytes])), defaultModelBytes: defaultBytes,
               ortWasmBytes: ortBytes('wasm'), ortWebgpuBytes: ortBytes('webgpu') },
  wallS: +wallS.toFixed(1),
};
console.log(JSON.stringify(json));
if (args.includes('--rows')) for (const r of rows) console.log(JSON.stringify({ ...r, gate: undefined }));
await runner.close();
