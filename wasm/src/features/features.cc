// ComputeContentFeatures: one pass over the RGBA analysis image (luma, paper
// mask, colour histogram, flat blocks), one over its luma (gradients, thin
// strokes, text blocks), a walk over the block grid for the page region, the
// two edge bands for status/navigation bars, and edge acutance on a
// box-reduced luma. Integer throughout; the hot kernels (flat blocks, axis
// gradients, strokes, text-block stats) have wasm SIMD forms next to their
// scalar reference. About 1.7 ms at 504x378 in wasm SIMD.

#include "gemroll/features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace gemroll {
namespace {

// Every tunable constant of the stage, in one place. Sizes are in pixels of
// the analysis image, whose short side the decoder keeps within ~360-760 px,
// so they are resolution-independent to within that factor of two.
namespace features_params {
constexpr int kMinSide = 16;
// Flat blocks.
constexpr int kFlatBlock = 4;
constexpr int kFlatTolerance = 2;  // max-min per channel, levels
// Axis-aligned edges.
constexpr int kAxisGradMin = 40;  // |gx|+|gy| of central differences
constexpr int kAxisRatio = 8;     // min(|gx|,|gy|) * 8 <= max: within ~7 degrees
// Colour count.
constexpr int kColorMinShareDenom = 10000;
constexpr double kColorCoverage = 0.90;
// Status / navigation bars.
constexpr int kBandSamples = 16;
constexpr int kBandColorTol = 24;     // sum of |dR|+|dG|+|dB|
constexpr double kBandSearch = 0.09;  // of the height, from the edge
constexpr double kPlainRow = 0.985;   // row share matching its ground
constexpr double kMarkedRowMin = 0.55;
constexpr double kLeadMax = 0.03;  // marks start this close to the edge
constexpr double kMarksMin = 0.007, kMarksMax = 0.045;
// Thin strokes and text blocks.
constexpr int kStrokeReach = 3;      // ground looked for within 3 px each side
constexpr int kStrokeContrast = 32;  // levels below (above) the ground
constexpr int kTextBlock = 16;
constexpr int kTextGroundTol = 24;
constexpr double kTextGroundMin = 0.45;
constexpr double kTextStrokeMin = 0.03, kTextStrokeMax = 0.5;
constexpr int kTextBusyLines = 3;  // rows and columns crossing >= 2 strokes
// Paper.
constexpr int kPaperLuma = 150;
constexpr int kPaperSatNum = 1, kPaperSatDen = 5, kPaperSatSlack = 6;  // (max-min) <= 0.2 max + 6
constexpr int kPageBlock = 8;
constexpr double kPageBlockPaper = 0.5;
// Acutance.
constexpr int kAcuTargetShort = 400;  // reduce luma by round(short / 400)
constexpr int kAcuGradMin = 24;       // central difference at the edge centre
constexpr int kAcuReach = 3;
constexpr int kAcuMinEdges = 20;
constexpr int kAcuBins = 64;
constexpr int kAcuRowStep = 2;
}  // namespace features_params

namespace fp = features_params;

inline int Luma(const uint8_t* p) { return (54 * p[0] + 183 * p[1] + 19 * p[2] + 128) >> 8; }

inline int ColorDist(const uint8_t* a, const uint8_t* b) {
  return std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
}

// One edge band (top when from_top, else bottom), see ContentFeatures.
float EdgeBand(const ImageView& img, bool from_top) {
  const int w = img.width, h = img.height;
  const int search = std::max(4, static_cast<int>(h * fp::kBandSearch));
  struct RowInfo {
    uint8_t ground[3];
    float uniform;
  };
  std::vector<RowInfo> rows(search);
  for (int i = 0; i < search; ++i) {
    const uint8_t* row = img.Row(from_top ? i : h - 1 - i);
    int best = 0, best_votes = -1;
    std::array<int, fp::kBandSamples> xs;
    for (int k = 0; k < fp::kBandSamples; ++k)
      xs[k] = static_cast<int>((k + 0.5) * w / fp::kBandSamples);
    for (int a = 0; a < fp::kBandSamples; ++a) {
      int votes = 0;
      for (int b = 0; b < fp::kBandSamples; ++b) {
        votes += ColorDist(row + 4 * xs[a], row + 4 * xs[b]) <= fp::kBandColorTol;
      }
      if (votes > best_votes) best_votes = votes, best = xs[a];
    }
    const uint8_t* g = row + 4 * best;
    int match = 0;
    for (int x = 0; x < w; ++x) match += ColorDist(row + 4 * x, g) <= fp::kBandColorTol;
    rows[i] = {{g[0], g[1], g[2]}, static_cast<float>(match) / w};
  }
  auto same = [&](int a, int b) {
    return ColorDist(rows[a].ground, rows[b].ground) <= fp::kBandColorTol;
  };
  auto plain = [&](int i) { return rows[i].uniform >= fp::kPlainRow; };
  // plain* marked+ plain+, one ground throughout.
  int i = 0;
  while (i < search && plain(i)) ++i;
  const int lead = i, m0 = i;
  if (lead > h * fp::kLeadMax || m0 >= search) return 0;
  while (i < search && !plain(i) && rows[i].uniform >= fp::kMarkedRowMin && same(i, m0)) ++i;
  const int m1 = i;
  int trail = 0;
  while (i < search && plain(i) && same(i, m0)) ++i, ++trail;
  for (int k = 0; k < lead; ++k) {
    if (!same(k, m0)) return 0;
  }
  const double marks = static_cast<double>(m1 - m0) / h;
  if (marks < fp::kMarksMin || marks > fp::kMarksMax || trail < std::max(1, h / 300)) return 0;
  double sum = 0;
  for (int k = 0; k < i; ++k) sum += rows[k].uniform;
  const double mean = sum / i;
  return static_cast<float>(
      std::clamp((mean - fp::kMarkedRowMin) / (0.95 - fp::kMarkedRowMin), 0.0, 1.0));
}

// Quantile q of a 0..1 histogram with kAcuBins bins.
float HistQuantile(const std::array<int, fp::kAcuBins>& hist, int n, double q) {
  int acc = 0;
  for (int b = 0; b < fp::kAcuBins; ++b) {
    acc += hist[b];
    if (acc >= q * n) return (b + 0.5f) / fp::kAcuBins;
  }
  return 1;
}
float HistMedian(const std::array<int, fp::kAcuBins>& hist, int n) {
  return HistQuantile(hist, n, 0.5);
}

// Box-average of src (stride w) by `factor` into an out_w x out_h image;
// `round` rounds to nearest, else truncates.
template <typename T>
std::vector<int16_t> BoxReduce(const T* src, int w, int out_w, int out_h, int factor, bool round) {
  std::vector<int16_t> out(static_cast<size_t>(std::max(0, out_w)) * std::max(0, out_h));
  const int area = factor * factor, bias = round ? area / 2 : 0;
  for (int y = 0; y < out_h; ++y) {
    for (int x = 0; x < out_w; ++x) {
      int s = 0;
      for (int dy = 0; dy < factor; ++dy) {
        const T* r = &src[static_cast<size_t>(y * factor + dy) * w + x * factor];
        for (int dx = 0; dx < factor; ++dx) s += r[dx];
      }
      out[static_cast<size_t>(y) * out_w + x] = static_cast<int16_t>((s + bias) / area);
    }
  }
  return out;
}

void Acutance(const std::vector<uint8_t>& luma, int w, int h, ContentFeatures* f) {
  const int factor =
      std::max(1, static_cast<int>(std::lround(std::min(w, h) / double(fp::kAcuTargetShort))));
  const int aw = w / factor, ah = h / factor;
  const std::vector<int16_t> a = BoxReduce(luma.data(), w, aw, ah, factor, /*round=*/true);
  std::array<int, fp::kAcuBins> hx{}, hy{};
  int nx = 0, ny = 0;
  const int r = fp::kAcuReach;
  constexpr int kAcuRowStep = fp::kAcuRowStep;
  auto ratio_bin = [](int fine, int coarse) {
    const double q = std::min(1.0, static_cast<double>(fine) / coarse);
    return std::min(fp::kAcuBins - 1, static_cast<int>(q * fp::kAcuBins));
  };
  // Every other row: the median over thousands of edges does not need them all.
  for (int y = r + 1; y < ah - r - 1; y += kAcuRowStep) {
    const int16_t* p = &a[static_cast<size_t>(y) * aw];
    for (int x = r + 1; x < aw - r - 1; ++x) {
      const int gx = p[x + 1] - p[x - 1], gy = p[x + aw] - p[x - aw];
      const int ax = std::abs(gx), ay = std::abs(gy);
      if (ax >= fp::kAcuGradMin && ax >= 2 * ay) {
        if (ax >= std::abs(p[x] - p[x - 2]) && ax > std::abs(p[x + 2] - p[x])) {
          const int coarse = std::abs(p[x + r] - p[x - r]);
          if (2 * coarse >= ax) {
            const int fine = std::max(std::abs(p[x + 1] - p[x]), std::abs(p[x] - p[x - 1]));
            ++hx[ratio_bin(fine, coarse)], ++nx;
          }
        }
      } else if (ay >= fp::kAcuGradMin && ay >= 2 * ax) {
        if (ay >= std::abs(p[x] - p[x - 2 * aw]) && ay > std::abs(p[x + 2 * aw] - p[x])) {
          const int coarse = std::abs(p[x + r * aw] - p[x - r * aw]);
          if (2 * coarse >= ay) {
            const int fine = std::max(std::abs(p[x + aw] - p[x]), std::abs(p[x] - p[x - aw]));
            ++hy[ratio_bin(fine, coarse)], ++ny;
          }
        }
      }
    }
  }
  f->edge_count = nx + ny;
  // Structure at a quarter of this scale: smeared edges are steep again
  // there, a featureless sky or fog is not.
  {
    constexpr int kCoarse = 4;
    const int cw = aw / kCoarse, ch = ah / kCoarse;
    const std::vector<int16_t> c = BoxReduce(a.data(), aw, cw, ch, kCoarse, /*round=*/false);
    int strong = 0, total = 0;
    for (int y = 1; y + 1 < ch; ++y) {
      const int16_t* p = &c[static_cast<size_t>(y) * cw];
      for (int x = 1; x + 1 < cw; ++x, ++total) {
        strong += std::abs(p[x + 1] - p[x - 1]) >= fp::kAcuGradMin ||
                  std::abs(p[x + cw] - p[x - cw]) >= fp::kAcuGradMin;
      }
    }
    f->coarse_edge_fraction = total > 0 ? static_cast<float>(strong) / total : 0.f;
  }
  if (nx >= fp::kAcuMinEdges) f->acutance_x = HistMedian(hx, nx);
  if (ny >= fp::kAcuMinEdges) f->acutance_y = HistMedian(hy, ny);
  if (nx + ny >= fp::kAcuMinEdges) {
    std::array<int, fp::kAcuBins> all;
    for (int b = 0; b < fp::kAcuBins; ++b) all[b] = hx[b] + hy[b];
    f->acutance = HistMedian(all, nx + ny);
    f->acutance_p90 = HistQuantile(all, nx + ny, 0.9);
  }
}

// The hot per-pixel kernels below each have a scalar form, which is the
// reference (and the native build), and a wasm SIMD form used for the bulk of
// each row when built with -msimd128; both must give bit-identical results.

// A kFlatBlock x kFlatBlock RGBA block is flat when max-min of each of R, G, B
// is within kFlatTolerance.
[[maybe_unused]] inline bool IsFlatBlockScalar(const ImageView& img, int x0, int y0) {
  uint8_t lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
  for (int dy = 0; dy < fp::kFlatBlock; ++dy) {
    const uint8_t* p = img.Row(y0 + dy) + 4 * x0;
    for (int dx = 0; dx < fp::kFlatBlock; ++dx, p += 4) {
      for (int c = 0; c < 3; ++c) lo[c] = std::min(lo[c], p[c]), hi[c] = std::max(hi[c], p[c]);
    }
  }
  return hi[0] - lo[0] <= fp::kFlatTolerance && hi[1] - lo[1] <= fp::kFlatTolerance &&
         hi[2] - lo[2] <= fp::kFlatTolerance;
}

inline bool IsFlatBlock(const ImageView& img, int x0, int y0) {
#if defined(__wasm_simd128__)
  static_assert(fp::kFlatBlock == 4, "SIMD form: one block row is one vector");
  // One row of the block is exactly 16 bytes (4 RGBA pixels): min/max down
  // the rows, then across the four pixels by folding halves.
  v128_t lo = wasm_v128_load(img.Row(y0) + 4 * x0), hi = lo;
  for (int dy = 1; dy < 4; ++dy) {
    const v128_t v = wasm_v128_load(img.Row(y0 + dy) + 4 * x0);
    lo = wasm_u8x16_min(lo, v), hi = wasm_u8x16_max(hi, v);
  }
  lo = wasm_u8x16_min(lo, wasm_i64x2_shuffle(lo, lo, 1, 0));
  hi = wasm_u8x16_max(hi, wasm_i64x2_shuffle(hi, hi, 1, 0));
  lo = wasm_u8x16_min(lo, wasm_i32x4_shuffle(lo, lo, 1, 0, 3, 2));
  hi = wasm_u8x16_max(hi, wasm_i32x4_shuffle(hi, hi, 1, 0, 3, 2));
  // Spread minus the tolerance, saturating: flat when zero in bytes 0..2
  // (R, G, B; little-endian), whatever alpha does.
  const v128_t over =
      wasm_u8x16_sub_sat(wasm_u8x16_sub_sat(hi, lo), wasm_u8x16_splat(fp::kFlatTolerance));
  return (static_cast<uint32_t>(wasm_i32x4_extract_lane(over, 0)) & 0x00FFFFFFu) == 0;
#else
  return IsFlatBlockScalar(img, x0, y0);
#endif
}

// Axis-aligned gradient energy of one luma row (x in [1, w-1)): adds e =
// |gx|+|gy| of every pixel with e >= kAxisGradMin to *total, and to *axis as
// well when the gradient is within ~7 degrees of an axis.
inline void AxisGradientPixel(const uint8_t* l, int x, int w, int32_t* total, int32_t* axis) {
  const int ax = std::abs(l[x + 1] - l[x - 1]), ay = std::abs(l[x + w] - l[x - w]);
  const int e = ax + ay;
  const int strong = e >= fp::kAxisGradMin;
  *total += strong * e;
  *axis += (strong & (std::min(ax, ay) * fp::kAxisRatio <= std::max(ax, ay))) * e;
}

inline void AxisGradientRow(const uint8_t* l, int w, int64_t* total, int64_t* axis) {
  // Per row the sums stay below 510 * w, well within int32.
  int32_t row_total = 0, row_axis = 0;
  int x = 1;
#if defined(__wasm_simd128__)
  static_assert(fp::kAxisRatio == 8, "SIMD form multiplies by shifting");
  v128_t vt = wasm_i32x4_splat(0), va = vt;
  const v128_t gmin = wasm_i16x8_splat(fp::kAxisGradMin - 1);
  for (; x + 8 <= w - 1; x += 8) {  // 8 pixels as int16
    const v128_t ax = wasm_i16x8_abs(
        wasm_i16x8_sub(wasm_u16x8_load8x8(l + x + 1), wasm_u16x8_load8x8(l + x - 1)));
    const v128_t ay = wasm_i16x8_abs(
        wasm_i16x8_sub(wasm_u16x8_load8x8(l + x + w), wasm_u16x8_load8x8(l + x - w)));
    const v128_t e = wasm_i16x8_add(ax, ay);
    const v128_t strong = wasm_i16x8_gt(e, gmin);
    const v128_t along =
        wasm_i16x8_le(wasm_i16x8_shl(wasm_i16x8_min(ax, ay), 3), wasm_i16x8_max(ax, ay));
    const v128_t et = wasm_v128_and(e, strong);
    vt = wasm_i32x4_add(vt, wasm_i32x4_extadd_pairwise_i16x8(et));
    va = wasm_i32x4_add(va, wasm_i32x4_extadd_pairwise_i16x8(wasm_v128_and(et, along)));
  }
  row_total += wasm_i32x4_extract_lane(vt, 0) + wasm_i32x4_extract_lane(vt, 1) +
               wasm_i32x4_extract_lane(vt, 2) + wasm_i32x4_extract_lane(vt, 3);
  row_axis += wasm_i32x4_extract_lane(va, 0) + wasm_i32x4_extract_lane(va, 1) +
              wasm_i32x4_extract_lane(va, 2) + wasm_i32x4_extract_lane(va, 3);
#endif
  for (; x < w - 1; ++x) AxisGradientPixel(l, x, w, &row_total, &row_axis);
  *total += row_total, *axis += row_axis;
}

// Thin strokes of one luma row (x in [kStrokeReach, w-kStrokeReach); the row
// must be at least kStrokeReach rows from the top and bottom): a pixel is a
// stroke when the max (dark ink) or min (light ink) of the 3 pixels on each
// side, horizontally or vertically, are both kStrokeContrast beyond it. Writes
// 0/1 to s and returns the count. Computed directly from the luma, so no
// full-size max/min buffers are needed.
inline int StrokePixel(const uint8_t* l, int x, int w) {
  static_assert(fp::kStrokeReach == 3, "written for 3 px each side");
  const int v = l[x];
  const int hmax_l = std::max(std::max(l[x - 3], l[x - 2]), l[x - 1]);
  const int hmax_r = std::max(std::max(l[x + 1], l[x + 2]), l[x + 3]);
  const int hmin_l = std::min(std::min(l[x - 3], l[x - 2]), l[x - 1]);
  const int hmin_r = std::min(std::min(l[x + 1], l[x + 2]), l[x + 3]);
  const int vmax_u = std::max(std::max(l[x - 3 * w], l[x - 2 * w]), l[x - w]);
  const int vmax_d = std::max(std::max(l[x + w], l[x + 2 * w]), l[x + 3 * w]);
  const int vmin_u = std::min(std::min(l[x - 3 * w], l[x - 2 * w]), l[x - w]);
  const int vmin_d = std::min(std::min(l[x + w], l[x + 2 * w]), l[x + 3 * w]);
  const int hdark = std::min(hmax_l, hmax_r) - v, hlight = v - std::max(hmin_l, hmin_r);
  const int vdark = std::min(vmax_u, vmax_d) - v, vlight = v - std::max(vmin_u, vmin_d);
  return std::max(std::max(hdark, hlight), std::max(vdark, vlight)) >= fp::kStrokeContrast;
}

inline int StrokeRow(const uint8_t* l, int w, uint8_t* s) {
  const int r = fp::kStrokeReach;
  int count = 0, x = r;
#if defined(__wasm_simd128__)
  // 16 pixels at a time in uint8. max(a - v, ...) >= t with t > 0 holds
  // exactly when some saturating difference reaches t, so no widening.
  const v128_t t1 = wasm_u8x16_splat(fp::kStrokeContrast - 1), one = wasm_u8x16_splat(1);
  v128_t acc = wasm_i16x8_splat(0);
  auto ld = [&](int off) { return wasm_v128_load(l + x + off); };
  for (; x + 16 <= w - r; x += 16) {
    const v128_t v = ld(0);
    const v128_t a = ld(-3), b = ld(-2), c = ld(-1), d = ld(1), e = ld(2), g = ld(3);
    const v128_t hmax = wasm_u8x16_min(wasm_u8x16_max(wasm_u8x16_max(a, b), c),
                                       wasm_u8x16_max(wasm_u8x16_max(d, e), g));
    const v128_t hmin = wasm_u8x16_max(wasm_u8x16_min(wasm_u8x16_min(a, b), c),
                                       wasm_u8x16_min(wasm_u8x16_min(d, e), g));
    const v128_t ua = ld(-3 * w), ub = ld(-2 * w), uc = ld(-w);
    const v128_t da = ld(w), db = ld(2 * w), dc = ld(3 * w);
    const v128_t vmax = wasm_u8x16_min(wasm_u8x16_max(wasm_u8x16_max(ua, ub), uc),
                                       wasm_u8x16_max(wasm_u8x16_max(da, db), dc));
    const v128_t vmin = wasm_u8x16_max(wasm_u8x16_min(wasm_u8x16_min(ua, ub), uc),
                                       wasm_u8x16_min(wasm_u8x16_min(da, db), dc));
    const v128_t m =
        wasm_u8x16_max(wasm_u8x16_max(wasm_u8x16_sub_sat(hmax, v), wasm_u8x16_sub_sat(v, hmin)),
                       wasm_u8x16_max(wasm_u8x16_sub_sat(vmax, v), wasm_u8x16_sub_sat(v, vmin)));
    const v128_t bit = wasm_v128_and(wasm_u8x16_gt(m, t1), one);
    wasm_v128_store(s + x, bit);
    acc = wasm_i16x8_add(acc, wasm_u16x8_extadd_pairwise_u8x16(bit));
  }
  const v128_t acc32 = wasm_u32x4_extadd_pairwise_u16x8(acc);
  count += wasm_i32x4_extract_lane(acc32, 0) + wasm_i32x4_extract_lane(acc32, 1) +
           wasm_i32x4_extract_lane(acc32, 2) + wasm_i32x4_extract_lane(acc32, 3);
#endif
  for (; x < w - r; ++x) {
    const int st = StrokePixel(l, x, w);
    s[x] = static_cast<uint8_t>(st);
    count += st;
  }
  return count;
}

// Luma min/max and stroke count of one kTextBlock x kTextBlock block.
inline void TextBlockStats(const uint8_t* l, const uint8_t* s, int w, int* lo, int* hi,
                           int* strokes) {
  const int b = fp::kTextBlock;
#if defined(__wasm_simd128__)
  static_assert(fp::kTextBlock == 16, "one block row is one vector");
  v128_t mn = wasm_v128_load(l), mx = mn, sum = wasm_i16x8_splat(0);
  for (int dy = 0; dy < b; ++dy) {
    const v128_t v = wasm_v128_load(l + static_cast<size_t>(dy) * w);
    mn = wasm_u8x16_min(mn, v), mx = wasm_u8x16_max(mx, v);
    sum = wasm_i16x8_add(
        sum, wasm_u16x8_extadd_pairwise_u8x16(wasm_v128_load(s + static_cast<size_t>(dy) * w)));
  }
  uint8_t mnb[16], mxb[16];
  wasm_v128_store(mnb, mn), wasm_v128_store(mxb, mx);
  int a = 255, z = 0;
  for (int i = 0; i < 16; ++i) a = std::min<int>(a, mnb[i]), z = std::max<int>(z, mxb[i]);
  const v128_t s32 = wasm_u32x4_extadd_pairwise_u16x8(sum);
  *lo = a, *hi = z;
  *strokes = wasm_i32x4_extract_lane(s32, 0) + wasm_i32x4_extract_lane(s32, 1) +
             wasm_i32x4_extract_lane(s32, 2) + wasm_i32x4_extract_lane(s32, 3);
#else
  int a = 255, z = 0, n = 0;
  for (int dy = 0; dy < b; ++dy) {
    const size_t o = static_cast<size_t>(dy) * w;
    for (int dx = 0; dx < b; ++dx) {
      a = std::min<int>(a, l[o + dx]);
      z = std::max<int>(z, l[o + dx]);
      n += s[o + dx];
    }
  }
  *lo = a, *hi = z, *strokes = n;
#endif
}

}  // namespace

