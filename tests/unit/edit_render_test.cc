// The edit renderer split into plan + passes (gemroll/edit_plan.h): on real
// photos from ../shared/data the vector kernels (SSE2 natively, SIMD128 in the
// wasm-simd build) give the scalar reference's bytes for every kind of edit,
// ApplyEdit is PlanEdit + RenderEditPlan, the packed plan (what the WebGPU
// renderer reads) holds the plan's numbers where its header says, and a plan
// only renders the image it was made for.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/edit_plan.h"
#include "test_util.h"

namespace gemroll {
namespace {

const char* kPhotos[] = {
    "general/kodak/kodim05.png",
    "camera/photoprism-meta/Iceland-sRGB.jpg",
    "camera/exif-samples/gps/DSCN0010.jpg",
};

Image Load(const char* rel) {
  Image img = testing::LoadDataPhoto(rel);
  REQUIRE(!img.View().empty());
  return img;
}

// Largest per-channel difference, or 256 when the sizes differ.
int MaxDiff(const Image& a, const Image& b) {
  if (a.width() != b.width() || a.height() != b.height()) return 256;
  int m = 0;
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < 4 * a.width(); ++x) m = std::max(m, std::abs(a.Row(y)[x] - b.Row(y)[x]));
  return m;
}

// Every step of the renderer at least once: auto-enhance (levels, white
// balance, local contrast, sharpening), each look, shadows/highlights (the
// gain map), denoise, and crop + straighten.
std::vector<EditParams> EditCases(const Image& img) {
  std::vector<EditParams> cases;
  auto ae = AutoEnhance(img.View());
  REQUIRE(ae.ok());
  cases.push_back(ae->params);
  for (int l = 1; l < kNumLooks; ++l) {
    EditParams p = ae->params;
    p.look = static_cast<Look>(l);
    p.look_strength = l % 2 ? 1.0f : 0.7f;
    cases.push_back(p);
  }
  EditParams tone;
  tone.exposure_ev = 0.7f;
  tone.temperature = 30;
  tone.tint = -10;
  tone.shadows = 0.6f;
  tone.highlights = -0.5f;
  tone.contrast = 0.3f;
  tone.vibrance = 0.4f;
  tone.saturation = -0.2f;
  tone.local_contrast = 0.6f;
  tone.denoise = 0.5f;
  tone.sharpen = 0.8f;
  cases.push_back(tone);
  EditParams geo = tone;
  geo.straighten_deg = -3.5f;
  geo.crop = {0.1f, 0.05f, 0.75f, 0.8f};
  geo.look = Look::kCartoon;
  cases.push_back(geo);
  EditParams crop;
  crop.crop = {0.2f, 0.1f, 0.5f, 0.6f};
  crop.sharpen = 1;
  cases.push_back(crop);
  return cases;
}

TEST_CASE("Vector render kernels give the scalar reference's bytes", "[edit][render]") {
  if (!EditRenderHasSimd()) {
    // Nothing to compare in a build without vector kernels; asking for them
    // must say so.
    const Image img = testing::MakeTestCard(64, 48);
    auto plan = PlanEdit(img.View(), EditParams{});
    REQUIRE(plan.ok());
    Image out;
    CHECK(RenderEditPlan(img.View(), *plan, &out, RenderKernel::kSimd).code() ==
          StatusCode::kUnsupported);
    return;
  }
  // Stated tolerance: 0 levels. Both kernels run the same operations in the
  // same order per pixel, so any difference is a bug.
  constexpr int kTolerance = 0;
  int worst = 0;
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = Load(rel);
    for (const EditParams& p : EditCases(img)) {
      INFO(p.ToJson());
      auto plan = PlanEdit(img.View(), p);
      REQUIRE(plan.ok());
      Image scalar, simd;
      REQUIRE(RenderEditPlan(img.View(), *plan, &scalar, RenderKernel::kScalar).ok());
      REQUIRE(RenderEditPlan(img.View(), *plan, &simd, RenderKernel::kSimd).ok());
      const int d = MaxDiff(scalar, simd);
      worst = std::max(worst, d);
      CHECK(d <= kTolerance);
    }
  }
  std::printf("edit render (%s vs scalar): largest difference %d levels\n", EditRenderSimdName(),
              worst);
}

TEST_CASE("Vector kernels handle every row length and odd strides", "[edit][render]") {
  if (!EditRenderHasSimd()) {
    // The scalar build has no vector kernels: asking for them is refused.
    const Image card = testing::MakeTestCard(5, 11, 5);
    auto plan = PlanEdit(card.View(), EditParams{});
    REQUIRE(plan.ok());
    Image out;
    CHECK(RenderEditPlan(card.View(), *plan, &out, RenderKernel::kSimd).code() ==
          StatusCode::kUnsupported);
    return;
  }
  // Widths around the 4-pixel vector step and the sharpening's edge columns.
  for (int w : {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 31}) {
    INFO(w);
    const Image card = testing::MakeTestCard(w + 3, 11, static_cast<uint32_t>(w));
    ImageView view = card.View();
    view.width = w;  // a view narrower than its rows: stride > 4 * width
    EditParams p;
    p.exposure_ev = 0.5f;
    p.local_contrast = 0.5f;
    p.sharpen = 1;
    p.look = Look::kFilm;
    p.shadows = 0.4f;
    auto plan = PlanEdit(view, p);
    REQUIRE(plan.ok());
    Image scalar, simd;
    REQUIRE(RenderEditPlan(view, *plan, &scalar, RenderKernel::kScalar).ok());
    REQUIRE(RenderEditPlan(view, *plan, &simd, RenderKernel::kSimd).ok());
    CHECK(MaxDiff(scalar, simd) == 0);
  }
}

