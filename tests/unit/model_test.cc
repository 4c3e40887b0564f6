// Model tensor work on synthetic data: input tensors, BlazeFace anchors and
// decoding, weighted NMS, DB boxes from a drawn probability map and the text
// layout features.
#include "gemroll/model.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
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

TEST_CASE("letterbox with a multiple: the short side only as long as the image needs", "[model]") {
  Placement p;
  // 4:3 at 256: 256x192, no padding.
  StatusOr<Tensor> t = LetterboxNhwc(Solid(400, 300, 10, 20, 30).View(), 256, -1.f, 1.f, &p, 32);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 192, 256, 3});
  CHECK(p.tensor_width == 256);
  CHECK(p.tensor_height == 192);
  CHECK(p.pad_x == 0);
  CHECK(p.pad_y == 0);
  // 16:9 portrait: 144 px wide, rounded up to 160 with 8 px of black each side.
  t = LetterboxNhwc(Solid(900, 1600, 255, 255, 255).View(), 256, -1.f, 1.f, &p, 32);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 256, 160, 3});
  CHECK(p.pad_x == 8);
  CHECK(t->data[(100 * 160 + 3) * 3] == Approx(-1.f));  // padding
  CHECK(t->data[(100 * 160 + 80) * 3] == Approx(1.f));  // white
  // A sliver still gets one multiple; a square stays square.
  t = LetterboxNhwc(Solid(1000, 10, 0, 0, 0).View(), 256, -1.f, 1.f, &p, 32);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 32, 256, 3});
  t = LetterboxNhwc(Solid(50, 50, 0, 0, 0).View(), 256, -1.f, 1.f, &p, 32);
  REQUIRE(t.ok());
  CHECK(t->shape == std::vector<int>{1, 256, 256, 3});
  CHECK_FALSE(LetterboxNhwc(Solid(50, 50, 0, 0, 0).View(), 256, -1.f, 1.f, &p, 512).ok());
}

