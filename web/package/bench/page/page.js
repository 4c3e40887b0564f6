// The page bench/browser-bench.mjs drives. Everything is timed here, in the
// page, over the File objects of <input id=files multiple>:
//  - benchPackage(workers): the package's scan() with that many workers, no cache;
//  - benchRescan(workers): a scan with a fresh IndexedDB scan cache, then the
//    same files again (served from the cache);
//  - benchBaseline(resize): what a web developer would write without it, in
//    ONE module worker (baseline-worker.js): createImageBitmap + getImageData
//    + JS Laplacian variance + JS dHash, full size or resized on decode.
import { Gemroll } from '/src/index.js';

const input = /** @type {HTMLInputElement} */ (document.getElementById('files'));
const files = () => [...(input.files || [])];
const plainError = (e) => ({ name: e && e.name, message: String((e && e.message) || e) });

async function drain(g, list, cache = false) {
  let ok = 0;
  for await (const r of g.scan(list, { cache })) if (r.ok) ok++;
  return ok;
}

window.benchInfo = () => ({
  crossOriginIsolated: self.crossOriginIsolated,
  hardwareConcurrency: navigator.hardwareConcurrency,
  userAgent: navigator.userAgent,
  files: files().length,
});

window.benchPackage = async (workers) => {
  const list = files();
  let g;
  try {
    g = await Gemroll.create({ workers });
    await drain(g, list.slice(0, 2 * workers));  // warm-up: tier-up, heaps at 12-MP size
    const t0 = performance.now();
    const ok = await drain(g, list);
    const seconds = (performance.now() - t0) / 1000;
    return { workers, variant: g.variant, photos: list.length, ok, seconds, photosPerSecond: list.length / seconds };
  } catch (e) {
    return { error: plainError(e) };
  } finally {
    if (g) await g.close();
  }
};

window.benchRescan = async (workers) => {
  const list = files();
  const db = `gemroll-bench-${Date.now()}`;
  let g;
  try {
    g = await Gemroll.create({ workers });
    await drain(g, list.slice(0, 2 * workers));  // warm-up, no cache
    const run = async () => {
      const t0 = performance.now();
      const ok = await drain(g, list, db);
      const seconds = (performance.now() - t0) / 1000;
      return { photos: list.length, ok, seconds, photosPerSecond: list.length / seconds };
    };
    const before = g.analysed;
    const cold = await run();
    const mid = g.analysed;
    const warm = await run();
    return { cold: { ...cold, engineCalls: mid - before }, warm: { ...warm, engineCalls: g.analysed - mid } };
  } catch (e) {
    return { error: plainError(e) };
  } finally {
    if (g) await g.close();
    indexedDB.deleteDatabase(db);
  }
};

// resize: null for full size, else {width, height} passed to createImageBitmap.
window.benchBaseline = (resize) => new Promise((resolve) => {
  const worker = new Worker(new URL('./baseline-worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    worker.terminate();
    resolve(e.data);
  };
  worker.onerror = (e) => {
    worker.terminate();
    resolve({ error: { name: 'WorkerError', message: e.message } });
  };
  worker.postMessage({ files: files(), resize });
});
