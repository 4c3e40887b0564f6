// Smart crop in the spirit of smartcrop.js: a cheap saliency map (edge
// energy, colourfulness, skin-like tones) on a ~96 px copy, then every crop of
// the wanted aspect over a grid of scales and positions is scored on named
// parts (saliency kept, rule of thirds, saliency cut by the border, size).
// Keep boxes (faces) are hard constraints: candidates that cut one are never
// scored.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "edit/edit_internal.h"
#include "gemroll/edit.h"
#include "gemroll/metrics.h"

namespace gemroll {
namespace {

// Every weight and threshold of smart crop, in one place.
struct SmartCropParams {
  int map_long_side = 96;  // saliency map size
  // saliency = edge * edge_weight + saturation * saturation_weight + skin * skin_weight
  float edge_weight = 1.0f;  // |central difference| of display luma, x plus y
  float saturation_weight = 0.3f;
  float skin_weight = 1.2f;
  float skin_colour[3] = {0.78f, 0.57f, 0.44f};  // smartcrop.js's skin tone (normalised RGB)
  float skin_threshold = 0.8f;                   // 1 - distance of normalised colours
  float min_luma = 0.15f, max_luma = 0.95f;      // skin and saturation only count inside
  float keep_boost = 0.5f;                       // extra saliency per cell inside a keep box
  float floor = 1e-4f;                           // so a blank image still has a centre of mass
  // Candidates.
  float min_scale = 0.5f;  // smallest crop, relative to the largest of the aspect
  int scale_steps = 6;
  int position_steps = 16;
  // Scoring.
  float thirds_width = 1.0f / 6;  // closeness to a thirds line falls to 0 at this distance
  float border_band = 0.06f;      // saliency this close to a crop edge counts as cut
  float saliency_weight = 1.0f;
  float thirds_weight = 0.25f;
  float border_weight = 0.5f;
  float area_weight = 0.3f;
};
constexpr SmartCropParams kSmartCropParams;

struct Aspect {
  int w, h;
};
Aspect AspectOf(CropAspect a) {
  switch (a) {
    case CropAspect::k1x1:
      return {1, 1};
    case CropAspect::k4x5:
      return {4, 5};
    case CropAspect::k9x16:
      return {9, 16};
    case CropAspect::k16x9:
      return {16, 9};
  }
  return {1, 1};
}

float Thirds(float u) {
  const float d = std::min(std::fabs(u - 1.0f / 3), std::fabs(u - 2.0f / 3));
  const float t = d / kSmartCropParams.thirds_width;
  return std::max(0.0f, 1 - t * t);
}

std::string Fmt(const char* fmt, double a, const char* b = "") {
  char buf[160];
  std::snprintf(buf, sizeof(buf), fmt, a, b);
  return buf;
}

}  // namespace

const char* CropAspectName(CropAspect a) {
  switch (a) {
    case CropAspect::k1x1:
      return "1:1";
    case CropAspect::k4x5:
      return "4:5";
    case CropAspect::k9x16:
      return "9:16";
    case CropAspect::k16x9:
      return "16:9";
  }
  return "1:1";
}

void SmartCropResult::WriteJson(JsonWriter& w) const {
  w.BeginObject().Key("rect").BeginObject();
  w.Field("x", rect.x).Field("y", rect.y).Field("w", rect.w).Field("h", rect.h).EndObject();
  w.Key("pixels").BeginObject();
  w.Field("x", x).Field("y", y).Field("w", this->w).Field("h", h).EndObject();
  w.Key("score").BeginObject();
  w.Field("saliency", score.saliency).Field("thirds", score.thirds).Field("edges", score.edges);
  w.Field("area", score.area).Field("total", score.total).EndObject();
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

namespace {

// The aspect is the rational a.w : a.h (the enum's exact ratios, or an
// arbitrary ratio scaled to integers); `aspect_name` names it in messages.
StatusOr<SmartCropResult> SmartCropRational(const ImageView& rgba, Aspect a,
                                            const char* aspect_name,
                                            const std::vector<RelRect>& keep) {
  const SmartCropParams& P = kSmartCropParams;
  if (rgba.format != PixelFormat::kRGBA8) return Unsupported("SmartCrop needs RGBA8");
  if (rgba.empty()) return InvalidArgument("SmartCrop: empty image");
  const int W = rgba.width, H = rgba.height;

  // Keep boxes -> one union in pixels.
  int ux0 = W, uy0 = H, ux1 = 0, uy1 = 0;
  for (const RelRect& k : keep) {
    if (!std::isfinite(k.x) || !std::isfinite(k.y) || !std::isfinite(k.w) || !std::isfinite(k.h) ||
        k.w <= 0 || k.h <= 0) {
      return InvalidArgument("SmartCrop: keep box is empty or not finite");
    }
    const double x0 = std::clamp(static_cast<double>(k.x), 0.0, 1.0) * W;
    const double y0 = std::clamp(static_cast<double>(k.y), 0.0, 1.0) * H;
    const double x1 = std::clamp(static_cast<double>(k.x) + k.w, 0.0, 1.0) * W;
    const double y1 = std::clamp(static_cast<double>(k.y) + k.h, 0.0, 1.0) * H;
    ux0 = std::min(ux0, static_cast<int>(std::floor(x0)));
    uy0 = std::min(uy0, static_cast<int>(std::floor(y0)));
    ux1 = std::max(ux1, static_cast<int>(std::ceil(x1)));
    uy1 = std::max(uy1, static_cast<int>(std::ceil(y1)));
  }
  const bool have_keep = !keep.empty() && ux1 > ux0 && uy1 > uy0;

  // Largest crop of the aspect.
  int cw_max, ch_max;
  if (static_cast<int64_t>(W) * a.h >= static_cast<int64_t>(H) * a.w) {
    ch_max = H;
    cw_max = std::max(1, static_cast<int>(static_cast<int64_t>(H) * a.w / a.h));
  } else {
    cw_max = W;
    ch_max = std::max(1, static_cast<int>(static_cast<int64_t>(W) * a.h / a.w));
  }
  if (have_keep && (ux1 - ux0 > cw_max || uy1 - uy0 > ch_max)) {
    return InvalidArgument(std::string("SmartCrop: the keep boxes do not fit in a ") + aspect_name +
                           " crop");
  }

  // Saliency map.
  const int long_side = std::max(W, H);
  const double ms = std::min(1.0, static_cast<double>(P.map_long_side) / long_side);
  const int mw = std::max(1, static_cast<int>(std::lround(W * ms)));
  const int mh = std::max(1, static_cast<int>(std::lround(H * ms)));
  GEMROLL_ASSIGN_OR_RETURN(Image map, ResizeArea(rgba, mw, mh));
  std::vector<float> luma(static_cast<size_t>(mw) * mh), sal(luma.size());
  for (int y = 0; y < mh; ++y) {
    const uint8_t* p = map.Row(y);
    for (int x = 0; x < mw; ++x) {
      luma[static_cast<size_t>(y) * mw + x] =
          (0.2126f * p[4 * x] + 0.7152f * p[4 * x + 1] + 0.0722f * p[4 * x + 2]) / 255;
    }
  }
  const float sk =
      std::sqrt(P.skin_colour[0] * P.skin_colour[0] + P.skin_colour[1] * P.skin_colour[1] +
                P.skin_colour[2] * P.skin_colour[2]);
  double total = 0;
  for (int y = 0; y < mh; ++y) {
    const uint8_t* p = map.Row(y);
    for (int x = 0; x < mw; ++x) {
      const size_t i = static_cast<size_t>(y) * mw + x;
      const float l = luma[i];
      const float gx = luma[static_cast<size_t>(y) * mw + std::min(x + 1, mw - 1)] -
                       luma[static_cast<size_t>(y) * mw + std::max(x - 1, 0)];
      const float gy = luma[static_cast<size_t>(std::min(y + 1, mh - 1)) * mw + x] -
                       luma[static_cast<size_t>(std::max(y - 1, 0)) * mw + x];
      float s = P.edge_weight * (std::fabs(gx) + std::fabs(gy)) + P.floor;
      if (l >= P.min_luma && l <= P.max_luma) {
        const float r = p[4 * x] / 255.0f, g = p[4 * x + 1] / 255.0f, b = p[4 * x + 2] / 255.0f;
        const float mx = std::max(r, std::max(g, b)), mn = std::min(r, std::min(g, b));
        s += P.saturation_weight * (mx > 0 ? (mx - mn) / mx : 0);
        const float mag = std::sqrt(r * r + g * g + b * b);
        if (mag > 0) {
          const float dr = r / mag - P.skin_colour[0] / sk, dg = g / mag - P.skin_colour[1] / sk,
                      db = b / mag - P.skin_colour[2] / sk;
          const float sim = 1 - std::sqrt(dr * dr + dg * dg + db * db);
          if (sim > P.skin_threshold) {
            s += P.skin_weight * (sim - P.skin_threshold) / (1 - P.skin_threshold);
          }
        }
      }
      sal[i] = s;
    }
  }
  // Cell centres in image pixels.
  std::vector<float> cx(mw), cy(mh);
  for (int x = 0; x < mw; ++x) cx[x] = (x + 0.5f) * W / mw;
  for (int y = 0; y < mh; ++y) cy[y] = (y + 0.5f) * H / mh;
  for (const RelRect& k : keep) {
    for (int y = 0; y < mh; ++y) {
      for (int x = 0; x < mw; ++x) {
        const float u = cx[x] / W, v = cy[y] / H;
        if (u >= k.x && u < k.x + k.w && v >= k.y && v < k.y + k.h) {
          sal[static_cast<size_t>(y) * mw + x] += P.keep_boost;
        }
      }
    }
  }
  for (float s : sal) total += s;

  SmartCropResult best;
  best.score.total = -1e30f;
  bool found = false;
  for (int step = 0; step < P.scale_steps; ++step) {
    const double scale = 1 - (1 - P.min_scale) * step / std::max(1, P.scale_steps - 1);
    const int cw = std::max(1, static_cast<int>(std::lround(cw_max * scale)));
    const int ch = std::min(
        H, std::max(1, static_cast<int>(std::lround(static_cast<double>(cw) * a.h / a.w))));
    int xlo = 0, xhi = W - cw, ylo = 0, yhi = H - ch;
    if (have_keep) {
      xlo = std::max(xlo, ux1 - cw);
      xhi = std::min(xhi, ux0);
      ylo = std::max(ylo, uy1 - ch);
      yhi = std::min(yhi, uy0);
    }
    if (xlo > xhi || ylo > yhi) continue;  // this size cuts a keep box
    for (int iy = 0; iy <= P.position_steps; ++iy) {
      const int y = ylo + static_cast<int>(
                              std::lround(static_cast<double>(yhi - ylo) * iy / P.position_steps));
      if (iy > 0 && yhi == ylo) break;
      for (int ix = 0; ix <= P.position_steps; ++ix) {
        const int x =
            xlo +
            static_cast<int>(std::lround(static_cast<double>(xhi - xlo) * ix / P.position_steps));
        if (ix > 0 && xhi == xlo) break;
        double inside = 0, thirds = 0, border = 0;
        const int i0 = static_cast<int>(std::lower_bound(cx.begin(), cx.end(), x) - cx.begin());
        const int i1 =
            static_cast<int>(std::lower_bound(cx.begin(), cx.end(), x + cw) - cx.begin());
        const int j0 = static_cast<int>(std::lower_bound(cy.begin(), cy.end(), y) - cy.begin());
        const int j1 =
            static_cast<int>(std::lower_bound(cy.begin(), cy.end(), y + ch) - cy.begin());
        for (int j = j0; j < j1; ++j) {
          const float v = (cy[j] - y) / ch;
          const float tv = Thirds(v);
          const bool bv = v < P.border_band || v > 1 - P.border_band;
          const float* row = &sal[static_cast<size_t>(j) * mw];
          for (int i = i0; i < i1; ++i) {
            const float u = (cx[i] - x) / cw;
            const float s = row[i];
            inside += s;
            thirds += s * 0.5f * (Thirds(u) + tv);
            if (bv || u < P.border_band || u > 1 - P.border_band) border += s;
          }
        }
        SmartCropScore sc;
        sc.saliency = static_cast<float>(total > 0 ? inside / total : 0);
        sc.thirds = static_cast<float>(inside > 0 ? thirds / inside : 0);
        sc.edges = static_cast<float>(inside > 0 ? border / inside : 0);
        sc.area = static_cast<float>(static_cast<double>(cw) * ch /
                                     (static_cast<double>(cw_max) * ch_max));
        sc.total = P.saliency_weight * sc.saliency + P.thirds_weight * sc.thirds -
                   P.border_weight * sc.edges + P.area_weight * sc.area;
        if (sc.total > best.score.total) {
          best.score = sc;
          best.x = x;
          best.y = y;
          best.w = cw;
          best.h = ch;
          found = true;
        }
      }
    }
  }
  if (!found) {
    return InvalidArgument(std::string("SmartCrop: no ") + aspect_name +
                           " crop keeps every keep box");
  }
  best.rect = {static_cast<float>(best.x) / W, static_cast<float>(best.y) / H,
               static_cast<float>(best.w) / W, static_cast<float>(best.h) / H};
  auto& why = best.reasons;
  if (have_keep) {
    edit_internal::AddReason(why, "keeps_boxes",
                             Fmt("keeps all %.0f marked region%s (faces) inside",
                                 static_cast<double>(keep.size()), keep.size() == 1 ? "" : "s"),
                             1.0f);
  }
  edit_internal::AddReason(
      why, "saliency",
      Fmt("keeps %.0f%% of the detail, colour and skin tones", best.score.saliency * 100),
      P.saliency_weight * best.score.saliency);
  if (best.score.thirds >= 0.4f) {
    edit_internal::AddReason(why, "thirds", "the subject sits near the thirds lines",
                             P.thirds_weight * best.score.thirds);
  }
  if (best.score.edges >= 0.15f) {
    edit_internal::AddReason(
        why, "border_cut", Fmt("%.0f%% of what is kept touches the border", best.score.edges * 100),
        -P.border_weight * best.score.edges);
  }
  if (best.score.area < 0.99f) {
    edit_internal::AddReason(
        why, "tighter",
        Fmt("a tighter frame: %.0f%% of the largest %s crop", best.score.area * 100, aspect_name),
        P.area_weight * best.score.area);
  }
  edit_internal::SortReasons(why);
  return best;
}

}  // namespace

StatusOr<SmartCropResult> SmartCrop(const ImageView& rgba, CropAspect aspect,
                                    const std::vector<RelRect>& keep) {
  return SmartCropRational(rgba, AspectOf(aspect), CropAspectName(aspect), keep);
}

StatusOr<SmartCropResult> SmartCrop(const ImageView& rgba, float aspect,
                                    const std::vector<RelRect>& keep) {
  if (!std::isfinite(aspect) || aspect < 0.05f || aspect > 20.0f) {
    return InvalidArgument("SmartCrop: aspect ratio must be between 0.05 and 20");
  }
  // Scaled to integers so the search does the same arithmetic as the enum's.
  constexpr int kDen = 10000;
  const Aspect a{static_cast<int>(std::lround(static_cast<double>(aspect) * kDen)), kDen};
  char name[32];
  std::snprintf(name, sizeof(name), "%.3g:1", static_cast<double>(aspect));
  return SmartCropRational(rgba, a, name, keep);
}

}  // namespace gemroll
