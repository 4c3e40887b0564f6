// Property tests of the metrics stage on synthetic images, plus exact
// agreement of every vector kernel with its scalar reference.

#include "gemroll/metrics.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "../../wasm/src/metrics/kernels-inl.h"

namespace gemroll {
namespace {

using metrics_internal::ColorMoments;
using metrics_internal::DetailStats;

// Deterministic xorshift: tests must not depend on the platform's <random>.
struct Rng {
  uint32_t s;
  explicit Rng(uint32_t seed) : s(seed * 2654435761u + 0x9e3779b9u) {}
  uint32_t Next() {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
  }
  int Uniform(int n) { return static_cast<int>(Next() % static_cast<uint32_t>(n)); }
  // Approximately normal (sum of four uniforms), unit variance.
  double Gauss() {
    double sum = 0;
    for (int i = 0; i < 4; ++i) sum += (Next() & 0xFFFF) / 65536.0 - 0.5;
    return sum * std::sqrt(3.0);
  }
};

Image NewImage(int w, int h, PixelFormat f = PixelFormat::kRGBA8) {
  return std::move(Image::Create(w, h, f)).value();
}

void Fill(Image& img, uint8_t r, uint8_t g, uint8_t b) {
  for (int y = 0; y < img.height(); ++y) {
    uint8_t* p = img.Row(y);
    for (int x = 0; x < img.width(); ++x) {
      p[4 * x] = r;
      p[4 * x + 1] = g;
      p[4 * x + 2] = b;
      p[4 * x + 3] = 255;
    }
  }
}

// Sharp edges in every direction: random rectangles and discs.
Image MakePattern(int w, int h, uint32_t seed) {
  Image img = NewImage(w, h);
  Fill(img, 128, 128, 128);
  Rng rng(seed);
  for (int i = 0; i < 300; ++i) {
    const int cx = rng.Uniform(w), cy = rng.Uniform(h);
    const int rx = 3 + rng.Uniform(w / 16), ry = 3 + rng.Uniform(h / 16);
    const bool disc = rng.Uniform(2) == 0;
    const uint8_t r = rng.Uniform(256), g = rng.Uniform(256), b = rng.Uniform(256);
    for (int y = std::max(0, cy - ry); y < std::min(h, cy + ry); ++y) {
      uint8_t* p = img.Row(y);
      for (int x = std::max(0, cx - rx); x < std::min(w, cx + rx); ++x) {
        const double dx = double(x - cx) / rx, dy = double(y - cy) / ry;
        if (disc && dx * dx + dy * dy > 1) continue;
        p[4 * x] = r;
        p[4 * x + 1] = g;
        p[4 * x + 2] = b;
      }
    }
  }
  return img;
}

// Slowly varying colours only: no edges at all.
Image MakeSmooth(int w, int h) {
  Image img = NewImage(w, h);
  for (int y = 0; y < h; ++y) {
    uint8_t* p = img.Row(y);
    for (int x = 0; x < w; ++x) {
      const double fx = double(x) / w, fy = double(y) / h;
      p[4 * x] = static_cast<uint8_t>(60 + 120 * fx);
      p[4 * x + 1] = static_cast<uint8_t>(90 + 60 * std::sin(3.0 * fy + 2.0 * fx));
      p[4 * x + 2] = static_cast<uint8_t>(70 + 100 * fy);
      p[4 * x + 3] = 255;
    }
  }
  return img;
}

// Diagonal sinusoidal stripes: unrelated in structure to MakePattern.
Image MakeStripes(int w, int h) {
  Image img = NewImage(w, h);
  for (int y = 0; y < h; ++y) {
    uint8_t* p = img.Row(y);
    for (int x = 0; x < w; ++x) {
      const uint8_t v = static_cast<uint8_t>(128 + 100 * std::sin((x + 2 * y) * 0.05) *
                                                       std::cos(x * 0.013 - y * 0.021));
      p[4 * x] = v;
      p[4 * x + 1] = static_cast<uint8_t>(255 - v);
      p[4 * x + 2] = v / 2;
      p[4 * x + 3] = 255;
    }
  }
  return img;
}

// Separable box blur with radii rx, ry (clamped borders).
Image BoxBlur(const Image& src, int rx, int ry) {
  const int w = src.width(), h = src.height();
  Image tmp = NewImage(w, h), dst = NewImage(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 4; ++c) {
        int sum = 0;
        for (int k = -rx; k <= rx; ++k) sum += src.Row(y)[4 * std::clamp(x + k, 0, w - 1) + c];
        tmp.Row(y)[4 * x + c] = static_cast<uint8_t>((sum + rx) / (2 * rx + 1));
      }
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < 4; ++c) {
        int sum = 0;
        for (int k = -ry; k <= ry; ++k) sum += tmp.Row(std::clamp(y + k, 0, h - 1))[4 * x + c];
        dst.Row(y)[4 * x + c] = static_cast<uint8_t>((sum + ry) / (2 * ry + 1));
      }
    }
  }
  return dst;
}

