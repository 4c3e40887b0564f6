// Embind face of the collage's GPU path: the composition plan the WebGPU
// compositor (web/package/src/gpu/compose.js) paints, and the CPU
// compositor's raw RGBA (the reference it is checked against). Items and
// options are those of collageRaw (collage_bindings.cc); errors come back as
// {error: {code, message}}.
//
//   collageGpuPlanRaw(items, options, font)
//     -> {json, width, height, chrome: Uint8Array (RGBA), accent: [r, g, b],
//         titleDrawn, titleOverlapPixels,
//         cells: [{photo, width, height, rgba: Uint8Array, src: [x, y, w, h],
//                  draw: [x, y, w, h], radius, border, editedOnCpu}]}
//   collageRgbaRaw(items, options, font) -> {json, width, height, rgba, titleDrawn}
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/collage.h"
#include "gemroll/edit.h"
#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/status.h"

namespace gemroll {
namespace {

using emscripten::val;

// Option reading mirrors collage_bindings.cc (Has/Num/Str/StyleIn/LayoutIn);
// the browser test checks both give the same layout JSON for the same options.
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

// Everything collageRaw reads, parsed; `bytes` and `font` own the memory the
// sources point into.
struct Request {
  std::vector<std::vector<uint8_t>> bytes;
  std::vector<CollageSource> sources;
  CollageLayoutOptions layout;
  CollageStyle style;
  std::vector<uint8_t> font;
  CollageComposeOptions compose;
};

Status RequestIn(const val& items, const val& options, const val& font_bytes, Request* r) {
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
    s.width = static_cast<int>(Num(it, "width", 0, 0, 1e6));
    s.height = static_cast<int>(Num(it, "height", 0, 0, 1e6));
    s.keep = BoxesIn(it["keep"]);
    if (Has(it, "edit")) {
      StatusOr<EditParams> e = ParseEditParams(Str(it, "edit"));
      if (!e.ok()) {
        return Status(e.status().code(),
                      "photo " + std::to_string(i) + " edit: " + e.status().message());
      }
      s.edit = e.value();
      s.has_edit = true;
    }
  }
  r->layout = LayoutIn(options);
  GEMROLL_RETURN_IF_ERROR(StyleIn(options, r->layout.width, r->layout.height, &r->style,
                                  &r->layout.layout, &r->layout.title_height));
  if (!font_bytes.isUndefined() && !font_bytes.isNull()) r->font = BytesIn(font_bytes);
  r->compose.smart_crop = !(Has(options, "smartCrop") && options["smartCrop"].isFalse());
  r->compose.font = r->font.empty() ? nullptr : r->font.data();
  r->compose.font_size = r->font.size();
  return Status::Ok();
}

val RgbaOut(const Image& img) {
  const size_t row = 4 * static_cast<size_t>(img.width());
  val out = val::global("Uint8Array").new_(row * img.height());
  for (int y = 0; y < img.height(); ++y) {
    out.call<void>("set", val(emscripten::typed_memory_view(row, img.Row(y))), row * y);
  }
  return out;
}

val Quad(double a, double b, double c, double d) {
  val q = val::array();
  q.call<void>("push", a);
  q.call<void>("push", b);
  q.call<void>("push", c);
  q.call<void>("push", d);
  return q;
}

std::string LayoutJson(const CollageLayoutResult& r) {
  JsonWriter w;
  r.WriteJson(w);
  return w.str();
}

val CollageGpuPlanRaw(val items, val options, val font) {
  Request req;
  Status st = RequestIn(items, options, font, &req);
  if (!st.ok()) return Error(st);
  items = val::undefined();
  StatusOr<CollageGpuPlan> plan = PlanCollageGpu(req.sources, req.layout, req.style, req.compose);
  if (!plan.ok()) return Error(plan.status());
  req.bytes.clear();
  val out = val::object();
  out.set("json", LayoutJson(plan->layout));
  out.set("width", plan->chrome.width());
  out.set("height", plan->chrome.height());
  out.set("chrome", RgbaOut(plan->chrome));
  val accent = val::array();
  accent.call<void>("push", plan->accent.r);
  accent.call<void>("push", plan->accent.g);
  accent.call<void>("push", plan->accent.b);
  out.set("accent", accent);
  out.set("titleDrawn", plan->title_drawn);
  out.set("titleOverlapPixels", static_cast<double>(plan->title_overlap_pixels));
  val cells = val::array();
  for (CollageGpuCell& c : plan->cells) {
    val cell = val::object();
    cell.set("photo", c.photo);
    cell.set("width", c.pixels.width());
    cell.set("height", c.pixels.height());
    cell.set("rgba", RgbaOut(c.pixels));
    c.pixels = Image();  // one copy at a time
    cell.set("src", Quad(c.src_x, c.src_y, c.src_w, c.src_h));
    cell.set("draw", Quad(c.draw_x, c.draw_y, c.draw_w, c.draw_h));
    cell.set("radius", c.radius);
    cell.set("border", c.border);
    cell.set("editedOnCpu", c.edited_on_cpu);
    cells.call<void>("push", cell);
  }
  out.set("cells", cells);
  return out;
}

val CollageRgbaRaw(val items, val options, val font) {
  Request req;
  Status st = RequestIn(items, options, font, &req);
  if (!st.ok()) return Error(st);
  items = val::undefined();
  StatusOr<CollageResult> r = ComposeCollage(req.sources, req.layout, req.style, req.compose);
  if (!r.ok()) return Error(r.status());
  req.bytes.clear();
  val out = val::object();
  out.set("json", LayoutJson(r->layout));
  out.set("width", r->image.width());
  out.set("height", r->image.height());
  out.set("rgba", RgbaOut(r->image));
  out.set("titleDrawn", r->title_drawn);
  return out;
}

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_collage_gpu) {
  emscripten::function("collageGpuPlanRaw", &gemroll::CollageGpuPlanRaw);
  emscripten::function("collageRgbaRaw", &gemroll::CollageRgbaRaw);
}
