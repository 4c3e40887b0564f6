// Golden images for the edit stage: a few real photos from ../shared/data,
// shrunk to a small size by the test itself, rendered with auto-enhance, a
// manual edit through every slider plus crop and straighten, and each look at
// strength 1 and 0.5, then compared with PNGs in tests/golden/edit made by
// this same test. The comparison has a tolerance (PSNR and a share of values
// off by more than a few levels), so 1-LSB differences between builds (native,
// ASan, wasm SIMD/scalar, libm) pass, while a changed algorithm does not.
//
// Regenerate after an intended change of the rendering:
//   GEMROLL_UPDATE_GOLDENS=1 <build>/gemroll_tests "[golden]"
// (tests/golden/regenerate.sh does that with a native build) and review the
// PNGs before committing them.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/encode.h"
#include "gemroll/metrics.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::DataDir;
using testing::Psnr;
using testing::ReadBytes;

// Long side of the golden renders: large enough for the guides and the
// cartoon/sketch outlines to matter, small enough to keep tests/golden well
// under 1 MB.
constexpr int kGoldenLongSide = 80;
// Tolerances: identical code gives identical bytes; these absorb rounding
// differences (a SIMD path, another libm) that move some values by a level or
// flip a posterised cartoon band here and there.
constexpr double kMinPsnr = 44;
constexpr int kLargeDiff = 3;                 // levels
constexpr double kMaxLargeDiffShare = 0.005;  // of channel values

struct GoldenPhoto {
  const char* name;  // file stem in tests/golden/edit
  const char* rel;   // under ../shared/data
};
const GoldenPhoto kGoldenPhotos[] = {
    {"kodim05", "general/kodak/kodim05.png"},
    {"kodim23", "general/kodak/kodim23.png"},
    {"iceland", "camera/photoprism-meta/Iceland-sRGB.jpg"},
    {"dscn0010", "camera/exif-samples/gps/DSCN0010.jpg"},
};

std::filesystem::path GoldenDir() {
  return std::filesystem::path(GEMROLL_SOURCE_DIR) / "tests" / "golden" / "edit";
}

bool UpdateGoldens() {
  const char* v = std::getenv("GEMROLL_UPDATE_GOLDENS");
  return v != nullptr && std::string(v) == "1";
}

Image LoadSource(const char* rel) {
  const auto bytes = ReadBytes(DataDir() / rel);
  REQUIRE_FALSE(bytes.empty());
  auto d = Decode(bytes.data(), bytes.size());
  REQUIRE(d.ok());
  auto small = MakeThumbnail(d->image.View(), kGoldenLongSide);
  REQUIRE(small.ok());
  return std::move(*small);
}

struct GoldenCase {
  std::string name;
  EditParams params;
};

std::vector<GoldenCase> Cases(const Image& src) {
  std::vector<GoldenCase> cases;
  auto ae = AutoEnhance(src.View());
  REQUIRE(ae.ok());
  cases.push_back({"auto", ae->params});
  // Every slider and the geometry at once.
  EditParams m;
  m.exposure_ev = 0.4f;
  m.temperature = 15;
  m.tint = -8;
  m.black_point = 0.03f;
  m.white_point = 0.95f;
  m.contrast = 0.2f;
  m.shadows = 0.4f;
  m.highlights = -0.4f;
  m.vibrance = 0.3f;
  m.saturation = -0.1f;
  m.local_contrast = 0.4f;
  m.denoise = 0.3f;
  m.sharpen = 0.4f;
  m.straighten_deg = 4.5f;
  m.crop = {0.1f, 0.08f, 0.8f, 0.75f};
  cases.push_back({"manual", m});
  for (int i = 1; i < kNumLooks; ++i) {
    for (float strength : {1.0f, 0.5f}) {
      EditParams p;
      p.look = static_cast<Look>(i);
      p.look_strength = strength;
      cases.push_back({std::string(LookName(p.look)) + (strength == 1 ? "_1" : "_05"), p});
    }
  }
  return cases;
}

