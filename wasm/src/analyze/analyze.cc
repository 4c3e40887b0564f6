#include "gemroll/analyze.h"

#include <algorithm>
#include <utility>

namespace gemroll {
namespace {

Status Finish(DecodedImage&& decoded, const AnalyzeOptions& opt, PhotoAnalysis* a) {
  a->format = decoded.format;
  a->width = decoded.upright_width;
  a->height = decoded.upright_height;
  a->analysis_width = decoded.image.width();
  a->analysis_height = decoded.image.height();
  a->scale_denom = decoded.scale_denom;
  a->from_thumbnail = decoded.from_thumbnail;
  a->orientation = decoded.orientation;
  a->color_space = decoded.color_space;
  a->icc_present = decoded.icc_present;
  a->icc_description = std::move(decoded.icc_description);
  a->has_alpha = decoded.has_alpha;
  a->progressive = decoded.progressive;
  for (std::string& w : decoded.warnings) a->warnings.push_back(std::move(w));
  GEMROLL_ASSIGN_OR_RETURN(a->metrics, ComputeMetrics(decoded.image.View(), opt.metrics));
  a->features = ComputeContentFeatures(decoded.image.View());
  if (opt.thumbnail_long_side > 0) {
    GEMROLL_ASSIGN_OR_RETURN(a->thumbnail,
                             MakeThumbnail(decoded.image.View(), opt.thumbnail_long_side));
  }
  if (opt.keep_image) a->image = std::move(decoded.image);
  return Status::Ok();
}

// Size, hash and metadata of the file itself. Metadata problems never cost
// the photo: they become warnings. A preview may see the file's start only:
// its hash is then of those bytes, seeded with the whole size (files that
// agree in both are copies for a provisional look).
Status ReadFileFacts(const uint8_t* data, size_t size, const AnalyzeOptions& opt,
                     PhotoAnalysis* a) {
  const bool prefix = opt.preview && opt.file_size > size;
  a->file_size = prefix ? opt.file_size : size;
  if (size == 0) return Status(StatusCode::kEmpty, "file is empty (0 bytes)");
  if (a->file_size > opt.decode.max_bytes) return TooLarge("file is over the byte limit");
  a->content_hash = prefix ? Xxh64(data, size, a->file_size) : Xxh64(data, size);
  StatusOr<ExifData> exif = ReadMetadata(data, size);
  if (exif.ok()) {
    a->exif = std::move(exif).value();
    for (const std::string& w : a->exif.warnings) a->warnings.push_back("EXIF: " + w);
  } else {
    a->warnings.push_back("EXIF unreadable: " + exif.status().message());
  }
  return Status::Ok();
}

// The main image's stored size from a JPEG's frame header (SOFn), walking
// the marker segments from its start; false when the bytes end first.
bool JpegFrameSize(const uint8_t* data, size_t size, int* width, int* height) {
  if (size < 4 || data[0] != 0xFF || data[1] != 0xD8) return false;
  size_t at = 2;
  while (at + 4 <= size) {
    if (data[at] != 0xFF) return false;
    const uint8_t marker = data[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    const size_t length = (size_t{data[at + 2]} << 8) | data[at + 3];
    if (length < 2) return false;
    const bool sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (length < 7 || at + 9 > size) return false;
      *height = (data[at + 5] << 8) | data[at + 6];
      *width = (data[at + 7] << 8) | data[at + 8];
      return *width > 0 && *height > 0;
    }
    if (marker == 0xDA || marker == 0xD9) return false;  // scan data before any frame
    at += 2 + length;
  }
  return false;
}

// AnalyzeOptions::preview: the file's own small rendering, analysed as the
// picture. JPEG: the EXIF IFD1 thumbnail (black padding bands left in: the
// metrics see a camera's thumbnail as it is); HEIF: the thumbnail item.
StatusOr<DecodedImage> DecodePreview(const uint8_t* data, size_t size, const PhotoAnalysis& a,
                                     const DecodeOptions& base) {
  const ImageFormat format = SniffFormat(data, size);
  DecodeOptions dopt = base;
  dopt.orientation = a.exif.orientation;
  if (format == ImageFormat::kHeif) {
    dopt.thumbnail_only = true;
    return Decode(data, size, dopt);
  }
  if (format != ImageFormat::kJpeg) {
    return Status(StatusCode::kUnsupported, "no embedded preview in this format");
  }
  // The frame header comes after the EXIF block: bytes that hold it hold
  // the whole EXIF block too, so a missing thumbnail is missing, not cut off.
  int width = 0, height = 0;
  if (!JpegFrameSize(data, size, &width, &height)) {
    return Status(StatusCode::kTruncated, "no JPEG frame header in the bytes read");
  }
  const ExifData& e = a.exif;
  if (e.thumbnail_length == 0) return Status(StatusCode::kUnsupported, "no EXIF thumbnail");
  if (e.thumbnail_offset >= size || e.thumbnail_length > size - e.thumbnail_offset) {
    return Status(StatusCode::kTruncated, "EXIF thumbnail runs past the bytes read");
  }
  const uint8_t* bytes = data + e.thumbnail_offset;
  const size_t length = static_cast<size_t>(e.thumbnail_length);
  if (SniffFormat(bytes, length) != ImageFormat::kJpeg) {
    return Status(StatusCode::kUnsupported, "EXIF thumbnail is not a JPEG");
  }
  dopt.min_short_side = 0;
  dopt.min_long_side = 0;
  dopt.max_pixels = 1 << 20;  // thumbnails are ~160 x 120; anything far larger is not one
  dopt.max_bytes = length;
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage d, Decode(bytes, length, dopt));
  // The file's facts, not the thumbnail's.
  const bool swap = d.orientation >= 5;
  d.format = ImageFormat::kJpeg;
  d.width = width;
  d.height = height;
  d.upright_width = swap ? height : width;
  d.upright_height = swap ? width : height;
  const int short_full = std::min(d.upright_width, d.upright_height);
  const int short_thumb = std::max(1, std::min(d.image.width(), d.image.height()));
  d.scale_denom = std::max(1, (short_full + short_thumb / 2) / short_thumb);
  d.from_thumbnail = true;
  d.icc_present = false;  // the thumbnail's own colour tags say nothing of the picture
  return d;
}

}  // namespace

