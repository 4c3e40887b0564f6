// PNG decoding through libpng, row by row into a box downscaler so memory
// tracks the analysis size, not the file's (interlaced files are the exception:
// their passes need the whole image, bounded by max_pixels).
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <string>
#include <vector>

#include "decode/decode_internal.h"
#include "decode/row_downscaler.h"
#include "gemroll/decode.h"

namespace gemroll {
namespace {

struct Reader {
  const uint8_t* data;
  size_t size;
  size_t pos;
  bool truncated = false;
  std::string message;
};

void ReadFn(png_structp png, png_bytep out, png_size_t n) {
  auto* r = static_cast<Reader*>(png_get_io_ptr(png));
  if (n > r->size - r->pos) {
    r->truncated = true;
    png_error(png, "PNG data ends early");
  }
  std::memcpy(out, r->data + r->pos, n);
  r->pos += n;
}

void ErrorFn(png_structp png, png_const_charp msg) {
  auto* r = static_cast<Reader*>(png_get_error_ptr(png));
  r->message = msg;
  png_longjmp(png, 1);
}

void WarningFn(png_structp, png_const_charp) {}

struct PngHandles {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngHandles() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

}  // namespace

StatusOr<DecodedImage> DecodePng(const uint8_t* data, size_t size, const DecodeOptions& opt) {
  DecodedImage out;
  out.format = ImageFormat::kPng;
  Reader reader{data, size, 0, false, {}};
  PngHandles h;
  h.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, ErrorFn, WarningFn);
  if (!h.png) return Status(StatusCode::kOutOfMemory, "libpng init failed");
  h.info = png_create_info_struct(h.png);
  if (!h.info) return Status(StatusCode::kOutOfMemory, "libpng init failed");

  // Declared before setjmp so longjmp never skips their construction.
  std::vector<uint8_t> row;
  std::vector<uint8_t> full;
  StatusOr<RowDownscaler> scaler = InvalidArgument("unset");
  if (setjmp(png_jmpbuf(h.png))) {
    if (reader.truncated) return Truncated("PNG data ends early (the file was cut short)");
    return CorruptData("PNG: " + reader.message);
  }
  png_set_read_fn(h.png, &reader, ReadFn);
  // libpng's own guards: dimensions and ancillary chunk sizes (zip bombs).
  png_set_user_limits(h.png, 1000000, 1000000);
  png_set_chunk_malloc_max(h.png, 16u << 20);
  png_read_info(h.png, h.info);

  png_uint_32 width, height;
  int bit_depth, color_type, interlace;
  png_get_IHDR(h.png, h.info, &width, &height, &bit_depth, &color_type, &interlace, nullptr,
               nullptr);
  out.width = static_cast<int>(width);
  out.height = static_cast<int>(height);
  out.bit_depth = bit_depth;
  out.channels = png_get_channels(h.png, h.info);
  out.progressive = interlace != PNG_INTERLACE_NONE;
  out.has_alpha =
      (color_type & PNG_COLOR_MASK_ALPHA) || png_get_valid(h.png, h.info, PNG_INFO_tRNS);
  const uint64_t pixels = uint64_t{width} * height;
  if (pixels > opt.max_pixels) {
    return TooLarge("PNG is " + std::to_string(width) + "x" + std::to_string(height) +
                    ", over the " + std::to_string(opt.max_pixels / 1000000) + " MP limit");
  }

  png_charp icc_name;
  int compression;
  png_bytep icc;
  png_uint_32 icc_len;
  if (png_get_iCCP(h.png, h.info, &icc_name, &compression, &icc, &icc_len)) {
    out.icc_present = true;
    out.color_space = ClassifyIccProfile(icc, icc_len, &out.icc_description);
  }

  png_set_expand(h.png);  // palette -> RGB, low-bit gray -> 8 bit, tRNS -> alpha
  if (bit_depth == 16) png_set_scale_16(h.png);
  if (!(color_type & PNG_COLOR_MASK_COLOR)) png_set_gray_to_rgb(h.png);
  png_set_add_alpha(h.png, 0xFF, PNG_FILLER_AFTER);
  const int passes = png_set_interlace_handling(h.png);
  png_read_update_info(h.png, h.info);
  if (png_get_rowbytes(h.png, h.info) != static_cast<size_t>(width) * 4) {
    return CorruptData("PNG: unexpected row layout after conversion");
  }

  const int factor = BoxFactor(out.width, out.height, ShortSideWanted(opt, out.width, out.height));
  out.scale_denom = factor;
  scaler = RowDownscaler::Create(out.width, out.height, factor);
  if (!scaler.ok()) return scaler.status();
  if (passes == 1) {
    row.resize(static_cast<size_t>(width) * 4);
    for (png_uint_32 y = 0; y < height; ++y) {
      png_read_row(h.png, row.data(), nullptr);
      scaler->AddRow(row.data());
    }
  } else {
    full.resize(static_cast<size_t>(width) * 4 * height);
    for (int p = 0; p < passes; ++p) {
      for (png_uint_32 y = 0; y < height; ++y) {
        png_read_row(h.png, full.data() + static_cast<size_t>(y) * width * 4, nullptr);
      }
    }
    for (png_uint_32 y = 0; y < height; ++y)
      scaler->AddRow(full.data() + static_cast<size_t>(y) * width * 4);
  }
  // The image is complete; a damaged trailer (e.g. a cut after IDAT) is only a warning.
  out.image = scaler->Take();
  if (setjmp(png_jmpbuf(h.png))) {
    out.warnings.push_back("PNG trailer damaged: " + reader.message);
    return out;
  }
  png_read_end(h.png, nullptr);
  return out;
}

}  // namespace gemroll
