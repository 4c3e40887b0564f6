// One photo, start to finish: metadata, a scaled upright decode, metrics and
// hashes. This is what the CLI prints per file and what the wasm workers run.
#ifndef GEMROLL_ANALYZE_H_
#define GEMROLL_ANALYZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/exif.h"
#include "gemroll/features.h"
#include "gemroll/json.h"
#include "gemroll/metrics.h"

namespace gemroll {

struct AnalyzeOptions {
  DecodeOptions decode;
  MetricsOptions metrics;
  // Long side of the UI thumbnail kept in PhotoAnalysis::thumbnail; 0 = none.
  int thumbnail_long_side = 0;
  // Keep the analysis decode in PhotoAnalysis::image, for model tensors and
  // face crops made from it without decoding the file again.
  bool keep_image = false;
  // A first, provisional look (issue 16): analyse the small preview the file
  // carries (a JPEG's EXIF IFD1 thumbnail, a HEIF's thumbnail item) instead
  // of its image, so a roll gets provisional gems and moments in seconds.
  // The bytes may then be the file's start only (a JPEG's EXIF block and
  // frame header come first: a phone's within 32 KiB; HEIFs need the
  // whole file), and `file_size` says how big the whole file is; too few
  // bytes fail with kTruncated (read more and ask again). A file without a
  // preview fails with kUnsupported. Blur and exposure are not judged on a
  // preview (JudgeQuality), and records made from it are marked provisional.
  bool preview = false;
  uint64_t file_size = 0;  // preview: the whole file's size (0: the bytes given)
};

// The camera's own small rendering (the EXIF IFD1 thumbnail) compared with the
// pixels. An editor that keeps the EXIF block but changes the picture
// (brightens, crops, turns it) leaves the old thumbnail behind, so a thumbnail
// that disagrees is evidence of an edited copy, and one that agrees is
// evidence of the camera's original. Most files have no thumbnail: no evidence.
struct ThumbnailAgreement {
  enum class State : uint8_t { kAbsent = 0, kAgrees = 1, kUnsure = 2, kDiffers = 3 };
  State state = State::kAbsent;
  // Mean absolute difference of 16 x 16 RGB cell means, 0..1 (-1 when absent).
  float distance = -1;
  // The thumbnail's shape (black bands trimmed) is not the picture's: a crop
  // or a turn after the camera wrote it.
  bool shape_differs = false;
};

// Below `agree` the thumbnail is a rendering of these pixels (JPEG noise at
// 16 x 16 cells is ~0.01); above `differ` the pixels were changed after the
// camera wrote it (a +15 % brightness edit moves cell means by 0.04-0.08;
// cameras' own thumbnails measure up to ~0.03 on ../shared/data and the
// tuning half of tests/validation).
struct ThumbnailAgreementLimits {
  float agree = 0.03f;
  float differ = 0.045f;
};

// Decodes the EXIF thumbnail of `file` (a JPEG inside the EXIF block, turned
// by the EXIF orientation as the picture is) and compares it with `upright`,
// the picture's upright decode at any scale.
ThumbnailAgreement CompareExifThumbnail(const uint8_t* file, size_t size, const ExifData& exif,
                                        const ImageView& upright,
                                        const ThumbnailAgreementLimits& limits = {});

struct PhotoAnalysis {
  ImageFormat format = ImageFormat::kUnknown;
  uint64_t file_size = 0;
  uint64_t content_hash = 0;  // XXH64 of the file bytes: identical files, identical hash
  int width = 0, height = 0;  // full resolution, upright (orientation applied)
  int analysis_width = 0, analysis_height = 0;
  int scale_denom = 1;
  // Analysed from the file's thumbnail item (HEIC), not the image.
  bool from_thumbnail = false;
  // Analysed from the file's embedded preview (AnalyzeOptions::preview):
  // provisional until the image itself is analysed.
  bool preview = false;
  int orientation = 1;  // applied; from EXIF
  ColorSpace color_space = ColorSpace::kSrgb;
  bool icc_present = false;
  std::string icc_description;
  bool has_alpha = false;
  bool progressive = false;
  ExifData exif;
  ThumbnailAgreement exif_thumbnail;
  PhotoMetrics metrics;
  ContentFeatures features;  // pixel evidence for the verdicts (classify.h)
  Image thumbnail;           // RGBA, long side <= thumbnail_long_side (empty when 0)
  Image image;               // the upright analysis decode, with keep_image (else empty)
  std::vector<std::string> warnings;

  // Fields in the order the CLI prints them (no path/ok: the caller adds those).
  void WriteJson(JsonWriter& w) const;
};

StatusOr<PhotoAnalysis> AnalyzePhoto(const uint8_t* data, size_t size,
                                     const AnalyzeOptions& options = {});
// For pixels decoded outside the core; the record has no file facts (format
// "rgba", no size, hash or metadata).
StatusOr<PhotoAnalysis> AnalyzeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                    const AnalyzeOptions& options = {});
// For pixels a platform decoder (a browser's, for WebP/AVIF/GIF) made from the
// file `file`: the record also gets what the file says, as AnalyzePhoto gives
// it (format sniffed from the bytes, file size, content hash, EXIF). The
// pixels are taken as they come: orientation is what the decoder applied, so
// the record's `orientation` stays 1 and the EXIF value is only reported.
// A null or empty `file` is the overload above.
StatusOr<PhotoAnalysis> AnalyzeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                    const uint8_t* file, size_t file_size,
                                    const AnalyzeOptions& options = {});

// 64-bit XXH64 (seed 0) of a byte range.
uint64_t Xxh64(const uint8_t* data, size_t size, uint64_t seed = 0);

}  // namespace gemroll

#endif  // GEMROLL_ANALYZE_H_
