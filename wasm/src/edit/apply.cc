// ApplyEdit: geometry (straighten + crop) -> light denoise -> one per-pixel
// tone/colour/look pass -> sharpening. Everything that looks at
// neighbourhoods larger than a pixel (shadows/highlights, local contrast, the
// cartoon and sketch looks) reads "guides": luma maps built at a fixed small
// size and blurred by a fraction of the long side, then sampled bilinearly,
// so a thumbnail and the full image see the same bases. All loops are scalar
// and straight-line per pixel (table lookups, no branches on pixel values
// beyond clamps); a vector path can follow metrics' simd-inl.h pattern.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "edit/edit_internal.h"
#include "gemroll/edit.h"
#include "gemroll/metrics.h"

namespace gemroll {
namespace {

using edit_internal::kLumaB;
using edit_internal::kLumaG;
using edit_internal::kLumaR;

// Every constant of the renderer, in one place.
struct RenderParams {
  uint64_t max_output_pixels = 100'000'000;  // same ceiling as decoding
  int guide_long_side = 384;                 // guides are built at most this large
  // Blur radii (Gaussian sigma) as fractions of the long side.
  float shadow_base_sigma = 0.03f;  // base luma for shadows / highlights
  float detail_base_sigma = 0.01f;  // base for local contrast and the sketch dodge
  float edge_fine_sigma = 0.002f;   // cartoon outlines: difference of two blurs
  float edge_coarse_sigma = 0.006f;
  // shadows = +1 lifts the darkest tones by this many stops, highlights = -1
  // darkens the brightest by as many; both fade out towards mid-grey.
  float shadow_stops = 1.5f;
  float highlight_stops = 1.5f;
  float shadow_reach = 0.55f;        // base luma (display) where the shadow lift reaches 0
  float highlight_reach = 0.45f;     // base luma above which highlights are touched
  float local_contrast_gain = 1.5f;  // detail (luma minus its base) added at amount 1
  float denoise_range = 36;          // sum of |dR|+|dG|+|dB| at which weights fall to 1/e
  float sharpen_gain = 1.5f;         // unsharp-mask gain at amount 1
  int sharpen_threshold = 2;         // luma levels of detail left alone (noise)
  int curve_lut_size = 4096;         // channel curve table, indexed by sqrt(linear)
  int cartoon_levels = 6;            // posterised luma steps
  float cartoon_edge_gain = 25;      // DoG difference (display luma) to full black outline
  float cartoon_edge_floor = 0.004f;
};
constexpr RenderParams kRender;

// A classical look as a handful of display-domain operations, blended by
// strength. Mono looks have no tints or warmth, so R=G=B holds exactly.
struct LookRecipe {
  bool mono = false;
  float mix[3] = {0, 0, 0};  // mono channel mix
  float saturation = 1;
  float contrast = 0;  // S-curve, as EditParams::contrast
  float lift = 0;      // black level after the look
  float gain = 1;      // white level after the look
  float warmth = 0;    // added to red (and 0.3x to green), taken from blue
  float shadow_tint[3] = {0, 0, 0};
  float highlight_tint[3] = {0, 0, 0};
};

constexpr LookRecipe kLookRecipes[kNumLooks] = {
    /* none  */ {},
    /* bw    */ {true, {0.40f, 0.45f, 0.15f}, 1, 0.25f, 0, 1, 0, {0, 0, 0}, {0, 0, 0}},
    /* film  */
    {false,
     {0, 0, 0},
     0.85f,
     0.2f,
     0.05f,
     0.97f,
     0.015f,
     {-0.01f, 0.01f, 0.03f},
     {0.03f, 0.01f, -0.02f}},
    /* warm  */ {false, {0, 0, 0}, 1.05f, 0.05f, 0, 1, 0.06f, {0, 0, 0}, {0, 0, 0}},
    /* cool  */ {false, {0, 0, 0}, 1.0f, 0.05f, 0, 1, -0.06f, {0, 0, 0}, {0, 0, 0}},
    /* vivid */ {false, {0, 0, 0}, 1.4f, 0.25f, 0, 1, 0, {0, 0, 0}, {0, 0, 0}},
    /* faded */ {false, {0, 0, 0}, 0.7f, -0.15f, 0.12f, 0.92f, 0.01f, {0, 0, 0}, {0, 0, 0}},
    /* cartoon, sketch: special cases below */ {false, {0, 0, 0}, 1.3f},
    {true, {0.3f, 0.59f, 0.11f}},
};

inline float Clamp01(float v) { return std::min(1.0f, std::max(0.0f, v)); }
inline float Contrast(float p, float c) { return p + c * p * (1 - p) * (2 * p - 1); }
inline uint8_t ToByte(float v) { return static_cast<uint8_t>(Clamp01(v) * 255.0f + 0.5f); }

// ------------------------------------------------------------------ geometry
Status RenderGeometry(const ImageView& in, const EditParams& p, int ow, int oh, Image* out) {
  GEMROLL_ASSIGN_OR_RETURN(Image img, Image::Create(ow, oh, PixelFormat::kRGBA8));
  const int w = in.width, h = in.height;
  if (p.straighten_deg == 0) {
    const int x0 = std::clamp(static_cast<int>(std::lround(p.crop.x * w)), 0, w - ow);
    const int y0 = std::clamp(static_cast<int>(std::lround(p.crop.y * h)), 0, h - oh);
    for (int y = 0; y < oh; ++y) std::memcpy(img.Row(y), in.Row(y0 + y) + 4 * x0, 4 * ow);
    *out = std::move(img);
    return Status::Ok();
  }
  const double s = edit_internal::StraightenScale(w, h, p.straighten_deg);
  const double fw = s * w, fh = s * h;  // the straightened frame
  const double theta = p.straighten_deg * edit_internal::kPi / 180;
  const double ct = std::cos(theta), st = std::sin(theta);
  for (int j = 0; j < oh; ++j) {
    uint8_t* dst = img.Row(j);
    const double v = (p.crop.y + (j + 0.5) / oh * p.crop.h) * fh - fh / 2;
    for (int i = 0; i < ow; ++i) {
      const double u = (p.crop.x + (i + 0.5) / ow * p.crop.w) * fw - fw / 2;
      // Inverse of a counter-clockwise (on screen, y down) rotation.
      const double sx = u * ct - v * st + w / 2.0 - 0.5;
      const double sy = u * st + v * ct + h / 2.0 - 0.5;
      const double cx = std::clamp(sx, 0.0, w - 1.0), cy = std::clamp(sy, 0.0, h - 1.0);
      const int x0 = std::min(static_cast<int>(cx), w - 1),
                y0 = std::min(static_cast<int>(cy), h - 1);
      const int x1 = std::min(x0 + 1, w - 1), y1 = std::min(y0 + 1, h - 1);
      const int fx = static_cast<int>((cx - x0) * 256 + 0.5),
                fy = static_cast<int>((cy - y0) * 256 + 0.5);
      const uint8_t* r0 = in.Row(y0);
      const uint8_t* r1 = in.Row(y1);
      for (int c = 0; c < 4; ++c) {
        const int top = r0[4 * x0 + c] * (256 - fx) + r0[4 * x1 + c] * fx;
        const int bot = r1[4 * x0 + c] * (256 - fx) + r1[4 * x1 + c] * fx;
        dst[4 * i + c] = static_cast<uint8_t>((top * (256 - fy) + bot * fy + 32768) >> 16);
      }
    }
  }
  *out = std::move(img);
  return Status::Ok();
}

// ------------------------------------------------------------------ denoise
// 3x3 range-weighted mean (a small bilateral filter): flat areas average,
// edges keep their neighbours out.
Status RenderDenoise(const ImageView& in, float amount, Image* out) {
  GEMROLL_ASSIGN_OR_RETURN(Image img, Image::Create(in.width, in.height, PixelFormat::kRGBA8));
  const float sigma = amount * kRender.denoise_range;
  int weight[766];
  for (int d = 0; d <= 765; ++d) {
    const float t = d / sigma;
    weight[d] = static_cast<int>(256 * std::exp(-t * t) + 0.5f);
  }
  const int w = in.width, h = in.height;
  for (int y = 0; y < h; ++y) {
    const uint8_t* rows[3] = {in.Row(std::max(y - 1, 0)), in.Row(y),
                              in.Row(std::min(y + 1, h - 1))};
    uint8_t* dst = img.Row(y);
    for (int x = 0; x < w; ++x) {
      const uint8_t* c = rows[1] + 4 * x;
      const int xs[3] = {4 * std::max(x - 1, 0), 4 * x, 4 * std::min(x + 1, w - 1)};
      int sr = 0, sg = 0, sb = 0, sw = 0;
      for (const uint8_t* row : rows) {
        for (int xi : xs) {
          const uint8_t* q = row + xi;
          const int d = std::abs(q[0] - c[0]) + std::abs(q[1] - c[1]) + std::abs(q[2] - c[2]);
          const int wt = weight[d];
          sr += wt * q[0];
          sg += wt * q[1];
          sb += wt * q[2];
          sw += wt;
        }
      }
      // The centre always weighs 256, so sw > 0.
      dst[4 * x] = static_cast<uint8_t>((sr + sw / 2) / sw);
      dst[4 * x + 1] = static_cast<uint8_t>((sg + sw / 2) / sw);
      dst[4 * x + 2] = static_cast<uint8_t>((sb + sw / 2) / sw);
      dst[4 * x + 3] = c[3];
    }
  }
  *out = std::move(img);
  return Status::Ok();
}

// ------------------------------------------------------------------ guides
struct FloatMap {
  int w = 0, h = 0;
  std::vector<float> v;
};

void GaussianBlur(FloatMap* m, float sigma) {
  if (sigma < 0.3f) return;
  const int r = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<float> k(2 * r + 1);
  float sum = 0;
  for (int i = -r; i <= r; ++i) sum += k[i + r] = std::exp(-0.5f * i * i / (sigma * sigma));
  for (float& x : k) x /= sum;
  std::vector<float> tmp(m->v.size());
  const int w = m->w, h = m->h;
  for (int y = 0; y < h; ++y) {
    const float* src = &m->v[static_cast<size_t>(y) * w];
    float* dst = &tmp[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x) {
      float acc = 0;
      for (int i = -r; i <= r; ++i) acc += k[i + r] * src[std::clamp(x + i, 0, w - 1)];
      dst[x] = acc;
    }
  }
  for (int y = 0; y < h; ++y) {
    float* dst = &m->v[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x) dst[x] = 0;
    for (int i = -r; i <= r; ++i) {
      const float* src = &tmp[static_cast<size_t>(std::clamp(y + i, 0, h - 1)) * w];
      const float ki = k[i + r];
      for (int x = 0; x < w; ++x) dst[x] += ki * src[x];
    }
  }
}

// Bilinear sampling of guide maps at full resolution, one output row at a
// time: vertical interpolation once per row, horizontal per pixel.
class GuideSampler {
 public:
  GuideSampler(int gw, int gh, int w, int h) : gw_(gw), gh_(gh), h_(h) {
    x0_.resize(w);
    fx_.resize(w);
    for (int x = 0; x < w; ++x) {
      const float gx = std::clamp((x + 0.5f) * gw / w - 0.5f, 0.0f, gw - 1.0f);
      x0_[x] = std::min(static_cast<int>(gx), gw - 2 < 0 ? 0 : gw - 2);
      fx_[x] = gw > 1 ? gx - x0_[x] : 0;
    }
  }
  // Vertically interpolated row y of map m into row (size gw).
  void Row(const FloatMap& m, int y, std::vector<float>* row) const {
    const float gy = std::clamp((y + 0.5f) * gh_ / h_ - 0.5f, 0.0f, gh_ - 1.0f);
    const int y0 = std::min(static_cast<int>(gy), std::max(gh_ - 2, 0));
    const int y1 = std::min(y0 + 1, gh_ - 1);
    const float fy = gy - y0;
    row->resize(gw_ + 1);
    const float* a = &m.v[static_cast<size_t>(y0) * gw_];
    const float* b = &m.v[static_cast<size_t>(y1) * gw_];
    for (int x = 0; x < gw_; ++x) (*row)[x] = a[x] + fy * (b[x] - a[x]);
    (*row)[gw_] = (*row)[gw_ - 1];  // so x0 + 1 is always readable
  }
  float At(const std::vector<float>& row, int x) const {
    const float a = row[x0_[x]], b = row[x0_[x] + 1];
    return a + fx_[x] * (b - a);
  }

