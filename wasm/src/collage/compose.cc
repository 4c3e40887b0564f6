// The CPU collage renderer (the reference for any GPU path): background and
// decoration, then each cell decoded at the smallest scale that covers it
// (one photo in memory at a time), cropped (SmartCrop at the cell's shape,
// faces kept), resampled, edited and masked, then the title.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "collage/collage_internal.h"
#include "gemroll/collage.h"
#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/exif.h"

namespace gemroll {
namespace {

using collage_internal::Fmt;

// Per output index along one axis: the first source index and its weights.
struct Taps {
  std::vector<int> first, count;
  std::vector<float> weights;  // count[i] weights per output, concatenated
  std::vector<size_t> offset;
};

Taps BuildTaps(double s0, double len, int size, int out) {
  Taps t;
  t.first.resize(out);
  t.count.resize(out);
  t.offset.resize(out);
  const double scale = len / out;
  for (int i = 0; i < out; ++i) {
    t.offset[i] = t.weights.size();
    if (scale > 1) {  // shrinking: exact coverage of [a, b)
      const double a = s0 + i * scale, b = a + scale;
      const int p0 = std::max(0, static_cast<int>(std::floor(a)));
      const int p1 = std::min(size - 1, static_cast<int>(std::ceil(b)) - 1);
      t.first[i] = p0;
      double sum = 0;
      for (int p = p0; p <= p1; ++p) {
        const double wgt =
            std::max(0.0, std::min(b, p + 1.0) - std::max(a, static_cast<double>(p)));
        t.weights.push_back(static_cast<float>(wgt));
        sum += wgt;
      }
      t.count[i] = std::max(0, p1 - p0 + 1);
      for (int k = 0; k < t.count[i]; ++k) t.weights[t.offset[i] + k] /= static_cast<float>(sum);
    } else {  // enlarging: bilinear between the two nearest centres
      const double c = s0 + (i + 0.5) * scale - 0.5;
      const int p = static_cast<int>(std::floor(c));
      const double f = c - p;
      const int a = std::clamp(p, 0, size - 1), b = std::clamp(p + 1, 0, size - 1);
      t.first[i] = a;
      if (b == a) {
        t.count[i] = 1;
        t.weights.push_back(1);
      } else {
        t.count[i] = 2;
        t.weights.push_back(static_cast<float>(1 - f));
        t.weights.push_back(static_cast<float>(f));
      }
    }
  }
  return t;
}

uint8_t Clamp8(float v) { return static_cast<uint8_t>(std::clamp(v + 0.5f, 0.0f, 255.0f)); }

Rgba Mix(Rgba a, Rgba b, float t) {
  auto m = [t](uint8_t x, uint8_t y) { return Clamp8(x + (y - x) * t); };
  return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), 255};
}

// Blends colour over the canvas pixel with coverage 0..1.
inline void Blend(uint8_t* p, Rgba c, float cover) {
  if (cover <= 0) return;
  cover = std::min(cover, 1.0f);
  p[0] = Clamp8(p[0] + (c.r - p[0]) * cover);
  p[1] = Clamp8(p[1] + (c.g - p[1]) * cover);
  p[2] = Clamp8(p[2] + (c.b - p[2]) * cover);
  p[3] = 255;
}

void FillDisc(Image* canvas, double cx, double cy, double r, Rgba c) {
  const int x0 = std::max(0, static_cast<int>(std::floor(cx - r)));
  const int x1 = std::min(canvas->width() - 1, static_cast<int>(std::ceil(cx + r)));
  const int y0 = std::max(0, static_cast<int>(std::floor(cy - r)));
  const int y1 = std::min(canvas->height() - 1, static_cast<int>(std::ceil(cy + r)));
  for (int y = y0; y <= y1; ++y) {
    uint8_t* row = canvas->Row(y);
    for (int x = x0; x <= x1; ++x) {
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      Blend(row + 4 * x, c, static_cast<float>(std::clamp(r - d + 0.5, 0.0, 1.0)));
    }
  }
}

