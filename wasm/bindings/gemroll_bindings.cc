// The JS face of the core: Embind functions that convert JS values to core
// types and back, and nothing else. Analysis results cross as the same JSON
// the CLI prints (PhotoAnalysis::WriteJson), so field names have one source of
// truth and new fields reach JS without touching this file.
//
// Errors are returned as {error: {code, message}} and turned into thrown JS
// errors by bindings_post.js: a JS exception thrown from C++ (val::throw_)
// would unwind past C++ destructors and leak the input bytes.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gemroll/analyze.h"
#include "gemroll/classify.h"
#include "gemroll/curate.h"
#include "gemroll/encode.h"
#include "gemroll/gazetteer.h"
#include "gemroll/json.h"
#include "gemroll/model.h"
#include "gemroll/status.h"
#include "js_value.h"
#include "kept_photo.h"
#include "model_js.h"
#include "options_js.h"

namespace gemroll {
namespace {

using emscripten::val;
using js::BoolOr;
using js::BytesIn;
using js::BytesOut;
using js::ErrorResult;
using js::FacesOut;
using js::FloatsIn;
using js::Has;
using js::IsNullish;
using js::JsonResult;
using js::NumberOr;
using js::PlacementIn;
using js::PlacementOut;
using js::StringOr;
using js::TensorOut;

constexpr int kDefaultThumbnailQuality = 80;
constexpr int kRecordThumbnailLongSide = 256;  // as RecordFromBytes

int IntOr(const val& options, const char* key, int fallback) {
  return static_cast<int>(NumberOr(options, key, fallback, 0, std::numeric_limits<int>::max()));
}

// JS option names mirror AnalyzeOptions one to one (see web/package/src/index.d.ts).
AnalyzeOptions ToAnalyzeOptions(const val& o, int* thumbnail_quality) {
  AnalyzeOptions opt;
  opt.decode = js::DecodeOptionsIn(o, opt.decode);
  opt.thumbnail_long_side = IntOr(o, "thumbnailLongSide", 0);
  opt.preview = BoolOr(o, "preview", false);
  opt.file_size = static_cast<uint64_t>(NumberOr(o, "fileSize", 0, 0, js::kMaxSafeInteger));
  *thumbnail_quality = std::clamp(IntOr(o, "thumbnailQuality", kDefaultThumbnailQuality), 1, 100);
  return opt;
}

// The curation record (see EncodePhotoRecord) for `record_path`, built as
// RecordFromBytes does, so that curate() gives what `gemroll suggest` gives
// for the same files; with it the core's model plan (classify.h PlanModels)
// as JSON text: {face, text, skipped: [{model, reason}]}.
void RecordOut(const PhotoAnalysis& a, const std::string& record_path, const ModelEvidence* models,
               val* result) {
  const size_t slash = record_path.rfind('/');
  const std::string name = slash == std::string::npos ? record_path : record_path.substr(slash + 1);
  KindVerdict kind = ClassifyKind(a, name, models);
  QualityVerdict quality = JudgeQuality(a, kind.kind);
  JsonWriter plan;
  PlanModels(a, kind, quality).WriteJson(plan);
  result->set("modelPlan", plan.str());
  const PhotoRecord r =
      MakePhotoRecord(record_path, a, std::move(kind), std::move(quality), models);
  result->set("record", BytesOut(EncodePhotoRecord(r)));
}

// `record_path` set: the result also carries the curation record.
val Finish(const StatusOr<PhotoAnalysis>& a, int thumbnail_quality, bool want_thumbnail,
           const std::string* record_path, const ModelEvidence* models = nullptr) {
  if (!a.ok()) return ErrorResult(a.status());
  JsonWriter w;
  w.BeginObject();
  a->WriteJson(w);
  w.EndObject();
  val result = JsonResult(w.str());
  if (record_path) RecordOut(a.value(), *record_path, models, &result);
  if (want_thumbnail && !a->thumbnail.empty()) {
    JpegEncodeOptions jpeg;
    jpeg.quality = thumbnail_quality;
    StatusOr<std::vector<uint8_t>> encoded = EncodeJpeg(a->thumbnail.View(), jpeg);
    if (!encoded.ok()) return ErrorResult(encoded.status());
    result.set("thumbnail", BytesOut(encoded.value()));
  }
  return result;
}

// options.modelEvidence: {textRan, textAreaFraction, textLines, textRegularity, textSide,
// facesRan, faceCount, faces: [{x, y, width, height, score, eyesOpen?,
// smile?}]} from the on-device models (web/package/src/models.js engineEvidence;
// face boxes relative to the upright frame, 0..1; eyesOpen/smile 0..1, absent
// when unknown); absent: the classical verdicts alone. Returns whether it was given.
bool ToModelEvidence(const val& options, ModelEvidence* m) {
  if (!Has(options, "modelEvidence")) return false;
  const val e = options["modelEvidence"];
  m->text_ran = BoolOr(e, "textRan", false);
  m->text_area_fraction = static_cast<float>(NumberOr(e, "textAreaFraction", 0, 0, 1));
  m->text_lines = IntOr(e, "textLines", 0);
  m->text_layout_regularity = static_cast<float>(NumberOr(e, "textRegularity", 0, 0, 1));
  m->text_side = IntOr(e, "textSide", 0);
  m->faces_ran = BoolOr(e, "facesRan", false);
  m->face_count = IntOr(e, "faceCount", 0);
  const val faces = e["faces"];
  if (m->faces_ran && faces.isArray()) {
    constexpr size_t kMaxFaces = 64;  // as FaceDecodeOptions::max_faces
    const size_t n = std::min(faces["length"].as<size_t>(), kMaxFaces);
    for (size_t i = 0; i < n; ++i) {
      const val f = faces[i];
      if (IsNullish(f)) continue;
      FaceEvidence fe;
      fe.x = static_cast<float>(NumberOr(f, "x", 0, -1, 2));
      fe.y = static_cast<float>(NumberOr(f, "y", 0, -1, 2));
      fe.width = static_cast<float>(NumberOr(f, "width", 0, 0, 2));
      fe.height = static_cast<float>(NumberOr(f, "height", 0, 0, 2));
      fe.score = static_cast<float>(NumberOr(f, "score", 0, 0, 1));
      fe.eyes_open = static_cast<float>(NumberOr(f, "eyesOpen", -1, 0, 1));
      fe.smile = static_cast<float>(NumberOr(f, "smile", -1, 0, 1));
      m->faces.push_back(fe);
    }
    m->face_count = static_cast<int>(m->faces.size());
  }
  return m->text_ran || m->faces_ran;
}

// options.recordPath (a string): the caller wants the curation record for
// that relative path. Returns whether it does; the analysis then keeps a
// thumbnail for border trimming, as RecordFromBytes does.
bool WantRecord(const val& options, AnalyzeOptions* opt, std::string* record_path) {
  if (IsNullish(options) || !options["recordPath"].isString()) return false;
  *record_path = options["recordPath"].as<std::string>();
  if (opt->thumbnail_long_side <= 0) opt->thumbnail_long_side = kRecordThumbnailLongSide;
  return true;
}

// analyzePhotoRaw(bytes, options) -> {json, thumbnail?, record?, modelPlan?} | {error: {code,
// message}} options.recordPath (a string): also return the curation record for that relative path
// (its file name is a hint to the kind verdict) and the model plan. `keep`: the analysis and its
// decode go into that KeptPhoto.
val AnalyzeInto(val bytes, const val& options, KeptPhoto* keep) {
  int quality = kDefaultThumbnailQuality;
  AnalyzeOptions opt = ToAnalyzeOptions(options, &quality);
  const bool want_thumbnail = opt.thumbnail_long_side > 0;
  std::string record_path;
  const bool want_record = WantRecord(options, &opt, &record_path);
  ModelEvidence models;
  const bool have_models = ToModelEvidence(options, &models);
  opt.keep_image = keep != nullptr;
  if (keep != nullptr) keep->Clear();  // never two decodes alive in one handle
  std::vector<uint8_t> data = BytesIn(bytes);
  bytes = val::undefined();  // let JS collect the source while we work
  StatusOr<PhotoAnalysis> a = AnalyzePhoto(data.data(), data.size(), opt);
  val result = Finish(a, quality, want_thumbnail, want_record ? &record_path : nullptr,
                      have_models ? &models : nullptr);
  if (keep != nullptr && a.ok()) keep->Keep(std::move(a).value(), std::move(record_path));
  return result;
}

val AnalyzePhotoRaw(val bytes, val options) {
  return AnalyzeInto(std::move(bytes), options, nullptr);
}

StatusCode StatusCodeFromName(const std::string& name) {
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kIo); ++c) {
    if (name == StatusCodeName(static_cast<StatusCode>(c))) return static_cast<StatusCode>(c);
  }
  return StatusCode::kCorruptData;  // e.g. "internal": the engine failed on the file
}

