// On-device models: ONNX Runtime Web sessions for BlazeFace (faces) and the
// PP-OCRv4 detector (text), fed and read by the wasm engine (C++ does the
// letterboxing, normalisation, anchor decoding, NMS and DB post-processing;
// this file only moves tensors). Sessions are created lazily on first need,
// once per thread, and a model that fails to load or run yields no evidence
// and a reason, never a failed scan.
//
// onnxruntime-web rather than onnxruntime-node: the same JS and wasm run in
// node and in browsers (one code path to test and measure), and it needs no
// native binary per platform. One ORT thread per worker: the package already
// runs one engine per worker, so parallelism comes from workers, and
// multi-threaded ORT would need cross-origin isolation.
//
// Browsers: ORT's ES module and its wasm come from `ortBase` (default: the
// onnxruntime-web folder next to this package, as node_modules lays it out),
// and the model files from `modelsBase` (default: the package's models/),
// both same-origin by default; nothing is fetched from a CDN. Model bytes are
// kept in Cache Storage, keyed by their manifest sha256, and verified with
// SubtleCrypto before a session is made from them.
import { isGemrollError } from './errors.js';
import { isNode, nodeModule } from './platform.js';
// h1 hook: face attributes and the full-range detector (src/face-attributes.js).
import { FACE_ATTRIBUTE_FILES, addFaceAttributes, runFullRange } from './face-attributes.js';

// name -> the manifest entry's file, size and sha256 (models/manifest.json;
// test/models.test.mjs checks that they agree).
export const MODEL_FILES = {
  'blazeface-front-128': {
    file: 'face_detection_front_128x128_barracuda.onnx', size: 128, bytes: 442005,
    sha256: 'd388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51',
  },
  // Made size-agnostic at set-up (models/onnx-any-size.mjs): its tensor is
  // 256 on the photo's long side and only as long as needed on the other
  // (multiple: LetterboxNhwc's rounding), so no compute goes to padding.
  'blazeface-back-256': {
    file: 'face_detection_back_256_any-size.onnx', size: 256, multiple: 32, bytes: 591183,
    sha256: '93f1ab931defdf62aaaaa2f5f4703a5df1ae45d8c760fdeece27caf31f5e32da',
  },
  'ppocr-v4-det': {
    file: 'ch_PP-OCRv4_det_infer.onnx', bytes: 4745517,
    sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
  },
  // h1 hook: full-range detector, face mesh, expression (face-attributes.js).
  ...FACE_ATTRIBUTE_FILES,
};
export const DEFAULT_FACE_MODEL = 'blazeface-back-256';
export const DEFAULT_TEXT_MAX_SIDE = 512;

// The text detector's input size, adaptive (when no textMaxSide is asked
// for): first at `firstSide`; only a map that shows some text (at least
// `recheckMinLines` lines) yet not enough for evidence (evidenceMatters) is
// run again at `fullSide`, where dense small print (a long receipt, a page
// photographed whole) resolves into lines. Inference grows with the pixel
// count: 384 costs ~0.6x of 512. Measured on receipts/, documents/ and
// screenshots/ (bench/README.md): 384 alone loses the evidence on 4 of 42
// (receipts and a tax form whose small type merges at 384); this rule agrees
// with 512 on 41 of 42 (the other sits at the 0.15 area floor) and reruns 8.
export const TEXT_ADAPTIVE = { firstSide: 384, fullSide: DEFAULT_TEXT_MAX_SIDE, recheckMinLines: 3 };

// The Cache Storage cache that keeps model bytes in browsers. The app's
// service worker leaves caches with this prefix alone.
export const MODEL_CACHE = 'gemroll-models';