// Deterministic hash -> [0, 1).
double Hash01(uint64_t i, uint64_t salt) {
  uint64_t z = i * 0x9e3779b97f4a7c15ull + salt;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / 9007199254740992.0;
}

void PaintBackground(Image* canvas, const CollageLayoutResult& layout, const CollageStyle& s) {
  const int W = canvas->width(), H = canvas->height();
  for (int y = 0; y < H; ++y) {
    const Rgba c =
        Mix(s.background_top, s.background_bottom, H > 1 ? static_cast<float>(y) / (H - 1) : 0);
    uint8_t* row = canvas->Row(y);
    for (int x = 0; x < W; ++x) {
      row[4 * x] = c.r;
      row[4 * x + 1] = c.g;
      row[4 * x + 2] = c.b;
      row[4 * x + 3] = 255;
    }
  }
  const double unit = std::min(W, H) / 100.0;
  const int dots = static_cast<int>(static_cast<double>(W) * H / (unit * unit * 40));
  switch (s.decoration) {
    case CollageDecoration::kNone:
      break;
    case CollageDecoration::kConfetti: {
      const Rgba palette[4] = {
          s.accent, {236, 72, 153, 255}, {59, 130, 246, 255}, {250, 204, 21, 255}};
      for (int i = 0; i < dots; ++i) {
        FillDisc(canvas, Hash01(i, 1) * W, Hash01(i, 2) * H, unit * (0.35 + 0.5 * Hash01(i, 3)),
                 palette[static_cast<int>(Hash01(i, 4) * 4) & 3]);
      }
      break;
    }
    case CollageDecoration::kSnow:
      for (int i = 0; i < dots; ++i) {
        FillDisc(canvas, Hash01(i, 5) * W, Hash01(i, 6) * H, unit * (0.2 + 0.45 * Hash01(i, 7)),
                 Rgba{255, 255, 255, 255});
      }
      break;
    case CollageDecoration::kStars:
      for (int i = 0; i < dots / 2; ++i) {
        FillDisc(canvas, Hash01(i, 8) * W, Hash01(i, 9) * H, unit * (0.12 + 0.25 * Hash01(i, 10)),
                 Mix(s.accent, Rgba{255, 255, 255, 255}, static_cast<float>(Hash01(i, 11))));
      }
      break;
    case CollageDecoration::kRule:
      if (layout.title_h > 0) {  // a thin accent line under the title band
        const int t = std::max(2, static_cast<int>(unit * 0.35));
        const int y0 = layout.title_y + layout.title_h - t;
        const int x0 = layout.title_x + layout.title_w / 4,
                  x1 = layout.title_x + 3 * layout.title_w / 4;
        for (int y = std::max(0, y0); y < std::min(H, y0 + t); ++y) {
          for (int x = std::max(0, x0); x < std::min(W, x1); ++x)
            Blend(canvas->Row(y) + 4 * x, s.accent, 1);
        }
      }
      break;
  }
}

// Coverage of pixel (x, y) by a rounded rectangle of radius r (pixel centres).
float RoundedCoverage(int x, int y, int x0, int y0, int w, int h, double r) {
  if (r <= 0) return 1;
  const double px = x + 0.5, py = y + 0.5;
  // Away from the corners the answer is 1 (most pixels: skip the hypot).
  if ((px >= x0 + r && px <= x0 + w - r) || (py >= y0 + r && py <= y0 + h - r)) {
    return px >= x0 && px <= x0 + w && py >= y0 && py <= y0 + h ? 1.0f : 0.0f;
  }
  const double cx = std::clamp(px, x0 + r, x0 + w - r);
  const double cy = std::clamp(py, y0 + r, y0 + h - r);
  const double d = std::hypot(px - cx, py - cy);
  return static_cast<float>(std::clamp(r - d + 0.5, 0.0, 1.0));
}

