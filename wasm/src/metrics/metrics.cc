// ComputeMetrics: one fused pass over the RGBA input (luma, colour moments,
// luma histogram, colour histogram), one detail pass over the work luma
// (Laplacian energy, noise, structure tensor per 16x16 block), then cheap
// arithmetic on the aggregates and two tiny resamples for the hashes.

#include "gemroll/metrics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string>
#include <vector>

#include "gemroll/limits.h"
#include "kernels-inl.h"

namespace gemroll {
namespace {

using metrics_internal::BlockStats;
using metrics_internal::ColorMoments;
using metrics_internal::DetailStats;

// All tunable constants of the stage, in one place.
namespace metrics_params {
// Input limits.
constexpr int kMinSide = 8;
constexpr int64_t kMaxPixels = static_cast<int64_t>(kMaxInputPixels);
constexpr int kMinWorkLongSide = 64, kMaxWorkLongSide = 4096;
constexpr int kMaxGrid = 16;

// Sharpness: score = (log10(E) - kSharpLogLo) / (kSharpLogHi - kSharpLogLo),
// clamped to 0..1, where E is the mean squared Laplacian (4c-n-s-e-w) minus
// the noise floor. kSharpLogLo = 1 (RMS Laplacian ~3 levels: smooth gradients,
// defocus) and kSharpLogHi = 4 (RMS 100: crisp edges throughout) bracket
// what downscaled photos produce (blur/kwentar at 1/8: defocus 0.0-0.2,
// motion 0.3-0.5, sharp 0.65-0.75); recalibrate on more labelled photos.
constexpr double kSharpLogLo = 1.0;
constexpr double kSharpLogHi = 4.0;
// White noise of std s adds 20 s^2 to the squared Laplacian (4^2 + 4 * 1^2)
// and 2 s^2 to each squared central difference. The floor is overestimated on
// purpose by this factor so that noise alone never reads as detail (the
// percentile noise estimate is biased a few percent low, JPEG noise is not white).
constexpr double kLaplacianNoiseGain = 20.0;
constexpr double kGradientNoiseGain = 2.0;
constexpr double kNoiseFloorMargin = 1.5;
// A 16x16 block counts towards sharp_area_fraction at or above this score.
constexpr double kSharpBlockScore = 0.5;

// Noise: Immerkaer's sigma = sqrt(pi/2) / 6 * mean |mask response|, taken at
// this percentile over blocks so texture is not mistaken for noise; blocks
// whose mean luma is near clipping (noise flattened) or that hold too few
// pixels are skipped.
constexpr double kNoisePercentile = 0.25;
constexpr double kNoiseMinLuma = 8, kNoiseMaxLuma = 247;
constexpr int kNoiseMinBlockPixels = 64;

// Motion blur: below this mean gradient energy (squared levels per pixel,
// after the noise floor) the image is too flat to have a direction.
constexpr double kMinGradientEnergy = 1.0;

// Exposure: clipping thresholds on 0..255 luma.
constexpr int kShadowClipLevel = 2;
constexpr int kHighlightClipLevel = 253;

// Colour: histogram about kColorSamples pixels (a regular grid, every
// step-th pixel of every step-th row) into 8x8x8 bins, plenty for 1% colours; greedy clustering
// merges bins whose mean colours are within kColorMergeDistance (Euclidean, 0..255 sRGB); clusters
// below kMinColorFraction are not reported.
constexpr int64_t kColorSamples = 16384;
constexpr int kColorBits = 3;
constexpr double kColorMergeDistance = 48.0;
constexpr double kMinColorFraction = 0.01;
constexpr int kMaxDominantColors = 5;
constexpr double kColorfulnessMeanWeight = 0.3;  // Hasler & Suesstrunk 2003

// Hashes.
constexpr int kPhashSize = 32;
constexpr int kPhashCoeffs = 8;
}  // namespace metrics_params

namespace mp = metrics_params;

double SharpnessScore(double energy) {
  if (energy <= 1.0) return 0.0;
  return std::clamp((std::log10(energy) - mp::kSharpLogLo) / (mp::kSharpLogHi - mp::kSharpLogLo),
                    0.0, 1.0);
}

double ImmerkaerSigma(int64_t sum_abs, int64_t count) {
  if (count <= 0) return 0.0;
  return std::sqrt(std::numbers::pi / 2.0) / 6.0 * static_cast<double>(sum_abs) / count;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

// --- Detail metrics from block statistics -------------------------------

void FillDetailMetrics(const DetailStats& d, int grid, PhotoMetrics* m) {
  // Noise.
  std::vector<double> sigmas;
  int64_t total_count = 0, total_abs = 0, total_lap = 0;
  for (const BlockStats& b : d.blocks) {
    total_count += b.count;
    total_abs += b.sum_abs_noise;
    total_lap += b.sum_lap_sq;
    if (b.count < mp::kNoiseMinBlockPixels) continue;
    const double mean = static_cast<double>(b.sum_luma) / b.count;
    if (mean < mp::kNoiseMinLuma || mean > mp::kNoiseMaxLuma) continue;
    sigmas.push_back(ImmerkaerSigma(b.sum_abs_noise, b.count));
  }
  const double sigma = sigmas.empty() ? ImmerkaerSigma(total_abs, total_count)
                                      : Percentile(sigmas, mp::kNoisePercentile);
  m->noise_sigma = static_cast<float>(sigma);
  const double lap_floor = mp::kNoiseFloorMargin * mp::kLaplacianNoiseGain * sigma * sigma;
  auto score = [lap_floor](int64_t sum_lap, int64_t count) {
    if (count <= 0) return 0.0;
    return SharpnessScore(static_cast<double>(sum_lap) / count - lap_floor);
  };

  // Global, regional and per-block sharpness.
  m->sharpness = static_cast<float>(score(total_lap, total_count));
  std::vector<int64_t> tile_lap(static_cast<size_t>(grid) * grid, 0);
  std::vector<int64_t> tile_count(tile_lap.size(), 0);
  int64_t sharp_pixels = 0;
  for (int by = 0; by < d.blocks_y; ++by) {
    const int ty = by * grid / d.blocks_y;
    for (int bx = 0; bx < d.blocks_x; ++bx) {
      const BlockStats& b = d.blocks[static_cast<size_t>(by) * d.blocks_x + bx];
      const size_t t = static_cast<size_t>(ty) * grid + bx * grid / d.blocks_x;
      tile_lap[t] += b.sum_lap_sq;
      tile_count[t] += b.count;
      if (score(b.sum_lap_sq, b.count) >= mp::kSharpBlockScore) sharp_pixels += b.count;
    }
  }
  m->region_sharpness.resize(tile_lap.size());
  float best = 0;
  for (size_t t = 0; t < tile_lap.size(); ++t) {
    m->region_sharpness[t] = static_cast<float>(score(tile_lap[t], tile_count[t]));
    best = std::max(best, m->region_sharpness[t]);
  }
  m->sharpness_max_region = best;
  m->sharp_area_fraction =
      total_count > 0 ? static_cast<float>(static_cast<double>(sharp_pixels) / total_count) : 0.f;

  // Structure tensor coherence; isotropic noise energy removed first.
  if (total_count > 0) {
    const double grad_floor = mp::kNoiseFloorMargin * mp::kGradientNoiseGain * sigma * sigma;
    const double jxx = std::max(0.0, static_cast<double>(d.jxx) / total_count - grad_floor);
    const double jyy = std::max(0.0, static_cast<double>(d.jyy) / total_count - grad_floor);
    const double jxy = static_cast<double>(d.jxy) / total_count;
    const double trace = jxx + jyy;
    if (trace >= mp::kMinGradientEnergy) {
      const double diff = jxx - jyy;
      m->motion_blur =
          static_cast<float>(std::clamp(std::sqrt(diff * diff + 4 * jxy * jxy) / trace, 0.0, 1.0));
      // Dominant gradient orientation in image coordinates (y down); the smear
      // runs perpendicular to it. Negate to report counter-clockwise on screen.
      const double grad_deg = 0.5 * std::atan2(2 * jxy, diff) * 180.0 / std::numbers::pi;
      double angle = std::fmod(-(grad_deg + 90.0), 180.0);
      if (angle < 0) angle += 180.0;
      if (angle >= 180.0) angle -= 180.0;
      m->motion_angle_deg = static_cast<float>(angle);
    }
  }
}

// --- Exposure from the luma histogram -----------------------------------

void FillExposure(const std::array<uint32_t, 256>& hist, int64_t n, PhotoMetrics* m) {
  if (n <= 0) return;
  double sum = 0, sum_sq = 0;
  int64_t shadows = 0, highlights = 0;
  for (int v = 0; v < 256; ++v) {
    sum += static_cast<double>(v) * hist[v];
    sum_sq += static_cast<double>(v) * v * hist[v];
    if (v <= mp::kShadowClipLevel) shadows += hist[v];
    if (v >= mp::kHighlightClipLevel) highlights += hist[v];
  }
  const double mean = sum / n;
  m->mean_luma = static_cast<float>(mean / 255.0);
  m->contrast = static_cast<float>(std::sqrt(std::max(0.0, sum_sq / n - mean * mean)) / 255.0);
  m->shadow_clip = static_cast<float>(static_cast<double>(shadows) / n);
  m->highlight_clip = static_cast<float>(static_cast<double>(highlights) / n);
  auto percentile = [&](double p) {
    const double target = p * n;
    int64_t cum = 0;
    for (int v = 0; v < 256; ++v) {
      cum += hist[v];
      if (cum >= target) return v / 255.0f;
    }
    return 1.0f;
  };
  m->luma_p05 = percentile(0.05);
  m->luma_p50 = percentile(0.50);
  m->luma_p95 = percentile(0.95);
}

// --- Colour ---------------------------------------------------------------

constexpr int kColorBins = 1 << (3 * mp::kColorBits);
struct ColorBin {
  uint64_t count = 0, r = 0, g = 0, b = 0;
};

void FillColor(const ColorMoments& cm, const std::vector<ColorBin>& bins, PhotoMetrics* m) {
  if (cm.count > 0) {
    const double n = static_cast<double>(cm.count);
    const double mu_rg = cm.sum_rg / n, mu_yb = cm.sum_yb2 / (2 * n);
    const double var_rg = std::max(0.0, cm.sum_rg_sq / n - mu_rg * mu_rg);
    const double var_yb = std::max(0.0, cm.sum_yb2_sq / (4 * n) - mu_yb * mu_yb);
    m->colorfulness =
        static_cast<float>(std::sqrt(var_rg + var_yb) +
                           mp::kColorfulnessMeanWeight * std::sqrt(mu_rg * mu_rg + mu_yb * mu_yb));
    m->mean_saturation =
        cm.sum_max > 0 ? static_cast<float>(static_cast<double>(cm.sum_chroma) / cm.sum_max) : 0.f;
  }

  uint64_t total = 0, sr = 0, sg = 0, sb = 0;
  for (const ColorBin& b : bins) {
    total += b.count;
    sr += b.r;
    sg += b.g;
    sb += b.b;
  }
  if (total == 0) return;
  m->colors.mean_r = static_cast<float>(static_cast<double>(sr) / total);
  m->colors.mean_g = static_cast<float>(static_cast<double>(sg) / total);
  m->colors.mean_b = static_cast<float>(static_cast<double>(sb) / total);

  // Greedy clustering: seed at the heaviest remaining bin, absorb every
  // remaining bin whose mean colour lies within the merge distance.
  std::vector<bool> used(bins.size(), false);
  const double d2_max = mp::kColorMergeDistance * mp::kColorMergeDistance;
  while (static_cast<int>(m->colors.dominant.size()) < mp::kMaxDominantColors) {
    int seed = -1;
    for (int i = 0; i < static_cast<int>(bins.size()); ++i) {
      if (!used[i] && bins[i].count > 0 && (seed < 0 || bins[i].count > bins[seed].count)) seed = i;
    }
    if (seed < 0) break;
    const double cr = static_cast<double>(bins[seed].r) / bins[seed].count;
    const double cg = static_cast<double>(bins[seed].g) / bins[seed].count;
    const double cb = static_cast<double>(bins[seed].b) / bins[seed].count;
    uint64_t count = 0, r = 0, g = 0, b = 0;
    for (size_t i = 0; i < bins.size(); ++i) {
      if (used[i] || bins[i].count == 0) continue;
      const double n = static_cast<double>(bins[i].count);
      const double dr = bins[i].r / n - cr, dg = bins[i].g / n - cg, db = bins[i].b / n - cb;
      if (dr * dr + dg * dg + db * db > d2_max) continue;
      used[i] = true;
      count += bins[i].count;
      r += bins[i].r;
      g += bins[i].g;
      b += bins[i].b;
    }
    const double fraction = static_cast<double>(count) / total;
    if (fraction < mp::kMinColorFraction) break;  // seeds only get lighter
    auto channel = [count](uint64_t s) {
      return static_cast<uint32_t>(std::min<uint64_t>(255, (s + count / 2) / count));
    };
    m->colors.dominant.push_back(
        {(channel(r) << 16) | (channel(g) << 8) | channel(b), static_cast<float>(fraction)});
  }
  // Merging can make a later cluster heavier than an earlier one.
  std::stable_sort(
      m->colors.dominant.begin(), m->colors.dominant.end(),
      [](const DominantColor& a, const DominantColor& b) { return a.fraction > b.fraction; });
}

// --- Hashes -----------------------------------------------------------------

using Coeffs = std::array<std::array<double, mp::kPhashCoeffs>, mp::kPhashCoeffs>;  // [v][u]

// Lowest 8x8 DCT-II coefficients of a 32x32 block (unnormalised: scale does
// not matter for a median threshold).
Coeffs Dct8of32(const ImageView& img) {
  static const auto kCos = [] {
    std::array<std::array<double, mp::kPhashSize>, mp::kPhashCoeffs> t{};
    for (int u = 0; u < mp::kPhashCoeffs; ++u) {
      for (int x = 0; x < mp::kPhashSize; ++x) {
        t[u][x] = std::cos(std::numbers::pi * (2 * x + 1) * u / (2.0 * mp::kPhashSize));
      }
    }
    return t;
  }();
  std::array<std::array<double, mp::kPhashCoeffs>, mp::kPhashSize> rows{};  // [y][u]
  for (int y = 0; y < mp::kPhashSize; ++y) {
    const uint8_t* p = img.Row(y);
    for (int u = 0; u < mp::kPhashCoeffs; ++u) {
      double s = 0;
      for (int x = 0; x < mp::kPhashSize; ++x) s += kCos[u][x] * p[x];
      rows[y][u] = s;
    }
  }
  Coeffs c{};
  for (int v = 0; v < mp::kPhashCoeffs; ++v) {
    for (int u = 0; u < mp::kPhashCoeffs; ++u) {
      double s = 0;
      for (int y = 0; y < mp::kPhashSize; ++y) s += kCos[v][y] * rows[y][u];
      c[v][u] = s;
    }
  }
  return c;
}

// Mirroring the image left-right multiplies coefficient u by (-1)^u,
// top-bottom multiplies v by (-1)^v, and transposing swaps u and v, so all
// eight dihedral variants come from one DCT.
uint64_t PhashVariant(const Coeffs& c, int variant) {
  constexpr int n = mp::kPhashCoeffs;
  std::array<double, n * n> d{};
  for (int v = 0; v < n; ++v) {
    for (int u = 0; u < n; ++u) {
      double x = (variant & 4) ? c[u][v] : c[v][u];
      if ((variant & 1) && (u & 1)) x = -x;
      if ((variant & 2) && (v & 1)) x = -x;
      d[v * n + u] = x;
    }
  }
  std::array<double, n * n - 1> ac;
  std::copy(d.begin() + 1, d.end(), ac.begin());
  std::nth_element(ac.begin(), ac.begin() + ac.size() / 2, ac.end());
  const double median = ac[ac.size() / 2];
  uint64_t h = 0;
  for (int i = 1; i < n * n; ++i) {
    if (d[i] > median) h |= uint64_t{1} << i;
  }
  return h;
}

uint64_t DifferenceHash(const ImageView& img9x8) {
  uint64_t h = 0;
  for (int y = 0; y < 8; ++y) {
    const uint8_t* p = img9x8.Row(y);
    for (int x = 0; x < 8; ++x) {
      if (p[x] < p[x + 1]) h |= uint64_t{1} << (y * 8 + x);
    }
  }
  return h;
}

std::string HexColor(uint32_t rgb) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "#%06x", static_cast<unsigned>(rgb & 0xFFFFFF));
  return buf;
}

}  // namespace

