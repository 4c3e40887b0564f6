// Your own ONNX model next to Gemroll's: `models.extra` runs it in the
// package's workers on every photo that gets models and puts its raw output
// on the record (here: a vector per photo, e.g. an image embedding to group
// photos by theme). Nothing is sent anywhere; the model file is read from
// where you say (a path in Node, a same-origin URL in browsers).
//
//   node examples/node/extra-model.mjs DIR [MODEL.onnx SIZE]
//
// Without a model of your own, BlazeFace's front model (in the package's
// models/) stands in: its first output, 512 face-score logits, as the vector.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Gemroll } from '../../web/package/src/index.js';

const [dir = '.', modelPath, size] = process.argv.slice(2);
const model = modelPath ||
  fileURLToPath(new URL('../../web/package/models/face_detection_front_128x128_barracuda.onnx', import.meta.url));
const g = await Gemroll.create();
try {
  const records = [];
  for await (const r of g.scan(dir, {
    cache: false,
    models: {
      extra: [{
        name: 'embedding',
        url: model,
        // Pin the file: bytes that do not match are refused (and cached by hash in browsers).
        sha256: createHash('sha256').update(readFileSync(model)).digest('hex'),
        // The photo letterboxed into SIZE x SIZE RGB, (x / 255 - mean) / std per channel.
        input: modelPath
          ? { size: Number(size || 224), layout: 'NCHW', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }
          : { size: 128, layout: 'NHWC', mean: 0.5, std: 0.5 },
      }],
    },
  })) {
    if (r.ok && r.models.extra) records.push({ path: r.path, v: r.models.extra.embedding.data });
    else if (r.ok) console.error(`${r.path}: ${JSON.stringify(r.models.unavailable)}`);
  }
  // The two most similar photos by cosine similarity.
  const norm = (v) => Math.hypot(...v);
  let best = null;
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const a = records[i].v, b = records[j].v;
      const cos = a.reduce((s, x, k) => s + x * b[k], 0) / (norm(a) * norm(b));
      if (!best || cos > best.cos) best = { cos, a: records[i].path, b: records[j].path };
    }
  }
  console.log(`${records.length} photos with a ${records[0] ? records[0].v.length : 0}-value vector each`);
  if (best) console.log(`most alike: ${best.a} and ${best.b} (cosine ${best.cos.toFixed(3)})`);
} finally {
  await g.close();
}
