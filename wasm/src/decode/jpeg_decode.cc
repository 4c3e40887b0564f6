// JPEG decoding through libjpeg-turbo's libjpeg API (it exposes DCT scaling,
// ICC markers, Adobe/CMYK details and a progress hook the TurboJPEG API hides).
#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "decode/decode_internal.h"
#include "gemroll/decode.h"

extern "C" {
#include <jerror.h>
#include <jpeglib.h>
}

namespace gemroll {
namespace {

struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  std::string message;
  bool truncated = false;
  std::vector<std::string>* warnings = nullptr;
  int max_scans = 0;
  bool too_many_scans = false;
};

void ErrorExit(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  char buf[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, buf);
  err->message = buf;
  std::longjmp(err->jump, 1);
}

void EmitMessage(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  // Running out of data is reported as a warning and padded with grey; for a
  // photo library that is a damaged file, not a photo.
  if (err->pub.msg_code == JWRN_JPEG_EOF) err->truncated = true;
  if (err->warnings && err->warnings->size() < 8) {
    char buf[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buf);
    err->warnings->push_back(buf);
  }
  err->pub.num_warnings++;
}

void Progress(j_common_ptr cinfo) {
  if (!cinfo->is_decompressor) return;
  auto* d = reinterpret_cast<j_decompress_ptr>(cinfo);
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  if (d->input_scan_number > err->max_scans) {
    err->too_many_scans = true;
    err->message = "progressive JPEG has too many scans";
    std::longjmp(err->jump, 1);
  }
}

struct Decompressor {
  jpeg_decompress_struct cinfo{};
  ~Decompressor() { jpeg_destroy_decompress(&cinfo); }
};

int ScaledSize(int full, int num) { return (full * num + 7) / 8; }

}  // namespace

StatusOr<DecodedImage> DecodeJpeg(const uint8_t* data, size_t size, const DecodeOptions& opt) {
  DecodedImage out;
  out.format = ImageFormat::kJpeg;
  Decompressor dec;
  ErrorManager err;
  jpeg_decompress_struct& cinfo = dec.cinfo;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = ErrorExit;
  err.pub.emit_message = EmitMessage;
  err.warnings = &out.warnings;
  err.max_scans = opt.max_progressive_scans;
  jpeg_progress_mgr progress{};
  progress.progress_monitor = Progress;

  // Everything allocated below must be either owned by libjpeg or created
  // before this point: longjmp skips destructors.
  Image scaled;
  std::vector<JSAMPROW> rows;
  std::vector<uint8_t> cmyk_row;
  if (setjmp(err.jump)) {
    if (err.too_many_scans) return CorruptData(err.message);
    if (err.truncated) return Truncated("JPEG data ends early: " + err.message);
    return CorruptData("JPEG: " + err.message);
  }
  jpeg_create_decompress(&cinfo);
  cinfo.progress = &progress;
  // Bound libjpeg's own working memory (coefficient buffers of progressive files).
  cinfo.mem->max_memory_to_use = 1024L * 1024 * 1024;
  jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
  jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF);  // ICC profile
  if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) return CorruptData("JPEG: no image");
  if (err.truncated) return Truncated("JPEG data ends inside the header");

  out.width = static_cast<int>(cinfo.image_width);
  out.height = static_cast<int>(cinfo.image_height);
  out.channels = cinfo.num_components;
  out.progressive = cinfo.progressive_mode;
  const uint64_t pixels = uint64_t{cinfo.image_width} * cinfo.image_height;
  if (pixels == 0) return CorruptData("JPEG: zero dimensions");
  if (pixels > opt.max_pixels) {
    return TooLarge("JPEG is " + std::to_string(out.width) + "x" + std::to_string(out.height) +
                    ", over the " + std::to_string(opt.max_pixels / 1000000) + " MP limit");
  }

  JOCTET* icc = nullptr;
  unsigned int icc_len = 0;
  if (jpeg_read_icc_profile(&cinfo, &icc, &icc_len)) {
    out.icc_present = true;
    out.color_space = ClassifyIccProfile(icc, icc_len, &out.icc_description);
    if (opt.keep_icc_profile) out.icc_profile.assign(icc, icc + icc_len);
    free(icc);
  }

  int num = 8;
  const int want_short = ShortSideWanted(opt, out.width, out.height);
  if (want_short > 0) {
    const int short_side = std::min(out.width, out.height);
    for (int n : {1, 2, 4}) {
      if (ScaledSize(short_side, n) >= want_short) {
        num = n;
        break;
      }
    }
  }
  cinfo.scale_num = static_cast<unsigned>(num);
  cinfo.scale_denom = 8;
  out.scale_denom = 8 / num;
  const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  if (opt.fast) {
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
  }
  jpeg_start_decompress(&cinfo);
  const int w = static_cast<int>(cinfo.output_width), h = static_cast<int>(cinfo.output_height);
  {
    StatusOr<Image> img = Image::Create(w, h, PixelFormat::kRGBA8);
    if (!img.ok()) return img.status();
    scaled = std::move(img).value();
  }
  if (cmyk) cmyk_row.resize(static_cast<size_t>(w) * 4);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = cmyk ? cmyk_row.data() : scaled.Row(static_cast<int>(cinfo.output_scanline));
    const int y = static_cast<int>(cinfo.output_scanline);
    if (jpeg_read_scanlines(&cinfo, &row, 1) != 1) break;
    if (cmyk) {
      // Adobe writes inverted CMYK; without the Adobe marker assume the plain form.
      const bool inverted = cinfo.saw_Adobe_marker;
      uint8_t* o = scaled.Row(y);
      for (int x = 0; x < w; ++x) {
        int c = cmyk_row[4 * x], m = cmyk_row[4 * x + 1], yy = cmyk_row[4 * x + 2],
            k = cmyk_row[4 * x + 3];
        if (!inverted) {
          c = 255 - c;
          m = 255 - m;
          yy = 255 - yy;
          k = 255 - k;
        }
        o[4 * x] = static_cast<uint8_t>((c * k + 127) / 255);
        o[4 * x + 1] = static_cast<uint8_t>((m * k + 127) / 255);
        o[4 * x + 2] = static_cast<uint8_t>((yy * k + 127) / 255);
        o[4 * x + 3] = 255;
      }
    }
    if (err.truncated) break;
  }
  if (err.truncated) return Truncated("JPEG data ends early (the file was cut short)");
  jpeg_finish_decompress(&cinfo);
  if (err.truncated) return Truncated("JPEG data ends early (the file was cut short)");
  out.image = std::move(scaled);
  return out;
}

}  // namespace gemroll