// The same gray noise on all three channels, so luma noise std ~= sigma.
Image AddNoise(const Image& src, double sigma, uint32_t seed) {
  Image dst = src.Clone();
  Rng rng(seed);
  for (int y = 0; y < dst.height(); ++y) {
    uint8_t* p = dst.Row(y);
    for (int x = 0; x < dst.width(); ++x) {
      const double n = sigma * rng.Gauss();
      for (int c = 0; c < 3; ++c) {
        p[4 * x + c] = static_cast<uint8_t>(std::clamp(std::lround(p[4 * x + c] + n), 0L, 255L));
      }
    }
  }
  return dst;
}

// Counter-clockwise 90-degree rotation.
Image Rotate90(const Image& src) {
  const int w = src.width(), h = src.height();
  Image dst = NewImage(h, w);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      std::copy_n(src.Row(y) + 4 * x, 4, dst.Row(w - 1 - x) + 4 * y);
    }
  }
  return dst;
}

Image MirrorLeftRight(const Image& src) {
  const int w = src.width(), h = src.height();
  Image dst = NewImage(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) std::copy_n(src.Row(y) + 4 * x, 4, dst.Row(y) + 4 * (w - 1 - x));
  }
  return dst;
}

PhotoMetrics Metrics(const Image& img, MetricsOptions opt = {}) {
  StatusOr<PhotoMetrics> m = ComputeMetrics(img.View(), opt);
  REQUIRE(m.ok());
  return std::move(m).value();
}

constexpr int kW = 504, kH = 378;  // 12 MP decoded at 1/8

}  // namespace

TEST_CASE("a sharp pattern scores sharper than its blurred copy", "[metrics]") {
  const Image sharp = MakePattern(kW, kH, 1);
  const PhotoMetrics a = Metrics(sharp);
  const PhotoMetrics b = Metrics(BoxBlur(sharp, 1, 1));
  const PhotoMetrics c = Metrics(BoxBlur(sharp, 3, 3));
  INFO("sharp " << a.sharpness << " blur1 " << b.sharpness << " blur3 " << c.sharpness << " noise "
                << a.noise_sigma << " " << b.noise_sigma << " " << c.noise_sigma << " max "
                << a.sharpness_max_region << " " << b.sharpness_max_region);
  CHECK(a.sharpness > b.sharpness + 0.1f);
  CHECK(b.sharpness > c.sharpness + 0.1f);
  CHECK(a.sharpness_max_region > c.sharpness_max_region);
  CHECK(a.sharp_area_fraction > c.sharp_area_fraction);
  CHECK(a.region_sharpness.size() == 16);
}

TEST_CASE("noise does not make a smooth image sharp", "[metrics]") {
  const Image smooth = MakeSmooth(kW, kH);
  const PhotoMetrics clean = Metrics(smooth);
  const PhotoMetrics sharp = Metrics(MakePattern(kW, kH, 2));
  for (double sigma : {3.0, 6.0, 12.0}) {
    const PhotoMetrics noisy = Metrics(AddNoise(smooth, sigma, 7));
    INFO("sigma " << sigma << ": clean " << clean.sharpness << " noisy " << noisy.sharpness
                  << " est " << noisy.noise_sigma << " sharp " << sharp.sharpness);
    CHECK(noisy.sharpness <= clean.sharpness + 0.15f);
    CHECK(noisy.sharpness < sharp.sharpness - 0.3f);
    CHECK(noisy.noise_sigma == Approx(sigma).epsilon(0.25));
    CHECK(noisy.motion_blur < 0.3f);  // noise is isotropic
  }
  CHECK(clean.noise_sigma < 1.0f);
}

