// Internal interface of the metrics hot loops. Each kernel has an always
// compiled scalar reference (*Scalar) and, where the build has a vector ISA,
// a vector version (*Simd) that must produce bit-identical results; tests and
// the benchmark include this header to compare the two.
#ifndef GEMROLL_SRC_METRICS_KERNELS_INL_H_
#define GEMROLL_SRC_METRICS_KERNELS_INL_H_

#include <cstdint>
#include <vector>

#include "gemroll/image.h"
#include "gemroll/status.h"

namespace gemroll::metrics_internal {

// True when this build compiled a vector path (SSE2 natively, -msimd128 wasm).
bool HaveSimd();
// "sse2", "wasm-simd128" or "none".
const char* SimdName();

// Integer Rec.709 luma weights (sum 256): Y = (54 R + 183 G + 19 B + 128) >> 8.
inline constexpr int kLumaR = 54, kLumaG = 183, kLumaB = 19;

// Colour moments over the pixels of the luma pass. rg = R - G and
// yb2 = R + G - 2B (twice Hasler-Suesstrunk's yb, to stay integer).
struct ColorMoments {
  int64_t count = 0;
  int64_t sum_rg = 0, sum_rg_sq = 0;
  int64_t sum_yb2 = 0, sum_yb2_sq = 0;
  int64_t sum_max = 0;     // sum of max(R,G,B)  (HSV value)
  int64_t sum_chroma = 0;  // sum of max - min
  bool operator==(const ColorMoments&) const = default;
};

// One RGBA row -> luma row, accumulating colour moments into *m.
void RgbaRowToLumaScalar(const uint8_t* rgba, int width, uint8_t* luma, ColorMoments* m);
void RgbaRowToLumaSimd(const uint8_t* rgba, int width, uint8_t* luma, ColorMoments* m);

// Area-resample weights are 14-bit fixed point (each output's weights sum to
// exactly kWeightOne). The vertical pass keeps 7 fractional bits in uint16
// (max 255 << 7 = 32640, so it fits int16 for the vector packs).
inline constexpr int kWeightBits = 14;
inline constexpr int kWeightOne = 1 << kWeightBits;
inline constexpr int kMidBits = 7;

// out[i] = (sum_k weights[k] * rows[k][i] + 2^(kWeightBits-kMidBits-1))
//          >> (kWeightBits - kMidBits), for i < n bytes.
void VerticalAreaScalar(const uint8_t* const* rows, const int16_t* weights, int count, int n,
                        uint16_t* out);
void VerticalAreaSimd(const uint8_t* const* rows, const int16_t* weights, int count, int n,
                      uint16_t* out);

// Per-16x16-block detail statistics of a Gray8 image, over interior pixels
// (1..w-2, 1..h-2). Block (bx, by) covers interior x in [1+16bx, 17+16bx).
inline constexpr int kBlockSize = 16;
struct BlockStats {
  int64_t count = 0;
  int64_t sum_lap_sq = 0;     // Laplacian 4c-n-s-e-w, squared
  int64_t sum_abs_noise = 0;  // |Immerkaer mask [1 -2 1; -2 4 -2; 1 -2 1]|
  int64_t sum_luma = 0;
  bool operator==(const BlockStats&) const = default;
};
struct DetailStats {
  int blocks_x = 0, blocks_y = 0;
  std::vector<BlockStats> blocks;  // row-major blocks_y x blocks_x
  // Structure tensor of central differences gx = e - w, gy = s - n.
  int64_t jxx = 0, jyy = 0, jxy = 0;
  bool operator==(const DetailStats&) const = default;
};
// gray must be Gray8 and at least 3x3.
void DetailStatsScalar(const ImageView& gray, DetailStats* out);
void DetailStatsSimd(const ImageView& gray, DetailStats* out);

// ResizeArea with an explicit kernel choice (use_simd is ignored without a
// vector path).
StatusOr<Image> ResizeAreaImpl(const ImageView& src, int dst_width, int dst_height, bool use_simd);

}  // namespace gemroll::metrics_internal

#endif  // GEMROLL_SRC_METRICS_KERNELS_INL_H_