TEST_CASE("shrinking averages exactly the source area each tensor pixel covers", "[model]") {
  // Non-integer factors on both axes: 97x61 -> 32x20.
  Image img = Image::Create(97, 61, PixelFormat::kRGBA8).value();
  uint32_t seed = 12345;
  for (int y = 0; y < 61; ++y) {
    for (int x = 0; x < 97 * 4; ++x) {
      seed = seed * 1664525u + 1013904223u;
      img.Row(y)[x] = static_cast<uint8_t>(seed >> 24);
    }
  }
  Placement p;
  StatusOr<Tensor> t = LetterboxNhwc(img.View(), 32, 0.f, 255.f, &p);
  REQUIRE(t.ok());
  const int rw = 32, rh = 20, pad_y = (32 - rh) / 2;
  REQUIRE(p.pad_y == pad_y);
  const double sx = 97.0 / rw, sy = 61.0 / rh;
  auto cover = [](int j, double lo, double hi) {
    return std::max(0.0, std::min<double>(j + 1, hi) - std::max<double>(j, lo));
  };
  double worst = 0;
  for (int oy = 0; oy < rh; ++oy) {
    for (int ox = 0; ox < rw; ++ox) {
      for (int c = 0; c < 3; ++c) {
        double sum = 0;
        for (int y = 0; y < 61; ++y) {
          const double wy = cover(y, oy * sy, (oy + 1) * sy);
          if (wy == 0) continue;
          for (int x = 0; x < 97; ++x) {
            sum += wy * cover(x, ox * sx, (ox + 1) * sx) * img.Row(y)[x * 4 + c];
          }
        }
        const double want = sum / (sx * sy);
        worst = std::max(worst, std::fabs(want - t->data[((oy + pad_y) * 32 + ox) * 3 + c]));
      }
    }
  }
  CHECK(worst < 0.01);
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

TEST_CASE("BlazeFace anchors for a 256x192 input: 16x12 and 8x6 grids", "[model]") {
  const std::vector<Anchor> a = BlazeFaceAnchors(256, 192);
  REQUIRE(a.size() == 16 * 12 * 2 + 8 * 6 * 6);
  CHECK(a[0].x == Approx(0.5f / 16));
  CHECK(a[0].y == Approx(0.5f / 12));
  CHECK(a[2 * 16].y == Approx(1.5f / 12));  // second row
  CHECK(a[383].y == Approx(11.5f / 12));
  CHECK(a[384].x == Approx(0.5f / 8));  // second head
  CHECK(a[384 + 6 * 8].y == Approx(1.5f / 6));
  CHECK(a.back().y == Approx(5.5f / 6));
  CHECK(BlazeFaceAnchors(256, 256).size() == 896);
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

// ---- Face attributes and the full-range detector --------------------------

constexpr float kPi = 3.14159265358979f;

TEST_CASE("full-range anchors are a 48x48 grid, one per cell", "[model]") {
  const std::vector<Anchor> a = FullRangeAnchors();
  REQUIRE(a.size() == 2304);
  CHECK(a[0].x == Approx(0.5f / 48));
  CHECK(a[1].x == Approx(1.5f / 48));
  CHECK(a[48].y == Approx(1.5f / 48));
}

TEST_CASE("full-range head rows decode like BlazeFace", "[model]") {
  const std::vector<Anchor> anchors = FullRangeAnchors();
  std::vector<float> rows(anchors.size() * 17, 0.f);
  for (size_t i = 0; i < anchors.size(); ++i) rows[i * 17] = -10;  // background
  // One face at anchor (x 20, y 10): 24x24 input pixels, shifted 2 px right.
  const size_t k = 10 * 48 + 20;
  rows[k * 17] = Logit(0.9f);
  rows[k * 17 + 1] = 2;
  rows[k * 17 + 3] = 24;
  rows[k * 17 + 4] = 24;
  std::vector<float> scores, boxes;
  SplitScoreBoxes(rows.data(), anchors.size(), &scores, &boxes);
  REQUIRE(scores.size() == 2304);
  REQUIRE(boxes.size() == 2304 * 16);
  CHECK(boxes[k * 16] == 2);
  Placement p;  // 192x192 tensor from a 384x384 photo, no padding
  p.scale_x = p.scale_y = 0.5f;
  p.tensor_width = p.tensor_height = kFullRangeInputSize;
  p.image_width = p.image_height = 384;
  const std::vector<Face> faces = DecodeBlazeFace(scores.data(), boxes.data(), anchors, p);
  REQUIRE(faces.size() == 1);
  CHECK(faces[0].score == Approx(0.9f));
  // Centre in input pixels: (20.5 * 4 + 2, 10.5 * 4) -> photo pixels x2.
  CHECK(faces[0].x + faces[0].width / 2 == Approx((20.5f * 4 + 2) * 2).margin(0.01));
  CHECK(faces[0].y + faces[0].height / 2 == Approx(10.5f * 4 * 2).margin(0.01));
  CHECK(faces[0].width == Approx(48.f).margin(0.01));
}

TEST_CASE("rotated crops sample the region upright and map back", "[model]") {
  // Left half red, right half blue, 100x100.
  Image img = Solid(100, 100, 0, 0, 255);
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 50; ++x) {
      img.Row(y)[x * 4] = 255;
      img.Row(y)[x * 4 + 2] = 0;
    }
  }
  RotatedRect roi;
  roi.cx = 50;
  roi.cy = 50;
  roi.side = 40;
  CropTransform t;
  StatusOr<Tensor> up = CropRotated(img.View(), roi, 20, 3, 0.f, 1.f, &t);
  REQUIRE(up.ok());
  CHECK(up->shape == std::vector<int>{1, 20, 20, 3});
  const auto at = [](const Tensor& x, int u, int v, int c) { return x.data[(v * 20 + u) * 3 + c]; };
  CHECK(at(*up, 2, 10, 0) == Approx(1.f));   // left: red
  CHECK(at(*up, 17, 10, 2) == Approx(1.f));  // right: blue
  // The crop's centre maps to the region's centre, its corner 20 px away.
  CHECK(t.a * 10 + t.b * 10 + t.c == Approx(50.f));
  CHECK(t.d * 0 + t.e * 0 + t.f == Approx(30.f));

  // Turned a quarter: the crop's x axis points down the image.
  roi.angle = kPi / 2;
  StatusOr<Tensor> turned = CropRotated(img.View(), roi, 20, 3, 0.f, 1.f, &t);
  REQUIRE(turned.ok());
  // Crop (u, v) -> image (cx - (v - 10) * 2, cy + (u - 10) * 2): small v is
  // the image's right (blue), large v its left (red).
  CHECK(at(*turned, 10, 2, 2) == Approx(1.f));
  CHECK(at(*turned, 10, 17, 0) == Approx(1.f));
  CHECK(t.a * 10 + t.b * 2 + t.c == Approx(66.f).margin(1e-3));

  // Gray crops use BT.601 luma; outside the image is black.
  roi.angle = 0;
  roi.cx = 0;
  StatusOr<Tensor> gray = CropRotated(img.View(), roi, 20, 1, -1.f, 1.f, nullptr);
  REQUIRE(gray.ok());
  CHECK(gray->shape == std::vector<int>{1, 20, 20, 1});
  CHECK(gray->data[10 * 20 + 2] == Approx(-1.f));                          // outside
  CHECK(gray->data[10 * 20 + 15] == Approx(0.299f * 2 - 1).margin(1e-3));  // red
  roi.side = 0;
  CHECK(!CropRotated(img.View(), roi, 20, 3, 0.f, 1.f, nullptr).ok());
}

