// Embind face of the collage stage: JS options in, core structs out, JSON and
// JPEG bytes back. Errors come back as {error: {code, message}} (the package's
// collage.js turns them into thrown GemrollErrors), never thrown from C++.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/collage.h"
#include "gemroll/edit.h"
#include "gemroll/encode.h"
#include "gemroll/json.h"
#include "gemroll/status.h"

namespace gemroll {
namespace {

using emscripten::val;

bool Has(const val& o, const char* key) {
  if (o.isUndefined() || o.isNull()) return false;
  const val v = o[key];
  return !v.isUndefined() && !v.isNull();
}

double Num(const val& o, const char* key, double fallback, double lo, double hi) {
  if (!Has(o, key) || !o[key].isNumber()) return fallback;
  const double d = o[key].as<double>();
  return std::isfinite(d) ? std::clamp(d, lo, hi) : fallback;
}

std::string Str(const val& o, const char* key, const std::string& fallback = "") {
  return Has(o, key) && o[key].isString() ? o[key].as<std::string>() : fallback;
}

std::vector<uint8_t> BytesIn(const val& bytes) {
  const val u8 = val::global("Uint8Array");
  val src = bytes;
  if (bytes.instanceof (val::global("ArrayBuffer"))) {
    src = u8.new_(bytes);
  } else if (!bytes.instanceof (u8)) {
    src = u8.new_(bytes["buffer"], bytes["byteOffset"], bytes["byteLength"]);
  }
  std::vector<uint8_t> out(src["length"].as<size_t>());
  if (!out.empty()) {
    val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", src);
  }
  return out;
}

val BytesOut(const std::vector<uint8_t>& bytes) {
  return val(emscripten::typed_memory_view(bytes.size(), bytes.data())).call<val>("slice");
}

val Error(const Status& s) {
  val error = val::object();
  error.set("code", std::string(StatusCodeName(s.code())));
  error.set("message", s.message());
  val result = val::object();
  result.set("error", error);
  return result;
}

std::vector<RelRect> BoxesIn(const val& list) {
  std::vector<RelRect> out;
  if (list.isUndefined() || list.isNull() || !list.isArray()) return out;
  const size_t n = std::min<size_t>(list["length"].as<size_t>(), 64);
  for (size_t i = 0; i < n; ++i) {
    const val b = list[i];
    RelRect r;
    r.x = static_cast<float>(Num(b, "x", 0, 0, 1));
    r.y = static_cast<float>(Num(b, "y", 0, 0, 1));
    r.w = static_cast<float>(Num(b, "w", 0, 0, 1));
    r.h = static_cast<float>(Num(b, "h", 0, 0, 1));
    if (r.w > 0 && r.h > 0) out.push_back(r);
  }
  return out;
}

// The theme's look, then whatever the caller set explicitly.
Status StyleIn(const val& o, int width, int height, CollageStyle* style, CollageLayout* layout,
               int* title_height) {
  CollageTheme theme = CollageTheme::kNone;
  const std::string theme_name = Str(o, "theme", "none");
  if (!CollageThemeFromName(theme_name, &theme)) {
    return InvalidArgument("unknown collage theme \"" + theme_name + "\"");
  }
  const ThemeSpec spec = GetTheme(theme, Str(o, "place"), Str(o, "startDay"), Str(o, "endDay"));
  *style = spec.StyleFor(width, height);
  *layout = spec.layout;
  if (Has(o, "layout")) {
    const std::string name = Str(o, "layout");
    if (!CollageLayoutFromName(name, layout)) {
      return InvalidArgument("unknown collage layout \"" + name + "\"");
    }
  }
  if (Has(o, "title")) style->title = Str(o, "title");
  if (Has(o, "subtitle")) style->subtitle = Str(o, "subtitle");
  struct Colour {
    const char* key;
    Rgba* out;
  };
  Rgba bg;
  const bool plain_bg = Has(o, "background");
  for (const Colour& c : {Colour{"background", &bg}, Colour{"textColor", &style->text},
                          Colour{"accent", &style->accent}}) {
    if (!Has(o, c.key)) continue;
    if (!ParseHexColor(Str(o, c.key), c.out)) {
      return InvalidArgument(std::string(c.key) + " must be a colour \"#rrggbb\"");
    }
  }
  if (plain_bg) {
    style->background_top = style->background_bottom = bg;
    style->decoration = CollageDecoration::kNone;
  }
  style->corner_radius = static_cast<int>(Num(o, "cornerRadius", style->corner_radius, 0, 4096));
  style->border_width = static_cast<int>(Num(o, "border", style->border_width, 0, 1024));
  const bool titled = !style->title.empty() || !style->subtitle.empty();
  const int band = spec.title_band > 0
                       ? spec.TitleHeight(width, height)
                       : static_cast<int>(std::lround(0.11 * std::min(width, height)));
  *title_height = titled ? static_cast<int>(Num(o, "titleHeight", band, 0, height / 2)) : 0;
  return Status::Ok();
}

CollageLayoutOptions LayoutIn(const val& o) {
  CollageLayoutOptions l;
  l.width = static_cast<int>(Num(o, "width", l.width, 16, 16384));
  l.height = static_cast<int>(Num(o, "height", l.height, 16, 16384));
  l.gutter = static_cast<int>(Num(o, "gutter", l.gutter, 0, 4096));
  l.margin = static_cast<int>(Num(o, "margin", -1, -1, 4096));
  l.hero = static_cast<int>(Num(o, "hero", 0, 0, 1e6));
  return l;
}

val LayoutJson(const CollageLayoutResult& r) {
  JsonWriter w;
  r.WriteJson(w);
  val out = val::object();
  out.set("json", w.str());
  return out;
}

// collageRaw(items, options, font) -> {jpeg, json, titleDrawn} | {error}.
// items: [{bytes, width?, height?, keep?: [{x, y, w, h}], edit?: JSON string}];
// options: see CollageOptions in web/package/src/index.d.ts.
val CollageRaw(val items, val options, val font_bytes) {
  const size_t n = items["length"].as<size_t>();
  std::vector<std::vector<uint8_t>> bytes(n);
  std::vector<CollageSource> sources(n);
  for (size_t i = 0; i < n; ++i) {
    const val it = items[i];
    if (!Has(it, "bytes"))
      return Error(InvalidArgument("photo " + std::to_string(i) + ": no bytes"));
    bytes[i] = BytesIn(it["bytes"]);
    CollageSource& s = sources[i];
    s.data = bytes[i].data();
    s.size = bytes[i].size();
    s.width = static_cast<int>(Num(it, "width", 0, 0, 1e6));
    s.height = static_cast<int>(Num(it, "height", 0, 0, 1e6));
    s.keep = BoxesIn(it["keep"]);
    if (Has(it, "edit")) {
      StatusOr<EditParams> e = ParseEditParams(Str(it, "edit"));
      if (!e.ok()) {
        return Error(Status(e.status().code(),
                            "photo " + std::to_string(i) + " edit: " + e.status().message()));
      }
      s.edit = e.value();
      s.has_edit = true;
    }
  }
  items = val::undefined();
  CollageLayoutOptions layout = LayoutIn(options);
  CollageStyle style;
  Status st =
      StyleIn(options, layout.width, layout.height, &style, &layout.layout, &layout.title_height);
  if (!st.ok()) return Error(st);
  std::vector<uint8_t> font;
  if (!font_bytes.isUndefined() && !font_bytes.isNull()) font = BytesIn(font_bytes);
  CollageComposeOptions co;
  co.smart_crop = !(Has(options, "smartCrop") && options["smartCrop"].isFalse());
  co.font = font.empty() ? nullptr : font.data();
  co.font_size = font.size();
  StatusOr<CollageResult> r = ComposeCollage(sources, layout, style, co);
  if (!r.ok()) return Error(r.status());
  bytes.clear();
  JpegEncodeOptions jo;
  jo.quality = static_cast<int>(Num(options, "quality", 90, 1, 100));
  StatusOr<std::vector<uint8_t>> jpeg = EncodeJpeg(r->image.View(), jo);
  if (!jpeg.ok()) return Error(jpeg.status());
  val out = LayoutJson(r->layout);
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
    photos[i].width = static_cast<int>(Num(p, "width", 0, 0, 1e6));
    photos[i].height = static_cast<int>(Num(p, "height", 0, 0, 1e6));
    photos[i].keep = BoxesIn(p["keep"]);
  }
  CollageLayoutOptions layout = LayoutIn(options);
  CollageStyle style;
  Status st =
      StyleIn(options, layout.width, layout.height, &style, &layout.layout, &layout.title_height);
  if (!st.ok()) return Error(st);
  StatusOr<CollageLayoutResult> r = LayoutCollage(photos, layout);
  if (!r.ok()) return Error(r.status());
  return LayoutJson(r.value());
}

// suggestCollageRaw(moment: {type, title, place, startDay, endDay, picks:
// [{index, width, height, gem, faces}]}, options: {maxPhotos,
// birthdays: ["MM-DD"], width}) -> {json} | {error}
val SuggestCollageRaw(val moment, val options) {
  CollageMoment m;
  m.type = Str(moment, "type", "event");
  m.title = Str(moment, "title");
  m.place = Str(moment, "place");
  m.start_day = Str(moment, "startDay");
  m.end_day = Str(moment, "endDay");
  const val picks = moment["picks"];
  if (picks.isArray()) {
    const size_t n = std::min<size_t>(picks["length"].as<size_t>(), 1000);
    for (size_t i = 0; i < n; ++i) {
      const val p = picks[i];
      CollageMomentPhoto cp;
      cp.index = static_cast<int>(Num(p, "index", static_cast<double>(i), 0, 1e9));
      cp.width = static_cast<int>(Num(p, "width", 0, 0, 1e6));
      cp.height = static_cast<int>(Num(p, "height", 0, 0, 1e6));
      cp.gem = static_cast<float>(Num(p, "gem", 0, 0, 1));
      cp.faces = static_cast<int>(Num(p, "faces", 0, 0, 1000));
      m.picks.push_back(std::move(cp));
    }
  }
  CollageSuggestOptions so;
  so.max_photos = static_cast<int>(Num(options, "maxPhotos", so.max_photos, 2, 64));
  so.width = static_cast<int>(Num(options, "width", so.width, 256, 8192));
  if (Has(options, "birthdays") && options["birthdays"].isArray()) {
    const val b = options["birthdays"];
    const size_t n = std::min<size_t>(b["length"].as<size_t>(), 366);
    for (size_t i = 0; i < n; ++i) {
      if (b[i].isString()) so.birthdays.push_back(b[i].as<std::string>());
    }
  }
  StatusOr<CollageSuggestion> s = SuggestCollage(m, so);
  if (!s.ok()) return Error(s.status());
  JsonWriter w;
  s->WriteJson(w);
  val out = val::object();
  out.set("json", w.str());
  return out;
}

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_collage) {
  emscripten::function("collageRaw", &gemroll::CollageRaw);
  emscripten::function("layoutCollageRaw", &gemroll::LayoutCollageRaw);
  emscripten::function("suggestCollageRaw", &gemroll::SuggestCollageRaw);
}