// A gazetteer that JS holds across curate calls (parsing 170,000 places is
// worth doing once per worker, not once per call). JS-owned: delete() frees it.
class GazetteerHandle {
 public:
  // load(tsv: Uint8Array) -> {places} | {error}: the TSV `gemroll suggest
  // --gazetteer FILE` reads (see gazetteer.h). A failed load keeps what was
  // there before.
  val Load(val bytes) {
    std::vector<uint8_t> data = BytesIn(bytes);
    bytes = val::undefined();
    StatusOr<Gazetteer> g =
        Gazetteer::Parse(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
    if (!g.ok()) return ErrorResult(g.status());
    gazetteer_ = std::move(g).value();
    val result = val::object();
    result.set("places", size());
    return result;
  }
  double size() const { return static_cast<double>(gazetteer_.size()); }
  // nullptr until a load succeeded.
  const Gazetteer* get() const { return gazetteer_.size() > 0 ? &gazetteer_ : nullptr; }

 private:
  Gazetteer gazetteer_;
};

// curateRaw(items, options) -> {json} | {error}. items: [{path, record: Uint8Array}
// | {path, error: {code, message}}], in the order suggestions index them;
// options: {today: "YYYY-MM-DD" | ""}; gazetteer: a loaded Gazetteer or null
// (titles without place names, as `gemroll suggest --gazetteer none`).
val CurateRaw(val items, val options, const GazetteerHandle* gazetteer) {
  const size_t n = items["length"].as<size_t>();
  std::vector<PhotoRecord> records;
  records.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    val item = items[i];
    std::string path = StringOr(item, "path");
    val record = item["record"];
    if (IsNullish(record)) {
      const val error = item["error"];
      const std::string code = StringOr(error, "code");
      const std::string message = StringOr(error, "message", "failed");
      records.push_back(
          MakeErrorRecord(std::move(path), Status(StatusCodeFromName(code), message)));
      continue;
    }
    const std::vector<uint8_t> blob = BytesIn(record);
    StatusOr<PhotoRecord> r = DecodePhotoRecord(path, blob.data(), blob.size());
    if (!r.ok()) {
      return ErrorResult(Status(r.status().code(), path + ": " + r.status().message()));
    }
    records.push_back(std::move(r).value());
  }
  CurateOptions co;
  co.today = StringOr(options, "today", co.today);
  if (gazetteer) co.gazetteer = gazetteer->get();
  const Suggestions s = Curate(records, co);
  JsonWriter w;
  WriteSuggestionsJson(records, s, w);
  return JsonResult(w.str());
}

