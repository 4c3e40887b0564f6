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

#include <cstdint>
#include <string>
#include <vector>

#include "collage_js.h"
#include "gemroll/collage.h"
#include "gemroll/image.h"
#include "gemroll/status.h"
#include "js_value.h"

namespace gemroll {
namespace {

using emscripten::val;
using js::ErrorResult;
using js::JsonResult;
using js::LayoutJson;
using js::RgbaOut;

val Quad(double a, double b, double c, double d) {
  val q = val::array();
  q.call<void>("push", a);
  q.call<void>("push", b);
  q.call<void>("push", c);
  q.call<void>("push", d);
  return q;
}

val CollageGpuPlanRaw(val items, val options, val font) {
  js::CollageRequest req;
  Status st = js::CollageRequestIn(items, options, font, &req);
  if (!st.ok()) return ErrorResult(st);
  items = val::undefined();
  StatusOr<CollageGpuPlan> plan = PlanCollageGpu(req.sources, req.layout, req.style, req.compose);
  if (!plan.ok()) return ErrorResult(plan.status());
  req.bytes.clear();
  val out = JsonResult(LayoutJson(plan->layout));
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
  js::CollageRequest req;
  Status st = js::CollageRequestIn(items, options, font, &req);
  if (!st.ok()) return ErrorResult(st);
  items = val::undefined();
  StatusOr<CollageResult> r = ComposeCollage(req.sources, req.layout, req.style, req.compose);
  if (!r.ok()) return ErrorResult(r.status());
  req.bytes.clear();
  val out = JsonResult(LayoutJson(r->layout));
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
