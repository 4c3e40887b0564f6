// Area-averaging (box filter) resample: the luma work image, the hash inputs
// and UI thumbnails. Separable: a vector vertical pass into 7-bit-fraction
// uint16 rows, then a scalar horizontal pass, both with exact integer weights.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "gemroll/metrics.h"
#include "kernels-inl.h"

namespace gemroll {
namespace metrics_internal {
namespace {

// One resample step reduces by at most this factor per axis; larger ratios
// go through an intermediate image so every 14-bit weight keeps >= 6 bits.
constexpr int kMaxStepRatio = 256;
// Output size limit (pixels) for ResizeArea; thumbnails and work images are
// far below it, so only a caller error reaches it.
constexpr int64_t kMaxResizePixels = int64_t{1} << 28;

struct Taps {
  std::vector<int> start, count, offset;  // per output sample
  std::vector<int16_t> weights;           // flattened, each run sums to kWeightOne
};

// Output i covers source interval [i*S/D, (i+1)*S/D). Working in units of
// 1/D source pixel keeps every overlap an exact integer.
Taps ComputeTaps(int src, int dst) {
  Taps t;
  t.start.resize(dst);
  t.count.resize(dst);
  t.offset.resize(dst);
  const int64_t s = src, d = dst;
  for (int i = 0; i < dst; ++i) {
    const int64_t lo = i * s, hi = (i + 1) * s;
    const int64_t k0 = lo / d, k1 = (hi - 1) / d;
    t.start[i] = static_cast<int>(k0);
    t.count[i] = static_cast<int>(k1 - k0 + 1);
    t.offset[i] = static_cast<int>(t.weights.size());
    int sum = 0;
    size_t best = t.weights.size();
    for (int64_t k = k0; k <= k1; ++k) {
      const int64_t overlap = std::min(hi, (k + 1) * d) - std::max(lo, k * d);
      const int w = static_cast<int>((overlap * kWeightOne + s / 2) / s);
      if (w > (best < t.weights.size() ? t.weights[best] : -1)) best = t.weights.size();
      t.weights.push_back(static_cast<int16_t>(w));
      sum += w;
    }
    // Rounding leftovers go to the heaviest tap so each run sums exactly.
    t.weights[best] = static_cast<int16_t>(t.weights[best] + (kWeightOne - sum));
  }
  return t;
}

// Horizontal pass, scalar (taps are few and gathered; the vertical pass does
// the bulk of the work for downscales). Templated on channels so the inner
// loops unroll. Max sum 32640 * 2^14 < 2^31, so int32 cannot overflow.
template <int kChannels>
void HorizontalArea(const uint16_t* in, const Taps& t, int dst_width, uint8_t* out) {
  static_assert(kChannels == 1 || kChannels == 4);
  constexpr int kShift = kWeightBits + kMidBits;
  constexpr int32_t kRound = 1 << (kShift - 1);
  for (int x = 0; x < dst_width; ++x) {
    const int16_t* w = &t.weights[t.offset[x]];
    const uint16_t* p = in + static_cast<size_t>(t.start[x]) * kChannels;
    const int taps = t.count[x];
    // Named accumulators: an array here made g++ keep the sums in memory.
    int32_t a0 = kRound, a1 = kRound, a2 = kRound, a3 = kRound;
    for (int k = 0; k < taps; ++k, p += kChannels) {
      const int32_t wk = w[k];
      a0 += wk * p[0];
      if constexpr (kChannels == 4) {
        a1 += wk * p[1];
        a2 += wk * p[2];
        a3 += wk * p[3];
      }
    }
    out[x * kChannels] = static_cast<uint8_t>(a0 >> kShift);
    if constexpr (kChannels == 4) {
      out[x * 4 + 1] = static_cast<uint8_t>(a1 >> kShift);
      out[x * 4 + 2] = static_cast<uint8_t>(a2 >> kShift);
      out[x * 4 + 3] = static_cast<uint8_t>(a3 >> kShift);
    }
  }
}

Status CheckView(const ImageView& v) {
  if (v.empty()) return InvalidArgument("empty image");
  if (v.format != PixelFormat::kRGBA8 && v.format != PixelFormat::kGray8) {
    return Unsupported("ResizeArea supports RGBA8 and Gray8");
  }
  if (v.stride < static_cast<size_t>(v.width) * BytesPerPixel(v.format)) {
    return InvalidArgument("stride smaller than a row");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Image> ResizeAreaImpl(const ImageView& src, int dst_width, int dst_height, bool use_simd) {
  GEMROLL_RETURN_IF_ERROR(CheckView(src));
  if (dst_width <= 0 || dst_height <= 0) return InvalidArgument("target size must be positive");
  if (static_cast<int64_t>(dst_width) * dst_height > kMaxResizePixels) {
    return TooLarge("resize target too large");
  }
  // Very large reductions: go via an intermediate size, one step at a time.
  const int mid_w = std::max(dst_width, (src.width + kMaxStepRatio - 1) / kMaxStepRatio);
  const int mid_h = std::max(dst_height, (src.height + kMaxStepRatio - 1) / kMaxStepRatio);
  if (mid_w != dst_width || mid_h != dst_height) {
    GEMROLL_ASSIGN_OR_RETURN(Image mid, ResizeAreaImpl(src, mid_w, mid_h, use_simd));
    return ResizeAreaImpl(mid.View(), dst_width, dst_height, use_simd);
  }

  GEMROLL_ASSIGN_OR_RETURN(Image dst, Image::Create(dst_width, dst_height, src.format));
  const int bpp = BytesPerPixel(src.format);
  if (dst_width == src.width && dst_height == src.height) {
    for (int y = 0; y < src.height; ++y) {
      std::memcpy(dst.Row(y), src.Row(y), static_cast<size_t>(src.width) * bpp);
    }
    return dst;
  }

  const Taps vt = ComputeTaps(src.height, dst_height);
  const Taps ht = ComputeTaps(src.width, dst_width);
  const int row_bytes = src.width * bpp;
  std::vector<uint16_t> mid(static_cast<size_t>(row_bytes));
  std::vector<const uint8_t*> rows;
  const bool simd = use_simd && HaveSimd();
  for (int y = 0; y < dst_height; ++y) {
    const int n = vt.count[y];
    rows.resize(n);
    for (int k = 0; k < n; ++k) rows[k] = src.Row(vt.start[y] + k);
    const int16_t* w = &vt.weights[vt.offset[y]];
    if (simd) {
      VerticalAreaSimd(rows.data(), w, n, row_bytes, mid.data());
    } else {
      VerticalAreaScalar(rows.data(), w, n, row_bytes, mid.data());
    }
    if (bpp == 1) {
      HorizontalArea<1>(mid.data(), ht, dst_width, dst.Row(y));
    } else {
      HorizontalArea<4>(mid.data(), ht, dst_width, dst.Row(y));
    }
  }
  return dst;
}

}  // namespace metrics_internal

StatusOr<Image> ResizeArea(const ImageView& src, int dst_width, int dst_height) {
  return metrics_internal::ResizeAreaImpl(src, dst_width, dst_height, /*use_simd=*/true);
}

StatusOr<Image> MakeThumbnail(const ImageView& rgba, int max_long_side) {
  if (max_long_side <= 0) return InvalidArgument("max_long_side must be positive");
  if (rgba.empty()) return InvalidArgument("empty image");
  const int long_side = std::max(rgba.width, rgba.height);
  int w = rgba.width, h = rgba.height;
  if (long_side > max_long_side) {
    const double scale = static_cast<double>(max_long_side) / long_side;
    w = std::clamp(static_cast<int>(std::lround(rgba.width * scale)), 1, max_long_side);
    h = std::clamp(static_cast<int>(std::lround(rgba.height * scale)), 1, max_long_side);
  }
  return ResizeArea(rgba, w, h);
}

}  // namespace gemroll
