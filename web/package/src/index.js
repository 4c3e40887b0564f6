// @ts-check
// gemroll: the npm package. An async factory starts a pool of workers, each
// hosting one wasm engine; scan() lists the inputs, feeds the bytes to the
// workers (transferred, not copied) and yields one record per photo as it
// finishes, with the same fields as `gemroll analyze` on the command line.
import { GAZETTEER_ASSET, instantiateEngine, loadAssets, resolveLocation, simdSupported } from './assets.js';
import { GemrollError } from './errors.js';
import { InputError, PREVIEW_PREFIXES, listInputs, readPreviewBytes } from './inputs.js';
import { WorkerPool } from './pool.js';
import { openScanCache } from './cache.js';
import { normalizeExtraModel } from './models.js';
import { abortReason, defaultWorkerCount, fromBase64, toBase64 } from './platform.js';
import { composeCollage, suggestCollage } from './collage.js';
import {
  CROP_ASPECTS, EDIT_LOOKS, checkAspect, engineEditOptions, readEditInput, runEditJob, toCropBoxes, toEditParams,
  toEditSettings,
} from './edit.js';
import { MAX_INPUT_BYTES } from '../wasm/limits.js';  // gemroll/limits.h
// The declarations this file implements (types/*.d.ts); tsc checks it against them.
/** @import { EditCallOptions } from './types/edit.js' */
/** @import { Engine, EngineAnalyzeOptions, KeptPhoto, loadEngine as LoadEngine } from './types/engine.js' */
/** @import { Gemroll as GemrollApi, GemrollOptions, Variant } from './types/gemroll.js' */

// Version of the JSON written by the CLI's --json (bumped when fields change
// meaning or disappear; new fields do not bump it).
/** @type {typeof import('./types/records.js').SCHEMA_VERSION} */
export const SCHEMA_VERSION = 1;

const ENGINE_OPTION_KEYS = [
  'minShortSide', 'maxPixels', 'maxBytes', 'fastDecode', 'thumbnailLongSide', 'thumbnailQuality',
];
const CREATE_TOKEN = Symbol('Gemroll.create');

// "YYYY-MM-DD" of the local calendar day, as the native CLI's default.
function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

// The gazetteer a curation uses: {url, required} or null. undefined/true: the
// asset next to the wasm builds (a missing one only costs place names);
// false/null: none; a URL or path: that TSV (gzipped or not), which must load.
async function resolveGazetteer(option, assetsBase) {
  if (option === undefined || option === true) {
    return { url: new URL(GAZETTEER_ASSET, assetsBase).href, required: false };
  }
  if (option === false || option === null) return null;
  return { url: (await resolveLocation(option, 'gazetteer')).href, required: true };
}

// scan()'s `models` option with its locations made absolute (node paths,
// page-relative URLs), as the workers need them; null when off.
async function resolveModelOptions(option) {
  if (!option) return null;
  const out = option === true ? {} : { ...option };
  const dir = async (v, what) => (await resolveLocation(v, what)).href.replace(/\/?$/, '/');
  if (out.modelsBase !== undefined) out.modelsBase = await dir(out.modelsBase, 'models.modelsBase');
  if (out.ortBase !== undefined) out.ortBase = await dir(out.ortBase, 'models.ortBase');
  if (out.executionProvider !== undefined && !['auto', 'wasm', 'webgpu'].includes(out.executionProvider)) {
    throw new TypeError(`models.executionProvider must be 'auto', 'wasm' or 'webgpu', not ${out.executionProvider}`);
  }
  if (out.extra !== undefined) {
    if (!Array.isArray(out.extra)) throw new TypeError('models.extra must be an array');
    out.extra = await Promise.all(out.extra.map(async (e) => {
      if (!e || typeof e !== 'object' || e.url === undefined) return normalizeExtraModel(e);  // throws, saying why
      const url = (await resolveLocation(e.url instanceof URL ? e.url.href : e.url, `models.extra ${e.name} url`)).href;
      return normalizeExtraModel({ ...e, url });
    }));
  }
  return out;
}

