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
           const std::string* record_path) {
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
    KindVerdict kind = ClassifyKind(a.value(), name);
    QualityVerdict quality = JudgeQuality(a.value());
    const PhotoRecord r =
        MakePhotoRecord(*record_path, a.value(), std::move(kind), std::move(quality));
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
  std::vector<uint8_t> data = CopyIn(bytes);
  bytes = val::undefined();  // let JS collect the source while we work
  return Finish(AnalyzePhoto(data.data(), data.size(), opt), quality, want_thumbnail,
                want_record ? &record_path : nullptr);
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
  return Finish(AnalyzeRgba(data.data(), width, height, static_cast<size_t>(width) * 4, file.data(),
                            file.size(), opt),
                quality, want_thumbnail, want_record ? &record_path : nullptr);
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
  emscripten::function("version", &gemroll::Version);
  emscripten::function("simd", &gemroll::SimdBuild);
}
