// Eyes open/closed and smile figures on ../shared/data/faces.
//
//   node bench/eyes-eval.mjs [DATA_DIR] [--sizes]   (default $GEMROLL_DATA or ../../../shared/data)
//
// Eyes: faces/eyes-closed-open holds 40 face crops with closed eyes (CEW,
// "Closed Eyes In The Wild") and 40 aligned 200x200 faces with open eyes
// (UTKFace-style); label = folder. They are face crops, not eye crops, so the
// whole pipeline runs on each: BlazeFace (front 128) finds the face, the
// engine crops it for the face mesh, the eye aspect ratio gives eyesOpen. A
// crop where BlazeFace finds nothing falls back to the whole crop as the face
// box (these files are faces by construction), counted and printed.
// Accuracy: eyesOpen >= 0.5 versus the label. The EAR threshold (0.2) was
// read from these distributions, so the accuracy is an in-sample figure; the
// printed leave-one-out accuracy re-picks the threshold without each file.
//
// Smile: no smile labels exist in ../shared/data (checked: faces/, general/,
// aesthetics/ have none), so only the distribution of P(happy) is printed.
//
// Time: median per photo of the attribute stage (crops in wasm + mesh +
// expression inference + interpretation), node wasm EP, 1 thread; model
// file sizes. Prints figures; test/models-attributes.test.mjs asserts floors.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/index.js';
import { FACE_ATTRIBUTE_FILES, addFaceAttributes } from '../src/face-attributes.js';
import { ModelRunner } from '../src/models.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const data = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.GEMROLL_DATA || join(here, '../../../../shared/data'));
const dir = join(data, 'faces', 'eyes-closed-open');
const models = join(here, '../models');

