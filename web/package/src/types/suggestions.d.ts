// suggest()'s result, suggestions.json (schema/suggestions.schema.json): groups, moments, gems.

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
  /** Judged from the file's small preview only (a `preview` scan): offer nothing of it for cleanup. */
  provisional?: true;
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
  /**
   * Where the eye goes: the box around the faces counted as people (kind 'faces'), else the
   * sharpest region of the metrics grid when it stands out from the median region (kind
   * 'sharp_region'); absent when neither. Recaps pan towards it; collages keep it in the crop.
   */
  focus?: {
    kind: 'faces' | 'sharp_region';
    /** Relative to the upright frame (0..1). */
    box: { x: number; y: number; width: number; height: number };
    /** kind 'faces': how many faces the box holds. */
    faces?: number;
    /** kind 'sharp_region': the region's row-major index in a grid x grid split, and its sharpness above the median region's. */
    region?: number;
    grid?: number;
    lift?: number;
  };
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
  /** A member is provisional (a `preview` scan's): grouped from previews, not proof of a copy. */
  provisional?: true;
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
  /**
   * What a collage or recap of the moment shows, in order of preference: the picks, then its
   * other good photos (not excluded, one per duplicate or burst group) best first, at most 24
   * (or the picks if more), each with its reason.
   */
  showcase: { path: string; reason: SuggestionReason }[];
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
