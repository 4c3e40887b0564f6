// Per-kernel timings of the metrics stage, vector vs scalar reference, on a
// 504x378 RGBA image (the analysis size of a 12 MP photo decoded at 1/8).
// Prints figures and ratios; it is not a pass/fail test.
//
//   g++ -std=c++20 -O2 -Iwasm/include tests/bench/metrics_kernels_bench.cc
//       wasm/src/metrics/*.cc wasm/src/image/*.cc -o /tmp/metrics_bench
//   em++ ... -msimd128 ... -o /tmp/metrics_bench.js && node /tmp/metrics_bench.js

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>

#include "../../wasm/src/metrics/kernels-inl.h"
#include "gemroll/metrics.h"

namespace {

using namespace gemroll;                    // NOLINT
using namespace gemroll::metrics_internal;  // NOLINT

constexpr int kWidth = 504, kHeight = 378;
constexpr int kReps = 41;

// Textured, noisy test image: rectangles plus per-pixel noise, so the
// kernels see realistic (non-constant) data.
Image MakeImage() {
  Image img = std::move(Image::Create(kWidth, kHeight, PixelFormat::kRGBA8)).value();
  uint32_t s = 12345;
  auto next = [&s] {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  };
  for (int y = 0; y < kHeight; ++y) {
    uint8_t* p = img.Row(y);
    for (int x = 0; x < kWidth; ++x) {
      const int base = ((x / 37 + y / 23) % 3) * 70 + 30;
      const int n = static_cast<int>(next() % 17) - 8;
      p[4 * x] = static_cast<uint8_t>(std::clamp(base + n + x / 8, 0, 255));
      p[4 * x + 1] = static_cast<uint8_t>(std::clamp(base + n, 0, 255));
      p[4 * x + 2] = static_cast<uint8_t>(std::clamp(base + n + y / 6, 0, 255));
      p[4 * x + 3] = 255;
    }
  }
  return img;
}

// Median wall time of fn in milliseconds.
double TimeMs(const std::function<void()>& fn) {
  fn();  // warm caches and lazy statics
  std::vector<double> t;
  for (int i = 0; i < kReps; ++i) {
    const auto a = std::chrono::steady_clock::now();
    fn();
    const auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
  }
  std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
  return t[t.size() / 2];
}

volatile uint64_t g_sink;  // keeps results alive

void Row(const char* name, const std::function<void(bool)>& fn) {
  const double scalar = TimeMs([&] { fn(false); });
  const double vec = TimeMs([&] { fn(true); });
  std::printf("%-28s %9.3f %9.3f %8.2fx\n", name, scalar, vec, scalar / vec);
}

}  // namespace

int main() {
  const Image img = MakeImage();
  Image luma = std::move(Image::Create(kWidth, kHeight, PixelFormat::kGray8)).value();
  std::printf("metrics kernels on %dx%d RGBA, vector path: %s, median of %d runs\n", kWidth,
              kHeight, SimdName(), kReps);
  if (!HaveSimd()) std::printf("(no vector path in this build: both columns run scalar code)\n");
  std::printf("%-28s %9s %9s %9s\n", "kernel", "scalar ms", "simd ms", "ratio");

  Row("rgba_to_luma+colour_moments", [&](bool simd) {
    ColorMoments m;
    for (int y = 0; y < kHeight; ++y) {
      if (simd) {
        RgbaRowToLumaSimd(img.Row(y), kWidth, luma.Row(y), &m);
      } else {
        RgbaRowToLumaScalar(img.Row(y), kWidth, luma.Row(y), &m);
      }
    }
    g_sink = m.sum_max;
  });

  // The vertical area pass alone, as a 2:1 reduction of the RGBA image.
  std::vector<uint16_t> mid(4 * kWidth);
  const int16_t half[2] = {kWeightOne / 2, kWeightOne / 2};
  Row("vertical_area_rgba_2to1", [&](bool simd) {
    for (int y = 0; y + 1 < kHeight; y += 2) {
      const uint8_t* rows[2] = {img.Row(y), img.Row(y + 1)};
      if (simd) {
        VerticalAreaSimd(rows, half, 2, 4 * kWidth, mid.data());
      } else {
        VerticalAreaScalar(rows, half, 2, 4 * kWidth, mid.data());
      }
    }
    g_sink = mid[7];
  });

  Row("detail_stats_luma", [&](bool simd) {
    DetailStats d;
    if (simd) {
      DetailStatsSimd(luma.View(), &d);
    } else {
      DetailStatsScalar(luma.View(), &d);
    }
    g_sink = static_cast<uint64_t>(d.jxx);
  });

  Row("resize_luma_to_32x32",
      [&](bool simd) { g_sink = ResizeAreaImpl(luma.View(), 32, 32, simd)->Row(3)[3]; });

  Row("thumbnail_rgba_256x192",
      [&](bool simd) { g_sink = ResizeAreaImpl(img.View(), 256, 192, simd)->Row(3)[3]; });

  Row("ComputeMetrics_total", [&](bool simd) {
    MetricsOptions opt;
    opt.use_simd = simd;
    g_sink = ComputeMetrics(img.View(), opt)->phash;
  });

  // The same photo decoded at 1/4 (1008x756): work luma is resampled to 512.
  Image big = std::move(ResizeArea(img.View(), 2 * kWidth, 2 * kHeight)).value();
  Row("ComputeMetrics_1008x756", [&](bool simd) {
    MetricsOptions opt;
    opt.use_simd = simd;
    g_sink = ComputeMetrics(big.View(), opt)->phash;
  });
  return 0;
}
