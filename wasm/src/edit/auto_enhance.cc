// AutoEnhance: measures a small copy of the photo (luma percentiles, grey-world
// and white-patch colour, saturation, noise) and turns each finding into one
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
  // White balance: illuminant = grey-world^w * white-patch^(1-w) (linear),
  // on pixels with display luma in [wb_min_luma, wb_max_luma] and no channel
  // clipped; white patch = the brightest wb_white_patch_fraction of those.
  float wb_grey_world_weight = 0.7f;
  float wb_min_luma = 0.06f, wb_max_luma = 0.97f;
  float wb_white_patch_fraction = 0.02f;
  float wb_neutral_chroma = 0.5f;  // (max-min)/max, linear, at which a pixel stops counting
  int wb_rounds = 2;
  float wb_strength = 0.75f;  // share of the estimated cast removed
  float wb_deadband = 5.0f;   // temperature/tint units
  float wb_max = 40.0f;
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
  float clipped = 0;            // share of pixels with a channel >= 250
  double grey[3] = {0, 0, 0};   // linear means, grey-world
  double white[3] = {0, 0, 0};  // linear means, white patch
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

Stats Measure(const ImageView& img) {
  const AutoEnhanceParams& P = kAutoEnhanceParams;
  Stats s;
  std::vector<uint32_t> hist(256, 0), colour_hist(256, 0);
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
      if (l >= P.wb_min_luma * 255 && l <= P.wb_max_luma * 255 && mx < 250) ++colour_hist[l];
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

  // White-patch threshold: the luma above which the brightest usable pixels lie.
  uint64_t usable = 0;
  for (uint32_t c : colour_hist) usable += c;
  if (usable < 64) return s;
  int white_from = 255;
  for (uint64_t acc = 0; white_from > 0; --white_from) {
    acc += colour_hist[white_from];
    if (acc >= P.wb_white_patch_fraction * usable) break;
  }
  // Grey world over near-neutral pixels: each pixel weighs by how close to
  // grey it is once the current estimate is removed, so a red wall or green
  // lawn does not read as a cast. Two rounds; the white patch uses the same
  // weights.
  double est[3] = {1, 1, 1};
  for (int round = 0; round < P.wb_rounds; ++round) {
    double grey[3] = {0, 0, 0}, white[3] = {0, 0, 0}, grey_n = 0, white_n = 0;
    const double inv[3] = {est[1] / est[0], 1.0, est[1] / est[2]};
    for (int y = 0; y < img.height; ++y) {
      const uint8_t* p = img.Row(y);
      for (int x = 0; x < img.width; ++x, p += 4) {
        const int l = (54 * p[0] + 183 * p[1] + 19 * p[2] + 128) >> 8;
        const int mx = std::max(p[0], std::max(p[1], p[2]));
        if (l < P.wb_min_luma * 255 || l > P.wb_max_luma * 255 || mx >= 250) continue;
        const double c[3] = {lin[p[0]] * inv[0], lin[p[1]], lin[p[2]] * inv[2]};
        const double cmax = std::max(c[0], std::max(c[1], c[2]));
        const double cmin = std::min(c[0], std::min(c[1], c[2]));
        const double chroma = cmax > 0 ? (cmax - cmin) / cmax : 0;
        const double wt = std::max(0.0, 1 - chroma / P.wb_neutral_chroma);
        if (wt <= 0) continue;
        const double w2 = wt * wt;
        for (int k = 0; k < 3; ++k) grey[k] += w2 * lin[p[k]];
        grey_n += w2;
        if (l >= white_from) {
          for (int k = 0; k < 3; ++k) white[k] += w2 * lin[p[k]];
          white_n += w2;
        }
      }
    }
    if (grey_n <= 0) return s;
    for (int k = 0; k < 3; ++k) {
      s.grey[k] = grey[k] / grey_n;
      s.white[k] = white_n > 0 ? white[k] / white_n : s.grey[k];
      est[k] = std::pow(s.grey[k], P.wb_grey_world_weight) *
               std::pow(s.white[k], 1 - P.wb_grey_world_weight);
    }
    if (!(est[0] > 0 && est[1] > 0 && est[2] > 0)) return s;
  }
  s.have_colour = s.grey[0] > 0 && s.grey[1] > 0 && s.grey[2] > 0 && s.white[0] > 0 &&
                  s.white[1] > 0 && s.white[2] > 0;
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
  edit_internal::WriteReasons(w, reasons);
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
    double ill[3];
    for (int c = 0; c < 3; ++c) {
      ill[c] = std::pow(s.grey[c], P.wb_grey_world_weight) *
               std::pow(s.white[c], 1 - P.wb_grey_world_weight);
    }
    double temp = 0, tint = 0;
    edit_internal::WhiteBalanceForIlluminant(ill[0], ill[1], ill[2], &temp, &tint);
    temp = std::clamp(temp * P.wb_strength, -static_cast<double>(P.wb_max),
                      static_cast<double>(P.wb_max));
    tint = std::clamp(tint * P.wb_strength, -static_cast<double>(P.wb_max),
                      static_cast<double>(P.wb_max));
    if (std::fabs(temp) >= P.wb_deadband) {
      e.temperature = static_cast<float>(std::round(temp));
      AddReason(why, temp > 0 ? "cool_cast" : "warm_cast",
                std::string(temp > 0 ? "cool cast \u2192 " : "warm cast \u2192 ") +
                    Fmt("%+.0f warmth", e.temperature),
                static_cast<float>(std::fabs(temp) / 50));
    }
    if (std::fabs(tint) >= P.wb_deadband) {
      e.tint = static_cast<float>(std::round(tint));
      AddReason(why, tint > 0 ? "green_cast" : "magenta_cast",
                std::string(tint > 0 ? "green cast \u2192 " : "magenta cast \u2192 ") +
                    Fmt("%+.0f tint", e.tint),
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
