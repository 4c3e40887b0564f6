// Metadata stage: pulls the capture time, camera, orientation, exposure and
// GPS position out of a photo's EXIF block so later stages can group photos
// into events and rotate them upright, without decoding any pixels.
//
// The parser is hand-written and treats every byte as hostile: all offsets are
// bounds-checked, IFD loops are broken, and nothing is allocated in proportion
// to a count read from the file.
#ifndef GEMROLL_EXIF_H_
#define GEMROLL_EXIF_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/json.h"
#include "gemroll/status.h"

namespace gemroll {

struct GpsPosition {
  bool present = false;  // latitude and longitude both found and in range
  double latitude = 0;   // degrees, negative south
  double longitude = 0;  // degrees, negative west
  bool has_altitude = false;
  double altitude = 0;  // metres, negative below sea level
};

struct ExifData {
  bool present = false;  // an EXIF block was found and parsed (even partially)

  // Raw "YYYY:MM:DD HH:MM:SS" strings as stored (trimmed); "" when absent or
  // a placeholder such as "0000:00:00 00:00:00".
  std::string date_time_original;    // ExifIFD 0x9003
  std::string offset_time_original;  // ExifIFD 0x9011, "+02:00"
  std::string subsec_time_original;  // ExifIFD 0x9291, "123"
  std::string date_time_digitized;   // ExifIFD 0x9004 (CreateDate)
  std::string date_time;             // IFD0 0x0132 (ModifyDate)

  int orientation = 0;  // 1..8; 0 when absent or invalid

  // Trimmed of NULs and spaces. UserComment is decoded from its 8-byte
  // charset prefix (ASCII, UNICODE in TIFF byte order, undefined) to UTF-8.
  std::string make, model, software, lens_model, user_comment;

  double exposure_time = 0;  // seconds; 0 when absent
  double f_number = 0;
  int iso = 0;                   // PhotographicSensitivity (ISOSpeedRatings)
  int flash = -1;                // raw Flash tag value; -1 when absent
  double focal_length = 0;       // mm
  int pixel_x = 0, pixel_y = 0;  // PixelXDimension / PixelYDimension

  GpsPosition gps;

  // IFD1 JPEG thumbnail as a byte range of the buffer given to ReadMetadata
  // (or of data - file_offset for ParseExifTiff); 0/0 when absent or when it
  // does not lie inside the EXIF block.
  uint64_t thumbnail_offset = 0, thumbnail_length = 0;

  // Non-fatal problems, e.g. "IFD loop detected".
  std::vector<std::string> warnings;

  // "2008-10-22T16:28:39.123+02:00" from DateTimeOriginal plus
  // SubSecTimeOriginal (3 digits) and OffsetTimeOriginal when present;
  // "" when the date is absent or not a plausible calendar time.
  std::string DateTimeOriginalIso() const;

  // One JSON object with camelCase keys (dateTimeOriginal, offsetTimeOriginal,
  // make, model, software, lensModel, exposureTime, fNumber, iso, flash,
  // focalLength, userComment, orientation, pixelWidth, pixelHeight,
  // gps {lat, lon, alt}, thumbnail {offset, length}, warnings); absent fields
  // are omitted.
  void WriteJson(JsonWriter& w) const;
};

// Parses a raw TIFF-structured EXIF block that starts with its "II*\0" or
// "MM\0*" header. file_offset is where the block starts in the original file
// and is only used to report thumbnail_offset in file coordinates. Returns
// kCorruptData when the header itself is unusable; damage further in becomes
// a warning and the fields read so far are kept.
Status ParseExifTiff(const uint8_t* data, size_t size, uint64_t file_offset, ExifData* out);

// Finds the EXIF block of a whole file by sniffing its bytes (never the file
// name): JPEG (APP1 "Exif"), PNG (eXIf chunk, or a tEXt/iTXt "Raw profile
// type exif" hex dump), TIFF and TIFF-based raw (DNG, CR2, NEF, ...),
// HEIC/HEIF/AVIF (ISOBMFF 'Exif' item), and WebP (RIFF EXIF chunk).
// A file without metadata, or one in a format we do not know, is OK with
// present == false. A malformed EXIF block is either OK with warnings when
// part of it is usable, or kCorruptData.
StatusOr<ExifData> ReadMetadata(const uint8_t* data, size_t size);

}  // namespace gemroll

#endif  // GEMROLL_EXIF_H_
