// ApplyEdit = PlanEdit + RenderEditPlan (gemroll/edit_plan.h). The plan holds
// everything that does not scale with the output: tone tables, colour and
// look constants, and the "guides" (luma maps built at <= 384 px from a small
// copy of the cropped / straightened input, blurred by a fraction of the long
// side and sampled bilinearly, so a thumbnail and the full image see the same
// bases). The render is geometry (straighten + crop) -> light denoise -> one
// per-pixel tone/colour/look pass -> sharpening. The tone pass and the
// sharpening are written once over a lane policy: one float lane (the scalar
// reference) or four (SSE2 / wasm SIMD128), with the same operations in the
// same order, so both produce the same bytes (edit_render_test checks).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "edit/edit_internal.h"
#include "gemroll/edit.h"
#include "gemroll/edit_plan.h"
#include "gemroll/limits.h"
#include "gemroll/metrics.h"
#include "simd/simd-inl.h"

namespace gemroll {
namespace {

using edit_internal::kLumaB;
using edit_internal::kLumaG;
using edit_internal::kLumaR;

// Every constant of the renderer, in one place.
struct RenderParams {
  uint64_t max_output_pixels = kMaxInputPixels;  // same ceiling as decoding
  int guide_long_side = 384;                     // guides are built at most this large
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

GuideMap ToGuide(FloatMap&& m) { return GuideMap{m.w, m.h, std::move(m.v)}; }

// Bilinear sampling of guide maps at full resolution, one output row at a
// time: vertical interpolation once per row, then horizontal per pixel into
// a full-width row the tone kernels read with plain loads.
class GuideSampler {
 public:
  GuideSampler(int gw, int gh, int w, int h) : gw_(gw), gh_(gh), w_(w), h_(h) {
    x0_.resize(w);
    fx_.resize(w);
    for (int x = 0; x < w; ++x) {
      const float gx = std::clamp((x + 0.5f) * gw / w - 0.5f, 0.0f, gw - 1.0f);
      x0_[x] = std::min(static_cast<int>(gx), gw - 2 < 0 ? 0 : gw - 2);
      fx_[x] = gw > 1 ? gx - x0_[x] : 0;
    }
  }
  void Row(const GuideMap& m, int y, std::vector<float>* out) {
    const float gy = std::clamp((y + 0.5f) * gh_ / h_ - 0.5f, 0.0f, gh_ - 1.0f);
    const int y0 = std::min(static_cast<int>(gy), std::max(gh_ - 2, 0));
    const int y1 = std::min(y0 + 1, gh_ - 1);
    const float fy = gy - y0;
    col_.resize(gw_ + 1);
    const float* a = &m.values[static_cast<size_t>(y0) * gw_];
    const float* b = &m.values[static_cast<size_t>(y1) * gw_];
    for (int x = 0; x < gw_; ++x) col_[x] = a[x] + fy * (b[x] - a[x]);
    col_[gw_] = col_[gw_ - 1];  // so x0 + 1 is always readable
    out->resize(w_);
    for (int x = 0; x < w_; ++x) {
      const float l = col_[x0_[x]], r = col_[x0_[x] + 1];
      (*out)[x] = l + fx_[x] * (r - l);
    }
  }

