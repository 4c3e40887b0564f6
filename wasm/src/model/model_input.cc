// Photo -> model input tensors: resampling into RGB floats, letterboxing and
// per-model normalisation.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/exif.h"
#include "gemroll/image.h"
#include "gemroll/model.h"
#include "gemroll/status.h"

namespace gemroll {
namespace {

constexpr int kMaxTensorSide = 4096;  // far above any model input; guards allocations
constexpr int kMaxSamplesPerAxis = 8;

// Bilinear sample of channel values at a source position (pixel centres at
// integer + 0.5), edges clamped. Gray images give the same value thrice.
void SampleBilinear(const ImageView& img, float sx, float sy, float rgb[3]) {
  const int bpp = BytesPerPixel(img.format);
  const float fx = std::clamp(sx - 0.5f, 0.f, static_cast<float>(img.width - 1));
  const float fy = std::clamp(sy - 0.5f, 0.f, static_cast<float>(img.height - 1));
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const int x1 = std::min(x0 + 1, img.width - 1), y1 = std::min(y0 + 1, img.height - 1);
  const float ax = fx - x0, ay = fy - y0;
  const uint8_t* r0 = img.Row(y0);
  const uint8_t* r1 = img.Row(y1);
  for (int c = 0; c < 3; ++c) {
    const int ch = bpp == 1 ? 0 : c;
    const float top = r0[x0 * bpp + ch] * (1 - ax) + r0[x1 * bpp + ch] * ax;
    const float bottom = r1[x0 * bpp + ch] * (1 - ax) + r1[x1 * bpp + ch] * ax;
    rgb[c] = top * (1 - ay) + bottom * ay;
  }
}

// The image resized to out_w x out_h as RGB floats in [0, 255], interleaved.
// Shrinking averages a grid of bilinear samples per output pixel (about one
// per source pixel, at most 8x8) so small inputs do not alias.
std::vector<float> ResizeRgb(const ImageView& img, int out_w, int out_h) {
  std::vector<float> out(static_cast<size_t>(out_w) * out_h * 3);
  const float step_x = static_cast<float>(img.width) / out_w;
  const float step_y = static_cast<float>(img.height) / out_h;
  const int nx = std::clamp(static_cast<int>(std::ceil(step_x)), 1, kMaxSamplesPerAxis);
  const int ny = std::clamp(static_cast<int>(std::ceil(step_y)), 1, kMaxSamplesPerAxis);
  const float inv = 1.f / (nx * ny);
  for (int oy = 0; oy < out_h; ++oy) {
    for (int ox = 0; ox < out_w; ++ox) {
      float acc[3] = {0, 0, 0};
      for (int j = 0; j < ny; ++j) {
        const float sy = (oy + (j + 0.5f) / ny) * step_y;
        for (int i = 0; i < nx; ++i) {
          const float sx = (ox + (i + 0.5f) / nx) * step_x;
          float rgb[3];
          SampleBilinear(img, sx, sy, rgb);
          for (int c = 0; c < 3; ++c) acc[c] += rgb[c];
        }
      }
      float* o = &out[(static_cast<size_t>(oy) * out_w + ox) * 3];
      for (int c = 0; c < 3; ++c) o[c] = acc[c] * inv;
    }
  }
  return out;
}

Status CheckImage(const ImageView& image) {
  if (image.empty()) return InvalidArgument("empty image");
  if (image.format != PixelFormat::kRGBA8 && image.format != PixelFormat::kGray8) {
    return InvalidArgument("unsupported pixel format");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Tensor> LetterboxNhwc(const ImageView& image, int size, float lo, float hi,
                               Placement* placement) {
  GEMROLL_RETURN_IF_ERROR(CheckImage(image));
  if (size <= 0 || size > kMaxTensorSide) return InvalidArgument("bad tensor size");
  const float scale =
      std::min(static_cast<float>(size) / image.width, static_cast<float>(size) / image.height);
  const int rw = std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, size);
  const int rh = std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, size);
  const int pad_x = (size - rw) / 2, pad_y = (size - rh) / 2;
  const std::vector<float> rgb = ResizeRgb(image, rw, rh);

  Tensor t;
  t.shape = {1, size, size, 3};
  // Padding is black in the model's range, as MediaPipe's letterbox.
  t.data.assign(static_cast<size_t>(size) * size * 3, lo);
  const float k = (hi - lo) / 255.f;
  for (int y = 0; y < rh; ++y) {
    float* dst = &t.data[(static_cast<size_t>(y + pad_y) * size + pad_x) * 3];
    const float* src = &rgb[static_cast<size_t>(y) * rw * 3];
    for (int i = 0; i < rw * 3; ++i) dst[i] = lo + src[i] * k;
  }
  if (placement) {
    // Exact ratios per axis so boxes map back without rounding drift.
    *placement = {static_cast<float>(rw) / image.width,
                  static_cast<float>(rh) / image.height,
                  static_cast<float>(pad_x),
                  static_cast<float>(pad_y),
                  size,
                  size,
                  image.width,
                  image.height};
  }
  return t;
}

StatusOr<Tensor> ResizeNchw(const ImageView& image, const NchwOptions& options,
                            Placement* placement) {
  GEMROLL_RETURN_IF_ERROR(CheckImage(image));
  const int m = std::max(1, options.multiple);
  if (options.max_side < m || options.max_side > kMaxTensorSide) {
    return InvalidArgument("bad max_side");
  }
  const int long_side = std::max(image.width, image.height);
  const float scale = std::min(static_cast<float>(options.max_side) / long_side, 2.f);
  auto round_to = [m](float v) { return std::max(m, static_cast<int>(std::lround(v / m)) * m); };
  const int w = std::min(round_to(image.width * scale), options.max_side);
  const int h = std::min(round_to(image.height * scale), options.max_side);
  const std::vector<float> rgb = ResizeRgb(image, w, h);

  Tensor t;
  t.shape = {1, 3, h, w};
  const size_t plane = static_cast<size_t>(w) * h;
  t.data.resize(plane * 3);
  for (int c = 0; c < 3; ++c) {
    const float a = 1.f / (255.f * options.std[c]);
    const float b = -options.mean[c] / options.std[c];
    float* dst = &t.data[plane * c];
    for (size_t i = 0; i < plane; ++i) dst[i] = rgb[i * 3 + c] * a + b;
  }
  if (placement) {
    *placement = {static_cast<float>(w) / image.width,
                  static_cast<float>(h) / image.height,
                  0,
                  0,
                  w,
                  h,
                  image.width,
                  image.height};
  }
  return t;
}

StatusOr<ModelInputs> PrepareModelInputs(const ImageView& image, int full_width, int full_height,
                                         const ModelInputOptions& options) {
  GEMROLL_RETURN_IF_ERROR(CheckImage(image));
  if (full_width <= 0 || full_height <= 0) {
    full_width = image.width;
    full_height = image.height;
  }
  ModelInputs in;
  in.width = full_width;
  in.height = full_height;
  // Tensor pixels per analysis pixel times analysis pixels per photo pixel.
  const float kx = static_cast<float>(image.width) / full_width;
  const float ky = static_cast<float>(image.height) / full_height;
  auto to_full = [&](Placement* p) {
    p->scale_x *= kx;
    p->scale_y *= ky;
    p->image_width = full_width;
    p->image_height = full_height;
  };
  if (options.face_size > 0) {
    GEMROLL_ASSIGN_OR_RETURN(
        in.face, LetterboxNhwc(image, options.face_size, -1.f, 1.f, &in.face_placement));
    to_full(&in.face_placement);
  }
  if (options.text_max_side > 0) {
    NchwOptions no;
    no.max_side = options.text_max_side;
    GEMROLL_ASSIGN_OR_RETURN(in.text, ResizeNchw(image, no, &in.text_placement));
    to_full(&in.text_placement);
  }
  return in;
}

StatusOr<ModelInputs> PrepareModelInputs(const uint8_t* data, size_t size,
                                         const ModelInputOptions& options) {
  DecodeOptions dopt = options.decode;
  StatusOr<ExifData> exif = ReadMetadata(data, size);
  // Unreadable EXIF only costs the rotation, as in AnalyzePhoto.
  dopt.orientation = exif.ok() ? exif->orientation : 0;
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded, Decode(data, size, dopt));
  return PrepareModelInputs(decoded.image.View(), decoded.upright_width, decoded.upright_height,
                            options);
}

}  // namespace gemroll
