// Per-format decoders behind gemroll::Decode. They return the stored (not yet
// oriented) image at analysis scale.
#ifndef GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_
#define GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_

#include "gemroll/decode.h"

namespace gemroll {

StatusOr<DecodedImage> DecodeJpeg(const uint8_t* data, size_t size, const DecodeOptions& opt);
StatusOr<DecodedImage> DecodePng(const uint8_t* data, size_t size, const DecodeOptions& opt);
// HEIF is the exception: it returns the image upright, turned by its own
// irot/imir, or by exif_orientation where the file has neither.
StatusOr<DecodedImage> DecodeHeif(const uint8_t* data, size_t size, const DecodeOptions& opt,
                                  int exif_orientation);

}  // namespace gemroll

#endif  // GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_
