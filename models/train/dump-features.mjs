// Measures every labelled file of the training corpora with the engine the
// package ships (wasm, this thread) and the on-device models, and writes one
// JSON line per file: its labels, the analysis the verdicts read (metrics,
// features, a few EXIF facts) and the text/face model outputs.
//
//   node models/train/dump-features.mjs [OUT.jsonl]   (default build/train/features.jsonl)
//
// Corpora: ../shared/data, ../shared/data/validation and the *tune* half of
// tests/validation. The holdout half is never written here, so nothing
// trained from this file has seen it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO, ownValidation, sharedCorpus, sharedValidation } from '../../web/package/bench/labels.mjs';
import { loadEngine } from '../../web/package/src/index.js';
import { DEFAULT_FACE_MODEL, ModelRunner } from '../../web/package/src/models.js';

// Exploration: the text boxes' median height (share of the short side) and
// the width of the text block (union of the boxes) in median box heights.
function boxStats(boxes, w, h) {
  if (boxes.length < 3) return {};
  const hs = boxes.map((b) => b.height).sort((a, b) => a - b);
  const mh = hs[hs.length >> 1];
  const x0 = Math.min(...boxes.map((b) => b.x));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  const ws = boxes.map((b) => b.width).sort((a, b) => a - b);
  return { boxHeight: mh / Math.min(w, h), blockWidthLines: (x1 - x0) / mh, blockAspect: (y1 - y0) / Math.max(1, x1 - x0),
           boxWidthLines: ws[ws.length >> 1] / mh };
}

const out = resolve(process.argv[2] || join(REPO, 'build/train/features.jsonl'));
const items = [...sharedCorpus(), ...sharedValidation(), ...ownValidation().filter((it) => it.set === 'tune')];
const engine = await loadEngine();
const runner = new ModelRunner(engine);
const lines = [];
let n = 0;
for (const it of items) {
  const bytes = readFileSync(join(it.root, it.rel));
  let a;
  try {
    a = engine.analyzePhoto(bytes, { recordPath: it.rel });
  } catch {
    continue;
  }
  const x = a.analysis;
  let models = null;
  try {
    const r = await runner.run(bytes, { face: DEFAULT_FACE_MODEL, text: true, attributes: false });
    models = {
      faces: (r.faces || []).map((f) => ({ score: f.score, w: (f.box || f).width / r.width, h: (f.box || f).height / r.height })),
      text: r.text && { area: r.text.areaFraction, lines: r.text.lines, boxes: r.text.boxes, regularity: r.text.regularity,
                        left: r.text.leftAlignment, lineHeightCv: r.text.lineHeightCv, lineLength: r.text.lineLength,
                        ...boxStats(r.text.boxList || [], r.width, r.height) },
    };
  } catch {
    // no model evidence for this file
  }
  const { root, ...labels } = it;
  lines.push(JSON.stringify({
    ...labels,
    width: x.width, height: x.height, format: x.format,
    analysisSize: x.analysis,
    camera: !!(x.exif && (x.exif.make || x.exif.model)),
    exif: x.exif ? { make: x.exif.make, model: x.exif.model, software: x.exif.software } : {},
    metrics: { ...x.metrics, regionSharpness: undefined, colors: undefined, phash: undefined, dhash: undefined },
    features: x.features,
    models,
  }));
  if (++n % 100 === 0) process.stderr.write(`${n}/${items.length}\n`);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`dump-features: ${lines.length} files -> ${out}`);