Status PaintCell(Image* canvas, CollageCell* cell, const ImageView& photo, size_t keep_boxes,
                 const std::vector<RelRect>& keep, const EditParams* edit, const CollageStyle& s,
                 bool smart_crop) {
  if (photo.empty()) return InvalidArgument("collage: empty photo");
  // Refine the crop on the pixels: SmartCrop at the cell's shape, faces kept.
  if (smart_crop && !cell->letterboxed) {
    const float aspect = static_cast<float>(cell->draw_w) / cell->draw_h;
    StatusOr<SmartCropResult> sc = SmartCrop(photo, aspect, keep);
    if (sc.ok()) {
      // Collage cells want as much of the photo as the shape allows: keep
      // SmartCrop's position, at the largest size of that shape.
      const RelRect geo = cell->source;
      const double cx = sc->rect.x + sc->rect.w / 2.0, cy = sc->rect.y + sc->rect.h / 2.0;
      RelRect r = geo;
      r.x = static_cast<float>(std::clamp(cx - geo.w / 2.0, 0.0, 1.0 - geo.w));
      r.y = static_cast<float>(std::clamp(cy - geo.h / 2.0, 0.0, 1.0 - geo.h));
      // Never move the crop off a keep box (SmartCrop's own crop keeps them;
      // the enlarged one, re-centred, must too).
      bool ok = true;
      for (const RelRect& k : keep) {
        if (k.x < r.x - 1e-6f || k.y < r.y - 1e-6f || k.x + k.w > r.x + r.w + 1e-6f ||
            k.y + k.h > r.y + r.h + 1e-6f) {
          ok = false;
        }
      }
      if (ok) {
        cell->source = r;
        collage_internal::UpdateCellReasons(keep_boxes, cell);
        if (!sc->reasons.empty()) {
          Reason why = sc->reasons.front();
          why.code = "smart_crop_" + why.code;
          why.text = "framed on the subject: " + why.text;
          cell->reasons.push_back(std::move(why));
        }
      }
    }
  }
  const RelRect& src = cell->source;
  GEMROLL_ASSIGN_OR_RETURN(
      Image part, collage_internal::ResampleRect(photo, src.x * photo.width, src.y * photo.height,
                                                 src.w * photo.width, src.h * photo.height,
                                                 cell->draw_w, cell->draw_h));
  if (edit) {
    EditParams p = *edit;
    p.crop = RelRect{};  // the cell decides the framing
    p.straighten_deg = 0;
    Image edited;
    GEMROLL_RETURN_IF_ERROR(ApplyEdit(part, p, &edited));
    if (edited.width() != cell->draw_w || edited.height() != cell->draw_h) {
      GEMROLL_ASSIGN_OR_RETURN(
          edited, collage_internal::ResampleRect(edited.View(), 0, 0, edited.width(),
                                                 edited.height(), cell->draw_w, cell->draw_h));
    }
    part = std::move(edited);
    cell->reasons.push_back({"edited",
                             "the cell's edit applied (its crop and straightening are "
                             "left to the collage)",
                             0.2f});
  }
  const double radius =
      std::min<double>(s.corner_radius, std::min(cell->draw_w, cell->draw_h) / 2.0);
  const int bw = std::clamp(s.border_width, 0, std::min(cell->draw_w, cell->draw_h) / 4);
  const int W = canvas->width(), H = canvas->height();
  for (int y = 0; y < cell->draw_h; ++y) {
    const int cy = cell->draw_y + y;
    if (cy < 0 || cy >= H) continue;
    const uint8_t* in = part.Row(y);
    uint8_t* out = canvas->Row(cy);
    for (int x = 0; x < cell->draw_w; ++x) {
      const int cx = cell->draw_x + x;
      if (cx < 0 || cx >= W) continue;
      const float cover =
          RoundedCoverage(cx, cy, cell->draw_x, cell->draw_y, cell->draw_w, cell->draw_h, radius);
      if (cover <= 0) continue;
      Rgba c{in[4 * x], in[4 * x + 1], in[4 * x + 2], 255};
      if (bw > 0) {
        // Inside the border when the pixel is within bw of the rounded edge.
        const float inner =
            RoundedCoverage(cx, cy, cell->draw_x + bw, cell->draw_y + bw, cell->draw_w - 2 * bw,
                            cell->draw_h - 2 * bw, std::max(0.0, radius - bw));
        const bool in_inner = cx >= cell->draw_x + bw && cx < cell->draw_x + cell->draw_w - bw &&
                              cy >= cell->draw_y + bw && cy < cell->draw_y + cell->draw_h - bw;
        c = Mix(s.accent, c, in_inner ? inner : 0);
      }
      Blend(out + 4 * cx, c, cover);
    }
  }
  return Status::Ok();
}

