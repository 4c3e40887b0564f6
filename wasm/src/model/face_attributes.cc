// Face attributes around the landmark and expression models: rotated face
// crops, eye aspect ratios from the face mesh, smile from the expression
// softmax, and the full-range detector's anchors.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/exif.h"
#include "gemroll/image.h"
#include "gemroll/metrics.h"
#include "gemroll/model.h"
#include "gemroll/status.h"

namespace gemroll {
namespace {

constexpr int kMaxCropSide = 1024;
constexpr int kMaxSubsamples = 4;
constexpr int kMeshPoints = 468;
constexpr int kFullRangeGrid = 48;

// Face-mesh indices of each eye, in EAR order: outer corner, two upper-lid
// points, inner corner, two lower-lid points facing the upper ones
// (p1, p2, p3, p4, p5, p6 of Soukupova & Cech).
constexpr std::array<int, 6> kRightEye = {33, 160, 158, 133, 153, 144};
constexpr std::array<int, 6> kLeftEye = {263, 387, 385, 362, 380, 373};

float Logistic(float x) { return 1.f / (1.f + std::exp(-x)); }

// Bilinear sample at a source position (pixel centres at integer + 0.5);
// black outside the image, edges clamped within half a pixel of it.
void Sample(const ImageView& img, float sx, float sy, float rgb[3]) {
  if (!(sx >= 0 && sy >= 0 && sx <= img.width && sy <= img.height)) {
    rgb[0] = rgb[1] = rgb[2] = 0;
    return;
  }
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

std::array<float, 2> Apply(const CropTransform& t, float u, float v) {
  return {t.a * u + t.b * v + t.c, t.d * u + t.e * v + t.f};
}

float Distance(const std::array<float, 2>& p, const std::array<float, 2>& q) {
  return std::hypot(p[0] - q[0], p[1] - q[1]);
}

}  // namespace

std::vector<Anchor> FullRangeAnchors() {
  std::vector<Anchor> anchors;
  anchors.reserve(kFullRangeGrid * kFullRangeGrid);
  for (int y = 0; y < kFullRangeGrid; ++y) {
    for (int x = 0; x < kFullRangeGrid; ++x) {
      anchors.push_back({(x + 0.5f) / kFullRangeGrid, (y + 0.5f) / kFullRangeGrid});
    }
  }
  return anchors;
}

void SplitScoreBoxes(const float* rows, size_t n, std::vector<float>* scores,
                     std::vector<float>* boxes) {
  scores->resize(n);
  boxes->resize(n * 16);
  for (size_t i = 0; i < n; ++i) {
    (*scores)[i] = rows[i * 17];
    std::copy(rows + i * 17 + 1, rows + i * 17 + 17, boxes->begin() + i * 16);
  }
}

RotatedRect FaceMeshRoi(const Face& face) {
  RotatedRect r;
  r.cx = face.x + face.width / 2;
  r.cy = face.y + face.height / 2;
  r.side = 1.5f * std::max(face.width, face.height);
  const auto& right = face.keypoints[0];
  const auto& left = face.keypoints[1];
  const float dx = left[0] - right[0], dy = left[1] - right[1];
  r.angle = (dx == 0 && dy == 0) ? 0.f : std::atan2(dy, dx);
  return r;
}

RotatedRect FaceBoxRoi(const Face& face, float scale) {
  RotatedRect r;
  r.cx = face.x + face.width / 2;
  r.cy = face.y + face.height / 2;
  r.side = scale * std::max(face.width, face.height);
  return r;
}

StatusOr<Tensor> CropRotated(const ImageView& image, const RotatedRect& roi, int size, int channels,
                             float lo, float hi, CropTransform* transform) {
  if (image.empty()) return InvalidArgument("empty image");
  if (image.format != PixelFormat::kRGBA8 && image.format != PixelFormat::kGray8) {
    return InvalidArgument("unsupported pixel format");
  }
  if (size <= 0 || size > kMaxCropSide) return InvalidArgument("bad crop size");
  if (channels != 1 && channels != 3) return InvalidArgument("crop channels must be 1 or 3");
  if (!(roi.side > 0) || !std::isfinite(roi.side) || !std::isfinite(roi.cx) ||
      !std::isfinite(roi.cy) || !std::isfinite(roi.angle)) {
    return InvalidArgument("bad crop region");
  }
  const float s = roi.side / size;
  const float cs = std::cos(roi.angle) * s, sn = std::sin(roi.angle) * s;
  const float half = size / 2.f;
  CropTransform t;
  t.a = cs;
  t.b = -sn;
  t.c = roi.cx - (cs - sn) * half;
  t.d = sn;
  t.e = cs;
  t.f = roi.cy - (sn + cs) * half;
  if (transform) *transform = t;

  const int n = std::clamp(static_cast<int>(std::ceil(s)), 1, kMaxSubsamples);
  const float inv = 1.f / (n * n);
  const float k = (hi - lo) / 255.f;
  Tensor out;
  out.shape = {1, size, size, channels};
  out.data.resize(static_cast<size_t>(size) * size * channels);
  float* dst = out.data.data();
  for (int v = 0; v < size; ++v) {
    for (int u = 0; u < size; ++u) {
      float acc[3] = {0, 0, 0};
      for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
          const std::array<float, 2> p = Apply(t, u + (i + 0.5f) / n, v + (j + 0.5f) / n);
          float rgb[3];
          Sample(image, p[0], p[1], rgb);
          for (int c = 0; c < 3; ++c) acc[c] += rgb[c];
        }
      }
      if (channels == 3) {
        for (int c = 0; c < 3; ++c) *dst++ = lo + acc[c] * inv * k;
      } else {
        const float luma = 0.299f * acc[0] + 0.587f * acc[1] + 0.114f * acc[2];
        *dst++ = lo + luma * inv * k;
      }
    }
  }
  return out;
}