TEST_CASE("ApplyEdit is PlanEdit then RenderEditPlan", "[edit][render]") {
  const Image img = Load(kPhotos[0]);
  EditParams p;
  p.exposure_ev = 0.4f;
  p.shadows = 0.3f;
  p.look = Look::kSketch;
  p.crop = {0.1f, 0.1f, 0.8f, 0.7f};
  Image a, b;
  REQUIRE(ApplyEdit(img, p, &a).ok());
  auto plan = PlanEdit(img.View(), p);
  REQUIRE(plan.ok());
  REQUIRE(RenderEditPlan(img.View(), *plan, &b).ok());
  CHECK(MaxDiff(a, b) == 0);
  // A plan renders only an image of the size it was made for.
  const Image other = testing::MakeTestCard(img.width() + 1, img.height());
  Image c;
  CHECK(RenderEditPlan(other.View(), *plan, &c).code() == StatusCode::kInvalidArgument);
  CHECK(RenderEditPlan(img.View(), *plan, nullptr).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("The packed plan holds the plan's numbers where its header says", "[edit][render]") {
  const Image img = Load(kPhotos[1]);
  EditParams p;
  p.exposure_ev = 0.5f;
  p.temperature = -20;
  p.shadows = 0.5f;
  p.local_contrast = 0.4f;
  p.denoise = 0.3f;
  p.sharpen = 0.5f;
  p.straighten_deg = 2;
  p.look = Look::kCartoon;
  p.look_strength = 0.6f;
  auto plan = PlanEdit(img.View(), p);
  REQUIRE(plan.ok());
  const std::vector<float> v = PackEditPlan(*plan);
  REQUIRE(v.size() > kEditPlanHeaderSize);
  CHECK(v[kSlotVersion] == kEditPlanVersion);
  CHECK(v[kSlotInWidth] == img.width());
  CHECK(v[kSlotOutWidth] == plan->out_width);
  CHECK(v[kSlotOutHeight] == plan->out_height);
  const int flags = static_cast<int>(v[kSlotFlags]);
  for (int f : {kEditPlanFlagGeometry, kEditPlanFlagRotate, kEditPlanFlagDenoise, kEditPlanFlagTone,
                kEditPlanFlagLinear, kEditPlanFlagLook, kEditPlanFlagGain, kEditPlanFlagDetail,
                kEditPlanFlagEdges, kEditPlanFlagSharpen}) {
    CHECK((flags & f) != 0);
  }
  CHECK((flags & kEditPlanFlagColor) == 0);
  CHECK(v[kSlotLookKind] == static_cast<int>(Look::kCartoon));
  CHECK(v[kSlotLookStrength] == 0.6f);
  CHECK(v[kSlotSharpenK] == plan->sharpen_k);
  const int gw = static_cast<int>(v[kSlotGuideWidth]), gh = static_cast<int>(v[kSlotGuideHeight]);
  CHECK(std::max(gw, gh) <= 384);
  CHECK(gw == plan->gain_map.width);
  auto table_equals = [&](int slot, const std::vector<float>& t) {
    const size_t off = static_cast<size_t>(v[slot]);
    if (off < kEditPlanHeaderSize || off + t.size() > v.size()) return false;
    return std::equal(t.begin(), t.end(), v.begin() + static_cast<std::ptrdiff_t>(off));
  };
  CHECK(table_equals(kSlotToLinearOffset, plan->to_linear));
  CHECK(table_equals(kSlotCurveOffset, plan->curve));
  CHECK(plan->curve.size() == static_cast<size_t>(v[kSlotCurveSize]) + 1);
  CHECK(table_equals(kSlotGainMapOffset, plan->gain_map.values));
  CHECK(table_equals(kSlotDetailMapOffset, plan->detail_map.values));
  CHECK(table_equals(kSlotEdgeMapOffset, plan->edge_map.values));
  CHECK(plan->gain_map.values.size() == static_cast<size_t>(gw) * gh);
  CHECK(plan->denoise_weights.size() == 766);
  CHECK(v[static_cast<size_t>(v[kSlotDenoiseOffset])] == 256);  // d = 0 weighs 256
  // The affine geometry maps the output centre near the input centre (a
  // centred crop of a rotation about the centre).
  EditParams centred;
  centred.straighten_deg = 10;
  auto c = PlanEdit(img.View(), centred);
  REQUIRE(c.ok());
  const double i = c->out_width / 2.0, j = c->out_height / 2.0;
  CHECK(std::fabs(c->geo[0] + c->geo[1] * i + c->geo[2] * j - (img.width() / 2.0 - 0.5)) < 1e-6);
  CHECK(std::fabs(c->geo[3] + c->geo[4] * i + c->geo[5] * j - (img.height() / 2.0 - 0.5)) < 1e-6);
  // A plan without any tone step carries no tables.
  auto plain = PlanEdit(img.View(), EditParams{});
  REQUIRE(plain.ok());
  const std::vector<float> pv = PackEditPlan(*plain);
  CHECK(pv.size() == kEditPlanHeaderSize);
  CHECK(pv[kSlotFlags] == 0);
}

}  // namespace
}  // namespace gemroll