ContentFeatures ComputeContentFeatures(const ImageView& img) {
  ContentFeatures f;
  if (img.empty() || img.format != PixelFormat::kRGBA8 || img.width < fp::kMinSide ||
      img.height < fp::kMinSide) {
    return f;
  }
  f.valid = true;
  const int w = img.width, h = img.height;
  const size_t n = static_cast<size_t>(w) * h;

  // Pass 1: luma, paper, colours.
  std::vector<uint8_t> luma(n);
  std::vector<uint8_t> paper(n);
  std::vector<uint32_t> hist(4096, 0);
  size_t paper_count = 0;
  for (int y = 0; y < h; ++y) {
    const uint8_t* p = img.Row(y);
    uint8_t* l = &luma[static_cast<size_t>(y) * w];
    uint8_t* pa = &paper[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x, p += 4) {
      const int lv = Luma(p);
      l[x] = static_cast<uint8_t>(lv);
      const int mx = std::max(std::max(p[0], p[1]), p[2]);
      const int mn = std::min(std::min(p[0], p[1]), p[2]);
      const bool is_paper =
          lv >= fp::kPaperLuma && (mx - mn) * fp::kPaperSatDen <=
                                      mx * fp::kPaperSatNum + fp::kPaperSatSlack * fp::kPaperSatDen;
      pa[x] = is_paper;
      paper_count += is_paper;
      ++hist[((p[0] >> 4) << 8) | ((p[1] >> 4) << 4) | (p[2] >> 4)];
    }
  }
  f.paper_fraction = static_cast<float>(paper_count) / n;
  {
    std::vector<uint32_t> counts;
    const uint32_t min_count =
        std::max<uint32_t>(1, static_cast<uint32_t>(n / fp::kColorMinShareDenom));
    for (uint32_t c : hist) {
      if (c >= min_count) counts.push_back(c);
    }
    f.distinct_colors = static_cast<int>(counts.size());
    std::sort(counts.begin(), counts.end(), std::greater<>());
    size_t acc = 0;
    for (uint32_t c : counts) {
      acc += c;
      ++f.colors_90;
      if (acc >= fp::kColorCoverage * n) break;
    }
  }

  // Flat 4x4 blocks.
  {
    const int bw = w / fp::kFlatBlock, bh = h / fp::kFlatBlock;
    int flat = 0, flat_colored = 0;
    std::vector<uint16_t> flat_keys;
    for (int by = 0; by < bh; ++by) {
      for (int bx = 0; bx < bw; ++bx) {
        const bool is_flat = IsFlatBlock(img, bx * fp::kFlatBlock, by * fp::kFlatBlock);
        flat += is_flat;
        if (is_flat) {
          const uint8_t* p = img.Row(by * fp::kFlatBlock) + 4 * bx * fp::kFlatBlock;
          flat_keys.push_back(
              static_cast<uint16_t>(((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3)));
        }
        flat_colored +=
            is_flat && !paper[static_cast<size_t>(by * fp::kFlatBlock) * w + bx * fp::kFlatBlock];
      }
    }
    f.flat_fraction = bw * bh > 0 ? static_cast<float>(flat) / (bw * bh) : 0;
    f.flat_colored_fraction = bw * bh > 0 ? static_cast<float>(flat_colored) / (bw * bh) : 0;
    // Two most common flat colours: sort the keys and take the two longest runs.
    std::sort(flat_keys.begin(), flat_keys.end());
    int top1 = 0, top2 = 0;
    for (size_t i = 0; i < flat_keys.size();) {
      size_t j = i;
      while (j < flat_keys.size() && flat_keys[j] == flat_keys[i]) ++j;
      const int run = static_cast<int>(j - i);
      if (run > top1)
        top2 = top1, top1 = run;
      else if (run > top2)
        top2 = run;
      i = j;
    }
    f.flat_top_colors = bw * bh > 0 ? static_cast<float>(top1 + top2) / (bw * bh) : 0;
  }

  // Axis-aligned gradient energy.
  {
    int64_t total = 0, axis = 0;
    for (int y = 1; y < h - 1; ++y)
      AxisGradientRow(&luma[static_cast<size_t>(y) * w], w, &total, &axis);
    f.axis_edge_share = total > 0 ? static_cast<float>(static_cast<double>(axis) / total) : 0;
  }

  // Thin strokes: ground within kStrokeReach px on both sides, horizontally or
  // vertically, kStrokeContrast levels brighter (dark ink) or darker (light ink).
  std::vector<uint8_t> stroke(n, 0);
  {
    const int r = fp::kStrokeReach;
    size_t count = 0;
    for (int y = r; y < h - r; ++y) {
      const size_t o = static_cast<size_t>(y) * w;
      count += StrokeRow(&luma[o], w, &stroke[o]);
    }
    f.stroke_fraction = static_cast<float>(count) / n;
  }

  // Text blocks.
  {
    const int b = fp::kTextBlock;
    const int bw = w / b, bh = h / b;
    int text = 0;
    for (int by = 0; by < bh; ++by) {
      for (int bx = 0; bx < bw; ++bx) {
        int lo, hi, strokes;
        TextBlockStats(&luma[static_cast<size_t>(by * b) * w + bx * b],
                       &stroke[static_cast<size_t>(by * b) * w + bx * b], w, &lo, &hi, &strokes);
        const double share = strokes / double(b * b);
        if (share < fp::kTextStrokeMin || share > fp::kTextStrokeMax ||
            hi - lo < fp::kStrokeContrast)
          continue;
        int near_hi = 0, near_lo = 0, busy_rows = 0;
        std::array<int, fp::kTextBlock> col_trans{};
        for (int dy = 0; dy < b; ++dy) {
          const size_t o = static_cast<size_t>(by * b + dy) * w + bx * b;
          int trans = 0;
          for (int dx = 0; dx < b; ++dx) {
            near_hi += luma[o + dx] >= hi - fp::kTextGroundTol;
            near_lo += luma[o + dx] <= lo + fp::kTextGroundTol;
            if (dx > 0) trans += stroke[o + dx] && !stroke[o + dx - 1];
            if (dy > 0) col_trans[dx] += stroke[o + dx] && !stroke[o + dx - w];
          }
          busy_rows += trans >= 2;
        }
        int busy_cols = 0;
        for (int c : col_trans) busy_cols += c >= 2;
        const double ground = std::max(near_hi, near_lo) / double(b * b);
        text += ground >= fp::kTextGroundMin && busy_rows >= fp::kTextBusyLines &&
                busy_cols >= fp::kTextBusyLines;
      }
    }
    f.text_block_fraction = bw * bh > 0 ? static_cast<float>(text) / (bw * bh) : 0;
  }

  // Page region: largest 4-connected group of paper-like 8x8 blocks.
  {
    const int b = fp::kPageBlock;
    const int bw = w / b, bh = h / b;
    if (bw > 0 && bh > 0) {
      std::vector<int8_t> grid(static_cast<size_t>(bw) * bh, 0);
      for (int by = 0; by < bh; ++by) {
        for (int bx = 0; bx < bw; ++bx) {
          int c = 0;
          for (int dy = 0; dy < b; ++dy) {
            const uint8_t* pa = &paper[static_cast<size_t>(by * b + dy) * w + bx * b];
            for (int dx = 0; dx < b; ++dx) c += pa[dx];
          }
          grid[static_cast<size_t>(by) * bw + bx] = c >= fp::kPageBlockPaper * b * b;
        }
      }
      std::vector<int> stack, members, best_members;
      int best = 0, bx0 = 0, bx1 = 0, by0 = 0, by1 = 0;
      for (int start = 0; start < bw * bh; ++start) {
        if (grid[start] != 1) continue;
        int area = 0, x0 = bw, x1 = -1, y0 = bh, y1 = -1;
        stack.assign(1, start);
        members.clear();
        grid[start] = 2;
        while (!stack.empty()) {
          const int k = stack.back();
          stack.pop_back();
          const int x = k % bw, y = k / bw;
          ++area;
          members.push_back(k);
          x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
          const int nb[4] = {x > 0 ? k - 1 : -1, x + 1 < bw ? k + 1 : -1, y > 0 ? k - bw : -1,
                             y + 1 < bh ? k + bw : -1};
          for (int q : nb) {
            if (q >= 0 && grid[q] == 1) grid[q] = 2, stack.push_back(q);
          }
        }
        if (area > best)
          best = area, bx0 = x0, bx1 = x1, by0 = y0, by1 = y1, best_members.swap(members);
      }
      if (best > 0) {
        const int bbw = bx1 - bx0 + 1, bbh = by1 - by0 + 1;
        f.page_area = static_cast<float>(best) / (bw * bh);
        f.page_fill = static_cast<float>(best) / (bbw * bbh);
        f.page_aspect = static_cast<float>(std::max(bbw, bbh)) / std::min(bbw, bbh);
        f.page_borders = (bx0 == 0) + (by0 == 0) + (bx1 == bw - 1) + (by1 == bh - 1);
        size_t ink = 0;
        for (int k : best_members) {
          const int x = k % bw, y = k / bw;
          for (int dy = 0; dy < b; ++dy) {
            const uint8_t* s = &stroke[static_cast<size_t>(y * b + dy) * w + x * b];
            for (int dx = 0; dx < b; ++dx) ink += s[dx];
          }
        }
        f.page_ink =
            static_cast<float>(static_cast<double>(ink) / (static_cast<double>(best) * b * b));
      }
    }
  }

  f.status_bar = EdgeBand(img, true);
  f.nav_bar = EdgeBand(img, false);
  Acutance(luma, w, h, &f);
  return f;
}

void ContentFeatures::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("flatFraction", flat_fraction);
  w.Field("flatColoredFraction", flat_colored_fraction);
  w.Field("flatTopColors", flat_top_colors);
  w.Field("axisEdgeShare", axis_edge_share);
  w.Field("distinctColors", distinct_colors);
  w.Field("colors90", colors_90);
  w.Field("statusBar", status_bar);
  w.Field("navBar", nav_bar);
  w.Field("strokeFraction", stroke_fraction);
  w.Field("textBlockFraction", text_block_fraction);
  w.Field("paperFraction", paper_fraction);
  w.Key("page")
      .BeginObject()
      .Field("area", page_area)
      .Field("fill", page_fill)
      .Field("aspect", page_aspect)
      .Field("borders", page_borders)
      .Field("ink", page_ink)
      .EndObject();
  w.Key("acutance")
      .BeginObject()
      .Field("all", acutance)
      .Field("x", acutance_x)
      .Field("y", acutance_y)
      .Field("p90", acutance_p90)
      .Field("coarseEdges", coarse_edge_fraction)
      .Field("edges", edge_count)
      .EndObject();
  w.EndObject();
}

}  // namespace gemroll