TEST_CASE("a sharp subject on a blurred background reads sharp regionally", "[metrics]") {
  const Image sharp = MakePattern(kW, kH, 3);
  Image mixed = BoxBlur(sharp, 6, 6);
  // Sharp content in exactly one tile of the 4x4 grid.
  for (int y = kH / 4; y < kH / 2; ++y) {
    std::copy_n(sharp.Row(y) + 4 * (kW / 4), 4 * (kW / 4), mixed.Row(y) + 4 * (kW / 4));
  }
  const PhotoMetrics m = Metrics(mixed);
  const PhotoMetrics full = Metrics(sharp);
  INFO("global " << m.sharpness << " max region " << m.sharpness_max_region << " area "
                 << m.sharp_area_fraction << " full " << full.sharpness);
  CHECK(m.sharpness_max_region > m.sharpness + 0.15f);
  // The pasted tile scores like the same tile of the all-sharp image.
  CHECK(m.region_sharpness[5] > full.region_sharpness[5] - 0.05f);
  CHECK(m.sharp_area_fraction < 0.15f);
  CHECK(m.sharp_area_fraction > 0.02f);
  // The sharpest tile is the one we pasted: row 1, column 1.
  const auto it = std::max_element(m.region_sharpness.begin(), m.region_sharpness.end());
  CHECK(it - m.region_sharpness.begin() == 1 * 4 + 1);
}

TEST_CASE("directional smear gives motion blur and its angle", "[metrics]") {
  const Image sharp = MakePattern(kW, kH, 4);
  const PhotoMetrics iso = Metrics(sharp);
  const PhotoMetrics horiz = Metrics(BoxBlur(sharp, 12, 0));
  const PhotoMetrics vert = Metrics(BoxBlur(sharp, 0, 12));
  INFO("iso " << iso.motion_blur << " horiz " << horiz.motion_blur << " @" << horiz.motion_angle_deg
              << " vert " << vert.motion_blur << " @" << vert.motion_angle_deg);
  CHECK(iso.motion_blur < 0.3f);
  CHECK(horiz.motion_blur > 0.6f);
  CHECK(vert.motion_blur > 0.6f);
  CHECK(std::min(horiz.motion_angle_deg, 180.f - horiz.motion_angle_deg) < 10.f);
  CHECK(std::abs(vert.motion_angle_deg - 90.f) < 10.f);
  CHECK(horiz.sharpness < iso.sharpness);
}

TEST_CASE("diagonal smear angle is counter-clockwise on screen", "[metrics]") {
  // Smear along the screen direction up-right (45 deg): pixel (x, y) averages
  // (x + k, y - k).
  const Image sharp = MakePattern(kW, kH, 5);
  Image smeared = NewImage(kW, kH);
  constexpr int kR = 8;
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < kW; ++x) {
      for (int c = 0; c < 4; ++c) {
        int sum = 0;
        for (int k = -kR; k <= kR; ++k) {
          sum += sharp.Row(std::clamp(y - k, 0, kH - 1))[4 * std::clamp(x + k, 0, kW - 1) + c];
        }
        smeared.Row(y)[4 * x + c] = static_cast<uint8_t>(sum / (2 * kR + 1));
      }
    }
  }
  const PhotoMetrics m = Metrics(smeared);
  INFO("blur " << m.motion_blur << " angle " << m.motion_angle_deg);
  // A discrete diagonal smear leaves staircase detail, so less than 0.6.
  CHECK(m.motion_blur > 0.4f);
  CHECK(std::abs(m.motion_angle_deg - 45.f) < 10.f);
}

