// Edit rendering for JS: the packed render plan the WebGPU renderer reads
// (web/package/src/gpu/render.js), the CPU render it is checked against, and
// auto-enhance params to render. Pixels come in as RGBA8 typed arrays and
// leave as JS-owned copies; failures come back as {error: {code, message}}
// (bindings_post.js wraps each as renderPlan, renderRgba, renderAutoParams,
// which throw a GemrollError).
//
//   renderPlanRaw(rgba, width, height, paramsJson)
//     -> {version, width, height, outWidth, outHeight, plan: Float32Array}
//        plan: PackEditPlan's layout (gemroll/edit_plan.h, kEditPlanVersion).
//   renderRgbaRaw(rgba, width, height, paramsJson, kernel)
//     -> {width, height, rgba: Uint8Array, kernel}; kernel "auto", "scalar"
//        or "simd" (the last fails in a build without vector kernels).
//   renderAutoParamsRaw(rgba, width, height) -> {json, reasons: [...]}
//   renderKernels() -> "sse2" | "wasm-simd128" | "none"
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gemroll/edit.h"
#include "gemroll/edit_plan.h"
#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/status.h"
#include "js_value.h"

namespace gemroll {
namespace {

using emscripten::val;
using js::ErrorResult;
using js::RgbaOut;

// Copies width x height RGBA8 pixels from a Uint8Array / Uint8ClampedArray /
// ArrayBuffer into an Image; fails unless the length is exactly right.
StatusOr<Image> RgbaIn(const val& rgba, int width, int height) {
  if (width <= 0 || height <= 0) return InvalidArgument("width and height must be positive");
  const val u8 = val::global("Uint8Array");
  val src = rgba;
  if (rgba.instanceof (val::global("ArrayBuffer"))) {
    src = u8.new_(rgba);
  } else if (!rgba.instanceof (u8)) {
    if (!rgba["buffer"].instanceof (val::global("ArrayBuffer")) && !rgba["buffer"].instanceof
        (val::global("SharedArrayBuffer"))) {
      return InvalidArgument("rgba must be a Uint8Array, Uint8ClampedArray or ArrayBuffer");
    }
    src = u8.new_(rgba["buffer"], rgba["byteOffset"], rgba["byteLength"]);
  }
  const double expected = 4.0 * width * height;
  if (src["length"].as<double>() != expected) {
    return InvalidArgument("rgba holds " + std::to_string(src["length"].as<double>()) +
                           " bytes, width * height * 4 is " + std::to_string(expected));
  }
  GEMROLL_ASSIGN_OR_RETURN(Image img, Image::Create(width, height, PixelFormat::kRGBA8));
  for (int y = 0; y < height; ++y) {
    val row = src.call<val>("subarray", 4 * y * width, 4 * (y + 1) * width);
    val(emscripten::typed_memory_view(4 * static_cast<size_t>(width), img.Row(y)))
        .call<void>("set", row);
  }
  return img;
}

// The pixels and their edit plan: where both render calls start.
struct Planned {
  Image image;
  EditPlan plan;
};

StatusOr<Planned> PlanIn(const val& rgba, int width, int height, const std::string& params_json) {
  GEMROLL_ASSIGN_OR_RETURN(Image img, RgbaIn(rgba, width, height));
  GEMROLL_ASSIGN_OR_RETURN(EditParams params, ParseEditParams(params_json));
  GEMROLL_ASSIGN_OR_RETURN(EditPlan plan, PlanEdit(img.View(), params));
  return Planned{std::move(img), std::move(plan)};
}

val RenderPlanRaw(val rgba, int width, int height, std::string params_json) {
  StatusOr<Planned> in = PlanIn(rgba, width, height, params_json);
  if (!in.ok()) return ErrorResult(in.status());
  const EditPlan& plan = in->plan;
  const std::vector<float> packed = PackEditPlan(plan);
  val result = val::object();
  result.set("version", kEditPlanVersion);
  result.set("width", width);
  result.set("height", height);
  result.set("outWidth", plan.out_width);
  result.set("outHeight", plan.out_height);
  result.set("plan", js::FloatsOut(packed));
  return result;
}

val RenderRgbaRaw(val rgba, int width, int height, std::string params_json, std::string kernel) {
  RenderKernel k = RenderKernel::kAuto;
  if (kernel == "scalar") {
    k = RenderKernel::kScalar;
  } else if (kernel == "simd") {
    k = RenderKernel::kSimd;
  } else if (!kernel.empty() && kernel != "auto") {
    return ErrorResult(InvalidArgument("kernel must be auto, scalar or simd"));
  }
  StatusOr<Planned> in = PlanIn(rgba, width, height, params_json);
  if (!in.ok()) return ErrorResult(in.status());
  Image out;
  const Status s = RenderEditPlan(in->image.View(), in->plan, &out, k);
  if (!s.ok()) return ErrorResult(s);
  val result = val::object();
  result.set("width", out.width());
  result.set("height", out.height());
  result.set("rgba", RgbaOut(out));
  const bool simd = k != RenderKernel::kScalar && EditRenderHasSimd();
  result.set("kernel", std::string(simd ? EditRenderSimdName() : "scalar"));
  return result;
}

val RenderAutoParamsRaw(val rgba, int width, int height) {
  auto img = RgbaIn(rgba, width, height);
  if (!img.ok()) return ErrorResult(img.status());
  auto ae = AutoEnhance(img->View());
  if (!ae.ok()) return ErrorResult(ae.status());
  val result = val::object();
  result.set("json", ae->params.ToJson());
  val reasons = val::array();
  for (const Reason& r : ae->reasons) reasons.call<void>("push", r.text);
  result.set("reasons", reasons);
  return result;
}

std::string RenderKernels() { return EditRenderSimdName(); }

}  // namespace
}  // namespace gemroll

EMSCRIPTEN_BINDINGS(gemroll_render) {
  emscripten::function("renderPlanRaw", &gemroll::RenderPlanRaw);
  emscripten::function("renderRgbaRaw", &gemroll::RenderRgbaRaw);
  emscripten::function("renderAutoParamsRaw", &gemroll::RenderAutoParamsRaw);
  emscripten::function("renderKernels", &gemroll::RenderKernels);
}