float EyeAspectRatio(const std::array<std::array<float, 2>, 6>& p) {
  const float width = Distance(p[0], p[3]);
  if (!(width > 0)) return 0.f;
  return (Distance(p[1], p[5]) + Distance(p[2], p[4])) / (2 * width);
}

EyesResult EyesFromMesh(const float* mesh, size_t count, const CropTransform& transform,
                        float face_score, const EyeOptions& options) {
  EyesResult r;
  r.face_score = face_score;
  if (count < static_cast<size_t>(kMeshPoints) * 3) return r;
  const float soft = std::max(options.softness, 1e-3f);
  auto eye = [&](const std::array<int, 6>& idx) {
    std::array<std::array<float, 2>, 6> p;
    for (int i = 0; i < 6; ++i) p[i] = Apply(transform, mesh[idx[i] * 3], mesh[idx[i] * 3 + 1]);
    EyeState e;
    e.aspect_ratio = EyeAspectRatio(p);
    e.open = Logistic((e.aspect_ratio - options.threshold) / soft);
    return e;
  };
  r.right = eye(kRightEye);
  r.left = eye(kLeftEye);
  r.aspect_ratio = (r.right.aspect_ratio + r.left.aspect_ratio) / 2;
  r.open = Logistic((r.aspect_ratio - options.threshold) / soft);
  return r;
}

