// Per-format decoders behind gemroll::Decode. They return the stored (not yet
// oriented) image at analysis scale.
#ifndef GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_
#define GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_

#include "gemroll/decode.h"

namespace gemroll {

StatusOr<DecodedImage> DecodeJpeg(const uint8_t* data, size_t size, const DecodeOptions& opt);
StatusOr<DecodedImage> DecodePng(const uint8_t* data, size_t size, const DecodeOptions& opt);

}  // namespace gemroll

#endif  // GEMROLL_SRC_DECODE_DECODE_INTERNAL_H_
