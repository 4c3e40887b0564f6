// AutoEnhance: measures a small copy of the photo (luma percentiles, grey-edge
// and shades-of-grey colour, saturation, noise) and turns each finding into one
// parameter with a reason. Corrections are deliberately partial (damped): a
// dark or warm scene may be meant that way, and a gentle fix is easy to push.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "edit/edit_internal.h"
#include "gemroll/edit.h"
#include "gemroll/metrics.h"

namespace gemroll {
namespace {

using edit_internal::AddReason;
using edit_internal::LinearToSrgb;
using edit_internal::SrgbToLinear;

// Every threshold and weight of auto-enhance, in one place.
struct AutoEnhanceParams {
  int analysis_long_side = 512;  // the photo is measured on a copy this large
  // Exposure: the "key" (mean of median and mean display luma) is moved
  // towards target_key in linear light, damped, with a dead band.
  float target_key = 0.45f;
  float exposure_damping = 0.85f;
  float exposure_deadband_ev = 0.2f;
  float max_ev_up = 3.0f, max_ev_down = -1.5f;
  // Brightening stops where the 99th percentile would pass this linear level.
  float highlight_guard_linear = 1.6f;
  // White balance. The illuminant is estimated by grey-edge (Minkowski norm
  // wb_edge_norm of each linear channel's gradient): edges between surfaces
  // average out to the light's colour far more often than the surfaces do.
  // Shades-of-grey (norm wb_grey_norm of the values) is a second opinion;
  // the two move together under a real cast (both are exactly equivariant to
  // channel gains), but a sunset, a lime pile or a dog on an orange backdrop
  // pulls the surface estimate much further than the edge estimate, so their
  // disagreement lowers the confidence. All distances are in log chromaticity
  // (log R/G, log B/G; 0.1 is about a 10% colour shift). Pixels darker than
  // wb_min_luma or with a channel >= 250 (clipped) do not count.
  float wb_min_luma = 0.06f;
  int wb_edge_norm = 8;  // even: the gradient magnitude is never square-rooted
  int wb_grey_norm = 6;
  float wb_deadzone = 0.05f;       // estimates this close to neutral are left alone...
  float wb_max_correction = 0.6f;  // ...and the rest corrected by at most this
  float wb_strength = 0.9f;        // share of the (dead-zoned) cast removed
  float wb_disagreement = 0.8f;    // edge-vs-surface distance at which confidence is 0
  float wb_partial = 0.7f;         // below this confidence the reason says "partly"
  float wb_deadband = 3.0f;        // temperature/tint units not worth a change
  // Levels and contrast: a histogram whose 1st..99th percentiles span less
  // than full_span is stretched (part of the way) and, when the 5th..95th span
  // is under flat_span, given contrast.
  float full_span = 0.92f;
  float levels_strength = 0.6f;
  float max_black_point = 0.12f, min_white_point = 0.85f;
  float flat_span = 0.6f;
  float flat_contrast_gain = 0.8f;  // contrast per unit of missing span
  float max_contrast = 0.35f;
  // Shadows / highlights.
  float dark_p10 = 0.1f;  // 10th percentile below this: lift shadows
  float shadow_lift = 0.35f;
  float highlight_clip = 0.01f;  // share of clipped pixels that triggers recovery
  float bright_p99 = 0.985f;
  float highlight_recover = -0.35f;
  // Colour: vibrance for muted photos.
  float muted_saturation = 0.22f;  // sum(max-min)/sum(max)
  float vibrance_gain = 3.0f;      // per unit below muted_saturation
  float max_vibrance = 0.3f;
  // Detail.
  float local_contrast = 0.15f;  // always a little clarity on photos...
  float noisy_sigma = 3.0f;      // ...unless noise (luma levels at 512 px) passes this
  float denoise_per_sigma = 0.12f;
  float max_denoise = 0.6f;
  float sharpen = 0.2f;  // light output sharpening on clean photos
};
constexpr AutoEnhanceParams kAutoEnhanceParams;

struct Stats {
  float p01 = 0, p05 = 0, p10 = 0, p50 = 0, p95 = 0, p99 = 0, mean = 0;
  float clipped = 0;  // share of pixels with a channel >= 250
  // Illuminant estimates as (log R/G, log B/G) of linear light.
  double edge_rg = 0, edge_bg = 0;  // grey-edge
  double grey_rg = 0, grey_bg = 0;  // shades of grey
  bool have_colour = false;
  float saturation = 0;
  float noise_sigma = 0;
};

float Percentile(const std::vector<uint32_t>& hist, uint64_t total, double q) {
  const uint64_t want = static_cast<uint64_t>(q * total);
  uint64_t acc = 0;
  for (int i = 0; i < 256; ++i) {
    acc += hist[i];
    if (acc > want) return i / 255.0f;
  }
  return 1;
}

// x^n for small n by multiplication (the estimators run per pixel).
inline double IntPow(double x, int n) {
  double r = 1;
  for (int i = 0; i < n; ++i) r *= x;
  return r;
}

// Grey-edge and shades-of-grey illuminant estimates (see AutoEnhanceParams)
// into s; have_colour stays false when too few pixels are usable.
void EstimateIlluminant(const ImageView& img, const double lin[256], Stats* s) {
  const AutoEnhanceParams& P = kAutoEnhanceParams;
  const int w = img.width, h = img.height;
  if (w < 3 || h < 3) return;
  // Linear planes, and which pixels may be used (not dark, not clipped).
  std::vector<float> plane[3];
  for (auto& p : plane) p.resize(static_cast<size_t>(w) * h);
  std::vector<uint8_t> ok(static_cast<size_t>(w) * h);
  const int min_luma = static_cast<int>(P.wb_min_luma * 255 + 0.5f);
  for (int y = 0; y < h; ++y) {
    const uint8_t* p = img.Row(y);
    for (int x = 0; x < w; ++x, p += 4) {
      const size_t i = static_cast<size_t>(y) * w + x;
      for (int c = 0; c < 3; ++c) plane[c][i] = static_cast<float>(lin[p[c]]);
      const int l = (54 * p[0] + 183 * p[1] + 19 * p[2] + 128) >> 8;
      ok[i] = l >= min_luma && std::max(p[0], std::max(p[1], p[2])) < 250;
    }
  }
  double edge[3] = {0, 0, 0}, grey[3] = {0, 0, 0};
  uint64_t n_edge = 0, n_grey = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (!ok[i]) continue;
      ++n_grey;
      for (int c = 0; c < 3; ++c) grey[c] += IntPow(plane[c][i], P.wb_grey_norm);
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1) continue;
      if (!(ok[i - 1] && ok[i + 1] && ok[i - w] && ok[i + w])) continue;
      ++n_edge;
      for (int c = 0; c < 3; ++c) {
        const double gx = plane[c][i + 1] - plane[c][i - 1];
        const double gy = plane[c][i + w] - plane[c][i - w];
        edge[c] += IntPow(gx * gx + gy * gy, P.wb_edge_norm / 2);
      }
    }
  }
  // Too little to go on (a tiny, flat or mostly clipped image).
  if (n_edge < 64 || n_grey < 64) return;
  for (int c = 0; c < 3; ++c) {
    if (!(edge[c] > 0 && grey[c] > 0)) return;
  }
  // log of the Minkowski means; the common 1/n cancels in the ratios.
  const double pe = 1.0 / P.wb_edge_norm, pg = 1.0 / P.wb_grey_norm;
  s->edge_rg = pe * (std::log(edge[0]) - std::log(edge[1]));
  s->edge_bg = pe * (std::log(edge[2]) - std::log(edge[1]));
  s->grey_rg = pg * (std::log(grey[0]) - std::log(grey[1]));
  s->grey_bg = pg * (std::log(grey[2]) - std::log(grey[1]));
  s->have_colour = std::isfinite(s->edge_rg) && std::isfinite(s->edge_bg) &&
                   std::isfinite(s->grey_rg) && std::isfinite(s->grey_bg);
}