// analyzeRgbaRaw(rgba, width, height, options): tightly packed RGBA8 rows, as
// ImageData.data or VideoFrame.copyTo give them. options.fileBytes (the file
// the pixels were decoded from, e.g. a WebP the browser decoded): the record
// also gets the file's format, size, hash and EXIF; options.recordPath: also
// the curation record, as analyzePhotoRaw.
val AnalyzeRgbaRaw(val rgba, int width, int height, val options) {
  int quality = kDefaultThumbnailQuality;
  AnalyzeOptions opt = ToAnalyzeOptions(options, &quality);
  const bool want_thumbnail = opt.thumbnail_long_side > 0;
  std::string record_path;
  const bool want_record = WantRecord(options, &opt, &record_path);
  std::vector<uint8_t> file;
  if (Has(options, "fileBytes")) file = BytesIn(options["fileBytes"]);
  std::vector<uint8_t> data = BytesIn(rgba);
  rgba = val::undefined();
  if (width <= 0 || height <= 0 ||
      data.size() / 4 / static_cast<size_t>(width) < static_cast<size_t>(height)) {
    return ErrorResult(InvalidArgument("RGBA buffer is smaller than width * height * 4"));
  }
  ModelEvidence models;
  const bool have_models = ToModelEvidence(options, &models);
  return Finish(AnalyzeRgba(data.data(), width, height, static_cast<size_t>(width) * 4, file.data(),
                            file.size(), opt),
                quality, want_thumbnail, want_record ? &record_path : nullptr,
                have_models ? &models : nullptr);
}