TEST_CASE("exposure statistics", "[metrics]") {
  const Image img = MakePattern(kW, kH, 6);
  Image dark = img.Clone();
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < 4 * kW; ++x) {
      if (x % 4 != 3) dark.Row(y)[x] /= 2;
    }
  }
  const PhotoMetrics a = Metrics(img), b = Metrics(dark);
  CHECK(b.mean_luma < a.mean_luma * 0.6f);
  CHECK(b.mean_luma > a.mean_luma * 0.4f);
  CHECK(b.contrast < a.contrast);
  CHECK(a.luma_p05 <= a.luma_p50);
  CHECK(a.luma_p50 <= a.luma_p95);

  Image white = NewImage(64, 48), black = NewImage(64, 48), half = NewImage(64, 48);
  Fill(white, 255, 255, 255);
  Fill(black, 0, 0, 0);
  Fill(half, 0, 0, 0);
  for (int y = 0; y < 24; ++y) {
    for (int x = 0; x < 64 * 4; ++x) half.Row(y)[x] = 255;
  }
  const PhotoMetrics w = Metrics(white), k = Metrics(black), hf = Metrics(half);
  CHECK(w.highlight_clip == 1.0f);
  CHECK(w.shadow_clip == 0.0f);
  CHECK(w.mean_luma == 1.0f);
  CHECK(k.shadow_clip == 1.0f);
  CHECK(k.highlight_clip == 0.0f);
  CHECK(k.mean_luma == 0.0f);
  CHECK(hf.highlight_clip == Approx(0.5));
  CHECK(hf.shadow_clip == Approx(0.5));
  CHECK(hf.contrast == Approx(0.5).epsilon(0.01));
  CHECK(hf.luma_p05 == 0.0f);
  CHECK(hf.luma_p95 == 1.0f);
}

TEST_CASE("colourfulness, saturation and dominant colours", "[metrics]") {
  Image gray = MakePattern(kW, kH, 7);
  for (int y = 0; y < kH; ++y) {
    uint8_t* p = gray.Row(y);
    for (int x = 0; x < kW; ++x) p[4 * x + 1] = p[4 * x + 2] = p[4 * x];
  }
  const PhotoMetrics g = Metrics(gray);
  CHECK(g.colorfulness == 0.0f);
  CHECK(g.mean_saturation == 0.0f);

  Image two = NewImage(200, 100);
  Fill(two, 220, 30, 30);
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 50; ++x) {
      uint8_t* p = two.Row(y) + 4 * x;
      p[0] = 20;
      p[1] = 40;
      p[2] = 200;
    }
  }
  const PhotoMetrics c = Metrics(two);
  INFO("colorfulness " << c.colorfulness << " saturation " << c.mean_saturation);
  CHECK(c.colorfulness > 80.0f);
  CHECK(c.mean_saturation > 0.8f);
  REQUIRE(c.colors.dominant.size() == 2);
  CHECK(c.colors.dominant[0].rgb == 0xdc1e1eu);
  CHECK(c.colors.dominant[0].fraction == Approx(0.75));
  CHECK(c.colors.dominant[1].rgb == 0x1428c8u);
  CHECK(c.colors.dominant[1].fraction == Approx(0.25));
  CHECK(c.colors.mean_r == Approx(0.75 * 220 + 0.25 * 20));
  CHECK(c.colors.mean_b == Approx(0.75 * 30 + 0.25 * 200));
  CHECK(g.colorfulness < c.colorfulness);
}

