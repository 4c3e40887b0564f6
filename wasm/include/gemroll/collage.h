// Collages: lays photos out on a canvas (grid, mosaic, strip, hero plus
// thumbnails) with each cell cropped around faces and saliency, composes the
// picture on the CPU (the reference a GPU path must match) with a themed
// background and title, and suggests a collage per moment with reasons.
//
// Composition, in plain terms (what a GPU implementation reproduces):
//   1. fill the canvas with the background: a vertical gradient from
//      style.background_top to style.background_bottom, then the theme's
//      decoration (dots, deterministic) — it only shows in gutters, margins
//      and the title band, since cells are drawn over it;
//   2. for each cell: decode the source, take CollageCell::source (relative
//      to the upright photo), resample it to the cell's draw rect (area
//      average when shrinking, bilinear when enlarging), apply the cell's
//      EditParams (ApplyEdit), and paint it with the cell's rounded-corner
//      mask (style.corner_radius, anti-aliased by pixel coverage) and an
//      optional border of style.border_width inside the dest rect;
//   3. rasterise title and subtitle (stb_truetype, DejaVu Sans Bold)
//      centred in the title band and blend them with style.text by coverage.
#ifndef GEMROLL_COLLAGE_H_
#define GEMROLL_COLLAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gemroll/classify.h"
#include "gemroll/edit.h"
#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/limits.h"
#include "gemroll/status.h"

namespace gemroll {

enum class CollageLayout : uint8_t { kGrid, kMosaic, kStrip, kHero };
const char* CollageLayoutName(CollageLayout l);  // "grid", "mosaic", "strip", "hero"
bool CollageLayoutFromName(std::string_view name, CollageLayout* out);

enum class CollageTheme : uint8_t { kNone, kBirthday, kGraduation, kTrip, kHoliday, kYearInReview };
// "none", "birthday", "graduation", "trip", "holiday", "year_in_review"
const char* CollageThemeName(CollageTheme t);
bool CollageThemeFromName(std::string_view name, CollageTheme* out);

// What the layout needs to know about a photo: its upright size (only the
// ratio matters) and boxes that must stay whole (faces), relative 0..1.
struct CollagePhoto {
  int width = 0, height = 0;
  std::vector<RelRect> keep;
};

struct CollageLayoutOptions {
  CollageLayout layout = CollageLayout::kMosaic;
  int width = 2048, height = 1536;  // canvas, pixels
  int gutter = 12;                  // between cells
  int margin = -1;                  // around the cells; -1: the gutter
  int title_height = 0;             // band reserved at the top for titles
  int hero = 0;                     // the hero photo's index (kHero)
};

struct CollageCell {
  int photo = 0;
  int x = 0, y = 0, w = 0, h = 0;  // the cell on the canvas, pixels
  // Where the picture is painted: the cell itself, or a centred rectangle
  // inside it when faces could not fit the cell's shape (letterboxed).
  int draw_x = 0, draw_y = 0, draw_w = 0, draw_h = 0;
  RelRect source;            // the crop of the upright photo shown
  float crop_loss = 0;       // 1 - shown area / photo area
  bool letterboxed = false;  // faces kept whole at the price of bars
  std::vector<Reason> reasons;
};

struct CollageLayoutResult {
  CollageLayout layout = CollageLayout::kMosaic;
  int width = 0, height = 0;
  int title_x = 0, title_y = 0, title_w = 0, title_h = 0;  // empty when no band
  std::vector<CollageCell> cells;                          // one per photo, in photo order
  float mean_crop_loss = 0, max_crop_loss = 0;
  std::vector<Reason> reasons;
  void WriteJson(JsonWriter& w) const;
};

// Places every photo. Mosaic: a guillotine (slicing) tree whose cells keep
// the photos' aspect ratios as closely as the canvas allows, found by a
// deterministic randomised search over trees scored on crop loss and cell
// size balance. Source crops here are geometric (the largest crop of the
// cell's shape centred on the keep boxes); ComposeCollage refines them with
// SmartCrop on the pixels. All weights: kCollageParams in
// src/collage/layout.cc.
StatusOr<CollageLayoutResult> LayoutCollage(const std::vector<CollagePhoto>& photos,
                                            const CollageLayoutOptions& options);

// The crop of a width x height photo for a cell of aspect `cell_aspect`
// (w / h): the largest such crop centred on the keep boxes. When the boxes
// cannot fit that shape, the smallest extension of their union towards it
// (inside the photo) and *letterboxed = true.
RelRect CropForCell(int width, int height, float cell_aspect, const std::vector<RelRect>& keep,
                    bool* letterboxed);

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
};
// "#rrggbb" -> colour; false when malformed.
bool ParseHexColor(std::string_view hex, Rgba* out);

