// JS value conversions every bindings file needs: option fields with
// fallbacks, bytes and floats in and out, and the {error: {code, message}}
// result. One copy here so the files cannot drift apart; each bindings .cc
// is its own translation unit in one engine, hence `inline`.
#ifndef GEMROLL_WASM_BINDINGS_JS_VALUE_H_
#define GEMROLL_WASM_BINDINGS_JS_VALUE_H_

#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gemroll/image.h"
#include "gemroll/status.h"

namespace gemroll::js {

using emscripten::val;

// 2^53: past that a JS number is not an exact count.
inline constexpr double kMaxSafeInteger = 9007199254740992.0;

inline bool IsNullish(const val& v) { return v.isUndefined() || v.isNull(); }

// Whether `o[key]` is set to something other than undefined or null.
inline bool Has(const val& o, const char* key) {
  if (IsNullish(o)) return false;
  const val v = o[key];
  return !IsNullish(v);
}

// `o[key]` when it is a finite number in [lo, hi]; `fallback` otherwise
// (casting NaN or out-of-range doubles is undefined).
inline double NumberOr(const val& o, const char* key, double fallback, double lo, double hi) {
  if (IsNullish(o)) return fallback;
  const val v = o[key];
  if (!v.isNumber()) return fallback;
  const double d = v.as<double>();
  return std::isfinite(d) && d >= lo && d <= hi ? d : fallback;
}

// `o[key]` clamped to [lo, hi] when it is a finite number; `fallback` otherwise.
inline double ClampedNumber(const val& o, const char* key, double fallback, double lo, double hi) {
  if (IsNullish(o)) return fallback;
  const val v = o[key];
  if (!v.isNumber()) return fallback;
  const double d = v.as<double>();
  return std::isfinite(d) ? std::clamp(d, lo, hi) : fallback;
}

inline std::string StringOr(const val& o, const char* key, const std::string& fallback = "") {
  if (IsNullish(o)) return fallback;
  const val v = o[key];
  return v.isString() ? v.as<std::string>() : fallback;
}

// true or false when `o[key]` is exactly that; `fallback` for anything else.
inline bool BoolOr(const val& o, const char* key, bool fallback) {
  if (IsNullish(o)) return fallback;
  const val v = o[key];
  return v.isTrue() ? true : v.isFalse() ? false : fallback;
}

// Copies a JS Uint8Array / ArrayBuffer / other typed array / DataView into
// the wasm heap with one memcpy-like TypedArray.set through a view of the
// destination.
inline std::vector<uint8_t> BytesIn(const val& bytes) {
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

// A JS-owned Uint8Array copy, so the result survives memory growth and the
// source's death.
inline val BytesOut(const uint8_t* data, size_t size) {
  return val(emscripten::typed_memory_view(size, data)).call<val>("slice");
}
inline val BytesOut(const std::vector<uint8_t>& bytes) {
  return BytesOut(bytes.data(), bytes.size());
}

// Any array-like of numbers (or a Float32Array) as floats; undefined or
// null gives none.
inline std::vector<float> FloatsIn(const val& array) {
  if (IsNullish(array)) return {};
  const val f32 = val::global("Float32Array");
  val src = array.instanceof (f32) ? array : f32.new_(array);
  std::vector<float> out(src["length"].as<size_t>());
  if (!out.empty()) {
    val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", src);
  }
  return out;
}

// A JS-owned Float32Array copy.
inline val FloatsOut(const std::vector<float>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data())).call<val>("slice");
}

// An image's pixels as a new, tightly packed `array_type` (Uint8Array, or
// Uint8ClampedArray for ImageData), copied row by row past the stride.
inline val RgbaOut(const Image& img, const char* array_type = "Uint8Array") {
  const size_t row = 4 * static_cast<size_t>(img.width());
  val out = val::global(array_type).new_(row * img.height());
  for (int y = 0; y < img.height(); ++y) {
    out.call<void>("set", val(emscripten::typed_memory_view(row, img.Row(y))), row * y);
  }
  return out;
}

// {error: {code, message}}, which the JS side throws: a JS exception thrown
// from C++ would unwind past destructors and leak.
inline val ErrorResult(const Status& s) {
  val error = val::object();
  error.set("code", std::string(StatusCodeName(s.code())));
  error.set("message", s.message());
  val result = val::object();
  result.set("error", error);
  return result;
}

inline val JsonResult(const std::string& json) {
  val result = val::object();
  result.set("json", json);
  return result;
}

}  // namespace gemroll::js

#endif  // GEMROLL_WASM_BINDINGS_JS_VALUE_H_
