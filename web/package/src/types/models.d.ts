// The on-device models' options and what they add to a record (src/models.js, src/face-attributes.js).

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
