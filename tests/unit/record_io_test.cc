// The binary record form must curate exactly like the record it came from:
// the JS package builds records in workers and curates them elsewhere.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "gemroll/curate.h"
#include "test_util.h"

namespace gemroll {
namespace {

std::string SuggestionsJson(const std::vector<PhotoRecord>& records) {
  CurateOptions o;
  o.today = "2026-01-01";
  JsonWriter w;
  WriteSuggestionsJson(records, Curate(records, o), w);
  return w.str();
}

TEST_CASE("record round trip: same suggestions, malformed bytes rejected", "[curate][record_io]") {
  namespace fs = std::filesystem;
  const fs::path dir = gemroll::testing::DataDir() / "camera" / "exif-samples" / "gps";
  if (!fs::is_directory(dir)) {
    FAIL("corpus not found: " << dir.string());
  }
  std::vector<fs::path> files;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<PhotoRecord> original, decoded;
  std::vector<uint8_t> first;
  for (const fs::path& p : files) {
    const std::vector<uint8_t> b = gemroll::testing::ReadBytes(p);
    original.push_back(RecordFromBytes(p.filename().string(), b.data(), b.size()));
    REQUIRE(original.back().status.ok());
    const std::vector<uint8_t> blob = EncodePhotoRecord(original.back());
    if (first.empty()) first = blob;
    StatusOr<PhotoRecord> r = DecodePhotoRecord(original.back().path, blob.data(), blob.size());
    REQUIRE(r.ok());
    decoded.push_back(std::move(r).value());
  }
  REQUIRE(!original.empty());
  CHECK(SuggestionsJson(decoded) == SuggestionsJson(original));

  // Every truncation and a flipped version fail cleanly.
  for (size_t n = 0; n < first.size(); ++n) {
    CHECK(!DecodePhotoRecord("x", first.data(), n).ok());
  }
  std::vector<uint8_t> longer = first;
  longer.push_back(0);
  CHECK(!DecodePhotoRecord("x", longer.data(), longer.size()).ok());
  std::vector<uint8_t> other = first;
  other[4] ^= 0xff;
  CHECK(DecodePhotoRecord("x", other.data(), other.size()).status().code() ==
        StatusCode::kCorruptData);
}

// Bytes written by the version 1 encoder (before faces), for a small
// synthetic record: caches hold such records and must still read them.
constexpr uint8_t kVersion1Record[] = {
    0x47, 0x52, 0x52, 0x31, 0x01, 0x00, 0x00, 0x00, 0x01, 0x40, 0xe2, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01, 0xc0, 0x0f, 0x00, 0x00, 0xd0, 0x0b, 0x00,
    0x00, 0x01, 0x13, 0x00, 0x00, 0x00, 0x32, 0x30, 0x32, 0x34, 0x3a, 0x30, 0x35, 0x3a, 0x30, 0x34,
    0x20, 0x31, 0x30, 0x3a, 0x30, 0x30, 0x3a, 0x30, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00,
    0x00, 0x43, 0x61, 0x6e, 0x6f, 0x6e, 0x03, 0x00, 0x00, 0x00, 0x45, 0x4f, 0x53, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x01, 0x8f, 0xc2, 0xf5, 0x28, 0x5c, 0x2f, 0x4a, 0x40, 0x8f, 0xc2, 0xf5, 0x28, 0x5c, 0x8f,
    0x13, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x33, 0x33, 0x33, 0x3f, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xcd, 0xcc, 0x4c, 0x3e, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x20, 0x42, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x99, 0x66, 0x33, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x88,
    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x88,
    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x89, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8a,
    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8b, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8c,
    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8d, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8e,
    0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x8f, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00,
    0x02, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x66, 0x66, 0x66, 0x3f, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x63, 0x61, 0x6d, 0x65, 0x72, 0x61, 0x5f,
    0x6d, 0x61, 0x6b, 0x65, 0x13, 0x00, 0x00, 0x00, 0x63, 0x61, 0x6d, 0x65, 0x72, 0x61, 0x20, 0x6d,
    0x61, 0x6b, 0x65, 0x20, 0x69, 0x6e, 0x20, 0x45, 0x58, 0x49, 0x46, 0x00, 0x00, 0xc0, 0x3f, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xcd, 0xcc, 0x4c, 0x3f, 0x00, 0x00, 0x00, 0x00,
};

TEST_CASE("record version 1 (no faces) still decodes", "[curate][record_io]") {
  StatusOr<PhotoRecord> r = DecodePhotoRecord("old.jpg", kVersion1Record, sizeof kVersion1Record);
  REQUIRE(r.ok());
  CHECK(r->path == "old.jpg");
  CHECK(r->width == 4032);
  CHECK(r->height == 3024);
  CHECK(r->content_hash == 0x0123456789abcdefull);
  CHECK(r->exif.make == "Canon");
  CHECK(r->exif.date_time_original == "2024:05:04 10:00:00");
  CHECK(r->exif.gps.latitude == 52.37);
  CHECK(r->metrics.phash == 0x1122334455667788ull);
  REQUIRE(r->metrics.colors.dominant.size() == 1);
  CHECK(r->metrics.colors.dominant[0].rgb == 0x336699u);
  REQUIRE(r->kind.reasons.size() == 1);
  CHECK(r->kind.reasons[0].code == "camera_make");
  CHECK(r->quality.technical == 0.8f);
  CHECK(!r->faces_ran);
  CHECK(r->faces.empty());
  // Re-encoded, it is a current-version record that curates the same.
  const std::vector<uint8_t> now = EncodePhotoRecord(*r);
  CHECK(now[4] == 5);
  StatusOr<PhotoRecord> again = DecodePhotoRecord("old.jpg", now.data(), now.size());
  REQUIRE(again.ok());
  CHECK(SuggestionsJson({*again}) == SuggestionsJson({*r}));
  // Truncated old records fail like new ones.
  for (size_t n = 0; n < sizeof kVersion1Record; n += 7) {
    CHECK(!DecodePhotoRecord("x", kVersion1Record, n).ok());
  }
}

TEST_CASE("record round trip keeps faces, region sharpness and provisional",
          "[curate][record_io]") {
  PhotoRecord r;
  r.path = "p.jpg";
  r.format = ImageFormat::kJpeg;
  r.width = 100;
  r.height = 80;
  r.faces_ran = true;
  for (int k = 0; k < 3; ++k) {
    FaceEvidence f;
    f.x = 0.1f * k;
    f.y = 0.2f;
    f.width = 0.15f;
    f.height = 0.2f;
    f.score = 0.9f - 0.1f * k;
    f.eyes_open = k == 1 ? -1.f : 0.8f;
    f.smile = k == 2 ? 0.3f : -1.f;
    f.sharpness = 0.5f + 0.1f * k;
    f.sharpness_vs_frame = 1.5f;
    r.faces.push_back(f);
  }
  r.exif_thumbnail.state = ThumbnailAgreement::State::kDiffers;
  r.exif_thumbnail.distance = 0.07f;
  r.exif_thumbnail.shape_differs = true;
  for (int t = 0; t < 16; ++t) r.metrics.region_sharpness.push_back(0.05f * t);
  r.provisional = true;
  const std::vector<uint8_t> blob = EncodePhotoRecord(r);
  StatusOr<PhotoRecord> d = DecodePhotoRecord("p.jpg", blob.data(), blob.size());
  REQUIRE(d.ok());
  CHECK(d->faces_ran);
  REQUIRE(d->faces.size() == 3);
  for (int k = 0; k < 3; ++k) {
    const FaceEvidence& a = r.faces[k];
    const FaceEvidence& b = d->faces[k];
    CHECK((a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height &&
           a.score == b.score && a.eyes_open == b.eyes_open && a.smile == b.smile &&
           a.sharpness == b.sharpness && a.sharpness_vs_frame == b.sharpness_vs_frame));
  }
  CHECK(d->exif_thumbnail.state == ThumbnailAgreement::State::kDiffers);
  CHECK(d->exif_thumbnail.distance == 0.07f);
  CHECK(d->exif_thumbnail.shape_differs);
  CHECK(d->metrics.region_sharpness == r.metrics.region_sharpness);
  CHECK(d->provisional);
  CHECK(SuggestionsJson({*d}) == SuggestionsJson({r}));
  CHECK(SuggestionsJson({*d}).find("\"provisional\":true") != std::string::npos);
  for (size_t n = 0; n < blob.size(); ++n) CHECK(!DecodePhotoRecord("x", blob.data(), n).ok());
  // The provisional byte last; before it the region trailer: a count and 16
  // floats; before that the thumbnail trailer: 1 state byte, a float
  // distance, 1 shape byte.
  constexpr size_t kProvisionalBytes = 1;
  constexpr size_t kRegionBytes = 4 + 16 * sizeof(float) + kProvisionalBytes;
  constexpr size_t kThumbnailBytes = 1 + sizeof(float) + 1;
  // A face count past the limit is corrupt, not an allocation.
  std::vector<uint8_t> bad = blob;
  const size_t count_at = blob.size() - kRegionBytes - kThumbnailBytes - 3 * 9 * sizeof(float) - 4;
  bad[count_at + 3] = 0x7f;
  CHECK(!DecodePhotoRecord("x", bad.data(), bad.size()).ok());
  // So is a region count past the largest grid.
  bad = blob;
  bad[blob.size() - kRegionBytes + 3] = 0x7f;

  CHECK(!DecodePhotoRecord("x", bad.data(), bad.size()).ok());
  // And a thumbnail state past the last one.
  bad = blob;
  bad[blob.size() - kRegionBytes - kThumbnailBytes] = 9;
  CHECK(!DecodePhotoRecord("x", bad.data(), bad.size()).ok());
  // A version 4 record (before the provisional flag) reads as a final one.
  std::vector<uint8_t> v4(blob.begin(), blob.end() - kProvisionalBytes);
  v4[4] = 4;
  StatusOr<PhotoRecord> v4r = DecodePhotoRecord("p.jpg", v4.data(), v4.size());
  REQUIRE(v4r.ok());
  CHECK(!v4r->provisional);
  CHECK(v4r->metrics.region_sharpness == r.metrics.region_sharpness);
  // A version 3 record (before region sharpness) reads as one without it.
  std::vector<uint8_t> v3(blob.begin(), blob.end() - kRegionBytes);
  v3[4] = 3;
  StatusOr<PhotoRecord> v3r = DecodePhotoRecord("p.jpg", v3.data(), v3.size());
  REQUIRE(v3r.ok());
  CHECK(v3r->metrics.region_sharpness.empty());
  CHECK(v3r->exif_thumbnail.state == ThumbnailAgreement::State::kDiffers);
  // A version 2 record (before the thumbnail evidence) reads as one without it.
  std::vector<uint8_t> v2(blob.begin(), blob.end() - kRegionBytes - kThumbnailBytes);
  v2[4] = 2;
  StatusOr<PhotoRecord> old = DecodePhotoRecord("p.jpg", v2.data(), v2.size());
  REQUIRE(old.ok());
  CHECK(old->faces.size() == 3);
  CHECK(old->exif_thumbnail.state == ThumbnailAgreement::State::kAbsent);
}

}  // namespace
}  // namespace gemroll
