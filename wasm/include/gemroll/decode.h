// Turns untrusted file bytes into a small, upright RGBA analysis image: the
// format is sniffed from the bytes, limits are checked before any allocation,
// JPEGs are decoded at a reduced DCT scale so the work tracks the output size,
// and HEICs through their thumbnail item when it is large enough.
#ifndef GEMROLL_DECODE_H_
#define GEMROLL_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/image.h"
#include "gemroll/limits.h"
#include "gemroll/status.h"

namespace gemroll {

enum class ImageFormat : uint8_t {
  kUnknown,
  kJpeg,
  kPng,
  kHeif,
  kAvif,
  kWebp,
  kGif,
  kBmp,
  kTiff,
  kRgba,
};
// Lowercase name used in JSON: "jpeg", "png", "heif", ...
const char* ImageFormatName(ImageFormat f);
// Looks only at the leading bytes; never at a file name.
ImageFormat SniffFormat(const uint8_t* data, size_t size);

// What an embedded ICC profile (or its absence) says about the pixels.
enum class ColorSpace : uint8_t {
  kSrgb,       // sRGB profile, or no profile (assumed sRGB)
  kDisplayP3,  // Apple / DCI Display P3 primaries (iPhone photos)
  kAdobeRgb,
  kProPhoto,
  kOtherIcc,  // a profile we do not classify
};
const char* ColorSpaceName(ColorSpace c);

struct DecodeOptions {
  // Smallest short side wanted for analysis. JPEGs pick the smallest DCT scale
  // (1/8, 1/4, 1/2, 1) whose short side reaches this; other formats are
  // box-downscaled by an integer factor; HEIF files decode their thumbnail
  // item instead of the image when its short side reaches this. 360 lets a
  // 12 MP phone photo (4032x3024) decode at 1/8 (504x378). 0 means full size.
  int min_short_side = 360;
  // > 0: also enough when the long side reaches this (a model tensor that
  // letterboxes the photo into N x N needs N on the long side only), so the
  // short side wanted is the smaller of the two (ShortSideWanted).
  int min_long_side = 0;
  // Limits checked before allocating pixels.
  uint64_t max_pixels = kMaxInputPixels;
  uint64_t max_bytes = kMaxInputBytes;
  // EXIF orientation (1..8) to apply; 0 or 1 leaves pixels as stored. HEIF
  // files use their own rotation/mirroring (irot/imir) instead, and this only
  // where they have none.
  int orientation = 0;
  // Fast integer IDCT and plain chroma upsampling: indistinguishable at
  // analysis scale and noticeably cheaper. Export paths turn this off.
  bool fast = true;
  // Abort progressive JPEGs with more scans than this (a known DoS pattern).
  int max_progressive_scans = 256;
  // Keep the embedded ICC profile's bytes in DecodedImage::icc_profile (JPEG,
  // HEIF), for exports that carry it over.
  bool keep_icc_profile = false;
  // HEIF: decode the file's thumbnail item whatever its size (the smallest
  // usable one), and fail with kUnsupported where there is none, never the
  // image. A preview analysis (AnalyzeOptions::preview) asks for this.
  bool thumbnail_only = false;
};

// The short side a decoder reduces a w x h image to at least (0: full size):
// min_short_side, or less where min_long_side is reached first.
inline int ShortSideWanted(const DecodeOptions& o, int w, int h) {
  const int lo = w < h ? w : h, hi = w < h ? h : w;
  if (o.min_long_side <= 0 || lo <= 0) return o.min_short_side;
  const int by_long = static_cast<int>((static_cast<int64_t>(o.min_long_side) * lo + hi - 1) / hi);
  return o.min_short_side <= 0 || by_long < o.min_short_side ? by_long : o.min_short_side;
}

struct DecodedImage {
  Image image;  // RGBA8, orientation applied
  ImageFormat format = ImageFormat::kUnknown;
  int width = 0, height = 0;                  // full-resolution size as stored in the file
  int upright_width = 0, upright_height = 0;  // full-resolution size after orientation
  int scale_denom = 1;                        // the analysis image is ~1/scale_denom of full size
  int orientation = 1;                        // the orientation that was applied
  // Decoded from the file's thumbnail item (HEIF), not the image.
  bool from_thumbnail = false;
  int channels = 0;  // in the file: 1 gray, 2 gray+alpha, 3 colour, 4 CMYK/RGBA
  int bit_depth = 8;
  bool has_alpha = false;
  bool progressive = false;  // JPEG progressive or PNG interlaced
  ColorSpace color_space = ColorSpace::kSrgb;
  bool icc_present = false;
  std::string icc_description;        // "Display P3", "sRGB IEC61966-2.1", ... (ASCII, capped)
  std::vector<uint8_t> icc_profile;   // with DecodeOptions::keep_icc_profile
  std::vector<std::string> warnings;  // decoder complaints that did not stop decoding
};

StatusOr<DecodedImage> Decode(const uint8_t* data, size_t size, const DecodeOptions& options = {});

// Pixels decoded elsewhere (the browser's decoder for WebP/AVIF/GIF) enter here.
StatusOr<DecodedImage> DecodeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                  const DecodeOptions& options = {});

// Rotates/mirrors per EXIF orientation 1..8 into a new image.
StatusOr<Image> ApplyOrientation(const ImageView& src, int orientation);

// Classifies an ICC profile by its description and red/green primaries.
ColorSpace ClassifyIccProfile(const uint8_t* icc, size_t size, std::string* description);

}  // namespace gemroll

#endif  // GEMROLL_DECODE_H_