// ---- On-device models: tensors in, evidence out (ORT runs in JS) ----------

val ModelInputsOut(const StatusOr<ModelInputs>& in) {
  if (!in.ok()) return ErrorResult(in.status());
  val result = val::object();
  result.set("width", in->width);
  result.set("height", in->height);
  if (!in->face.data.empty()) {
    val face = TensorOut(in->face);
    face.set("placement", PlacementOut(in->face_placement));
    result.set("face", face);
  }
  if (!in->text.data.empty()) {
    val text = TensorOut(in->text);
    text.set("placement", PlacementOut(in->text_placement));
    result.set("text", text);
  }
  return result;
}

ModelInputOptions ToModelInputOptions(const val& o) {
  ModelInputOptions opt;
  opt.face_size = IntOr(o, "faceSize", opt.face_size);
  if (opt.face_size != 0 && opt.face_size != 128 && opt.face_size != 256) opt.face_size = 128;
  opt.face_multiple = IntOr(o, "faceMultiple", 0) == 32 ? 32 : 0;
  opt.text_max_side = std::min(IntOr(o, "textMaxSide", opt.text_max_side), 2048);
  if (opt.text_max_side != 0) opt.text_max_side = std::max(opt.text_max_side, 64);
  opt.decode = js::DecodeOptionsIn(o, opt.decode);
  return opt;
}

// prepareModelInputsRaw(bytes, {faceSize: 128|256|0, faceMultiple: 0|32, textMaxSide,
// minShortSide, kept}); faceMultiple 32: a face tensor only as tall (or wide) as the
// photo needs, for the size-agnostic back model
// -> {width, height, face?: {tensor, shape, placement}, text?: {...}} | {error}
val PrepareModelInputsRaw(val bytes, val options) {
  const ModelInputOptions opt = ToModelInputOptions(options);
  // The kept analysis decode, where it reaches both tensors' long side (or is
  // the photo at full size): no second decode.
  if (const PhotoAnalysis* kept = FindKeptPhoto(options)) {
    const Image& im = kept->image;
    const int need = std::max(opt.face_size, opt.text_max_side);
    if (!im.empty() && (std::max(im.width(), im.height()) >= need ||
                        (im.width() == kept->width && im.height() == kept->height))) {
      return ModelInputsOut(PrepareModelInputs(im.View(), kept->width, kept->height, opt));
    }
  }
  std::vector<uint8_t> data = BytesIn(bytes);
  bytes = val::undefined();
  if (data.size() > opt.decode.max_bytes)
    return ErrorResult(TooLarge("file is over the byte limit"));
  return ModelInputsOut(PrepareModelInputs(data.data(), data.size(), opt));
}

