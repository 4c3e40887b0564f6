// Export and preview of an edit: the original is decoded again (full size for
// an export, the smallest sufficient DCT scale for a preview), the committed
// params replayed on it, and the result encoded with the metadata a shared
// copy should carry.
#include "gemroll/export.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "gemroll/encode.h"
#include "gemroll/exif.h"
#include "gemroll/exif_write.h"
#include "gemroll/metrics.h"

namespace gemroll {
namespace {

// Analysis-scale decodes (auto-enhance, smart crop) read this short side:
// AutoEnhance works on a ~256 px copy and SmartCrop on a ~96 px map anyway.
constexpr int kAnalysisShortSide = 360;
// APP2 "ICC_PROFILE\0" + sequence number + count, then at most this much
// profile per segment (65535 - 2 length bytes - 14 header bytes).
constexpr size_t kIccChunk = 65519;
constexpr size_t kMaxIccChunks = 255;

struct Loaded {
  Image image;  // upright RGBA8
  ImageFormat format = ImageFormat::kUnknown;
  int full_width = 0, full_height = 0;  // upright, full resolution
  int orientation = 1;
  bool has_alpha = false;
  ColorSpace color_space = ColorSpace::kSrgb;
  bool icc_present = false;
  std::vector<uint8_t> icc_profile;
  ExifData exif;
  std::vector<std::string> warnings;
};

// The metadata of the file, if any; damage to it never stops an edit.
void ReadExif(const EditSource& src, Loaded* out) {
  if (src.file == nullptr || src.file_size == 0) return;
  StatusOr<ExifData> exif = ReadMetadata(src.file, src.file_size);
  if (!exif.ok()) {
    out->warnings.push_back("EXIF unreadable, not copied: " + exif.status().message());
    return;
  }
  out->exif = std::move(exif).value();
}

// min_short_side 0 decodes at full size. Pixels handed in as RGBA are taken
// as upright (browsers apply EXIF orientation when they decode).
StatusOr<Loaded> Load(const EditSource& src, const EditLimits& limits, int min_short_side,
                      bool accurate, bool keep_icc) {
  Loaded out;
  if (src.file_size > limits.max_bytes) {
    return TooLarge("file is " + std::to_string(src.file_size >> 20) + " MiB, over the " +
                    std::to_string(limits.max_bytes >> 20) + " MiB limit");
  }
  ReadExif(src, &out);
  DecodeOptions opt;
  opt.min_short_side = min_short_side;
  opt.max_pixels = limits.max_pixels;
  opt.max_bytes = limits.max_bytes;
  opt.fast = !accurate;
  opt.keep_icc_profile = keep_icc;
  StatusOr<DecodedImage> d = Status(StatusCode::kEmpty, "");
  if (!src.rgba.empty()) {
    if (src.rgba.format != PixelFormat::kRGBA8) return InvalidArgument("pixels must be RGBA8");
    d = DecodeRgba(src.rgba.data, src.rgba.width, src.rgba.height, src.rgba.stride, opt);
    if (d.ok()) {
      d->format = src.file_size > 0 ? SniffFormat(src.file, src.file_size) : ImageFormat::kRgba;
    }
  } else {
    opt.orientation = out.exif.orientation;
    d = Decode(src.file, src.file_size, opt);
  }
  if (!d.ok()) return d.status();
  out.image = std::move(d->image);
  out.format = d->format;
  out.full_width = d->upright_width > 0 ? d->upright_width : d->width;
  out.full_height = d->upright_height > 0 ? d->upright_height : d->height;
  out.orientation = d->orientation;
  out.has_alpha = d->has_alpha;
  out.color_space = d->color_space;
  out.icc_present = d->icc_present;
  out.icc_profile = std::move(d->icc_profile);
  for (std::string& w : d->warnings) out.warnings.push_back(std::move(w));
  return out;
}

// JPEG has no alpha: what a viewer would show on a white page.
void FlattenOntoWhite(Image* img) {
  for (int y = 0; y < img->height(); ++y) {
    uint8_t* p = img->Row(y);
    for (int x = 0; x < img->width(); ++x, p += 4) {
      const int a = p[3];
      if (a == 255) continue;
      for (int c = 0; c < 3; ++c)
        p[c] = static_cast<uint8_t>((p[c] * a + 255 * (255 - a) + 127) / 255);
      p[3] = 255;
    }
  }
}

// Inserts the profile as APP2 ICC_PROFILE segments after the APPn segments
// EncodeJpeg wrote (SOI, APP1 EXIF, APP0 JFIF), as ICC.1 Annex B.4 says.
Status InsertIccProfile(const std::vector<uint8_t>& icc, std::vector<uint8_t>* jpeg) {
  const size_t chunks = (icc.size() + kIccChunk - 1) / kIccChunk;
  if (chunks == 0) return Status::Ok();
  if (chunks > kMaxIccChunks) return InvalidArgument("ICC profile too large for JPEG");
  std::vector<uint8_t>& j = *jpeg;
  size_t at = 2;
  while (at + 4 <= j.size() && j[at] == 0xFF && j[at + 1] >= 0xE0 && j[at + 1] <= 0xEF) {
    at += 2 + ((static_cast<size_t>(j[at + 2]) << 8) | j[at + 3]);
  }
  if (at > j.size()) return CorruptData("encoder wrote a malformed JPEG header");
  std::vector<uint8_t> segs;
  segs.reserve(icc.size() + chunks * 18);
  static const char kTag[] = "ICC_PROFILE";  // with its NUL: 12 bytes
  for (size_t i = 0; i < chunks; ++i) {
    const size_t begin = i * kIccChunk, n = std::min(kIccChunk, icc.size() - begin);
    const size_t len = 2 + 14 + n;
    segs.insert(segs.end(),
                {0xFF, 0xE2, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len & 0xFF)});
    segs.insert(segs.end(), kTag, kTag + 12);
    segs.push_back(static_cast<uint8_t>(i + 1));
    segs.push_back(static_cast<uint8_t>(chunks));
    segs.insert(segs.end(), icc.begin() + begin, icc.begin() + begin + n);
  }
  j.insert(j.begin() + static_cast<std::ptrdiff_t>(at), segs.begin(), segs.end());
  return Status::Ok();
}

// The EXIF of a shared copy: the source's fields with the orientation the
// pixels now have (1) and the exported size; GPS per keep_location.
std::vector<uint8_t> ExportExif(const Loaded& src, int width, int height, bool keep_location,
                                std::vector<std::string>* warnings) {
  ExifData e = src.exif;
  e.orientation = 1;
  e.software = "Gemroll";  // the last program to write these pixels
  e.pixel_x = width;
  e.pixel_y = height;
  ExifWriteOptions w;
  w.include_gps = keep_location;
  w.include_orientation = true;
  std::vector<uint8_t> app1 = BuildExifApp1(e, w);
  if (app1.size() + 2 > 0xFFFF && !e.user_comment.empty()) {
    e.user_comment.clear();
    warnings->push_back("EXIF UserComment too long for one APP1 segment, dropped");
    app1 = BuildExifApp1(e, w);
  }
  return app1;
}

}  // namespace

