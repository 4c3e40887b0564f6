// On-device models: ONNX Runtime Web sessions for BlazeFace (faces) and the
// PP-OCRv4 detector (text), fed and read by the wasm engine (C++ does the
// letterboxing, normalisation, anchor decoding, NMS and DB post-processing;
// this file only moves tensors). Sessions are created lazily on first need,
// once per thread, and a model that fails to load or run yields no evidence
// and a reason, never a failed scan.
//
// onnxruntime-web rather than onnxruntime-node: the same JS and wasm run in
// node and in browsers (one code path to test and measure), and it needs no
// native binary per platform. The wasm execution provider with one thread:
// the package already runs one engine per worker, so parallelism comes from
// workers, and multi-threaded ORT would need cross-origin isolation.
import { isNode, nodeModule } from './platform.js';

// name -> the manifest entry's file and what it needs (models/manifest.json).
export const MODEL_FILES = {
  'blazeface-front-128': { file: 'face_detection_front_128x128_barracuda.onnx', size: 128 },
  'blazeface-back-256': { file: 'face_detection_back_256x256_barracuda.onnx', size: 256 },
  'ppocr-v4-det': { file: 'ch_PP-OCRv4_det_infer.onnx' },
};
export const DEFAULT_FACE_MODEL = 'blazeface-back-256';
export const DEFAULT_TEXT_MAX_SIDE = 512;

const DEFAULT_MODELS_BASE = new URL('../models/', import.meta.url);

let ortPromise = null;

// onnxruntime-web, configured once: wasm EP, one thread, its wasm files from
// the package's own dependency (same origin), never a CDN.
function loadOrt() {
  if (!ortPromise) {
    ortPromise = (async () => {
      if (!isNode) {
        // Browsers need an import map or bundler entry for the bare
        // specifier; until the worker wires one, models are unavailable there.
        throw new Error('onnxruntime-web is not wired for browsers yet');
      }
      const ort = await import('onnxruntime-web');
      ort.env.wasm.numThreads = 1;
      ort.env.logLevel = 'error';
      const { createRequire } = await nodeModule('module');
      const require = createRequire(import.meta.url);
      const { pathToFileURL } = await nodeModule('url');
      const { dirname } = await nodeModule('path');
      // dist/ of the onnxruntime-web this package depends on.
      const entry = require.resolve('onnxruntime-web');
      ort.env.wasm.wasmPaths = pathToFileURL(dirname(entry) + '/').href;
      return ort;
    })();
  }
  return ortPromise;
}

async function readModel(url) {
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await nodeModule('fs/promises');
    const buf = await readFile(url);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
  return new Uint8Array(await response.arrayBuffer());
}

const message = (e) => String((e && e.message) || e);

// Runs the models for one photo at a time on a wasm engine (the worker's
// module, or loadEngine()'s object): both expose prepareModelInputs,
// decodeFaces and decodeText.
export class ModelRunner {
  #engine;
  #base;
  #sessions = new Map();  // name -> Promise<InferenceSession>

  constructor(engine, { modelsBase } = {}) {
    this.#engine = engine;
    this.#base = modelsBase ? new URL(modelsBase) : DEFAULT_MODELS_BASE;
  }