// prepareModelInputsRgbaRaw(rgba, width, height, fullWidth, fullHeight, options):
// upright pixels decoded elsewhere.
val PrepareModelInputsRgbaRaw(val rgba, int width, int height, int full_width, int full_height,
                              val options) {
  const ModelInputOptions opt = ToModelInputOptions(options);
  std::vector<uint8_t> data = BytesIn(rgba);
  rgba = val::undefined();
  if (width <= 0 || height <= 0 ||
      data.size() / 4 / static_cast<size_t>(width) < static_cast<size_t>(height)) {
    return ErrorResult(InvalidArgument("RGBA buffer is smaller than width * height * 4"));
  }
  const ImageView view{width, height, static_cast<size_t>(width) * 4, PixelFormat::kRGBA8,
                       data.data()};
  return ModelInputsOut(PrepareModelInputs(view, full_width, full_height, opt));
}

// decodeFacesRaw(scores: Float32Array(896), boxes: Float32Array(896 * 16),
// placement, {minScore, iou}) -> {faces: [{x, y, width, height, score,
// keypoints: [[x, y] x 6]}]} | {error}. The two output heads concatenated.
val DecodeFacesRaw(val scores_in, val boxes_in, val placement_in, val options) {
  const Placement p = PlacementIn(placement_in);
  const std::vector<Anchor> anchors = BlazeFaceAnchors(p.tensor_width, p.tensor_height);
  const std::vector<float> scores = FloatsIn(scores_in);
  const std::vector<float> boxes = FloatsIn(boxes_in);
  if (scores.size() != anchors.size() || boxes.size() != anchors.size() * 16) {
    return ErrorResult(InvalidArgument("BlazeFace outputs do not match the anchors"));
  }
  const FaceDecodeOptions fo = js::FaceDecodeOptionsIn(options);
  val result = val::object();
  result.set("faces", FacesOut(DecodeBlazeFace(scores.data(), boxes.data(), anchors, p, fo)));
  return result;
}

// decodeTextRaw(prob: Float32Array(h * w), w, h, placement, {threshold,
// boxThreshold, unclipRatio}) -> {boxes: [{x, y, width, height, score}],
// layout: {areaFraction, boxes, lines, regularity, leftAlignment, lineHeightCv,
// lineLength}}
val DecodeTextRaw(val prob_in, int width, int height, val placement_in, val options) {
  const Placement p = PlacementIn(placement_in);
  const std::vector<float> prob = FloatsIn(prob_in);
  if (width <= 0 || height <= 0 ||
      prob.size() / static_cast<size_t>(width) != static_cast<size_t>(height)) {
    return ErrorResult(InvalidArgument("probability map does not match width * height"));
  }
  TextDecodeOptions to;
  to.threshold = static_cast<float>(NumberOr(options, "threshold", to.threshold, 0, 1));
  to.box_threshold = static_cast<float>(NumberOr(options, "boxThreshold", to.box_threshold, 0, 1));
  to.unclip_ratio = static_cast<float>(NumberOr(options, "unclipRatio", to.unclip_ratio, 0, 10));
  const std::vector<TextBox> boxes = DecodeDbBoxes(prob.data(), width, height, p, to);
  const TextLayout t = ComputeTextLayout(boxes, p.image_width, p.image_height);
  val list = val::array();
  for (const TextBox& b : boxes) {
    val o = val::object();
    o.set("x", b.x);
    o.set("y", b.y);
    o.set("width", b.width);
    o.set("height", b.height);
    o.set("score", b.score);
    list.call<void>("push", o);
  }
  val layout = val::object();
  layout.set("areaFraction", t.area_fraction);
  layout.set("boxes", t.boxes);
  layout.set("lines", t.lines);
  layout.set("regularity", t.regularity);
  layout.set("leftAlignment", t.left_alignment);
  layout.set("lineHeightCv", t.line_height_cv);
  layout.set("lineLength", t.line_length);
  val result = val::object();
  result.set("boxes", list);
  result.set("layout", layout);
  return result;
}

std::string Version() { return GEMROLL_VERSION; }

bool SimdBuild() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

}  // namespace

val KeptPhoto::AnalyzeRaw(val bytes, val options) {
  return AnalyzeInto(std::move(bytes), options, this);
}

