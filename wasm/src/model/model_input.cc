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

// One axis of a separable resampling: output pixel i is the weighted sum of
// source pixels first[i] .. first[i] + count[i] - 1 (weights in `weight`,
// from offset[i]).
struct AxisWeights {
  std::vector<int> first, count, offset;
  std::vector<float> weight;
};

// Shrinking: exact area averaging (each output pixel is the mean of the source
// area it covers, fractional pixels weighted by coverage), so small inputs do
// not alias. Enlarging: bilinear between the two nearest source centres.
AxisWeights MakeAxisWeights(int in, int out) {
  AxisWeights a;
  a.first.resize(out);
  a.count.resize(out);
  a.offset.resize(out);
  const double scale = static_cast<double>(in) / out;
  for (int i = 0; i < out; ++i) {
    a.offset[i] = static_cast<int>(a.weight.size());
    if (scale >= 1) {
      const double lo = i * scale, hi = std::min<double>(in, (i + 1) * scale);
      const int j0 = static_cast<int>(lo);
      const int j1 = std::min(in, static_cast<int>(std::ceil(hi)));
      a.first[i] = j0;
      for (int j = j0; j < j1; ++j) {
        const double cover = std::min<double>(j + 1, hi) - std::max<double>(j, lo);
        a.weight.push_back(static_cast<float>(std::max(0.0, cover) / scale));
      }
      a.count[i] = j1 - j0;
    } else {
      const double s = std::clamp((i + 0.5) * scale - 0.5, 0.0, static_cast<double>(in - 1));
      const int j0 = static_cast<int>(s);
      const float f = static_cast<float>(s - j0);
      a.first[i] = j0;
      if (j0 + 1 < in && f > 0) {
        a.weight.push_back(1 - f);
        a.weight.push_back(f);
        a.count[i] = 2;
      } else {
        a.weight.push_back(1);
        a.count[i] = 1;
      }
    }
  }
  return a;
}

// The image resized to out_w x out_h as RGB floats in [0, 255], interleaved;
// gray images give the same value thrice. Separable (rows, then columns):
// each source pixel is read once per output column that covers it, about 12x
// cheaper than the former grid of bilinear samples per output pixel
// (bench/model-stage-bench.mjs: tensor prep was most of the decode + tensors
// stage). Every source row is needed by some output row when shrinking, so
// the horizontal pass runs on all of them.
std::vector<float> ResizeRgb(const ImageView& img, int out_w, int out_h) {
  const AxisWeights ax = MakeAxisWeights(img.width, out_w);
  const AxisWeights ay = MakeAxisWeights(img.height, out_h);
  const int bpp = BytesPerPixel(img.format);
  const size_t row_floats = static_cast<size_t>(out_w) * 3;
  std::vector<float> rows(row_floats * img.height);
  for (int y = 0; y < img.height; ++y) {
    const uint8_t* src = img.Row(y);
    float* dst = &rows[row_floats * y];
    for (int x = 0; x < out_w; ++x) {
      const float* w = &ax.weight[ax.offset[x]];
      const uint8_t* p = src + static_cast<size_t>(ax.first[x]) * bpp;
      float r = 0, g = 0, b = 0;
      if (bpp == 1) {
        for (int k = 0; k < ax.count[x]; ++k) r += w[k] * p[k];
        g = b = r;
      } else {
        for (int k = 0; k < ax.count[x]; ++k, p += bpp) {
          r += w[k] * p[0];
          g += w[k] * p[1];
          b += w[k] * p[2];
        }
      }
      dst[x * 3] = r;
      dst[x * 3 + 1] = g;
      dst[x * 3 + 2] = b;
    }
  }
  std::vector<float> out(row_floats * out_h, 0.f);
  for (int y = 0; y < out_h; ++y) {
    float* dst = &out[row_floats * y];
    const float* w = &ay.weight[ay.offset[y]];
    for (int k = 0; k < ay.count[y]; ++k) {
      const float* src = &rows[row_floats * (ay.first[y] + k)];
      const float wk = w[k];
      for (size_t i = 0; i < row_floats; ++i) dst[i] += wk * src[i];
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
                               Placement* placement, int multiple) {
  GEMROLL_RETURN_IF_ERROR(CheckImage(image));
  if (size <= 0 || size > kMaxTensorSide) return InvalidArgument("bad tensor size");
  if (multiple < 0 || multiple > size) return InvalidArgument("bad tensor multiple");
  const float scale =
      std::min(static_cast<float>(size) / image.width, static_cast<float>(size) / image.height);
  const int rw = std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, size);
  const int rh = std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, size);
  auto fit = [&](int side) {
    return multiple > 0 ? std::clamp((side + multiple - 1) / multiple * multiple, multiple, size)
                        : size;
  };
  const int tw = fit(rw), th = fit(rh);
  const int pad_x = (tw - rw) / 2, pad_y = (th - rh) / 2;
  const std::vector<float> rgb = ResizeRgb(image, rw, rh);

  Tensor t;
  t.shape = {1, th, tw, 3};
  // Padding is black in the model's range, as MediaPipe's letterbox.
  t.data.assign(static_cast<size_t>(tw) * th * 3, lo);
  const float k = (hi - lo) / 255.f;
  for (int y = 0; y < rh; ++y) {
    float* dst = &t.data[(static_cast<size_t>(y + pad_y) * tw + pad_x) * 3];
    const float* src = &rgb[static_cast<size_t>(y) * rw * 3];
    for (int i = 0; i < rw * 3; ++i) dst[i] = lo + src[i] * k;
  }
  if (placement) {
    // Exact ratios per axis so boxes map back without rounding drift.
    *placement = {static_cast<float>(rw) / image.width,
                  static_cast<float>(rh) / image.height,
                  static_cast<float>(pad_x),
                  static_cast<float>(pad_y),
                  tw,
                  th,
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
    GEMROLL_ASSIGN_OR_RETURN(in.face, LetterboxNhwc(image, options.face_size, -1.f, 1.f,
                                                    &in.face_placement, options.face_multiple));
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
  // Both tensors fit the photo's long side into their size: a decode whose
  // long side reaches the larger one is enough (a 3000x1000 receipt for a
  // 256 face tensor decodes at 1/8, not at 1/2 for a 360-px short side).
  if (dopt.min_long_side <= 0) {
    dopt.min_long_side = std::max(options.face_size, options.text_max_side);
  }
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded, Decode(data, size, dopt));
  return PrepareModelInputs(decoded.image.View(), decoded.upright_width, decoded.upright_height,
                            options);
}

}  // namespace gemroll
