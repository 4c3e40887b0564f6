// libFuzzer target: the HEIF decoder (our box walker for irot/imir/iloc, then
// libheif + libde265) on untrusted bytes, then the metrics on its output.
// Limits are lowered so the fuzzer explores parsing, not allocation of huge
// (legitimately refused) images; the thumbnail path is taken on odd inputs.
#include <cstddef>
#include <cstdint>

#include "gemroll/decode.h"
#include "gemroll/metrics.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (gemroll::SniffFormat(data, size) != gemroll::ImageFormat::kHeif) return 0;
  gemroll::DecodeOptions opt;
  opt.max_pixels = 16'000'000;
  opt.orientation = size > 0 ? 1 + data[size - 1] % 8 : 1;
  opt.min_short_side = (size & 1) ? 64 : 360;
  auto decoded = gemroll::Decode(data, size, opt);
  if (!decoded.ok()) return 0;
  const gemroll::ImageView v = decoded->image.View();
  if (v.width < 1 || v.height < 1) __builtin_trap();
  if (v.width >= 8 && v.height >= 8) (void)gemroll::ComputeMetrics(v);
  return 0;
}
