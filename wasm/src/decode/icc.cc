#include <cmath>
#include <cstring>
#include <string>

#include "gemroll/decode.h"

namespace gemroll {
namespace {

uint32_t Be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// Finds a tag's payload; false if absent or out of bounds.
bool FindTag(const uint8_t* icc, size_t size, const char* sig, const uint8_t** data, size_t* len) {
  if (size < 132) return false;
  const uint32_t count = Be32(icc + 128);
  for (uint32_t i = 0; i < count && i < 256; ++i) {
    const size_t entry = 132 + static_cast<size_t>(i) * 12;
    if (entry + 12 > size) return false;
    if (std::memcmp(icc + entry, sig, 4) != 0) continue;
    const uint32_t off = Be32(icc + entry + 4), n = Be32(icc + entry + 8);
    if (off > size || n > size - off) return false;
    *data = icc + off;
    *len = n;
    return true;
  }
  return false;
}

std::string Description(const uint8_t* icc, size_t size) {
  const uint8_t* d;
  size_t n;
  if (!FindTag(icc, size, "desc", &d, &n) || n < 12) return "";
  std::string out;
  if (std::memcmp(d, "desc", 4) == 0) {  // ICC v2: counted ASCII
    const size_t len = std::min<size_t>(Be32(d + 8), n - 12);
    for (size_t i = 0; i < len && i < 64 && d[12 + i]; ++i) out += static_cast<char>(d[12 + i]);
  } else if (std::memcmp(d, "mluc", 4) == 0 && n >= 28) {  // ICC v4: UTF-16BE records
    const uint32_t len = Be32(d + 20), off = Be32(d + 24);
    if (off <= n && len <= n - off) {
      for (size_t i = 0; i + 1 < len && out.size() < 64; i += 2) {
        const uint16_t c = static_cast<uint16_t>((d[off + i] << 8) | d[off + i + 1]);
        out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '?';
      }
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\0')) out.pop_back();
  return out;
}

bool ReadXyz(const uint8_t* icc, size_t size, const char* sig, double xyz[3]) {
  const uint8_t* d;
  size_t n;
  if (!FindTag(icc, size, sig, &d, &n) || n < 20 || std::memcmp(d, "XYZ ", 4) != 0) return false;
  for (int i = 0; i < 3; ++i) xyz[i] = static_cast<int32_t>(Be32(d + 8 + 4 * i)) / 65536.0;
  return true;
}

}  // namespace

ColorSpace ClassifyIccProfile(const uint8_t* icc, size_t size, std::string* description) {
  const std::string desc = (icc && size >= 132) ? Description(icc, size) : "";
  if (description) *description = desc;
  if (desc.find("Display P3") != std::string::npos || desc.find("P3") == 0)
    return ColorSpace::kDisplayP3;
  if (desc.find("sRGB") != std::string::npos) return ColorSpace::kSrgb;
  if (desc.find("Adobe RGB") != std::string::npos) return ColorSpace::kAdobeRgb;
  if (desc.find("ProPhoto") != std::string::npos) return ColorSpace::kProPhoto;
  // Fall back to the D50-adapted red and green primaries, which identify the
  // common RGB spaces regardless of what the profile calls itself.
  double r[3], g[3];
  if (icc && ReadXyz(icc, size, "rXYZ", r) && ReadXyz(icc, size, "gXYZ", g)) {
    struct Known {
      ColorSpace cs;
      double rx, gx;
    };
    static constexpr Known kKnown[] = {
        {ColorSpace::kSrgb, 0.4361, 0.3851},
        {ColorSpace::kDisplayP3, 0.5151, 0.2920},
        {ColorSpace::kAdobeRgb, 0.6097, 0.2053},
        {ColorSpace::kProPhoto, 0.7977, 0.1352},
    };
    for (const Known& k : kKnown) {
      if (std::fabs(r[0] - k.rx) < 0.01 && std::fabs(g[0] - k.gx) < 0.01) return k.cs;
    }
  }
  return ColorSpace::kOtherIcc;
}

}  // namespace gemroll
