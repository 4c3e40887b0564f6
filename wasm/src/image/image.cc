#include "gemroll/image.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

namespace gemroll {

void Image::Free::operator()(uint8_t* p) const { std::free(p); }

StatusOr<Image> Image::Create(int width, int height, PixelFormat format) {
  if (width <= 0 || height <= 0) {
    return InvalidArgument("image dimensions must be positive");
  }
  const size_t bpp = static_cast<size_t>(BytesPerPixel(format));
  const size_t row = static_cast<size_t>(width) * bpp + kAlign;  // >= 64 B padding
  const size_t stride = (row + kAlign - 1) / kAlign * kAlign;
  if (static_cast<size_t>(height) > (std::numeric_limits<size_t>::max() - kAlign) / stride) {
    return TooLarge("image buffer size overflows");
  }
  const size_t bytes = stride * static_cast<size_t>(height);
  void* p = std::aligned_alloc(kAlign, bytes);
  if (p == nullptr) return Status(StatusCode::kOutOfMemory, "cannot allocate image buffer");
  std::memset(p, 0, bytes);
  Image img;
  img.storage_.reset(static_cast<uint8_t*>(p));
  img.data_ = static_cast<uint8_t*>(p);
  img.width_ = width;
  img.height_ = height;
  img.stride_ = stride;
  img.format_ = format;
  return img;
}

Image Image::Clone() const {
  if (empty()) return Image();
  StatusOr<Image> copy = Create(width_, height_, format_);
  if (!copy.ok()) std::abort();  // the original fit; a copy failing is OOM
  std::memcpy(copy->data(), data_, stride_ * static_cast<size_t>(height_));
  return std::move(copy).value();
}

}  // namespace gemroll
