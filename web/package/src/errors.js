// @ts-check
// The package's one error class. Every failure the package reports about a
// photo, an edit, a collage, a recap or its own inputs is a GemrollError with
// a code (types/errors.d.ts ErrorCode; the core's StatusCodeName for engine
// failures). Errors cross the worker boundary as plain {code, message}
// envelopes (`toEnvelope`) and become GemrollErrors again on the page thread
// (`GemrollError.from`); the engine's glue throws this class too (assets.js
// hands it to the module).
/** @import { ErrorCode, GemrollError as GemrollErrorApi } from './types/errors.js' */

/**
 * @template {string} [C=ErrorCode]
 * @implements {GemrollErrorApi<C>}
 */
export class GemrollError extends Error {
  /**
   * @param {C} code
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'GemrollError';
    this.code = code;
  }

  // An {code, message} envelope (a worker's `failed` message, an {error}
  // result of a *Raw binding) -> a GemrollError; `prefix` names the item.
  /** @type {typeof GemrollErrorApi.from} */
  static from(error, prefix = '') {
    const code = (error && error.code) || 'internal';
    const message = (error && error.message) || String(error);
    return new GemrollError(code, prefix ? `${prefix}${message}` : message);
  }
}

// Whether `e` is an error the package made (also across realms and from a
// glue built without the class: those carry the name).
export function isGemrollError(e) {
  return e instanceof GemrollError || (!!e && typeof e === 'object' && typeof e.code === 'string' &&
    (e.name === 'GemrollError' || e.name === 'RecapError'));
}

// {error: {code, message}} results of the *Raw bindings -> thrown GemrollError.
export function unwrap(result) {
  if (result && result.error) throw GemrollError.from(result.error);
  return result;
}

// What a worker posts for an error: the code and message only (Error objects
// do not clone their own properties across postMessage in every runtime).
export function toEnvelope(e, fallbackCode = 'internal') {
  return {
    code: isGemrollError(e) ? e.code : fallbackCode,
    message: String((e && e.message) || e),
  };
}
