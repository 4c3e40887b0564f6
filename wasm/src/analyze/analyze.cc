#include "gemroll/analyze.h"

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
// the photo: they become warnings.
Status ReadFileFacts(const uint8_t* data, size_t size, const AnalyzeOptions& opt,
                     PhotoAnalysis* a) {
  a->file_size = size;
  if (size == 0) return Status(StatusCode::kEmpty, "file is empty (0 bytes)");
  if (size > opt.decode.max_bytes) return TooLarge("file is over the byte limit");
  a->content_hash = Xxh64(data, size);
  StatusOr<ExifData> exif = ReadMetadata(data, size);
  if (exif.ok()) {
    a->exif = std::move(exif).value();
    for (const std::string& w : a->exif.warnings) a->warnings.push_back("EXIF: " + w);
  } else {
    a->warnings.push_back("EXIF unreadable: " + exif.status().message());
  }
  return Status::Ok();
}

}  // namespace

StatusOr<PhotoAnalysis> AnalyzePhoto(const uint8_t* data, size_t size, const AnalyzeOptions& opt) {
  PhotoAnalysis a;
  GEMROLL_RETURN_IF_ERROR(ReadFileFacts(data, size, opt, &a));
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
  if (from_thumbnail) w.Field("source", std::string("thumbnail"));
  w.EndObject();
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
