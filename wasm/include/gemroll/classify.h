// Per-photo verdicts: what kind of image this is (photo, screenshot,
// document, receipt, graphic) and whether it is technically bad (blurry, too
// dark, too bright). Every verdict carries its reasons. Evidence from on-device
// models (text detection, faces) plugs in through ModelEvidence when present.
#ifndef GEMROLL_CLASSIFY_H_
#define GEMROLL_CLASSIFY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gemroll/json.h"
#include "gemroll/reason.h"

namespace gemroll {

struct PhotoAnalysis;

enum class PhotoKind : uint8_t { kPhoto, kScreenshot, kDocument, kReceipt, kGraphic };
constexpr int kNumPhotoKinds = 5;
const char* PhotoKindName(PhotoKind k);  // "photo", "screenshot", ...

// One face found by the on-device face detector, with what the face models
// and the pixels say about it. Unknown values are -1 (a model that did not
// run, a face too small to measure), never a guess.
struct FaceEvidence {
  float x = 0, y = 0, width = 0, height = 0;  // box, 0..1 of the upright frame
  float score = 0;                            // detector confidence, 0..1
  float eyes_open = -1;                       // 0..1 (1 = both eyes open); -1 unknown
  float smile = -1;                           // 0..1; -1 unknown
  // Measured by MakePhotoRecord (curate.h), not by the models: the noise-
  // compensated Laplacian energy inside the box on PhotoMetrics' 0..1
  // sharpness scale, and that energy relative to the whole frame's (1 = as
  // detailed as the frame on average; a soft face on a sharp scene is < 1).
  float sharpness = -1;
  float sharpness_vs_frame = -1;
};

// Seam for the models issue: filled by JS/ORT when models ran, else absent.
struct ModelEvidence {
  bool text_ran = false;
  float text_area_fraction = 0;  // 0..1 of the image covered by text boxes
  int text_lines = 0;
  float text_layout_regularity = 0;  // 0..1, aligned left edges / even line spacing
  int text_side = 0;                 // input long side the detector ran at (0 unknown)
  bool faces_ran = false;
  int face_count = 0;               // faces.size() when the faces are listed
  std::vector<FaceEvidence> faces;  // strongest first; may be empty while face_count > 0
};

struct KindVerdict {
  PhotoKind kind = PhotoKind::kPhoto;
  float confidence = 0;                        // 0..1
  std::array<float, kNumPhotoKinds> scores{};  // per-kind evidence totals
  std::vector<Reason> reasons;                 // for the chosen kind, strongest first
  void WriteJson(JsonWriter& w) const;
};

struct QualityVerdict {
  bool blurry = false;
  std::string blur_type;  // "defocus" | "motion" | "" (when not blurry)
  bool too_dark = false;
  bool too_bright = false;
  float technical = 0;  // 0..1 technical quality (sharpness, exposure, noise)
  std::vector<Reason> reasons;
  void WriteJson(JsonWriter& w) const;
};

// Weighs metadata (camera make/model, format, screen-shaped size, software
// and comment tags) and pixel evidence (PhotoAnalysis::features). The file
// name ("Screenshot_2024...png") is a hint that needs corroboration: it never
// decides alone and never overrides camera metadata; pass "" when unknown.
// All weights and thresholds: kVerdictParams in src/classify/classify.cc.
KindVerdict ClassifyKind(const PhotoAnalysis& a, std::string_view file_name,
                         const ModelEvidence* models = nullptr);
// Blur (defocus / motion), exposure and a 0..1 technical score. Screenshots
// and graphics are never blurry or badly exposed; pages are not "too bright".
// Pass the final kind (with the file name and any model evidence): a verdict
// judged on a provisional kind is not the one curation ships.
QualityVerdict JudgeQuality(const PhotoAnalysis& a, PhotoKind kind);

// Which on-device models can change this photo's verdicts, decided from the
// cheap pass (kind, confidence, blur, page-like pixels), with a reason for
// each model left out. The package runs only the models asked for here.
struct ModelPlan {
  bool face = true;
  bool text = true;
  // The text detector's input long side for this photo: 0 = the runner's
  // own (adaptive, 384 then 512); page-like photos get a look at page scale,
  // where body text on a whole page is tall enough to detect.
  int text_side = 0;
  std::vector<Reason> skipped;  // code "face" or "text"; text: why it would not matter
  void WriteJson(JsonWriter& w) const;
};
ModelPlan PlanModels(const PhotoAnalysis& a, const KindVerdict& kind,
                     const QualityVerdict& quality);

// How much text-detector evidence ClassifyKind needs before it counts (its
// "model_text" reason): callers that decide whether model evidence can
// change a verdict read these instead of keeping their own copies.
struct ModelTextLimits {
  int lines_min = 0;
  float area_min = 0;
  int page_side = 0;  // a look at this input side or more counts even with no lines
};
ModelTextLimits ModelTextEvidenceLimits();

}  // namespace gemroll

#endif  // GEMROLL_CLASSIFY_H_
