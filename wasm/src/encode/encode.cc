#include "gemroll/encode.h"

#include <png.h>
#include <turbojpeg.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace gemroll {

StatusOr<std::vector<uint8_t>> EncodeJpeg(const ImageView& rgba, const JpegEncodeOptions& opt) {
  if (rgba.empty() || rgba.format != PixelFormat::kRGBA8)
    return InvalidArgument("EncodeJpeg needs RGBA8");
  if (opt.quality < 1 || opt.quality > 100) return InvalidArgument("JPEG quality must be 1..100");
  tjhandle tj = tjInitCompress();
  if (!tj) return Status(StatusCode::kOutOfMemory, "tjInitCompress failed");
  unsigned char* buf = nullptr;
  unsigned long len = 0;
  const int subsamp = opt.grayscale ? TJSAMP_GRAY : (opt.subsample_420 ? TJSAMP_420 : TJSAMP_444);
  const int rc = tjCompress2(tj, rgba.data, rgba.width, static_cast<int>(rgba.stride), rgba.height,
                             TJPF_RGBA, &buf, &len, subsamp, opt.quality, 0);
  std::string err = rc ? tjGetErrorStr2(tj) : "";
  tjDestroy(tj);
  if (rc != 0) {
    tjFree(buf);
    return Status(StatusCode::kInvalidArgument, "JPEG encode failed: " + err);
  }
  std::vector<uint8_t> out;
  const size_t app1 = opt.exif_app1.size();
  if (app1 > 0) {
    if (app1 + 2 > 0xFFFF) {
      tjFree(buf);
      return InvalidArgument("EXIF block too large for one APP1 segment");
    }
    // SOI, then our APP1, then the rest (libjpeg-turbo writes JFIF APP0 first;
    // EXIF readers accept APP1 anywhere before SOS).
    out.reserve(len + app1 + 4);
    out.insert(out.end(), buf, buf + 2);
    out.push_back(0xFF);
    out.push_back(0xE1);
    out.push_back(static_cast<uint8_t>((app1 + 2) >> 8));
    out.push_back(static_cast<uint8_t>((app1 + 2) & 0xFF));
    out.insert(out.end(), opt.exif_app1.begin(), opt.exif_app1.end());
    out.insert(out.end(), buf + 2, buf + len);
  } else {
    out.assign(buf, buf + len);
  }
  tjFree(buf);
  return out;
}

StatusOr<std::vector<uint8_t>> EncodePng(const ImageView& rgba) {
  if (rgba.empty() || rgba.format != PixelFormat::kRGBA8)
    return InvalidArgument("EncodePng needs RGBA8");
  png_image image;
  std::memset(&image, 0, sizeof(image));
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(rgba.width);
  image.height = static_cast<png_uint_32>(rgba.height);
  image.format = PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  // libpng counts the stride in components, which for 8-bit data are bytes.
  const auto stride = static_cast<png_int_32>(rgba.stride);
  if (!png_image_write_to_memory(&image, nullptr, &size, 0, rgba.data, stride, nullptr)) {
    return InvalidArgument(std::string("PNG encode failed: ") + image.message);
  }
  std::vector<uint8_t> out(size);
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, rgba.data, stride, nullptr)) {
    return InvalidArgument(std::string("PNG encode failed: ") + image.message);
  }
  out.resize(size);
  return out;
}

}  // namespace gemroll