// ORT's browser entry and the wasm it loads, per execution provider: the wasm
// EP needs ort.wasm.min.mjs + ort-wasm-simd-threaded.{mjs,wasm} (14 MB);
// WebGPU needs ort.webgpu.min.mjs + ort-wasm-simd-threaded.asyncify.{mjs,wasm}
// (27 MB), fetched only when WebGPU is used.
export const ORT_FILES = {
  wasm: ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'],
  webgpu: ['ort.webgpu.min.mjs', 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'],
};

const DEFAULT_MODELS_BASE = new URL('../models/', import.meta.url);
const DEFAULT_ORT_BASE = new URL('../../onnxruntime-web/dist/', import.meta.url);

// 'wasm' | 'webgpu' + base -> Promise<ort module>, configured once.
const ortLoads = new Map();

// onnxruntime-web configured for one thread, its wasm files from the same
// place as its module (never a CDN): node: the installed package (wasm EP
// only); browsers: `ortBase`.
export function loadOrt(flavour = 'wasm', ortBase) {
  const key = `${flavour} ${ortBase || ''}`;
  let pending = ortLoads.get(key);
  if (!pending) {
    pending = (async () => {
      let ort;
      if (isNode) {
        if (flavour !== 'wasm') throw new Error('the WebGPU execution provider needs a browser');
        ort = await import('onnxruntime-web');
        const { createRequire } = await nodeModule('module');
        const require = createRequire(import.meta.url);
        const { pathToFileURL } = await nodeModule('url');
        const { dirname } = await nodeModule('path');
        // dist/ of the onnxruntime-web this package depends on.
        ort.env.wasm.wasmPaths = pathToFileURL(dirname(require.resolve('onnxruntime-web')) + '/').href;
      } else {
        const base = ortBase ? new URL(ortBase) : DEFAULT_ORT_BASE;
        const entry = new URL(ORT_FILES[flavour][0], base);
        try {
          ort = await import(/* webpackIgnore: true */ entry.href);
        } catch (e) {
          throw new Error(`onnxruntime-web not found at ${entry.href} (set models.ortBase): ${message(e)}`);
        }
        // A string prefix: ORT then imports its .mjs and fetches its .wasm
        // from there directly (no blob: URL, which the app's CSP refuses).
        ort.env.wasm.wasmPaths = base.href;
        ort.env.wasm.proxy = false;
      }
      ort.env.wasm.numThreads = 1;
      ort.env.logLevel = 'error';
      return ort;
    })();
    pending.catch(() => ortLoads.delete(key));
    ortLoads.set(key, pending);
  }
  return pending;
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

async function fetchBytes(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
  return new Uint8Array(await response.arrayBuffer());
}

// The bytes of a model file and where they came from ('file' | 'cache' |
// 'network'). `sha256` given: bytes that do not match are refused, and a
// cached copy that does not match (corrupted, or an older model under the
// same URL) is dropped and fetched again.
export async function loadModelBytes(url, sha256) {
  const verify = async (bytes, where) => {
    if (sha256 && (await sha256Hex(bytes)) !== sha256.toLowerCase()) {
      throw new Error(`${url.href}: sha256 does not match the manifest (${where} copy)`);
    }
    return bytes;
  };
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await nodeModule('fs/promises');
    const buf = await readFile(url);
    return { bytes: await verify(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), 'file'), source: 'file' };
  }
  const cache = typeof caches === 'object' && caches && sha256 ? await caches.open(MODEL_CACHE).catch(() => null) : null;
  if (!cache) return { bytes: await verify(await fetchBytes(url), 'network'), source: 'network' };
  // Keyed by content: a new model version under the same URL is a miss.
  const key = new URL(url);
  key.search = `?sha256=${sha256.toLowerCase()}`;
  const hit = await cache.match(key.href);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    try {
      return { bytes: await verify(bytes, 'cached'), source: 'cache' };
    } catch {
      await cache.delete(key.href);
    }
  }
  const bytes = await verify(await fetchBytes(url), 'network');
  try {
    // Older versions of this file go; the new one stays.
    for (const old of await cache.keys()) {
      const u = new URL(old.url);
      if (u.origin === key.origin && u.pathname === key.pathname && u.search !== key.search) await cache.delete(old);
    }
    await cache.put(key.href, new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
  } catch {
    // A full or unavailable cache only costs a download next time.
  }
  return { bytes, source: 'network' };
}

const message = (e) => String((e && e.message) || e);

