// Writes an EXIF block from ExifData: used for exports (capture date kept,
// GPS dropped unless asked) and by the fixture generator that builds the
// sample camera roll and the benchmark set from real photos.
#ifndef GEMROLL_EXIF_WRITE_H_
#define GEMROLL_EXIF_WRITE_H_

#include <cstdint>
#include <vector>

#include "gemroll/exif.h"

namespace gemroll {

struct ExifWriteOptions {
  bool include_gps = false;  // location is private: opt in explicitly
  bool include_orientation = true;
  // A small JPEG stored as the IFD1 thumbnail (as cameras do), or none. Left
  // out when the block would no longer fit one APP1 segment (64 KiB).
  std::vector<uint8_t> thumbnail_jpeg;
};

// Returns an APP1 payload ("Exif\0\0" + little-endian TIFF) holding the
// fields of `exif` that are set (dates, camera, exposure, orientation, GPS
// when asked). Embed it with JpegEncodeOptions::exif_app1.
std::vector<uint8_t> BuildExifApp1(const ExifData& exif, const ExifWriteOptions& options = {});

}  // namespace gemroll

#endif  // GEMROLL_EXIF_WRITE_H_
