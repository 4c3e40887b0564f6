// Trains the blur verdict's logistic model (wasm/src/classify/blur_model.h)
// from the features dump-features.mjs wrote, and prints its figures.
//
//   node models/train/dump-features.mjs && node models/train/train-blur.mjs [--write] [--threshold=P]
//
// --threshold=P prints the cross-validated precision/recall at another
// verdict threshold (the shipped one is 0.7), to weigh Cleanup's false
// alarms against missed blur.
//
// Rows: every photo with a blur label in ../shared/data (kwentar
// sharp/defocus/motion, CUHK partial blur = not blurry, general/ and
// aesthetics/ = not blurry), ../shared/data/validation and the tune half of
// tests/validation; never the holdout half (dump-features.mjs leaves it out).
// A handful of named measurements whose contributions become the reasons.
import { join } from 'node:path';
import { REPO } from '../../web/package/bench/labels.mjs';
import { readRows, train } from './logistic.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) || join(REPO, 'build/train/features.jsonl');
// Cleanup is conservative: "blurry" only at p >= THRESHOLD; from BORDERLINE
// up to it the photo is left alone and says so. The verdict only judges
// photos with some structure at the coarse scale: with none there is no edge
// to call soft (fog, sky, a plain backdrop).
const THRESHOLD = Number((args.find((a) => a.startsWith('--threshold=')) || '--threshold=0.7').split('=')[1]);
const BORDERLINE = 0.4;
const MIN_COARSE_EDGES = 0.01;

const features = [
  { name: 'acutance', get: (r) => r.features.acutance.all },
  { name: 'acutance_p90', get: (r) => r.features.acutance.p90 },
  { name: 'log_edges', get: (r) => Math.log2(1 + r.features.acutance.edges) },
  { name: 'anisotropy', get: (r) => {
    const a = r.features.acutance;
    const hi = Math.max(a.x, a.y);
    return hi > 0 ? Math.min(a.x, a.y) / hi : 1;
  } },
  { name: 'sharpness_max_region', get: (r) => r.metrics.sharpnessMaxRegion },
  { name: 'sharp_area_fraction', get: (r) => r.metrics.sharpAreaFraction },
  { name: 'motion_coherence', get: (r) => r.metrics.motionBlur },
  { name: 'sharpness', get: (r) => r.metrics.sharpness },
  { name: 'contrast', get: (r) => r.metrics.contrast },
  { name: 'coarse_edges', get: (r) => r.features.acutance.coarseEdges },
];
const rows = readRows(file).filter((r) => r.kind === 'photo' && r.blurry >= 0 && r.features &&
  r.features.acutance && r.features.acutance.coarseEdges >= MIN_COARSE_EDGES);
const fmt = (v) => `${v.toFixed(6)}f`;
train({
  name: 'train-blur', script: 'train-blur.mjs', features, rows, label: (r) => r.blurry, threshold: THRESHOLD,
  header: {
    path: 'wasm/src/classify/blur_model.h', namespace: 'blur_model', guard: 'GEMROLL_CLASSIFY_BLUR_MODEL_H_',
    comment: 'Blur verdict (classify.cc JudgeQuality): p = probability the photo is blurry.',
    extra: [
      '// Verdict: blurry at p >= kBlurryMin; kBorderlineMin <= p < kBlurryMin is left',
      '// alone with a "borderline" reason. Photos with coarse_edge_fraction under',
      '// kMinCoarseEdges are not judged (nothing to call soft).',
      `constexpr float kBlurryMin = ${fmt(THRESHOLD)};`,
      `constexpr float kBorderlineMin = ${fmt(BORDERLINE)};`,
      `constexpr float kMinCoarseEdges = ${fmt(MIN_COARSE_EDGES)};`,
    ],
  },
}, { write: args.includes('--write'), quiet: !args.includes('--verbose') });
