// End-to-end properties of AnalyzePhoto on real photos from the corpus:
// the metrics move the right way when the picture is degraded, and the hashes
// survive resizing, recompression, rotation and mirroring.
#include "gemroll/analyze.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "gemroll/encode.h"
#include "gemroll/exif_write.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::DataDir;
using testing::ReadBytes;

// Real, sharp, well-exposed photos of different kinds of scene.
const char* kPhotos[] = {
    "camera/exif-samples/gps/DSCN0010.jpg",
    "camera/photoprism-meta/Iceland-sRGB.jpg",
    "general/kodak/kodim05.png",
};

Image DecodeFull(const std::vector<uint8_t>& bytes, int min_side = 600) {
  DecodeOptions opt;
  opt.min_short_side = min_side;
  auto d = Decode(bytes.data(), bytes.size(), opt);
  REQUIRE(d.ok());
  return std::move(d->image);
}

Image BoxBlur(const Image& src, int r) {
  Image tmp = src.Clone(), out = src.Clone();
  const int w = src.width(), h = src.height();
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) {
        int s = 0;
        for (int k = -r; k <= r; ++k) s += src.Row(y)[4 * std::clamp(x + k, 0, w - 1) + c];
        tmp.Row(y)[4 * x + c] = static_cast<uint8_t>(s / (2 * r + 1));
      }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) {
        int s = 0;
        for (int k = -r; k <= r; ++k) s += tmp.Row(std::clamp(y + k, 0, h - 1))[4 * x + c];
        out.Row(y)[4 * x + c] = static_cast<uint8_t>(s / (2 * r + 1));
      }
  return out;
}

Image Scale(const Image& src, double gain) {
  Image out = src.Clone();
  for (int y = 0; y < out.height(); ++y)
    for (int x = 0; x < out.width() * 4; ++x)
      if (x % 4 != 3) out.Row(y)[x] = static_cast<uint8_t>(std::min(255.0, out.Row(y)[x] * gain));
  return out;
}

PhotoAnalysis Analyze(const Image& img, int quality = 90, const std::vector<uint8_t>& exif = {}) {
  JpegEncodeOptions o;
  o.quality = quality;
  o.exif_app1 = exif;
  const auto jpeg = EncodeJpeg(img.View(), o).value();
  auto a = AnalyzePhoto(jpeg.data(), jpeg.size());
  REQUIRE(a.ok());
  return std::move(a).value();
}

TEST_CASE("A blurred copy of a real photo scores lower sharpness", "[analyze][property]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = DecodeFull(ReadBytes(DataDir() / rel));
    const PhotoAnalysis sharp = Analyze(img);
    const PhotoAnalysis soft = Analyze(BoxBlur(img, 3));
    CHECK(soft.metrics.sharpness < sharp.metrics.sharpness);
    CHECK(soft.metrics.sharpness_max_region < sharp.metrics.sharpness_max_region);
    const PhotoAnalysis softer = Analyze(BoxBlur(img, 8));
    CHECK(softer.metrics.sharpness <= soft.metrics.sharpness);  // both may reach the 0 floor
  }
}

TEST_CASE("A darker copy scores lower exposure, a brighter one more clipping",
          "[analyze][property]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = DecodeFull(ReadBytes(DataDir() / rel));
    const PhotoAnalysis base = Analyze(img);
    const PhotoAnalysis dark = Analyze(Scale(img, 0.35));
    CHECK(dark.metrics.mean_luma < base.metrics.mean_luma * 0.5);
    CHECK(dark.metrics.shadow_clip >= base.metrics.shadow_clip);
    const PhotoAnalysis bright = Analyze(Scale(img, 2.5));
    CHECK(bright.metrics.highlight_clip > base.metrics.highlight_clip);
  }
}

TEST_CASE("Resized, recompressed, rotated and mirrored copies keep a small hash distance",
          "[analyze][property]") {
  std::vector<PhotoAnalysis> originals;
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = DecodeFull(ReadBytes(DataDir() / rel));
    PhotoAnalysis a = Analyze(img, 92);
    // Resized to a third and recompressed hard.
    const PhotoAnalysis small =
        Analyze(DecodeFull(EncodeJpeg(img.View(), {40, true, false, {}}).value(), 200), 40);
    CHECK(HammingDistance(a.metrics.phash, small.metrics.phash) <= 8);
    CHECK(HammingDistance(a.metrics.dhash, small.metrics.dhash) <= 12);
    // Rotated in pixels (stored rotated, no EXIF): found through the dihedral hashes.
    for (int o : {2, 3, 6, 8}) {
      auto turned = ApplyOrientation(img.View(), o);
      REQUIRE(turned.ok());
      const PhotoAnalysis r = Analyze(turned.value());
      INFO("orientation " << o);
      CHECK(DihedralDistance(a.metrics, r.metrics) <= 8);
    }
    // Rotated by EXIF only: the decoder turns it upright, so the plain hash matches.
    auto stored = ApplyOrientation(img.View(), 8);  // what a camera held sideways stores
    ExifData e;
    e.orientation = 6;
    const PhotoAnalysis by_exif = Analyze(stored.value(), 90, BuildExifApp1(e));
    CHECK(by_exif.orientation == 6);
    CHECK(HammingDistance(a.metrics.phash, by_exif.metrics.phash) <= 8);
    originals.push_back(std::move(a));
  }
  // Different photos stay far apart.
  for (size_t i = 0; i < originals.size(); ++i)
    for (size_t j = i + 1; j < originals.size(); ++j)
      CHECK(DihedralDistance(originals[i].metrics, originals[j].metrics) > 16);
}

