// Export and preview of edits on real photos from ../shared/data: the encoded
// JPEG decodes back to the full-resolution render (PSNR), its EXIF keeps the
// capture date, drops GPS unless asked and says orientation 1 with upright
// pixels, ICC profiles survive, previews track the export, smart crop keeps
// pixel keep boxes, and bad input fails with a Status.
#include "gemroll/export.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/exif.h"
#include "gemroll/metrics.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::DataDir;
using testing::Psnr;
using testing::ReadBytes;

const char* kGpsPhoto = "camera/exif-samples/gps/DSCN0010.jpg";  // 640x480, GPS, 2008:10:22
const char* kRotated = "camera/exif-samples/orientation/landscape_6.jpg";  // stored 450x600, o=6
const char* kP3Photo = "camera/photoprism-meta/Iceland-P3.jpg";            // Display P3 ICC
const char* kHeic = "camera/photoprism-formats/iphone_7.heic";             // 4032x3024, o=6

EditSource FileSource(const std::vector<uint8_t>& bytes) {
  EditSource s;
  s.file = bytes.data();
  s.file_size = bytes.size();
  return s;
}

EditParams SomeEdit() {
  EditParams p;
  p.exposure_ev = 0.4f;
  p.contrast = 0.2f;
  p.vibrance = 0.3f;
  p.look = Look::kFilm;
  p.look_strength = 0.6f;
  return p;
}

DecodedImage DecodeFull(const std::vector<uint8_t>& jpeg, int orientation = 0) {
  DecodeOptions opt;
  opt.min_short_side = 0;
  opt.fast = false;
  opt.orientation = orientation;
  auto d = Decode(jpeg.data(), jpeg.size(), opt);
  REQUIRE(d.ok());
  return std::move(d).value();
}

TEST_CASE("export: round trip matches the full-resolution render", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  const EditSource src = FileSource(bytes);
  const EditParams p = SomeEdit();
  RenderOptions full;
  full.long_side = 0;
  auto render = RenderEdit(src, p, full);
  REQUIRE(render.ok());
  ExportOptions opt;
  opt.quality = 92;
  auto out = ExportJpeg(src, p, opt);
  REQUIRE(out.ok());
  CHECK(out->width == 640);
  CHECK(out->height == 480);
  CHECK(render->full_width == 640);
  CHECK(render->image.width() == 640);
  const DecodedImage back = DecodeFull(out->jpeg);
  REQUIRE(back.image.width() == render->image.width());
  REQUIRE(back.image.height() == render->image.height());
  const double psnr = Psnr(back.image.View(), render->image.View());
  INFO("PSNR " << psnr);
  CHECK(psnr > 32);  // q92 with 4:2:0 chroma on a detailed 640x480 photo: ~34 dB
  // 4:4:4 keeps the chroma resolution.
  opt.subsample_420 = false;
  auto full_chroma = ExportJpeg(src, p, opt);
  REQUIRE(full_chroma.ok());
  CHECK(Psnr(DecodeFull(full_chroma->jpeg).image.View(), render->image.View()) > psnr + 1);
  opt.subsample_420 = true;
  // A lower quality costs bytes, not geometry.
  opt.quality = 40;
  auto low = ExportJpeg(src, p, opt);
  REQUIRE(low.ok());
  CHECK(low->jpeg.size() < out->jpeg.size());
  CHECK(Psnr(DecodeFull(low->jpeg).image.View(), render->image.View()) < psnr);
}

