// Embind face of the collage stage: JS options in, core structs out, JSON and
// JPEG bytes back. Errors come back as {error: {code, message}} (the package's
// collage.js turns them into thrown GemrollErrors), never thrown from C++.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "collage_js.h"
#include "gemroll/collage.h"
#include "gemroll/edit.h"
#include "gemroll/encode.h"
#include "gemroll/json.h"
#include "gemroll/status.h"
#include "js_value.h"

namespace gemroll {
namespace {

using emscripten::val;
using js::BytesOut;
using js::ClampedNumber;
using js::ErrorResult;
using js::Has;
using js::JsonResult;
using js::LayoutJson;
using js::StringOr;

// collageRaw(items, options, font) -> {jpeg, json, titleDrawn} | {error}.
// items: [{bytes, width?, height?, keep?: [{x, y, w, h}], edit?: JSON string}];
// options: see CollageOptions in web/package/src/index.d.ts.
val CollageRaw(val items, val options, val font_bytes) {
  js::CollageRequest req;
  Status st = js::CollageRequestIn(items, options, font_bytes, &req);
  if (!st.ok()) return ErrorResult(st);
  items = val::undefined();
  StatusOr<CollageResult> r = ComposeCollage(req.sources, req.layout, req.style, req.compose);
  if (!r.ok()) return ErrorResult(r.status());
  req.bytes.clear();
  JpegEncodeOptions jo;
  jo.quality = static_cast<int>(ClampedNumber(options, "quality", 90, 1, 100));
  StatusOr<std::vector<uint8_t>> jpeg = EncodeJpeg(r->image.View(), jo);
  if (!jpeg.ok()) return ErrorResult(jpeg.status());
  val out = JsonResult(LayoutJson(r->layout));
  out.set("jpeg", BytesOut(jpeg.value()));
  out.set("titleDrawn", r->title_drawn);
  return out;
}

// layoutCollageRaw(photos: [{width, height, keep?}], options) -> {json} | {error}:
// the layout alone, cheap enough for an editor to call on every change.
val LayoutCollageRaw(val photos_in, val options) {
  const size_t n = photos_in["length"].as<size_t>();
  std::vector<CollagePhoto> photos(n);
  for (size_t i = 0; i < n; ++i) {
    const val p = photos_in[i];
    photos[i].width = static_cast<int>(ClampedNumber(p, "width", 0, 0, 1e6));
    photos[i].height = static_cast<int>(ClampedNumber(p, "height", 0, 0, 1e6));
    photos[i].keep = js::RelBoxesIn(p["keep"]);
  }
  CollageLayoutOptions layout;
  CollageStyle style;
  Status st = js::CollageLayoutAndStyleIn(options, &layout, &style);
  if (!st.ok()) return ErrorResult(st);
  StatusOr<CollageLayoutResult> r = LayoutCollage(photos, layout);
  if (!r.ok()) return ErrorResult(r.status());
  return JsonResult(LayoutJson(r.value()));
}

// suggestCollageRaw(moment: {type, title, place, startDay, endDay, picks:
// [{index, width, height, gem, faces}]}, options: {maxPhotos,
// birthdays: ["MM-DD"], width}) -> {json} | {error}
val SuggestCollageRaw(val moment, val options) {
  CollageMoment m;
  m.type = StringOr(moment, "type", "event");
  m.title = StringOr(moment, "title");
  m.place = StringOr(moment, "place");
  m.start_day = StringOr(moment, "startDay");
  m.end_day = StringOr(moment, "endDay");
  const val picks = moment["picks"];
  if (picks.isArray()) {
    const size_t n = std::min<size_t>(picks["length"].as<size_t>(), 1000);
    for (size_t i = 0; i < n; ++i) {
      const val p = picks[i];
      CollageMomentPhoto cp;
      cp.index = static_cast<int>(ClampedNumber(p, "index", static_cast<double>(i), 0, 1e9));
      cp.width = static_cast<int>(ClampedNumber(p, "width", 0, 0, 1e6));
      cp.height = static_cast<int>(ClampedNumber(p, "height", 0, 0, 1e6));
      cp.gem = static_cast<float>(ClampedNumber(p, "gem", 0, 0, 1));
      cp.faces = static_cast<int>(ClampedNumber(p, "faces", 0, 0, 1000));
      m.picks.push_back(std::move(cp));
    }
  }
  CollageSuggestOptions so;
  so.max_photos = static_cast<int>(ClampedNumber(options, "maxPhotos", so.max_photos, 2, 64));
  so.width = static_cast<int>(ClampedNumber(options, "width", so.width, 256, 8192));
  if (Has(options, "birthdays") && options["birthdays"].isArray()) {
    const val b = options["birthdays"];
    const size_t n = std::min<size_t>(b["length"].as<size_t>(), 366);
    for (size_t i = 0; i < n; ++i) {
      if (b[i].isString()) so.birthdays.push_back(b[i].as<std::string>());
    }
  }
  StatusOr<CollageSuggestion> s = SuggestCollage(m, so);
  if (!s.ok()) return ErrorResult(s.status());
  JsonWriter w;
  s->WriteJson(w);
  return JsonResult(w.str());
}

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_collage) {
  emscripten::function("collageRaw", &gemroll::CollageRaw);
  emscripten::function("layoutCollageRaw", &gemroll::LayoutCollageRaw);
  emscripten::function("suggestCollageRaw", &gemroll::SuggestCollageRaw);
}
