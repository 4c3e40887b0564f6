// Trains the screenshot verdict's pixel model (wasm/src/classify/
// screenshot_model.h): how much an image's pixels look like a user interface
// (flat panels, repeated colours, status/navigation bars, rectilinear edges,
// lines of small type), from images without camera metadata. Metadata
// (screen-sized dimensions, PNG, tags, file name) stays in classify.cc's
// named weights; this model replaces the hand-set "flat interface layout"
// and "system bars" rules.
//
//   node models/train/dump-features.mjs && node models/train/train-screenshot.mjs [--write]
import { join } from 'node:path';
import { REPO } from '../../web/package/bench/labels.mjs';
import { readRows, train } from './logistic.mjs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) || join(REPO, 'build/train/features.jsonl');
const features = [
  { name: 'flat_fraction', get: (r) => r.features.flatFraction },
  { name: 'flat_colored_share', get: (r) => (r.features.flatFraction > 0 ? r.features.flatColoredFraction / r.features.flatFraction : 0) },
  { name: 'flat_top_colors', get: (r) => r.features.flatTopColors },
  { name: 'log_colors90', get: (r) => Math.log2(1 + r.features.colors90) },
  { name: 'axis_edge_share', get: (r) => r.features.axisEdgeShare },
  { name: 'status_bar', get: (r) => r.features.statusBar },
  { name: 'nav_bar', get: (r) => r.features.navBar },
  { name: 'text_blocks', get: (r) => r.features.textBlockFraction },
  { name: 'strokes', get: (r) => r.features.strokeFraction },
  { name: 'saturation', get: (r) => r.metrics.meanSaturation },
  { name: 'noise', get: (r) => Math.min(8, r.metrics.noiseSigma) },
];
const rows = readRows(file).filter((r) => !r.camera && r.features && r.features.valid !== false);
train({
  name: 'train-screenshot', script: 'train-screenshot.mjs', features, rows,
  label: (r) => (r.kind === 'screenshot' ? 1 : 0), threshold: 0.5,
  header: {
    path: 'wasm/src/classify/screenshot_model.h', namespace: 'screenshot_model',
    guard: 'GEMROLL_CLASSIFY_SCREENSHOT_MODEL_H_',
    comment: 'Screenshot pixel evidence (classify.cc ClassifyKind): p = the pixels are a user interface.',
    extra: [],
  },
}, { write: args.includes('--write'), quiet: !args.includes('--verbose') });