TEST_CASE("export: capture date kept, GPS dropped unless asked", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  const auto src_exif = ReadMetadata(bytes.data(), bytes.size());
  REQUIRE(src_exif.ok());
  REQUIRE(src_exif->gps.present);
  auto out = ExportJpeg(FileSource(bytes), EditParams{});
  REQUIRE(out.ok());
  auto exif = ReadMetadata(out->jpeg.data(), out->jpeg.size());
  REQUIRE(exif.ok());
  CHECK(exif->date_time_original == "2008:10:22 16:28:39");
  CHECK(exif->make == src_exif->make);
  CHECK(exif->orientation == 1);
  CHECK(exif->pixel_x == 640);
  CHECK(exif->pixel_y == 480);
  CHECK_FALSE(exif->gps.present);
  CHECK_FALSE(out->location_kept);

  ExportOptions keep;
  keep.keep_location = true;
  auto kept = ExportJpeg(FileSource(bytes), EditParams{}, keep);
  REQUIRE(kept.ok());
  CHECK(kept->location_kept);
  auto exif2 = ReadMetadata(kept->jpeg.data(), kept->jpeg.size());
  REQUIRE(exif2.ok());
  REQUIRE(exif2->gps.present);
  CHECK(exif2->gps.latitude == Approx(src_exif->gps.latitude).margin(1e-5));
  CHECK(exif2->gps.longitude == Approx(src_exif->gps.longitude).margin(1e-5));
}

TEST_CASE("export: rotated source comes out upright with orientation 1", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kRotated);
  auto out = ExportJpeg(FileSource(bytes), EditParams{});
  REQUIRE(out.ok());
  CHECK(out->source_orientation == 6);
  CHECK(out->width == 600);
  CHECK(out->height == 450);
  auto exif = ReadMetadata(out->jpeg.data(), out->jpeg.size());
  REQUIRE(exif.ok());
  CHECK(exif->orientation == 1);
  // Same pixels as the source decoded upright.
  const DecodedImage upright = DecodeFull(bytes, 6);
  const DecodedImage back = DecodeFull(out->jpeg);
  REQUIRE(back.image.width() == upright.image.width());
  CHECK(Psnr(back.image.View(), upright.image.View()) > 36);
}

TEST_CASE("export: ICC profile is carried over", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kP3Photo);
  auto out = ExportJpeg(FileSource(bytes), SomeEdit());
  REQUIRE(out.ok());
  CHECK(out->icc_profile);
  CHECK(out->color_space == ColorSpace::kDisplayP3);
  const DecodedImage back = DecodeFull(out->jpeg);
  CHECK(back.icc_present);
  CHECK(back.color_space == ColorSpace::kDisplayP3);
}

TEST_CASE("export: crop and straighten set the exported size", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  EditParams p;
  p.crop = {0.25f, 0.1f, 0.5f, 0.5f};
  auto out = ExportJpeg(FileSource(bytes), p);
  REQUIRE(out.ok());
  CHECK(out->width == 320);
  CHECK(out->height == 240);
  p.straighten_deg = 5;
  auto tilted = ExportJpeg(FileSource(bytes), p);
  REQUIRE(tilted.ok());
  CHECK(tilted->width < 320);
}

TEST_CASE("export: HEIC goes through the same path", "[export][heif]") {
  // One full-size HEVC decode (~1 s natively): the export itself.
  const auto bytes = ReadBytes(DataDir() / kHeic);
  EditParams p;
  p.exposure_ev = 0.3f;
  auto out = ExportJpeg(FileSource(bytes), p);
  REQUIRE(out.ok());
  CHECK(out->source_format == ImageFormat::kHeif);
  CHECK(out->width == 3024);  // turned upright
  CHECK(out->height == 4032);
  auto exif = ReadMetadata(out->jpeg.data(), out->jpeg.size());
  REQUIRE(exif.ok());
  CHECK(exif->date_time_original == "2018:09:10 12:16:13");
  CHECK(exif->orientation == 1);
  CHECK_FALSE(exif->gps.present);
  CHECK(exif->pixel_x == 3024);
}

