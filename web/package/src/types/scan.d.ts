// What scan() reads and how: the inputs it accepts, the analysis options and its progress.

import type { ModelOptions } from './models.js';

/** Mirrors the core's AnalyzeOptions (wasm/include/gemroll/analyze.h). */
export interface AnalyzeOptions {
  /** Smallest short side of the analysis image; JPEGs decode at 1/2, 1/4 or 1/8 to reach it. Default 360. */
  minShortSide?: number;
  /** Refuse images over this many pixels (checked before allocating). Default 100e6. */
  maxPixels?: number;
  /** Refuse inputs over this many bytes. Default 512 MiB. */
  maxBytes?: number;
  /** Fast IDCT and chroma upsampling (indistinguishable at analysis scale). Default true. */
  fastDecode?: boolean;
  /** Long side of a JPEG thumbnail returned with each record; 0 (default) = none. */
  thumbnailLongSide?: number;
  /** JPEG quality of that thumbnail. Default 80. */
  thumbnailQuality?: number;
}

export interface ScanProgress {
  /** 'listing' (finding files; total grows with done), then 'analysing' (total fixed). */
  stage: 'listing' | 'analysing';
  done: number;
  total: number;
  /** 'analysing' only: how many of `done` came from the scan cache (no engine call). */
  cached?: number;
}

export interface ScanOptions extends AnalyzeOptions {
  /** Aborting ends the iteration with signal.reason (an AbortError unless given another) and stops the workers' current photos. */
  signal?: AbortSignal;
  /** Called synchronously; stages come in order and done never decreases within a stage. */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * The scan cache, for inputs with a file identity: paths in node; `File`s (from
   * `<input type=file>`, drag and drop) and File System Access handles in browsers.
   * A file whose relative path, size, mtime and first/last 64 KiB are unchanged
   * (and the engine version and analysis options too) is not analysed again; its
   * record has `cached: true`. Node: a JSON file, default
   * `<os cache dir>/gemroll/scan-cache-v1.json` (XDG_CACHE_HOME or ~/.cache on Linux,
   * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows); a string names another.
   * Browsers: an IndexedDB database, default `gemroll-scan-cache-v1`; a string names
   * another. `false`: none. Thumbnails are not cached: a cache hit (`cached: true`)
   * carries no `thumbnail`; scan that file again with `cache: false` for one. A corrupt or unreadable cache (file, database or records) is ignored and
   * rebuilt, never an error.
   */
  cache?: string | boolean;
  /**
   * On-device models (off by default in the package; the web app turns them on):
   * BlazeFace faces and PP-OCRv4 text detection through onnxruntime-web (one
   * thread per worker) in the workers, in node and in browsers. They run after the
   * cheap pass, only where its classical verdict leaves them something to do (see
   * `ModelOptions.gate`), and their evidence then joins the record's kind verdict.
   * Model files load on first need from `modelsBase` (same origin by default), are
   * checked against their manifest sha256 and, in browsers, kept in Cache Storage
   * (`gemroll-models`). Records get `faces`, `text` and `models`; a model that
   * cannot load or run leaves its field out and says why in `models.unavailable`,
   * never failing the scan. Browsers need onnxruntime-web's files served from
   * `ortBase` (see README).
   */
  models?: boolean | ModelOptions;
  /**
   * A first, provisional look: each photo is analysed from the small preview the
   * file carries (a JPEG's EXIF thumbnail, read from its first 16-256 KiB only; a
   * HEIC's thumbnail item), for gems and moments within seconds on a big roll. Its
   * records have `provisional: true` and `analysis.source: 'preview'`; files
   * without a preview fail with `unsupported` (a PNG screenshot, a JPEG without a
   * thumbnail). No models and no scan cache. Blur and exposure are not judged on
   * a preview, and suggest() marks provisional photos and groups: offer nothing of
   * them for cleanup. Scan again without `preview` for the real records.
   */
  preview?: boolean;
}

/** A file on the caller's side that has no path: a name and its bytes. */
export interface NamedBytes {
  name: string;
  data: Uint8Array | ArrayBuffer | Blob;
}

/** Minimal shape of the File System Access API handles accepted by scan(). */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<Blob>;
}

/** One file: a path or file: URL (node only), bytes, a Blob/File or a file handle. */
export type FileInput = string | URL | Uint8Array | ArrayBuffer | Blob | NamedBytes | FileHandleLike;

/**
 * What scan() accepts. Strings and file: URLs are paths (node only): a file, or
 * a folder walked recursively (paths in records are then relative to it).
 * Bytes without a name are called "#1", "#2", ... in order. Caller-owned
 * buffers are copied, never detached.
 */
export type ScanInput =
  | FileInput
  | DirectoryHandleLike
  | Iterable<ScanInput>
  | AsyncIterable<ScanInput>;