StatusOr<PhotoAnalysis> AnalyzePhoto(const uint8_t* data, size_t size, const AnalyzeOptions& opt) {
  PhotoAnalysis a;
  GEMROLL_RETURN_IF_ERROR(ReadFileFacts(data, size, opt, &a));
  if (opt.preview) {
    GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded, DecodePreview(data, size, a, opt.decode));
    a.preview = true;
    GEMROLL_RETURN_IF_ERROR(Finish(std::move(decoded), opt, &a));
    return a;
  }
  DecodeOptions dopt = opt.decode;
  dopt.orientation = a.exif.orientation;
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded, Decode(data, size, dopt));
  a.exif_thumbnail = CompareExifThumbnail(data, size, a.exif, decoded.image.View());
  GEMROLL_RETURN_IF_ERROR(Finish(std::move(decoded), opt, &a));
  return a;
}

StatusOr<PhotoAnalysis> AnalyzeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                    const AnalyzeOptions& opt) {
  return AnalyzeRgba(rgba, width, height, stride, nullptr, 0, opt);
}

StatusOr<PhotoAnalysis> AnalyzeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                    const uint8_t* file, size_t file_size,
                                    const AnalyzeOptions& opt) {
  PhotoAnalysis a;
  const bool has_file = file != nullptr && file_size > 0;
  if (has_file) GEMROLL_RETURN_IF_ERROR(ReadFileFacts(file, file_size, opt, &a));
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded,
                           DecodeRgba(rgba, width, height, stride, opt.decode));
  GEMROLL_RETURN_IF_ERROR(Finish(std::move(decoded), opt, &a));
  if (has_file) {
    const ImageFormat format = SniffFormat(file, file_size);
    if (format != ImageFormat::kUnknown) a.format = format;
  }
  return a;
}

void PhotoAnalysis::WriteJson(JsonWriter& w) const {
  w.Field("format", std::string(ImageFormatName(format)));
  w.Field("fileSize", file_size);
  w.Key("contentHash").Hex64(content_hash);
  w.Field("width", width).Field("height", height);
  w.Key("analysis")
      .BeginObject()
      .Field("width", analysis_width)
      .Field("height", analysis_height)
      .Field("scaleDenom", scale_denom);
  if (from_thumbnail) w.Field("source", std::string(preview ? "preview" : "thumbnail"));
  w.EndObject();
  if (preview) w.Field("provisional", true);
  w.Field("orientation", orientation);
  w.Field("colorSpace", std::string(ColorSpaceName(color_space)));
  if (icc_present) w.Field("iccDescription", icc_description);
  w.Field("hasAlpha", has_alpha);
  w.Field("progressive", progressive);
  w.Key("exif");
  exif.WriteJson(w);
  if (exif_thumbnail.state != ThumbnailAgreement::State::kAbsent) {
    static constexpr const char* kStates[] = {"absent", "agrees", "unsure", "differs"};
    w.Key("exifThumbnail")
        .BeginObject()
        .Field("state", std::string(kStates[static_cast<int>(exif_thumbnail.state)]))
        .Field("distance", exif_thumbnail.distance)
        .Field("shapeDiffers", exif_thumbnail.shape_differs)
        .EndObject();
  }
  w.Key("metrics");
  metrics.WriteJson(w);
  w.Key("features");
  features.WriteJson(w);
  if (!warnings.empty()) {
    w.Key("warnings").BeginArray();
    for (const std::string& s : warnings) w.String(s);
    w.EndArray();
  }
}

}  // namespace gemroll
