#include "gemroll/decode.h"

#include <string>

#include "decode/decode_internal.h"
#include "decode/row_downscaler.h"

namespace gemroll {
namespace {

Status Orient(DecodedImage* d, int orientation) {
  d->upright_width = d->width;
  d->upright_height = d->height;
  d->orientation = 1;
  if (orientation < 2 || orientation > 8) return Status::Ok();
  GEMROLL_ASSIGN_OR_RETURN(d->image, ApplyOrientation(d->image.View(), orientation));
  d->orientation = orientation;
  if (orientation >= 5) std::swap(d->upright_width, d->upright_height);
  return Status::Ok();
}

}  // namespace

StatusOr<DecodedImage> Decode(const uint8_t* data, size_t size, const DecodeOptions& opt) {
  if (size == 0 || data == nullptr) return Status(StatusCode::kEmpty, "file is empty (0 bytes)");
  if (size > opt.max_bytes) {
    return TooLarge("file is " + std::to_string(size >> 20) + " MiB, over the " +
                    std::to_string(opt.max_bytes >> 20) + " MiB limit");
  }
  const ImageFormat format = SniffFormat(data, size);
  StatusOr<DecodedImage> result = Status(StatusCode::kUnknownFormat, "");
  switch (format) {
    case ImageFormat::kJpeg:
      result = DecodeJpeg(data, size, opt);
      break;
    case ImageFormat::kPng:
      result = DecodePng(data, size, opt);
      break;
    case ImageFormat::kHeif:
      // Comes back upright: HEIF's own transforms take the place of EXIF's.
      return DecodeHeif(data, size, opt, opt.orientation);
    case ImageFormat::kUnknown:
      return Status(StatusCode::kUnknownFormat, "not an image format Gemroll recognises");
    default:
      return Unsupported(std::string(ImageFormatName(format)) +
                         " is not decoded by the core; hand its pixels in as RGBA");
  }
  if (!result.ok()) return result;
  GEMROLL_RETURN_IF_ERROR(Orient(&result.value(), opt.orientation));
  return result;
}

StatusOr<DecodedImage> DecodeRgba(const uint8_t* rgba, int width, int height, size_t stride,
                                  const DecodeOptions& opt) {
  if (rgba == nullptr || width <= 0 || height <= 0) return InvalidArgument("empty RGBA input");
  if (uint64_t{static_cast<uint32_t>(width)} * static_cast<uint32_t>(height) > opt.max_pixels) {
    return TooLarge("RGBA input is over the pixel limit");
  }
  if (stride < static_cast<size_t>(width) * 4)
    return InvalidArgument("RGBA stride shorter than a row");
  DecodedImage out;
  out.format = ImageFormat::kRgba;
  out.width = width;
  out.height = height;
  out.channels = 4;
  const int factor = BoxFactor(width, height, ShortSideWanted(opt, width, height));
  out.scale_denom = factor;
  GEMROLL_ASSIGN_OR_RETURN(RowDownscaler scaler, RowDownscaler::Create(width, height, factor));
  bool alpha = false;
  for (int y = 0; y < height; ++y) {
    const uint8_t* row = rgba + static_cast<size_t>(y) * stride;
    for (int x = 0; x < width && !alpha; ++x) alpha = row[4 * x + 3] != 255;
    scaler.AddRow(row);
  }
  out.has_alpha = alpha;
  out.image = scaler.Take();
  GEMROLL_RETURN_IF_ERROR(Orient(&out, opt.orientation));
  return out;
}

}  // namespace gemroll
