// The last stage of an edit: replays committed EditParams on the original
// file's pixels, at full resolution for an export (a new JPEG through
// libjpeg-turbo, with the capture date kept, orientation baked into the
// pixels, GPS dropped unless asked for and the ICC profile carried) or at a
// target size for a preview. The original bytes are only read.
#ifndef GEMROLL_EXPORT_H_
#define GEMROLL_EXPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/limits.h"
#include "gemroll/status.h"

namespace gemroll {

// Where the pixels come from: the file's bytes, decoded by the core (JPEG,
// PNG, HEIC), or upright RGBA8 pixels decoded elsewhere (the browser's WebP,
// AVIF and GIF decoders) with the file's bytes, if any, for its metadata.
struct EditSource {
  const uint8_t* file = nullptr;
  size_t file_size = 0;
  ImageView rgba;  // empty: decode `file`
};

// Limits shared by every entry point, checked before pixels are allocated.
struct EditLimits {
  uint64_t max_pixels = kMaxInputPixels;  // of the source image
  uint64_t max_bytes = kMaxInputBytes;
};

struct ExportOptions {
  int quality = 90;           // JPEG quality 1..100
  bool subsample_420 = true;  // 4:2:0 chroma; false = 4:4:4 (larger, sharper colour edges)
  // GPS position is private and dropped from anything exported unless this
  // is set. The capture date and camera fields are always kept.
  bool keep_location = false;
  EditLimits limits;
};

struct ExportResult {
  std::vector<uint8_t> jpeg;
  int width = 0, height = 0;  // of the exported image
  ImageFormat source_format = ImageFormat::kUnknown;
  int source_orientation = 1;      // EXIF orientation that was baked into the pixels
  std::string date_time_original;  // as written ("" when the source had none)
  bool location_kept = false;      // GPS written (keep_location and the source had one)
  bool icc_profile = false;        // the source's ICC profile was embedded
  ColorSpace color_space = ColorSpace::kSrgb;
  bool alpha_flattened = false;  // transparent pixels composited onto white
  std::vector<std::string> warnings;
  // {width, height, sourceFormat, sourceOrientation, dateTimeOriginal,
  //  locationKept, iccProfile, colorSpace, alphaFlattened, warnings}; no bytes.
  void WriteJson(JsonWriter& w) const;
};

// Decodes `source` at full resolution (EXIF orientation applied, accurate
// IDCT), applies `params` (committed again here), encodes a JPEG and writes
// EXIF with BuildExifApp1: DateTimeOriginal (+ offset, sub-seconds) and the
// camera fields kept, Orientation 1, PixelX/YDimension of the export, GPS
// only with keep_location. An embedded ICC profile (JPEG, HEIC) is copied
// into APP2 segments; pixels are not converted. Alpha is composited onto
// white. Bad bytes fail with the decoder's Status; bad params with
// kInvalidArgument / kUnsupported.
StatusOr<ExportResult> ExportJpeg(const EditSource& source, const EditParams& params,
                                  const ExportOptions& options = {});

struct RenderOptions {
  // Long side of the rendered result, in pixels; 0 = full resolution (the
  // pixels ExportJpeg encodes). JPEGs decode at the smallest DCT scale that
  // still reaches it, so a preview costs a fraction of a full decode.
  int long_side = 1024;
  EditLimits limits;
};

struct RenderResult {
  Image image;  // RGBA8, upright, edited, long side <= long_side
  // What the full-resolution export of the same params measures.
  int full_width = 0, full_height = 0;
  ImageFormat source_format = ImageFormat::kUnknown;
};

StatusOr<RenderResult> RenderEdit(const EditSource& source, const EditParams& params,
                                  const RenderOptions& options = {});

// AutoEnhance on a decode of `source` at analysis scale.
StatusOr<AutoEnhanceResult> AutoEnhanceSource(const EditSource& source,
                                              const EditLimits& limits = {});

// A keep box in pixels of the upright full-resolution image (as the face
// detector reports them), or relative (0..1) when `relative` is set.
struct KeepBox {
  double x = 0, y = 0, width = 0, height = 0;
  bool relative = false;
};

// SmartCrop on a decode of `source` at analysis scale; keep boxes are
// converted to relative units and clipped to the image (a box entirely
// outside it is an error). The result's pixel rectangle is given in pixels of
// the upright full-resolution image.
StatusOr<SmartCropResult> SmartCropSource(const EditSource& source, CropAspect aspect,
                                          const std::vector<KeepBox>& keep,
                                          const EditLimits& limits = {});

// "1:1", "4:5", "9:16", "16:9" -> CropAspect; false when unknown.
bool CropAspectFromName(std::string_view name, CropAspect* out);

}  // namespace gemroll

#endif  // GEMROLL_EXPORT_H_
