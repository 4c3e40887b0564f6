// Streams full-resolution RGBA rows into an integer-factor box-downscaled
// image, so a large PNG never needs a full-size buffer.
#ifndef GEMROLL_SRC_DECODE_ROW_DOWNSCALER_H_
#define GEMROLL_SRC_DECODE_ROW_DOWNSCALER_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "gemroll/image.h"

namespace gemroll {

// Largest integer factor that keeps the short side >= min_short_side.
inline int BoxFactor(int width, int height, int min_short_side) {
  const int short_side = width < height ? width : height;
  if (min_short_side <= 0 || short_side <= min_short_side) return 1;
  return short_side / min_short_side;
}

class RowDownscaler {
 public:
  // Output is ceil(width / factor) x ceil(height / factor); edge boxes average
  // only the pixels that exist.
  static StatusOr<RowDownscaler> Create(int width, int height, int factor) {
    RowDownscaler r;
    r.width_ = width;
    r.height_ = height;
    r.factor_ = factor;
    const int ow = (width + factor - 1) / factor, oh = (height + factor - 1) / factor;
    GEMROLL_ASSIGN_OR_RETURN(r.out_, Image::Create(ow, oh, PixelFormat::kRGBA8));
    r.acc_.assign(static_cast<size_t>(ow) * 4, 0);
    return r;
  }

  void AddRow(const uint8_t* rgba) {
    if (factor_ == 1) {
      std::copy(rgba, rgba + static_cast<size_t>(width_) * 4, out_.Row(y_));
      ++y_;
      return;
    }
    for (int x = 0; x < width_; ++x) {
      uint32_t* a = &acc_[static_cast<size_t>(x / factor_) * 4];
      a[0] += rgba[4 * x];
      a[1] += rgba[4 * x + 1];
      a[2] += rgba[4 * x + 2];
      a[3] += rgba[4 * x + 3];
    }
    ++rows_in_band_;
    ++y_;
    if (rows_in_band_ == factor_ || y_ == height_) Flush();
  }

  Image Take() { return std::move(out_); }

 private:
  void Flush() {
    uint8_t* out = out_.Row(out_y_++);
    const int ow = out_.width();
    for (int ox = 0; ox < ow; ++ox) {
      const int cols = std::min(factor_, width_ - ox * factor_);
      const uint32_t n = static_cast<uint32_t>(cols * rows_in_band_);
      for (int c = 0; c < 4; ++c) {
        uint32_t& a = acc_[static_cast<size_t>(ox) * 4 + c];
        out[ox * 4 + c] = static_cast<uint8_t>((a + n / 2) / n);
        a = 0;
      }
    }
    rows_in_band_ = 0;
  }

  Image out_;
  std::vector<uint32_t> acc_;
  int width_ = 0, height_ = 0, factor_ = 1;
  int y_ = 0, out_y_ = 0, rows_in_band_ = 0;
};

}  // namespace gemroll

#endif  // GEMROLL_SRC_DECODE_ROW_DOWNSCALER_H_
