// Screenshot and receipt+document F1 without the on-device models, with every
// model on every photo, and with the package's gate (gateModels: models only
// where the classical verdict leaves them something to do), with the model
// runs the gate saves, on the labelled corpus
// that verdict_eval reads (screenshots, camera, receipts, documents, general,
// aesthetics). Same C++ verdicts, run through the wasm engine in this thread.
//
//   node bench/kind-eval.mjs [DATA_DIR]     (default $GEMROLL_DATA or ../../../shared/data)
//
// Prints figures; not a pass/fail test.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/index.js';
import { csvRows as csvObjects } from './labels.mjs';
import { DEFAULT_FACE_MODEL, MODEL_FILES, ModelRunner, engineEvidence, evidenceMatters, gateModels } from '../src/models.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const data = resolve(process.argv[2] || process.env.GEMROLL_DATA || join(here, '../../../../shared/data'));
if (!Object.values(MODEL_FILES).every((m) => existsSync(join(here, '../models', m.file)))) {
  console.log('kind-eval: models not fetched (run `node models/fetch.mjs`); nothing to measure');
  process.exit(0);
}

// Positional cells of each labels.csv row (labels.mjs parses the CSV).
const csvRows = (path) => csvObjects(path).map((r) => r._cells);

// Truth as verdict_corpus.h defines it.
const items = [];
const add = (dir, row, truth) => items.push({ rel: `${dir}/${row[0]}`, ...truth });
for (const r of csvRows(join(data, 'screenshots/labels.csv'))) add('screenshots', r, { screenshot: r[1].includes('screenshot') });
for (const r of csvRows(join(data, 'camera/labels.csv'))) {
  if (r[1] !== 'corrupt') add('camera', r, { screenshot: r[1] === 'screenshot' });
}
for (const r of csvRows(join(data, 'receipts/labels.csv'))) add('receipts', r, { document: true });
for (const r of csvRows(join(data, 'documents/labels.csv'))) {
  add('documents', r, { document: r[1].includes('document') || r[1].includes('whiteboard') });
}
for (const r of csvRows(join(data, 'general/labels.csv'))) add('general', r, {});
for (const r of csvRows(join(data, 'aesthetics/500px-popular/labels.csv'))) add('aesthetics/500px-popular', r, {});

const engine = await loadEngine();
const runner = new ModelRunner(engine);
const plain = [];
const withModels = [];
const gated = [];
const evidenceOf = new Map();
const gateRows = [];
let modelMs = 0;
let gatedMs = 0;
const runs = { all: { face: 0, text: 0 }, gated: { face: 0, text: 0 } };
const wanted = { face: DEFAULT_FACE_MODEL, text: true };
for (const it of items) {
  const path = join(data, it.rel);
  if (!existsSync(path)) continue;
  const bytes = readFileSync(path);
  let cheap;
  try {
    cheap = engine.analyzePhoto(bytes, { recordPath: it.rel });
  } catch (e) {
    const error = { code: e.code || 'internal', message: e.message };
    for (const list of [plain, withModels, gated]) list.push({ path: it.rel, error });
    continue;
  }
  plain.push({ path: it.rel, curation: cheap.curation });
  const redo = (evidence) => ({ path: it.rel, curation: engine.analyzePhoto(bytes, {
    recordPath: it.rel, ...(evidence && { modelEvidence: evidence }) }).curation });
  // Every model on every photo.
  let t0 = performance.now();
  let result = null;
  try {
    result = await runner.run(bytes);
  } catch {
    // a format the core does not decode: no evidence
  }
  modelMs += performance.now() - t0;
  if (result && result.faces) runs.all.face++;
  if (result && result.text) runs.all.text++;
  const evidence = result && engineEvidence(result);
  evidenceOf.set(it.rel, evidence);
  withModels.push(redo(evidence));
  // The gate (as the package's workers apply it): the classical verdict first.
  t0 = performance.now();
  const verdict = engine.curate([{ path: it.rel, curation: cheap.curation }], { today: '' }).photos[0];
  const gate = gateModels(cheap.modelPlan, wanted);
  let gResult = null;
  if (gate.face || gate.text) {
    try {
      gResult = await runner.run(bytes, { face: gate.face ? wanted.face : false, text: gate.text, textMaxSide: gate.textMaxSide });
    } catch {
      // as above
    }
  }
  gatedMs += performance.now() - t0;
  if (gResult && gResult.faces) runs.gated.face++;
  if (gResult && gResult.text) runs.gated.text++;
  // As the workers do: the cheap record stays unless the evidence can change it.
  const gEvidence = gResult && evidenceMatters(gResult, engine) ? engineEvidence(gResult) : null;
  gated.push(gEvidence ? redo(gEvidence) : { path: it.rel, curation: cheap.curation });
  gateRows.push({ rel: it.rel, kind: verdict.kind, conf: verdict.kindConfidence, gate });
}

