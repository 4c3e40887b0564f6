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
#include <cmath>
#include <cstdint>
#include <limits>
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

namespace gemroll {
namespace {

using emscripten::val;

constexpr int kDefaultThumbnailQuality = 80;
constexpr int kRecordThumbnailLongSide = 256;  // as RecordFromBytes

// Reads `options[key]` when it is a finite number in [lo, hi]; keeps
// `fallback` otherwise (casting NaN or out-of-range doubles is undefined).
double NumberOr(const val& options, const char* key, double fallback, double lo, double hi) {
  if (options.isUndefined() || options.isNull()) return fallback;
  val v = options[key];
  if (!v.isNumber()) return fallback;
  const double d = v.as<double>();
  return std::isfinite(d) && d >= lo && d <= hi ? d : fallback;
}

int IntOr(const val& options, const char* key, int fallback) {
  return static_cast<int>(NumberOr(options, key, fallback, 0, std::numeric_limits<int>::max()));
}

uint64_t CountOr(const val& options, const char* key, uint64_t fallback) {
  // 2^53: past that a JS number is not an exact count anyway.
  return static_cast<uint64_t>(
      NumberOr(options, key, static_cast<double>(fallback), 0, 9007199254740992.0));
}

bool BoolOr(const val& options, const char* key, bool fallback) {
  if (options.isUndefined() || options.isNull()) return fallback;
  val v = options[key];
  return v.isTrue() ? true : v.isFalse() ? false : fallback;
}

// JS option names mirror AnalyzeOptions one to one (see web/package/src/index.d.ts).
AnalyzeOptions ToAnalyzeOptions(const val& o, int* thumbnail_quality) {
  AnalyzeOptions opt;
  opt.decode.min_short_side = IntOr(o, "minShortSide", opt.decode.min_short_side);
  opt.decode.max_pixels = CountOr(o, "maxPixels", opt.decode.max_pixels);
  opt.decode.max_bytes = CountOr(o, "maxBytes", opt.decode.max_bytes);
  opt.decode.fast = BoolOr(o, "fastDecode", opt.decode.fast);
  opt.thumbnail_long_side = IntOr(o, "thumbnailLongSide", 0);
  *thumbnail_quality = std::clamp(IntOr(o, "thumbnailQuality", kDefaultThumbnailQuality), 1, 100);
  return opt;
}

// Copies a JS Uint8Array / ArrayBuffer / typed array into the wasm heap with
// one memcpy-like TypedArray.set through a view of the destination.
std::vector<uint8_t> CopyIn(const val& bytes) {
  const val u8 = val::global("Uint8Array");
  val src = bytes;
  if (bytes.instanceof (val::global("ArrayBuffer"))) {
    src = u8.new_(bytes);
  } else if (!bytes.instanceof (u8)) {  // another typed array or a DataView: its bytes
    src = u8.new_(bytes["buffer"], bytes["byteOffset"], bytes["byteLength"]);
  }
  std::vector<uint8_t> out(src["length"].as<size_t>());
  if (!out.empty()) {
    val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", src);
  }
  return out;
}

// A JS-owned copy, so the result survives memory growth and the vector's death.
val CopyOut(const std::vector<uint8_t>& bytes) {
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val ErrorResult(const Status& s) {
  val error = val::object();
  error.set("code", std::string(StatusCodeName(s.code())));
  error.set("message", s.message());
  val result = val::object();
  result.set("error", error);
  return result;
}

// `record_path` set: the result also carries the curation record (see
// EncodePhotoRecord) built as RecordFromBytes does, so that curate() gives
// what `gemroll suggest` gives for the same files.
val Finish(const StatusOr<PhotoAnalysis>& a, int thumbnail_quality, bool want_thumbnail,
           const std::string* record_path, const ModelEvidence* models = nullptr) {
  if (!a.ok()) return ErrorResult(a.status());
  JsonWriter w;
  w.BeginObject();
  a->WriteJson(w);
  w.EndObject();
  val result = val::object();
  result.set("json", w.str());
  if (record_path) {
    const size_t slash = record_path->rfind('/');
    const std::string name =
        slash == std::string::npos ? *record_path : record_path->substr(slash + 1);
    KindVerdict kind = ClassifyKind(a.value(), name, models);
    QualityVerdict quality = JudgeQuality(a.value());
    const PhotoRecord r =
        MakePhotoRecord(*record_path, a.value(), std::move(kind), std::move(quality), models);
    result.set("record", CopyOut(EncodePhotoRecord(r)));
  }
  if (want_thumbnail && !a->thumbnail.empty()) {
    JpegEncodeOptions jpeg;
    jpeg.quality = thumbnail_quality;
    StatusOr<std::vector<uint8_t>> encoded = EncodeJpeg(a->thumbnail.View(), jpeg);
    if (!encoded.ok()) return ErrorResult(encoded.status());
    result.set("thumbnail", CopyOut(encoded.value()));
  }
  return result;
}

// options.modelEvidence: {textRan, textAreaFraction, textLines, textRegularity,
// facesRan, faceCount, faces: [{x, y, width, height, score, eyesOpen?,
// smile?}]} from the on-device models (web/package/src/models.js engineEvidence;
// face boxes relative to the upright frame, 0..1; eyesOpen/smile 0..1, absent
// when unknown); absent: the classical verdicts alone. Returns whether it was given.
bool ToModelEvidence(const val& options, ModelEvidence* m) {
  if (options.isUndefined() || options.isNull()) return false;
  const val e = options["modelEvidence"];
  if (e.isUndefined() || e.isNull()) return false;
  m->text_ran = BoolOr(e, "textRan", false);
  m->text_area_fraction = static_cast<float>(NumberOr(e, "textAreaFraction", 0, 0, 1));
  m->text_lines = IntOr(e, "textLines", 0);
  m->text_layout_regularity = static_cast<float>(NumberOr(e, "textRegularity", 0, 0, 1));
  m->faces_ran = BoolOr(e, "facesRan", false);
  m->face_count = IntOr(e, "faceCount", 0);
  const val faces = e["faces"];
  if (m->faces_ran && faces.isArray()) {
    constexpr size_t kMaxFaces = 64;  // as FaceDecodeOptions::max_faces
    const size_t n = std::min(faces["length"].as<size_t>(), kMaxFaces);
    for (size_t i = 0; i < n; ++i) {
      const val f = faces[i];
      if (f.isUndefined() || f.isNull()) continue;
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
  if (options.isUndefined() || options.isNull() || !options["recordPath"].isString()) return false;
  *record_path = options["recordPath"].as<std::string>();
  if (opt->thumbnail_long_side <= 0) opt->thumbnail_long_side = kRecordThumbnailLongSide;
  return true;
}

// analyzePhotoRaw(bytes, options) -> {json, thumbnail?, record?} | {error: {code, message}}
// options.recordPath (a string): also return the curation record for that
// relative path (its file name is a hint to the kind verdict).
val AnalyzePhotoRaw(val bytes, val options) {
  int quality = kDefaultThumbnailQuality;
  AnalyzeOptions opt = ToAnalyzeOptions(options, &quality);
  const bool want_thumbnail = opt.thumbnail_long_side > 0;
  std::string record_path;
  const bool want_record = WantRecord(options, &opt, &record_path);
  ModelEvidence models;
  const bool have_models = ToModelEvidence(options, &models);
  std::vector<uint8_t> data = CopyIn(bytes);
  bytes = val::undefined();  // let JS collect the source while we work
  return Finish(AnalyzePhoto(data.data(), data.size(), opt), quality, want_thumbnail,
                want_record ? &record_path : nullptr, have_models ? &models : nullptr);
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
    std::vector<uint8_t> data = CopyIn(bytes);
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
    std::string path = item["path"].isString() ? item["path"].as<std::string>() : std::string();
    val record = item["record"];
    if (record.isUndefined() || record.isNull()) {
      val error = item["error"];
      std::string code, message = "failed";
      if (!error.isUndefined() && !error.isNull()) {
        if (error["code"].isString()) code = error["code"].as<std::string>();
        if (error["message"].isString()) message = error["message"].as<std::string>();
      }
      records.push_back(
          MakeErrorRecord(std::move(path), Status(StatusCodeFromName(code), message)));
      continue;
    }
    const std::vector<uint8_t> blob = CopyIn(record);
    StatusOr<PhotoRecord> r = DecodePhotoRecord(path, blob.data(), blob.size());
    if (!r.ok()) {
      return ErrorResult(Status(r.status().code(), path + ": " + r.status().message()));
    }
    records.push_back(std::move(r).value());
  }
  CurateOptions co;
  if (!options.isUndefined() && !options.isNull() && options["today"].isString()) {
    co.today = options["today"].as<std::string>();
  }
  if (gazetteer) co.gazetteer = gazetteer->get();
  const Suggestions s = Curate(records, co);
  JsonWriter w;
  WriteSuggestionsJson(records, s, w);
  val result = val::object();
  result.set("json", w.str());
  return result;
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
  if (!options.isUndefined() && !options.isNull()) {
    val file_bytes = options["fileBytes"];
    if (!file_bytes.isUndefined() && !file_bytes.isNull()) file = CopyIn(file_bytes);
  }
  std::vector<uint8_t> data = CopyIn(rgba);
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

val FloatsOut(const std::vector<float>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

std::vector<float> FloatsIn(const val& array) {
  const val f32 = val::global("Float32Array");
  val src = array.instanceof (f32) ? array : f32.new_(array);
  std::vector<float> out(src["length"].as<size_t>());
  if (!out.empty()) {
    val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", src);
  }
  return out;
}

val PlacementOut(const Placement& p) {
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

Placement PlacementIn(const val& o) {
  Placement p;
  p.scale_x = static_cast<float>(NumberOr(o, "scaleX", 0, 0, 1e6));
  p.scale_y = static_cast<float>(NumberOr(o, "scaleY", 0, 0, 1e6));
  p.pad_x = static_cast<float>(NumberOr(o, "padX", 0, -1e6, 1e6));
  p.pad_y = static_cast<float>(NumberOr(o, "padY", 0, -1e6, 1e6));
  p.tensor_width = IntOr(o, "tensorWidth", 0);
  p.tensor_height = IntOr(o, "tensorHeight", 0);
  p.image_width = IntOr(o, "imageWidth", 0);
  p.image_height = IntOr(o, "imageHeight", 0);
  return p;
}

val ModelInputsOut(const StatusOr<ModelInputs>& in) {
  if (!in.ok()) return ErrorResult(in.status());
  val result = val::object();
  result.set("width", in->width);
  result.set("height", in->height);
  if (!in->face.data.empty()) {
    val face = val::object();
    face.set("tensor", FloatsOut(in->face.data));
    face.set("shape", val::array(in->face.shape.begin(), in->face.shape.end()));
    face.set("placement", PlacementOut(in->face_placement));
    result.set("face", face);
  }
  if (!in->text.data.empty()) {
    val text = val::object();
    text.set("tensor", FloatsOut(in->text.data));
    text.set("shape", val::array(in->text.shape.begin(), in->text.shape.end()));
    text.set("placement", PlacementOut(in->text_placement));
    result.set("text", text);
  }
  return result;
}

ModelInputOptions ToModelInputOptions(const val& o) {
  ModelInputOptions opt;
  opt.face_size = IntOr(o, "faceSize", opt.face_size);
  if (opt.face_size != 0 && opt.face_size != 128 && opt.face_size != 256) opt.face_size = 128;
  opt.text_max_side = std::min(IntOr(o, "textMaxSide", opt.text_max_side), 2048);
  if (opt.text_max_side != 0) opt.text_max_side = std::max(opt.text_max_side, 64);
  opt.decode.min_short_side = IntOr(o, "minShortSide", opt.decode.min_short_side);
  opt.decode.max_pixels = CountOr(o, "maxPixels", opt.decode.max_pixels);
  opt.decode.max_bytes = CountOr(o, "maxBytes", opt.decode.max_bytes);
  return opt;
}

// prepareModelInputsRaw(bytes, {faceSize: 128|256|0, textMaxSide, minShortSide})
// -> {width, height, face?: {tensor, shape, placement}, text?: {...}} | {error}
val PrepareModelInputsRaw(val bytes, val options) {
  const ModelInputOptions opt = ToModelInputOptions(options);
  std::vector<uint8_t> data = CopyIn(bytes);
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
  std::vector<uint8_t> data = CopyIn(rgba);
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
  const std::vector<Anchor> anchors = BlazeFaceAnchors(p.tensor_width);
  const std::vector<float> scores = FloatsIn(scores_in);
  const std::vector<float> boxes = FloatsIn(boxes_in);
  if (scores.size() != anchors.size() || boxes.size() != anchors.size() * 16) {
    return ErrorResult(InvalidArgument("BlazeFace outputs do not match the anchors"));
  }
  FaceDecodeOptions fo;
  fo.min_score = static_cast<float>(NumberOr(options, "minScore", fo.min_score, 0, 1));
  fo.nms_iou = static_cast<float>(NumberOr(options, "iou", fo.nms_iou, 0, 1));
  const std::vector<Face> faces = DecodeBlazeFace(scores.data(), boxes.data(), anchors, p, fo);
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
  val result = val::object();
  result.set("faces", list);
  return result;
}

// decodeTextRaw(prob: Float32Array(h * w), w, h, placement, {threshold,
// boxThreshold, unclipRatio}) -> {boxes: [{x, y, width, height, score}],
// layout: {areaFraction, boxes, lines, regularity, leftAlignment, lineHeightCv}}
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
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll) {
  emscripten::function("analyzePhotoRaw", &gemroll::AnalyzePhotoRaw);
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
