// The page test/browser.test.mjs drives: it uses the package as an app would
// (an ES module import, a folder from <input webkitdirectory>) and leaves
// plain, structured-clonable results for the test to read.
import { Gemroll } from '/src/index.js';

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
// came in. Suggestions are computed when the scan finished.
window.scanInput = async ({ today = '2026-01-01', abortAfter = 0 } = {}) => {
  const files = [...(input.files || [])].map((f) => ({ path: f.webkitRelativePath, size: f.size, type: f.type }));
  const progress = [];
  const records = [];
  const controller = new AbortController();
  let error = null;
  let suggestions = null;
  try {
    for await (const r of g.scan(input.files, { signal: controller.signal, onProgress: (p) => progress.push(p) })) {
      records.push(r);
      if (abortAfter && records.length === abortAfter) controller.abort();
    }
    suggestions = await g.suggest(records, { today });
  } catch (e) {
    error = plainError(e);
  }
  const result = { files, records, progress, error, suggestions, crossOriginIsolated: self.crossOriginIsolated };
  window.lastResult = result;
  return result;
};