function engineOptions(options) {
  const out = {};
  for (const k of ENGINE_OPTION_KEYS) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

/**
 * The declared class but for `[Symbol.asyncDispose]`, which is set on the
 * prototype after the class, only where the runtime has the symbol.
 * @implements {Omit<GemrollApi, typeof Symbol.asyncDispose>}
 */
export class Gemroll {
  #pool;
  #closed = false;
  #analysed = 0;
  #assetsBase;
  #gazetteer;
  #gazetteerWarned = false;

  /**
   * @param {symbol} token
   * @param {WorkerPool} pool
   * @param {Variant} variant
   * @param {string} version
   * @param {string} assetsBase
   * @param {{ url: string, required: boolean } | null} gazetteer
   */
  constructor(token, pool, variant, version, assetsBase, gazetteer) {
    if (token !== CREATE_TOKEN) throw new TypeError('use `await Gemroll.create(options)`');
    this.#pool = pool;
    this.#assetsBase = assetsBase;
    this.#gazetteer = gazetteer;
    this.variant = variant;
    this.version = version;
    this.workers = pool.size;
  }

  /**
   * @param {GemrollOptions} [options]
   * @returns {Promise<Gemroll>}
   */
  static async create(options = {}) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError('workers must be an integer >= 1');
    const assets = await loadAssets({ assetsBase: options.assetsBase, variant: options.variant });
    const gazetteer = await resolveGazetteer(options.gazetteer, assets.base);
    const pool = new WorkerPool(assets, workers);
    let info;
    try {
      info = await pool.ready();
    } catch (e) {
      await pool.close();
      throw e;
    }
    return new Gemroll(CREATE_TOKEN, pool, assets.variant, info.version, assets.base, gazetteer);
  }

  // An async iterable of records, in the order they finish.
  /** @type {GemrollApi['scan']} */
  async *scan(input, options = {}) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    const { signal, onProgress } = options;
    const analyzeOptions = engineOptions(options);
    // preview: a first, provisional look from each file's own small preview
    // (a JPEG's EXIF thumbnail, from its first bytes only; a HEIC's thumbnail
    // item), in seconds for a roll. No models and no scan cache: its records
    // (`provisional: true`) stand in until the photo itself is scanned.
    const preview = options.preview === true;
    // Opt-in on-device models (models.js): true or {face, text, gate,
    // textMaxSide, modelsBase, ortBase, executionProvider, extra}; their
    // evidence lands on the record as faces / text / models.
    const modelOptions = preview ? null : await resolveModelOptions(options.models);
    const maxBytes = analyzeOptions.maxBytes ?? MAX_INPUT_BYTES;
    if (signal && signal.aborted) throw abortReason(signal);
    let cached = 0;
    const report = (stage, done, total) =>
      onProgress && onProgress(stage === 'analysing' ? { stage, done, total, cached } : { stage, done, total });

    // Node: a JSON file; browsers: IndexedDB (cache.js). Thumbnails are not
    // cached (nor part of the cache's namespace): a cache hit has none, and
    // a caller that needs one for it asks again with `cache: false`.
    let cache = null;
    const cacheOption = preview ? false : options.cache === undefined ? true : options.cache;
    if (cacheOption !== false) {
      const { thumbnailLongSide, thumbnailQuality, ...measured } = analyzeOptions;
      const namespace = modelOptions ? { ...measured, models: modelOptions } : measured;
      cache = await openScanCache(cacheOption, JSON.stringify({ engine: this.version, options: namespace }));
    }

    // Stage 1: listing. Sizes of folders are unknown until walked, so total
    // grows with done here.
    const items = [];
    report('listing', 0, 0);
    for await (const item of listInputs(input)) {
      if (signal && signal.aborted) throw abortReason(signal);
      items.push(item);
      if (items.length % 64 === 0) report('listing', items.length, items.length);
    }
    if (items.length % 64 !== 0) report('listing', items.length, items.length);
    if (signal && signal.aborted) throw abortReason(signal);

    // Stage 2: analysing, with at most two photos per worker in flight (one
    // computing, one read ahead) so memory stays bounded on big folders. A
    // preview reads ~128 KiB and computes for a millisecond or two: there the
    // reads' latency (a browser reads a File through its own process) is
    // what limits, so more are in flight.
    const total = items.length;
    const pool = this.#pool;
    const maxInFlight = pool.size * (preview ? 16 : 2);
    const inFlight = new Set();
    const finished = [];
    let wake = null;
    const wakeUp = () => {
      if (wake) {
        wake();
        wake = null;
      }
    };
    const onAbort = () => wakeUp();
    if (signal) signal.addEventListener('abort', onAbort);

    const start = (item) => {
      /** @type {{ job: ReturnType<WorkerPool['run']> | null, cancelled: boolean }} */
      const task = { job: null, cancelled: false };
      inFlight.add(task);
      (async () => {
        let record;
        try {
          if (item.size !== undefined && item.size > maxBytes) {
            throw new InputError('too_large', `file is ${Math.floor(item.size / 1048576)} MiB, over the limit`);
          }
          const key = cache ? await cache.key(item) : null;
          const hit = cache ? await cache.get(key) : undefined;
          if (task.cancelled) return;
          if (hit) {
            record = { path: item.path, ...hit, cached: true };
          } else {
            let msg;
            for (const prefix of preview ? PREVIEW_PREFIXES : [0]) {
              const { bytes, fileSize } = preview
                ? await readPreviewBytes(item, maxBytes, prefix)
                : { bytes: await item.read(maxBytes), fileSize: undefined };
              if (task.cancelled) return;
              task.job = pool.run(
                { type: 'analyze', bytes,
                  options: { ...analyzeOptions, recordPath: item.path, ...(preview && { preview, fileSize }),
                             ...(modelOptions && { models: modelOptions }) } },
                [bytes]);
              msg = await task.job.promise;
              // A preview whose EXIF block or frame header lies past the bytes read: read more.
              const short = preview && msg.type === 'failed' && msg.error.code === 'truncated' && fileSize > prefix;
              if (!short) break;
            }
            if (msg.type === 'done') {
              record = { path: item.path, ok: true, ...msg.analysis, curation: msg.curation };
              if (msg.thumbnail) record.thumbnail = msg.thumbnail;
              if (msg.models) Object.assign(record, msg.models);
            } else {
              record = { path: item.path, ok: false, error: msg.error };
            }
            this.#analysed++;
            // A worker crash ('internal') may be passing; the core's verdict on the bytes is not.
            if (cache && !msg.fatal) cache.set(key, record);
          }
        } catch (e) {
          if (task.cancelled) return;
          record = e instanceof InputError
            ? { path: item.path, ok: false, error: { code: e.code, message: e.message } }
            : { fatal: e };
        }
        inFlight.delete(task);
        finished.push(record);
        wakeUp();
      })();
    };

    let next = 0;
    let done = 0;
    report('analysing', 0, total);
    try {
      while (done < total) {
        while (inFlight.size < maxInFlight && next < total) start(items[next++]);
        if (!finished.length && !(signal && signal.aborted)) await new Promise((r) => (wake = r));
        if (signal && signal.aborted) throw abortReason(signal);
        while (finished.length) {
          const record = finished.shift();
          if (record.fatal) throw record.fatal;
          done++;
          if (record.cached) cached++;
          report('analysing', done, total);
          yield record;
          if (signal && signal.aborted) throw abortReason(signal);
        }
      }
    } finally {
      // Abort, an error, or the consumer leaving the loop early: stop what is
      // still running so the workers are free for the next call.
      if (signal) signal.removeEventListener('abort', onAbort);
      for (const task of inFlight) {
        task.cancelled = true;
        if (task.job) task.job.cancel();
      }
      inFlight.clear();
      if (cache) {
        await cache.save();
        await cache.close();
      }
    }
  }

  // suggestions.json (schema/suggestions.schema.json) for scan records, as
  // `gemroll suggest DIR` prints it; computed in a worker. Records are
  // curated in path order, whatever order they finished in.
  /** @type {GemrollApi['suggest']} */
  async suggest(records, options = {}) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    const { signal } = options;
    if (signal && signal.aborted) throw abortReason(signal);
    const today = options.today ?? localToday();
    if (typeof today !== 'string' || !(today === '' || /^\d{4}-\d{2}-\d{2}$/.test(today))) {
      throw new RangeError('today must be "YYYY-MM-DD" or ""');
    }
    const gazetteer = options.gazetteer === undefined
      ? this.#gazetteer
      : await resolveGazetteer(options.gazetteer, this.#assetsBase);
    const items = [...records].sort(byPath).map((r) => {
      if (!r.ok) return { path: r.path, error: r.error };
      if (typeof r.curation !== 'string') {
        throw new TypeError(`gemroll: record ${r.path} has no curation data (scan it with this version)`);
      }
      return { path: r.path, curation: r.curation };
    });
    const msg = await this.#pool.call({ type: 'curate', items, options: { today }, gazetteer }, { signal });
    // Like the native CLI without its gazetteer file: say so once, go on.
    if (msg.gazetteer && msg.gazetteer.error && !this.#gazetteerWarned) {
      this.#gazetteerWarned = true;
      console.warn(`gemroll: no gazetteer (${msg.gazetteer.error.message}); moment titles without place names`);
    }
    return msg.suggestions;
  }

  // ---- Edits and export (edit.js, edit-worker.js): each call reads one
  // photo, transfers its bytes to a worker and the result's bytes back.
  /** @param {EditCallOptions} options */
  async #edit(op, input, message, options) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    const { signal } = options;
    if (signal && signal.aborted) throw abortReason(signal);
    const bytes = input === null ? null : await readEditInput(input, options.maxBytes);
    return runEditJob(this.#pool, { op, ...message, ...(bytes && { bytes }) }, bytes ? [bytes] : [], signal);
  }

  // {params, reasons} chosen from the photo's tones and colours.
  /** @type {GemrollApi['autoEnhance']} */
  async autoEnhance(input, options = {}) {
    return this.#edit('autoEnhance', input, { options: engineEditOptions('autoEnhance', options) }, options);
  }

  // The params as the core stores and replays them: JSON form, clamped.
  /** @type {GemrollApi['commitEdit']} */
  async commitEdit(params, options = {}) {
    const json = JSON.stringify(toEditParams(params));
    return (await this.#edit('commit', null, { params: json }, options)).params;
  }

  /** @type {GemrollApi['renderEdit']} */
  async renderEdit(input, params, options = {}) {
    const message = { params: JSON.stringify(toEditParams(params)), options: engineEditOptions('render', options) };
    return this.#edit('render', input, message, options);
  }

  /** @type {GemrollApi['exportJpeg']} */
  async exportJpeg(input, params, options = {}) {
    const message = { params: JSON.stringify(toEditParams(params)), options: engineEditOptions('export', options) };
    return this.#edit('export', input, message, options);
  }

  /** @type {GemrollApi['smartCrop']} */
  async smartCrop(input, aspect, options = {}) {
    const message = { aspect: checkAspect(aspect), options: { ...engineEditOptions('smartCrop', options), ...toCropBoxes(options) } };
    return this.#edit('smartCrop', input, message, options);
  }

  // Collages (collage.js): one JPEG from photos with a layout, theme and
  // title, composed in a worker; and a suggested collage for a moment of
  // suggest()'s output (or "year:YYYY").
  /** @type {GemrollApi['collage']} */
  async collage(inputs, options = {}) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    return composeCollage(this.#pool, this.#assetsBase, inputs, options);
  }

  /** @type {GemrollApi['suggestCollage']} */
  async suggestCollage(suggestions, momentId, options = {}) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    return suggestCollage(this.#pool, suggestions, momentId, options);
  }

  // Photos sent to the engine by this instance (cache hits excluded).
  get analysed() {
    return this.#analysed;
  }

  /** @type {GemrollApi['close']} */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.close();
  }
}

