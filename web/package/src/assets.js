// @ts-check
// Locating and compiling the wasm engine. Assets live in the package's wasm/
// folder unless the caller moves them (assetsBase: a CDN, a bundler's output).
import { GemrollError } from './errors.js';
import { isNode, nodeModule } from './platform.js';
/** @import { GemrollOptions, Variant } from './types/gemroll.js' */

// The smallest module that uses a SIMD128 instruction (i8x16.popcnt of a
// splat, as in wasm-feature-detect): if it validates, the SIMD build runs.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253,
  98, 11,
]);

export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

// A URL for a URL or a string: strings with a scheme are URLs, others are
// node paths (resolved against the working directory) or, in browsers,
// relative to the page. `what` names the option in the TypeError.
export async function resolveLocation(value, what) {
  if (value instanceof URL) return new URL(value.href);
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    return new URL(value);
  }
  if (typeof value === 'string' && isNode) {
    const { pathToFileURL } = await nodeModule('url');
    const { resolve } = await nodeModule('path');
    return pathToFileURL(resolve(value));
  }
  if (typeof value === 'string' && typeof location === 'object') return new URL(value, location.href);
  throw new TypeError(`${what} must be a URL or a path`);
}

// A directory URL ending in '/'. Strings without a scheme are node paths.
export async function resolveAssetsBase(assetsBase) {
  const base = assetsBase === undefined || assetsBase === null
    ? new URL('../wasm/', import.meta.url)
    : await resolveLocation(assetsBase, 'assetsBase');
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

// The gazetteer asset next to the wasm builds (made by scripts/gazetteer-asset.mjs).
export const GAZETTEER_ASSET = 'places.tsv.gz';

/**
 * @param {Variant | 'auto'} [variant]
 * @returns {Variant}
 */
export function pickVariant(variant = 'auto') {
  if (variant === 'simd' || variant === 'scalar') return variant;
  if (variant !== 'auto') throw new TypeError(`variant must be 'auto', 'simd' or 'scalar', not ${variant}`);
  return simdSupported() ? 'simd' : 'scalar';
}

// {glueUrl, module}: the Emscripten ES module factory's URL and the compiled
// WebAssembly.Module, compiled once and shared with every worker.
/** @param {Pick<GemrollOptions, 'assetsBase' | 'variant'>} [options] */
export async function loadAssets({ assetsBase, variant } = {}) {
  const base = await resolveAssetsBase(assetsBase);
  const chosen = pickVariant(variant);
  const glueUrl = new URL(`gemroll-${chosen}.js`, base);
  const wasmUrl = new URL(`gemroll-${chosen}.wasm`, base);
  let module;
  try {
    if (wasmUrl.protocol === 'file:' && isNode) {
      const { readFile } = await nodeModule('fs/promises');
      module = await WebAssembly.compile(await readFile(wasmUrl));
    } else {
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const streaming =
        typeof WebAssembly.compileStreaming === 'function' &&
        (response.headers.get('content-type') || '').startsWith('application/wasm');
      module = streaming
        ? await WebAssembly.compileStreaming(response)
        : await WebAssembly.compile(await response.arrayBuffer());
    }
  } catch (cause) {
    throw new Error(`gemroll: cannot load ${wasmUrl.href} (${cause && cause.message})`, { cause });
  }
  return { glueUrl: glueUrl.href, module, variant: chosen, base: base.href };
}

// Instantiates the engine in the calling thread from loadAssets() output.
// Synchronous calls on it block this thread: the package does this only in
// its workers.
export async function instantiateEngine({ glueUrl, module }) {
  const { default: createGemrollModule } = await import(/* webpackIgnore: true */ glueUrl);
  let fail;
  const failed = new Promise((_, reject) => (fail = reject));
  const ready = createGemrollModule({
    GemrollError,  // the glue throws the package's class (bindings_post.js)
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module), fail);
      return {};
    },
  });
  return Promise.race([ready, failed]);
}
