// Collage layouts: where each photo goes on the canvas and which part of it
// is shown. Cells are computed in floating point and rounded edge by edge, so
// neighbours stay exactly a gutter apart (within a pixel).
//
// Mosaic: a guillotine (slicing) tree. For a tree, the width a subtree needs
// at a given height is affine, W(h) = p*h + q (a leaf: p = its aspect, q = 0;
// side by side: p and q add, plus a gutter; stacked: 1/p adds and q follows),
// so a tree whose W(h) matches the canvas shows every photo uncropped. Any
// mismatch is spread over the children in proportion to p. Trees are drawn
// at random (fixed seed, so results are reproducible) and scored on the crop
// loss of the cells they produce plus how unequal the cell sizes are.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "collage/collage_internal.h"
#include "gemroll/collage.h"
#include "gemroll/limits.h"

namespace gemroll {
namespace {

// Every weight and limit of the layouts, in one place.
struct CollageParams {
  int max_photos = 64;
  int min_cell = 8;  // pixels; a layout with smaller cells is refused
  // Mosaic search: trees tried (more for few photos, where each is cheap and
  // the space small enough to cover well).
  int mosaic_trials_small = 4000;  // up to 12 photos
  int mosaic_trials_large = 1500;
  // Score = mean crop loss + worst crop loss * worst_weight + balance_weight *
  // log(largest cell area / smallest), the last so no photo becomes a sliver.
  float mosaic_worst_weight = 0.5f;
  float mosaic_balance_weight = 0.1f;
  // Grid: rows of equal cells, the last row's cells widened to fill it.
  // Hero: the hero's share of the long side, clamped around its own aspect.
  float hero_min_share = 0.45f, hero_max_share = 0.7f;
  uint64_t seed = 0x9e3779b97f4a7c15ull;
};
constexpr CollageParams kCollageParams;

using collage_internal::Fmt;

struct RectD {
  double x, y, w, h;
};

// Aspect distortion of showing a photo of aspect pa in a cell of aspect ca
// (the share of the photo cropped away by the largest crop of the cell's shape).
double CropLossFor(double pa, double ca) { return 1 - std::min(pa / ca, ca / pa); }

// ---- slicing trees ----
struct Node {
  int photo = -1;  // leaf when >= 0
  int left = -1, right = -1;
  bool side_by_side = false;
  double p = 0, q = 0;  // W(h) = p*h + q
};

struct Tree {
  std::vector<Node> nodes;
  int root = -1;
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {  // splitmix64
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t s_;
};

int Build(Tree& t, const std::vector<int>& order, int lo, int hi, Rng& rng) {
  Node n;
  if (hi - lo == 1) {
    n.photo = order[lo];
  } else {
    const int split = lo + 1 + rng.Below(hi - lo - 1);
    n.left = Build(t, order, lo, split, rng);
    n.right = Build(t, order, split, hi, rng);
    n.side_by_side = rng.Below(2) == 0;
  }
  t.nodes.push_back(n);
  return static_cast<int>(t.nodes.size()) - 1;
}

void Affine(Tree& t, int i, const std::vector<double>& aspect, double g) {
  Node& n = t.nodes[i];
  if (n.photo >= 0) {
    n.p = aspect[n.photo];
    n.q = 0;
    return;
  }
  Affine(t, n.left, aspect, g);
  Affine(t, n.right, aspect, g);
  const Node& l = t.nodes[n.left];
  const Node& r = t.nodes[n.right];
  if (n.side_by_side) {
    n.p = l.p + r.p;
    n.q = l.q + r.q + g;
  } else {
    // H(w) = w/p - q/p for each child; stacked heights add plus a gutter.
    n.p = 1 / (1 / l.p + 1 / r.p);
    n.q = n.p * (l.q / l.p + r.q / r.p - g);
  }
}

void Place(const Tree& t, int i, RectD r, double g, std::vector<RectD>& out) {
  const Node& n = t.nodes[i];
  if (n.photo >= 0) {
    out[n.photo] = r;
    return;
  }
  const Node& l = t.nodes[n.left];
  if (n.side_by_side) {
    const double e = r.w - (n.p * r.h + n.q);  // width to spread (either sign)
    double wl = l.p * r.h + l.q + e * l.p / n.p;
    wl = std::clamp(wl, 1.0, std::max(1.0, r.w - g - 1));
    Place(t, n.left, {r.x, r.y, wl, r.h}, g, out);
    Place(t, n.right, {r.x + wl + g, r.y, std::max(1.0, r.w - wl - g), r.h}, g, out);
  } else {
    const double height = (r.w - n.q) / n.p;
    const double e = r.h - height;
    const double hl_ideal = (r.w - l.q) / l.p;
    double hl = hl_ideal + e * (1 / l.p) / (1 / n.p);
    hl = std::clamp(hl, 1.0, std::max(1.0, r.h - g - 1));
    Place(t, n.left, {r.x, r.y, r.w, hl}, g, out);
    Place(t, n.right, {r.x, r.y + hl + g, r.w, std::max(1.0, r.h - hl - g)}, g, out);
  }
}

struct Score {
  double total = 1e30, mean = 0, worst = 0;
};

Score ScoreRects(const std::vector<RectD>& rects, const std::vector<double>& aspect, bool balance) {
  const CollageParams& P = kCollageParams;
  Score s;
  double amin = 1e300, amax = 0;
  for (size_t i = 0; i < rects.size(); ++i) {
    const RectD& r = rects[i];
    if (r.w < 1 || r.h < 1) return Score{};
    const double loss = CropLossFor(aspect[i], r.w / r.h);
    s.mean += loss;
    s.worst = std::max(s.worst, loss);
    amin = std::min(amin, r.w * r.h);
    amax = std::max(amax, r.w * r.h);
  }
  s.mean /= static_cast<double>(rects.size());
  s.total = s.mean + P.mosaic_worst_weight * s.worst;
  if (balance) s.total += P.mosaic_balance_weight * std::log(amax / amin);
  return s;
}

std::vector<RectD> MosaicRects(const std::vector<double>& aspect, RectD area, double g,
                               int* tried) {
  const CollageParams& P = kCollageParams;
  const int n = static_cast<int>(aspect.size());
  std::vector<RectD> best(n, area);
  if (n == 1) return best;
  const int trials = n <= 12 ? P.mosaic_trials_small : P.mosaic_trials_large;
  Rng rng(P.seed ^ static_cast<uint64_t>(n));
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  Score best_score;
  std::vector<RectD> rects(n);
  Tree t;
  for (int k = 0; k < trials; ++k) {
    for (int i = n - 1; i > 0; --i) std::swap(order[i], order[rng.Below(i + 1)]);
    t.nodes.clear();
    t.root = Build(t, order, 0, n, rng);
    Affine(t, t.root, aspect, g);
    Place(t, t.root, area, g, rects);
    const Score s = ScoreRects(rects, aspect, true);
    if (s.total < best_score.total) {
      best_score = s;
      best = rects;
    }
  }
  *tried = trials;
  return best;
}

// Rows of equal cells; the last row's cells share its full width.
std::vector<RectD> GridRects(const std::vector<double>& aspect, RectD area, double g,
                             int* cols_out) {
  const int n = static_cast<int>(aspect.size());
  std::vector<RectD> best;
  Score best_score;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const double ch = (area.h - g * (rows - 1)) / rows;
    std::vector<RectD> rects(n);
    for (int i = 0; i < n; ++i) {
      const int row = i / cols, col = i % cols;
      const int in_row = row == rows - 1 ? n - cols * (rows - 1) : cols;
      const double cw = (area.w - g * (in_row - 1)) / in_row;
      rects[i] = {area.x + col * (cw + g), area.y + row * (ch + g), cw, ch};
    }
    const Score s = ScoreRects(rects, aspect, false);
    if (s.total < best_score.total - 1e-9) {
      best_score = s;
      best = rects;
      *cols_out = cols;
    }
  }
  return best;
}

// One row (landscape area) or one column (portrait), sized by aspect.
std::vector<RectD> StripRects(const std::vector<double>& aspect, RectD area, double g, bool* row) {
  Tree t;
  const int n = static_cast<int>(aspect.size());
  *row = area.w >= area.h;
  std::vector<RectD> rects(n, area);
  if (n == 1) return rects;
  // A chain tree: photo 0 | (photo 1 | (...)).
  int right = -1;
  for (int i = n - 1; i >= 0; --i) {
    Node leaf;
    leaf.photo = i;
    t.nodes.push_back(leaf);
    const int li = static_cast<int>(t.nodes.size()) - 1;
    if (right < 0) {
      right = li;
      continue;
    }
    Node pair;
    pair.left = li;
    pair.right = right;
    pair.side_by_side = *row;
    t.nodes.push_back(pair);
    right = static_cast<int>(t.nodes.size()) - 1;
  }
  t.root = right;
  Affine(t, t.root, aspect, g);
  Place(t, t.root, area, g, rects);
  return rects;
}

std::vector<RectD> HeroRects(const std::vector<double>& aspect, RectD area, double g, int hero) {
  const CollageParams& P = kCollageParams;
  const int n = static_cast<int>(aspect.size());
  std::vector<RectD> rects(n, area);
  if (n == 1) return rects;
  std::vector<double> rest_aspect;
  std::vector<int> rest;
  for (int i = 0; i < n; ++i) {
    if (i != hero) {
      rest.push_back(i);
      rest_aspect.push_back(aspect[i]);
    }
  }
  RectD rest_area;
  if (area.w >= area.h) {
    double hw = aspect[hero] * area.h;
    hw = std::clamp(hw, P.hero_min_share * (area.w - g), P.hero_max_share * (area.w - g));
    rects[hero] = {area.x, area.y, hw, area.h};
    rest_area = {area.x + hw + g, area.y, area.w - hw - g, area.h};
  } else {
    double hh = area.w / aspect[hero];
    hh = std::clamp(hh, P.hero_min_share * (area.h - g), P.hero_max_share * (area.h - g));
    rects[hero] = {area.x, area.y, area.w, hh};
    rest_area = {area.x, area.y + hh + g, area.w, area.h - hh - g};
  }
  int cols = 1;
  const std::vector<RectD> sub = GridRects(rest_aspect, rest_area, g, &cols);
  for (size_t k = 0; k < rest.size(); ++k) rects[rest[k]] = sub[k];
  return rects;
}

}  // namespace

const char* CollageLayoutName(CollageLayout l) {
  switch (l) {
    case CollageLayout::kGrid:
      return "grid";
    case CollageLayout::kMosaic:
      return "mosaic";
    case CollageLayout::kStrip:
      return "strip";
    case CollageLayout::kHero:
      return "hero";
  }
  return "mosaic";
}

bool CollageLayoutFromName(std::string_view name, CollageLayout* out) {
  for (CollageLayout l : {CollageLayout::kGrid, CollageLayout::kMosaic, CollageLayout::kStrip,
                          CollageLayout::kHero}) {
    if (name == CollageLayoutName(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

RelRect CropForCell(int width, int height, float cell_aspect, const std::vector<RelRect>& keep,
                    bool* letterboxed) {
  *letterboxed = false;
  const double pa = static_cast<double>(width) / height;
  const double ca = cell_aspect;
  // Largest crop of the cell's shape, relative units.
  double cw = 1, ch = 1;
  if (pa >= ca) {
    cw = ca / pa;
  } else {
    ch = pa / ca;
  }
  double ux0 = 1, uy0 = 1, ux1 = 0, uy1 = 0;
  for (const RelRect& k : keep) {
    if (!(k.w > 0) || !(k.h > 0) || !std::isfinite(k.x) || !std::isfinite(k.y)) continue;
    ux0 = std::min(ux0, std::clamp(static_cast<double>(k.x), 0.0, 1.0));
    uy0 = std::min(uy0, std::clamp(static_cast<double>(k.y), 0.0, 1.0));
    ux1 = std::max(ux1, std::clamp(static_cast<double>(k.x) + k.w, 0.0, 1.0));
    uy1 = std::max(uy1, std::clamp(static_cast<double>(k.y) + k.h, 0.0, 1.0));
  }
  const bool have_keep = ux1 > ux0 && uy1 > uy0;
  if (have_keep && (ux1 - ux0 > cw + 1e-9 || uy1 - uy0 > ch + 1e-9)) {
    // The faces do not fit this shape: keep them whole, nearest shape.
    *letterboxed = true;
    cw = std::max(cw, ux1 - ux0);
    ch = std::max(ch, uy1 - uy0);
  }
  const double cx = have_keep ? (ux0 + ux1) / 2 : 0.5;
  const double cy = have_keep ? (uy0 + uy1) / 2 : 0.5;
  double x = std::clamp(cx - cw / 2, 0.0, 1 - cw);
  double y = std::clamp(cy - ch / 2, 0.0, 1 - ch);
  if (have_keep) {  // the clamp to the photo may only move the crop over the boxes
    x = std::clamp(x, std::max(0.0, ux1 - cw), std::min(1 - cw, ux0));
    y = std::clamp(y, std::max(0.0, uy1 - ch), std::min(1 - ch, uy0));
  }
  return {static_cast<float>(x), static_cast<float>(y), static_cast<float>(cw),
          static_cast<float>(ch)};
}

namespace collage_internal {

void FinishCell(const CollagePhoto& photo, CollageCell* c) {
  const float ca = static_cast<float>(c->w) / c->h;
  c->source = CropForCell(photo.width, photo.height, ca, photo.keep, &c->letterboxed);
  c->draw_x = c->x;
  c->draw_y = c->y;
  c->draw_w = c->w;
  c->draw_h = c->h;
  if (c->letterboxed) {
    // Fit the crop's own shape inside the cell, centred.
    const double sa = static_cast<double>(c->source.w) * photo.width / (c->source.h * photo.height);
    if (sa > ca) {
      c->draw_h = std::max(1, static_cast<int>(std::lround(c->w / sa)));
      c->draw_y = c->y + (c->h - c->draw_h) / 2;
    } else {
      c->draw_w = std::max(1, static_cast<int>(std::lround(c->h * sa)));
      c->draw_x = c->x + (c->w - c->draw_w) / 2;
    }
  }
  UpdateCellReasons(photo.keep.size(), c);
}

void UpdateCellReasons(size_t keep_boxes, CollageCell* c) {
  c->crop_loss = std::clamp(1 - c->source.w * c->source.h, 0.0f, 1.0f);
  c->reasons.clear();
  std::vector<Reason>& why = c->reasons;
  why.push_back(
      {"shown", Fmt("shows %.0f%% of the photo", 100 * (1 - c->crop_loss)), 1 - c->crop_loss});
  if (keep_boxes > 0 && !c->letterboxed) {
    why.push_back({"faces_kept",
                   Fmt("keeps all %.0f face%s whole", static_cast<double>(keep_boxes),
                       keep_boxes == 1 ? "" : "s"),
                   0.5f});
  }
  if (c->letterboxed) {
    why.push_back({"letterboxed",
                   Fmt("the faces do not fit a %.2g:1 cell: shown whole with bars",
                       static_cast<double>(c->w) / c->h),
                   -0.5f});
  }
}

}  // namespace collage_internal

StatusOr<CollageLayoutResult> LayoutCollage(const std::vector<CollagePhoto>& photos,
                                            const CollageLayoutOptions& o) {
  const CollageParams& P = kCollageParams;
  const int n = static_cast<int>(photos.size());
  if (n == 0) return InvalidArgument("collage: no photos");
  if (n > P.max_photos) {
    return InvalidArgument(Fmt("collage: %.0f photos, at most %.0f", n, P.max_photos));
  }
  if (o.width < 16 || o.height < 16 || o.width > 16384 || o.height > 16384 ||
      static_cast<uint64_t>(o.width) * o.height > kMaxInputPixels) {
    return InvalidArgument("collage: canvas must be 16..16384 px a side and at most 100 MP");
  }
  std::vector<double> aspect(n);
  for (int i = 0; i < n; ++i) {
    if (photos[i].width <= 0 || photos[i].height <= 0) {
      return InvalidArgument(Fmt("collage: photo %.0f has no size", i));
    }
    aspect[i] = static_cast<double>(photos[i].width) / photos[i].height;
  }
  const int gutter = std::clamp(o.gutter, 0, std::min(o.width, o.height) / 4);
  const int margin =
      std::clamp(o.margin < 0 ? gutter : o.margin, 0, std::min(o.width, o.height) / 4);
  const int title = std::clamp(o.title_height, 0, o.height / 2);
  CollageLayoutResult r;
  r.layout = o.layout;
  r.width = o.width;
  r.height = o.height;
  if (title > 0) {
    r.title_x = margin;
    r.title_y = margin;
    r.title_w = o.width - 2 * margin;
    r.title_h = title;
  }
  const RectD area{static_cast<double>(margin), static_cast<double>(margin + title),
                   static_cast<double>(o.width - 2 * margin),
                   static_cast<double>(o.height - 2 * margin - title)};
  if (area.w < P.min_cell || area.h < P.min_cell) {
    return InvalidArgument("collage: margins and title leave no room for photos");
  }
  const double g = gutter;
  std::vector<RectD> rects;
  std::string how;
  switch (o.layout) {
    case CollageLayout::kMosaic: {
      int tried = 0;
      rects = MosaicRects(aspect, area, g, &tried);
      how = Fmt("a slicing tree chosen from %.0f tried to keep each photo's shape", tried);
      break;
    }
    case CollageLayout::kGrid: {
      int cols = 1;
      rects = GridRects(aspect, area, g, &cols);
      how = Fmt("%.0f columns: the grid that crops least", cols);
      break;
    }
    case CollageLayout::kStrip: {
      bool row = true;
      rects = StripRects(aspect, area, g, &row);
      how = row ? "one row, each photo as wide as its shape asks"
                : "one column, each photo as tall as its shape asks";
      break;
    }
    case CollageLayout::kHero: {
      if (o.hero < 0 || o.hero >= n) return InvalidArgument("collage: hero index out of range");
      rects = HeroRects(aspect, area, g, o.hero);
      how = Fmt("photo %.0f large, the others as thumbnails beside it", o.hero);
      break;
    }
  }
  r.cells.resize(n);
  for (int i = 0; i < n; ++i) {
    CollageCell& c = r.cells[i];
    c.photo = i;
    const RectD& d = rects[i];
    c.x = static_cast<int>(std::lround(d.x));
    c.y = static_cast<int>(std::lround(d.y));
    c.w = static_cast<int>(std::lround(d.x + d.w)) - c.x;
    c.h = static_cast<int>(std::lround(d.y + d.h)) - c.y;
    if (c.w < P.min_cell || c.h < P.min_cell) {
      return InvalidArgument(Fmt("collage: the canvas is too small for %.0f photos in a %s", n,
                                 CollageLayoutName(o.layout)));
    }
    collage_internal::FinishCell(photos[i], &c);
  }
  collage_internal::Summarise(&r);
  r.reasons.insert(r.reasons.begin(), Reason{"layout",
                                             std::string(CollageLayoutName(o.layout)) + " of " +
                                                 std::to_string(n) + " photos: " + how,
                                             1.0f});
  return r;
}

namespace collage_internal {

void Summarise(CollageLayoutResult* r) {
  double sum = 0, worst = 0;
  int boxed = 0;
  for (const CollageCell& c : r->cells) {
    sum += c.crop_loss;
    worst = std::max(worst, static_cast<double>(c.crop_loss));
    boxed += c.letterboxed;
  }
  r->mean_crop_loss = static_cast<float>(sum / std::max<size_t>(1, r->cells.size()));
  r->max_crop_loss = static_cast<float>(worst);
  // Keep the layout reason (first, when present); redo the rest.
  std::vector<Reason> keep;
  if (!r->reasons.empty() && r->reasons.front().code == "layout")
    keep.push_back(r->reasons.front());
  r->reasons = std::move(keep);
  r->reasons.push_back({"crop_loss",
                        Fmt("crops %.0f%% of each photo on average, %.0f%% at most",
                            100 * r->mean_crop_loss, 100 * r->max_crop_loss),
                        -r->mean_crop_loss});
  if (boxed > 0) {
    r->reasons.push_back(
        {"letterboxed",
         Fmt("%.0f photo%s shown with bars so no face is cut", boxed, boxed == 1 ? "" : "s"),
         -0.1f * boxed});
  }
}

}  // namespace collage_internal

void CollageLayoutResult::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("layout", std::string(CollageLayoutName(layout)));
  w.Field("width", width).Field("height", height);
  if (title_h > 0) {
    w.Key("title").BeginObject().Field("x", title_x).Field("y", title_y);
    w.Field("w", title_w).Field("h", title_h).EndObject();
  }
  w.Field("meanCropLoss", mean_crop_loss).Field("maxCropLoss", max_crop_loss);
  w.Key("cells").BeginArray();
  for (const CollageCell& c : cells) {
    w.BeginObject().Field("photo", c.photo);
    w.Field("x", c.x).Field("y", c.y).Field("w", c.w).Field("h", c.h);
    w.Key("draw").BeginObject().Field("x", c.draw_x).Field("y", c.draw_y);
    w.Field("w", c.draw_w).Field("h", c.draw_h).EndObject();
    w.Key("source").BeginObject().Field("x", c.source.x).Field("y", c.source.y);
    w.Field("w", c.source.w).Field("h", c.source.h).EndObject();
    w.Field("cropLoss", c.crop_loss).Field("letterboxed", c.letterboxed);
    w.Key("reasons");
    WriteReasons(w, c.reasons);
    w.EndObject();
  }
  w.EndArray();
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

}  // namespace gemroll
