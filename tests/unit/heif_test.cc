// HEIC/HEIF decoding on the real phone photos in ../shared/data: sizes,
// orientation (irot/imir versus EXIF), colour, metadata, the thumbnail fast
// path, and damaged files.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "csv.h"
#include "gemroll/analyze.h"
#include "gemroll/decode.h"
#include "gemroll/metrics.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::DataDir;
using testing::ReadBytes;

struct Expected {
  const char* file;
  int width, height;  // stored (ispe), as exiftool's ImageWidth/ImageHeight
  int orientation;    // applied
  bool thumbnail;     // has a thumbnail item usable at min_short_side 240
  ColorSpace color;
};

// Orientation: iPhones 13/15 and the Nokia store irot (the Nokia's EXIF says
// 1 regardless); iphone_7.heic (a third-party camera app) has no irot, only
// EXIF orientation 6, which then applies; the rest are stored upright.
const Expected kFiles[] = {
    {"camera/exif-samples/mobile/iphone_13_pro_max.HEIC", 4032, 3024, 6, true,
     ColorSpace::kDisplayP3},
    {"camera/photoprism-formats/iphone_15_pro.heic", 4032, 3024, 6, true, ColorSpace::kDisplayP3},
    {"camera/photoprism-formats/iphone_7.heic", 4032, 3024, 6, false, ColorSpace::kDisplayP3},
    {"camera/exif-samples/mobile/IMG_5195.HEIC", 2566, 3313, 1, false, ColorSpace::kDisplayP3},
    {"camera/exif-samples/mobile/HMD_Nokia_8.3_5G.heif", 4608, 3456, 6, false, ColorSpace::kSrgb},
    // nclx with BT.2020 primaries, which ColorSpace has no name for.
    {"camera/exif-samples/mobile/HMD_Nokia_8.3_5G_hdr.heif", 4608, 3456, 1, false,
     ColorSpace::kOtherIcc},
    {"camera/exif-samples/mobile/samplefilehub.heif", 640, 426, 1, false, ColorSpace::kSrgb},
};

std::vector<uint8_t> Bytes(const std::string& rel) {
  std::vector<uint8_t> b = ReadBytes(DataDir() / rel);
  REQUIRE(!b.empty());
  return b;
}

TEST_CASE("HEIF brands sniff as heif", "[heif]") {
  for (const Expected& e : kFiles) {
    const auto b = Bytes(e.file);
    INFO(e.file);
    CHECK(SniffFormat(b.data(), b.size()) == ImageFormat::kHeif);
  }
}

TEST_CASE("HEIC corpus files decode upright at analysis scale", "[heif][corpus]") {
  for (const Expected& e : kFiles) {
    INFO(e.file);
    const auto b = Bytes(e.file);
    StatusOr<DecodedImage> d = Decode(b.data(), b.size(), {});
    REQUIRE(d.ok());
    CHECK(d->format == ImageFormat::kHeif);
    CHECK(d->width == e.width);
    CHECK(d->height == e.height);
    // The default decode ignores EXIF; the analysis passes it (see below).
    const bool swapped = d->upright_width != d->width;
    CHECK(swapped == (d->orientation >= 5));
    CHECK(d->color_space == e.color);
    CHECK(!d->has_alpha);
    CHECK(!d->from_thumbnail);  // iPhone thumbnails are 320x240, under the default 360
    // Box-downscaled so the short side stays >= 360.
    const int short_side = std::min(d->image.width(), d->image.height());
    if (std::min(e.width, e.height) >= 360) {
      CHECK(short_side >= 360);
      CHECK(short_side < 720);
    }
    CHECK((d->image.width() > d->image.height()) == (d->upright_width > d->upright_height));
  }
}

TEST_CASE("HEIC orientation: irot wins over EXIF, EXIF only where irot is absent",
          "[heif][orientation]") {
  for (const Expected& e : kFiles) {
    INFO(e.file);
    const auto b = Bytes(e.file);
    StatusOr<PhotoAnalysis> a = AnalyzePhoto(b.data(), b.size());
    REQUIRE(a.ok());
    CHECK(a->orientation == e.orientation);
    const bool swap = e.orientation >= 5;
    CHECK(a->width == (swap ? e.height : e.width));
    CHECK(a->height == (swap ? e.width : e.height));
    CHECK((a->analysis_width > a->analysis_height) == (a->width > a->height));
  }
  // An EXIF orientation handed in by a caller never turns an irot image twice.
  const auto b = Bytes(kFiles[0].file);
  for (int exif : {1, 8}) {
    DecodeOptions o;
    o.orientation = exif;
    StatusOr<DecodedImage> d = Decode(b.data(), b.size(), o);
    REQUIRE(d.ok());
    CHECK(d->orientation == 6);
    CHECK(d->upright_width == 3024);
    CHECK(d->image.height() > d->image.width());
  }
}