void PaintTitle(Image* canvas, const CollageLayoutResult& layout, const CollageStyle& s,
                const CollageComposeOptions& o, bool* drawn, std::vector<Reason>* why) {
  *drawn = false;
  if (layout.title_h <= 0 || (s.title.empty() && s.subtitle.empty())) return;
  if (!o.font || o.font_size == 0) {
    why->push_back({"no_font", "no font given: the title band is left empty", -0.2f});
    return;
  }
  const int x = layout.title_x, y = layout.title_y, w = layout.title_w, h = layout.title_h;
  bool ok = true;
  if (!s.title.empty() && !s.subtitle.empty()) {
    const int th = h * 62 / 100;
    ok = DrawText(canvas, o.font, o.font_size, s.title, x, y, w, th, s.text) && ok;
    ok = DrawText(canvas, o.font, o.font_size, s.subtitle, x, y + th, w, h - th,
                  Mix(s.text, s.background_top, 0.3f)) &&
         ok;
  } else {
    ok = DrawText(canvas, o.font, o.font_size, s.title.empty() ? s.subtitle : s.title, x, y, w,
                  h * 3 / 4, s.text);
  }
  *drawn = ok;
  if (ok) {
    why->push_back({"title",
                    "titled \"" + s.title + (s.subtitle.empty() ? "" : " · " + s.subtitle) + "\"",
                    0.3f});
  } else {
    why->push_back({"bad_font", "the font could not be read: the title band is left empty", -0.2f});
  }
}

Status CheckStyle(const CollageLayoutResult& layout) {
  if (layout.width <= 0 || layout.height <= 0) return InvalidArgument("collage: empty layout");
  return Status::Ok();
}

}  // namespace