TEST_CASE("perceptual hashes survive resizing and recognise rotations", "[metrics]") {
  const Image img = MakePattern(kW, kH, 8);
  const PhotoMetrics a = Metrics(img);
  CHECK(a.phash_dihedral[0] == a.phash);
  CHECK((a.phash & 1) == 0);  // DC bit

  const Image smaller = std::move(ResizeArea(img.View(), 400, 300)).value();
  const PhotoMetrics s = Metrics(smaller);
  INFO("resize: phash " << HammingDistance(a.phash, s.phash) << " dhash "
                        << HammingDistance(a.dhash, s.dhash));
  CHECK(HammingDistance(a.phash, s.phash) <= 4);
  CHECK(HammingDistance(a.dhash, s.dhash) <= 6);

  const PhotoMetrics noisy = Metrics(AddNoise(img, 5.0, 3));
  CHECK(HammingDistance(a.phash, noisy.phash) <= 6);

  const Image r90 = Rotate90(img);
  const Image r180 = Rotate90(r90);
  const Image r270 = Rotate90(r180);
  const Image mirror = MirrorLeftRight(img);
  const Image mirror_r90 = Rotate90(mirror);
  for (const Image* v : {&r90, &r180, &r270, &mirror, &mirror_r90}) {
    const PhotoMetrics b = Metrics(*v);
    INFO("upright distance " << HammingDistance(a.phash, b.phash) << ", dihedral "
                             << DihedralDistance(a, b));
    CHECK(DihedralDistance(a, b) <= 3);
    CHECK(DihedralDistance(b, a) <= 3);
  }
  // Different content is far even at its best orientation.
  for (const Image& other : {MakePattern(kW, kH, 99), MakeStripes(kW, kH)}) {
    const PhotoMetrics o = Metrics(other);
    INFO("unrelated dihedral distance " << DihedralDistance(a, o));
    CHECK(DihedralDistance(a, o) > 20);
  }
}

TEST_CASE("ResizeArea averages areas exactly", "[metrics][resize]") {
  SECTION("2x2 blocks") {
    Image src = NewImage(4, 2, PixelFormat::kGray8);
    const uint8_t vals[2][4] = {{0, 100, 10, 20}, {200, 50, 30, 40}};
    for (int y = 0; y < 2; ++y) std::copy_n(vals[y], 4, src.Row(y));
    Image dst = std::move(ResizeArea(src.View(), 2, 1)).value();
    CHECK(int(dst.Row(0)[0]) == 88);  // (0 + 100 + 200 + 50) / 4 = 87.5
    CHECK(int(dst.Row(0)[1]) == 25);
  }
  SECTION("non-integer ratio 3 -> 2") {
    Image src = NewImage(3, 1, PixelFormat::kGray8);
    src.Row(0)[0] = 0;
    src.Row(0)[1] = 90;
    src.Row(0)[2] = 180;
    Image dst = std::move(ResizeArea(src.View(), 2, 1)).value();
    CHECK(int(dst.Row(0)[0]) == 30);   // (1 * 0 + 0.5 * 90) / 1.5
    CHECK(int(dst.Row(0)[1]) == 150);  // (0.5 * 90 + 1 * 180) / 1.5
  }
  SECTION("one-pixel checkerboard becomes mid gray; constants stay constant") {
    Image src = NewImage(101, 77);
    for (int y = 0; y < 77; ++y) {
      for (int x = 0; x < 101; ++x) {
        const uint8_t v = ((x + y) & 1) ? 255 : 0;
        uint8_t* p = src.Row(y) + 4 * x;
        p[0] = v;
        p[1] = 255 - v;
        p[2] = 77;
        p[3] = 255;
      }
    }
    Image dst = std::move(ResizeArea(src.View(), 10, 7)).value();
    for (int y = 0; y < 7; ++y) {
      for (int x = 0; x < 10; ++x) {
        const uint8_t* p = dst.Row(y) + 4 * x;
        CHECK(std::abs(p[0] - 127.5) <= 3);
        CHECK(std::abs(p[1] - 127.5) <= 3);
        CHECK(int(p[2]) == 77);
        CHECK(int(p[3]) == 255);
      }
    }
  }
  SECTION("huge reduction goes in steps") {
    Image src = NewImage(3000, 4, PixelFormat::kGray8);
    for (int y = 0; y < 4; ++y) std::fill_n(src.Row(y), 3000, uint8_t{200});
    Image dst = std::move(ResizeArea(src.View(), 2, 1)).value();
    CHECK(int(dst.Row(0)[0]) == 200);
    CHECK(int(dst.Row(0)[1]) == 200);
  }
  SECTION("upscale and identity") {
    Image src = NewImage(2, 1, PixelFormat::kGray8);
    src.Row(0)[0] = 10;
    src.Row(0)[1] = 50;
    Image up = std::move(ResizeArea(src.View(), 4, 2)).value();
    CHECK(int(up.Row(1)[0]) == 10);
    CHECK(int(up.Row(1)[3]) == 50);
    Image same = std::move(ResizeArea(src.View(), 2, 1)).value();
    CHECK(int(same.Row(0)[1]) == 50);
  }
  SECTION("errors") {
    Image src = NewImage(8, 8);
    CHECK(!ResizeArea(src.View(), 0, 4).ok());
    CHECK(!ResizeArea(ImageView{}, 4, 4).ok());
  }
}

