// libFuzzer target: the edit-parameter JSON parser (edits come from storage
// and URLs), then what is done with its result: commit again, serialise and
// re-parse (must round-trip), the output size, and a render of a small image.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gemroll/edit.h"
#include "gemroll/image.h"

namespace {

gemroll::Image MakeCard(int w, int h) {
  gemroll::Image img =
      std::move(gemroll::Image::Create(w, h, gemroll::PixelFormat::kRGBA8)).value();
  for (int y = 0; y < h; ++y) {
    uint8_t* row = img.Row(y);
    for (int x = 0; x < w; ++x) {
      row[4 * x] = static_cast<uint8_t>(x * 16);
      row[4 * x + 1] = static_cast<uint8_t>(y * 16);
      row[4 * x + 2] = static_cast<uint8_t>((x ^ y) * 16);
      row[4 * x + 3] = 255;
    }
  }
  return img;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  auto parsed = gemroll::ParseEditParams(json);
  if (!parsed.ok()) return 0;
  const gemroll::EditParams& p = *parsed;

  // Committing a committed value changes nothing.
  auto again = gemroll::CommitEdit(p);
  if (!again.ok()) __builtin_trap();
  const std::string out = p.ToJson();
  if (again->ToJson() != out) __builtin_trap();
  // What was written parses back to the same value.
  auto back = gemroll::ParseEditParams(out);
  if (!back.ok() || back->ToJson() != out) __builtin_trap();

  static const gemroll::Image card = MakeCard(16, 16);
  int w = 0, h = 0;
  gemroll::EditOutputSize(p, card.width(), card.height(), &w, &h);
  if (w < 1 || h < 1 || w > card.width() || h > card.height()) __builtin_trap();
  gemroll::Image rendered;
  if (!gemroll::ApplyEdit(card, p, &rendered).ok()) __builtin_trap();
  if (rendered.width() != w || rendered.height() != h) __builtin_trap();
  return 0;
}
