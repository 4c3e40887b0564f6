// Content features: cheap pixel evidence about what an image *is* (camera
// photo, UI screenshot, page of text, flat graphic) and how crisp its edges
// are, measured once per photo on the decoder's analysis image (short side
// ~360-760 px) for the verdict stage (classify.h) to weigh.
#ifndef GEMROLL_FEATURES_H_
#define GEMROLL_FEATURES_H_

#include "gemroll/image.h"
#include "gemroll/json.h"

namespace gemroll {

struct ContentFeatures {
  bool valid = false;  // false when the image was too small (< 16 px a side)

  // --- Born-digital evidence (UI, graphics).
  // Share of 4x4 blocks whose R, G and B each vary by at most 2 levels, 0..1.
  // UI backgrounds and flat graphics: 0.6-0.95; photos: skies and walls only.
  float flat_fraction = 0;
  // Share of 4x4 blocks that are flat and not paper-like (dark or coloured
  // panels, bars, fills), 0..1. A UI has some; a page scan has ~none; a flat
  // graphic is mostly this.
  float flat_colored_fraction = 0;
  // Share of 4x4 blocks that are flat in one of the two most common flat
  // colours (5 bits per channel), 0..1: the background and panel colour of a
  // UI repeat exactly; the flat patches of a photo (sky, shadows) drift.
  float flat_top_colors = 0;
  // Share of strong-gradient energy (central difference >= 40 levels) at
  // pixels whose gradient is axis-aligned within ~7 degrees, 0..1. UI panels,
  // tables and type: 0.6+; natural scenes: 0.2-0.45.
  float axis_edge_share = 0;
  // Colour count after quantising to 4 bits per channel (4096 bins):
  // occupied bins (>= 1 pixel in 10,000) and the fewest bins that hold 90% of
  // the pixels. UI: tens; photos: hundreds.
  int distinct_colors = 0;
  int colors_90 = 0;
  // Top status bar / bottom navigation bar, 0..1: 1 when a band at the edge
  // holds a group of small marks (clock, icons) 0.7-4.5% of the height tall on
  // an otherwise uniform background, padded by uniform rows; scaled down as
  // the band's background gets less uniform.
  float status_bar = 0;
  float nav_bar = 0;

  // --- Text and paper evidence.
  // Share of pixels on thin (<= 5 px) high-contrast strokes (>= 32 levels
  // against the ground on both sides, dark-on-light or light-on-dark), 0..1.
  float stroke_fraction = 0;
  // Share of 16x16 blocks that look like type: several strokes crossing a
  // plain ground (>= 45% of the block within 24 levels of the ground), 0..1.
  float text_block_fraction = 0;
  // Share of pixels that are paper-like: luma >= 150 and low saturation
  // ((max-min) <= 0.2 max + 6), 0..1.
  float paper_fraction = 0;
  // Page quadrilateral: the largest 4-connected region of paper-like 8x8
  // blocks. page_area: its share of the image, 0..1. page_fill: its share
  // of its own bounding box, 0..1 (a page, even in perspective, fills
  // most of it; scattered bright clutter does not). page_aspect: long/short
  // side of the bounding box, >= 1 (receipts are long strips: 1.8+).
  // page_borders: how many image borders the box touches, 0..4 (a scan
  // fills the frame; a photographed page sits inside a background).
  float page_area = 0;
  float page_fill = 0;
  float page_aspect = 1;
  int page_borders = 0;
  // Share of the page region's pixels that lie on thin strokes, 0..1: type
  // and handwriting on paper (0.03-0.15) versus a blank bright surface.
  float page_ink = 0;

  // --- Edge acutance (blur evidence that ignores contrast and texture
  // amount). At strong edge centres, the steepest one-pixel step divided by
  // the rise over +-3 px, measured on luma box-reduced to a short side of
  // ~300-500 px: a crisp step reads ~1, a ramp 2 px wide 0.5, 6+ px wide
  // ~0.17. Medians over edges of each orientation; 0 when too few edges.
  float acutance = 0;    // all edges
  float acutance_x = 0;  // edges crossed horizontally (vertical edges)
  float acutance_y = 0;  // edges crossed vertically (horizontal edges)
  int edge_count = 0;    // strong edge centres measured
  // The crispest tenth of the edges (90th percentile): a sharp subject keeps
  // it high however soft the rest of the frame is; in a blurred photo even
  // the best edges ramp.
  float acutance_p90 = 0;
  // Share of pixels on a strong step at a quarter of the acutance scale
  // (short side ~100 px): structure exists there even when blur has made
  // the fine-scale edges too shallow to measure; sky and fog have little.
  float coarse_edge_fraction = 0;

  // camelCase keys.
  void WriteJson(JsonWriter& w) const;
};

// Upright RGBA8 image (alpha ignored). Never fails: tiny or empty images give
// valid == false and zeros.
ContentFeatures ComputeContentFeatures(const ImageView& rgba);

}  // namespace gemroll

#endif  // GEMROLL_FEATURES_H_