TEST_CASE("MakeThumbnail keeps the aspect ratio", "[metrics][resize]") {
  const Image img = MakePattern(kW, kH, 9);
  Image t = std::move(MakeThumbnail(img.View(), 256)).value();
  CHECK(t.width() == 256);
  CHECK(t.height() == 192);
  Image r = std::move(MakeThumbnail(Rotate90(img).View(), 100)).value();
  CHECK(r.width() == 75);
  CHECK(r.height() == 100);
  Image small = std::move(MakeThumbnail(img.View(), 1000)).value();
  CHECK(small.width() == kW);
  CHECK(small.height() == kH);
  CHECK(!MakeThumbnail(img.View(), 0).ok());
}

TEST_CASE("ComputeMetrics validates input and honours strides", "[metrics]") {
  Image tiny = NewImage(4, 4);
  CHECK(!ComputeMetrics(tiny.View()).ok());
  Image gray = NewImage(64, 64, PixelFormat::kGray8);
  CHECK(!ComputeMetrics(gray.View()).ok());
  const Image img = MakePattern(130, 90, 10);
  MetricsOptions bad;
  bad.grid = 0;
  CHECK(!ComputeMetrics(img.View(), bad).ok());

  // The same pixels behind a wider stride give the same metrics.
  std::vector<uint8_t> wide(static_cast<size_t>(130 * 4 + 36) * 90);
  for (int y = 0; y < 90; ++y) std::copy_n(img.Row(y), 130 * 4, &wide[y * (130 * 4 + 36)]);
  ImageView v{130, 90, 130 * 4 + 36, PixelFormat::kRGBA8, wide.data()};
  const PhotoMetrics a = Metrics(img);
  const PhotoMetrics b = std::move(ComputeMetrics(v)).value();
  CHECK(a.sharpness == b.sharpness);
  CHECK(a.phash == b.phash);
  CHECK(a.mean_luma == b.mean_luma);
}

TEST_CASE("large inputs are normalised to the work size", "[metrics]") {
  const Image big = MakePattern(1008, 756, 11);
  const PhotoMetrics m = Metrics(big);
  CHECK(m.work_width == 512);
  CHECK(m.work_height == 384);
  // Resolution normalisation: the half-size copy measures about the same.
  const Image half = std::move(ResizeArea(big.View(), 504, 378)).value();
  const PhotoMetrics h = Metrics(half);
  INFO("big " << m.sharpness << " half " << h.sharpness);
  CHECK(std::abs(m.sharpness - h.sharpness) < 0.05f);
  CHECK(HammingDistance(m.phash, h.phash) <= 4);
}

TEST_CASE("WriteJson emits camelCase fields and hex hashes", "[metrics]") {
  const PhotoMetrics m = Metrics(MakePattern(120, 80, 12));
  JsonWriter w;
  m.WriteJson(w);
  const std::string& s = w.str();
  for (const char* key :
       {"\"sharpness\"", "\"sharpnessMaxRegion\"", "\"sharpAreaFraction\"", "\"motionBlur\"",
        "\"motionAngleDeg\"", "\"meanLuma\"", "\"shadowClip\"", "\"highlightClip\"", "\"contrast\"",
        "\"lumaP05\"", "\"lumaP95\"", "\"noiseSigma\"", "\"colorfulness\"", "\"meanSaturation\"",
        "\"dominant\"", "\"meanRgb\"", "\"phash\"", "\"dhash\"", "\"phashDihedral\""}) {
    INFO(key);
    CHECK(s.find(key) != std::string::npos);
  }
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(m.phash));
  CHECK(s.find(hex) != std::string::npos);
}

// --- Vector kernels against their scalar references ------------------------

