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
// values mapped from [0, 255] to [lo, hi] (BlazeFace: -1, 1).
StatusOr<Tensor> LetterboxNhwc(const ImageView& image, int size, float lo, float hi,
                               Placement* placement);

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
};
TextLayout ComputeTextLayout(const std::vector<TextBox>& boxes, int image_width, int image_height);

}  // namespace gemroll

#endif  // GEMROLL_MODEL_H_
