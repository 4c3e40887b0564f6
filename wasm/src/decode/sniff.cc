#include <cstring>

#include "gemroll/decode.h"

namespace gemroll {

const char* ImageFormatName(ImageFormat f) {
  switch (f) {
    case ImageFormat::kJpeg:
      return "jpeg";
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kHeif:
      return "heif";
    case ImageFormat::kAvif:
      return "avif";
    case ImageFormat::kWebp:
      return "webp";
    case ImageFormat::kGif:
      return "gif";
    case ImageFormat::kBmp:
      return "bmp";
    case ImageFormat::kTiff:
      return "tiff";
    case ImageFormat::kRgba:
      return "rgba";
    case ImageFormat::kUnknown:
      break;
  }
  return "unknown";
}

const char* ColorSpaceName(ColorSpace c) {
  switch (c) {
    case ColorSpace::kSrgb:
      return "srgb";
    case ColorSpace::kDisplayP3:
      return "display-p3";
    case ColorSpace::kAdobeRgb:
      return "adobe-rgb";
    case ColorSpace::kProPhoto:
      return "prophoto-rgb";
    case ColorSpace::kOtherIcc:
      return "other-icc";
  }
  return "srgb";
}

ImageFormat SniffFormat(const uint8_t* d, size_t n) {
  auto starts = [&](size_t off, const char* magic, size_t len) {
    return n >= off + len && std::memcmp(d + off, magic, len) == 0;
  };
  if (starts(0, "\xFF\xD8\xFF", 3)) return ImageFormat::kJpeg;
  if (starts(0, "\x89PNG\r\n\x1A\n", 8)) return ImageFormat::kPng;
  if (starts(0, "GIF87a", 6) || starts(0, "GIF89a", 6)) return ImageFormat::kGif;
  if (starts(0, "RIFF", 4) && starts(8, "WEBP", 4)) return ImageFormat::kWebp;
  if (starts(0, "II*\0", 4) || starts(0, "MM\0*", 4)) return ImageFormat::kTiff;  // also DNG
  if (starts(0, "BM", 2) && n >= 26) return ImageFormat::kBmp;
  if (starts(4, "ftyp", 4) && n >= 12) {
    // ISO-BMFF: the major brand, then compatible brands, say what it holds.
    const size_t box = (static_cast<size_t>(d[0]) << 24) | (d[1] << 16) | (d[2] << 8) | d[3];
    const size_t end = std::min(n, std::max<size_t>(box, 12));
    bool heif = false, avif = false;
    for (size_t off = 8; off + 4 <= end; off += 4) {
      if (off == 12) continue;  // minor version
      if (std::memcmp(d + off, "avif", 4) == 0 || std::memcmp(d + off, "avis", 4) == 0) avif = true;
      for (const char* b : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"}) {
        if (std::memcmp(d + off, b, 4) == 0) heif = true;
      }
      if (off == 8 && avif) break;  // major brand decides
      if (off == 8 && heif) break;
    }
    if (avif) return ImageFormat::kAvif;
    if (heif) return ImageFormat::kHeif;
  }
  return ImageFormat::kUnknown;
}

}  // namespace gemroll
