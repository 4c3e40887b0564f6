// The engine in the calling thread, for callers with their own workers (loadEngine in src/index.js).

import type {
  AutoEnhanceResult,
  CropAspect,
  EditCallOptions,
  EditParamsInput,
  EditParamsJson,
  ExportJpegOptions,
  ExportedJpeg,
  RenderEditOptions,
  RenderedEdit,
  SmartCropOptions,
  SmartCropResult,
} from './edit.js';
import type { ErrorCode } from './errors.js';
import type { GemrollOptions, Variant } from './gemroll.js';
import type { TextEvidence } from './models.js';
import type { PhotoAnalysis } from './records.js';
import type { AnalyzeOptions } from './scan.js';
import type { Suggestions } from './suggestions.js';

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
    /** The text detector's input long side (a look at page scale, VerdictLimits.modelPageSide, counts without lines). */
    textSide?: number;
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
  /** Below this detector score or share of the frame no face counts as a person (CurationParams face_min_score / face_min_area). */
  faceMinScore: number;
  faceMinArea: number;
}

/** A parsed gazetteer in an engine's memory; free it with delete() (or `using`). */
export interface Gazetteer {
  /** Number of places. */
  size(): number;
  delete(): void;
  [Symbol.dispose](): void;
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

/** The engine in the calling thread; its calls are synchronous and block that thread. */
export interface Engine {
  readonly variant: Variant;
  readonly version: string;
  readonly simd: boolean;
  readonly limits: VerdictLimits;
  /** The core's error codes (status.h); a GemrollError's code is one of these or 'internal'. */
  readonly errorCodes: readonly Exclude<ErrorCode, 'internal'>[];
  /** Throws a GemrollError for bytes the core rejects. */
  analyzePhoto(bytes: Uint8Array | ArrayBuffer, options?: EngineAnalyzeOptions): EngineResult;
  /**
   * The kept photo's curation record (analyzePhoto with keep and recordPath) remade with
   * model evidence, as analyzePhoto with modelEvidence would give it, from the kept analysis.
   * Throws when the handle was deleted.
   */
  rejudgeKept(kept: KeptPhoto, options?: { modelEvidence?: EngineAnalyzeOptions['modelEvidence'] }): { curation: string };
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
  // Tensor work for the on-device models (src/models.js runs onnxruntime-web on it).
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
  // Edits and export in this thread.
  /** File bytes the core decodes (JPEG, PNG, HEIC). The same calls as Gemroll's, synchronous. */
  autoEnhance(bytes: Uint8Array | ArrayBuffer, options?: Omit<EditCallOptions, 'signal'>): AutoEnhanceResult;
  commitEdit(params: EditParamsInput): EditParamsJson;
  renderEdit(bytes: Uint8Array | ArrayBuffer, params: EditParamsInput, options?: Omit<RenderEditOptions, 'signal'>): RenderedEdit;
  exportJpeg(bytes: Uint8Array | ArrayBuffer, params: EditParamsInput, options?: Omit<ExportJpegOptions, 'signal'>): ExportedJpeg;
  smartCrop(bytes: Uint8Array | ArrayBuffer, aspect: CropAspect, options?: Omit<SmartCropOptions, 'signal'>): SmartCropResult;
}

export declare function loadEngine(options?: Omit<GemrollOptions, 'workers'>): Promise<Engine>;

/** Whether this engine validates WebAssembly SIMD128. */
export declare function simdSupported(): boolean;
