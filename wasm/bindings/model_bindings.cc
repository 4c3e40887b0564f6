// Embind functions for the face-attribute models and the full-range face
// detector (model.h): tensors in, plain objects out; ONNX Runtime runs in JS
// (web/package/src/face-attributes.js). Errors return {error: {code,
// message}}, which the JS side turns into thrown errors, as in
// gemroll_bindings.cc.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/model.h"
#include "gemroll/status.h"
#include "js_value.h"
#include "kept_photo.h"
#include "model_js.h"
#include "options_js.h"

namespace gemroll {
namespace {

using emscripten::val;

using js::BytesIn;
using js::ErrorResult;
using js::FacesOut;
using js::FloatsIn;
using js::FloatsOut;
using js::NumberOr;
using js::PlacementIn;
using js::PlacementOut;
using js::TensorOut;

int Int(const val& o, const char* key, int fallback, int lo, int hi) {
  return static_cast<int>(NumberOr(o, key, fallback, lo, hi));
}

val TransformOut(const CropTransform& t) {
  const std::vector<float> v = {t.a, t.b, t.c, t.d, t.e, t.f};
  return val::array(v.begin(), v.end());
}

CropTransform TransformIn(const val& a) {
  CropTransform t;
  if (a.isUndefined() || a.isNull() || a["length"].as<int>() != 6) return t;
  float* f[6] = {&t.a, &t.b, &t.c, &t.d, &t.e, &t.f};
  for (int i = 0; i < 6; ++i) {
    val v = a[i];
    const double d = v.isNumber() ? v.as<double>() : 0;
    *f[i] = std::isfinite(d) ? static_cast<float>(d) : 0.f;
  }
  return t;
}

constexpr double kMaxCoord = 1e6;

// [{x, y, width, height, keypoints: [[x, y] x 6]}] in photo pixels; also
// accepts the package's {box: {x, y, width, height}, keypoints} shape.
std::vector<Face> FacesIn(const val& list) {
  std::vector<Face> faces;
  if (list.isUndefined() || list.isNull()) return faces;
  const int n = std::min(list["length"].as<int>(), 256);
  for (int i = 0; i < n; ++i) {
    val f = list[i];
    val box = f["box"].isUndefined() ? f : f["box"];
    Face face;
    face.x = static_cast<float>(NumberOr(box, "x", 0, -kMaxCoord, kMaxCoord));
    face.y = static_cast<float>(NumberOr(box, "y", 0, -kMaxCoord, kMaxCoord));
    face.width = static_cast<float>(NumberOr(box, "width", 0, 0, kMaxCoord));
    face.height = static_cast<float>(NumberOr(box, "height", 0, 0, kMaxCoord));
    face.score = static_cast<float>(NumberOr(f, "score", 0, 0, 1));
    val kps = f["keypoints"];
    if (!kps.isUndefined() && !kps.isNull() && kps["length"].as<int>() >= 2) {
      for (int k = 0; k < std::min(kps["length"].as<int>(), 6); ++k) {
        val p = kps[k];
        for (int c = 0; c < 2; ++c) {
          val v = p[c];
          const double d = v.isNumber() ? v.as<double>() : 0;
          face.keypoints[k][c] = std::isfinite(d) ? static_cast<float>(d) : 0.f;
        }
      }
    } else {
      // No keypoints: eyes assumed level (upright crop).
      face.keypoints[0] = {face.x + face.width * 0.3f, face.y + face.height * 0.4f};
      face.keypoints[1] = {face.x + face.width * 0.7f, face.y + face.height * 0.4f};
    }
    if (face.width > 0 && face.height > 0) faces.push_back(face);
  }
  return faces;
}

// prepareFullRangeInputRaw(bytes, {minShortSide, maxPixels}) -> {width,
// height, tensor, shape: [1, 192, 192, 3], placement} | {error}
val PrepareFullRangeInputRaw(val bytes, val options) {
  ModelInputOptions opt;
  opt.face_size = kFullRangeInputSize;
  opt.text_max_side = 0;
  opt.decode = js::DecodeOptionsIn(options, opt.decode);
  std::vector<uint8_t> data = BytesIn(bytes);
  bytes = val::undefined();
  StatusOr<ModelInputs> in = PrepareModelInputs(data.data(), data.size(), opt);
  if (!in.ok()) return ErrorResult(in.status());
  val r = val::object();
  r.set("width", in->width);
  r.set("height", in->height);
  r.set("tensor", FloatsOut(in->face.data));
  r.set("shape", val::array(in->face.shape.begin(), in->face.shape.end()));
  r.set("placement", PlacementOut(in->face_placement));
  return r;
}

// decodeFullRangeRaw(faceHead: Float32Array(2304 * 17), placement, {minScore,
// iou}) -> {faces: [...]} | {error}
val DecodeFullRangeRaw(val head_in, val placement_in, val options) {
  const Placement p = PlacementIn(placement_in);
  const std::vector<Anchor> anchors = FullRangeAnchors();
  const std::vector<float> head = FloatsIn(head_in);
  if (head.size() != anchors.size() * 17) {
    return ErrorResult(InvalidArgument("full-range detector output does not match the anchors"));
  }
  std::vector<float> scores, boxes;
  SplitScoreBoxes(head.data(), anchors.size(), &scores, &boxes);
  const FaceDecodeOptions fo = js::FaceDecodeOptionsIn(options);
  val r = val::object();
  r.set("faces", FacesOut(DecodeBlazeFace(scores.data(), boxes.data(), anchors, p, fo)));
  return r;
}

// prepareFaceCropsRaw(bytes, fullWidth, fullHeight, faces, {meshSize,
// expressionSize, maxFaces, cropSourceSide, sourceScale, maxPixels, kept})
// -> {decodedWidth, decodedHeight, crops: [{face, mesh?: {tensor, shape,
// transform}, expression?: {tensor, shape}}]} | {error}. kept: a KeptPhoto
// handle from analyzePhoto({keep: true}); its decode is used when large enough.
val PrepareFaceCropsRaw(val bytes, int full_width, int full_height, val faces_in, val options) {
  FaceCropOptions opt;
  opt.mesh_size = Int(options, "meshSize", opt.mesh_size, 0, 512);
  opt.expression_size = Int(options, "expressionSize", opt.expression_size, 0, 512);
  opt.max_faces = Int(options, "maxFaces", opt.max_faces, 0, 64);
  opt.crop_source_side = Int(options, "cropSourceSide", opt.crop_source_side, 1, 4096);
  opt.source_scale = static_cast<float>(NumberOr(options, "sourceScale", 0, 0, 1));
  opt.decode = js::DecodeOptionsIn(options, opt.decode);
  const std::vector<Face> faces = FacesIn(faces_in);
  StatusOr<FaceCrops> crops = InvalidArgument("no crops");
  // The kept analysis decode, where it holds the faces at the resolution
  // their crops want: no second decode.
  const PhotoAnalysis* kept = opt.source_scale > 0 ? nullptr : FindKeptPhoto(options);
  if (kept != nullptr && kept->width == full_width && kept->height == full_height &&
      FaceCropsFitDecode(kept->image.width(), kept->image.height(), full_width, full_height, faces,
                         opt)) {
    crops = PrepareFaceCropsFromDecode(kept->image.View(), full_width, full_height, faces, opt);
  } else {
    std::vector<uint8_t> data = BytesIn(bytes);
    bytes = val::undefined();
    crops = PrepareFaceCrops(data.data(), data.size(), full_width, full_height, faces, opt);
  }
  if (!crops.ok()) return ErrorResult(crops.status());
  val list = val::array();
  for (const FaceCrop& c : crops->crops) {
    val o = val::object();
    o.set("face", c.face);
    if (!c.mesh.data.empty()) {
      val mesh = TensorOut(c.mesh);
      mesh.set("transform", TransformOut(c.mesh_transform));
      o.set("mesh", mesh);
    }
    if (!c.expression.data.empty()) o.set("expression", TensorOut(c.expression));
    list.call<void>("push", o);
  }
  val r = val::object();
  r.set("decodedWidth", crops->decoded_width);
  r.set("decodedHeight", crops->decoded_height);
  r.set("crops", list);
  return r;
}

// prepareEyeCropsRaw(meshInput: Float32Array, meshShape: [1, S, S, 3], mesh:
// Float32Array(1404)) -> {right: {tensor, shape}, left: {tensor, shape}} |
// {error}: the iris model's inputs, cut from the face-mesh crop.
val PrepareEyeCropsRaw(val face_in, val shape_in, val mesh_in) {
  Tensor face;
  face.data = FloatsIn(face_in);
  const int rank = shape_in.isUndefined() || shape_in.isNull() ? 0 : shape_in["length"].as<int>();
  for (int i = 0; i < std::min(rank, 4); ++i) {
    val v = shape_in[i];
    face.shape.push_back(v.isNumber() ? std::clamp(v.as<int>(), 0, 4096) : 0);
  }
  const std::vector<float> mesh = FloatsIn(mesh_in);
  StatusOr<EyeCrops> eyes = PrepareEyeCrops(face, mesh.data(), mesh.size());
  if (!eyes.ok()) return ErrorResult(eyes.status());
  val r = val::object();
  r.set("right", TensorOut(eyes->right));
  r.set("left", TensorOut(eyes->left));
  return r;
}

val EyesOut(const EyesResult& e) {
  auto eye = [](const EyeState& s) {
    val o = val::object();
    o.set("open", s.open);
    o.set("aspectRatio", s.aspect_ratio);
    return o;
  };
  val eyes = val::object();
  eyes.set("open", e.open);
  eyes.set("aspectRatio", e.aspect_ratio);
  if (e.right.measured) eyes.set("right", eye(e.right));
  if (e.left.measured) eyes.set("left", eye(e.left));
  eyes.set("faceScore", e.face_score);
  return eyes;
}

// faceAttributesRaw({irisRight?, irisLeft?: Float32Array(228), mesh?:
// Float32Array(1404), transform?, faceScore}, expression: Float32Array(7) |
// null, {eyeThreshold, eyeSoftness}) -> {eyes?: {open, aspectRatio, right:
// {open, aspectRatio}, left, faceScore, source: 'iris' | 'mesh'},
// expression?: {smile, top, topScore}} | {error}. Eyes come from the iris
// outputs when either is given (an eye not given has no right/left entry),
// else from the mesh (coarser eyelids).
val FaceAttributesRaw(val eyes_in, val expression_in, val options) {
  val r = val::object();
  const bool has_eyes = !eyes_in.isUndefined() && !eyes_in.isNull();
  const float face_score =
      has_eyes ? static_cast<float>(NumberOr(eyes_in, "faceScore", 0, 0, 1)) : 0.f;
  const std::vector<float> right = has_eyes ? FloatsIn(eyes_in["irisRight"]) : std::vector<float>{};
  const std::vector<float> left = has_eyes ? FloatsIn(eyes_in["irisLeft"]) : std::vector<float>{};
  const std::vector<float> mesh = has_eyes ? FloatsIn(eyes_in["mesh"]) : std::vector<float>{};
  if (!right.empty() || !left.empty()) {
    if ((!right.empty() && right.size() < kIrisValues) ||
        (!left.empty() && left.size() < kIrisValues)) {
      return ErrorResult(InvalidArgument("iris outputs need 228 values per eye"));
    }
    IrisEyeOptions io;
    io.threshold = static_cast<float>(NumberOr(options, "eyeThreshold", io.threshold, 0, 1));
    io.softness = static_cast<float>(NumberOr(options, "eyeSoftness", io.softness, 1e-3, 1));
    val eyes =
        EyesOut(EyesFromIris(right.empty() ? nullptr : right.data(),
                             left.empty() ? nullptr : left.data(), kIrisValues, face_score, io));
    eyes.set("source", std::string("iris"));
    r.set("eyes", eyes);
  } else if (!mesh.empty()) {
    if (mesh.size() < 468 * 3) return ErrorResult(InvalidArgument("face mesh output is too short"));
    EyeOptions eo;
    eo.threshold = static_cast<float>(NumberOr(options, "eyeThreshold", eo.threshold, 0, 1));
    eo.softness = static_cast<float>(NumberOr(options, "eyeSoftness", eo.softness, 1e-3, 1));
    val eyes = EyesOut(
        EyesFromMesh(mesh.data(), mesh.size(), TransformIn(eyes_in["transform"]), face_score, eo));
    eyes.set("source", std::string("mesh"));
    r.set("eyes", eyes);
  }
  const std::vector<float> probs = FloatsIn(expression_in);
  if (!probs.empty()) {
    if (probs.size() < kExpressionClasses) {
      return ErrorResult(InvalidArgument("expression output needs 7 probabilities"));
    }
    const Expression x = ExpressionFromSoftmax(probs.data(), probs.size());
    val e = val::object();
    e.set("smile", x.smile);
    e.set("top", std::string(ExpressionName(x.top)));
    e.set("topScore", x.top_score);
    r.set("expression", e);
  }
  return r;
}

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_models) {
  emscripten::function("prepareFullRangeInputRaw", &gemroll::PrepareFullRangeInputRaw);
  emscripten::function("decodeFullRangeRaw", &gemroll::DecodeFullRangeRaw);
  emscripten::function("prepareFaceCropsRaw", &gemroll::PrepareFaceCropsRaw);
  emscripten::function("prepareEyeCropsRaw", &gemroll::PrepareEyeCropsRaw);
  emscripten::function("faceAttributesRaw", &gemroll::FaceAttributesRaw);
}