Stats Measure(const ImageView& img) {
  Stats s;
  std::vector<uint32_t> hist(256, 0);
  double sum = 0, sum_max = 0, sum_range = 0;
  uint64_t clipped = 0;
  double lin[256];
  for (int i = 0; i < 256; ++i) lin[i] = SrgbToLinear(i / 255.0);
  const uint64_t n = static_cast<uint64_t>(img.width) * img.height;
  for (int y = 0; y < img.height; ++y) {
    const uint8_t* p = img.Row(y);
    for (int x = 0; x < img.width; ++x, p += 4) {
      const int l = (54 * p[0] + 183 * p[1] + 19 * p[2] + 128) >> 8;
      ++hist[l];
      sum += l;
      const int mx = std::max(p[0], std::max(p[1], p[2]));
      const int mn = std::min(p[0], std::min(p[1], p[2]));
      sum_max += mx;
      sum_range += mx - mn;
      if (mx >= 250) ++clipped;
    }
  }
  s.p01 = Percentile(hist, n, 0.01);
  s.p05 = Percentile(hist, n, 0.05);
  s.p10 = Percentile(hist, n, 0.10);
  s.p50 = Percentile(hist, n, 0.50);
  s.p95 = Percentile(hist, n, 0.95);
  s.p99 = Percentile(hist, n, 0.99);
  s.mean = static_cast<float>(sum / n / 255);
  s.clipped = static_cast<float>(clipped) / n;
  s.saturation = sum_max > 0 ? static_cast<float>(sum_range / sum_max) : 0;

  EstimateIlluminant(img, lin, &s);
  return s;
}

