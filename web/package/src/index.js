// gemroll: the npm package. An async factory starts a pool of workers, each
// hosting one wasm engine; scan() lists the inputs, feeds the bytes to the
// workers (transferred, not copied) and yields one record per photo as it
// finishes, with the same fields as `gemroll analyze` on the command line.
import { loadAssets, instantiateEngine, simdSupported } from './assets.js';
import { InputError, listInputs } from './inputs.js';
import { WorkerPool } from './pool.js';
import { abortReason, defaultWorkerCount } from './platform.js';

// Version of the JSON written by the CLI's --json (bumped when fields change
// meaning or disappear; new fields do not bump it).
export const SCHEMA_VERSION = 1;

const ENGINE_OPTION_KEYS = [
  'minShortSide', 'maxPixels', 'maxBytes', 'fastDecode', 'thumbnailLongSide', 'thumbnailQuality',
];
const DEFAULT_MAX_BYTES = 512 * 1048576;  // AnalyzeOptions::decode.max_bytes
const CREATE_TOKEN = Symbol('Gemroll.create');

function engineOptions(options) {
  const out = {};
  for (const k of ENGINE_OPTION_KEYS) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

export class Gemroll {
  #pool;
  #closed = false;

  constructor(token, pool, variant, version) {
    if (token !== CREATE_TOKEN) throw new TypeError('use `await Gemroll.create(options)`');
    this.#pool = pool;
    this.variant = variant;
    this.version = version;
    this.workers = pool.size;
  }

  static async create(options = {}) {
    const workers = options.workers ?? defaultWorkerCount();
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError('workers must be an integer >= 1');
    const assets = await loadAssets({ assetsBase: options.assetsBase, variant: options.variant });
    const pool = new WorkerPool(assets, workers);
    let info;
    try {
      info = await pool.ready();
    } catch (e) {
      await pool.close();
      throw e;
    }
    return new Gemroll(CREATE_TOKEN, pool, assets.variant, info.version);
  }

  // An async iterable of records, in the order they finish.
  async *scan(input, options = {}) {
    if (this.#closed) throw new Error('gemroll: instance is closed');
    const { signal, onProgress } = options;
    const analyzeOptions = engineOptions(options);
    const maxBytes = analyzeOptions.maxBytes ?? DEFAULT_MAX_BYTES;
    if (signal && signal.aborted) throw abortReason(signal);
    const report = (stage, done, total) => onProgress && onProgress({ stage, done, total });

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
    // computing, one read ahead) so memory stays bounded on big folders.
    const total = items.length;
    const pool = this.#pool;
    const maxInFlight = pool.size * 2;
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
      const task = { job: null, cancelled: false };
      inFlight.add(task);
      (async () => {
        let record;
        try {
          if (item.size !== undefined && item.size > maxBytes) {
            throw new InputError('too_large', `file is ${Math.floor(item.size / 1048576)} MiB, over the limit`);
          }
          const bytes = await item.read(maxBytes);
          if (task.cancelled) return;
          task.job = pool.run(bytes, analyzeOptions);
          const msg = await task.job.promise;
          if (msg.type === 'done') {
            record = { path: item.path, ok: true, ...msg.analysis };
            if (msg.thumbnail) record.thumbnail = msg.thumbnail;
          } else {
            record = { path: item.path, ok: false, error: msg.error };
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
    }
  }

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

// The engine in the calling thread, for callers with their own workers. Its
// calls are synchronous and block this thread.
export async function loadEngine(options = {}) {
  const assets = await loadAssets(options);
  const m = await instantiateEngine(assets);
  const unpack = (r) => {
    const out = { analysis: JSON.parse(r.json) };
    if (r.thumbnail) out.thumbnail = r.thumbnail;
    return out;
  };
  return {
    variant: assets.variant,
    version: m.version(),
    simd: m.simd(),
    analyzePhoto: (bytes, opts = {}) => unpack(m.analyzePhoto(bytes, engineOptions(opts))),
    analyzeRgba: (rgba, width, height, opts = {}) =>
      unpack(m.analyzeRgba(rgba, width, height, engineOptions(opts))),
  };
}

export { simdSupported };
