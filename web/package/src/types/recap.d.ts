// Recaps: a moment as a short video, planned in node or browsers and encoded in browsers (src/recap.js).

import { GemrollError } from './errors.js';
import type { SuggestedPhoto, SuggestionMoment } from './suggestions.js';

/** What planRecap needs to know of a photo: its size and a suggestions entry's focus (a suggestions entry as it is). */
export interface RecapPhotoInfo {
  /** Upright full-resolution size. */
  width: number;
  height: number;
  /** false: left out (not readable). */
  ok?: boolean;
  /** Where the camera moves towards; without it the recap zooms on the centre. */
  focus?: SuggestedPhoto['focus'];
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
