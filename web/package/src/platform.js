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
  // Leave a core for the caller's thread; past 8 the decoder is memory bound.
  return Math.max(1, Math.min(8, cores - 1));
}
