// Model tensor work on synthetic data: input tensors, BlazeFace anchors and
// decoding, weighted NMS, DB boxes from a drawn probability map and the text
// layout features.
#include "gemroll/model.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "gemroll/image.h"

namespace gemroll {
namespace {

Image Solid(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  Image img = Image::Create(w, h, PixelFormat::kRGBA8).value();
  for (int y = 0; y < h; ++y) {
    uint8_t* row = img.Row(y);
    for (int x = 0; x < w; ++x) {
      row[x * 4] = r;
      row[x * 4 + 1] = g;
      row[x * 4 + 2] = b;
      row[x * 4 + 3] = 255;
    }
  }
  return img;
}

float Logit(float p) { return std::log(p / (1 - p)); }

}  // namespace

TEST_CASE("letterbox keeps the aspect and pads with black in the model range", "[model]") {
  const Image img = Solid(200, 100, 255, 0, 128);
  Placement p;
  StatusOr<Tensor> t = LetterboxNhwc(img.View(), 128, -1.f, 1.f, &p);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 128, 128, 3});
  CHECK(p.pad_x == 0);
  CHECK(p.pad_y == 32);
  CHECK(p.scale_x == Approx(0.64f));
  const auto at = [&](int x, int y, int c) { return t->data[(y * 128 + x) * 3 + c]; };
  CHECK(at(64, 5, 0) == Approx(-1.f));  // padding
  CHECK(at(64, 64, 0) == Approx(1.f));  // red 255
  CHECK(at(64, 64, 1) == Approx(-1.f));
  CHECK(at(64, 64, 2) == Approx(128.f / 255 * 2 - 1).margin(1e-4));
}

TEST_CASE("NCHW input rounds sides to 32 and normalises per channel", "[model]") {
  const Image img = Solid(504, 378, 124, 116, 104);  // ~ImageNet mean colour
  Placement p;
  NchwOptions o;
  o.max_side = 512;
  StatusOr<Tensor> t = ResizeNchw(img.View(), o, &p);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 3, 384, 512});
  CHECK(p.tensor_width == 512);
  CHECK(p.scale_y == Approx(384.f / 378));
  for (float v : {t->data[0], t->data[384 * 512], t->data[2 * 384 * 512 + 99]}) {
    CHECK(std::fabs(v) < 0.02f);
  }
  CHECK_FALSE(ResizeNchw(ImageView{}, o, &p).ok());
}

TEST_CASE("BlazeFace anchors: 896 on a 16x16 and an 8x8 grid", "[model]") {
  for (int size : {128, 256}) {
    const std::vector<Anchor> a = BlazeFaceAnchors(size);
    REQUIRE(a.size() == 896);
    CHECK(a[0].x == Approx(0.5f / 16));
    CHECK(a[1].x == Approx(0.5f / 16));  // two anchors per cell
    CHECK(a[2].x == Approx(1.5f / 16));
    CHECK(a[511].y == Approx(15.5f / 16));
    CHECK(a[512].x == Approx(0.5f / 8));  // second head: six per cell
    CHECK(a[517].x == Approx(0.5f / 8));
    CHECK(a[518].x == Approx(1.5f / 8));
    CHECK(a[895].y == Approx(7.5f / 8));
  }
}

TEST_CASE("BlazeFace decoding maps a detection back through the letterbox", "[model]") {
  const std::vector<Anchor> anchors = BlazeFaceAnchors(128);
  std::vector<float> scores(896, -10.f), boxes(896 * 16, 0.f);
  // Anchor 2 * (5 * 16 + 6) sits at (6.5/16, 5.5/16) = (52, 44) px.
  const int i = 2 * (5 * 16 + 6);
  scores[i] = Logit(0.9f);
  boxes[i * 16 + 0] = 4;  // centre offset, input pixels
  boxes[i * 16 + 1] = -2;
  boxes[i * 16 + 2] = 20;
  boxes[i * 16 + 3] = 24;
  boxes[i * 16 + 4] = -5;  // right eye
  boxes[i * 16 + 5] = -6;
  // A 256x192 photo letterboxed into 128: scale 0.5, pad_y 16.
  Placement p{0.5f, 0.5f, 0, 16, 128, 128, 256, 192};
  const std::vector<Face> faces = DecodeBlazeFace(scores.data(), boxes.data(), anchors, p);
  REQUIRE(faces.size() == 1);
  const Face& f = faces[0];
  CHECK(f.score == Approx(0.9f).margin(1e-4));
  CHECK(f.x == Approx((52 + 4 - 10) * 2.f));
  CHECK(f.y == Approx((44 - 2 - 12 - 16) * 2.f));
  CHECK(f.width == Approx(40.f));
  CHECK(f.height == Approx(48.f));
  CHECK(f.keypoints[0][0] == Approx((52 - 5) * 2.f));
  CHECK(f.keypoints[0][1] == Approx((44 - 6 - 16) * 2.f));
  // Below the score threshold: nothing.
  scores[i] = Logit(0.3f);
  CHECK(DecodeBlazeFace(scores.data(), boxes.data(), anchors, p).empty());
}

