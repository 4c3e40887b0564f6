// Tensor work around the on-device models (ONNX Runtime runs them in JS): the
// photo is letterboxed and normalised into the float tensors BlazeFace and the
// PP-OCRv4 text detector expect, and their raw outputs are decoded back into
// faces (anchors, sigmoid, weighted NMS) and text boxes (DB post-processing)
// in the photo's own pixel coordinates, plus the text layout features that the
// kind verdict weighs (ModelEvidence in classify.h).
#ifndef GEMROLL_MODEL_H_
#define GEMROLL_MODEL_H_

#include <array>
#include <cstddef>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/image.h"
#include "gemroll/status.h"

namespace gemroll {

// A dense float tensor, row-major, with its shape (e.g. {1, 128, 128, 3}).
struct Tensor {
  std::vector<int> shape;
  std::vector<float> data;
};

// How the image was placed in the tensor: tensor pixel (tx, ty) covers image
// pixel ((tx - pad_x) / scale_x, (ty - pad_y) / scale_y).
struct Placement {
  float scale_x = 1, scale_y = 1;
  float pad_x = 0, pad_y = 0;
  int tensor_width = 0, tensor_height = 0;
  int image_width = 0, image_height = 0;
};

// Square NHWC [1, size, size, 3] tensor: the image resized to fit (aspect kept,
// bilinear with area pre-filtering when shrinking), centred, padded with black;
// values mapped from [0, 255] to [lo, hi] (BlazeFace: -1, 1). multiple > 0:
// the tensor's short side is only as long as the image needs, rounded up to
// a multiple of it ([1, 192, 256, 3] for a 4:3 photo at 256 and 32), so no
// compute goes to padding; models that take any size (a multiple of their
// total stride) use this.
StatusOr<Tensor> LetterboxNhwc(const ImageView& image, int size, float lo, float hi,
                               Placement* placement, int multiple = 0);

// NCHW [1, 3, H, W] tensor for the PP-OCR detector: the long side scaled to
// max_side (never up by more than 2x), both sides rounded to a multiple of
// `multiple` (the network downsamples by 32), no padding (the aspect changes by
// a few percent at most, which DB tolerates); per-channel (x / 255 - mean) / std.
struct NchwOptions {
  int max_side = 512;
  int multiple = 32;
  std::array<float, 3> mean = {0.485f, 0.456f, 0.406f};  // ImageNet, as PaddleOCR
  std::array<float, 3> std = {0.229f, 0.224f, 0.225f};
};
StatusOr<Tensor> ResizeNchw(const ImageView& image, const NchwOptions& options,
                            Placement* placement);

// Both models' inputs for one photo, with placements that map back to the
// photo's full-resolution upright pixels (the record's width and height).
struct ModelInputOptions {
  int face_size = 128;      // BlazeFace input: 128 (front) or 256 (back); 0 skips
  int face_multiple = 0;    // > 0: face tensor not square (LetterboxNhwc multiple)
  int text_max_side = 512;  // PP-OCR det long side; 0 skips
  DecodeOptions decode;     // the analysis-scale decode (orientation from EXIF)
};
struct ModelInputs {
  int width = 0, height = 0;  // full resolution, upright
  Tensor face, text;          // empty when skipped
  Placement face_placement, text_placement;
};
// From file bytes: EXIF orientation, then a small-scale decode.
StatusOr<ModelInputs> PrepareModelInputs(const uint8_t* data, size_t size,
                                         const ModelInputOptions& options = {});
// From upright pixels (e.g. decoded by the browser) of a full_width x
// full_height photo.
StatusOr<ModelInputs> PrepareModelInputs(const ImageView& image, int full_width, int full_height,
                                         const ModelInputOptions& options = {});

// ---- BlazeFace ------------------------------------------------------------

// Anchor centres in [0, 1] tensor coordinates, in the order of the model's
// outputs. MediaPipe's SSD anchor calculator with fixed anchor size: layers of
// the same stride share a grid, two anchors per layer per cell. Front 128 model:
// strides {8, 16, 16, 16} -> 16x16x2 + 8x8x6 = 896. Back 256 model: strides
// {16, 32, 32, 32} -> the same 896.
struct Anchor {
  float x = 0, y = 0;
};
std::vector<Anchor> SsdAnchors(int input_size, const std::vector<int>& strides);
std::vector<Anchor> BlazeFaceAnchors(int input_size);  // the two models above
// A width x height input (the back model made size-agnostic at set-up:
// models/onnx-any-size.mjs): grids of ceil(side / stride) cells per axis.
std::vector<Anchor> SsdAnchors(int width, int height, const std::vector<int>& strides);
std::vector<Anchor> BlazeFaceAnchors(int width, int height);

struct Face {
  float x = 0, y = 0, width = 0, height = 0;  // box, image pixels
  float score = 0;                            // 0..1
  // Right eye, left eye, nose tip, mouth, right ear, left ear (subject's
  // sides, MediaPipe order), image pixels.
  std::array<std::array<float, 2>, 6> keypoints{};
};

struct FaceDecodeOptions {
  float min_score = 0.5f;        // after sigmoid
  float nms_iou = 0.3f;          // MediaPipe's min_suppression_threshold
  float raw_score_clip = 100.f;  // logits clipped before the sigmoid, as MediaPipe
  int max_faces = 64;
};

// Raw BlazeFace outputs: `scores` (one logit per anchor) and `boxes` (16 per
// anchor: dx, dy, w, h, then 6 keypoint dx, dy; in input pixels relative to the
// anchor centre), both over all anchors in anchor order (the two output heads
// concatenated). Returns faces in image pixels, strongest first, after weighted
// NMS (overlapping detections are averaged by score, as MediaPipe does).
std::vector<Face> DecodeBlazeFace(const float* scores, const float* boxes,
                                  const std::vector<Anchor>& anchors, const Placement& placement,
                                  const FaceDecodeOptions& options = {});

// Weighted non-maximum suppression on faces (any coordinates), strongest first.
std::vector<Face> WeightedNms(std::vector<Face> faces, float iou_threshold, int max_faces);
float BoxIou(float ax, float ay, float aw, float ah, float bx, float by, float bw, float bh);

// ---- MediaPipe full-range face detector ------------------------------------

// The full-range (group shot) detector: 192x192 input in [-1, 1], one anchor
// per cell of a 48x48 grid (stride 4, fixed anchor size), 2304 anchors; its
// face head is [1, 2304, 17] = one logit then the same 16 values as BlazeFace
// (box dx, dy, w, h, 6 keypoints; input pixels from the anchor centre), so
// DecodeBlazeFace decodes it once the head is split (SplitScoreBoxes).
constexpr int kFullRangeInputSize = 192;
std::vector<Anchor> FullRangeAnchors();
// [n, 17] rows -> scores [n] and boxes [n, 16].
void SplitScoreBoxes(const float* rows, size_t n, std::vector<float>* scores,
                     std::vector<float>* boxes);

// ---- Face attributes: eyes open/closed and smile ---------------------------

// A square region of the image rotated by `angle` radians about its centre
// (image coordinates, y down: a positive angle turns the region's x axis
// towards +y). Models see the region upright.
struct RotatedRect {
  float cx = 0, cy = 0;  // centre, image pixels
  float side = 0;        // image pixels
  float angle = 0;       // radians
};

// Tensor pixel (u, v) -> image pixel: x = a*u + b*v + c, y = d*u + e*v + f.
struct CropTransform {
  float a = 1, b = 0, c = 0, d = 0, e = 1, f = 0;
};

// The region MediaPipe's face landmark model wants from a detection: centred
// on the box, 1.5 times its larger side, turned so the eyes are level (the
// angle of the right-eye -> left-eye keypoint line).
RotatedRect FaceMeshRoi(const Face& face);
// An upright square around the box, `scale` times its larger side (the
// expression model was trained on tight FER2013-style crops).
RotatedRect FaceBoxRoi(const Face& face, float scale);

// The region resampled into an NHWC [1, size, size, channels] tensor
// (channels 3: RGB; 1: luma with the BT.601 weights the expression model's
// trainers used), values mapped from [0, 255] to [lo, hi]; outside the image
// is black. Shrinking averages up to 4x4 bilinear samples per pixel.
StatusOr<Tensor> CropRotated(const ImageView& image, const RotatedRect& roi, int size, int channels,
                             float lo, float hi, CropTransform* transform);

// Eye openness from face-mesh landmarks. Eye aspect ratio (Soukupova & Cech
// 2016): the mean of two lid-to-lid distances over the corner-to-corner
// width; about 0.25-0.35 open and under 0.15 closed, independent of scale and
// in-plane rotation.
struct EyeState {
  float aspect_ratio = 0;  // EAR
  float open = 0;          // 0..1, logistic in the EAR around the threshold
  bool measured = true;    // false: this eye was not looked at
};
struct EyesResult {
  EyeState right, left;    // subject's sides
  float aspect_ratio = 0;  // mean EAR of the measured eyes
  float open = 0;          // 0..1 from aspect_ratio
  float face_score = 0;    // the mesh model's own face-presence probability
};
struct EyeOptions {
  // EAR at which an eye is as likely open as closed, and the logistic's
  // width. The mesh draws lids coarsely: on the eyes-closed-open crops its
  // EAR is a median 0.20 closed and 0.28 open; 0.235 separates them best
  // (73/80). A fallback for when the iris model is unavailable.
  float threshold = 0.235f;
  float softness = 0.03f;
};
// mesh: the face-mesh output, 468 x (x, y, z) in input pixels of the crop;
// the landmarks are mapped through `transform` first so the ratio is measured
// in image space (the crop is square, so this only matters for robustness).
EyesResult EyesFromMesh(const float* mesh, size_t count, const CropTransform& transform,
                        float face_score, const EyeOptions& options = {});
float EyeAspectRatio(const std::array<std::array<float, 2>, 6>& p);

// Eye openness from MediaPipe's iris model (71 eye-contour points + 5 iris
// points, x y z each, in its 64x64 input's pixels), which draws the eyelids
// far more faithfully than the face mesh: on the eyes-closed-open crops the
// mesh's EAR puts closed eyes at a median 0.20 (open 0.28), the iris model's
// at 0.12 (open 0.31). Contour points 0 and 8 are the eye corners, 1-7 the
// lower lid and 9-15 the upper lid (corner to corner, as 0-8).
constexpr int kIrisSize = 64;
constexpr int kIrisValues = 228;  // (71 + 5) x 3
struct EyeCrops {
  Tensor right, left;  // [1, 64, 64, 3] in [0, 1]; the left eye mirrored
};
// Eye crops from the face-mesh crop (its [1, S, S, 3] input tensor) and the
// mesh's landmarks in that crop: centred between each eye's corners, 2.3
// times their distance, turned so the corners are level (MediaPipe's iris
// ROI); the subject's left eye mirrored so both look like a right eye, as
// the model expects. The mesh crop already holds the face at ~192 px, so the
// eyes keep about the iris input's resolution.
StatusOr<EyeCrops> PrepareEyeCrops(const Tensor& face_crop, const float* mesh, size_t count);
// Aspect ratio of one iris-model eye: the mean of three lid-to-lid
// distances over the corner distance; count must cover the 71 contour points.
float IrisEyeAspectRatio(const float* iris, size_t count);
struct IrisEyeOptions {
  // Read from bench/eyes-eval.mjs's distributions (closed 0.05-0.29, open
  // 0.17-0.43, medians 0.12 / 0.31); the leave-one-out accuracy it prints
  // re-picks the threshold without each file.
  float threshold = 0.24f;
  float softness = 0.03f;
};
// Either eye may be null (one iris run where the face mesh already saw both
// lids and only needs a finer look at one): the verdict is then the other
// eye's, and the missing one is marked unmeasured.
EyesResult EyesFromIris(const float* right, const float* left, size_t count, float face_score,
                        const IrisEyeOptions& options = {});

// Smile probability from the expression model's softmax over FER2013's seven
// classes (angry, disgust, fear, happy, sad, surprise, neutral): "happy".
struct Expression {
  float smile = 0;  // P(happy)
  int top = 0;      // the most likely class
  float top_score = 0;
};
constexpr int kExpressionClasses = 7;
const char* ExpressionName(int index);
Expression ExpressionFromSoftmax(const float* probs, size_t count);

// Both attribute models' inputs for the faces of one photo. The photo is
// decoded again at the smallest scale that gives every face crop (up to
// max_faces of the largest) at least its tensor's resolution, so small faces
// in group shots keep their eyes.
struct FaceCropOptions {
  int mesh_size = 192;            // face-mesh input; 0 skips
  int expression_size = 64;       // expression input (gray); 0 skips
  float expression_scale = 1.1f;  // FaceBoxRoi scale for the expression crop
  int max_faces = 8;              // largest faces first; the rest get no crops
  // The decode is chosen so that the smallest considered face's crop region
  // (1.5x its box side) has at least this many decoded pixels, or the photo's
  // full size where it has fewer. Crops are resampled to the tensor sizes
  // from there. 96 keeps faces at >= 64 decoded px: `node
  // bench/eyes-eval.mjs --sizes` measured eyes accuracy 0.95-0.96 and the
  // smile verdict agreeing 0.98 with full size from 64 px, as for larger faces.
  int crop_source_side = 96;
  // Study knob: > 0 and < 1 takes the crops from the photo shrunk to this
  // share of its full size (area averaging), as if it had been taken at a
  // lower resolution. 0: off.
  float source_scale = 0;
  DecodeOptions decode;  // limits; min_short_side is chosen here
};
struct FaceCrop {
  int face = 0;  // index into the faces given
  Tensor mesh;   // [1, 192, 192, 3] in [0, 1]
  CropTransform mesh_transform;
  Tensor expression;  // [1, 64, 64, 1] in [-1, 1]
};
struct FaceCrops {
  int width = 0, height = 0;  // full resolution, upright
  int decoded_width = 0, decoded_height = 0;
  std::vector<FaceCrop> crops;
};
// The short side (decoded pixels) the crops of these faces want: what
// PrepareFaceCrops decodes at (0: full size). An image decoded already is
// good enough when its short side reaches this.
int FaceCropShortSide(int full_width, int full_height, const std::vector<Face>& faces,
                      const FaceCropOptions& options);
// Whether an image decoded already (width x height, of the full_width x
// full_height photo; e.g. the cheap pass's kept decode) serves these faces'
// crops without a new decode: it is the photo at full size, or its short
// side reaches FaceCropShortSide.
bool FaceCropsFitDecode(int width, int height, int full_width, int full_height,
                        const std::vector<Face>& faces, const FaceCropOptions& options);
// Crops from such a decode; one with twice the pixels the crops want or more
// is shrunk first (area averaging, as a scaled decode would), so cropping
// samples no more than it needs.
StatusOr<FaceCrops> PrepareFaceCropsFromDecode(const ImageView& decoded, int full_width,
                                               int full_height, const std::vector<Face>& faces,
                                               const FaceCropOptions& options);
// faces: in the photo's full-resolution upright pixels (full_width x
// full_height, as ModelInputs reports them). mesh_transform maps to the same
// pixels.
StatusOr<FaceCrops> PrepareFaceCrops(const uint8_t* data, size_t size, int full_width,
                                     int full_height, const std::vector<Face>& faces,
                                     const FaceCropOptions& options = {});
// From upright pixels of a full_width x full_height photo.
StatusOr<FaceCrops> PrepareFaceCrops(const ImageView& image, int full_width, int full_height,
                                     const std::vector<Face>& faces,
                                     const FaceCropOptions& options = {});

// ---- PP-OCR text detection (DB) -------------------------------------------

struct TextBox {
  float x = 0, y = 0, width = 0, height = 0;  // axis-aligned, image pixels, unclipped
  float score = 0;                            // mean probability inside the region
};

struct TextDecodeOptions {
  float threshold = 0.3f;      // probability -> text pixel (PaddleOCR det_db_thresh)
  float box_threshold = 0.6f;  // mean probability a region needs (det_db_box_thresh)
  float unclip_ratio = 1.5f;   // DB shrinks text regions; grow them back by area*r/perimeter
  int min_side = 3;            // regions thinner than this (map pixels) are noise
  int max_boxes = 1000;
};

// Boxes from a probability map [height, width] (the model's [1, 1, H, W]
// output). 8-connected components of pixels over `threshold`; each region's
// axis-aligned box, scored by its mean probability, grown by the unclip
// distance. Axis-aligned rather than rotated rectangles: the features below
// only need extent and rows, and photos of text are mostly near-horizontal.
std::vector<TextBox> DecodeDbBoxes(const float* prob, int width, int height,
                                   const Placement& placement,
                                   const TextDecodeOptions& options = {});

struct TextLayout {
  float area_fraction = 0;  // share of the image covered by (the union of) text boxes
  int boxes = 0;
  int lines = 0;  // boxes grouped into rows by vertical overlap
  // 0..1: how page-like the rows are. The mean of left_alignment and
  // 1 - min(1, line_height_cv); 0 with fewer than 3 lines.
  float regularity = 0;
  float left_alignment = 0;  // share of lines starting within 3% of width of the median start
  float line_height_cv = 0;  // std / mean of line heights
  // Median row length in line heights (row width / row height): about the
  // characters per line. A till receipt's narrow column reads ~10-30, a
  // page of prose 40+. 0 with fewer than 3 lines.
  float line_length = 0;
};
TextLayout ComputeTextLayout(const std::vector<TextBox>& boxes, int image_width, int image_height);

}  // namespace gemroll

#endif  // GEMROLL_MODEL_H_
