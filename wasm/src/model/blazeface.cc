// BlazeFace output decoding: SSD anchors, box and keypoint offsets, sigmoid
// scores and MediaPipe's weighted non-maximum suppression.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "gemroll/model.h"

namespace gemroll {
namespace {

constexpr int kAnchorsPerLayer = 2;  // aspect ratio 1 plus the interpolated scale
constexpr int kValuesPerAnchor = 16;

float Sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

}  // namespace

std::vector<Anchor> SsdAnchors(int input_size, const std::vector<int>& strides) {
  return SsdAnchors(input_size, input_size, strides);
}

std::vector<Anchor> SsdAnchors(int width, int height, const std::vector<int>& strides) {
  std::vector<Anchor> anchors;
  size_t layer = 0;
  while (layer < strides.size()) {
    // Consecutive layers with the same stride share one grid; each adds
    // kAnchorsPerLayer anchors per cell (fixed anchor size: centres only).
    size_t last = layer;
    while (last < strides.size() && strides[last] == strides[layer]) ++last;
    const int per_cell = static_cast<int>(last - layer) * kAnchorsPerLayer;
    const int stride = std::max(1, strides[layer]);
    const int grid_x = (width + stride - 1) / stride, grid_y = (height + stride - 1) / stride;
    for (int y = 0; y < grid_y; ++y) {
      for (int x = 0; x < grid_x; ++x) {
        for (int a = 0; a < per_cell; ++a) {
          anchors.push_back({(x + 0.5f) / grid_x, (y + 0.5f) / grid_y});
        }
      }
    }
    layer = last;
  }
  return anchors;
}

std::vector<Anchor> BlazeFaceAnchors(int input_size) {
  return BlazeFaceAnchors(input_size, input_size);
}

std::vector<Anchor> BlazeFaceAnchors(int width, int height) {
  // Front (128): strides 8, 16, 16, 16. Back (256, its long side): 16, 32,
  // 32, 32. Square inputs give a 16x16 and an 8x8 grid.
  const int base = std::max(width, height) >= 256 ? 16 : 8;
  return SsdAnchors(width, height, {base, base * 2, base * 2, base * 2});
}

float BoxIou(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh) {
  const float ix = std::max(0.f, std::min(ax + aw, bx + bw) - std::max(ax, bx));
  const float iy = std::max(0.f, std::min(ay + ah, by + bh) - std::max(ay, by));
  const float inter = ix * iy;
  const float uni = aw * ah + bw * bh - inter;
  return uni > 0 ? inter / uni : 0.f;
}

std::vector<Face> WeightedNms(std::vector<Face> faces, float iou_threshold, int max_faces) {
  std::stable_sort(faces.begin(), faces.end(),
                   [](const Face& a, const Face& b) { return a.score > b.score; });
  std::vector<Face> out;
  std::vector<bool> used(faces.size(), false);
  for (size_t i = 0; i < faces.size() && static_cast<int>(out.size()) < max_faces; ++i) {
    if (used[i]) continue;
    const Face& top = faces[i];
    // Average of every detection overlapping the strongest one, weighted by
    // score: steadier boxes than keeping the single best (MediaPipe's
    // WEIGHTED suppression); the score stays the best one's.
    Face acc;
    float weight = 0;
    for (size_t j = i; j < faces.size(); ++j) {
      if (used[j]) continue;
      const Face& f = faces[j];
      if (j != i && BoxIou(top.x, top.y, top.width, top.height, f.x, f.y, f.width, f.height) <
                        iou_threshold) {
        continue;
      }
      used[j] = true;
      const float w = f.score;
      acc.x += f.x * w;
      acc.y += f.y * w;
      acc.width += f.width * w;
      acc.height += f.height * w;
      for (size_t k = 0; k < acc.keypoints.size(); ++k) {
        acc.keypoints[k][0] += f.keypoints[k][0] * w;
        acc.keypoints[k][1] += f.keypoints[k][1] * w;
      }
      weight += w;
    }
    if (weight <= 0) continue;
    acc.x /= weight;
    acc.y /= weight;
    acc.width /= weight;
    acc.height /= weight;
    for (auto& kp : acc.keypoints) {
      kp[0] /= weight;
      kp[1] /= weight;
    }
    acc.score = top.score;
    out.push_back(acc);
  }
  return out;
}

std::vector<Face> DecodeBlazeFace(const float* scores, const float* boxes,
                                  const std::vector<Anchor>& anchors, const Placement& placement,
                                  const FaceDecodeOptions& options) {
  std::vector<Face> candidates;
  const float size_x = static_cast<float>(placement.tensor_width);
  const float size_y = static_cast<float>(placement.tensor_height);
  if (size_x <= 0 || size_y <= 0 || placement.scale_x <= 0 || placement.scale_y <= 0) {
    return candidates;
  }
  // Tensor-normalised [0, 1] -> image pixels.
  auto to_x = [&](float u) { return (u * size_x - placement.pad_x) / placement.scale_x; };
  auto to_y = [&](float v) { return (v * size_y - placement.pad_y) / placement.scale_y; };
  for (size_t i = 0; i < anchors.size(); ++i) {
    const float logit = std::clamp(scores[i], -options.raw_score_clip, options.raw_score_clip);
    const float score = Sigmoid(logit);
    if (!(score >= options.min_score)) continue;  // also drops NaN
    const float* b = boxes + i * kValuesPerAnchor;
    const float cx = anchors[i].x + b[0] / size_x;
    const float cy = anchors[i].y + b[1] / size_y;
    const float w = b[2] / size_x, h = b[3] / size_y;
    if (!(w > 0 && h > 0)) continue;
    Face f;
    f.score = score;
    f.x = to_x(cx - w / 2);
    f.y = to_y(cy - h / 2);
    f.width = w * size_x / placement.scale_x;
    f.height = h * size_y / placement.scale_y;
    for (int k = 0; k < 6; ++k) {
      f.keypoints[k][0] = to_x(anchors[i].x + b[4 + 2 * k] / size_x);
      f.keypoints[k][1] = to_y(anchors[i].y + b[5 + 2 * k] / size_y);
    }
    candidates.push_back(f);
  }
  std::vector<Face> faces = WeightedNms(std::move(candidates), options.nms_iou, options.max_faces);
  // Boxes are clipped to the photo (a face cut by the frame keeps its visible
  // part), and a box left with no area is dropped.
  const float iw = static_cast<float>(placement.image_width);
  const float ih = static_cast<float>(placement.image_height);
  std::vector<Face> out;
  for (Face f : faces) {
    const float x0 = std::clamp(f.x, 0.f, iw), y0 = std::clamp(f.y, 0.f, ih);
    const float x1 = std::clamp(f.x + f.width, 0.f, iw), y1 = std::clamp(f.y + f.height, 0.f, ih);
    if (x1 - x0 < 1 || y1 - y0 < 1) continue;
    f.x = x0;
    f.y = y0;
    f.width = x1 - x0;
    f.height = y1 - y0;
    out.push_back(f);
  }
  return out;
}

}  // namespace gemroll