StatusOr<PhotoMetrics> ComputeMetrics(const ImageView& rgba, const MetricsOptions& options) {
  using namespace metrics_internal;  // NOLINT: kernels live there
  if (rgba.data == nullptr) return InvalidArgument("no pixel data");
  if (rgba.format != PixelFormat::kRGBA8) return Unsupported("ComputeMetrics expects RGBA8");
  if (rgba.width < mp::kMinSide || rgba.height < mp::kMinSide) {
    return InvalidArgument("image too small for metrics (min 8x8)");
  }
  if (static_cast<int64_t>(rgba.width) * rgba.height > mp::kMaxPixels) {
    return TooLarge("image too large for metrics");
  }
  if (rgba.stride < static_cast<size_t>(rgba.width) * 4) return InvalidArgument("stride too small");
  if (options.work_long_side < mp::kMinWorkLongSide ||
      options.work_long_side > mp::kMaxWorkLongSide) {
    return InvalidArgument("work_long_side out of range");
  }
  if (options.grid < 1 || options.grid > mp::kMaxGrid) return InvalidArgument("grid out of range");
  const bool simd = options.use_simd && HaveSimd();
  const int w = rgba.width, h = rgba.height;

  // Pass 1: luma, colour moments, luma histogram, colour histogram.
  GEMROLL_ASSIGN_OR_RETURN(Image luma, Image::Create(w, h, PixelFormat::kGray8));
  ColorMoments cm;
  // Four interleaved sub-histograms hide the store-to-load latency of
  // repeated identical values.
  std::vector<std::array<uint32_t, 256>> sub(4, std::array<uint32_t, 256>{});
  std::vector<ColorBin> bins(kColorBins);
  constexpr int kShift = 8 - mp::kColorBits;
  const int color_step =
      std::max(1, static_cast<int>(std::sqrt(static_cast<double>(w) * h / mp::kColorSamples)));
  for (int y = 0; y < h; ++y) {
    const uint8_t* src = rgba.Row(y);
    uint8_t* dst = luma.Row(y);
    if (simd) {
      RgbaRowToLumaSimd(src, w, dst, &cm);
    } else {
      RgbaRowToLumaScalar(src, w, dst, &cm);
    }
    int x = 0;
    for (; x + 4 <= w; x += 4) {
      ++sub[0][dst[x]];
      ++sub[1][dst[x + 1]];
      ++sub[2][dst[x + 2]];
      ++sub[3][dst[x + 3]];
    }
    for (; x < w; ++x) ++sub[0][dst[x]];
    if (y % color_step == 0) {
      for (int cx = 0; cx < w; cx += color_step) {
        const uint8_t* p = src + 4 * cx;
        ColorBin& b = bins[((p[0] >> kShift) << (2 * mp::kColorBits)) |
                           ((p[1] >> kShift) << mp::kColorBits) | (p[2] >> kShift)];
        ++b.count;
        b.r += p[0];
        b.g += p[1];
        b.b += p[2];
      }
    }
  }
  std::array<uint32_t, 256> hist{};
  for (int v = 0; v < 256; ++v) hist[v] = sub[0][v] + sub[1][v] + sub[2][v] + sub[3][v];

  PhotoMetrics m;
  FillExposure(hist, static_cast<int64_t>(w) * h, &m);
  FillColor(cm, bins, &m);

  // Pass 2: detail statistics on the resolution-normalised work luma.
  Image work_storage;
  ImageView work = luma.View();
  const int long_side = std::max(w, h);
  if (long_side > options.work_long_side) {
    const double scale = static_cast<double>(options.work_long_side) / long_side;
    const int ww = std::max(3, static_cast<int>(std::lround(w * scale)));
    const int wh = std::max(3, static_cast<int>(std::lround(h * scale)));
    GEMROLL_ASSIGN_OR_RETURN(work_storage, ResizeAreaImpl(luma.View(), ww, wh, simd));
    work = work_storage.View();
  }
  m.work_width = work.width;
  m.work_height = work.height;
  DetailStats detail;
  if (simd) {
    DetailStatsSimd(work, &detail);
  } else {
    DetailStatsScalar(work, &detail);
  }
  FillDetailMetrics(detail, options.grid, &m);

  // Hashes, from the work luma (aspect is dropped on purpose: a 90-degree
  // rotation then maps to a transposed 32x32 block).
  GEMROLL_ASSIGN_OR_RETURN(Image small, ResizeAreaImpl(work, mp::kPhashSize, mp::kPhashSize, simd));
  const Coeffs coeffs = Dct8of32(small.View());
  for (int v = 0; v < 8; ++v) m.phash_dihedral[v] = PhashVariant(coeffs, v);
  m.phash = m.phash_dihedral[0];
  GEMROLL_ASSIGN_OR_RETURN(Image tiny, ResizeAreaImpl(work, 9, 8, simd));
  m.dhash = DifferenceHash(tiny.View());
  return m;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

int DihedralDistance(const PhotoMetrics& a, const PhotoMetrics& b) {
  int best = 64;
  for (uint64_t v : b.phash_dihedral) best = std::min(best, HammingDistance(a.phash, v));
  return best;
}

void PhotoMetrics::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("sharpness", sharpness);
  w.Field("sharpnessMaxRegion", sharpness_max_region);
  w.Field("sharpAreaFraction", sharp_area_fraction);
  w.Key("regionSharpness").BeginArray();
  for (float s : region_sharpness) w.Number(s);
  w.EndArray();
  w.Field("motionBlur", motion_blur);
  w.Field("motionAngleDeg", motion_angle_deg);
  w.Field("meanLuma", mean_luma);
  w.Field("shadowClip", shadow_clip);
  w.Field("highlightClip", highlight_clip);
  w.Field("contrast", contrast);
  w.Field("lumaP05", luma_p05);
  w.Field("lumaP50", luma_p50);
  w.Field("lumaP95", luma_p95);
  w.Field("noiseSigma", noise_sigma);
  w.Field("colorfulness", colorfulness);
  w.Field("meanSaturation", mean_saturation);
  w.Key("colors").BeginObject();
  w.Key("dominant").BeginArray();
  for (const DominantColor& c : colors.dominant) {
    w.BeginObject();
    w.Field("hex", HexColor(c.rgb));
    w.Field("fraction", c.fraction);
    w.EndObject();
  }
  w.EndArray();
  w.Key("meanRgb")
      .BeginArray()
      .Number(colors.mean_r)
      .Number(colors.mean_g)
      .Number(colors.mean_b)
      .EndArray();
  w.EndObject();
  w.Key("phash").Hex64(phash);
  w.Key("dhash").Hex64(dhash);
  w.Key("phashDihedral").BeginArray();
  for (uint64_t v : phash_dihedral) w.Hex64(v);
  w.EndArray();
  w.Field("workWidth", work_width);
  w.Field("workHeight", work_height);
  w.EndObject();
}

}  // namespace gemroll
