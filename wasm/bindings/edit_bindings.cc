// Embind face of the edit and export stages: converts JS values to EditSource,
// EditParams JSON and options, and results back; nothing else. Params cross
// as the JSON EditParams::WriteJson writes ({version, ops}), results as JSON
// strings plus JS-owned byte copies. Errors come back as {error: {code,
// message}} and are thrown by bindings_post.js, as in gemroll_bindings.cc.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gemroll/edit.h"
#include "gemroll/encode.h"
#include "gemroll/export.h"
#include "gemroll/json.h"
#include "gemroll/status.h"
#include "js_value.h"
#include "options_js.h"

namespace gemroll {
namespace {

using emscripten::val;
using js::BoolOr;
using js::BytesIn;
using js::BytesOut;
using js::ErrorResult;
using js::Has;
using js::JsonResult;
using js::kMaxSafeInteger;
using js::NumberOr;
using js::RgbaOut;
using js::StringOr;

// The input of every call: file bytes, or with options.width/height, tightly
// packed upright RGBA8 pixels (options.fileBytes: the file they came from,
// for its metadata). Owns the copies the EditSource points into.
class Input {
 public:
  Status Read(val input, const val& options) {
    if (Has(options, "width") || Has(options, "height")) {
      const double w = NumberOr(options, "width", 0, 1, 1 << 16);
      const double h = NumberOr(options, "height", 0, 1, 1 << 16);
      if (w < 1 || h < 1 || w != std::floor(w) || h != std::floor(h)) {
        return InvalidArgument("RGBA input needs integer width and height in 1..65536");
      }
      pixels_ = BytesIn(input);
      if (pixels_.size() / 4 / static_cast<size_t>(w) < static_cast<size_t>(h)) {
        return InvalidArgument("RGBA buffer is smaller than width * height * 4");
      }
      source_.rgba = ImageView{static_cast<int>(w), static_cast<int>(h), static_cast<size_t>(w) * 4,
                               PixelFormat::kRGBA8, pixels_.data()};
      if (Has(options, "fileBytes")) file_ = BytesIn(options["fileBytes"]);
    } else {
      file_ = BytesIn(input);
    }
    source_.file = file_.data();
    source_.file_size = file_.size();
    return Status::Ok();
  }
  const EditSource& source() const { return source_; }