if (!existsSync(join(models, FACE_ATTRIBUTE_FILES['mediapipe-facemesh'].file))) {
  console.log('eyes-eval: models not fetched (run `node models/fetch.mjs`); nothing to measure');
  process.exit(0);
}
if (!existsSync(dir)) {
  console.log(`eyes-eval: no ${dir}; nothing to measure`);
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const f2 = (x) => x.toFixed(2);

// Per file: {file, label, open (0..1), ear, smile, fallback, ms}.
// attributeOptions: addFaceAttributes options (iris: 'auto' | true | false).
export async function evaluateEyes(engine, runner, rows, attributeOptions = {}) {
  const out = [];
  for (const { file, label } of rows) {
    const bytes = readFileSync(join(dir, file));
    const det = await runner.run(bytes, { face: 'blazeface-front-128', text: false, attributes: false });
    let faces = det.faces || [];
    const fallback = faces.length === 0;
    if (fallback) {
      faces = [{ box: { x: 0, y: 0, width: det.width, height: det.height }, score: 0 }];
    }
    // The largest face: these crops hold one.
    faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    const face = faces[0];
    const t0 = performance.now();
    // These files are faces by construction: no person floor (a missed
    // detection's whole-crop box has score 0).
    const r = await addFaceAttributes(engine, (n) => runner.session(n), bytes, det.width, det.height, [face],
      { minFaceScore: 0, minFaceArea: 0, ...attributeOptions });
    const ms = performance.now() - t0;
    if (r.unavailable.length) throw new Error(JSON.stringify(r.unavailable));
    const eyes = face.attributes && face.attributes.eyes;
    out.push({ file, label, open: face.eyesOpen, faceWidth: face.box.width * (attributeOptions.sourceScale || 1), ear: eyes ? eyes.aspectRatio : NaN, faceScore: eyes ? eyes.faceScore : 0,
               smile: face.smile, fallback, ms, timings: r.timings, iris: r.ran.includes('mediapipe-iris'),
               source: eyes && eyes.source });
  }
  return out;
}

export function accuracy(results, threshold = 0.5) {
  const known = results.filter((r) => r.open !== undefined);
  const right = known.filter((r) => (r.open >= threshold) === (r.label === 'open')).length;
  return { right, known: known.length, total: results.length };
}

// Leave-one-out: the EAR threshold re-picked (best accuracy on the others)
// for each held-out file.
export function leaveOneOut(results) {
  const known = results.filter((r) => Number.isFinite(r.ear));
  const candidates = [...new Set(known.map((r) => r.ear))].sort((a, b) => a - b);
  let right = 0;
  known.forEach((held, i) => {
    const rest = known.filter((_, j) => j !== i);
    let best = -1;
    let bestT = 0.2;
    for (const t of candidates) {
      const acc = rest.filter((r) => (r.ear > t) === (r.label === 'open')).length;
      if (acc > best) {
        best = acc;
        bestT = t;
      }
    }
    if ((held.ear > bestT) === (held.label === 'open')) right++;
  });
  return { right, total: known.length };
}

// What resolution the verdicts need: the same 80 faces with the crops taken
// from the photo shrunk (sourceScale), so each face is as many pixels wide as
// in a smaller or more distant shot. Eyes: accuracy against the labels by
// face width; smile: agreement with the full-resolution P(happy) (same side
// of 0.5, mean |difference|), since no smile labels exist.
async function sizeSweep(engine, runner, rows, full) {
  const bins = [[0, 24], [24, 32], [32, 40], [40, 48], [48, 64], [64, 96], [96, 1e9]];
  const all = [];
  for (const scale of [1, 0.75, 0.5, 0.375, 0.3, 0.25, 0.2]) {
    const rs = scale === 1 ? full : await evaluateEyes(engine, runner, rows, { sourceScale: scale });
    rs.forEach((r, i) => all.push({ ...r, fullSmile: full[i].smile }));
  }
  console.log('by face width (px, after shrinking): eyes accuracy vs labels | smile same side of 0.5 as at full size, mean |diff|');
  for (const [lo, hi] of bins) {
    const b = all.filter((r) => r.faceWidth >= lo && r.faceWidth < hi);
    if (!b.length) continue;
    const a = accuracy(b);
    const sm = b.filter((r) => r.smile !== undefined && r.fullSmile !== undefined);
    const same = sm.filter((r) => (r.smile >= 0.5) === (r.fullSmile >= 0.5)).length;
    const diff = sm.reduce((t, r) => t + Math.abs(r.smile - r.fullSmile), 0) / Math.max(1, sm.length);
    console.log(`  ${String(lo).padStart(3)}-${hi > 1e6 ? '   ' : String(hi).padEnd(3)} px: eyes ${f2(a.right / Math.max(1, a.total))} ` +
      `(${a.right}/${a.total}), smile ${f2(same / Math.max(1, sm.length))} (${same}/${sm.length}), |diff| ${f2(diff)}`);
  }
}

export function readLabels() {
  return readFileSync(join(dir, 'labels.csv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split(',')).map(([file, label]) => ({ file, label }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const engine = await loadEngine({ variant: 'auto' });
  const runner = new ModelRunner(engine);
  const rows = readLabels();
  const sizes = Object.values(FACE_ATTRIBUTE_FILES).map((m) => `${m.file} ${(statSync(join(models, m.file)).size / 1e6).toFixed(2)} MB`);
  console.log(`eyes-eval: ${dir}; engine ${engine.variant}; model files: ${sizes.join(', ')}`);
  // Warm-up: session creation is not a per-photo cost.
  await evaluateEyes(engine, runner, rows.slice(0, 1));
  // Mesh only and iris on every face first, for comparison with the
  // default (iris only where the mesh is unsure).
  for (const [label, iris, irisEyes] of [['mesh only', false, 1], ['iris on every face', true, 1],
    ['iris, both eyes', true, 2], ['iris if unsure, both', 'auto', 2]]) {
    const rs = await evaluateEyes(engine, runner, rows, { iris, irisEyes });
    const a = accuracy(rs);
    console.log(`eyes ${label.padEnd(20)}: accuracy ${f2(a.right / a.total)} (${a.right}/${a.total}); ` +
      `median attribute stage ${f2(median(rs.map((r) => r.ms)))} ms/face`);
  }
  const results = await evaluateEyes(engine, runner, rows);
  {
    const a = accuracy(results);
    const decided = results.filter((r) => r.source === 'mesh');
    const wrong = decided.filter((r) => r.open !== undefined && (r.open >= 0.5) !== (r.label === 'open')).length;
    console.log(`eyes iris where unsure  : accuracy ${f2(a.right / a.total)} (${a.right}/${a.total}); ` +
      `median attribute stage ${f2(median(results.map((r) => r.ms)))} ms/face; iris ran on ${results.filter((r) => r.iris).length}/${results.length} ` +
      `faces; mesh decided ${decided.length} (${wrong} wrong)`);
  }
  const acc = accuracy(results);
  const loo = leaveOneOut(results);
  const byLabel = (l) => results.filter((r) => r.label === l);
  for (const l of ['closed', 'open']) {
    const ears = byLabel(l).map((r) => r.ear).filter(Number.isFinite).sort((a, b) => a - b);
    console.log(`eyes ${l} (${byLabel(l).length}): EAR median ${f2(median(ears))}, range ${f2(ears[0])}..${f2(ears[ears.length - 1])}; ` +
      `predicted open ${byLabel(l).filter((r) => r.open >= 0.5).length}, unknown ${byLabel(l).filter((r) => r.open === undefined).length}`);
  }
  console.log(`eyes-closed-open accuracy ${f2(acc.right / acc.total)} (${acc.right}/${acc.total}; ${acc.known} with a verdict), ` +
    `leave-one-out threshold ${f2(loo.right / loo.total)} (${loo.right}/${loo.total}); ` +
    `BlazeFace missed ${results.filter((r) => r.fallback).length} crops (whole crop used)`);
  const smiles = results.map((r) => r.smile).filter((x) => x !== undefined);
  console.log(`smile: no labelled smile data in ${data}; P(happy) on these 80 faces: median ${f2(median(smiles))}, ` +
    `>= 0.5 on ${smiles.filter((x) => x >= 0.5).length}/${smiles.length}`);
  if (process.argv.includes('--sizes')) await sizeSweep(engine, runner, rows, results);
  const stage = (k) => f2(median(results.map((r) => r.timings[k])));
  console.log(`attribute stage (crops + face mesh + 2x iris + expression): median ${f2(median(results.map((r) => r.ms)))} ms/face ` +
    `(crops ${stage('cropMs')}, mesh ${stage('meshMs')}, iris ${stage('irisMs')}, expression ${stage('expressionMs')}), node wasm 1 thread`);
  await runner.close();
}