namespace {

// Bilinear sample of a [1, S, S, 3] tensor at (x, y) (pixel centres at +0.5);
// 0 outside.
void SampleTensor(const Tensor& t, float x, float y, float out[3]) {
  const int h = t.shape[1], w = t.shape[2];
  const float fx = x - 0.5f, fy = y - 0.5f;
  const int x0 = static_cast<int>(std::floor(fx)), y0 = static_cast<int>(std::floor(fy));
  const float ax = fx - x0, ay = fy - y0;
  auto at = [&](int xx, int yy, int c) {
    if (xx < 0 || yy < 0 || xx >= w || yy >= h) return 0.f;
    return t.data[(static_cast<size_t>(yy) * w + xx) * 3 + c];
  };
  for (int c = 0; c < 3; ++c) {
    out[c] = (at(x0, y0, c) * (1 - ax) + at(x0 + 1, y0, c) * ax) * (1 - ay) +
             (at(x0, y0 + 1, c) * (1 - ax) + at(x0 + 1, y0 + 1, c) * ax) * ay;
  }
}

// One eye's crop between two corners (outer, inner) of the mesh.
Tensor EyeCrop(const Tensor& face, const float* mesh, int outer, int inner, bool mirror) {
  const float ox = mesh[outer * 3], oy = mesh[outer * 3 + 1];
  const float ix = mesh[inner * 3], iy = mesh[inner * 3 + 1];
  const float cx = (ox + ix) / 2, cy = (oy + iy) / 2;
  const float side = std::max(1.f, 2.3f * std::hypot(ix - ox, iy - oy));
  // The right eye's outer corner is on the image's left: outer -> inner
  // points along +x. For the left eye it points along -x; turning by the
  // same angle plus mirroring puts its outer corner on the left too.
  float angle = std::atan2(iy - oy, ix - ox);
  if (mirror) angle += 3.14159265f;
  const float s = side / kIrisSize;
  const float cs = std::cos(angle) * s, sn = std::sin(angle) * s;
  Tensor t;
  t.shape = {1, kIrisSize, kIrisSize, 3};
  t.data.resize(static_cast<size_t>(kIrisSize) * kIrisSize * 3);
  const float half = kIrisSize / 2.f;
  for (int v = 0; v < kIrisSize; ++v) {
    for (int u = 0; u < kIrisSize; ++u) {
      const float lu = (mirror ? kIrisSize - u - 0.5f : u + 0.5f) - half;
      const float lv = v + 0.5f - half;
      float rgb[3];
      SampleTensor(face, cx + cs * lu - sn * lv, cy + sn * lu + cs * lv, rgb);
      float* d = &t.data[(static_cast<size_t>(v) * kIrisSize + u) * 3];
      d[0] = rgb[0];
      d[1] = rgb[1];
      d[2] = rgb[2];
    }
  }
  return t;
}

}  // namespace

StatusOr<EyeCrops> PrepareEyeCrops(const Tensor& face_crop, const float* mesh, size_t count) {
  if (face_crop.shape.size() != 4 || face_crop.shape[0] != 1 || face_crop.shape[3] != 3 ||
      face_crop.shape[1] <= 0 || face_crop.shape[2] <= 0 ||
      face_crop.data.size() != static_cast<size_t>(face_crop.shape[1]) * face_crop.shape[2] * 3) {
    return InvalidArgument("face crop must be a [1, H, W, 3] tensor");
  }
  if (count < static_cast<size_t>(kMeshPoints) * 3) {
    return InvalidArgument("face mesh output is too short");
  }
  for (size_t i = 0; i < static_cast<size_t>(kMeshPoints) * 3; ++i) {
    if (!std::isfinite(mesh[i])) return InvalidArgument("face mesh output is not finite");
  }
  EyeCrops eyes;
  eyes.right = EyeCrop(face_crop, mesh, kRightEye[0], kRightEye[3], false);
  eyes.left = EyeCrop(face_crop, mesh, kLeftEye[0], kLeftEye[3], true);
  return eyes;
}

float IrisEyeAspectRatio(const float* iris, size_t count) {
  if (count < 71 * 3) return 0.f;
  auto p = [&](int i) { return std::array<float, 2>{iris[i * 3], iris[i * 3 + 1]}; };
  const float width = Distance(p(0), p(8));
  if (!(width > 0)) return 0.f;
  // Upper-lid points 11, 12, 13 face lower-lid points 3, 4, 5.
  return (Distance(p(11), p(3)) + Distance(p(12), p(4)) + Distance(p(13), p(5))) / (3 * width);
}