namespace collage_internal {

Status ProbeSources(const std::vector<CollageSource>& sources, const CollageComposeOptions& options,
                    std::vector<int>* orientation, std::vector<CollagePhoto>* photos) {
  const size_t n = sources.size();
  orientation->assign(n, 1);
  photos->assign(n, CollagePhoto{});
  for (size_t i = 0; i < n; ++i) {
    const CollageSource& s = sources[i];
    CollagePhoto& p = (*photos)[i];
    if (!s.data || s.size == 0) return Status(StatusCode::kEmpty, Fmt("photo %.0f: no bytes", i));
    StatusOr<ExifData> exif = ReadMetadata(s.data, s.size);
    if (exif.ok() && exif->orientation >= 1 && exif->orientation <= 8) {
      (*orientation)[i] = exif->orientation;
    }
    p.keep = s.keep;
    p.width = s.width;
    p.height = s.height;
    if (s.width <= 0 || s.height <= 0) {
      DecodeOptions probe;
      probe.min_short_side = 1;
      probe.orientation = (*orientation)[i];
      probe.max_pixels = options.max_pixels;
      StatusOr<DecodedImage> d = Decode(s.data, s.size, probe);
      if (!d.ok()) {
        return Status(d.status().code(), Fmt("photo %.0f: ", i) + d.status().message());
      }
      p.width = d->upright_width;
      p.height = d->upright_height;
    }
  }
  return Status::Ok();
}

StatusOr<Image> ResampleRect(const ImageView& src, double sx, double sy, double sw, double sh,
                             int dw, int dh) {
  if (src.format != PixelFormat::kRGBA8 || src.empty()) {
    return InvalidArgument("collage: resample needs RGBA8 pixels");
  }
  if (dw <= 0 || dh <= 0 || !(sw > 0) || !(sh > 0)) return InvalidArgument("collage: empty rect");
  const Taps tx = BuildTaps(sx, sw, src.width, dw);
  const Taps ty = BuildTaps(sy, sh, src.height, dh);
  const int row0 = ty.first.front();
  int row1 = row0;
  for (int i = 0; i < dh; ++i) row1 = std::max(row1, ty.first[i] + ty.count[i]);
  // Horizontal pass over the rows the vertical taps need.
  const size_t rows = static_cast<size_t>(row1 - row0);
  std::vector<float> mid(rows * dw * 4);
  for (size_t r = 0; r < rows; ++r) {
    const uint8_t* in = src.Row(row0 + static_cast<int>(r));
    float* out = &mid[r * dw * 4];
    for (int i = 0; i < dw; ++i) {
      float acc[4] = {0, 0, 0, 0};
      const float* wgt = &tx.weights[tx.offset[i]];
      const uint8_t* p = in + 4 * tx.first[i];
      for (int k = 0; k < tx.count[i]; ++k, p += 4) {
        for (int c = 0; c < 4; ++c) acc[c] += wgt[k] * p[c];
      }
      std::memcpy(out + 4 * i, acc, sizeof(acc));
    }
  }
  GEMROLL_ASSIGN_OR_RETURN(Image out, Image::Create(dw, dh, PixelFormat::kRGBA8));
  for (int j = 0; j < dh; ++j) {
    uint8_t* o = out.Row(j);
    const float* wgt = &ty.weights[ty.offset[j]];
    for (int i = 0; i < dw * 4; ++i) {
      float acc = 0;
      for (int k = 0; k < ty.count[j]; ++k) {
        acc += wgt[k] * mid[static_cast<size_t>(ty.first[j] - row0 + k) * dw * 4 + i];
      }
      o[i] = Clamp8(acc);
    }
  }
  return out;
}

StatusOr<DecodedImage> DecodeForCell(const CollageSource& source, const CollagePhoto& p,
                                     int orientation, size_t index,
                                     const CollageComposeOptions& options, CollageCell* cell) {
  const double need = std::max(cell->draw_w / (cell->source.w * static_cast<double>(p.width)),
                               cell->draw_h / (cell->source.h * static_cast<double>(p.height)));
  DecodeOptions d;
  d.min_short_side =
      std::max(1, static_cast<int>(std::ceil(std::min(1.0, need) * std::min(p.width, p.height))));
  d.orientation = orientation;
  d.max_pixels = options.max_pixels;
  d.fast = false;  // export quality
  StatusOr<DecodedImage> decoded = Decode(source.data, source.size, d);
  if (!decoded.ok()) {
    return Status(decoded.status().code(), Fmt("photo %.0f: ", index) + decoded.status().message());
  }
  const DecodedImage& di = decoded.value();
  if (di.upright_width != p.width || di.upright_height != p.height) {
    // The caller's size was wrong (or rotated): the shape decides the crop.
    if (static_cast<int64_t>(di.upright_width) * p.height !=
        static_cast<int64_t>(di.upright_height) * p.width) {
      cell->reasons.push_back(
          {"size_mismatch", "the photo's size differs from the one given", -0.1f});
    }
  }
  if (di.scale_denom > 1) {
    cell->reasons.push_back({"decoded_scaled",
                             Fmt("decoded at 1/%.0f scale: enough for the cell", di.scale_denom),
                             0.05f});
  }
  return decoded;
}

}  // namespace collage_internal