  // A session, created on first need; a failed load is remembered (the
  // same reason for every later photo, no retry storm).
  session(name) {
    let s = this.#sessions.get(name);
    if (!s) {
      s = (async () => {
        const spec = MODEL_FILES[name];
        if (!spec) throw new Error(`unknown model ${name}`);
        const ort = await loadOrt();
        let bytes;
        try {
          bytes = await readModel(new URL(spec.file, this.#base));
        } catch (e) {
          throw new Error(`model file ${spec.file} not available (run \`node models/fetch.mjs\`): ${message(e)}`);
        }
        return ort.InferenceSession.create(bytes, {
          executionProviders: ['wasm'],
          graphOptimizationLevel: 'all',
          logSeverityLevel: 3,
        });
      })();
      s.catch(() => {});
      this.#sessions.set(name, s);
    }
    return s;
  }

  // Evidence for one photo: {faces?, text?, timings, unavailable: [{model,
  // reason}]}. options: {face: model name | false, text: boolean,
  // textMaxSide, minScore}. Never throws for a model's sake; a photo the
  // engine cannot decode does throw (the analysis reports that already).
  async run(bytes, options = {}) {
    const faceModel = options.face === undefined ? DEFAULT_FACE_MODEL : options.face;
    const wantText = options.text !== false;
    const engine = this.#engine;
    const out = { timings: {}, unavailable: [] };
    if (typeof engine.prepareModelInputs !== 'function') {
      out.unavailable.push({ model: 'all', reason: 'this wasm build has no model support (rebuild the engine)' });
      return out;
    }
    const faceSpec = faceModel ? MODEL_FILES[faceModel] : null;
    if (faceModel && !faceSpec) out.unavailable.push({ model: faceModel, reason: 'unknown face model' });
    let t0 = performance.now();
    const inputs = engine.prepareModelInputs(bytes, {
      faceSize: faceSpec ? faceSpec.size : 0,
      textMaxSide: wantText ? options.textMaxSide ?? DEFAULT_TEXT_MAX_SIDE : 0,
    });
    out.timings.prepareMs = performance.now() - t0;
    out.width = inputs.width;
    out.height = inputs.height;

    if (faceSpec && inputs.face) {
      try {
        const session = await this.session(faceModel);
        const ort = await loadOrt();
        t0 = performance.now();
        const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', inputs.face.tensor, inputs.face.shape) };
        const results = await session.run(feeds);
        out.timings.faceMs = performance.now() - t0;
        const [s0, s1, b0, b1] = session.outputNames.map((n) => results[n].data);
        const scores = new Float32Array(s0.length + s1.length);
        scores.set(s0);
        scores.set(s1, s0.length);
        const boxes = new Float32Array(b0.length + b1.length);
        boxes.set(b0);
        boxes.set(b1, b0.length);
        t0 = performance.now();
        const decoded = engine.decodeFaces(scores, boxes, inputs.face.placement,
          options.minScore === undefined ? {} : { minScore: options.minScore });
        out.timings.faceDecodeMs = performance.now() - t0;
        out.faceModel = faceModel;
        out.faces = decoded.faces.map((f) => ({
          box: { x: f.x, y: f.y, width: f.width, height: f.height },
          score: f.score,
          keypoints: f.keypoints,
        }));
      } catch (e) {
        out.unavailable.push({ model: faceModel, reason: message(e) });
      }
    }
    if (wantText && inputs.text) {
      try {
        const session = await this.session('ppocr-v4-det');
        const ort = await loadOrt();
        t0 = performance.now();
        const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', inputs.text.tensor, inputs.text.shape) };
        const results = await session.run(feeds);
        out.timings.textMs = performance.now() - t0;
        const prob = results[session.outputNames[0]];
        const [h, w] = prob.dims.slice(-2);
        t0 = performance.now();
        const decoded = engine.decodeText(prob.data, w, h, inputs.text.placement);
        out.timings.textDecodeMs = performance.now() - t0;
        out.text = { ...decoded.layout, boxList: decoded.boxes };
      } catch (e) {
        out.unavailable.push({ model: 'ppocr-v4-det', reason: message(e) });
      }
    }
    return out;
  }

  async close() {
    for (const s of this.#sessions.values()) {
      try {
        await (await s).release();
      } catch {
        // a session that never loaded has nothing to release
      }
    }
    this.#sessions.clear();
  }
}

// The record fields a scan adds with `models: true` (index.d.ts ModelEvidence).
export function modelEvidence(result) {
  const out = { models: { unavailable: result.unavailable, timings: result.timings } };
  if (result.faces) {
    out.faces = result.faces;
    out.models.faceModel = result.faceModel;
  }
  if (result.text) {
    const { areaFraction, lines, regularity, leftAlignment, lineHeightCv, boxes } = result.text;
    out.text = { areaFraction, lines, regularity, leftAlignment, lineHeightCv, boxes };
  }
  return out;
}

// The ModelEvidence the core's kind verdict weighs (classify.h), as the
// engine's analyzePhoto option `modelEvidence`; null when no model ran.
export function engineEvidence(result) {
  if (!result.faces && !result.text) return null;
  const out = { facesRan: !!result.faces, faceCount: result.faces ? result.faces.length : 0, textRan: !!result.text };
  if (result.text) {
    out.textAreaFraction = result.text.areaFraction;
    out.textLines = result.text.lines;
    out.textRegularity = result.text.regularity;
  }
  return out;
}
