// Edit rendering in two halves: PlanEdit does everything that does not scale
// with the output's pixel count (tone and curve tables, colour and look
// constants, geometry as an affine map, the <= 384 px luma guide maps behind
// shadows/highlights, local contrast and the cartoon and sketch looks), and
// RenderEditPlan runs the per-pixel passes that read the plan. The CPU passes
// have a scalar reference and a vector (SSE2 / wasm SIMD128) kernel; the
// WebGPU passes in web/package/src/gpu/render.js read the same plan, packed
// into one float array by PackEditPlan. ApplyEdit = PlanEdit + RenderEditPlan.
#ifndef GEMROLL_EDIT_PLAN_H_
#define GEMROLL_EDIT_PLAN_H_

#include <cstdint>
#include <vector>

#include "gemroll/edit.h"
#include "gemroll/image.h"
#include "gemroll/status.h"

namespace gemroll {

// Bumped whenever the packed layout or the meaning of a slot changes; the
// WebGPU renderer refuses plans of another version.
constexpr int kEditPlanVersion = 1;

// A luma-derived map at guide resolution, sampled bilinearly at the output's
// pixel centres.
struct GuideMap {
  int width = 0, height = 0;
  std::vector<float> values;  // row-major
};

struct EditPlan {
  EditParams params;  // committed
  int in_width = 0, in_height = 0;
  int out_width = 0, out_height = 0;

  // Geometry. Without rotation the output is the input's rectangle at
  // (crop_x, crop_y); with it, output pixel (i, j) samples the input
  // bilinearly (8-bit weights, clamped to the edges) at
  //   sx = geo[0] + geo[1] * (i + 0.5) + geo[2] * (j + 0.5)
  //   sy = geo[3] + geo[4] * (i + 0.5) + geo[5] * (j + 0.5).
  bool geometry = false, rotate = false;
  int crop_x = 0, crop_y = 0;
  double geo[6] = {0, 1, 0, 0, 0, 1};

  // 3x3 range-weighted mean; weights indexed by |dR| + |dG| + |dB| (766).
  bool denoise = false;
  std::vector<int32_t> denoise_weights;

  // The per-pixel tone/colour/look pass, in this order.
  bool tone = false;
  bool linear = false;  // exposure, white balance, levels, contrast, shadows/highlights
  float gains[3] = {1, 1, 1};
  float lin_max = 1;             // top of the curve table's domain
  std::vector<float> to_linear;  // 256: sRGB byte -> linear
  std::vector<float> curve;      // curve_size + 1, indexed by sqrt(linear / lin_max)
  int curve_size = 0;
  bool color = false;
  float saturation = 1, vibrance = 0;
  float local_contrast = 0;  // detail gain (0 = off)
  bool look = false;
  Look look_kind = Look::kNone;
  float look_strength = 0;
  bool look_mono = false;
  float look_mix[3] = {0, 0, 0};
  float look_saturation = 1, look_contrast = 0, look_lift = 0, look_gain = 1, look_warmth = 0;
  float shadow_tint[3] = {0, 0, 0}, highlight_tint[3] = {0, 0, 0};
  int cartoon_levels = 0;
  // Guides (empty when unused); all share one size.
  GuideMap gain_map;    // linear multiplier for shadows/highlights
  GuideMap detail_map;  // blurred display luma (local contrast, sketch, cartoon base)
  GuideMap edge_map;    // 0..1 outline darkness (cartoon)

  // Luma unsharp mask: delta = trunc(soft_threshold(Y - blur3x3(Y)) * k / 256).
  bool sharpen = false;
  int sharpen_k = 0, sharpen_threshold = 0;
};

// Validates the input like ApplyEdit, commits params and builds the plan for
// rendering this input (the guides come from a small copy of it).
StatusOr<EditPlan> PlanEdit(const ImageView& in, const EditParams& params);

enum class RenderKernel : uint8_t {
  kAuto,    // the vector kernels where the build has them
  kScalar,  // the reference
  kSimd,    // kAuto, but named: fails with kUnsupported without a vector ISA
};
// True when this build has vector render kernels; "sse2", "wasm-simd128" or
// "none". The vector kernels match the scalar ones bit for bit (tested).
bool EditRenderHasSimd();
const char* EditRenderSimdName();

// Renders `in` (the image the plan was made for: same size, RGBA8) into *out.
Status RenderEditPlan(const ImageView& in, const EditPlan& plan, Image* out,
                      RenderKernel kernel = RenderKernel::kAuto);

// The packed plan: a header of kEditPlanHeaderSize floats (slots below; flags
// a bit mask of kEditPlanFlag*, integers stored exactly), then the tables at
// the offsets the header names (each offset 0 when the table is absent).
enum EditPlanSlot : int {
  kSlotVersion = 0,
  kSlotInWidth,
  kSlotInHeight,
  kSlotOutWidth,
  kSlotOutHeight,
  kSlotFlags,
  kSlotCropX,
  kSlotCropY,
  kSlotGeo,                   // 6 floats, EditPlan::geo
  kSlotGains = kSlotGeo + 6,  // 3
  kSlotLinMax = kSlotGains + 3,
  kSlotCurveSize,
  kSlotSaturation,
  kSlotVibrance,
  kSlotLocalContrast,
  kSlotLookKind,  // Look as an integer
  kSlotLookStrength,
  kSlotLookMix,  // 3
  kSlotLookSaturation = kSlotLookMix + 3,
  kSlotLookContrast,
  kSlotLookLift,
  kSlotLookGain,
  kSlotLookWarmth,
  kSlotShadowTint,                           // 3
  kSlotHighlightTint = kSlotShadowTint + 3,  // 3
  kSlotCartoonLevels = kSlotHighlightTint + 3,
  kSlotSharpenK,
  kSlotSharpenThreshold,
  kSlotGuideWidth,
  kSlotGuideHeight,
  kSlotToLinearOffset,  // 256 floats
  kSlotCurveOffset,     // curve_size + 1
  kSlotDenoiseOffset,   // 766 weights
  kSlotGainMapOffset,   // guide width * height each
  kSlotDetailMapOffset,
  kSlotEdgeMapOffset,
  kEditPlanHeaderSize = 64,
};
enum EditPlanFlag : int {
  kEditPlanFlagGeometry = 1 << 0,
  kEditPlanFlagRotate = 1 << 1,
  kEditPlanFlagDenoise = 1 << 2,
  kEditPlanFlagTone = 1 << 3,
  kEditPlanFlagLinear = 1 << 4,
  kEditPlanFlagColor = 1 << 5,
  kEditPlanFlagLook = 1 << 6,
  kEditPlanFlagGain = 1 << 7,
  kEditPlanFlagDetail = 1 << 8,
  kEditPlanFlagEdges = 1 << 9,
  kEditPlanFlagSharpen = 1 << 10,
  kEditPlanFlagMono = 1 << 11,
};
std::vector<float> PackEditPlan(const EditPlan& plan);

}  // namespace gemroll

#endif  // GEMROLL_EDIT_PLAN_H_