TEST_CASE("a decode at hand serves face crops when it holds the faces at crop resolution",
          "[model]") {
  // A 4000x3000 photo with one 400-px face: its crop region (1.5x) is 600 px,
  // so 96 crop pixels want a decode with a short side of 480.
  Face face;
  face.x = 1800;
  face.y = 1200;
  face.width = face.height = 400;
  face.keypoints[0] = {1930, 1360};
  face.keypoints[1] = {2070, 1360};
  const std::vector<Face> faces = {face};
  FaceCropOptions opt;
  CHECK(FaceCropShortSide(4000, 3000, faces, opt) == 480);
  CHECK(!FaceCropsFitDecode(500, 375, 4000, 3000, faces, opt));  // 1/8: too few pixels
  CHECK(FaceCropsFitDecode(1000, 750, 4000, 3000, faces, opt));  // 1/4
  CHECK(FaceCropsFitDecode(300, 200, 300, 200, faces, opt));     // the photo at full size
  CHECK(!FaceCropsFitDecode(0, 0, 4000, 3000, faces, opt));      // nothing kept

  // From a decode with twice the pixels wanted or more, the crops come from
  // it shrunk to the wanted size; the tensors and the mapping back to the
  // photo's pixels do not depend on which decode served.
  const Image half = Solid(2000, 1500, 200, 120, 40);
  StatusOr<FaceCrops> shrunk = PrepareFaceCropsFromDecode(half.View(), 4000, 3000, faces, opt);
  REQUIRE(shrunk.ok());
  REQUIRE(shrunk->crops.size() == 1);
  CHECK(shrunk->decoded_height == 480);
  const Image quarter = Solid(1000, 750, 200, 120, 40);
  StatusOr<FaceCrops> as_is = PrepareFaceCropsFromDecode(quarter.View(), 4000, 3000, faces, opt);
  REQUIRE(as_is.ok());
  CHECK(as_is->decoded_height == 750);
  const FaceCrop& a = shrunk->crops[0];
  const FaceCrop& b = as_is->crops[0];
  CHECK(a.mesh.shape == b.mesh.shape);
  CHECK(a.mesh.data[0] == Approx(b.mesh.data[0]).margin(1e-3));
  CHECK(a.mesh_transform.a == Approx(b.mesh_transform.a));
  CHECK(a.mesh_transform.c == Approx(b.mesh_transform.c));
  CHECK(a.mesh_transform.f == Approx(b.mesh_transform.f));
}

TEST_CASE("the face-mesh region is centred, 1.5x the box and follows the eyes", "[model]") {
  Face f;
  f.x = 100;
  f.y = 50;
  f.width = 40;
  f.height = 60;
  f.keypoints[0] = {110, 70};  // right eye (image left)
  f.keypoints[1] = {130, 90};  // left eye, lower: head tilted 45 degrees
  const RotatedRect r = FaceMeshRoi(f);
  CHECK(r.cx == Approx(120.f));
  CHECK(r.cy == Approx(80.f));
  CHECK(r.side == Approx(90.f));
  CHECK(r.angle == Approx(kPi / 4));
  const RotatedRect b = FaceBoxRoi(f, 1.1f);
  CHECK(b.side == Approx(66.f));
  CHECK(b.angle == 0);
}

namespace {

// A face mesh with both eyes drawn as ellipses of the given openness
// (height / width), in crop pixels; all other points at the origin.
std::vector<float> MeshWithEyes(float openness) {
  std::vector<float> mesh(468 * 3, 0.f);
  auto eye = [&](std::array<int, 6> idx, float cx) {
    const float w = 30, h = w * openness;
    const float xs[6] = {-w / 2, -w / 6, w / 6, w / 2, w / 6, -w / 6};
    const float ys[6] = {0, -h / 2, -h / 2, 0, h / 2, h / 2};
    for (int i = 0; i < 6; ++i) {
      mesh[idx[i] * 3] = cx + xs[i];
      mesh[idx[i] * 3 + 1] = 80 + ys[i];
    }
  };
  eye({33, 160, 158, 133, 153, 144}, 60);
  eye({362, 385, 387, 263, 373, 380}, 130);
  return mesh;
}

}  // namespace

