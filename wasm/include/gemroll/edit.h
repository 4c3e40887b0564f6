// Photo edits: a versioned parameter struct (tone, colour, detail, geometry and
// a look), committed (validated and clamped) into a value that serialises to
// JSON and replays at any resolution, plus auto-enhance and smart crop that
// explain their choices with reasons. Originals are never modified: ApplyEdit
// renders into a new image.
#ifndef GEMROLL_EDIT_H_
#define GEMROLL_EDIT_H_

#include <string>
#include <string_view>
#include <vector>

#include "gemroll/classify.h"
#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/metrics.h"
#include "gemroll/status.h"

namespace gemroll {

// Bumped whenever a parameter's meaning changes; ParseEditParams accepts
// this version and older ones it knows how to upgrade.
constexpr int kEditParamsVersion = 1;

enum class Look : uint8_t {
  kNone,
  kBlackAndWhite,  // red-leaning mono mix with a little contrast
  kFilm,           // soft S-curve, lifted blacks, warm highlights / cool shadows
  kWarm,
  kCool,
  kVivid,    // more saturation and contrast
  kFaded,    // lifted blacks, lowered whites, muted colour
  kCartoon,  // posterised tones with dark outlines
  kSketch,   // pencil sketch: colour-dodge of luma over its blur
};
constexpr int kNumLooks = 9;
const char* LookName(Look l);  // "none", "bw", "film", "warm", ...
// Looks up a name from LookName; false when unknown.
bool LookFromName(std::string_view name, Look* out);

// A rectangle in relative units of the (straightened) image: 0..1 on each
// axis, so the same rectangle means the same part of the picture at any size.
struct RelRect {
  float x = 0, y = 0, w = 1, h = 1;
};

// Every field is in units that do not depend on the pixel size, and 0 (or the
// full-frame crop) means "unchanged": a default EditParams renders an exact
// copy. Ranges are what CommitEdit clamps to.
struct EditParams {
  int version = kEditParamsVersion;
  // Exposure in stops, applied in linear light. -4..4.
  float exposure_ev = 0;
  // White balance, -100..100: temperature > 0 warmer (more red, less blue),
  // tint > 0 more magenta (less green). Luminance is kept.
  float temperature = 0;
  float tint = 0;
  // Tone curve on display-encoded values: black and white points (levels,
  // 0..0.5 and 0.5..1) then an S-curve, contrast -1..1.
  float black_point = 0;
  float white_point = 1;
  float contrast = 0;
  // Local tone: lift shadows / recover highlights, -1..1, driven by a blurred
  // luma base so local contrast survives.
  float shadows = 0;
  float highlights = 0;
  // Colour: vibrance boosts muted colours more than saturated ones. -1..1.
  float vibrance = 0;
  float saturation = 0;
  // Detail: local contrast (clarity) on a base blurred at ~1% of the long
  // side, 0..1; light edge-preserving denoise and unsharp-mask sharpening at
  // the output's pixel scale, 0..1 (the only resolution-dependent steps, kept
  // gentle so a thumbnail previews the full render faithfully).
  float local_contrast = 0;
  float denoise = 0;
  float sharpen = 0;
  // Geometry: rotate by straighten_deg (-45..45, counter-clockwise) and keep
  // the largest centred rectangle of the original aspect ratio, then crop.
  float straighten_deg = 0;
  RelRect crop;
  // A look on top of the adjustments, blended by strength 0..1.
  Look look = Look::kNone;
  float look_strength = 1;

  // {"version":1,"ops":[{"op":"exposure","version":1,"params":{"ev":0.8}},...]};
  // only ops that differ from the defaults are written.
  void WriteJson(JsonWriter& w) const;
  std::string ToJson() const;
};

// params -> commit -> apply: rejects NaN/Inf and unknown versions or looks
// (kInvalidArgument / kUnsupported), clamps everything else into range and
// returns the value to store, serialise and replay.
StatusOr<EditParams> CommitEdit(const EditParams& params);

// Parses what EditParams::WriteJson wrote (unknown ops and keys are ignored,
// newer versions rejected with kUnsupported) and commits it.
StatusOr<EditParams> ParseEditParams(std::string_view json);

// Output size of ApplyEdit for an input of width x height.
void EditOutputSize(const EditParams& committed, int width, int height, int* out_width,
                    int* out_height);

// Renders an RGBA8 image with committed (or committable) params into *out
// (alpha is carried through). Pure: same input and params, same output.
Status ApplyEdit(const ImageView& in, const EditParams& params, Image* out);
inline Status ApplyEdit(const Image& in, const EditParams& params, Image* out) {
  return ApplyEdit(in.View(), params, out);
}

struct AutoEnhanceResult {
  EditParams params;
  std::vector<Reason> reasons;  // "about 1 stop under-exposed -> +0.8 EV", strongest first
  void WriteJson(JsonWriter& w) const;
};

// Chooses exposure, white balance, levels/contrast, shadows/highlights,
// vibrance, local contrast, denoise and sharpening from luma percentiles and
// grey-edge / shades-of-grey colour estimates (white balance is scaled down
// when the two disagree, as on a sunset) on a small copy of the image.
// metrics (from the analysis stage), when given, supplies the noise estimate.
// All thresholds: kAutoEnhanceParams in src/edit/auto_enhance.cc.
StatusOr<AutoEnhanceResult> AutoEnhance(const ImageView& rgba,
                                        const PhotoMetrics* metrics = nullptr);

// Aspect ratios offered by smart crop (width : height).
enum class CropAspect : uint8_t { k1x1, k4x5, k9x16, k16x9 };
const char* CropAspectName(CropAspect a);  // "1:1", "4:5", "9:16", "16:9"

struct SmartCropScore {
  float saliency = 0;  // share of the image's saliency inside the crop, 0..1
  float thirds = 0;    // saliency-weighted closeness to the thirds lines, 0..1
  float edges = 0;     // saliency touching the crop border (penalised), 0..1
  float area = 0;      // crop area / largest possible crop of this aspect, 0..1
  float total = 0;     // weighted sum, weights in kSmartCropParams
};

struct SmartCropResult {
  RelRect rect;                    // relative to the image: EditParams::crop
  int x = 0, y = 0, w = 0, h = 0;  // the same in pixels of the image given
  SmartCropScore score;
  std::vector<Reason> reasons;
  void WriteJson(JsonWriter& w) const;
};

// Picks the crop of the given aspect with the best saliency (edge energy,
// colourfulness, skin-like tones on a ~96 px map) and rule-of-thirds score.
// Every keep box (relative units, e.g. faces) lies entirely inside the result;
// when they cannot all fit in a crop of that aspect, fails with
// kInvalidArgument rather than cut one. All weights: kSmartCropParams in
// src/edit/smart_crop.cc.
StatusOr<SmartCropResult> SmartCrop(const ImageView& rgba, CropAspect aspect,
                                    const std::vector<RelRect>& keep = {});
// The same for any aspect ratio (width / height, 0.05..20; kInvalidArgument
// outside), e.g. a collage cell's shape.
StatusOr<SmartCropResult> SmartCrop(const ImageView& rgba, float aspect,
                                    const std::vector<RelRect>& keep = {});

}  // namespace gemroll

#endif  // GEMROLL_EDIT_H_