 private:
  int gw_, gh_, h_;
  std::vector<int> x0_;
  std::vector<float> fx_;
};

struct Guides {
  bool gain = false, detail = false, edges = false;
  FloatMap gain_map;    // linear multiplier for shadows/highlights
  FloatMap detail_map;  // blurred display luma of the input
  FloatMap edge_map;    // 0..1 outline darkness (cartoon)
};

Status BuildGuides(const ImageView& img, const EditParams& p, double exposure_gain, Guides* g) {
  const int long_side = std::max(img.width, img.height);
  int gw = img.width, gh = img.height;
  Image small;
  ImageView src = img;
  if (long_side > kRender.guide_long_side) {
    const double s = static_cast<double>(kRender.guide_long_side) / long_side;
    gw = std::max(2, static_cast<int>(std::lround(img.width * s)));
    gh = std::max(2, static_cast<int>(std::lround(img.height * s)));
    GEMROLL_ASSIGN_OR_RETURN(small, ResizeArea(img, gw, gh));
    src = small.View();
  }
  FloatMap luma{gw, gh, std::vector<float>(static_cast<size_t>(gw) * gh)};
  for (int y = 0; y < gh; ++y) {
    const uint8_t* row = src.Row(y);
    for (int x = 0; x < gw; ++x) {
      luma.v[static_cast<size_t>(y) * gw + x] =
          (kLumaR * row[4 * x] + kLumaG * row[4 * x + 1] + kLumaB * row[4 * x + 2]) / 255.0f;
    }
  }
  const float guide_long = static_cast<float>(std::max(gw, gh));
  if (g->gain) {
    g->gain_map = luma;
    for (float& v : g->gain_map.v) {
      v = static_cast<float>(edit_internal::LinearToSrgb(
          std::min(1.0, edit_internal::SrgbToLinear(v) * exposure_gain)));
    }
    GaussianBlur(&g->gain_map, kRender.shadow_base_sigma * guide_long);
    for (float& b : g->gain_map.v) {
      const float ws = std::max(0.0f, 1 - b / kRender.shadow_reach);
      const float wh =
          std::max(0.0f, (b - kRender.highlight_reach) / (1 - kRender.highlight_reach));
      b = std::exp2(p.shadows * kRender.shadow_stops * ws * ws +
                    p.highlights * kRender.highlight_stops * wh * wh);
    }
  }
  if (g->detail) {
    g->detail_map = luma;
    GaussianBlur(&g->detail_map, kRender.detail_base_sigma * guide_long);
  }
  if (g->edges) {
    FloatMap fine = luma, coarse = luma;
    GaussianBlur(&fine, std::max(0.5f, kRender.edge_fine_sigma * guide_long));
    GaussianBlur(&coarse, std::max(1.0f, kRender.edge_coarse_sigma * guide_long));
    g->edge_map = fine;
    for (size_t i = 0; i < fine.v.size(); ++i) {
      g->edge_map.v[i] = Clamp01((coarse.v[i] - fine.v[i] - kRender.cartoon_edge_floor) *
                                 kRender.cartoon_edge_gain);
    }
    // The fine blur doubles as the flat-shaded base the cartoon posterises.
    if (!g->detail) g->detail_map = std::move(fine);
  }
  return Status::Ok();
}

// ------------------------------------------------------------------ tone pass
struct ToneSetup {
  bool linear = false;  // exposure / white balance / curve / shadows-highlights active
  float gains[3] = {1, 1, 1};
  float lin_max = 1;  // top of the curve table's domain
  std::vector<float> to_linear;
  std::vector<float> curve;  // curve_lut_size + 1 entries
  bool color = false;
  float saturation = 1, vibrance = 0;
  float local_contrast = 0;
  bool look = false;
  const LookRecipe* recipe = nullptr;
  Look look_kind = Look::kNone;
  float strength = 0;
};

void BuildCurve(const EditParams& p, ToneSetup* t) {
  const int n = kRender.curve_lut_size;
  t->curve.resize(n + 1);
  const double lmax = t->lin_max;
  // Highlight shoulder when gains push values past 1: identity below the
  // knee, then a rational roll-off that reaches 1 exactly at lin_max.
  const double knee = lmax > 1 ? std::max(0.6, 2 - lmax) : 1;
  const double a = lmax > 1 ? (lmax - 1) / ((1 - knee) * (lmax - knee)) : 0;
  for (int i = 0; i <= n; ++i) {
    const double q = static_cast<double>(i) / n;
    double v = q * q * lmax;
    if (v > knee) v = knee + (v - knee) / (1 + (v - knee) * a);
    double d = edit_internal::LinearToSrgb(std::min(v, 1.0));
    d = std::clamp((d - p.black_point) / (p.white_point - p.black_point), 0.0, 1.0);
    d = d + p.contrast * d * (1 - d) * (2 * d - 1);
    t->curve[i] = static_cast<float>(d);
  }
}

inline float Curve(const ToneSetup& t, float v) {
  const int n = kRender.curve_lut_size;
  const float q = std::min(std::sqrt(std::max(v, 0.0f) / t.lin_max), 1.0f) * n;
  const int i = std::min(static_cast<int>(q), n - 1);
  const float f = q - i;
  return t.curve[i] + f * (t.curve[i + 1] - t.curve[i]);
}

// The look on display-domain values; ys is the blurred luma (detail map),
// edge the outline darkness; yin the input pixel's luma.
inline void ApplyLook(const ToneSetup& t, float yin, float ys, float edge, float rgb[3]) {
  const LookRecipe& L = *t.recipe;
  float out[3];
  const float y = kLumaR * rgb[0] + kLumaG * rgb[1] + kLumaB * rgb[2];
  if (t.look_kind == Look::kSketch) {
    // Colour dodge of luma over its blur: flat areas go to paper white,
    // anything darker than its surroundings draws a pencil line.
    float s = std::min(1.0f, yin / std::max(ys, 0.02f));
    s = s * s;
    s = s * s;
    out[0] = out[1] = out[2] = s;
  } else if (t.look_kind == Look::kCartoon) {
    const int n = kRender.cartoon_levels;
    const float yq = (std::min(static_cast<float>(n - 1), std::floor(Clamp01(ys) * n)) + 0.5f) / n;
    const float ink = 1 - edge;
    for (int c = 0; c < 3; ++c) out[c] = (yq + (rgb[c] - y) * L.saturation) * ink;
  } else {
    if (L.mono) {
      const float m = L.mix[0] * rgb[0] + L.mix[1] * rgb[1] + L.mix[2] * rgb[2];
      out[0] = out[1] = out[2] = m;
    } else {
      for (int c = 0; c < 3; ++c) out[c] = y + (rgb[c] - y) * L.saturation;
      out[0] += L.warmth;
      out[1] += 0.3f * L.warmth;
      out[2] -= L.warmth;
    }
    const float sh = (1 - y) * (1 - y), hi = y * y;
    for (int c = 0; c < 3; ++c) {
      float v = Contrast(Clamp01(out[c]), L.contrast);
      v = L.lift + v * (L.gain - L.lift);
      out[c] = v + sh * L.shadow_tint[c] + hi * L.highlight_tint[c];
    }
  }
  const float s = t.strength, k = 1 - s;
  for (int c = 0; c < 3; ++c) rgb[c] = k * rgb[c] + s * out[c];
}

void RenderTone(const ImageView& src, const ToneSetup& t, const Guides& g, Image* dst) {
  const int w = src.width, h = src.height;
  const bool any_guide = g.gain || g.detail || g.edges;
  const int gw = g.gain ? g.gain_map.w : g.detail ? g.detail_map.w : g.edge_map.w;
  const int gh = g.gain ? g.gain_map.h : g.detail ? g.detail_map.h : g.edge_map.h;
  GuideSampler sampler(any_guide ? gw : 2, any_guide ? gh : 2, w, h);
  std::vector<float> gain_row, detail_row, edge_row;
  const float lc = t.local_contrast * kRender.local_contrast_gain;
  for (int y = 0; y < h; ++y) {
    if (g.gain) sampler.Row(g.gain_map, y, &gain_row);
    if (g.detail) sampler.Row(g.detail_map, y, &detail_row);
    if (g.edges) sampler.Row(g.edge_map, y, &edge_row);
    const uint8_t* in = src.Row(y);
    uint8_t* out = dst->Row(y);
    for (int x = 0; x < w; ++x) {
      const uint8_t* px = in + 4 * x;
      const float yin = (kLumaR * px[0] + kLumaG * px[1] + kLumaB * px[2]) * (1.0f / 255);
      float rgb[3];
      if (t.linear) {
        const float gain = g.gain ? sampler.At(gain_row, x) : 1.0f;
        for (int c = 0; c < 3; ++c) rgb[c] = Curve(t, t.to_linear[px[c]] * t.gains[c] * gain);
      } else {
        for (int c = 0; c < 3; ++c) rgb[c] = px[c] * (1.0f / 255);
      }
      const float ys = g.detail ? sampler.At(detail_row, x) : yin;
      if (lc > 0) {
        const float yo = kLumaR * rgb[0] + kLumaG * rgb[1] + kLumaB * rgb[2];
        const float d = lc * (yin - ys) * 4 * Clamp01(yo) * (1 - Clamp01(yo));
        for (int c = 0; c < 3; ++c) rgb[c] += d;
      }
      if (t.color) {
        const float yo = kLumaR * rgb[0] + kLumaG * rgb[1] + kLumaB * rgb[2];
        const float mx = std::max(rgb[0], std::max(rgb[1], rgb[2]));
        const float mn = std::min(rgb[0], std::min(rgb[1], rgb[2]));
        const float f = t.saturation * (1 + t.vibrance * (1 - Clamp01(mx - mn)));
        for (int c = 0; c < 3; ++c) rgb[c] = yo + (rgb[c] - yo) * f;
      }
      if (t.look) ApplyLook(t, yin, ys, g.edges ? sampler.At(edge_row, x) : 0.0f, rgb);
      uint8_t* o = out + 4 * x;
      const uint8_t alpha = px[3];
      o[0] = ToByte(rgb[0]);
      o[1] = ToByte(rgb[1]);
      o[2] = ToByte(rgb[2]);
      o[3] = alpha;
    }
  }
}

// ------------------------------------------------------------------ sharpen
// Unsharp mask on luma (3x3 binomial blur) with a soft noise threshold; the
// same luma delta goes to R, G and B, so no colour fringes (and grey stays
// grey).
Status RenderSharpen(float amount, Image* img) {
  const int w = img->width(), h = img->height();
  std::vector<uint8_t> luma(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const uint8_t* p = img->Row(y);
    uint8_t* l = &luma[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x)
      l[x] =
          static_cast<uint8_t>((54 * p[4 * x] + 183 * p[4 * x + 1] + 19 * p[4 * x + 2] + 128) >> 8);
  }
  const int k = static_cast<int>(amount * kRender.sharpen_gain * 256 + 0.5f);
  const int thr = kRender.sharpen_threshold;
  for (int y = 0; y < h; ++y) {
    const uint8_t* a = &luma[static_cast<size_t>(std::max(y - 1, 0)) * w];
    const uint8_t* b = &luma[static_cast<size_t>(y) * w];
    const uint8_t* c = &luma[static_cast<size_t>(std::min(y + 1, h - 1)) * w];
    uint8_t* p = img->Row(y);
    for (int x = 0; x < w; ++x) {
      const int xm = std::max(x - 1, 0), xp = std::min(x + 1, w - 1);
      const int blur = (a[xm] + 2 * a[x] + a[xp] + 2 * (b[xm] + b[xp]) + 4 * b[x] + c[xm] +
                        2 * c[x] + c[xp] + 8) >>
                       4;
      int d = b[x] - blur;
      d = d > thr ? d - thr : d < -thr ? d + thr : 0;
      const int delta = (d * k) / 256;
      for (int ch = 0; ch < 3; ++ch) {
        p[4 * x + ch] = static_cast<uint8_t>(std::clamp(p[4 * x + ch] + delta, 0, 255));
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status ApplyEdit(const ImageView& in, const EditParams& params, Image* out) {
  if (out == nullptr) return InvalidArgument("ApplyEdit: out is null");
  if (in.format != PixelFormat::kRGBA8) return Unsupported("ApplyEdit needs RGBA8");
  if (in.empty()) return InvalidArgument("ApplyEdit: empty image");
  if (in.stride < static_cast<size_t>(in.width) * 4) {
    return InvalidArgument("ApplyEdit: stride smaller than a row");
  }
  if (static_cast<uint64_t>(in.width) * in.height > kRender.max_output_pixels) {
    return TooLarge("ApplyEdit: image over 100 MP");
  }
  GEMROLL_ASSIGN_OR_RETURN(const EditParams p, CommitEdit(params));

  int ow = 0, oh = 0;
  EditOutputSize(p, in.width, in.height, &ow, &oh);
  Image work;  // owned intermediate, when geometry or denoise ran
  ImageView cur = in;
  if (p.straighten_deg != 0 || ow != in.width || oh != in.height) {
    GEMROLL_RETURN_IF_ERROR(RenderGeometry(in, p, ow, oh, &work));
    cur = work.View();
  }
  if (p.denoise > 0) {
    Image dn;
    GEMROLL_RETURN_IF_ERROR(RenderDenoise(cur, p.denoise, &dn));
    work = std::move(dn);
    cur = work.View();
  }

  ToneSetup t;
  t.linear = p.exposure_ev != 0 || p.temperature != 0 || p.tint != 0 || p.black_point != 0 ||
             p.white_point != 1 || p.contrast != 0 || p.shadows != 0 || p.highlights != 0;
  t.color = p.vibrance != 0 || p.saturation != 0;
  t.saturation = 1 + p.saturation;
  t.vibrance = p.vibrance;
  t.local_contrast = p.local_contrast;
  t.look = p.look != Look::kNone && p.look_strength > 0;
  t.look_kind = p.look;
  t.recipe = &kLookRecipes[static_cast<int>(p.look)];
  t.strength = p.look_strength;

  Guides g;
  g.gain = p.shadows != 0 || p.highlights != 0;
  g.detail = p.local_contrast > 0 || (t.look && p.look == Look::kSketch);
  g.edges = t.look && p.look == Look::kCartoon;
  const double exposure_gain = std::exp2(static_cast<double>(p.exposure_ev));
  if (g.gain || g.detail || g.edges) {
    GEMROLL_RETURN_IF_ERROR(BuildGuides(cur, p, exposure_gain, &g));
  }
  if (t.linear) {
    double wb[3];
    edit_internal::WhiteBalanceGains(p.temperature, p.tint, wb);
    double max_gain = 0;
    for (int c = 0; c < 3; ++c) {
      t.gains[c] = static_cast<float>(wb[c] * exposure_gain);
      max_gain = std::max(max_gain, static_cast<double>(t.gains[c]));
    }
    if (g.gain) {
      float gmax = 1;
      for (float v : g.gain_map.v) gmax = std::max(gmax, v);
      max_gain *= gmax;
    }
    t.to_linear.resize(256);
    for (int i = 0; i < 256; ++i) {
      t.to_linear[i] = static_cast<float>(edit_internal::SrgbToLinear(i / 255.0));
    }
    t.lin_max = static_cast<float>(std::max(1.0, max_gain));
    BuildCurve(p, &t);
  }

  Image result;
  if (work.empty()) {
    GEMROLL_ASSIGN_OR_RETURN(result, Image::Create(cur.width, cur.height, PixelFormat::kRGBA8));
  } else {
    result = std::move(work);  // cur still points at its pixels; the pass runs in place
  }
  const bool tone = t.linear || t.color || t.local_contrast > 0 || t.look;
  if (tone) {
    RenderTone(cur, t, g, &result);
  } else if (cur.data != result.data()) {
    for (int y = 0; y < cur.height; ++y) std::memcpy(result.Row(y), cur.Row(y), 4 * cur.width);
  }
  if (p.sharpen > 0) GEMROLL_RETURN_IF_ERROR(RenderSharpen(p.sharpen, &result));
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace gemroll