TEST_CASE("EXIF written by BuildExifApp1 reads back", "[analyze][exif]") {
  ExifData e;
  e.make = "Gemroll";
  e.model = "Test";
  e.date_time_original = "2025:06:14 10:02:11";
  e.offset_time_original = "+01:00";
  e.subsec_time_original = "120";
  e.orientation = 3;
  e.iso = 200;
  e.exposure_time = 0.004;
  e.f_number = 1.8;
  e.focal_length = 4.25;
  e.user_comment = "Screenshot";
  e.gps.present = true;
  e.gps.latitude = 38.713912;
  e.gps.longitude = -9.139387;
  e.gps.has_altitude = true;
  e.gps.altitude = 42.5;
  ExifWriteOptions with_gps;
  with_gps.include_gps = true;
  Image card = testing::MakeTestCard(64, 48);
  const PhotoAnalysis a = Analyze(card, 90, BuildExifApp1(e, with_gps));
  CHECK(a.exif.make == "Gemroll");
  CHECK(a.exif.DateTimeOriginalIso() == "2025-06-14T10:02:11.120+01:00");
  CHECK(a.exif.orientation == 3);
  CHECK(a.exif.iso == 200);
  CHECK(a.exif.exposure_time == Approx(0.004));
  CHECK(a.exif.f_number == Approx(1.8));
  CHECK(a.exif.user_comment == "Screenshot");
  REQUIRE(a.exif.gps.present);
  CHECK(a.exif.gps.latitude == Approx(38.713912).margin(1e-6));
  CHECK(a.exif.gps.longitude == Approx(-9.139387).margin(1e-6));
  CHECK(a.exif.gps.altitude == Approx(42.5).margin(1e-3));
  // GPS is dropped unless asked for.
  const PhotoAnalysis b = Analyze(card, 90, BuildExifApp1(e));
  CHECK(!b.exif.gps.present);
  CHECK(b.exif.date_time_original == e.date_time_original);
}

// What a camera writes: its own 160 x 120 rendering of the frame in IFD1,
// padded with black bands when the frame is not 4:3.
std::vector<uint8_t> CameraExif(const Image& frame) {
  const int w = 160, h = 120;
  const double aspect = double(frame.width()) / frame.height();
  const int iw = aspect >= 4.0 / 3 ? w : static_cast<int>(std::lround(h * aspect));
  const int ih = aspect >= 4.0 / 3 ? static_cast<int>(std::lround(w / aspect)) : h;
  Image small = ResizeArea(frame.View(), iw, ih).value();
  Image thumb = Image::Create(w, h, PixelFormat::kRGBA8).value();
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) thumb.Row(y)[4 * x + 3] = 255;
  }
  const int x0 = (w - iw) / 2, y0 = (h - ih) / 2;
  for (int y = 0; y < ih; ++y) std::memcpy(thumb.Row(y0 + y) + 4 * x0, small.Row(y), 4 * iw);
  ExifData e;
  e.make = "Gemroll";
  e.model = "Test";
  e.date_time_original = "2025:06:14 10:02:11";
  ExifWriteOptions o;
  o.thumbnail_jpeg = EncodeJpeg(thumb.View(), {85, true, false, {}}).value();
  return BuildExifApp1(e, o);
}

TEST_CASE("The EXIF thumbnail tells the camera's original from an edited copy", "[analyze][exif]") {
  using State = ThumbnailAgreement::State;
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = DecodeFull(ReadBytes(DataDir() / rel));
    const std::vector<uint8_t> exif = CameraExif(img);
    const PhotoAnalysis original = Analyze(img, 90, exif);
    REQUIRE(original.exif.thumbnail_length > 0);
    CHECK(original.exif_thumbnail.state == State::kAgrees);
    CHECK(!original.exif_thumbnail.shape_differs);
    // Recompressed harder, still the camera's pixels.
    CHECK(Analyze(img, 60, exif).exif_thumbnail.state == State::kAgrees);
    // An editor kept the EXIF block but changed the picture.
    const PhotoAnalysis brighter = Analyze(Scale(img, 1.3), 90, exif);
    CHECK(brighter.exif_thumbnail.state == State::kDiffers);
    auto turned = ApplyOrientation(img.View(), 6);
    const PhotoAnalysis sideways = Analyze(turned.value(), 90, exif);
    CHECK(sideways.exif_thumbnail.state == State::kDiffers);
    CHECK(sideways.exif_thumbnail.shape_differs);
    // No thumbnail, no evidence either way.
    CHECK(Analyze(img).exif_thumbnail.state == State::kAbsent);
  }
  // A broken thumbnail is no evidence and no failure.
  const Image card = testing::MakeTestCard(64, 48);
  ExifWriteOptions o;
  o.thumbnail_jpeg = {0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00};
  const PhotoAnalysis broken = Analyze(card, 90, BuildExifApp1(ExifData{}, o));
  CHECK(broken.exif.thumbnail_length == o.thumbnail_jpeg.size());
  CHECK(broken.exif_thumbnail.state == State::kAbsent);
}