bool ParseHexColor(std::string_view hex, Rgba* out) {
  if (hex.size() != 7 || hex[0] != '#') return false;
  int v[6];
  for (int i = 0; i < 6; ++i) {
    const char c = hex[1 + i];
    if (c >= '0' && c <= '9') {
      v[i] = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v[i] = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v[i] = c - 'A' + 10;
    } else {
      return false;
    }
  }
  *out = {static_cast<uint8_t>(v[0] * 16 + v[1]), static_cast<uint8_t>(v[2] * 16 + v[3]),
          static_cast<uint8_t>(v[4] * 16 + v[5]), 255};
  return true;
}

Status PaintCollage(const std::vector<ImageView>& photos, const CollageLayoutResult& layout_in,
                    const CollageStyle& style, const CollageComposeOptions& options,
                    const std::vector<const EditParams*>& edits, Image* canvas, bool* title_drawn) {
  GEMROLL_RETURN_IF_ERROR(CheckStyle(layout_in));
  if (photos.size() != layout_in.cells.size()) {
    return InvalidArgument("collage: one photo per cell is needed");
  }
  CollageLayoutResult layout = layout_in;
  GEMROLL_ASSIGN_OR_RETURN(*canvas,
                           Image::Create(layout.width, layout.height, PixelFormat::kRGBA8));
  PaintBackground(canvas, layout, style);
  for (size_t i = 0; i < layout.cells.size(); ++i) {
    const EditParams* e = i < edits.size() ? edits[i] : nullptr;
    // The layout's crops as they are: they already keep the faces.
    GEMROLL_RETURN_IF_ERROR(
        PaintCell(canvas, &layout.cells[i], photos[i], 0, {}, e, style, /*smart_crop=*/false));
  }
  std::vector<Reason> why;
  PaintTitle(canvas, layout, style, options, title_drawn, &why);
  return Status::Ok();
}

StatusOr<CollageResult> ComposeCollage(const std::vector<CollageSource>& sources,
                                       const CollageLayoutOptions& layout_options,
                                       const CollageStyle& style,
                                       const CollageComposeOptions& options) {
  const size_t n = sources.size();
  if (n == 0) return InvalidArgument("collage: no photos");
  // Pass 1: orientation and upright sizes.
  std::vector<int> orientation;
  std::vector<CollagePhoto> photos;
  GEMROLL_RETURN_IF_ERROR(collage_internal::ProbeSources(sources, options, &orientation, &photos));
  CollageResult result;
  GEMROLL_ASSIGN_OR_RETURN(result.layout, LayoutCollage(photos, layout_options));
  CollageLayoutResult& layout = result.layout;
  GEMROLL_ASSIGN_OR_RETURN(result.image,
                           Image::Create(layout.width, layout.height, PixelFormat::kRGBA8));
  PaintBackground(&result.image, layout, style);
  // Pass 2: one photo decoded at a time, at the smallest scale that covers
  // its cell.
  for (size_t i = 0; i < n; ++i) {
    CollageCell& cell = layout.cells[i];
    const CollagePhoto& p = photos[i];
    GEMROLL_ASSIGN_OR_RETURN(
        const DecodedImage di,
        collage_internal::DecodeForCell(sources[i], p, orientation[i], i, options, &cell));
    GEMROLL_RETURN_IF_ERROR(PaintCell(&result.image, &cell, di.image.View(), p.keep.size(), p.keep,
                                      sources[i].has_edit ? &sources[i].edit : nullptr, style,
                                      options.smart_crop));
  }
  collage_internal::Summarise(&layout);
  PaintTitle(&result.image, layout, style, options, &result.title_drawn, &layout.reasons);
  return result;
}

}  // namespace gemroll