EyesResult EyesFromIris(const float* right, const float* left, size_t count, float face_score,
                        const IrisEyeOptions& options) {
  EyesResult r;
  r.face_score = face_score;
  r.right.measured = r.left.measured = false;
  if (count < 71 * 3 || (right == nullptr && left == nullptr)) return r;
  const float soft = std::max(options.softness, 1e-3f);
  auto eye = [&](const float* iris) {
    EyeState e;
    if (iris == nullptr) {
      e.measured = false;
      return e;
    }
    e.aspect_ratio = IrisEyeAspectRatio(iris, count);
    e.open = Logistic((e.aspect_ratio - options.threshold) / soft);
    return e;
  };
  r.right = eye(right);
  r.left = eye(left);
  const int n = (r.right.measured ? 1 : 0) + (r.left.measured ? 1 : 0);
  r.aspect_ratio = ((r.right.measured ? r.right.aspect_ratio : 0.f) +
                    (r.left.measured ? r.left.aspect_ratio : 0.f)) /
                   n;
  r.open = Logistic((r.aspect_ratio - options.threshold) / soft);
  return r;
}

const char* ExpressionName(int index) {
  static constexpr const char* kNames[kExpressionClasses] = {"angry", "disgust",  "fear",   "happy",
                                                             "sad",   "surprise", "neutral"};
  return index >= 0 && index < kExpressionClasses ? kNames[index] : "unknown";
}

Expression ExpressionFromSoftmax(const float* probs, size_t count) {
  Expression e;
  if (count < static_cast<size_t>(kExpressionClasses)) return e;
  float top = -1;
  for (int i = 0; i < kExpressionClasses; ++i) {
    if (probs[i] > top) {
      top = probs[i];
      e.top = i;
    }
  }
  e.top_score = std::clamp(top, 0.f, 1.f);
  e.smile = std::clamp(probs[3], 0.f, 1.f);  // "happy"
  return e;
}

StatusOr<FaceCrops> PrepareFaceCrops(const ImageView& image, int full_width, int full_height,
                                     const std::vector<Face>& faces,
                                     const FaceCropOptions& options) {
  if (image.empty()) return InvalidArgument("empty image");
  if (full_width <= 0 || full_height <= 0) {
    full_width = image.width;
    full_height = image.height;
  }
  FaceCrops out;
  out.width = full_width;
  out.height = full_height;
  out.decoded_width = image.width;
  out.decoded_height = image.height;
  // Full-resolution pixels -> decoded pixels.
  const float kx = static_cast<float>(image.width) / full_width;
  const float ky = static_cast<float>(image.height) / full_height;
  std::vector<int> order(faces.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return std::max(faces[a].width, faces[a].height) > std::max(faces[b].width, faces[b].height);
  });
  if (static_cast<int>(order.size()) > options.max_faces)
    order.resize(std::max(0, options.max_faces));
  for (int i : order) {
    Face f = faces[i];
    f.x *= kx;
    f.y *= ky;
    f.width *= kx;
    f.height *= ky;
    for (auto& k : f.keypoints) {
      k[0] *= kx;
      k[1] *= ky;
    }
    FaceCrop crop;
    crop.face = i;
    if (options.mesh_size > 0) {
      GEMROLL_ASSIGN_OR_RETURN(crop.mesh, CropRotated(image, FaceMeshRoi(f), options.mesh_size, 3,
                                                      0.f, 1.f, &crop.mesh_transform));
      // Back to full-resolution pixels.
      CropTransform& t = crop.mesh_transform;
      t.a /= kx;
      t.b /= kx;
      t.c /= kx;
      t.d /= ky;
      t.e /= ky;
      t.f /= ky;
    }
    if (options.expression_size > 0) {
      GEMROLL_ASSIGN_OR_RETURN(crop.expression,
                               CropRotated(image, FaceBoxRoi(f, options.expression_scale),
                                           options.expression_size, 1, -1.f, 1.f, nullptr));
    }
    out.crops.push_back(std::move(crop));
  }
  return out;
}

