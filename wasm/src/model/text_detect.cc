// PP-OCR (DB) probability map -> text boxes -> layout features.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include "gemroll/model.h"

namespace gemroll {
namespace {

constexpr int kCoverageGridLongSide = 256;  // union area measured on this grid
constexpr float kLineOverlap = 0.5f;        // vertical overlap (of the lower box) for one row
constexpr float kAlignTolerance = 0.03f;    // of image width, for "same left edge"
constexpr int kMinLinesForRegularity = 3;

struct Run {
  int min_x, min_y, max_x, max_y;
  double sum;
  int count;
};

}  // namespace

std::vector<TextBox> DecodeDbBoxes(const float* prob, int width, int height,
                                   const Placement& placement, const TextDecodeOptions& options) {
  std::vector<TextBox> boxes;
  if (width <= 0 || height <= 0 || placement.scale_x <= 0 || placement.scale_y <= 0) return boxes;
  const size_t n = static_cast<size_t>(width) * height;
  std::vector<uint8_t> seen(n, 0);
  std::vector<int> stack;
  for (size_t start = 0; start < n; ++start) {
    if (seen[start] || !(prob[start] > options.threshold)) continue;
    // Flood fill one 8-connected region of text pixels.
    Run r{width, height, -1, -1, 0.0, 0};
    seen[start] = 1;
    stack.assign(1, static_cast<int>(start));
    while (!stack.empty()) {
      const int p = stack.back();
      stack.pop_back();
      const int x = p % width, y = p / width;
      r.min_x = std::min(r.min_x, x);
      r.max_x = std::max(r.max_x, x);
      r.min_y = std::min(r.min_y, y);
      r.max_y = std::max(r.max_y, y);
      r.sum += prob[p];
      ++r.count;
      for (int dy = -1; dy <= 1; ++dy) {
        const int yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (int dx = -1; dx <= 1; ++dx) {
          const int xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const size_t q = static_cast<size_t>(yy) * width + xx;
          if (!seen[q] && prob[q] > options.threshold) {
            seen[q] = 1;
            stack.push_back(static_cast<int>(q));
          }
        }
      }
    }
    const float w = static_cast<float>(r.max_x - r.min_x + 1);
    const float h = static_cast<float>(r.max_y - r.min_y + 1);
    if (std::min(w, h) < options.min_side) continue;
    const float score = static_cast<float>(r.sum / r.count);
    if (score < options.box_threshold) continue;
    // DB trains on text regions shrunk by the Vatti offset D = A (1 - r^2) / L;
    // the inverse offset A * unclip_ratio / L restores the full text extent.
    const float d = w * h * options.unclip_ratio / (2 * (w + h));
    if (std::min(w, h) + 2 * d < options.min_side + 2) continue;
    TextBox b;
    b.score = score;
    b.x = (r.min_x - d - placement.pad_x) / placement.scale_x;
    b.y = (r.min_y - d - placement.pad_y) / placement.scale_y;
    b.width = (w + 2 * d) / placement.scale_x;
    b.height = (h + 2 * d) / placement.scale_y;
    // Clip to the photo.
    const float x1 = std::min(b.x + b.width, static_cast<float>(placement.image_width));
    const float y1 = std::min(b.y + b.height, static_cast<float>(placement.image_height));
    b.x = std::max(0.f, b.x);
    b.y = std::max(0.f, b.y);
    b.width = x1 - b.x;
    b.height = y1 - b.y;
    if (b.width <= 0 || b.height <= 0) continue;
    boxes.push_back(b);
    if (static_cast<int>(boxes.size()) >= options.max_boxes) break;
  }
  return boxes;
}

TextLayout ComputeTextLayout(const std::vector<TextBox>& boxes, int image_width, int image_height) {
  TextLayout layout;
  layout.boxes = static_cast<int>(boxes.size());
  if (boxes.empty() || image_width <= 0 || image_height <= 0) return layout;

  // Union area on a coarse grid (boxes may overlap after unclipping).
  const float g = static_cast<float>(kCoverageGridLongSide) / std::max(image_width, image_height);
  const int gw = std::max(1, static_cast<int>(std::lround(image_width * g)));
  const int gh = std::max(1, static_cast<int>(std::lround(image_height * g)));
  std::vector<uint8_t> grid(static_cast<size_t>(gw) * gh, 0);
  for (const TextBox& b : boxes) {
    const int x0 = std::clamp(static_cast<int>(std::floor(b.x * g)), 0, gw);
    const int x1 = std::clamp(static_cast<int>(std::ceil((b.x + b.width) * g)), 0, gw);
    const int y0 = std::clamp(static_cast<int>(std::floor(b.y * g)), 0, gh);
    const int y1 = std::clamp(static_cast<int>(std::ceil((b.y + b.height) * g)), 0, gh);
    for (int y = y0; y < y1; ++y) {
      const auto row = grid.begin() + static_cast<ptrdiff_t>(y) * gw;
      std::fill(row + x0, row + x1, 1);
    }
  }
  layout.area_fraction =
      static_cast<float>(std::accumulate(grid.begin(), grid.end(), 0)) / grid.size();

  // Rows: boxes (sorted top to bottom) join the row they overlap vertically
  // by at least kLineOverlap of their own height; words and columns of one
  // printed line become one row.
  std::vector<size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return boxes[a].y + boxes[a].height / 2 < boxes[b].y + boxes[b].height / 2;
  });
  struct Row {
    float top, bottom, left, right;
  };
  std::vector<Row> rows;
  for (size_t i : order) {
    const TextBox& b = boxes[i];
    bool joined = false;
    for (Row& r : rows) {
      const float overlap = std::min(r.bottom, b.y + b.height) - std::max(r.top, b.y);
      if (overlap >= kLineOverlap * std::min(b.height, r.bottom - r.top)) {
        r.left = std::min(r.left, b.x);
        r.right = std::max(r.right, b.x + b.width);
        joined = true;
        break;
      }
    }
    if (!joined) rows.push_back({b.y, b.y + b.height, b.x, b.x + b.width});
  }
  layout.lines = static_cast<int>(rows.size());
  if (layout.lines < kMinLinesForRegularity) return layout;

  std::vector<float> lefts, lengths;
  double sum = 0, sum2 = 0;
  for (const Row& r : rows) {
    lefts.push_back(r.left);
    if (r.bottom > r.top) lengths.push_back((r.right - r.left) / (r.bottom - r.top));
    const double h = r.bottom - r.top;
    sum += h;
    sum2 += h * h;
  }
  std::nth_element(lefts.begin(), lefts.begin() + lefts.size() / 2, lefts.end());
  const float median_left = lefts[lefts.size() / 2];
  int aligned = 0;
  for (const Row& r : rows) {
    if (std::fabs(r.left - median_left) <= kAlignTolerance * image_width) ++aligned;
  }
  layout.left_alignment = static_cast<float>(aligned) / rows.size();
  const double mean = sum / rows.size();
  const double var = std::max(0.0, sum2 / rows.size() - mean * mean);
  layout.line_height_cv = mean > 0 ? static_cast<float>(std::sqrt(var) / mean) : 0.f;
  layout.regularity =
      0.5f * layout.left_alignment + 0.5f * (1 - std::min(1.f, layout.line_height_cv));
  if (!lengths.empty()) {
    std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2, lengths.end());
    layout.line_length = lengths[lengths.size() / 2];
  }
  return layout;
}

}  // namespace gemroll