TEST_CASE("weighted NMS merges overlaps and keeps separate faces", "[model]") {
  std::vector<Face> in(3);
  in[0] = {10, 10, 20, 20, 0.9f, {}};
  in[1] = {12, 10, 20, 20, 0.6f, {}};  // IoU with the first ~0.82
  in[2] = {100, 100, 20, 20, 0.7f, {}};
  const std::vector<Face> out = WeightedNms(in, 0.3f, 10);
  REQUIRE(out.size() == 2);
  CHECK(out[0].score == Approx(0.9f));
  CHECK(out[0].x == Approx((10 * 0.9f + 12 * 0.6f) / 1.5f));
  CHECK(out[1].x == Approx(100.f));
  CHECK(WeightedNms(in, 0.3f, 1).size() == 1);
  CHECK(BoxIou(0, 0, 10, 10, 5, 0, 10, 10) == Approx(1.f / 3));
  CHECK(BoxIou(0, 0, 10, 10, 20, 0, 10, 10) == 0.f);
}

TEST_CASE("DB post-processing finds text lines in a probability map", "[model]") {
  const int w = 200, h = 120;
  std::vector<float> prob(w * h, 0.02f);
  auto fill = [&](int x0, int y0, int x1, int y1, float v) {
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) prob[y * w + x] = v;
  };
  // Five left-aligned lines of equal height, one faint blob, one speck.
  for (int k = 0; k < 5; ++k) fill(20, 10 + k * 20, 120 + k * 10, 18 + k * 20, 0.9f);
  fill(160, 40, 190, 60, 0.4f);    // over threshold, mean under box_threshold
  fill(180, 110, 182, 112, 0.9f);  // 2x2: too small
  Placement p{0.5f, 0.5f, 0, 0, w, h, 400, 240};
  const std::vector<TextBox> boxes = DecodeDbBoxes(prob.data(), w, h, p);
  REQUIRE(boxes.size() == 5);
  // Unclip grows a 100x8 region by 100*8*1.5/216 ~ 5.6 map px per side.
  CHECK(boxes[0].x == Approx((20 - 5.56f) * 2).margin(0.1));
  CHECK(boxes[0].height == Approx((8 + 2 * 5.56f) * 2).margin(0.2));
  CHECK(boxes[0].score == Approx(0.9f));

  const TextLayout t = ComputeTextLayout(boxes, 400, 240);
  CHECK(t.lines == 5);
  CHECK(t.left_alignment == Approx(1.f));
  CHECK(t.line_height_cv < 0.05f);
  CHECK(t.regularity > 0.9f);
  CHECK(t.area_fraction > 0.25f);
  CHECK(t.area_fraction < 0.6f);
}

TEST_CASE("text layout: words on one row are one line; scattered text is irregular", "[model]") {
  std::vector<TextBox> row = {{10, 100, 50, 20, 0.9f}, {70, 102, 40, 18, 0.9f}};
  CHECK(ComputeTextLayout(row, 400, 300).lines == 1);
  std::vector<TextBox> scattered = {{10, 10, 50, 10, 0.9f},
                                    {200, 80, 30, 40, 0.9f},
                                    {90, 200, 80, 8, 0.9f},
                                    {300, 260, 20, 30, 0.9f}};
  const TextLayout t = ComputeTextLayout(scattered, 400, 300);
  CHECK(t.lines == 4);
  CHECK(t.regularity < 0.6f);
  CHECK(ComputeTextLayout({}, 400, 300).area_fraction == 0.f);
}

}  // namespace gemroll
