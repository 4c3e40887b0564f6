// Pixel containers shared by every stage: a cheap non-owning view and an
// owning, move-only image with aligned, padded rows (so SIMD kernels may read
// a full vector past the last pixel of a row without leaving the row).
#ifndef GEMROLL_IMAGE_H_
#define GEMROLL_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "gemroll/status.h"

namespace gemroll {

enum class PixelFormat : uint8_t {
  kGray8 = 1,  // one byte per pixel, luminance
  kRGBA8 = 4,  // four bytes per pixel, R G B A, sRGB-encoded, straight alpha
};

inline int BytesPerPixel(PixelFormat f) { return static_cast<int>(f); }

// Non-owning view. stride is in bytes and may exceed width * bpp.
struct ImageView {
  int width = 0;
  int height = 0;
  size_t stride = 0;
  PixelFormat format = PixelFormat::kRGBA8;
  const uint8_t* data = nullptr;

  const uint8_t* Row(int y) const { return data + static_cast<size_t>(y) * stride; }
  bool empty() const { return width <= 0 || height <= 0 || data == nullptr; }
};

// Owning image. Rows start on 64-byte boundaries and carry at least 64 bytes of
// padding, zero-initialised.
class Image {
 public:
  static constexpr size_t kAlign = 64;

  Image() = default;
  Image(Image&&) noexcept = default;
  Image& operator=(Image&&) noexcept = default;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;

  // Allocates width x height; fails with kTooLarge / kOutOfMemory instead of
  // aborting.
  static StatusOr<Image> Create(int width, int height, PixelFormat format);

  Image Clone() const;

  int width() const { return width_; }
  int height() const { return height_; }
  size_t stride() const { return stride_; }
  PixelFormat format() const { return format_; }
  uint8_t* Row(int y) { return data_ + static_cast<size_t>(y) * stride_; }
  const uint8_t* Row(int y) const { return data_ + static_cast<size_t>(y) * stride_; }
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  bool empty() const { return width_ == 0 || height_ == 0; }
  ImageView View() const { return {width_, height_, stride_, format_, data_}; }

 private:
  struct Free {
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> storage_;
  uint8_t* data_ = nullptr;
  int width_ = 0;
  int height_ = 0;
  size_t stride_ = 0;
  PixelFormat format_ = PixelFormat::kRGBA8;
};

}  // namespace gemroll

#endif  // GEMROLL_IMAGE_H_