int FaceCropShortSide(int full_width, int full_height, const std::vector<Face>& faces,
                      const FaceCropOptions& options) {
  // Decoded pixels per photo pixel that give the smallest considered face's
  // crop region crop_source_side pixels (never more than full size).
  std::vector<float> sides;
  for (const Face& f : faces) sides.push_back(1.5f * std::max(f.width, f.height));
  std::sort(sides.rbegin(), sides.rend());
  if (static_cast<int>(sides.size()) > options.max_faces)
    sides.resize(std::max(0, options.max_faces));
  const float want = static_cast<float>(std::max(1, options.crop_source_side));
  float need = 0;
  for (float side : sides) need = side > 0 ? std::max(need, std::min(1.f, want / side)) : 1.f;
  return need >= 1.f ? 0 : static_cast<int>(std::ceil(need * std::min(full_width, full_height)));
}

bool FaceCropsFitDecode(int width, int height, int full_width, int full_height,
                        const std::vector<Face>& faces, const FaceCropOptions& options) {
  if (width <= 0 || height <= 0) return false;
  if (width == full_width && height == full_height) return true;
  const int want = FaceCropShortSide(full_width, full_height, faces, options);
  return want > 0 && std::min(width, height) >= want;
}

StatusOr<FaceCrops> PrepareFaceCropsFromDecode(const ImageView& decoded, int full_width,
                                               int full_height, const std::vector<Face>& faces,
                                               const FaceCropOptions& options) {
  const int want = FaceCropShortSide(full_width, full_height, faces, options);
  const int short_side = std::min(decoded.width, decoded.height);
  if (want <= 0 || short_side < 2 * want) {
    return PrepareFaceCrops(decoded, full_width, full_height, faces, options);
  }
  const double k = static_cast<double>(want) / short_side;
  GEMROLL_ASSIGN_OR_RETURN(
      Image small, ResizeArea(decoded, std::max(1, static_cast<int>(std::ceil(decoded.width * k))),
                              std::max(1, static_cast<int>(std::ceil(decoded.height * k)))));
  return PrepareFaceCrops(small.View(), full_width, full_height, faces, options);
}

StatusOr<FaceCrops> PrepareFaceCrops(const uint8_t* data, size_t size, int full_width,
                                     int full_height, const std::vector<Face>& faces,
                                     const FaceCropOptions& options) {
  if (full_width <= 0 || full_height <= 0) return InvalidArgument("photo size unknown");
  if (faces.empty() || options.max_faces <= 0) {
    FaceCrops none;
    none.width = full_width;
    none.height = full_height;
    return none;  // nothing to crop: no decode
  }
  DecodeOptions dopt = options.decode;
  StatusOr<ExifData> exif = ReadMetadata(data, size);
  dopt.orientation = exif.ok() ? exif->orientation : 0;
  const bool shrink = options.source_scale > 0 && options.source_scale < 1;
  // From full size when shrinking below.
  dopt.min_short_side = shrink ? 0 : FaceCropShortSide(full_width, full_height, faces, options);
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage decoded, Decode(data, size, dopt));
  if (shrink) {
    const ImageView view = decoded.image.View();
    const int w = std::max(1, static_cast<int>(std::lround(view.width * options.source_scale)));
    const int h = std::max(1, static_cast<int>(std::lround(view.height * options.source_scale)));
    GEMROLL_ASSIGN_OR_RETURN(Image small, ResizeArea(view, w, h));
    return PrepareFaceCrops(small.View(), decoded.upright_width, decoded.upright_height, faces,
                            options);
  }
  return PrepareFaceCrops(decoded.image.View(), decoded.upright_width, decoded.upright_height,
                          faces, options);
}

}  // namespace gemroll
