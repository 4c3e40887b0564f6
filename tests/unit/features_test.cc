// ContentFeatures on synthetic images: a flat UI with system bars, a noisy
// natural texture, a white page with type-like strokes, and acutance of a
// sharp pattern against its blurred copy.
#include "gemroll/features.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <utility>

#include "gemroll/image.h"
#include "synthetic_images.h"
#include "test_util.h"

namespace gemroll {

using testing::MakeNaturalTexture;
using testing::MakePage;
using testing::MakeUiScreenshot;

TEST_CASE("a flat UI with system bars reads as born-digital", "[features]") {
  const Image ui = MakeUiScreenshot(360, 780);
  const ContentFeatures f = ComputeContentFeatures(ui.View());
  REQUIRE(f.valid);
  CHECK(f.flat_fraction > 0.6f);
  CHECK(f.flat_top_colors > 0.5f);
  CHECK(f.colors_90 <= 10);
  CHECK(f.status_bar >= 0.5f);
  CHECK(f.nav_bar >= 0.5f);
  CHECK(f.axis_edge_share > 0.6f);
}

TEST_CASE("a noisy natural texture reads as a photo", "[features]") {
  const Image tex = MakeNaturalTexture(504, 378);
  const ContentFeatures f = ComputeContentFeatures(tex.View());
  REQUIRE(f.valid);
  CHECK(f.flat_fraction < 0.05f);
  CHECK(f.colors_90 > 40);
  CHECK(f.status_bar == 0);
  CHECK(f.nav_bar == 0);
  CHECK(f.page_area < 0.1f);
}

TEST_CASE("a white page with type-like strokes has a page with ink", "[features]") {
  const Image page = MakePage(378, 504);
  const ContentFeatures f = ComputeContentFeatures(page.View());
  REQUIRE(f.valid);
  CHECK(f.page_area > 0.5f);
  CHECK(f.page_fill > 0.8f);
  CHECK(f.page_borders == 0);
  CHECK(f.page_ink > 0.045f);
  CHECK(f.stroke_fraction > 0.03f);
}

TEST_CASE("acutance drops when edges are blurred", "[features]") {
  const Image sharp = testing::MakeTestCard(504, 378);
  Image blurred = sharp.Clone();
  // 7x7 box blur of the RGB channels.
  for (int pass = 0; pass < 2; ++pass) {
    Image src = blurred.Clone();
    for (int y = 0; y < src.height(); ++y) {
      for (int x = 0; x < src.width(); ++x) {
        for (int c = 0; c < 3; ++c) {
          int sum = 0, n = 0;
          for (int d = -3; d <= 3; ++d) {
            const int xx = pass == 0 ? std::clamp(x + d, 0, src.width() - 1) : x;
            const int yy = pass == 1 ? std::clamp(y + d, 0, src.height() - 1) : y;
            sum += src.Row(yy)[4 * xx + c], ++n;
          }
          blurred.Row(y)[4 * x + c] = static_cast<uint8_t>(sum / n);
        }
      }
    }
  }
  const ContentFeatures a = ComputeContentFeatures(sharp.View());
  const ContentFeatures b = ComputeContentFeatures(blurred.View());
  REQUIRE(a.acutance > 0);
  CHECK(a.acutance > 0.6f);
  CHECK(b.acutance < a.acutance * 0.6f);
}

TEST_CASE("tiny or empty images give invalid features, not a crash", "[features]") {
  const Image tiny = testing::MakeTestCard(8, 8);
  CHECK_FALSE(ComputeContentFeatures(tiny.View()).valid);
  CHECK_FALSE(ComputeContentFeatures(ImageView{}).valid);
}

}  // namespace gemroll