void ExportResult::WriteJson(JsonWriter& w) const {
  w.BeginObject().Field("width", width).Field("height", height);
  w.Field("sourceFormat", std::string(ImageFormatName(source_format)));
  w.Field("sourceOrientation", source_orientation);
  if (!date_time_original.empty()) w.Field("dateTimeOriginal", date_time_original);
  w.Field("locationKept", location_kept).Field("iccProfile", icc_profile);
  w.Field("colorSpace", std::string(ColorSpaceName(color_space)));
  w.Field("alphaFlattened", alpha_flattened);
  w.Key("warnings").BeginArray();
  for (const std::string& s : warnings) w.String(s);
  w.EndArray().EndObject();
}

StatusOr<ExportResult> ExportJpeg(const EditSource& source, const EditParams& params,
                                  const ExportOptions& options) {
  if (options.quality < 1 || options.quality > 100) {
    return InvalidArgument("JPEG quality must be 1..100, not " + std::to_string(options.quality));
  }
  GEMROLL_ASSIGN_OR_RETURN(const EditParams committed, CommitEdit(params));
  GEMROLL_ASSIGN_OR_RETURN(Loaded src, Load(source, options.limits, 0, true, true));

  ExportResult r;
  r.source_format = src.format;
  r.source_orientation = src.orientation;
  r.color_space = src.color_space;
  r.warnings = std::move(src.warnings);
  Image edited;
  GEMROLL_RETURN_IF_ERROR(ApplyEdit(src.image, committed, &edited));
  src.image = Image();  // the full-size source is no longer needed
  if (src.has_alpha) {
    FlattenOntoWhite(&edited);
    r.alpha_flattened = true;
  }
  r.width = edited.width();
  r.height = edited.height();

  JpegEncodeOptions jpeg;
  jpeg.quality = options.quality;
  jpeg.subsample_420 = options.subsample_420;
  jpeg.exif_app1 = ExportExif(src, r.width, r.height, options.keep_location, &r.warnings);
  GEMROLL_ASSIGN_OR_RETURN(r.jpeg, EncodeJpeg(edited.View(), jpeg));
  r.date_time_original = src.exif.date_time_original;
  r.location_kept = options.keep_location && src.exif.gps.present;
  if (!src.icc_profile.empty()) {
    GEMROLL_RETURN_IF_ERROR(InsertIccProfile(src.icc_profile, &r.jpeg));
    r.icc_profile = true;
  } else if (src.icc_present || src.color_space != ColorSpace::kSrgb) {
    // e.g. a HEIC that states Display P3 as nclx primaries: pixels are not
    // converted, so viewers will take them as sRGB.
    r.warnings.push_back(std::string("source colour space ") + ColorSpaceName(src.color_space) +
                         " has no ICC profile to copy; exported without one");
  }
  return r;
}