TEST_CASE("HEIC EXIF comes out of the analysis record as exiftool reads it", "[heif][exif]") {
  const auto rows = testing::ReadCsv(DataDir() / "EXIF_SUMMARY.csv");
  REQUIRE(rows.size() > 1);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  int checked = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != rows[0].size() || row[col["FileType"]] != "HEIC") continue;
    const std::string file = row[col["SourceFile"]];
    INFO(file);
    const auto b = Bytes(file);
    StatusOr<PhotoAnalysis> a = AnalyzePhoto(b.data(), b.size());
    REQUIRE(a.ok());
    CHECK(a->format == ImageFormat::kHeif);
    CHECK(a->exif.date_time_original == row[col["DateTimeOriginal"]]);
    CHECK(a->exif.make == row[col["Make"]]);
    CHECK(a->exif.model == row[col["Model"]]);
    const std::string o = row[col["Orientation"]];
    CHECK(a->exif.orientation == (o.empty() ? 0 : std::stoi(o)));
    // exiftool's ImageWidth/Height for HEIF is the stored (ispe) size.
    const int w = std::stoi(row[col["ImageWidth"]]), h = std::stoi(row[col["ImageHeight"]]);
    const bool swap = a->orientation >= 5;
    CHECK(a->width == (swap ? h : w));
    CHECK(a->height == (swap ? w : h));
    ++checked;
  }
  CHECK(checked >= 7);
}

TEST_CASE("HEIC thumbnail item answers small analyses and agrees with the full decode",
          "[heif][thumbnail]") {
  for (const Expected& e : kFiles) {
    if (!e.thumbnail) continue;
    INFO(e.file);
    const auto b = Bytes(e.file);
    AnalyzeOptions small;
    small.decode.min_short_side = 240;
    StatusOr<PhotoAnalysis> t = AnalyzePhoto(b.data(), b.size(), small);
    REQUIRE(t.ok());
    CHECK(t->from_thumbnail);
    CHECK(t->analysis_width == 240);
    CHECK(t->analysis_height == 320);
    CHECK(t->scale_denom == 13);  // 3024 / 240, rounded
    CHECK(t->width == 3024);
    CHECK(t->height == 4032);
    // Same photo through the image: 1/12 box (252x336).
    AnalyzeOptions full;
    full.decode.min_short_side = 250;
    StatusOr<PhotoAnalysis> f = AnalyzePhoto(b.data(), b.size(), full);
    REQUIRE(f.ok());
    CHECK(!f->from_thumbnail);
    CHECK(f->orientation == t->orientation);
    CHECK(f->metrics.mean_luma == Approx(t->metrics.mean_luma).margin(0.02));
    CHECK(f->metrics.contrast == Approx(t->metrics.contrast).margin(0.02));
    CHECK(f->metrics.colorfulness == Approx(t->metrics.colorfulness).epsilon(0.15).margin(2));
    // Pixels: the full decode resampled to the thumbnail's size is close.
    StatusOr<DecodedImage> td = Decode(b.data(), b.size(), small.decode);
    StatusOr<DecodedImage> fd = Decode(b.data(), b.size(), full.decode);
    REQUIRE(td.ok());
    REQUIRE(fd.ok());
    StatusOr<Image> resized = ResizeArea(fd->image.View(), td->image.width(), td->image.height());
    REQUIRE(resized.ok());
    CHECK(testing::Psnr(resized->View(), td->image.View()) > 24);
  }
  // Without a usable thumbnail the image is decoded.
  const auto b = Bytes("camera/exif-samples/mobile/IMG_5195.HEIC");
  DecodeOptions small;
  small.min_short_side = 240;
  StatusOr<DecodedImage> d = Decode(b.data(), b.size(), small);
  REQUIRE(d.ok());
  CHECK(!d->from_thumbnail);
}