enum class CollageDecoration : uint8_t { kNone, kConfetti, kSnow, kStars, kRule };

struct CollageStyle {
  Rgba background_top{250, 249, 246, 255};
  Rgba background_bottom{250, 249, 246, 255};
  Rgba text{34, 34, 34, 255};
  Rgba accent{200, 160, 60, 255};  // decoration and borders
  CollageDecoration decoration = CollageDecoration::kNone;
  int corner_radius = 0;  // pixels
  int border_width = 0;   // pixels, drawn inside each cell in `accent`
  std::string title, subtitle;
};

// A theme: its look, its layout, and how it titles a moment.
struct ThemeSpec {
  CollageTheme theme = CollageTheme::kNone;
  CollageStyle style;  // corner_radius and border_width unset: see StyleFor
  CollageLayout layout = CollageLayout::kMosaic;
  float title_band = 0;  // title band height / canvas height
  // Corner radius and cell border relative to the canvas' short side.
  float corner = 0, border = 0;
  // The style for a canvas of that size, and the title band in pixels.
  CollageStyle StyleFor(int width, int height) const;
  // (of the shorter side, so a tall strip's title is not huge).
  int TitleHeight(int width, int height) const;
};
// The theme's style with title/subtitle filled from the moment: place (may
// be empty) and its first and last day as "YYYY-MM-DD" (may be empty), e.g.
// trip -> "Trip to Lisbon" / "May 2024".
ThemeSpec GetTheme(CollageTheme theme, std::string_view place = {}, std::string_view start_day = {},
                   std::string_view end_day = {});

// One photo of a collage: encoded bytes (JPEG, PNG, HEIC; EXIF orientation
// applied), its upright size when known (0: probed by a small decode), keep
// boxes and an optional edit applied to the cell.
struct CollageSource {
  const uint8_t* data = nullptr;
  size_t size = 0;
  int width = 0, height = 0;
  std::vector<RelRect> keep;
  EditParams edit;
  bool has_edit = false;
};

struct CollageComposeOptions {
  bool smart_crop = true;  // refine each crop with SmartCrop on the pixels
  uint64_t max_pixels = kMaxInputPixels;
  // TrueType font for titles (DejaVu Sans Bold in the package); empty: titles
  // are not drawn and a reason says so.
  const uint8_t* font = nullptr;
  size_t font_size = 0;
};

struct CollageResult {
  Image image;  // RGBA8, opaque
  CollageLayoutResult layout;
  bool title_drawn = false;
};

// Decodes each photo at the smallest scale that covers its cell (DCT
// scaling for JPEG), one at a time, and paints the collage. A photo that
// cannot be decoded fails the whole call with its index in the message.
StatusOr<CollageResult> ComposeCollage(const std::vector<CollageSource>& sources,
                                       const CollageLayoutOptions& layout,
                                       const CollageStyle& style,
                                       const CollageComposeOptions& options = {});

// Paints a laid-out collage from pixels already decoded (upright RGBA, one per
// cell's photo, any scale): what ComposeCollage does after decoding, for
// callers (and tests) holding pixels. The cells' source rects are used as
// they are (options.smart_crop is ignored: ComposeCollage's result layout
// already carries its refined crops).
Status PaintCollage(const std::vector<ImageView>& photos, const CollageLayoutResult& layout,
                    const CollageStyle& style, const CollageComposeOptions& options,
                    const std::vector<const EditParams*>& edits, Image* canvas, bool* title_drawn);

