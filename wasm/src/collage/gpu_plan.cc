// The collage's GPU plan: the steps of ComposeCollage that decide what is
// painted (probe, layout, decode scale, SmartCrop refinement, clamping of
// corners and borders) without the painting, so a WebGPU compositor paints
// the same picture. Kept step for step with compose.cc; the unit test
// collage_gpu_test.cc paints this plan with PaintCollage and requires the
// result to equal ComposeCollage's byte for byte, so the two cannot drift.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "collage/collage_internal.h"
#include "gemroll/collage.h"
#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/exif.h"

namespace gemroll {
namespace {

using collage_internal::Fmt;

// PaintCell's crop refinement: SmartCrop's position at the layout's crop
// size, unless that moves a keep box out.
void RefineCrop(const ImageView& photo, const std::vector<RelRect>& keep, CollageCell* cell) {
  if (cell->letterboxed) return;
  const float aspect = static_cast<float>(cell->draw_w) / cell->draw_h;
  StatusOr<SmartCropResult> sc = SmartCrop(photo, aspect, keep);
  if (!sc.ok()) return;
  const RelRect geo = cell->source;
  const double cx = sc->rect.x + sc->rect.w / 2.0, cy = sc->rect.y + sc->rect.h / 2.0;
  RelRect r = geo;
  r.x = static_cast<float>(std::clamp(cx - geo.w / 2.0, 0.0, 1.0 - geo.w));
  r.y = static_cast<float>(std::clamp(cy - geo.h / 2.0, 0.0, 1.0 - geo.h));
  for (const RelRect& k : keep) {
    if (k.x < r.x - 1e-6f || k.y < r.y - 1e-6f || k.x + k.w > r.x + r.w + 1e-6f ||
        k.y + k.h > r.y + r.h + 1e-6f) {
      return;
    }
  }
  cell->source = r;
  collage_internal::UpdateCellReasons(keep.size(), cell);
  if (!sc->reasons.empty()) {
    Reason why = sc->reasons.front();
    why.code = "smart_crop_" + why.code;
    why.text = "framed on the subject: " + why.text;
    cell->reasons.push_back(std::move(why));
  }
}

// Pixels of the chrome that differ from the bare background inside a cell.
Status CountTitleOverlap(const CollageLayoutResult& empty, const CollageStyle& style,
                         const CollageComposeOptions& options, CollageGpuPlan* plan) {
  CollageStyle bare = style;
  bare.title.clear();
  bare.subtitle.clear();
  Image background;
  bool drawn = false;
  GEMROLL_RETURN_IF_ERROR(PaintCollage({}, empty, bare, options, {}, &background, &drawn));
  for (const CollageGpuCell& c : plan->cells) {
    const int y1 = std::min(c.draw_y + c.draw_h, background.height());
    const int x0 = std::max(0, c.draw_x), x1 = std::min(c.draw_x + c.draw_w, background.width());
    for (int y = std::max(0, c.draw_y); y < y1; ++y) {
      const uint8_t* a = plan->chrome.Row(y);
      const uint8_t* b = background.Row(y);
      for (int x = x0; x < x1; ++x) {
        plan->title_overlap_pixels +=
            a[4 * x] != b[4 * x] || a[4 * x + 1] != b[4 * x + 1] || a[4 * x + 2] != b[4 * x + 2];
      }
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<CollageGpuPlan> PlanCollageGpu(const std::vector<CollageSource>& sources,
                                        const CollageLayoutOptions& layout_options,
                                        const CollageStyle& style,
                                        const CollageComposeOptions& options) {
  const size_t n = sources.size();
  if (n == 0) return InvalidArgument("collage: no photos");
  // Pass 1 (as ComposeCollage): orientation and upright sizes, then layout.
  std::vector<int> orientation;
  std::vector<CollagePhoto> photos;
  GEMROLL_RETURN_IF_ERROR(collage_internal::ProbeSources(sources, options, &orientation, &photos));
  CollageGpuPlan plan;
  GEMROLL_ASSIGN_OR_RETURN(plan.layout, LayoutCollage(photos, layout_options));
  CollageLayoutResult& layout = plan.layout;
  plan.accent = style.accent;
  // Pass 2: each photo decoded at the smallest scale that covers its cell,
  // its crop refined, edited cells resampled and edited here.
  plan.cells.resize(n);
  for (size_t i = 0; i < n; ++i) {
    CollageCell& cell = layout.cells[i];
    const CollagePhoto& p = photos[i];
    GEMROLL_ASSIGN_OR_RETURN(
        DecodedImage di,
        collage_internal::DecodeForCell(sources[i], p, orientation[i], i, options, &cell));
    const ImageView photo = di.image.View();
    if (photo.empty()) return InvalidArgument("collage: empty photo");
    if (options.smart_crop) RefineCrop(photo, p.keep, &cell);

    CollageGpuCell& g = plan.cells[i];
    g.photo = cell.photo;
    g.draw_x = cell.draw_x;
    g.draw_y = cell.draw_y;
    g.draw_w = cell.draw_w;
    g.draw_h = cell.draw_h;
    g.radius = std::min<double>(style.corner_radius, std::min(cell.draw_w, cell.draw_h) / 2.0);
    g.border = std::clamp(style.border_width, 0, std::min(cell.draw_w, cell.draw_h) / 4);
    const RelRect& src = cell.source;
    g.src_x = src.x * photo.width;
    g.src_y = src.y * photo.height;
    g.src_w = src.w * photo.width;
    g.src_h = src.h * photo.height;
    if (sources[i].has_edit) {
      // The edit runs on the resampled cell (as on the CPU path); the GPU
      // then places it 1:1 (an identity resample) with corners and border.
      GEMROLL_ASSIGN_OR_RETURN(
          Image part, collage_internal::ResampleRect(photo, g.src_x, g.src_y, g.src_w, g.src_h,
                                                     cell.draw_w, cell.draw_h));
      EditParams e = sources[i].edit;
      e.crop = RelRect{};
      e.straighten_deg = 0;
      GEMROLL_RETURN_IF_ERROR(ApplyEdit(part, e, &g.pixels));
      g.src_x = g.src_y = 0;
      g.src_w = cell.draw_w;
      g.src_h = cell.draw_h;
      g.edited_on_cpu = true;
      cell.reasons.push_back({"edited",
                              "the cell's edit applied (its crop and straightening are "
                              "left to the collage)",
                              0.2f});
    } else {
      g.pixels = std::move(di.image);
    }
  }
  collage_internal::Summarise(&layout);
  // The chrome: PaintCollage with no cells paints background, decoration and
  // title exactly as the CPU path does.
  CollageLayoutResult empty = layout;
  empty.cells.clear();
  GEMROLL_RETURN_IF_ERROR(
      PaintCollage({}, empty, style, options, {}, &plan.chrome, &plan.title_drawn));
  if (plan.title_drawn) GEMROLL_RETURN_IF_ERROR(CountTitleOverlap(empty, style, options, &plan));
  // The title's reason, as ComposeCollage adds it.
  if (layout.title_h > 0 && (!style.title.empty() || !style.subtitle.empty())) {
    if (!options.font || options.font_size == 0) {
      layout.reasons.push_back({"no_font", "no font given: the title band is left empty", -0.2f});
    } else if (plan.title_drawn) {
      layout.reasons.push_back({"title",
                                "titled \"" + style.title +
                                    (style.subtitle.empty() ? "" : " · " + style.subtitle) + "\"",
                                0.3f});
    } else {
      layout.reasons.push_back(
          {"bad_font", "the font could not be read: the title band is left empty", -0.2f});
    }
  }
  return plan;
}

}  // namespace gemroll