 private:
  int gw_, gh_, w_, h_;
  std::vector<int> x0_;
  std::vector<float> fx_;
  std::vector<float> col_;
};

// The guides' luma comes from a copy of the input at guide size with the
// plan's geometry applied (cropping before the area resample, rotating after
// it), so the plan costs one pass over the input whatever the output size.
// Up to guide size the copy is the geometry output itself, denoised like the
// render; above it the area average removes far more noise than the denoise.
Status BuildGuides(const ImageView& in, EditPlan* plan, double exposure_gain) {
  const EditParams& p = plan->params;
  const bool gain = p.shadows != 0 || p.highlights != 0;
  const bool detail = p.local_contrast > 0 || (plan->look && p.look == Look::kSketch);
  const bool edges = plan->look && p.look == Look::kCartoon;
  if (!gain && !detail && !edges) return Status::Ok();
  const int ow = plan->out_width, oh = plan->out_height;
  const int long_side = std::max(ow, oh);
  int gw = ow, gh = oh;
  if (long_side > kRender.guide_long_side) {
    const double s = static_cast<double>(kRender.guide_long_side) / long_side;
    gw = std::max(2, static_cast<int>(std::lround(ow * s)));
    gh = std::max(2, static_cast<int>(std::lround(oh * s)));
  }
  Image small;
  ImageView src;
  if (!plan->rotate) {
    ImageView crop = in;
    crop.data = in.Row(plan->crop_y) + 4 * static_cast<size_t>(plan->crop_x);
    crop.width = ow;
    crop.height = oh;
    if (gw != ow || gh != oh) {
      GEMROLL_ASSIGN_OR_RETURN(small, ResizeArea(crop, gw, gh));
      src = small.View();
    } else {
      src = crop;
    }
  } else {
    Image pre;
    ImageView from = in;
    if (gw != ow || gh != oh) {
      const double s = static_cast<double>(gw) / ow;
      const int sw = std::max(1, static_cast<int>(std::lround(in.width * s)));
      const int sh = std::max(1, static_cast<int>(std::lround(in.height * s)));
      GEMROLL_ASSIGN_OR_RETURN(pre, ResizeArea(in, sw, sh));
      from = pre.View();
    }
    GEMROLL_RETURN_IF_ERROR(RenderGeometry(from, p, gw, gh, &small));
    src = small.View();
  }
  if (p.denoise > 0 && gw == ow && gh == oh) {
    Image dn;
    GEMROLL_RETURN_IF_ERROR(RenderDenoise(src, p.denoise, &dn));
    small = std::move(dn);
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
  if (gain) {
    FloatMap m = luma;
    for (float& v : m.v) {
      v = static_cast<float>(edit_internal::LinearToSrgb(
          std::min(1.0, edit_internal::SrgbToLinear(v) * exposure_gain)));
    }
    GaussianBlur(&m, kRender.shadow_base_sigma * guide_long);
    for (float& b : m.v) {
      const float ws = std::max(0.0f, 1 - b / kRender.shadow_reach);
      const float wh =
          std::max(0.0f, (b - kRender.highlight_reach) / (1 - kRender.highlight_reach));
      b = std::exp2(p.shadows * kRender.shadow_stops * ws * ws +
                    p.highlights * kRender.highlight_stops * wh * wh);
    }
    plan->gain_map = ToGuide(std::move(m));
  }
  if (detail) {
    FloatMap m = luma;
    GaussianBlur(&m, kRender.detail_base_sigma * guide_long);
    plan->detail_map = ToGuide(std::move(m));
  }
  if (edges) {
    FloatMap fine = luma, coarse = luma;
    GaussianBlur(&fine, std::max(0.5f, kRender.edge_fine_sigma * guide_long));
    GaussianBlur(&coarse, std::max(1.0f, kRender.edge_coarse_sigma * guide_long));
    FloatMap e = fine;
    for (size_t i = 0; i < fine.v.size(); ++i) {
      e.v[i] = Clamp01((coarse.v[i] - fine.v[i] - kRender.cartoon_edge_floor) *
                       kRender.cartoon_edge_gain);
    }
    // The cartoon posterises the pixel's own luma (or the detail base when
    // local contrast built one), as the renderer always has.
    plan->edge_map = ToGuide(std::move(e));
  }
  return Status::Ok();
}

void BuildCurve(const EditParams& p, EditPlan* t) {
  const int n = kRender.curve_lut_size;
  t->curve_size = n;
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

// ------------------------------------------------------------------ lanes
// A lane policy gives the kernels their arithmetic: F (floats), I (int32s)
// and the few operations they use. Min/Max keep std::min/std::max's operand
// order (which one wins on ties), conversions truncate like static_cast, and
// table lookups are per-lane loads: every vector lane computes exactly what
// the scalar reference computes for that pixel.
struct ScalarLanes {
  static constexpr int kN = 1;
  using F = float;
  using I = int32_t;
  static F Splat(float v) { return v; }
  static I SplatI(int32_t v) { return v; }
  static F LoadF(const float* p) { return *p; }
  static F Min(F a, F b) { return std::min(a, b); }
  static F Max(F a, F b) { return std::max(a, b); }
  static F Sqrt(F a) { return std::sqrt(a); }
  static I Trunc(F a) { return static_cast<int32_t>(a); }
  static F ToF(I a) { return static_cast<float>(a); }
  static F Gather(const float* t, I i) { return t[i]; }
  static void LoadRgb(const uint8_t* px, I c[3]) {
    c[0] = px[0];
    c[1] = px[1];
    c[2] = px[2];
  }
  static uint8_t ToByte(F v) { return static_cast<uint8_t>(Clamp01(v) * 255.0f + 0.5f); }
  static F Clamp01(F v) { return std::min(1.0f, std::max(0.0f, v)); }
  static void StoreRgb(const uint8_t* px, const F rgb[3], uint8_t* out) {
    const uint8_t alpha = px[3];
    out[0] = ToByte(rgb[0]);
    out[1] = ToByte(rgb[1]);
    out[2] = ToByte(rgb[2]);
    out[3] = alpha;
  }
};

#if GEMROLL_SIMD
// Four float lanes over the shared vector layer (simd/simd-inl.h).
struct VecF {
  simd::VF v;
  VecF() = default;
  VecF(simd::VF x) : v(x) {}             // NOLINT
  VecF(float x) : v(simd::SplatF(x)) {}  // NOLINT
};
inline VecF operator+(VecF a, VecF b) { return simd::AddF(a.v, b.v); }
inline VecF operator-(VecF a, VecF b) { return simd::SubF(a.v, b.v); }
inline VecF operator*(VecF a, VecF b) { return simd::MulF(a.v, b.v); }
inline VecF operator/(VecF a, VecF b) { return simd::DivF(a.v, b.v); }
struct VecLanesBase {
  using I = simd::V;
  static VecF LoadF(const float* p) { return simd::LoadF(p); }
  static VecF Min(VecF a, VecF b) { return simd::MinF(a.v, b.v); }
  static VecF Max(VecF a, VecF b) { return simd::MaxF(a.v, b.v); }
  static VecF Sqrt(VecF a) { return simd::SqrtF(a.v); }
  static I Trunc(VecF a) { return simd::TruncF(a.v); }
  static VecF ToF(I a) { return simd::ToF(a); }
  static I SplatI(int32_t v) { return simd::SplatI32(v); }
  static I LoadPixels(const uint8_t* p) { return simd::LoadU(p); }
  static void StorePixels(uint8_t* p, I v) { simd::StoreU(p, v); }
  static I AndI(I a, I b) { return simd::And(a, b); }
  static I OrI(I a, I b) { return simd::Or(a, b); }
  template <int kBits>
  static I ShrU(I a) {
    return simd::ShrU32<kBits>(a);
  }
  template <int kBits>
  static I Shl(I a) {
    return simd::ShlI32<kBits>(a);
  }
  static VecF Gather(const float* t, I i) { return simd::GatherF(t, i); }
};

struct VecLanes : VecLanesBase {
  static constexpr int kN = 4;
  using F = VecF;
  static F Splat(float v) { return VecF(v); }
  static F Clamp01(F v) { return Min(1.0f, Max(0.0f, v)); }
  static void LoadRgb(const uint8_t* px, I c[3]) {
    const I v = LoadPixels(px);
    const I mask = SplatI(0xff);
    c[0] = AndI(v, mask);
    c[1] = AndI(ShrU<8>(v), mask);
    c[2] = AndI(ShrU<16>(v), mask);
  }
  static I ToByte(F v) { return Trunc(Clamp01(v) * 255.0f + 0.5f); }
  static void StoreRgb(const uint8_t* px, const F rgb[3], uint8_t* out) {
    const I alpha = AndI(LoadPixels(px), SplatI(static_cast<int32_t>(0xff000000u)));
    const I r = ToByte(rgb[0]), g = Shl<8>(ToByte(rgb[1])), b = Shl<16>(ToByte(rgb[2]));
    StorePixels(out, OrI(OrI(r, g), OrI(b, alpha)));
  }
};
#endif  // GEMROLL_SIMD

// ------------------------------------------------------------------ tone pass
template <class L>
inline typename L::F Curve(const EditPlan& t, typename L::F v) {
  using F = typename L::F;
  const int n = t.curve_size;
  const F q = L::Min(L::Sqrt(L::Max(v, 0.0f) / t.lin_max), 1.0f) * static_cast<float>(n);
  // trunc(min(q, n - 1)) == min(trunc(q), n - 1) for q >= 0.
  const typename L::I i = L::Trunc(L::Min(q, static_cast<float>(n - 1)));
  const F f = q - L::ToF(i);
  const F a = L::Gather(t.curve.data(), i), b = L::Gather(t.curve.data() + 1, i);
  return a + f * (b - a);
}

template <class F>
inline F ContrastL(F p, float c) {
  return p + F(c) * p * (F(1.0f) - p) * (F(2.0f) * p - F(1.0f));
}

// The look on display-domain values; ys is the blurred luma (detail map),
// edge the outline darkness; yin the input pixel's luma.
template <class L>
inline void ApplyLook(const EditPlan& t, typename L::F yin, typename L::F ys, typename L::F edge,
                      typename L::F rgb[3]) {
  using F = typename L::F;
  F out[3];
  const F y = F(kLumaR) * rgb[0] + F(kLumaG) * rgb[1] + F(kLumaB) * rgb[2];
  if (t.look_kind == Look::kSketch) {
    // Colour dodge of luma over its blur: flat areas go to paper white,
    // anything darker than its surroundings draws a pencil line.
    F s = L::Min(1.0f, yin / L::Max(ys, 0.02f));
    s = s * s;
    s = s * s;
    out[0] = out[1] = out[2] = s;
  } else if (t.look_kind == Look::kCartoon) {
    const int n = t.cartoon_levels;
    // floor == truncation: Clamp01(ys) * n >= 0.
    const F level = L::ToF(L::Trunc(L::Clamp01(ys) * static_cast<float>(n)));
    const F yq = (L::Min(static_cast<float>(n - 1), level) + 0.5f) / static_cast<float>(n);
    const F ink = F(1.0f) - edge;
    for (int c = 0; c < 3; ++c) out[c] = (yq + (rgb[c] - y) * t.look_saturation) * ink;
  } else {
    if (t.look_mono) {
      const F m = F(t.look_mix[0]) * rgb[0] + F(t.look_mix[1]) * rgb[1] + F(t.look_mix[2]) * rgb[2];
      out[0] = out[1] = out[2] = m;
    } else {
      for (int c = 0; c < 3; ++c) out[c] = y + (rgb[c] - y) * t.look_saturation;
      out[0] = out[0] + t.look_warmth;
      out[1] = out[1] + 0.3f * t.look_warmth;
      out[2] = out[2] - t.look_warmth;
    }
    const F sh = (F(1.0f) - y) * (F(1.0f) - y), hi = y * y;
    for (int c = 0; c < 3; ++c) {
      F v = ContrastL(L::Clamp01(out[c]), t.look_contrast);
      v = F(t.look_lift) + v * (t.look_gain - t.look_lift);
      out[c] = v + sh * t.shadow_tint[c] + hi * t.highlight_tint[c];
    }
  }
  const float s = t.look_strength, k = 1 - s;
  for (int c = 0; c < 3; ++c) rgb[c] = F(k) * rgb[c] + F(s) * out[c];
}

// Pixels [x, end) of one row, kN at a time; the caller hands the rest to the
// scalar lanes. gain/detail/edge are full-width guide rows (or null).
template <class L>
int ToneSpan(const EditPlan& t, const uint8_t* in, uint8_t* out, int x, int end, const float* gain,
             const float* detail, const float* edge) {
  using F = typename L::F;
  using I = typename L::I;
  const float lc = t.local_contrast;
  for (; x + L::kN <= end; x += L::kN) {
    const uint8_t* px = in + 4 * x;
    I idx[3];
    L::LoadRgb(px, idx);
    const F yin =
        (F(kLumaR) * L::ToF(idx[0]) + F(kLumaG) * L::ToF(idx[1]) + F(kLumaB) * L::ToF(idx[2])) *
        (1.0f / 255);
    F rgb[3];
    if (t.linear) {
      const F g = gain ? L::LoadF(gain + x) : F(1.0f);
      for (int c = 0; c < 3; ++c) {
        rgb[c] = Curve<L>(t, L::Gather(t.to_linear.data(), idx[c]) * t.gains[c] * g);
      }
    } else {
      for (int c = 0; c < 3; ++c) rgb[c] = L::ToF(idx[c]) * (1.0f / 255);
    }
    const F ys = detail ? L::LoadF(detail + x) : yin;
    if (lc > 0) {
      const F yo = F(kLumaR) * rgb[0] + F(kLumaG) * rgb[1] + F(kLumaB) * rgb[2];
      const F cy = L::Clamp01(yo);
      const F d = F(lc) * (yin - ys) * 4.0f * cy * (F(1.0f) - cy);
      for (int c = 0; c < 3; ++c) rgb[c] = rgb[c] + d;
    }
    if (t.color) {
      const F yo = F(kLumaR) * rgb[0] + F(kLumaG) * rgb[1] + F(kLumaB) * rgb[2];
      const F mx = L::Max(rgb[0], L::Max(rgb[1], rgb[2]));
      const F mn = L::Min(rgb[0], L::Min(rgb[1], rgb[2]));
      const F f = F(t.saturation) * (F(1.0f) + F(t.vibrance) * (F(1.0f) - L::Clamp01(mx - mn)));
      for (int c = 0; c < 3; ++c) rgb[c] = yo + (rgb[c] - yo) * f;
    }
    if (t.look) ApplyLook<L>(t, yin, ys, edge ? L::LoadF(edge + x) : F(0.0f), rgb);
    L::StoreRgb(px, rgb, out + 4 * x);
  }
  return x;
}

void RenderTone(const ImageView& src, const EditPlan& t, bool simd, Image* dst) {
  const int w = src.width, h = src.height;
  const GuideMap* any = !t.gain_map.values.empty()     ? &t.gain_map
                        : !t.detail_map.values.empty() ? &t.detail_map
                                                       : &t.edge_map;
  const bool guided = !any->values.empty();
  GuideSampler sampler(guided ? any->width : 2, guided ? any->height : 2, w, h);
  std::vector<float> gain_row, detail_row, edge_row;
  for (int y = 0; y < h; ++y) {
    const float* gain = nullptr;
    const float* detail = nullptr;
    const float* edge = nullptr;
    if (!t.gain_map.values.empty()) {
      sampler.Row(t.gain_map, y, &gain_row);
      gain = gain_row.data();
    }
    if (!t.detail_map.values.empty()) {
      sampler.Row(t.detail_map, y, &detail_row);
      detail = detail_row.data();
    }
    if (!t.edge_map.values.empty()) {
      sampler.Row(t.edge_map, y, &edge_row);
      edge = edge_row.data();
    }
    const uint8_t* in = src.Row(y);
    uint8_t* out = dst->Row(y);
    int x = 0;
#if GEMROLL_SIMD
    if (simd) x = ToneSpan<VecLanes>(t, in, out, 0, w, gain, detail, edge);
#endif
    ToneSpan<ScalarLanes>(t, in, out, x, w, gain, detail, edge);
  }
}

// ------------------------------------------------------------------ sharpen
// Unsharp mask on luma (3x3 binomial blur) with a soft noise threshold; the
// same luma delta goes to R, G and B, so no colour fringes (and grey stays
// grey).
inline int SharpenDelta(const uint8_t* a, const uint8_t* b, const uint8_t* c, int xm, int x, int xp,
                        int k, int thr) {
  const int blur =
      (a[xm] + 2 * a[x] + a[xp] + 2 * (b[xm] + b[xp]) + 4 * b[x] + c[xm] + 2 * c[x] + c[xp] + 8) >>
      4;
  int d = b[x] - blur;
  d = d > thr ? d - thr : d < -thr ? d + thr : 0;
  return (d * k) / 256;
}

#if GEMROLL_SIMD
// Interior pixels [1, w - 1) of one row, four at a time, in int32 lanes;
// returns where it stopped.
int SharpenSpanSimd(const uint8_t* a, const uint8_t* b, const uint8_t* c, int w, int k, int thr,
                    uint8_t* p) {
  using namespace simd;  // NOLINT: a kernel body reads best with bare op names
  const V kthr = SplatI32(thr), knthr = SplatI32(-thr);
  const V kk = SplatI32(k), k8 = SplatI32(8), k255 = SplatI32(255);
  const V rgb_mask = MakeI16(-1, -1, -1, 0, -1, -1, -1, 0);
  int x = 1;
  for (; x + 4 <= w - 1; x += 4) {
    const V s =
        AddI32(AddI32(AddI32(LoadU8x4ToI32(a + x - 1), LoadU8x4ToI32(a + x + 1)),
                      AddI32(LoadU8x4ToI32(c + x - 1), LoadU8x4ToI32(c + x + 1))),
               AddI32(ShlI32<1>(AddI32(AddI32(LoadU8x4ToI32(a + x), LoadU8x4ToI32(c + x)),
                                       AddI32(LoadU8x4ToI32(b + x - 1), LoadU8x4ToI32(b + x + 1)))),
                      ShlI32<2>(LoadU8x4ToI32(b + x))));
    const V blur = ShrS32<4>(AddI32(s, k8));
    const V d = SubI32(LoadU8x4ToI32(b + x), blur);
    const V dt = SubI32(d, MinI32(MaxI32(d, knthr), kthr));
    // |dt| < 2^15 and 0 <= k < 2^15: the 16-bit multiply-add is dt * k
    // exactly (the high halves of k's lanes are zero).
    const V prod = MaddI16(dt, kk);
    // C++ division truncates towards zero: bias negatives by 255 first.
    const V delta = ShrS32<8>(AddI32(prod, And(ShrS32<31>(prod), k255)));
    const V d16 = PackI32ToI16(delta, delta);  // d0 d1 d2 d3 d0 d1 d2 d3
    const V px = LoadU(p + 4 * x);
    const V lo = AddI16(ZextLoU8(px), And(Dup4LoI16(d16), rgb_mask));
    const V hi = AddI16(ZextHiU8(px), And(Dup4HiI16(d16), rgb_mask));
    StoreU(p + 4 * x, PackI16ToU8(lo, hi));
  }
  return x;
}
#endif  // GEMROLL_SIMD

void RenderSharpen(const EditPlan& plan, bool simd, Image* img) {
  const int w = img->width(), h = img->height();
  std::vector<uint8_t> luma(static_cast<size_t>(w) * h + 4);  // + 4: 32-bit loads at the end
  for (int y = 0; y < h; ++y) {
    const uint8_t* p = img->Row(y);
    uint8_t* l = &luma[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x)
      l[x] =
          static_cast<uint8_t>((54 * p[4 * x] + 183 * p[4 * x + 1] + 19 * p[4 * x + 2] + 128) >> 8);
  }
  const int k = plan.sharpen_k, thr = plan.sharpen_threshold;
  for (int y = 0; y < h; ++y) {
    const uint8_t* a = &luma[static_cast<size_t>(std::max(y - 1, 0)) * w];
    const uint8_t* b = &luma[static_cast<size_t>(y) * w];
    const uint8_t* c = &luma[static_cast<size_t>(std::min(y + 1, h - 1)) * w];
    uint8_t* p = img->Row(y);
    auto one = [&](int x) {
      const int delta =
          SharpenDelta(a, b, c, std::max(x - 1, 0), x, std::min(x + 1, w - 1), k, thr);
      for (int ch = 0; ch < 3; ++ch) {
        p[4 * x + ch] = static_cast<uint8_t>(std::clamp(p[4 * x + ch] + delta, 0, 255));
      }
    };
    int x = 0;
#if GEMROLL_SIMD
    if (simd && w >= 6) {
      one(0);
      x = SharpenSpanSimd(a, b, c, w, k, thr, p);
    }
#endif
    for (; x < w; ++x) one(x);
  }
}

}  // namespace

bool EditRenderHasSimd() { return GEMROLL_SIMD != 0; }
const char* EditRenderSimdName() { return GEMROLL_SIMD_NAME; }

StatusOr<EditPlan> PlanEdit(const ImageView& in, const EditParams& params) {
  if (in.format != PixelFormat::kRGBA8) return Unsupported("ApplyEdit needs RGBA8");
  if (in.empty()) return InvalidArgument("ApplyEdit: empty image");
  if (in.stride < static_cast<size_t>(in.width) * 4) {
    return InvalidArgument("ApplyEdit: stride smaller than a row");
  }
  if (static_cast<uint64_t>(in.width) * in.height > kRender.max_output_pixels) {
    return TooLarge("ApplyEdit: image over 100 MP");
  }
  GEMROLL_ASSIGN_OR_RETURN(const EditParams p, CommitEdit(params));
  EditPlan plan;
  plan.params = p;
  const int w = in.width, h = in.height;
  plan.in_width = w;
  plan.in_height = h;
  EditOutputSize(p, w, h, &plan.out_width, &plan.out_height);
  const int ow = plan.out_width, oh = plan.out_height;

  plan.rotate = p.straighten_deg != 0;
  plan.geometry = plan.rotate || ow != w || oh != h;
  if (!plan.rotate) {
    plan.crop_x = std::clamp(static_cast<int>(std::lround(p.crop.x * w)), 0, w - ow);
    plan.crop_y = std::clamp(static_cast<int>(std::lround(p.crop.y * h)), 0, h - oh);
  } else {
    // RenderGeometry's mapping, written as an affine map of the output
    // pixel centre (i + 0.5, j + 0.5).
    const double s = edit_internal::StraightenScale(w, h, p.straighten_deg);
    const double fw = s * w, fh = s * h;
    const double theta = p.straighten_deg * edit_internal::kPi / 180;
    const double ct = std::cos(theta), st = std::sin(theta);
    const double ua = p.crop.w * fw / ow, ub = p.crop.x * fw - fw / 2;
    const double va = p.crop.h * fh / oh, vb = p.crop.y * fh - fh / 2;
    plan.geo[0] = ub * ct - vb * st + w / 2.0 - 0.5;
    plan.geo[1] = ua * ct;
    plan.geo[2] = -va * st;
    plan.geo[3] = ub * st + vb * ct + h / 2.0 - 0.5;
    plan.geo[4] = ua * st;
    plan.geo[5] = va * ct;
  }

  plan.denoise = p.denoise > 0;
  if (plan.denoise) {
    const float sigma = p.denoise * kRender.denoise_range;
    plan.denoise_weights.resize(766);
    for (int d = 0; d <= 765; ++d) {
      const float t = d / sigma;
      plan.denoise_weights[d] = static_cast<int32_t>(256 * std::exp(-t * t) + 0.5f);
    }
  }

  plan.linear = p.exposure_ev != 0 || p.temperature != 0 || p.tint != 0 || p.black_point != 0 ||
                p.white_point != 1 || p.contrast != 0 || p.shadows != 0 || p.highlights != 0;
  plan.color = p.vibrance != 0 || p.saturation != 0;
  plan.saturation = 1 + p.saturation;
  plan.vibrance = p.vibrance;
  plan.local_contrast = p.local_contrast * kRender.local_contrast_gain;
  plan.look = p.look != Look::kNone && p.look_strength > 0;
  plan.look_kind = p.look;
  plan.look_strength = p.look_strength;
  const LookRecipe& recipe = kLookRecipes[static_cast<int>(p.look)];
  plan.look_mono = recipe.mono;
  plan.look_saturation = recipe.saturation;
  plan.look_contrast = recipe.contrast;
  plan.look_lift = recipe.lift;
  plan.look_gain = recipe.gain;
  plan.look_warmth = recipe.warmth;
  for (int c = 0; c < 3; ++c) {
    plan.look_mix[c] = recipe.mix[c];
    plan.shadow_tint[c] = recipe.shadow_tint[c];
    plan.highlight_tint[c] = recipe.highlight_tint[c];
  }
  plan.cartoon_levels = kRender.cartoon_levels;
  plan.tone = plan.linear || plan.color || plan.local_contrast > 0 || plan.look;

  const double exposure_gain = std::exp2(static_cast<double>(p.exposure_ev));
  GEMROLL_RETURN_IF_ERROR(BuildGuides(in, &plan, exposure_gain));
  if (plan.linear) {
    double wb[3];
    edit_internal::WhiteBalanceGains(p.temperature, p.tint, wb);
    double max_gain = 0;
    for (int c = 0; c < 3; ++c) {
      plan.gains[c] = static_cast<float>(wb[c] * exposure_gain);
      max_gain = std::max(max_gain, static_cast<double>(plan.gains[c]));
    }
    if (!plan.gain_map.values.empty()) {
      float gmax = 1;
      for (float v : plan.gain_map.values) gmax = std::max(gmax, v);
      max_gain *= gmax;
    }
    plan.to_linear.resize(256);
    for (int i = 0; i < 256; ++i) {
      plan.to_linear[i] = static_cast<float>(edit_internal::SrgbToLinear(i / 255.0));
    }
    plan.lin_max = static_cast<float>(std::max(1.0, max_gain));
    BuildCurve(p, &plan);
  }

  plan.sharpen = p.sharpen > 0;
  plan.sharpen_k = static_cast<int>(p.sharpen * kRender.sharpen_gain * 256 + 0.5f);
  plan.sharpen_threshold = kRender.sharpen_threshold;
  return plan;
}

Status RenderEditPlan(const ImageView& in, const EditPlan& plan, Image* out, RenderKernel kernel) {
  if (out == nullptr) return InvalidArgument("RenderEditPlan: out is null");
  if (in.format != PixelFormat::kRGBA8) return Unsupported("RenderEditPlan needs RGBA8");
  if (in.empty() || in.width != plan.in_width || in.height != plan.in_height) {
    return InvalidArgument("RenderEditPlan: the image is not the one the plan was made for");
  }
  if (in.stride < static_cast<size_t>(in.width) * 4) {
    return InvalidArgument("RenderEditPlan: stride smaller than a row");
  }
  if (kernel == RenderKernel::kSimd && !EditRenderHasSimd()) {
    return Unsupported("RenderEditPlan: this build has no vector kernels");
  }
  const bool simd = kernel != RenderKernel::kScalar && EditRenderHasSimd();
  const EditParams& p = plan.params;
  Image work;  // owned intermediate, when geometry or denoise ran
  ImageView cur = in;
  if (plan.geometry) {
    GEMROLL_RETURN_IF_ERROR(RenderGeometry(in, p, plan.out_width, plan.out_height, &work));
    cur = work.View();
  }
  if (plan.denoise) {
    Image dn;
    GEMROLL_RETURN_IF_ERROR(RenderDenoise(cur, p.denoise, &dn));
    work = std::move(dn);
    cur = work.View();
  }
  Image result;
  if (work.empty()) {
    GEMROLL_ASSIGN_OR_RETURN(result, Image::Create(cur.width, cur.height, PixelFormat::kRGBA8));
  } else {
    result = std::move(work);  // cur still points at its pixels; the pass runs in place
  }
  if (plan.tone) {
    RenderTone(cur, plan, simd, &result);
  } else if (cur.data != result.data()) {
    for (int y = 0; y < cur.height; ++y) std::memcpy(result.Row(y), cur.Row(y), 4 * cur.width);
  }
  if (plan.sharpen) RenderSharpen(plan, simd, &result);
  *out = std::move(result);
  return Status::Ok();
}

Status ApplyEdit(const ImageView& in, const EditParams& params, Image* out) {
  if (out == nullptr) return InvalidArgument("ApplyEdit: out is null");
  GEMROLL_ASSIGN_OR_RETURN(const EditPlan plan, PlanEdit(in, params));
  return RenderEditPlan(in, plan, out);
}

std::vector<float> PackEditPlan(const EditPlan& plan) {
  std::vector<float> v(kEditPlanHeaderSize, 0.0f);
  auto table = [&v](int slot, const float* data, size_t n) {
    if (n == 0) return;
    v[slot] = static_cast<float>(v.size());
    v.insert(v.end(), data, data + n);
  };
  int flags = 0;
  flags |= plan.geometry ? kEditPlanFlagGeometry : 0;
  flags |= plan.rotate ? kEditPlanFlagRotate : 0;
  flags |= plan.denoise ? kEditPlanFlagDenoise : 0;
  flags |= plan.tone ? kEditPlanFlagTone : 0;
  flags |= plan.linear ? kEditPlanFlagLinear : 0;
  flags |= plan.color ? kEditPlanFlagColor : 0;
  flags |= plan.look ? kEditPlanFlagLook : 0;
  flags |= !plan.gain_map.values.empty() ? kEditPlanFlagGain : 0;
  flags |= !plan.detail_map.values.empty() ? kEditPlanFlagDetail : 0;
  flags |= !plan.edge_map.values.empty() ? kEditPlanFlagEdges : 0;
  flags |= plan.sharpen ? kEditPlanFlagSharpen : 0;
  flags |= plan.look_mono ? kEditPlanFlagMono : 0;
  v[kSlotVersion] = kEditPlanVersion;
  v[kSlotInWidth] = static_cast<float>(plan.in_width);
  v[kSlotInHeight] = static_cast<float>(plan.in_height);
  v[kSlotOutWidth] = static_cast<float>(plan.out_width);
  v[kSlotOutHeight] = static_cast<float>(plan.out_height);
  v[kSlotFlags] = static_cast<float>(flags);
  v[kSlotCropX] = static_cast<float>(plan.crop_x);
  v[kSlotCropY] = static_cast<float>(plan.crop_y);
  for (int i = 0; i < 6; ++i) v[kSlotGeo + i] = static_cast<float>(plan.geo[i]);
  for (int c = 0; c < 3; ++c) {
    v[kSlotGains + c] = plan.gains[c];
    v[kSlotLookMix + c] = plan.look_mix[c];
    v[kSlotShadowTint + c] = plan.shadow_tint[c];
    v[kSlotHighlightTint + c] = plan.highlight_tint[c];
  }
  v[kSlotLinMax] = plan.lin_max;
  v[kSlotCurveSize] = static_cast<float>(plan.curve_size);
  v[kSlotSaturation] = plan.saturation;
  v[kSlotVibrance] = plan.vibrance;
  v[kSlotLocalContrast] = plan.local_contrast;
  v[kSlotLookKind] = static_cast<float>(static_cast<int>(plan.look_kind));
  v[kSlotLookStrength] = plan.look_strength;
  v[kSlotLookSaturation] = plan.look_saturation;
  v[kSlotLookContrast] = plan.look_contrast;
  v[kSlotLookLift] = plan.look_lift;
  v[kSlotLookGain] = plan.look_gain;
  v[kSlotLookWarmth] = plan.look_warmth;
  v[kSlotCartoonLevels] = static_cast<float>(plan.cartoon_levels);
  v[kSlotSharpenK] = static_cast<float>(plan.sharpen_k);
  v[kSlotSharpenThreshold] = static_cast<float>(plan.sharpen_threshold);
  const GuideMap* g = !plan.gain_map.values.empty()     ? &plan.gain_map
                      : !plan.detail_map.values.empty() ? &plan.detail_map
                                                        : &plan.edge_map;
  v[kSlotGuideWidth] = static_cast<float>(g->width);
  v[kSlotGuideHeight] = static_cast<float>(g->height);
  table(kSlotToLinearOffset, plan.to_linear.data(), plan.to_linear.size());
  table(kSlotCurveOffset, plan.curve.data(), plan.curve.size());
  std::vector<float> dw(plan.denoise_weights.begin(), plan.denoise_weights.end());
  table(kSlotDenoiseOffset, dw.data(), dw.size());
  table(kSlotGainMapOffset, plan.gain_map.values.data(), plan.gain_map.values.size());
  table(kSlotDetailMapOffset, plan.detail_map.values.data(), plan.detail_map.values.size());
  table(kSlotEdgeMapOffset, plan.edge_map.values.data(), plan.edge_map.values.size());
  return v;
}

}  // namespace gemroll