 private:
  std::vector<uint8_t> file_, pixels_;
  EditSource source_;
};

StatusOr<EditParams> ParamsIn(const val& params_json) {
  if (!params_json.isString()) return InvalidArgument("edit params must be a JSON string");
  return ParseEditParams(params_json.as<std::string>());
}

// autoEnhanceRaw(input, options) -> {json: AutoEnhanceResult JSON} | {error}
val AutoEnhanceRaw(val input, val options) {
  Input in;
  Status s = in.Read(input, options);
  input = val::undefined();
  if (!s.ok()) return ErrorResult(s);
  StatusOr<AutoEnhanceResult> r = AutoEnhanceSource(in.source(), js::EditLimitsIn(options));
  if (!r.ok()) return ErrorResult(r.status());
  JsonWriter w;
  r->WriteJson(w);
  return JsonResult(w.Take());
}

// commitEditRaw(paramsJson) -> {json: committed params} | {error}
val CommitEditRaw(val params_json) {
  StatusOr<EditParams> p = ParamsIn(params_json);
  if (!p.ok()) return ErrorResult(p.status());
  return JsonResult(p->ToJson());
}

// renderEditRaw(input, paramsJson, {longSide, format: 'rgba' | 'jpeg',
// quality}) -> {width, height, fullWidth, fullHeight, rgba | jpeg} | {error}
val RenderEditRaw(val input, val params_json, val options) {
  StatusOr<EditParams> p = ParamsIn(params_json);
  if (!p.ok()) return ErrorResult(p.status());
  Input in;
  Status s = in.Read(input, options);
  input = val::undefined();
  if (!s.ok()) return ErrorResult(s);
  RenderOptions ro;
  ro.long_side = static_cast<int>(NumberOr(options, "longSide", ro.long_side, 0, 1 << 16));
  ro.limits = js::EditLimitsIn(options);
  const bool jpeg = StringOr(options, "format") == "jpeg";
  StatusOr<RenderResult> r = RenderEdit(in.source(), p.value(), ro);
  if (!r.ok()) return ErrorResult(r.status());
  val result = val::object();
  const Image& img = r->image;
  result.set("width", img.width());
  result.set("height", img.height());
  result.set("fullWidth", r->full_width);
  result.set("fullHeight", r->full_height);
  if (jpeg) {
    JpegEncodeOptions jo;
    jo.quality = static_cast<int>(NumberOr(options, "quality", 85, 1, 100));
    StatusOr<std::vector<uint8_t>> bytes = EncodeJpeg(img.View(), jo);
    if (!bytes.ok()) return ErrorResult(bytes.status());
    result.set("jpeg", BytesOut(bytes->data(), bytes->size()));
  } else {
    result.set("rgba", RgbaOut(img, "Uint8ClampedArray"));  // as ImageData wants it
  }
  return result;
}

// exportJpegRaw(input, paramsJson, {quality, keepLocation, subsampling:
// '420' | '444', maxPixels, maxBytes}) -> {jpeg, json: ExportResult JSON} | {error}
val ExportJpegRaw(val input, val params_json, val options) {
  StatusOr<EditParams> p = ParamsIn(params_json);
  if (!p.ok()) return ErrorResult(p.status());
  ExportOptions eo;
  if (Has(options, "quality")) {
    const double q = NumberOr(options, "quality", -1, 1, 100);
    if (q < 1 || q != std::floor(q))
      return ErrorResult(InvalidArgument("quality must be an integer 1..100"));
    eo.quality = static_cast<int>(q);
  }
  eo.keep_location = BoolOr(options, "keepLocation", false);
  eo.subsample_420 = StringOr(options, "subsampling") != "444";
  eo.limits = js::EditLimitsIn(options);
  Input in;
  Status s = in.Read(input, options);
  input = val::undefined();
  if (!s.ok()) return ErrorResult(s);
  StatusOr<ExportResult> r = ExportJpeg(in.source(), p.value(), eo);
  if (!r.ok()) return ErrorResult(r.status());
  JsonWriter w;
  r->WriteJson(w);
  val result = JsonResult(w.Take());
  result.set("jpeg", BytesOut(r->jpeg.data(), r->jpeg.size()));
  return result;
}

// smartCropRaw(input, aspect: '1:1' | '4:5' | '9:16' | '16:9', {keep:
// [{x, y, w, h}] relative, faces: [{x, y, width, height}] pixels of the
// upright full-size image}) -> {json: SmartCropResult JSON} | {error}
val SmartCropRaw(val input, val aspect_name, val options) {
  CropAspect aspect;
  if (!aspect_name.isString() || !CropAspectFromName(aspect_name.as<std::string>(), &aspect)) {
    return ErrorResult(InvalidArgument("aspect must be '1:1', '4:5', '9:16' or '16:9'"));
  }
  std::vector<KeepBox> keep;
  auto boxes = [&](const char* key, bool relative, const char* w, const char* h) -> Status {
    if (!Has(options, key)) return Status::Ok();
    const val list = options[key];
    const size_t n = list["length"].isNumber() ? list["length"].as<size_t>() : 0;
    if (n > 1000) return InvalidArgument(std::string(key) + ": too many boxes");
    for (size_t i = 0; i < n; ++i) {
      const val b = list[i];
      const double nan = std::numeric_limits<double>::quiet_NaN(), big = 1e9;
      KeepBox k{NumberOr(b, "x", nan, -big, big), NumberOr(b, "y", nan, -big, big),
                NumberOr(b, w, nan, -big, big), NumberOr(b, h, nan, -big, big), relative};
      if (std::isnan(k.x) || std::isnan(k.y) || std::isnan(k.width) || std::isnan(k.height)) {
        return InvalidArgument(std::string(key) + "[" + std::to_string(i) +
                               "] needs numeric x, y, " + w + ", " + h);
      }
      keep.push_back(k);
    }
    return Status::Ok();
  };
  Status s = boxes("keep", true, "w", "h");
  if (s.ok()) s = boxes("faces", false, "width", "height");
  if (!s.ok()) return ErrorResult(s);
  Input in;
  s = in.Read(input, options);
  input = val::undefined();
  if (!s.ok()) return ErrorResult(s);
  StatusOr<SmartCropResult> r =
      SmartCropSource(in.source(), aspect, keep, js::EditLimitsIn(options));
  if (!r.ok()) return ErrorResult(r.status());
  JsonWriter w;
  r->WriteJson(w);
  return JsonResult(w.Take());
}

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_edit) {
  emscripten::function("autoEnhanceRaw", &gemroll::AutoEnhanceRaw);
  emscripten::function("commitEditRaw", &gemroll::CommitEditRaw);
  emscripten::function("renderEditRaw", &gemroll::RenderEditRaw);
  emscripten::function("exportJpegRaw", &gemroll::ExportJpegRaw);
  emscripten::function("smartCropRaw", &gemroll::SmartCropRaw);
}
