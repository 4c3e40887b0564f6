// libFuzzer target: a preview analysis (AnalyzeOptions::preview) on untrusted
// bytes: the JPEG marker walk to the frame header, the EXIF block and its
// IFD1 thumbnail, or a HEIF's thumbnail item, then metrics and features on
// whatever came out. The last byte says how much bigger the whole file
// claims to be, so the bytes are also read as a prefix of it.
#include <cstddef>
#include <cstdint>

#include "gemroll/analyze.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gemroll::AnalyzeOptions opt;
  opt.preview = true;
  opt.decode.max_pixels = 16'000'000;
  opt.file_size = size > 0 ? size + size_t{data[size - 1]} * 4096 : 0;
  opt.thumbnail_long_side = 64;
  auto a = gemroll::AnalyzePhoto(data, size, opt);
  if (!a.ok()) return 0;
  if (!a->preview || a->analysis_width < 1 || a->analysis_height < 1) __builtin_trap();
  if (a->file_size < size) __builtin_trap();
  return 0;
}
