// libFuzzer target: ExportJpeg on untrusted bytes (JPEG seeds; PNG and HEIF
// reach it too) with params taken from the input's last bytes, then the
// export decoded again: it must be a JPEG of the size ExportJpeg reported,
// whatever ICC and EXIF the source carried. The pixel limit is low so the
// fuzzer explores parsing and the metadata paths, not large allocations.
#include <cstddef>
#include <cstdint>

#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/exif.h"
#include "gemroll/export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  const uint8_t* tail = data + size - 4;
  gemroll::EditParams p;
  p.exposure_ev = (tail[0] % 9) * 0.5f - 2;
  p.look = static_cast<gemroll::Look>(tail[1] % gemroll::kNumLooks);
  p.look_strength = (tail[1] >> 4) / 15.0f;
  if (tail[2] & 1) p.crop = {0.1f, 0.2f, 0.5f, 0.6f};
  if (tail[2] & 2) p.straighten_deg = static_cast<float>(tail[3] % 91) - 45;
  gemroll::ExportOptions opt;
  opt.quality = 1 + tail[3] % 100;
  opt.keep_location = (tail[2] & 4) != 0;
  opt.limits.max_pixels = 1'000'000;
  gemroll::EditSource src;
  src.file = data;
  src.file_size = size;
  auto out = gemroll::ExportJpeg(src, p, opt);
  if (!out.ok()) return 0;
  gemroll::DecodeOptions d;
  d.min_short_side = 0;
  auto back = gemroll::Decode(out->jpeg.data(), out->jpeg.size(), d);
  if (!back.ok() || back->format != gemroll::ImageFormat::kJpeg ||
      back->image.width() != out->width || back->image.height() != out->height) {
    __builtin_trap();
  }
  auto exif = gemroll::ReadMetadata(out->jpeg.data(), out->jpeg.size());
  if (!exif.ok() || exif->orientation != 1 || (!opt.keep_location && exif->gps.present)) {
    __builtin_trap();
  }
  return 0;
}
