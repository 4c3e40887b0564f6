#include <cstdint>
#include <cstring>

#include "gemroll/decode.h"

namespace gemroll {

StatusOr<Image> ApplyOrientation(const ImageView& src, int orientation) {
  if (src.empty()) return InvalidArgument("empty image");
  if (orientation < 1 || orientation > 8) orientation = 1;
  const bool swap = orientation >= 5;
  const int w = src.width, h = src.height;
  GEMROLL_ASSIGN_OR_RETURN(Image dst, Image::Create(swap ? h : w, swap ? w : h, src.format));
  const int bpp = BytesPerPixel(src.format);
  // For each output pixel (x, y), the source pixel per EXIF 2.32 Orientation.
  for (int y = 0; y < dst.height(); ++y) {
    uint8_t* out = dst.Row(y);
    for (int x = 0; x < dst.width(); ++x) {
      int sx, sy;
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          sy = y;
          break;
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;
        case 4:
          sx = x;
          sy = h - 1 - y;
          break;
        case 5:
          sx = y;
          sy = x;
          break;
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;
        default:
          sx = x;
          sy = y;
          break;
      }
      std::memcpy(out + x * bpp, src.Row(sy) + sx * bpp, bpp);
    }
  }
  return dst;
}

}  // namespace gemroll
