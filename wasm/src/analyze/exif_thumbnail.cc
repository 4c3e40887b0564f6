// Does the camera's EXIF thumbnail still show these pixels? Both pictures are
// reduced to 16 x 16 cell means and compared; black bands that cameras add to
// fit a 3:2 or 16:9 frame into a 160 x 120 thumbnail are trimmed first, and a
// thumbnail of another shape is also compared with the picture's centre (some
// cameras crop instead of padding), keeping the closer match.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "gemroll/analyze.h"

namespace gemroll {
namespace {

constexpr int kGrid = 16;
using Cells = std::array<float, kGrid * kGrid * 3>;

struct Box {
  int x0, y0, x1, y1;  // half-open pixel rectangle
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

// RGB means of a kGrid x kGrid partition of `box`, 0..1. Every step-th row
// and column (at least ~8 samples per cell a side): cell means need no more,
// and the picture's analysis decode can be 12x the thumbnail's pixels.
Cells CellMeans(const ImageView& im, const Box& box) {
  const int step = std::max(1, std::min(box.width(), box.height()) / (8 * kGrid));
  std::vector<int> cell_of_x;
  for (int x = box.x0; x < box.x1; x += step)
    cell_of_x.push_back((x - box.x0) * kGrid / box.width());
  std::array<uint32_t, kGrid * kGrid * 3> sum{};
  std::array<uint32_t, kGrid * kGrid> count{};
  for (int y = box.y0; y < box.y1; y += step) {
    const int row_cell = (y - box.y0) * kGrid / box.height() * kGrid;
    const uint8_t* px = im.Row(y) + 4 * box.x0;
    for (int cx : cell_of_x) {
      const int c = row_cell + cx;
      sum[3 * c] += px[0], sum[3 * c + 1] += px[1], sum[3 * c + 2] += px[2];
      ++count[c];
      px += 4 * step;
    }
  }
  Cells out{};
  for (int c = 0; c < kGrid * kGrid; ++c) {
    const float n = 255.f * std::max<uint32_t>(1, count[c]);
    for (int k = 0; k < 3; ++k) out[3 * c + k] = sum[3 * c + k] / n;
  }
  return out;
}

float MeanAbsDiff(const Cells& a, const Cells& b) {
  double d = 0;
  for (size_t i = 0; i < a.size(); ++i) d += std::fabs(a[i] - b[i]);
  return static_cast<float>(d / a.size());
}

// Row (or column) `at` is black from `from` to `to` (exclusive).
bool DarkLine(const ImageView& im, bool row, int at, int from, int to) {
  for (int i = from; i < to; ++i) {
    const uint8_t* px = row ? im.Row(at) + 4 * i : im.Row(i) + 4 * at;
    if (std::max({px[0], px[1], px[2]}) > 24) return false;
  }
  return true;
}

// The thumbnail without the black bands a camera pads it with. Bands cover
// at most a third of a side; a picture that is dark all over is left whole.
Box TrimBands(const ImageView& t) {
  Box b{0, 0, t.width, t.height};
  while (b.y0 < t.height / 3 && DarkLine(t, true, b.y0, 0, t.width)) ++b.y0;
  while (b.y1 > t.height - t.height / 3 && DarkLine(t, true, b.y1 - 1, 0, t.width)) --b.y1;
  while (b.x0 < t.width / 3 && DarkLine(t, false, b.x0, b.y0, b.y1)) ++b.x0;
  while (b.x1 > t.width - t.width / 3 && DarkLine(t, false, b.x1 - 1, b.y0, b.y1)) --b.x1;
  if (b.width() < t.width / 2 || b.height() < t.height / 2) return {0, 0, t.width, t.height};
  return b;
}

// The centre of `im` with the aspect ratio `aspect` (width / height).
Box CentreOfAspect(const ImageView& im, double aspect) {
  int w = im.width, h = im.height;
  if (double(w) / h > aspect) {
    w = std::max(1, static_cast<int>(std::lround(h * aspect)));
  } else {
    h = std::max(1, static_cast<int>(std::lround(w / aspect)));
  }
  const int x0 = (im.width - w) / 2, y0 = (im.height - h) / 2;
  return {x0, y0, x0 + w, y0 + h};
}

}  // namespace

ThumbnailAgreement CompareExifThumbnail(const uint8_t* file, size_t size, const ExifData& exif,
                                        const ImageView& upright,
                                        const ThumbnailAgreementLimits& limits) {
  ThumbnailAgreement out;
  if (exif.thumbnail_length == 0 || exif.thumbnail_offset >= size ||
      exif.thumbnail_length > size - exif.thumbnail_offset || upright.empty() ||
      upright.format != PixelFormat::kRGBA8 || upright.width < kGrid || upright.height < kGrid) {
    return out;
  }
  const uint8_t* bytes = file + exif.thumbnail_offset;
  const size_t length = static_cast<size_t>(exif.thumbnail_length);
  if (SniffFormat(bytes, length) != ImageFormat::kJpeg) return out;
  DecodeOptions opt;
  opt.min_short_side = 0;
  opt.max_pixels = 1 << 20;  // thumbnails are ~160 x 120; anything far larger is not one
  opt.max_bytes = length;
  opt.orientation = exif.orientation;
  StatusOr<DecodedImage> decoded = Decode(bytes, length, opt);
  if (!decoded.ok()) return out;
  const ImageView t = decoded.value().image.View();
  if (t.width < kGrid || t.height < kGrid) return out;

  const Box inner = TrimBands(t);
  const double thumb_aspect = double(inner.width()) / inner.height();
  const double picture_aspect = double(upright.width) / upright.height;
  const Cells thumb = CellMeans(t, inner);
  float d = MeanAbsDiff(thumb, CellMeans(upright, {0, 0, upright.width, upright.height}));
  // Shapes agree within 4 % (rounding of a 160-pixel side, odd padding).
  out.shape_differs = std::fabs(std::log(thumb_aspect / picture_aspect)) > 0.04;
  if (out.shape_differs) {
    d = std::min(d, MeanAbsDiff(thumb, CellMeans(upright, CentreOfAspect(upright, thumb_aspect))));
  }
  out.distance = d;
  using State = ThumbnailAgreement::State;
  out.state = d <= limits.agree    ? State::kAgrees
              : d >= limits.differ ? State::kDiffers
                                   : State::kUnsure;
  return out;
}

}  // namespace gemroll