std::string Fmt(const char* fmt, double a, double b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), fmt, a, b);
  return buf;
}

}  // namespace

void AutoEnhanceResult::WriteJson(JsonWriter& w) const {
  w.BeginObject().Key("params");
  params.WriteJson(w);
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

StatusOr<AutoEnhanceResult> AutoEnhance(const ImageView& rgba, const PhotoMetrics* metrics) {
  const AutoEnhanceParams& P = kAutoEnhanceParams;
  if (rgba.format != PixelFormat::kRGBA8) return Unsupported("AutoEnhance needs RGBA8");
  if (rgba.empty()) return InvalidArgument("AutoEnhance: empty image");
  GEMROLL_ASSIGN_OR_RETURN(Image small, MakeThumbnail(rgba, P.analysis_long_side));
  Stats s = Measure(small.View());
  if (metrics != nullptr) {
    s.noise_sigma = metrics->noise_sigma;
  } else if (small.width() >= 8 && small.height() >= 8) {
    GEMROLL_ASSIGN_OR_RETURN(PhotoMetrics m, ComputeMetrics(small.View()));
    s.noise_sigma = m.noise_sigma;
  }

  AutoEnhanceResult r;
  EditParams& e = r.params;
  auto& why = r.reasons;

  // --- Exposure, in linear light.
  const float key = 0.5f * (s.p50 + s.mean);
  if (key > 0.004f) {
    const double have = SrgbToLinear(key), want = SrgbToLinear(P.target_key);
    const double off_ev = std::log2(want / have);  // > 0: under-exposed
    double ev = off_ev * P.exposure_damping;
    if (ev > 0) {
      const double p99 = std::max(1e-4, SrgbToLinear(s.p99));
      ev = std::min(ev, std::log2(P.highlight_guard_linear / p99));
    }
    ev = std::clamp(ev, static_cast<double>(P.max_ev_down), static_cast<double>(P.max_ev_up));
    if (std::fabs(ev) >= P.exposure_deadband_ev) {
      e.exposure_ev = static_cast<float>(std::round(ev * 10) / 10);
      const double stops = std::round(std::fabs(off_ev) * 2) / 2;
      const char* dir = off_ev > 0 ? "under" : "over";
      const std::string text = Fmt("about %g ", stops) + (stops == 1 ? "stop " : "stops ") + dir +
                               "-exposed \u2192 " + Fmt("%+.1f EV", e.exposure_ev);
      AddReason(why, off_ev > 0 ? "underexposed" : "overexposed", text,
                static_cast<float>(std::fabs(e.exposure_ev)));
    }
  }

  // --- White balance.
  if (s.have_colour) {
    const double dis = std::hypot(s.edge_rg - s.grey_rg, s.edge_bg - s.grey_bg);
    const double confidence = std::clamp(1 - dis / P.wb_disagreement, 0.0, 1.0);
    const double size = std::hypot(s.edge_rg, s.edge_bg);
    double k = 0;  // share of the estimated cast to remove
    if (size > P.wb_deadzone) {
      k = P.wb_strength * confidence *
          std::min(size - P.wb_deadzone, static_cast<double>(P.wb_max_correction)) / size;
    }
    // The gains that neutralise an illuminant of (log R/G, log B/G) = k * estimate.
    double temp = 0, tint = 0;
    edit_internal::WhiteBalanceForIlluminant(std::exp(k * s.edge_rg), 1.0, std::exp(k * s.edge_bg),
                                             &temp, &tint);
    temp = std::round(temp);
    tint = std::round(tint);
    // What the photo looks like: blue over red (cool) or the reverse, green
    // over the red/blue mean (green) or under it (magenta), in percent.
    const double blue_over_red = std::exp(s.edge_bg - s.edge_rg) - 1;
    const double green_over_rb = std::exp(-0.5 * (s.edge_rg + s.edge_bg)) - 1;
    const std::string partly =
        confidence < P.wb_partial ? " (partly: may be the scene's own colour)" : "";
    if (std::fabs(temp) >= P.wb_deadband) {
      e.temperature = static_cast<float>(temp);
      const std::string text = temp > 0 ? Fmt("cool cast (blue %+.0f%%) \u2192 warmer by %.0f",
                                              100 * blue_over_red, temp)
                                        : Fmt("warm cast (red %+.0f%%) \u2192 cooler by %.0f",
                                              100 * (1 / (1 + blue_over_red) - 1), -temp);
      AddReason(why, temp > 0 ? "cool_cast" : "warm_cast", text + partly,
                static_cast<float>(std::fabs(temp) / 50));
    }
    if (std::fabs(tint) >= P.wb_deadband) {
      e.tint = static_cast<float>(tint);
      const std::string text =
          tint > 0 ? Fmt("green cast (green %+.0f%%) \u2192 tint %+.0f towards magenta",
                         100 * green_over_rb, tint)
                   : Fmt("magenta cast (green %+.0f%%) \u2192 tint %+.0f towards green",
                         100 * green_over_rb, tint);
      AddReason(why, tint > 0 ? "green_cast" : "magenta_cast", text + partly,
                static_cast<float>(std::fabs(tint) / 50));
    }
  }

  // --- Levels and contrast. Percentiles move with exposure; measure them
  // where the exposure change will put them.
  const double gain = std::exp2(static_cast<double>(e.exposure_ev));
  auto moved = [gain](float v) {
    return static_cast<float>(LinearToSrgb(std::min(1.0, SrgbToLinear(v) * gain)));
  };
  const float q01 = moved(s.p01), q05 = moved(s.p05), q95 = moved(s.p95), q99 = moved(s.p99);
  if (q99 - q01 < P.full_span) {
    const float bp = std::min(P.max_black_point, q01 * P.levels_strength);
    const float wp = std::max(P.min_white_point, 1 - (1 - q99) * P.levels_strength);
    if (bp > 0.01f || wp < 0.99f) {
      e.black_point = std::round(bp * 100) / 100;
      e.white_point = std::round(wp * 100) / 100;
      AddReason(why, "narrow_range",
                Fmt("tones span %.0f%% of the range \u2192 stretch levels", (q99 - q01) * 100),
                (P.full_span - (q99 - q01)));
    }
  }
  if (q95 - q05 < P.flat_span) {
    const float c = std::min(P.max_contrast, (P.flat_span - (q95 - q05)) * P.flat_contrast_gain);
    if (c >= 0.05f) {
      e.contrast = std::round(c * 100) / 100;
      AddReason(why, "flat", Fmt("flat \u2192 %+.0f contrast", e.contrast * 100), c);
    }
  }

  // --- Shadows and highlights.
  if (moved(s.p10) < P.dark_p10) {
    e.shadows = P.shadow_lift;
    AddReason(why, "deep_shadows", "deep shadows \u2192 lift shadows", P.shadow_lift * 0.5f);
  }
  if (s.clipped > P.highlight_clip || q99 > P.bright_p99) {
    e.highlights = P.highlight_recover;
    AddReason(why, "bright_highlights",
              Fmt("%.0f%% of pixels near white \u2192 recover highlights", s.clipped * 100),
              -P.highlight_recover * 0.5f);
  }

  // --- Colour.
  if (s.saturation < P.muted_saturation) {
    const float v = std::min(P.max_vibrance, (P.muted_saturation - s.saturation) * P.vibrance_gain);
    if (v >= 0.05f) {
      e.vibrance = std::round(v * 100) / 100;
      AddReason(why, "muted", Fmt("muted colours \u2192 %+.0f vibrance", e.vibrance * 100), v);
    }
  }

  // --- Detail.
  if (s.noise_sigma > P.noisy_sigma) {
    e.denoise =
        std::min(P.max_denoise, (s.noise_sigma - P.noisy_sigma) * P.denoise_per_sigma + 0.2f);
    e.denoise = std::round(e.denoise * 100) / 100;
    AddReason(why, "noisy", Fmt("noise %.1f levels \u2192 light denoise", s.noise_sigma),
              e.denoise * 0.5f);
  } else {
    e.local_contrast = P.local_contrast;
    e.sharpen = P.sharpen;
    AddReason(why, "clean_detail", "clean detail \u2192 a little clarity and sharpening", 0.1f);
  }

  edit_internal::SortReasons(why);
  GEMROLL_ASSIGN_OR_RETURN(r.params, CommitEdit(r.params));
  return r;
}

}  // namespace gemroll
