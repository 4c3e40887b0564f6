// Writes pixels back out as files: JPEG through libjpeg-turbo and PNG through
// libpng. Used for thumbnails, exports and generated test fixtures.
#ifndef GEMROLL_ENCODE_H_
#define GEMROLL_ENCODE_H_

#include <cstdint>
#include <vector>

#include "gemroll/image.h"
#include "gemroll/status.h"

namespace gemroll {

struct JpegEncodeOptions {
  int quality = 90;           // 1..100
  bool subsample_420 = true;  // 4:2:0 chroma like phone cameras; false = 4:4:4
  bool grayscale = false;     // write a single-channel JPEG
  // Raw APP1 payload (starting with "Exif\0\0") to embed, or empty.
  std::vector<uint8_t> exif_app1;
};

StatusOr<std::vector<uint8_t>> EncodeJpeg(const ImageView& rgba,
                                          const JpegEncodeOptions& options = {});
StatusOr<std::vector<uint8_t>> EncodePng(const ImageView& rgba);

}  // namespace gemroll

#endif  // GEMROLL_ENCODE_H_