StatusOr<RenderResult> RenderEdit(const EditSource& source, const EditParams& params,
                                  const RenderOptions& options) {
  if (options.long_side < 0) return InvalidArgument("longSide must be >= 0");
  GEMROLL_ASSIGN_OR_RETURN(const EditParams committed, CommitEdit(params));
  // Decode so the cropped region still reaches long_side: the short side of
  // the whole image then covers long_side / (largest crop side).
  int min_short = 0;
  if (options.long_side > 0) {
    const double crop_side = std::max(committed.crop.w, committed.crop.h);
    min_short = static_cast<int>(std::min(65535.0, std::ceil(options.long_side / crop_side)));
  }
  GEMROLL_ASSIGN_OR_RETURN(Loaded src, Load(source, options.limits, min_short, true, false));
  RenderResult r;
  r.source_format = src.format;
  EditOutputSize(committed, src.full_width, src.full_height, &r.full_width, &r.full_height);
  // Edits replay at any resolution: shrink the decoded image first so the
  // per-pixel work tracks the preview's size (the DCT scale only gets within
  // 2x of it), rounding up so the final resize only ever shrinks.
  if (options.long_side > 0) {
    int ow = 0, oh = 0;
    EditOutputSize(committed, src.image.width(), src.image.height(), &ow, &oh);
    const double s = static_cast<double>(options.long_side) / std::max(ow, oh);
    if (s < 1) {
      const int w = std::max(1, static_cast<int>(std::ceil(src.image.width() * s)));
      const int h = std::max(1, static_cast<int>(std::ceil(src.image.height() * s)));
      GEMROLL_ASSIGN_OR_RETURN(src.image, ResizeArea(src.image.View(), w, h));
    }
  }
  Image edited;
  GEMROLL_RETURN_IF_ERROR(ApplyEdit(src.image, committed, &edited));
  src.image = Image();
  if (options.long_side > 0 && std::max(edited.width(), edited.height()) > options.long_side) {
    GEMROLL_ASSIGN_OR_RETURN(r.image, MakeThumbnail(edited.View(), options.long_side));
  } else {
    r.image = std::move(edited);
  }
  return r;
}

StatusOr<AutoEnhanceResult> AutoEnhanceSource(const EditSource& source, const EditLimits& limits) {
  GEMROLL_ASSIGN_OR_RETURN(Loaded src, Load(source, limits, kAnalysisShortSide, false, false));
  return AutoEnhance(src.image.View());
}

StatusOr<SmartCropResult> SmartCropSource(const EditSource& source, CropAspect aspect,
                                          const std::vector<KeepBox>& keep,
                                          const EditLimits& limits) {
  GEMROLL_ASSIGN_OR_RETURN(Loaded src, Load(source, limits, kAnalysisShortSide, false, false));
  const double fw = src.full_width, fh = src.full_height;
  std::vector<RelRect> rel;
  rel.reserve(keep.size());
  for (const KeepBox& k : keep) {
    if (!std::isfinite(k.x) || !std::isfinite(k.y) || !std::isfinite(k.width) ||
        !std::isfinite(k.height) || k.width <= 0 || k.height <= 0) {
      return InvalidArgument("keep box must have finite x, y and a positive width and height");
    }
    const double sx = k.relative ? 1 : fw, sy = k.relative ? 1 : fh;
    const double x0 = std::max(0.0, k.x / sx), y0 = std::max(0.0, k.y / sy);
    const double x1 = std::min(1.0, (k.x + k.width) / sx),
                 y1 = std::min(1.0, (k.y + k.height) / sy);
    if (x1 <= x0 || y1 <= y0) return InvalidArgument("keep box lies outside the image");
    rel.push_back(RelRect{static_cast<float>(x0), static_cast<float>(y0),
                          static_cast<float>(x1 - x0), static_cast<float>(y1 - y0)});
  }
  GEMROLL_ASSIGN_OR_RETURN(SmartCropResult r, SmartCrop(src.image.View(), aspect, rel));
  // Pixels of the full-resolution upright image, which is what an export crops.
  r.x = static_cast<int>(std::lround(r.rect.x * fw));
  r.y = static_cast<int>(std::lround(r.rect.y * fh));
  r.w = static_cast<int>(std::lround(r.rect.w * fw));
  r.h = static_cast<int>(std::lround(r.rect.h * fh));
  return r;
}

bool CropAspectFromName(std::string_view name, CropAspect* out) {
  for (CropAspect a : {CropAspect::k1x1, CropAspect::k4x5, CropAspect::k9x16, CropAspect::k16x9}) {
    if (name == CropAspectName(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

}  // namespace gemroll
