// Edits and export: edit params in their two forms and the edit calls' options and results (src/edit.js).

import type { DetectedFace } from './models.js';

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
