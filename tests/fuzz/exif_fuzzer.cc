// libFuzzer target for the metadata stage: any bytes, any container. Also
// drives ParseExifTiff directly so mutations reach IFD parsing without first
// having to rediscover a valid JPEG or HEIF wrapper. A thumbnail the EXIF
// block points at is decoded and compared as AnalyzePhoto does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "gemroll/analyze.h"
#include "gemroll/exif.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gemroll::StatusOr<gemroll::ExifData> r = gemroll::ReadMetadata(data, size);
  if (r.ok()) {
    const gemroll::ExifData& d = *r;
    // Invariants the rest of the pipeline relies on.
    if (d.orientation < 0 || d.orientation > 8) std::abort();
    if (d.thumbnail_length > 0 &&
        (d.thumbnail_offset > size || d.thumbnail_length > size - d.thumbnail_offset)) {
      std::abort();
    }
    if (d.gps.present && (d.gps.latitude < -90 || d.gps.latitude > 90 || d.gps.longitude < -180 ||
                          d.gps.longitude > 180)) {
      std::abort();
    }
    gemroll::JsonWriter w;
    d.WriteJson(w);
    (void)d.DateTimeOriginalIso();
    // The picture the thumbnail is compared with: any upright RGBA image.
    static const gemroll::Image picture =
        gemroll::Image::Create(48, 32, gemroll::PixelFormat::kRGBA8).value();
    const gemroll::ThumbnailAgreement t =
        gemroll::CompareExifThumbnail(data, size, d, picture.View());
    if (t.state != gemroll::ThumbnailAgreement::State::kAbsent &&
        !(t.distance >= 0 && t.distance <= 1)) {
      std::abort();
    }
  }
  gemroll::ExifData tiff;
  (void)gemroll::ParseExifTiff(data, size, 0, &tiff);
  return 0;
}