TEST_CASE("render: preview tracks the full render", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  RenderOptions full;
  full.long_side = 0;
  auto big = RenderEdit(FileSource(bytes), SomeEdit(), full);
  REQUIRE(big.ok());
  RenderOptions preview;
  preview.long_side = 320;
  auto small = RenderEdit(FileSource(bytes), SomeEdit(), preview);
  REQUIRE(small.ok());
  REQUIRE(small->image.width() == 320);
  REQUIRE(small->image.height() == 240);
  CHECK(small->full_width == 640);
  auto shrunk = ResizeArea(big->image.View(), 320, 240);
  REQUIRE(shrunk.ok());
  CHECK(Psnr(shrunk->View(), small->image.View()) > 30);
}

TEST_CASE("export: RGBA pixels with the file's metadata", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  const DecodedImage d = DecodeFull(bytes);
  EditSource src = FileSource(bytes);
  src.rgba = d.image.View();
  auto out = ExportJpeg(src, EditParams{});
  REQUIRE(out.ok());
  CHECK(out->source_format == ImageFormat::kJpeg);
  auto exif = ReadMetadata(out->jpeg.data(), out->jpeg.size());
  REQUIRE(exif.ok());
  CHECK(exif->date_time_original == "2008:10:22 16:28:39");
  CHECK(Psnr(DecodeFull(out->jpeg).image.View(), d.image.View()) > 32);
}

TEST_CASE("export: bad input and options fail with a Status", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  ExportOptions opt;
  opt.quality = 0;
  CHECK(ExportJpeg(FileSource(bytes), EditParams{}, opt).status().code() ==
        StatusCode::kInvalidArgument);
  EditParams nan;
  nan.exposure_ev = std::numeric_limits<float>::quiet_NaN();
  CHECK(ExportJpeg(FileSource(bytes), nan).status().code() == StatusCode::kInvalidArgument);
  const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + bytes.size() / 3);
  const Status s = ExportJpeg(FileSource(cut), EditParams{}).status();
  CHECK(s.code() == StatusCode::kTruncated);
  CHECK_FALSE(s.message().empty());
  const std::vector<uint8_t> text = {'h', 'e', 'l', 'l', 'o'};
  CHECK(ExportJpeg(FileSource(text), EditParams{}).status().code() == StatusCode::kUnknownFormat);
  CHECK(ExportJpeg(EditSource{}, EditParams{}).status().code() == StatusCode::kEmpty);
  ExportOptions small;
  small.limits.max_pixels = 1000;
  CHECK(ExportJpeg(FileSource(bytes), EditParams{}, small).status().code() ==
        StatusCode::kTooLarge);
}

TEST_CASE("smart crop: pixel keep boxes of the full image stay inside", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  // A "face" near the left edge of the 640x480 photo.
  const KeepBox face{20, 150, 100, 120, false};
  auto r = SmartCropSource(FileSource(bytes), CropAspect::k9x16, {face});
  REQUIRE(r.ok());
  CHECK(r->x <= 20);
  CHECK(r->x + r->w >= 120);
  CHECK(r->y <= 150);
  CHECK(r->y + r->h >= 270);
  CHECK(r->h == 480);
  CHECK_FALSE(r->reasons.empty());
  // Two boxes at opposite edges cannot share a 9:16 crop.
  const KeepBox other{560, 150, 60, 60, false};
  CHECK(SmartCropSource(FileSource(bytes), CropAspect::k9x16, {face, other}).status().code() ==
        StatusCode::kInvalidArgument);
  CropAspect a;
  CHECK(CropAspectFromName("4:5", &a));
  CHECK(a == CropAspect::k4x5);
  CHECK_FALSE(CropAspectFromName("3:2", &a));
}

TEST_CASE("auto-enhance from bytes gives params and reasons", "[export]") {
  const auto bytes = ReadBytes(DataDir() / kGpsPhoto);
  auto r = AutoEnhanceSource(FileSource(bytes));
  REQUIRE(r.ok());
  CHECK_FALSE(r->reasons.empty());
  CHECK(CommitEdit(r->params).ok());
}

}  // namespace
}  // namespace gemroll
