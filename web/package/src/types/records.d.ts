// The record scan() yields per photo, with the same fields as `gemroll analyze` on the command line.

import type { ErrorCode } from './errors.js';
import type { DetectedFace, ModelRunInfo, TextEvidence } from './models.js';

export type ImageFormat =
  | 'unknown' | 'jpeg' | 'png' | 'heif' | 'avif' | 'webp' | 'gif' | 'bmp' | 'tiff' | 'rgba';

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
  /**
   * The analysis image; `source: 'thumbnail'` when a HEIC's thumbnail item was big enough to
   * analyse, 'preview' for a `preview` scan (the file's own small preview).
   */
  analysis: { width: number; height: number; scaleDenom: number; source?: 'thumbnail' | 'preview' };
  /** A `preview` scan's record: a first look, until the photo itself is scanned. */
  provisional?: true;
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
