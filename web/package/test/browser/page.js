// The page test/browser.test.mjs drives: it uses the package as an app would
// (an ES module import, a folder from <input webkitdirectory>) and leaves
// plain, structured-clonable results for the test to read.
import { Gemroll } from '/src/index.js';
import { DEFAULT_DB_NAME } from '/src/cache.js';

const input = /** @type {HTMLInputElement} */ (document.getElementById('folder'));
let g = null;

const plainError = (e) => ({ name: e && e.name, message: String((e && e.message) || e), code: e && e.code });

// Resolves with the instance's facts once the workers are up.
window.gemrollReady = Gemroll.create({ workers: 2 }).then(
  (created) => {
    g = created;
    return { variant: g.variant, version: g.version, workers: g.workers };
  },
  (e) => ({ error: plainError(e) }),
);

// Scans the input's files; with abortAfter, aborts once that many records
// came in. Suggestions are computed when the scan finished. `analysed` is
// the instance's count of engine calls after the scan.
window.scanInput = async ({ today = '2026-01-01', abortAfter = 0, cache = undefined } = {}) => {
  const files = [...(input.files || [])].map((f) => ({ path: f.webkitRelativePath, size: f.size, type: f.type }));
  const progress = [];
  const records = [];
  const controller = new AbortController();
  let error = null;
  let suggestions = null;
  try {
    const options = { signal: controller.signal, cache, onProgress: (p) => progress.push(p) };
    for await (const r of g.scan(input.files, options)) {
      records.push(r);
      if (abortAfter && records.length === abortAfter) controller.abort();
    }
    suggestions = await g.suggest(records, { today });
  } catch (e) {
    error = plainError(e);
  }
  const result = {
    files, records, progress, error, suggestions, analysed: g.analysed, crossOriginIsolated: self.crossOriginIsolated,
  };
  window.lastResult = result;
  return result;
};

const settle = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

// Damages the package's scan cache database the way a crash, a bug or
// another program could: 'records' overwrites every stored record with junk,
// 'schema' upgrades the database to a version and layout the package does not
// know. Resolves with how many records there were.
window.damageCache = async (mode) => {
  const db = await settle(indexedDB.open(DEFAULT_DB_NAME));
  const tx = db.transaction('records', 'readwrite');
  const store = tx.objectStore('records');
  const keys = await settle(store.getAllKeys());
  if (mode === 'records') {
    const junk = ['garbage', { ok: 'yes' }, { ok: true, format: 7 }, null, [1, 2, 3], { ok: false, error: 'x' }];
    keys.forEach((k, i) => store.put(junk[i % junk.length], k));
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const version = db.version;
  db.close();
  if (mode === 'schema') {
    const request = indexedDB.open(DEFAULT_DB_NAME, version + 1);
    request.onupgradeneeded = () => {
      request.result.deleteObjectStore('records');
      request.result.createObjectStore('something-else');
    };
    (await settle(request)).close();
  }
  return keys.length;
};