TEST_CASE("A preview analysis reads the EXIF thumbnail from the file's first bytes",
          "[analyze][preview]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = DecodeFull(ReadBytes(DataDir() / rel));
    JpegEncodeOptions jo;
    jo.quality = 92;
    jo.exif_app1 = CameraExif(img);
    const auto jpeg = EncodeJpeg(img.View(), jo).value();
    const PhotoAnalysis full = Analyze(img, 92, jo.exif_app1);
    AnalyzeOptions o;
    o.preview = true;
    o.file_size = jpeg.size();
    const size_t head = std::min<size_t>(jpeg.size(), 32 * 1024);  // a phone's EXIF block fits
    StatusOr<PhotoAnalysis> p = AnalyzePhoto(jpeg.data(), head, o);
    REQUIRE(p.ok());
    CHECK(p->preview);
    CHECK(p->from_thumbnail);
    CHECK(p->format == ImageFormat::kJpeg);
    CHECK(p->file_size == jpeg.size());
    CHECK(p->width == full.width);
    CHECK(p->height == full.height);
    CHECK(p->analysis_width == 160);
    CHECK(p->exif.make == "Gemroll");
    CHECK(p->exif.date_time_original == full.exif.date_time_original);
    // The camera's rendering of the same picture: tones agree with the full analysis.
    CHECK(p->metrics.mean_luma == Approx(full.metrics.mean_luma).margin(0.05));
    // A prefix's hash is not the file's (a file that fits in it keeps its own).
    CHECK((p->content_hash == full.content_hash) == (head == jpeg.size()));
    JsonWriter w;
    w.BeginObject();
    p->WriteJson(w);
    w.EndObject();
    CHECK(w.str().find("\"provisional\":true") != std::string::npos);
    CHECK(w.str().find("\"source\":\"preview\"") != std::string::npos);
    // The whole file gives the same preview.
    StatusOr<PhotoAnalysis> whole = AnalyzePhoto(jpeg.data(), jpeg.size(), o);
    REQUIRE(whole.ok());
    CHECK(whole->metrics.mean_luma == p->metrics.mean_luma);
  }
  // No thumbnail, no preview: unsupported, never the image.
  const Image card = testing::MakeTestCard(640, 480);
  const auto plain = EncodeJpeg(card.View(), {90, true, false, {}}).value();
  AnalyzeOptions o;
  o.preview = true;
  CHECK(AnalyzePhoto(plain.data(), plain.size(), o).status().code() == StatusCode::kUnsupported);
  const auto png = EncodePng(card.View()).value();
  CHECK(AnalyzePhoto(png.data(), png.size(), o).status().code() == StatusCode::kUnsupported);
  // Bytes that stop inside the EXIF block or before the frame header: no
  // preview, and a reason.
  JpegEncodeOptions jo;
  jo.exif_app1 = CameraExif(card);
  const auto jpeg = EncodeJpeg(card.View(), jo).value();
  AnalyzeOptions cut = o;
  cut.file_size = jpeg.size();
  for (size_t n : {size_t{200}, jo.exif_app1.size()}) {
    StatusOr<PhotoAnalysis> a = AnalyzePhoto(jpeg.data(), n, cut);
    CHECK(!a.ok());
    CHECK(!a.status().message().empty());
  }
}

TEST_CASE("Analysis of bad files fails with a code, never a crash", "[analyze][bad]") {
  int rejected = 0;
  for (const char* rel : {"camera/edge-cases/corrupted.jpg",
                          "duplicates/imagededup/mixed_images/ukbench09268_corrupt.jpg",
                          "duplicates/photoprism-ios-copies/IMG_4120.AAE"}) {
    const auto bytes = ReadBytes(DataDir() / rel);
    auto a = AnalyzePhoto(bytes.data(), bytes.size());
    INFO(rel);
    if (!a.ok()) {
      ++rejected;
      CHECK(!a.status().message().empty());
    }
  }
  CHECK(rejected >= 2);
  CHECK(AnalyzePhoto(nullptr, 0).status().code() == StatusCode::kEmpty);
}

TEST_CASE("Xxh64 matches the reference vectors", "[analyze]") {
  CHECK(Xxh64(nullptr, 0) == 0xEF46DB3751D8E999ull);
  const std::string abc = "abc";
  CHECK(Xxh64(reinterpret_cast<const uint8_t*>(abc.data()), abc.size()) == 0x44BC2CF5AD770999ull);
}

}  // namespace
}  // namespace gemroll
