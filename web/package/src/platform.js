// What the package needs to know about where it runs, without a static import
// of any node: module (so the same files load in browsers and bundlers).

export const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

// Node built-ins are loaded on demand, only on the node paths.
export function nodeModule(name) {
  return import(/* webpackIgnore: true */ `node:${name}`);
}

// The error a cancelled call rejects with: the signal's reason (an
// AbortError DOMException unless the caller gave another), like fetch().
export function abortReason(signal) {
  if (signal && signal.reason !== undefined) return signal.reason;
  return new DOMException('The operation was aborted.', 'AbortError');
}

export function defaultWorkerCount() {
  let cores = 2;
  if (isNode) {
    const os = process.getBuiltinModule ? process.getBuiltinModule('os') : null;
    if (os) cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  } else if (typeof navigator === 'object' && navigator.hardwareConcurrency) {
    cores = navigator.hardwareConcurrency;
  }
  // Every core: the caller's thread only hands over files and renders, so a
  // worker per core pays (node bench/node-bench.mjs on 2 cores: 2 workers scan
  // 12-MP JPEGs 1.9x as fast as one). Past 8 the decoder is memory bound.
  return Math.max(1, Math.min(8, cores));
}

// Curation records travel and persist as base64 text, so scan records stay
// JSON-able (scan.json, the scan cache) and still feed suggest().
export function toBase64(bytes) {
  if (typeof Buffer === 'function') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text) {
  if (typeof Buffer === 'function') return new Uint8Array(Buffer.from(text, 'base64'));
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