// A user's own ONNX model (the extension point, off by default), checked
// and normalised: {name, url, sha256?, input: {size, layout, mean, std},
// output?}. Throws a TypeError naming what is wrong.
export function normalizeExtraModel(spec, base) {
  if (!spec || typeof spec !== 'object') throw new TypeError('models.extra: each entry must be an object');
  const { name, url, sha256, input = {}, output } = spec;
  if (typeof name !== 'string' || !/^[\w.-]{1,64}$/.test(name)) {
    throw new TypeError(`models.extra: name must be 1-64 letters, digits, '_', '.', '-' (got ${JSON.stringify(name)})`);
  }
  if (MODEL_FILES[name]) throw new TypeError(`models.extra: ${name} is a built-in model's name`);
  if (typeof url !== 'string' && !(url instanceof URL)) throw new TypeError(`models.extra ${name}: url is required`);
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/i.test(sha256)) throw new TypeError(`models.extra ${name}: sha256 must be 64 hex digits`);
  const size = input.size ?? 224;
  if (!Number.isInteger(size) || size < 8 || size > 1024) throw new TypeError(`models.extra ${name}: input.size must be an integer in 8..1024`);
  const layout = input.layout ?? 'NCHW';
  if (layout !== 'NCHW' && layout !== 'NHWC') throw new TypeError(`models.extra ${name}: input.layout must be 'NCHW' or 'NHWC'`);
  const triple = (v, d, what) => {
    const t = v === undefined ? [d, d, d] : typeof v === 'number' ? [v, v, v] : [...v];
    if (t.length !== 3 || !t.every(Number.isFinite)) throw new TypeError(`models.extra ${name}: input.${what} must be a number or 3 numbers`);
    return t;
  };
  const std = triple(input.std, 1, 'std');
  if (std.some((x) => x === 0)) throw new TypeError(`models.extra ${name}: input.std must not be 0`);
  return {
    name,
    url: new URL(url, base).href,
    sha256: sha256 && sha256.toLowerCase(),
    input: { size, layout, mean: triple(input.mean, 0, 'mean'), std },
    output: output === undefined ? undefined : String(output),
  };
}

// The extra model's input from the engine's 256x256 letterboxed RGB tensor
// (NHWC, values in [-1, 1]): resampled (bilinear) to size x size, mapped to
// [0, 1], then (x - mean) / std, in the model's layout.
function extraInput(face, input) {
  const [, h, w] = face.shape;
  const src = face.tensor;
  const n = input.size;
  const out = new Float32Array(3 * n * n);
  const nchw = input.layout === 'NCHW';
  for (let y = 0; y < n; y++) {
    const sy = Math.min(h - 1, Math.max(0, ((y + 0.5) * h) / n - 0.5));
    const y0 = Math.floor(sy), y1 = Math.min(h - 1, y0 + 1), fy = sy - y0;
    for (let x = 0; x < n; x++) {
      const sx = Math.min(w - 1, Math.max(0, ((x + 0.5) * w) / n - 0.5));
      const x0 = Math.floor(sx), x1 = Math.min(w - 1, x0 + 1), fx = sx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (yy, xx) => src[(yy * w + xx) * 3 + c];
        const v = (at(y0, x0) * (1 - fx) + at(y0, x1) * fx) * (1 - fy) + (at(y1, x0) * (1 - fx) + at(y1, x1) * fx) * fy;
        const value = ((v + 1) / 2 - input.mean[c]) / input.std[c];
        out[nchw ? c * n * n + y * n + x : (y * n + x) * 3 + c] = value;
      }
    }
  }
  return { data: out, dims: nchw ? [1, 3, n, n] : [1, n, n, 3] };
}

