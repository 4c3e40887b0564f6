// The package's error codes and its one error class (src/errors.js).

export type ErrorCode =
  | 'invalid_argument' | 'corrupt_data' | 'truncated' | 'unsupported' | 'unknown_format' | 'empty'
  | 'too_large' | 'out_of_memory' | 'cancelled' | 'io' | 'internal';

/**
 * The package's one error class: every failure it reports (a photo the core rejects, an unreadable
 * file, an edit, a collage, a recap) is a GemrollError with a code. Thrown by the engine's glue too.
 */
export declare class GemrollError<C extends string = ErrorCode> extends Error {
  constructor(code: C, message: string, options?: { cause?: unknown });
  readonly code: C;
  /** 'GemrollError' ('RecapError' for the recap's subclass). */
  name: string;
  /** An {code, message} envelope (a worker's failure, an {error} result of a *Raw call) as a GemrollError. */
  static from(error: { code?: string; message?: string }, prefix?: string): GemrollError<string>;
}