// Share of RGB values that differ by more than kLargeDiff.
double LargeDiffShare(const ImageView& a, const ImageView& b) {
  uint64_t large = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < 3; ++c)
        if (std::abs(a.Row(y)[4 * x + c] - b.Row(y)[4 * x + c]) > kLargeDiff) ++large;
  return static_cast<double>(large) / (3.0 * a.width * a.height);
}

TEST_CASE("Edits and looks match the golden images", "[edit][golden]") {
  const bool update = UpdateGoldens();
  if (update) std::filesystem::create_directories(GoldenDir());
  int compared = 0, written = 0;
  for (const GoldenPhoto& photo : kGoldenPhotos) {
    INFO(photo.rel);
    const Image src = LoadSource(photo.rel);
    for (const GoldenCase& c : Cases(src)) {
      INFO(c.name << " " << c.params.ToJson());
      Image out;
      REQUIRE(ApplyEdit(src, c.params, &out).ok());
      const std::filesystem::path file =
          GoldenDir() / (std::string(photo.name) + "_" + c.name + ".png");
      INFO(file.string());
      if (update) {
        auto png = EncodePng(out.View());
        REQUIRE(png.ok());
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(png->data()),
                   static_cast<std::streamsize>(png->size()));
        ++written;
        continue;
      }
      const auto bytes = ReadBytes(file);
      if (bytes.empty()) FAIL("missing golden; regenerate with GEMROLL_UPDATE_GOLDENS=1");
      DecodeOptions opt;
      opt.min_short_side = 0;
      auto golden = Decode(bytes.data(), bytes.size(), opt);
      REQUIRE(golden.ok());
      const ImageView g = golden->image.View();
      REQUIRE(g.width == out.width());
      REQUIRE(g.height == out.height());
      const double psnr = Psnr(out.View(), g);
      const double large = LargeDiffShare(out.View(), g);
      if (psnr < 99) {
        std::printf("golden %s_%s: PSNR %.1f dB, %.2f%% values off by more than %d\n", photo.name,
                    c.name.c_str(), psnr, 100 * large, kLargeDiff);
      }
      CHECK(psnr >= kMinPsnr);
      CHECK(large <= kMaxLargeDiffShare);
      ++compared;
    }
  }
  if (update) {
    std::printf("golden: wrote %d images to %s\n", written, GoldenDir().string().c_str());
  } else {
    CHECK(compared == static_cast<int>(std::size(kGoldenPhotos)) * (2 + 2 * (kNumLooks - 1)));
  }
}

// The comparison itself must be able to fail: 0.4 of a look's strength or
// 0.15 EV is outside the tolerance (subtler changes, like film at 0.8 instead
// of 1, stay within 3 levels and are not caught).
TEST_CASE("Golden tolerance catches real changes", "[edit][golden]") {
  const Image src = LoadSource(kGoldenPhotos[0].rel);
  EditParams a;
  a.look = Look::kFilm;
  EditParams b = a;
  b.look_strength = 0.6f;
  EditParams c;
  c.exposure_ev = 0.15f;
  Image ra, rb, rc, r0;
  REQUIRE(ApplyEdit(src, a, &ra).ok());
  REQUIRE(ApplyEdit(src, b, &rb).ok());
  REQUIRE(ApplyEdit(src, c, &rc).ok());
  REQUIRE(ApplyEdit(src, EditParams{}, &r0).ok());
  std::printf(
      "tolerance probe: film 1 vs 0.6 PSNR %.1f large %.4f; +0.15 EV PSNR %.1f large %.4f\n",
      Psnr(ra.View(), rb.View()), LargeDiffShare(ra.View(), rb.View()), Psnr(rc.View(), r0.View()),
      LargeDiffShare(rc.View(), r0.View()));
  CHECK_FALSE((Psnr(ra.View(), rb.View()) >= kMinPsnr &&
               LargeDiffShare(ra.View(), rb.View()) <= kMaxLargeDiffShare));
  CHECK_FALSE((Psnr(rc.View(), r0.View()) >= kMinPsnr &&
               LargeDiffShare(rc.View(), r0.View()) <= kMaxLargeDiffShare));
}

}  // namespace
}  // namespace gemroll