TEST_CASE("A HEIC preview is its thumbnail item; none means unsupported", "[heif][preview]") {
  for (const Expected& e : kFiles) {
    INFO(e.file);
    const auto b = Bytes(e.file);
    AnalyzeOptions o;
    o.preview = true;
    StatusOr<PhotoAnalysis> p = AnalyzePhoto(b.data(), b.size(), o);
    // Files whose thumbnail serves a 240-px analysis surely have one; the
    // others may have a smaller one, or none.
    if (!e.thumbnail && !p.ok()) {
      CHECK(p.status().code() == StatusCode::kUnsupported);
      continue;
    }
    REQUIRE(p.ok());
    CHECK(p->preview);
    CHECK(p->from_thumbnail);
    const bool swap = e.orientation >= 5;
    CHECK(p->width == (swap ? e.height : e.width));
    CHECK(p->height == (swap ? e.width : e.height));
    CHECK(std::max(p->analysis_width, p->analysis_height) <= 512);
  }
  const auto b = Bytes("camera/exif-samples/mobile/IMG_5195.HEIC");
  AnalyzeOptions o;
  o.preview = true;
  CHECK(AnalyzePhoto(b.data(), b.size(), o).status().code() == StatusCode::kUnsupported);
}

TEST_CASE("HEIC analysis JSON says when the thumbnail was used", "[heif][thumbnail]") {
  const auto b = Bytes(kFiles[1].file);
  AnalyzeOptions o;
  o.decode.min_short_side = 200;
  StatusOr<PhotoAnalysis> a = AnalyzePhoto(b.data(), b.size(), o);
  REQUIRE(a.ok());
  JsonWriter w;
  w.BeginObject();
  a->WriteJson(w);
  w.EndObject();
  CHECK(w.str().find("\"source\":\"thumbnail\"") != std::string::npos);
  CHECK(w.str().find("\"format\":\"heif\"") != std::string::npos);
}

TEST_CASE("HEIC limits are checked before decoding", "[heif][hostile]") {
  const auto b = Bytes(kFiles[0].file);
  DecodeOptions o;
  o.max_pixels = 12'000'000;  // 4032x3024 is 12.19 MP
  StatusOr<DecodedImage> d = Decode(b.data(), b.size(), o);
  REQUIRE(!d.ok());
  CHECK(d.status().code() == StatusCode::kTooLarge);
  CHECK(d.status().message().find("4032x3024") != std::string::npos);
}

TEST_CASE("Truncated and corrupted HEIC files fail with truncated / corrupt_data",
          "[heif][hostile]") {
  for (const char* file : {"camera/photoprism-formats/iphone_15_pro.heic",
                           "camera/exif-samples/mobile/HMD_Nokia_8.3_5G_hdr.heif",
                           "camera/exif-samples/mobile/samplefilehub.heif"}) {
    const auto full = Bytes(file);
    for (double keep : {0.02, 0.3, 0.6, 0.95}) {
      INFO(file << " cut to " << keep);
      std::vector<uint8_t> cut(full.begin(), full.begin() + static_cast<long>(full.size() * keep));
      StatusOr<DecodedImage> d = Decode(cut.data(), cut.size(), {});
      REQUIRE(!d.ok());
      CHECK(d.status().code() == StatusCode::kTruncated);
      CHECK(!d.status().message().empty());
    }
  }
  const auto good = Bytes("camera/exif-samples/mobile/samplefilehub.heif");
  // The container's item table overwritten: no primary image to find.
  {
    std::vector<uint8_t> bad = good;
    const std::string pitm = "pitm";
    auto at = std::search(bad.begin(), bad.end(), pitm.begin(), pitm.end());
    REQUIRE(at != bad.end());
    std::copy(pitm.rbegin(), pitm.rend(), at);  // "mtip"
    StatusOr<DecodedImage> d = Decode(bad.data(), bad.size(), {});
    REQUIRE(!d.ok());
    CHECK(d.status().code() == StatusCode::kCorruptData);
  }
  // Hostile edits anywhere: any status, never a crash (ASan run checks the rest).
  uint32_t s = 12345;
  for (int i = 0; i < 40; ++i) {
    std::vector<uint8_t> bad = good;
    for (int k = 0; k < 1 + i % 8; ++k) {
      s = s * 1664525u + 1013904223u;
      const size_t pos = (i < 20 ? (s >> 8) % 1024 : (s >> 8) % bad.size());
      bad[pos] ^= static_cast<uint8_t>(1 + (s >> 3) % 255);
    }
    StatusOr<DecodedImage> d = Decode(bad.data(), bad.size(), {});
    if (d.ok()) {
      CHECK(d->image.width() > 0);
    } else {
      CHECK(d.status().code() != StatusCode::kOk);
    }
  }
}

}  // namespace
}  // namespace gemroll
