// Collages: photos composed into one JPEG with a layout, theme and title, and suggested ones (src/collage.js).

import type { PhotoRecord } from './records.js';
import type { FileInput } from './scan.js';
import type { SuggestedPhoto, SuggestionReason } from './suggestions.js';

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
  | FileInput
  | {
      input: FileInput;
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
  /** @deprecated Ignored: face boxes come from the suggestions photos' `focus`. */
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
  /** Strongest first: "6 photos from a trip to Porto → mosaic, trip theme", then theme, layout, faces. */
  reasons: SuggestionReason[];
}

/** Face boxes of a scan record made with models: true, relative to the photo (every detected face). */
export declare function keepBoxesFromRecord(record: PhotoRecord): RelativeBox[];
/**
 * A suggestions photo entry's focus as keep boxes: the box around the faces the core counts as
 * people ([] when its focus is not faces) — what suggestCollage puts in `photos[].keep`.
 */
export declare function keepBoxesFromSuggestion(entry: SuggestedPhoto): RelativeBox[];