// The kept photo's curation record remade with the models' evidence (as
// analyzePhotoRaw with modelEvidence gives it), from the kept analysis:
// nothing decoded or measured again.
val KeptPhoto::RejudgeRaw(val options) const {
  if (!kept_) return ErrorResult(InvalidArgument("this KeptPhoto holds no analysis"));
  if (record_path_.empty()) {
    return ErrorResult(InvalidArgument("the kept photo was analysed without a recordPath"));
  }
  ModelEvidence models;
  const bool have_models = ToModelEvidence(options, &models);
  val result = val::object();
  RecordOut(analysis_, record_path_, have_models ? &models : nullptr, &result);
  return result;
}

const PhotoAnalysis* FindKeptPhoto(const val& options) {
  if (js::IsNullish(options)) return nullptr;
  const val kept = options["kept"];
  // Anything else, or a handle JS already deleted, only costs a decode.
  if (js::IsNullish(kept) || !kept.instanceof
      (val::module_property("KeptPhoto")) || kept.call<bool>("isDeleted")) {
    return nullptr;
  }
  return kept.as<const KeptPhoto*>(emscripten::allow_raw_pointers())->analysis();
}

// The core's limits that JS needs to read, not copy: {modelTextLinesMin,
// modelTextAreaMin, modelPageSide} (classify.h ModelTextEvidenceLimits) and
// {faceMinScore, faceMinArea}, the floors under which curation counts no
// face as a person (curate.h CurationParams), so no face attributes are
// looked for there.
val VerdictLimits() {
  const ModelTextLimits t = ModelTextEvidenceLimits();
  const CurationParams curation;
  val out = val::object();
  out.set("modelTextLinesMin", t.lines_min);
  out.set("modelTextAreaMin", t.area_min);
  out.set("modelPageSide", t.page_side);
  out.set("faceMinScore", curation.face_min_score);
  out.set("faceMinArea", curation.face_min_area);
  return out;
}

// The core's error codes (StatusCodeName of every non-ok StatusCode): the
// package's ErrorCode type is checked against this list (test/errors.test.mjs).
val StatusCodeNames() {
  val out = val::array();
  for (int c = static_cast<int>(StatusCode::kInvalidArgument);
       c <= static_cast<int>(StatusCode::kIo); ++c) {
    out.call<void>("push", std::string(StatusCodeName(static_cast<StatusCode>(c))));
  }
  return out;
}

}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll) {
  emscripten::function("verdictLimits", &gemroll::VerdictLimits);
  emscripten::function("statusCodeNames", &gemroll::StatusCodeNames);
  emscripten::function("analyzePhotoRaw", &gemroll::AnalyzePhotoRaw);
  emscripten::class_<gemroll::KeptPhoto>("KeptPhoto")
      .constructor<>()
      .function("analyzeRaw", &gemroll::KeptPhoto::AnalyzeRaw)
      .function("rejudgeRaw", &gemroll::KeptPhoto::RejudgeRaw);
  emscripten::function("analyzeRgbaRaw", &gemroll::AnalyzeRgbaRaw);
  emscripten::function("curateRaw", &gemroll::CurateRaw, emscripten::allow_raw_pointers());
  emscripten::class_<gemroll::GazetteerHandle>("Gazetteer")
      .constructor<>()
      .function("loadRaw", &gemroll::GazetteerHandle::Load)
      .function("size", &gemroll::GazetteerHandle::size);
  emscripten::function("prepareModelInputsRaw", &gemroll::PrepareModelInputsRaw);
  emscripten::function("prepareModelInputsRgbaRaw", &gemroll::PrepareModelInputsRgbaRaw);
  emscripten::function("decodeFacesRaw", &gemroll::DecodeFacesRaw);
  emscripten::function("decodeTextRaw", &gemroll::DecodeTextRaw);
  emscripten::function("version", &gemroll::Version);
  emscripten::function("simd", &gemroll::SimdBuild);
}