function figures(records) {
  const s = engine.curate(records, { today: '' });
  const kinds = new Map(s.photos.map((p) => [p.path, p.kind]));
  const prf = () => ({ tp: 0, fp: 0, fn: 0 });
  const shot = prf();
  const doc = prf();
  const wrong = [];
  for (const it of items) {
    if (!kinds.has(it.rel)) continue;
    const kind = kinds.get(it.rel);
    const count = (m, truth, predicted) => {
      if (truth && predicted) m.tp++;
      else if (predicted) m.fp++;
      else if (truth) m.fn++;
    };
    count(shot, !!it.screenshot, kind === 'screenshot');
    count(doc, !!it.document, kind === 'document' || kind === 'receipt');
    const truth = it.screenshot ? 'screenshot' : it.document ? 'document/receipt' : 'other';
    const ok = truth === 'screenshot' ? kind === 'screenshot'
      : truth === 'document/receipt' ? kind === 'document' || kind === 'receipt'
        : kind !== 'screenshot' && kind !== 'document' && kind !== 'receipt';
    if (!ok) wrong.push(`${it.rel}: ${kind} (truth ${truth})`);
  }
  const f = (m) => {
    const p = m.tp + m.fp ? m.tp / (m.tp + m.fp) : 0;
    const r = m.tp + m.fn ? m.tp / (m.tp + m.fn) : 0;
    return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(2)} (tp ${m.tp} fp ${m.fp} fn ${m.fn})`;
  };
  return { shot: f(shot), doc: f(doc), wrong };
}

const a = figures(plain);
const b = figures(withModels);
const c = figures(gated);
const n = evidenceOf.size;
console.log(`kind-eval: ${plain.length} files under ${data}; every model on every photo ${(modelMs / Math.max(1, n)).toFixed(0)} ms/photo mean, ` +
  `gated ${(gatedMs / Math.max(1, n)).toFixed(0)} ms/photo mean (${(modelMs / Math.max(1, gatedMs)).toFixed(2)}x less model time)`);
console.log(`model runs, every photo: face ${runs.all.face}, text ${runs.all.text}; gated: face ${runs.gated.face}, text ${runs.gated.text} ` +
  `(${runs.all.face + runs.all.text - runs.gated.face - runs.gated.text} runs saved of ${runs.all.face + runs.all.text})`);
console.log(`screenshot       without models: ${a.shot}`);
console.log(`screenshot       every model:    ${b.shot}`);
console.log(`screenshot       gated models:   ${c.shot}`);
console.log(`receipt+document without models: ${a.doc}`);
console.log(`receipt+document every model:    ${b.doc}`);
console.log(`receipt+document gated models:   ${c.doc}`);
const changed = b.wrong.filter((w) => !a.wrong.includes(w));
const fixed = a.wrong.filter((w) => !b.wrong.some((x) => x.split(':')[0] === w.split(':')[0]));
console.log(`wrong without models: ${a.wrong.map((w) => `${w} ${JSON.stringify(evidenceOf.get(w.split(":")[0]))}`).join("; ")}`);
if (fixed.length) console.log(`fixed by models: ${fixed.join('; ')}`);
if (changed.length) console.log(`wrong with models only: ${changed.join('; ')}`);
const gatedDiff = c.wrong.filter((w) => !b.wrong.includes(w)).concat(b.wrong.filter((w) => !c.wrong.includes(w)));
if (gatedDiff.length) {
  const row = (w) => gateRows.find((r) => r.rel === w.split(':')[0]);
  console.log(`gated differs from every-model on: ${gatedDiff.map((w) => `${w} ${JSON.stringify(row(w))}`).join('; ')}`);
}
