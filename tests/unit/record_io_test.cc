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
    WARN("corpus not found; skipped");
    return;
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

}  // namespace
}  // namespace gemroll