// Whether a WebGPU adapter exists and whether it is a software fallback
// (SwiftShader in headless Chromium: correct, but ~170x slower than wasm).
export async function webgpuAdapter() {
  if (isNode || typeof navigator !== 'object' || !navigator.gpu) return { available: false, reason: 'no navigator.gpu' };
  let adapter = null;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch (e) {
    return { available: false, reason: message(e) };
  }
  if (!adapter) return { available: false, reason: 'no WebGPU adapter' };
  const info = adapter.info || {};
  const fallback = !!(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  return { available: true, fallback, description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') };
}

// Runs the models for one photo at a time on a wasm engine (the worker's
// module, or loadEngine()'s object): both expose prepareModelInputs,
// decodeFaces and decodeText. options: {modelsBase, ortBase,
// executionProvider: 'auto' | 'wasm' | 'webgpu', extra: [extra model specs]}.
export class ModelRunner {
  #engine;
  #base;
  #ortBase;
  #requested;
  #provider = null;  // Promise<{ep, reason?}>
  #extras;
  #sessions = new Map();  // name -> Promise<{session, ort}>
  // name -> {source: 'file' | 'cache' | 'network', bytes, ms}: how each model got here.
  loads = {};

  constructor(engine, { modelsBase, ortBase, executionProvider = 'auto', extra = [] } = {}) {
    if (!['auto', 'wasm', 'webgpu'].includes(executionProvider)) {
      throw new TypeError(`models.executionProvider must be 'auto', 'wasm' or 'webgpu', not ${executionProvider}`);
    }
    this.#engine = engine;
    // Relative URLs are relative to the page (browsers).
    const here = typeof location === 'object' && location ? location.href : undefined;
    this.#base = modelsBase ? new URL(modelsBase, here) : DEFAULT_MODELS_BASE;
    this.#ortBase = ortBase ? new URL(ortBase, here).href : undefined;
    this.#requested = executionProvider;
    this.#extras = extra.map((e) => normalizeExtraModel(e, this.#base));
  }

  // The execution provider this runner uses, decided once: 'wasm' unless
  // WebGPU was asked for and exists. 'auto' never picks a software fallback
  // adapter; on a hardware adapter it also stays on wasm, because the only
  // WebGPU this project could measure (SwiftShader) was far slower, and
  // BlazeFace / the text detector at these input sizes are dispatch-bound.
  provider() {
    if (!this.#provider) {
      this.#provider = (async () => {
        if (this.#requested === 'wasm') return { ep: 'wasm' };
        const gpu = await webgpuAdapter();
        if (!gpu.available) return { ep: 'wasm', reason: `WebGPU unavailable: ${gpu.reason}` };
        if (this.#requested === 'webgpu') return { ep: 'webgpu', adapter: gpu.description, fallbackAdapter: gpu.fallback };
        return {
          ep: 'wasm',
          reason: gpu.fallback
            ? 'the WebGPU adapter is a software fallback (slower than wasm)'
            : 'WebGPU not measured faster than wasm for these models',
        };
      })();
    }
    return this.#provider;
  }

  // A session, created on first need; a failed load is remembered (the
  // same reason for every later photo, no retry storm).
  session(name) {
    let s = this.#sessions.get(name);
    if (!s) {
      s = (async () => {
        const extra = this.#extras.find((e) => e.name === name);
        const spec = MODEL_FILES[name];
        if (!spec && !extra) throw new Error(`unknown model ${name}`);
        const { ep } = await this.provider();
        const ort = await loadOrt(ep, this.#ortBase);
        const url = extra ? new URL(extra.url) : new URL(spec.file, this.#base);
        const t0 = performance.now();
        let loaded;
        try {
          loaded = await loadModelBytes(url, extra ? extra.sha256 : spec.sha256);
        } catch (e) {
          throw new Error(extra
            ? `model ${name} not available: ${message(e)}`
            : `model file ${spec.file} not available (run \`node models/fetch.mjs\`): ${message(e)}`);
        }
        this.loads[name] = { source: loaded.source, bytes: loaded.bytes.byteLength, ms: performance.now() - t0 };
        const session = await ort.InferenceSession.create(loaded.bytes, {
          executionProviders: [ep],
          graphOptimizationLevel: 'all',
          logSeverityLevel: 3,
        });
        return { session, ort };
      })();
      s.catch(() => {});
      this.#sessions.set(name, s);
    }
    return s;
  }

  // Evidence for one photo: {faces?, text?, extra?, timings, unavailable:
  // [{model, reason}], ran: [model names], executionProvider}. options:
  // {face: model name | false, text: boolean, extra: boolean, textMaxSide,
  // minScore}. Never throws for a model's sake; a photo the engine cannot
  // decode does throw (the analysis reports that already).
  async run(bytes, options = {}) {
    const faceModel = options.face === undefined ? DEFAULT_FACE_MODEL : options.face;
    const wantText = options.text !== false;
    const extras = options.extra === false ? [] : this.#extras;
    const engine = this.#engine;
    const out = { timings: {}, unavailable: [], ran: [] };
    if (typeof engine.prepareModelInputs !== 'function') {
      out.unavailable.push({ model: 'all', reason: 'this wasm build has no model support (rebuild the engine)' });
      return out;
    }
    const faceSpec = faceModel ? MODEL_FILES[faceModel] : null;
    if (faceModel && !faceSpec) out.unavailable.push({ model: faceModel, reason: 'unknown face model' });
    if (!faceSpec && !wantText && !extras.length) return out;
    out.executionProvider = (await this.provider()).ep;
    let t0 = performance.now();
    // Extra models read the 256x256 face tensor (resampled to their size).
    // (h1 hook) The full-range detector prepares its own 192 input below.
    const faceSize = faceSpec && !faceSpec.fullRange ? faceSpec.size : extras.length ? 256 : 0;
    // (h1 hook) Nothing to prepare here when only the full-range detector
    // runs: it decodes for itself, and a decode for no tensor is wasted.
    const adaptive = options.textMaxSide === undefined;
    // options.kept: the engine's kept analysis of this photo (analyzePhoto
    // {keep: true}); tensors and face crops come from its decode when it is
    // large enough, instead of decoding the file again.
    const kept = options.kept;
    const inputs = !faceSize && !wantText ? {} : engine.prepareModelInputs(bytes, {
      faceSize,
      faceMultiple: faceSpec && !faceSpec.fullRange ? faceSpec.multiple || 0 : 0,
      textMaxSide: wantText ? options.textMaxSide ?? TEXT_ADAPTIVE.firstSide : 0,
      kept,
    });
    out.timings.prepareMs = performance.now() - t0;
    out.width = inputs.width;
    out.height = inputs.height;

    if (faceSpec && inputs.face) {
      try {
        const { session, ort } = await this.session(faceModel);
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
        out.ran.push(faceModel);
      } catch (e) {
        out.unavailable.push({ model: faceModel, reason: message(e) });
      }
    }
    // ---- h1 hook: full-range detector and face attributes (face-attributes.js)
    if (faceSpec && faceSpec.fullRange) {
      try {
        const r = await runFullRange(engine, (n) => this.session(n), bytes, { minScore: options.minScore });
        out.timings.prepareMs += r.timings.prepareMs;
        out.timings.faceMs = r.timings.faceMs;
        out.timings.faceDecodeMs = r.timings.faceDecodeMs;
        out.faceModel = faceModel;
        out.faces = r.faces;
        out.width = r.width;
        out.height = r.height;
        out.ran.push(faceModel);
      } catch (e) {
        if (isGemrollError(e)) throw e;  // the photo itself, as prepareModelInputs
        out.unavailable.push({ model: faceModel, reason: message(e) });
      }
    }
    if (out.faces && out.faces.length && options.attributes !== false) {
      const r = await addFaceAttributes(engine, (n) => this.session(n), bytes, out.width, out.height, out.faces,
        { ...(typeof options.attributes === 'object' ? options.attributes : {}), kept });
      Object.assign(out.timings, r.timings);
      out.unavailable.push(...r.unavailable);
      out.ran.push(...r.ran);
    }
    // ---- end h1 hook
    if (wantText && inputs.text) {
      try {
        const { session, ort } = await this.session('ppocr-v4-det');
        out.timings.textMs = 0;
        out.timings.textDecodeMs = 0;
        const detect = async (text) => {
          t0 = performance.now();
          const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', text.tensor, text.shape) };
          const results = await session.run(feeds);
          out.timings.textMs += performance.now() - t0;
          const prob = results[session.outputNames[0]];
          const [h, w] = prob.dims.slice(-2);
          t0 = performance.now();
          const decoded = engine.decodeText(prob.data, w, h, text.placement);
          out.timings.textDecodeMs += performance.now() - t0;
          return { ...decoded.layout, boxList: decoded.boxes, inputSide: Math.max(...text.shape.slice(-2)) };
        };
        out.text = await detect(inputs.text);
        const t = out.text;
        if (adaptive && t.lines >= TEXT_ADAPTIVE.recheckMinLines && !evidenceMatters({ text: t }, engine) &&
            TEXT_ADAPTIVE.fullSide > TEXT_ADAPTIVE.firstSide) {
          t0 = performance.now();
          const full = engine.prepareModelInputs(bytes, { faceSize: 0, textMaxSide: TEXT_ADAPTIVE.fullSide, kept });
          out.timings.prepareMs += performance.now() - t0;
          // A photo smaller than fullSide gives the same tensor: nothing new to see.
          if (Math.max(...full.text.shape.slice(-2)) > t.inputSide) out.text = await detect(full.text);
        }
        out.ran.push('ppocr-v4-det');
      } catch (e) {
        out.unavailable.push({ model: 'ppocr-v4-det', reason: message(e) });
      }
    }
    if (extras.length) {
      let face = inputs.face && inputs.face.shape[1] === 256 && inputs.face.shape[2] === 256 ? inputs.face : null;
      if (!face) {
        t0 = performance.now();
        face = engine.prepareModelInputs(bytes, { faceSize: 256, textMaxSide: 0, kept }).face;
        out.timings.prepareMs += performance.now() - t0;
      }
      for (const extra of extras) {
        try {
          const { session, ort } = await this.session(extra.name);
          const input = extraInput(face, extra.input);
          t0 = performance.now();
          const results = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input.data, input.dims) });
          const outputName = extra.output ?? session.outputNames[0];
          const result = results[outputName];
          if (!result) throw new Error(`no output named ${outputName} (outputs: ${session.outputNames.join(', ')})`);
          out.extra = out.extra || {};
          out.extra[extra.name] = { output: outputName, dims: [...result.dims], data: Array.from(result.data, Number),
                                    ms: performance.now() - t0 };
          out.ran.push(extra.name);
        } catch (e) {
          out.unavailable.push({ model: extra.name, reason: message(e) });
        }
      }
    }
    return out;
  }

  async close() {
    for (const s of this.#sessions.values()) {
      try {
        await (await s).session.release();
      } catch {
        // a session that never loaded has nothing to release
      }
    }
    this.#sessions.clear();
  }
}

// The model gate is the core's (classify.h PlanModels: which models can
// change this photo's verdicts, with a reason for each one left out); the
// engine returns it with the cheap pass as `modelPlan`. This maps it onto
// the models asked for: wanted = {face: model name or false, text: bool}.
// Returns {face, text, textMaxSide (undefined: the runner's adaptive size),
// skipped: [{model, reason}]}.
export function gateModels(plan, wanted) {
  const skipped = [];
  const textMaxSide = plan && plan.textSide > 0 ? plan.textSide : undefined;
  let face = !!wanted.face;
  let text = !!wanted.text;
  for (const s of (plan && plan.skipped) || []) {
    if (s.model === 'face' && face) {
      face = false;
      skipped.push({ model: wanted.face, reason: s.reason });
    } else if (s.model === 'text' && text) {
      text = false;
      skipped.push({ model: 'ppocr-v4-det', reason: s.reason });
    }
  }
  return { face, text, textMaxSide, skipped };
}

// Whether model evidence can change the record the cheap pass made: faces
// found, or text enough for the core's "model_text" reason (the engine's
// `limits`, read from classify.cc, never copied here). Otherwise the record
// stays.
export function evidenceMatters(result, engine) {
  if (result.faces && result.faces.length > 0) return true;
  // A look at page scale counts either way (lines confirm a page, none refute it).
  if (result.text && result.text.inputSide >= engine.limits.modelPageSide) return true;
  const l = engine.limits;
  return !!(result.text && result.text.lines >= l.modelTextLinesMin && result.text.areaFraction >= l.modelTextAreaMin);
}

// The record fields a scan adds with `models: true` (types/models.d.ts: DetectedFace,
// TextEvidence, ModelRunInfo).
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

// The ModelEvidence the core weighs (classify.h), as the engine's
// analyzePhoto option `modelEvidence`; null when no model ran. Faces go
// with boxes relative to the upright frame (0..1), so the curation record
// keeps them whatever the photo's size: the core measures each face's
// sharpness and curation uses them for people counts, people moments, the
// best frame of a burst and smart-crop keep boxes. A face arrives as
// {box: {x, y, width, height}} or {x, y, width, height} in full-resolution
// pixels, with score and, when a model judged them, eyesOpen and smile (0..1).
export function engineEvidence(result) {
  if (!result.faces && !result.text) return null;
  const out = { facesRan: !!result.faces, faceCount: result.faces ? result.faces.length : 0, textRan: !!result.text };
  if (result.faces && result.width > 0 && result.height > 0) {
    const unit = (v) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : undefined);
    out.faces = result.faces.map((f) => {
      const b = f.box || f;
      const face = {
        x: b.x / result.width, y: b.y / result.height,
        width: b.width / result.width, height: b.height / result.height,
        score: f.score,
      };
      const eyesOpen = unit(f.eyesOpen);
      const smile = unit(f.smile);
      if (eyesOpen !== undefined) face.eyesOpen = eyesOpen;
      if (smile !== undefined) face.smile = smile;
      return face;
    });
  }
  if (result.text) {
    out.textAreaFraction = result.text.areaFraction;
    out.textLines = result.text.lines;
    out.textRegularity = result.text.regularity;
    if (result.text.inputSide) out.textSide = result.text.inputSide;
  }
  return out;
}
