// Collage options and items as JS passes them (CollageOptions in
// web/package/src/index.d.ts), parsed once for collage_bindings.cc (CPU
// JPEG, layout) and collage_gpu_bindings.cc (WebGPU plan, CPU RGBA), so the
// two paths read the same options the same way.
#ifndef GEMROLL_WASM_BINDINGS_COLLAGE_JS_H_
#define GEMROLL_WASM_BINDINGS_COLLAGE_JS_H_

#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/collage.h"
#include "gemroll/edit.h"
#include "gemroll/json.h"
#include "gemroll/status.h"
#include "js_value.h"

namespace gemroll::js {

// [{x, y, w, h}] relative to the photo, at most 64; empty boxes dropped.
inline std::vector<RelRect> RelBoxesIn(const val& list) {
  std::vector<RelRect> out;
  if (IsNullish(list) || !list.isArray()) return out;
  const size_t n = std::min<size_t>(list["length"].as<size_t>(), 64);
  for (size_t i = 0; i < n; ++i) {
    const val b = list[i];
    RelRect r;
    r.x = static_cast<float>(ClampedNumber(b, "x", 0, 0, 1));
    r.y = static_cast<float>(ClampedNumber(b, "y", 0, 0, 1));
    r.w = static_cast<float>(ClampedNumber(b, "w", 0, 0, 1));
    r.h = static_cast<float>(ClampedNumber(b, "h", 0, 0, 1));
    if (r.w > 0 && r.h > 0) out.push_back(r);
  }
  return out;
}

// The theme's look, then whatever the caller set explicitly.
inline Status CollageStyleIn(const val& o, int width, int height, CollageStyle* style,
                             CollageLayout* layout, int* title_height) {
  CollageTheme theme = CollageTheme::kNone;
  const std::string theme_name = StringOr(o, "theme", "none");
  if (!CollageThemeFromName(theme_name, &theme)) {
    return InvalidArgument("unknown collage theme \"" + theme_name + "\"");
  }
  const ThemeSpec spec =
      GetTheme(theme, StringOr(o, "place"), StringOr(o, "startDay"), StringOr(o, "endDay"));
  *style = spec.StyleFor(width, height);
  *layout = spec.layout;
  if (Has(o, "layout")) {
    const std::string name = StringOr(o, "layout");
    if (!CollageLayoutFromName(name, layout)) {
      return InvalidArgument("unknown collage layout \"" + name + "\"");
    }
  }
  if (Has(o, "title")) style->title = StringOr(o, "title");
  if (Has(o, "subtitle")) style->subtitle = StringOr(o, "subtitle");
  struct Colour {
    const char* key;
    Rgba* out;
  };
  Rgba bg;
  const bool plain_bg = Has(o, "background");
  for (const Colour& c : {Colour{"background", &bg}, Colour{"textColor", &style->text},
                          Colour{"accent", &style->accent}}) {
    if (!Has(o, c.key)) continue;
    if (!ParseHexColor(StringOr(o, c.key), c.out)) {
      return InvalidArgument(std::string(c.key) + " must be a colour \"#rrggbb\"");
    }
  }
  if (plain_bg) {
    style->background_top = style->background_bottom = bg;
    style->decoration = CollageDecoration::kNone;
  }
  style->corner_radius =
      static_cast<int>(ClampedNumber(o, "cornerRadius", style->corner_radius, 0, 4096));
  style->border_width = static_cast<int>(ClampedNumber(o, "border", style->border_width, 0, 1024));
  const bool titled = !style->title.empty() || !style->subtitle.empty();
  const int band = spec.title_band > 0
                       ? spec.TitleHeight(width, height)
                       : static_cast<int>(std::lround(0.11 * std::min(width, height)));
  *title_height =
      titled ? static_cast<int>(ClampedNumber(o, "titleHeight", band, 0, height / 2)) : 0;
  return Status::Ok();
}

inline CollageLayoutOptions CollageLayoutIn(const val& o) {
  CollageLayoutOptions l;
  l.width = static_cast<int>(ClampedNumber(o, "width", l.width, 16, 16384));
  l.height = static_cast<int>(ClampedNumber(o, "height", l.height, 16, 16384));
  l.gutter = static_cast<int>(ClampedNumber(o, "gutter", l.gutter, 0, 4096));
  l.margin = static_cast<int>(ClampedNumber(o, "margin", -1, -1, 4096));
  l.hero = static_cast<int>(ClampedNumber(o, "hero", 0, 0, 1e6));
  return l;
}

// Layout options plus the theme's style; the layout alone needs both (the
// theme picks the layout and the title band).
inline Status CollageLayoutAndStyleIn(const val& o, CollageLayoutOptions* layout,
                                      CollageStyle* style) {
  *layout = CollageLayoutIn(o);
  return CollageStyleIn(o, layout->width, layout->height, style, &layout->layout,
                        &layout->title_height);
}

inline std::string LayoutJson(const CollageLayoutResult& r) {
  JsonWriter w;
  r.WriteJson(w);
  return w.str();
}

// Everything collageRaw reads, parsed; `bytes` and `font` own the memory
// the sources point into.
struct CollageRequest {
  std::vector<std::vector<uint8_t>> bytes;
  std::vector<CollageSource> sources;
  CollageLayoutOptions layout;
  CollageStyle style;
  std::vector<uint8_t> font;
  CollageComposeOptions compose;
};

// items: [{bytes, width?, height?, keep?: [{x, y, w, h}], edit?: JSON
// string}]; options: CollageOptions; font_bytes: TTF/OTF bytes or
// undefined/null (titles are then not drawn).
inline Status CollageRequestIn(const val& items, const val& options, const val& font_bytes,
                               CollageRequest* r) {
  if (!items.isArray()) return InvalidArgument("items must be an array");
  const size_t n = items["length"].as<size_t>();
  r->bytes.resize(n);
  r->sources.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const val it = items[i];
    if (!Has(it, "bytes")) return InvalidArgument("photo " + std::to_string(i) + ": no bytes");
    r->bytes[i] = BytesIn(it["bytes"]);
    CollageSource& s = r->sources[i];
    s.data = r->bytes[i].data();
    s.size = r->bytes[i].size();
    s.width = static_cast<int>(ClampedNumber(it, "width", 0, 0, 1e6));
    s.height = static_cast<int>(ClampedNumber(it, "height", 0, 0, 1e6));
    s.keep = RelBoxesIn(it["keep"]);
    if (Has(it, "edit")) {
      StatusOr<EditParams> e = ParseEditParams(StringOr(it, "edit"));
      if (!e.ok()) {
        return Status(e.status().code(),
                      "photo " + std::to_string(i) + " edit: " + e.status().message());
      }
      s.edit = e.value();
      s.has_edit = true;
    }
  }
  GEMROLL_RETURN_IF_ERROR(CollageLayoutAndStyleIn(options, &r->layout, &r->style));
  if (!IsNullish(font_bytes)) r->font = BytesIn(font_bytes);
  r->compose.smart_crop = BoolOr(options, "smartCrop", true);
  r->compose.font = r->font.empty() ? nullptr : r->font.data();
  r->compose.font_size = r->font.size();
  return Status::Ok();
}

}  // namespace gemroll::js

#endif  // GEMROLL_WASM_BINDINGS_COLLAGE_JS_H_
