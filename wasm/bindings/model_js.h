// Model tensors, placements and faces as JS sees them ({tensor, shape},
// {scaleX, ..., imageHeight}, [{x, y, width, height, score, keypoints}]),
// written once for every bindings file that feeds or reads a model.
#ifndef GEMROLL_WASM_BINDINGS_MODEL_JS_H_
#define GEMROLL_WASM_BINDINGS_MODEL_JS_H_

#include <emscripten/val.h>

#include <vector>

#include "gemroll/model.h"
#include "js_value.h"

namespace gemroll::js {

// {tensor: Float32Array, shape: [...]}, a JS-owned copy.
inline val TensorOut(const Tensor& t) {
  val o = val::object();
  o.set("tensor", FloatsOut(t.data));
  o.set("shape", val::array(t.shape.begin(), t.shape.end()));
  return o;
}

// The placement a tensor came with, back from JS (bounded: it is JS input).
inline Placement PlacementIn(const val& o) {
  constexpr double kMaxCoord = 1e6;
  Placement p;
  p.scale_x = static_cast<float>(NumberOr(o, "scaleX", 0, 0, kMaxCoord));
  p.scale_y = static_cast<float>(NumberOr(o, "scaleY", 0, 0, kMaxCoord));
  p.pad_x = static_cast<float>(NumberOr(o, "padX", 0, -kMaxCoord, kMaxCoord));
  p.pad_y = static_cast<float>(NumberOr(o, "padY", 0, -kMaxCoord, kMaxCoord));
  p.tensor_width = static_cast<int>(NumberOr(o, "tensorWidth", 0, 0, 1 << 16));
  p.tensor_height = static_cast<int>(NumberOr(o, "tensorHeight", 0, 0, 1 << 16));
  p.image_width = static_cast<int>(NumberOr(o, "imageWidth", 0, 0, 1 << 20));
  p.image_height = static_cast<int>(NumberOr(o, "imageHeight", 0, 0, 1 << 20));
  return p;
}

inline val PlacementOut(const Placement& p) {
  val o = val::object();
  o.set("scaleX", p.scale_x);
  o.set("scaleY", p.scale_y);
  o.set("padX", p.pad_x);
  o.set("padY", p.pad_y);
  o.set("tensorWidth", p.tensor_width);
  o.set("tensorHeight", p.tensor_height);
  o.set("imageWidth", p.image_width);
  o.set("imageHeight", p.image_height);
  return o;
}

// [{x, y, width, height, score, keypoints: [[x, y] x 6]}] in image pixels.
inline val FacesOut(const std::vector<Face>& faces) {
  val list = val::array();
  for (const Face& f : faces) {
    val o = val::object();
    o.set("x", f.x);
    o.set("y", f.y);
    o.set("width", f.width);
    o.set("height", f.height);
    o.set("score", f.score);
    val kps = val::array();
    for (const auto& k : f.keypoints) {
      val pt = val::array();
      pt.call<void>("push", k[0], k[1]);
      kps.call<void>("push", pt);
    }
    o.set("keypoints", kps);
    list.call<void>("push", o);
  }
  return list;
}

// {minScore, iou} for BlazeFace decoding (FaceDecodeOptions), bounded to 0..1.
inline FaceDecodeOptions FaceDecodeOptionsIn(const val& o) {
  FaceDecodeOptions fo;
  fo.min_score = static_cast<float>(NumberOr(o, "minScore", fo.min_score, 0, 1));
  fo.nms_iou = static_cast<float>(NumberOr(o, "iou", fo.nms_iou, 0, 1));
  return fo;
}

}  // namespace gemroll::js

#endif  // GEMROLL_WASM_BINDINGS_MODEL_JS_H_