// Title rasterisation: draws `text` centred in the rectangle, shrinking the
// size until it fits the width. Returns false when the font is unusable.
bool DrawText(Image* canvas, const uint8_t* font, size_t font_size, std::string_view text, int x,
              int y, int w, int h, Rgba colour);

// ---- Suggestions ----------------------------------------------------------

struct CollageMomentPhoto {
  int index = 0;  // the caller's id for the photo (record index)
  int width = 0, height = 0;
  float gem = 0;  // scores.gem
  int faces = 0;  // faces found by the on-device model; 0 when not run
};

struct CollageMoment {
  std::string type;   // "event", "trip", "on_this_day", "year"
  std::string title;  // the moment's title ("Saturday in Amsterdam"), for untitled themes
  std::string place;  // "" when unknown
  std::string start_day, end_day;         // "YYYY-MM-DD"
  std::vector<CollageMomentPhoto> picks;  // best first
};

struct CollageSuggestOptions {
  int max_photos = 9;
  std::vector<std::string> birthdays;  // "MM-DD": a moment on that day is a birthday
  int width = 2048;                    // canvas width; height follows the layout
};

struct CollageSuggestion {
  CollageTheme theme = CollageTheme::kNone;
  CollageLayout layout = CollageLayout::kMosaic;
  std::vector<int> photos;  // CollageMomentPhoto::index, in cell order
  int hero = 0;             // position in photos of the hero (kHero)
  int width = 0, height = 0;
  std::string title, subtitle;
  std::vector<Reason> reasons;
  void WriteJson(JsonWriter& w) const;
};

// Theme from the moment's type and dates (trip, holiday season Dec 20 - Jan
// 6, a listed birthday, a year), layout from the number and shapes of the
// photos chosen (picks, photos with faces preferred). Graduation is never
// guessed (nothing on the device says so); callers choose it. Fails with
// kInvalidArgument when fewer than 2 photos are usable.
StatusOr<CollageSuggestion> SuggestCollage(const CollageMoment& moment,
                                           const CollageSuggestOptions& options = {});

// ---- GPU composition plan (src/collage/gpu_plan.cc) -------------------------
// Everything a GPU compositor (web/package/src/gpu/compose.js) needs to paint
// the picture ComposeCollage paints, computed the same way (decode scale,
// SmartCrop refinement, corner and border clamping); the CPU path stays the
// reference and the GPU only resamples, masks and blends.

struct CollageGpuCell {
  int photo = 0;
  // Upright RGBA8 pixels of the photo at the scale ComposeCollage decodes it;
  // for an edited cell, the cell already resampled and edited on the CPU.
  Image pixels;
  double src_x = 0, src_y = 0, src_w = 0, src_h = 0;  // the crop in `pixels`, fractional
  int draw_x = 0, draw_y = 0, draw_w = 0, draw_h = 0;
  double radius = 0;  // corner radius, clamped as the CPU painter clamps it
  int border = 0;     // border width, clamped likewise
  bool edited_on_cpu = false;
};

struct CollageGpuPlan {
  // The canvas before any cell: background, decoration and title (the
  // title band never holds cells, so painting it first changes nothing
  // unless a glyph strays into a cell: title_overlap_pixels counts those).
  Image chrome;
  Rgba accent;  // border colour
  std::vector<CollageGpuCell> cells;
  CollageLayoutResult layout;  // as ComposeCollage returns it (refined crops, reasons)
  bool title_drawn = false;
  int64_t title_overlap_pixels = 0;
};

StatusOr<CollageGpuPlan> PlanCollageGpu(const std::vector<CollageSource>& sources,
                                        const CollageLayoutOptions& layout,
                                        const CollageStyle& style,
                                        const CollageComposeOptions& options = {});

}  // namespace gemroll

#endif  // GEMROLL_COLLAGE_H_
