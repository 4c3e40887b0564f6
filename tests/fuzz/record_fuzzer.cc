// libFuzzer target: the binary curation record (record_io.cc) on untrusted
// bytes (the package keeps records in a cache that can be damaged), then
// curation and the suggestions writer on what decoded, faces included, so
// NaN or out-of-range floats from corrupt bytes must not crash either.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gemroll/curate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = gemroll::DecodePhotoRecord("a.jpg", data, size);
  if (!r.ok()) return 0;
  // Two copies make a group (identical bytes), so the best-member code runs.
  std::vector<gemroll::PhotoRecord> records = {*r, *r};
  records[1].path = "b.jpg";
  gemroll::CurateOptions o;
  o.today = "2026-01-01";
  const gemroll::Suggestions s = gemroll::Curate(records, o);
  gemroll::JsonWriter w;
  gemroll::WriteSuggestionsJson(records, s, w);
  // Re-encoding what decoded gives bytes that decode again.
  const std::vector<uint8_t> again = gemroll::EncodePhotoRecord(*r);
  if (!gemroll::DecodePhotoRecord("a.jpg", again.data(), again.size()).ok()) __builtin_trap();
  return 0;
}
