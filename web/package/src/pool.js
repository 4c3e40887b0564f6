// A fixed-size pool of engine workers behind one small interface, with a FIFO
// job queue. Cancelling a running job terminates its worker (a wasm call
// cannot be interrupted) and starts a fresh one from the compiled module.
import { GemrollError } from './errors.js';
import { isNode, nodeModule, abortReason } from './platform.js';

// Adapts node's worker_threads.Worker and the browser's Worker to
// {post(msg, transfer), terminate(), idle(bool)} with onmessage/onerror callbacks.
async function spawnThread(onMessage, onError) {
  if (isNode) {
    const { Worker } = await nodeModule('worker_threads');
    const w = new Worker(new URL('./worker.js', import.meta.url));
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', (code) => onError(new Error(`worker exited with code ${code}`)));
    return {
      post: (m, transfer) => w.postMessage(m, transfer),
      terminate: () => {
        w.removeAllListeners('exit');
        w.removeAllListeners('error');
        w.on('error', () => {});
        return w.terminate();
      },
      // Idle workers do not keep node's event loop alive.
      idle: (yes) => (yes ? w.unref() : w.ref()),
    };
  }
  const w = browserWorker(new URL('./worker.js', import.meta.url));
  w.onmessage = (e) => onMessage(e.data);
  w.onerror = (e) => onError(new Error(e.message || 'worker error'));
  return {
    post: (m, transfer) => w.postMessage(m, transfer || []),
    terminate: () => w.terminate(),
    idle: () => {},
  };
}

// A module worker for `url`. Browsers only start workers from the page's own
// origin; when the package itself is served from elsewhere (an embed on a
// third-party page), a same-origin blob: module imports it instead, which
// needs the package's server to allow CORS.
function browserWorker(url) {
  if (typeof location === 'undefined' || url.origin === location.origin) return new Worker(url, { type: 'module' });
  const source = `import ${JSON.stringify(url.href)};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(blobUrl, { type: 'module' });
  } finally {
    // The worker has fetched its script by the time it runs; revoking later
    // keeps the URL valid until then.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60000);
  }
}

class Slot {
  constructor(pool) {
    this.pool = pool;
    this.job = null;
    this.thread = null;
    this.dead = false;
    this.info = null;
    this.ready = this.start();
  }

  async start() {
    let readyResolve, readyReject;
    const ready = new Promise((res, rej) => ((readyResolve = res), (readyReject = rej)));
    this.abortStart = () => readyReject(new Error('gemroll: worker stopped while starting'));
    this.thread = await spawnThread(
      (msg) => {
        if (msg.type === 'ready') readyResolve(msg);
        else if (msg.type === 'init-failed') readyReject(new Error(`gemroll worker: ${msg.message}`));
        else this.pool.onResult(this, msg);
      },
      (err) => {
        readyReject(err);
        this.pool.onCrash(this, err);
      },
    );
    if (this.dead) {
      this.thread.terminate();
      throw new Error('gemroll: worker stopped while starting');
    }
    this.thread.post({ type: 'init', glueUrl: this.pool.assets.glueUrl, module: this.pool.assets.module });
    this.info = await ready;
    this.thread.idle(true);
    return this;
  }

  kill() {
    this.dead = true;
    if (this.thread) this.thread.terminate();
    // A worker killed before it said 'ready' would otherwise leave `ready`
    // pending forever (its exit listener is gone).
    if (this.abortStart) this.abortStart();
  }
}

export class WorkerPool {
  constructor(assets, size) {
    this.assets = assets;
    this.size = size;
    this.queue = [];
    this.closed = false;
    this.nextId = 1;
    this.slots = Array.from({ length: size }, () => new Slot(this));
  }

  // Resolves with the first worker's {version, simd} once every worker is up.
  async ready() {
    const infos = await Promise.all(this.slots.map((s) => s.ready));
    return infos[0].info;
  }

  // The one way the package's calls (curate, edits, collages) use the pool:
  // runs `message`, transferring `transfer`; resolves with the worker's
  // 'done' reply, rejects with a GemrollError for its 'failed' one or with
  // the signal's reason once it aborts (the job's worker is then replaced).
  // Scans keep their own loop over run(): many jobs, per-file failures.
  /**
   * @param {object} message
   * @param {{ transfer?: Transferable[], signal?: AbortSignal }} [options]
   */
  async call(message, { transfer = [], signal } = {}) {
    if (signal && signal.aborted) throw abortReason(signal);
    const job = this.run(message, transfer);
    const onAbort = () => job.cancel(abortReason(signal));
    if (signal) signal.addEventListener('abort', onAbort);
    try {
      const msg = await job.promise;
      if (msg.type !== 'done') throw GemrollError.from(msg.error);
      return msg;
    } finally {
      if (signal) signal.removeEventListener('abort', onAbort);
    }
  }

  // run(message, transfer) -> job: posts {...message, id} to the next free
  // worker; job.promise resolves with the worker's reply message;
  // job.cancel(reason) rejects it and frees its worker.
  run(message, transfer = []) {
    const job = { id: this.nextId++, message, transfer, slot: null, settled: false };
    job.promise = new Promise((resolve, reject) => ((job.resolve = resolve), (job.reject = reject)));
    job.cancel = (reason) => this.cancel(job, reason);
    if (this.closed) {
      job.settled = true;
      job.reject(new Error('gemroll: instance is closed'));
      return job;
    }
    this.queue.push(job);
    this.pump();
    return job;
  }

  pump() {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (slot.job || slot.dead || !slot.info) continue;
      const job = this.queue.shift();
      job.slot = slot;
      slot.job = job;
      slot.thread.idle(false);
      const { message, transfer } = job;
      job.message = job.transfer = null;
      slot.thread.post({ ...message, id: job.id }, transfer);
    }
  }

  onResult(slot, msg) {
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    slot.job = null;
    slot.thread.idle(true);
    job.settled = true;
    job.resolve(msg);
    if (msg.fatal) this.replace(slot);
    this.pump();
  }

  onCrash(slot, err) {
    if (slot.dead) return;
    const job = slot.job;
    slot.job = null;
    if (job && !job.settled) {
      job.settled = true;
      job.resolve({ type: 'failed', id: job.id, fatal: true,
                    error: { code: 'internal', message: String((err && err.message) || err) } });
    }
    this.replace(slot);
  }

  replace(slot) {
    slot.kill();
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const fresh = new Slot(this);
    this.slots[i] = fresh;
    fresh.ready.then(
      () => this.pump(),
      () => {},  // a replacement that cannot start leaves the pool smaller
    );
  }

  cancel(job, reason) {
    if (job.settled) return;
    job.settled = true;
    const q = this.queue.indexOf(job);
    if (q >= 0) this.queue.splice(q, 1);
    if (job.slot && job.slot.job === job) {
      job.slot.job = null;
      this.replace(job.slot);
    }
    job.reject(reason === undefined ? abortReason() : reason);
  }

  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.settled = true;
      job.reject(new Error('gemroll: instance closed'));
    }
    for (const slot of this.slots) {
      if (slot.job && !slot.job.settled) {
        slot.job.settled = true;
        slot.job.reject(new Error('gemroll: instance closed'));
      }
      slot.kill();
    }
    await Promise.allSettled(this.slots.map((s) => s.ready));
    // Slots still starting when close() was called terminate once started.
    for (const slot of this.slots) if (slot.thread) slot.thread.terminate();
  }
}