// `await using g = await Gemroll.create()` where the runtime has the symbol.
if (typeof Symbol.asyncDispose === 'symbol') {
  Gemroll.prototype[Symbol.asyncDispose] = function dispose() {
    return this.close();
  };
}

/**
 * What loadEngine's engine has beyond the declared Engine: the face-attribute
 * and full-range detector calls of src/face-attributes.js, for the package's
 * own tests and benches (not public, not declared).
 * @typedef {Record<'prepareFullRangeInput' | 'decodeFullRange' | 'prepareFaceCrops' | 'prepareEyeCrops' |
 *   'faceAttributes', (...args: any[]) => any>} EngineInternals
 */

// The engine in the calling thread, for callers with their own workers. Its
// calls are synchronous and block this thread.
/** @type {LoadEngine} */
export async function loadEngine(options = {}) {
  const assets = await loadAssets(options);
  const m = await instantiateEngine(assets);
  const unpack = (r) => {
    const out = { analysis: JSON.parse(r.json) };
    if (r.thumbnail) out.thumbnail = r.thumbnail;
    if (r.record) out.curation = toBase64(r.record);
    if (r.modelPlan) out.modelPlan = JSON.parse(r.modelPlan);
    return out;
  };
  const withRecord = (opts) => {
    const out = engineOptions(opts);
    if (typeof opts.recordPath === 'string') out.recordPath = opts.recordPath;
    if (opts.modelEvidence) out.modelEvidence = opts.modelEvidence;
    if (opts.keep === true) out.keep = true;
    return out;
  };
  /** @type {Engine & EngineInternals} */
  const engine = {
    variant: assets.variant,
    version: m.version(),
    simd: m.simd(),
    // The core's own limits (classify.h, curate.h), for JS that must not copy them.
    limits: m.verdictLimits(),
    // The core's error codes (status.h StatusCodeName); GemrollError#code is
    // one of these or 'internal' (a failure outside the core).
    errorCodes: m.statusCodeNames(),
    analyzePhoto: (bytes, opts = {}) => {
      const r = m.analyzePhoto(bytes, withRecord(opts));
      const out = unpack(r);
      if (r.kept) out.kept = r.kept;  // a KeptPhoto handle: delete() it when done
      return out;
    },
    // With analyzePhoto's {keep: true}: the kept photo's curation record
    // remade from model evidence (no second decode). `opts` may be left out
    // here, though the declaration asks for it.
    /**
     * @param {KeptPhoto} kept
     * @param {{ modelEvidence?: EngineAnalyzeOptions['modelEvidence'] }} [opts]
     */
    rejudgeKept: (kept, opts = {}) => ({ curation: toBase64(kept.rejudge({ modelEvidence: opts.modelEvidence }).record) }),
    analyzeRgba: (rgba, width, height, opts = {}) => {
      const o = withRecord(opts);
      if (opts.fileBytes !== undefined && opts.fileBytes !== null) o.fileBytes = opts.fileBytes;
      return unpack(m.analyzeRgba(rgba, width, height, o));
    },
    loadGazetteer: (tsv) => m.parseGazetteer(tsv),
    // Tensor work for the on-device models (src/models.js runs ORT on them).
    prepareModelInputs: (bytes, opts = {}) => m.prepareModelInputs(bytes, opts),
    decodeFaces: (scores, boxes, placement, opts = {}) => m.decodeFaces(scores, boxes, placement, opts),
    decodeText: (prob, width, height, placement, opts = {}) => m.decodeText(prob, width, height, placement, opts),
    // Face attributes and the full-range detector (model_bindings.cc, used by
    // src/face-attributes.js).
    prepareFullRangeInput: (...a) => m.prepareFullRangeInput(...a),
    decodeFullRange: (...a) => m.decodeFullRange(...a),
    prepareFaceCrops: (...a) => m.prepareFaceCrops(...a),
    prepareEyeCrops: (...a) => m.prepareEyeCrops(...a),
    faceAttributes: (...a) => m.faceAttributes(...a),
    // The plans gemroll/gpu/render.js and gemroll/gpu/compose.js run on a GPUDevice.
    renderPlan: (...a) => m.renderPlan(...a),
    collageGpuPlan: (...a) => m.collageGpuPlan(...a),
    // Edits in this thread (the same calls as Gemroll's, synchronous).
    autoEnhance: (bytes, opts = {}) => JSON.parse(m.autoEnhance(bytes, engineEditOptions('autoEnhance', opts)).json),
    commitEdit: (params) => JSON.parse(m.commitEdit(JSON.stringify(toEditParams(params))).json),
    renderEdit: (bytes, params, opts = {}) => {
      const r = m.renderEdit(bytes, JSON.stringify(toEditParams(params)), engineEditOptions('render', opts));
      const out = { width: r.width, height: r.height, fullWidth: r.fullWidth, fullHeight: r.fullHeight };
      if (r.jpeg) out.jpeg = r.jpeg;
      else out.rgba = r.rgba;
      return out;
    },
    exportJpeg: (bytes, params, opts = {}) => {
      const r = m.exportJpeg(bytes, JSON.stringify(toEditParams(params)), engineEditOptions('export', opts));
      return { jpeg: r.jpeg, ...JSON.parse(r.json) };
    },
    smartCrop: (bytes, aspect, opts = {}) =>
      JSON.parse(m.smartCrop(bytes, checkAspect(aspect), { ...engineEditOptions('smartCrop', opts), ...toCropBoxes(opts) }).json),
    curate: (items, opts = {}) => {
      const list = [...items].map((it) => (typeof it.curation === 'string'
        ? { path: it.path, record: fromBase64(it.curation) }
        : { path: it.path, error: it.error }));
      return JSON.parse(m.curate(list, { today: opts.today ?? '', gazetteer: opts.gazetteer || null }).json);
    },
  };
  return engine;
}

export { GemrollError, simdSupported };
export { COLLAGE_LAYOUTS, COLLAGE_THEMES, keepBoxesFromRecord, keepBoxesFromSuggestion } from './collage.js';
export { CROP_ASPECTS, EDIT_LOOKS, toEditParams, toEditSettings };
// Recaps (recap.js): moment slideshows, planned here and encoded in browsers.
export { RECAP_DEFAULTS, RECAP_VERSION, RecapError, RecapImages, blobLoader, decodeSize, drawRecapFrame, exportRecap, planRecap, recapFrame, recapSupport } from './recap.js';