TEST_CASE("eye aspect ratio separates open from closed eyes", "[model]") {
  CropTransform id;
  const EyesResult open = EyesFromMesh(MeshWithEyes(0.36f).data(), 468 * 3, id, 0.9f);
  CHECK(open.right.aspect_ratio == Approx(0.36f).margin(1e-4));
  CHECK(open.left.aspect_ratio == Approx(0.36f).margin(1e-4));
  CHECK(open.open > 0.95f);
  CHECK(open.face_score == Approx(0.9f));
  const EyesResult closed = EyesFromMesh(MeshWithEyes(0.08f).data(), 468 * 3, id, 0.9f);
  CHECK(closed.open < 0.05f);
  CHECK(closed.right.open < 0.05f);
  // Scale and in-plane rotation of the crop do not change the ratio.
  CropTransform turned;
  turned.a = 0;
  turned.b = -3;
  turned.c = 500;
  turned.d = 3;
  turned.e = 0;
  turned.f = 20;
  const EyesResult t = EyesFromMesh(MeshWithEyes(0.32f).data(), 468 * 3, turned, 1.f);
  CHECK(t.right.aspect_ratio == Approx(0.32f).margin(1e-4));
  // Too short an output gives nothing rather than reading past it.
  const EyesResult none = EyesFromMesh(MeshWithEyes(0.32f).data(), 100, id, 1.f);
  CHECK(none.open == 0);
}

TEST_CASE("iris eye contours give the eye aspect ratio; eye crops come from the mesh crop",
          "[model]") {
  // Contour 0..8 corner to corner along the lower lid, 9..15 the upper lid.
  auto contour = [](float openness) {
    std::vector<float> iris(kIrisValues, 0.f);
    const float w = 40, h = w * openness;
    for (int i = 0; i <= 8; ++i) {
      const float t = i / 8.f;
      iris[i * 3] = 12 + w * t;
      iris[i * 3 + 1] = 32 + (i == 0 || i == 8 ? 0 : h / 2);
    }
    for (int i = 9; i <= 15; ++i) {  // above lower-lid points i - 8
      iris[i * 3] = iris[(i - 8) * 3];
      iris[i * 3 + 1] = 32 - h / 2;
    }
    return iris;
  };
  const std::vector<float> open = contour(0.35f), closed = contour(0.06f);
  CHECK(IrisEyeAspectRatio(open.data(), open.size()) == Approx(0.35f).margin(1e-4));
  const EyesResult a = EyesFromIris(open.data(), open.data(), open.size(), 1.f);
  CHECK(a.open > 0.95f);
  const EyesResult b = EyesFromIris(open.data(), closed.data(), open.size(), 1.f);
  CHECK(b.left.open < 0.05f);
  CHECK(b.right.open > 0.95f);
  CHECK(EyesFromIris(open.data(), open.data(), 10, 1.f).open == 0);
  // One eye measured: the face's verdict is that eye's, the other is marked
  // unmeasured rather than reported closed.
  const EyesResult c = EyesFromIris(nullptr, closed.data(), closed.size(), 1.f);
  CHECK(c.open < 0.05f);
  CHECK_FALSE(c.right.measured);
  CHECK(c.left.measured);
  CHECK(c.aspect_ratio == Approx(c.left.aspect_ratio));
  const EyesResult d = EyesFromIris(open.data(), nullptr, open.size(), 1.f);
  CHECK(d.open > 0.95f);
  CHECK_FALSE(d.left.measured);
  CHECK_FALSE(EyesFromIris(nullptr, nullptr, open.size(), 1.f).right.measured);

  // A 192 face crop, red on the image's left half, blue on the right, with
  // the eye corners of MeshWithEyes: each eye's crop samples its own half.
  Tensor face;
  face.shape = {1, 192, 192, 3};
  face.data.assign(192 * 192 * 3, 0.f);
  for (int y = 0; y < 192; ++y) {
    for (int x = 0; x < 192; ++x) face.data[(y * 192 + x) * 3 + (x < 96 ? 0 : 2)] = 1.f;
  }
  const std::vector<float> mesh = MeshWithEyes(0.3f);
  StatusOr<EyeCrops> eyes = PrepareEyeCrops(face, mesh.data(), mesh.size());
  REQUIRE(eyes.ok());
  CHECK(eyes->right.shape == std::vector<int>{1, 64, 64, 3});
  // Right eye (image x 45..75) sits in the red half; left eye (115..145)
  // in the blue half.
  CHECK(eyes->right.data[(32 * 64 + 32) * 3 + 0] == Approx(1.f));
  CHECK(eyes->left.data[(32 * 64 + 32) * 3 + 2] == Approx(1.f));
  CHECK(!PrepareEyeCrops(face, mesh.data(), 100).ok());
  Tensor bad;
  CHECK(!PrepareEyeCrops(bad, mesh.data(), mesh.size()).ok());
}

TEST_CASE("smile is the expression model's happy probability", "[model]") {
  const float probs[7] = {0.05f, 0.0f, 0.05f, 0.7f, 0.05f, 0.05f, 0.1f};
  const Expression e = ExpressionFromSoftmax(probs, 7);
  CHECK(e.smile == Approx(0.7f));
  CHECK(e.top == 3);
  CHECK(std::string(ExpressionName(e.top)) == "happy");
  CHECK(ExpressionFromSoftmax(probs, 3).smile == 0);
}

}  // namespace gemroll