TEST_CASE("SIMD kernels match scalar references exactly", "[metrics][simd]") {
  using namespace metrics_internal;
  INFO("vector path: " << SimdName());
  Rng rng(42);
  SECTION("RGBA to luma and colour moments") {
    for (int width : {1, 7, 15, 16, 17, 31, 64, 100, 504, 2049, 4100}) {
      std::vector<uint8_t> rgba(4 * width);
      for (auto& v : rgba) v = static_cast<uint8_t>(rng.Next());
      // Extremes exercise the saturating packs.
      if (width >= 16) {
        std::fill_n(rgba.begin(), 16, uint8_t{255});
        for (int x = 4; x < 8; ++x) rgba[4 * x] = rgba[4 * x + 1] = 0;
      }
      std::vector<uint8_t> a(width), b(width);
      ColorMoments ma, mb;
      RgbaRowToLumaScalar(rgba.data(), width, a.data(), &ma);
      RgbaRowToLumaSimd(rgba.data(), width, b.data(), &mb);
      INFO("width " << width);
      CHECK(a == b);
      CHECK(ma == mb);
    }
  }
  SECTION("vertical area pass") {
    for (int count : {1, 2, 3, 5, 17}) {
      for (int n : {1, 15, 16, 33, 1000}) {
        std::vector<std::vector<uint8_t>> data(count, std::vector<uint8_t>(n));
        std::vector<const uint8_t*> rows;
        for (auto& r : data) {
          for (auto& v : r) v = static_cast<uint8_t>(rng.Next() | ((rng.Next() & 3) ? 0 : 0xFF));
          rows.push_back(r.data());
        }
        std::vector<int16_t> w(count, static_cast<int16_t>(kWeightOne / count));
        w[0] = static_cast<int16_t>(w[0] + kWeightOne - (kWeightOne / count) * count);
        std::vector<uint16_t> a(n), b(n);
        VerticalAreaScalar(rows.data(), w.data(), count, n, a.data());
        VerticalAreaSimd(rows.data(), w.data(), count, n, b.data());
        INFO("count " << count << " n " << n);
        CHECK(a == b);
      }
    }
  }
  SECTION("detail statistics") {
    for (auto [w, h] :
         {std::pair{3, 3}, {17, 5}, {18, 18}, {19, 40}, {50, 33}, {512, 384}, {333, 77}}) {
      Image g = NewImage(w, h, PixelFormat::kGray8);
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          // Mix of noise and hard 0/255 edges for extreme Laplacians.
          g.Row(y)[x] =
              (rng.Next() & 1) ? static_cast<uint8_t>(rng.Next()) : ((x / 3 + y / 2) & 1 ? 255 : 0);
        }
      }
      DetailStats a, b;
      DetailStatsScalar(g.View(), &a);
      DetailStatsSimd(g.View(), &b);
      INFO("size " << w << "x" << h);
      CHECK(a == b);
    }
  }
  SECTION("whole resample and whole pipeline") {
    const Image img = MakePattern(kW, kH, 13);
    for (auto [w, h] : {std::pair{256, 192}, {32, 32}, {9, 8}, {503, 377}, {700, 500}}) {
      Image a = std::move(ResizeAreaImpl(img.View(), w, h, false)).value();
      Image b = std::move(ResizeAreaImpl(img.View(), w, h, true)).value();
      bool same = true;
      for (int y = 0; y < h; ++y) same &= std::equal(a.Row(y), a.Row(y) + 4 * w, b.Row(y));
      INFO("resize to " << w << "x" << h);
      CHECK(same);
    }
    for (const Image* src : {&img}) {
      MetricsOptions scalar;
      scalar.use_simd = false;
      const PhotoMetrics a = Metrics(*src, scalar), b = Metrics(*src);
      JsonWriter ja, jb;
      a.WriteJson(ja);
      b.WriteJson(jb);
      CHECK(ja.str() == jb.str());
    }
    const Image big = AddNoise(MakePattern(1000, 700, 14), 4, 1);
    MetricsOptions scalar;
    scalar.use_simd = false;
    JsonWriter ja, jb;
    Metrics(big, scalar).WriteJson(ja);
    Metrics(big).WriteJson(jb);
    CHECK(ja.str() == jb.str());
  }
}

}  // namespace gemroll
