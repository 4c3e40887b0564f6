// The option structs that more than one binding takes from JS, each parsed
// in one place with one set of bounds (the defaults are the core's, e.g.
// gemroll/limits.h): decoding limits and scale, and the edit limits.
#ifndef GEMROLL_WASM_BINDINGS_OPTIONS_JS_H_
#define GEMROLL_WASM_BINDINGS_OPTIONS_JS_H_

#include <emscripten/val.h>

#include <cstdint>

#include "gemroll/decode.h"
#include "gemroll/export.h"
#include "js_value.h"

namespace gemroll::js {

// {minShortSide, maxPixels, maxBytes, fastDecode} over `d` (the call's own
// defaults); a field that is missing or out of bounds keeps its default.
inline DecodeOptions DecodeOptionsIn(const val& o, DecodeOptions d = {}) {
  d.min_short_side = static_cast<int>(NumberOr(o, "minShortSide", d.min_short_side, 0, 1 << 16));
  d.max_pixels = static_cast<uint64_t>(
      NumberOr(o, "maxPixels", static_cast<double>(d.max_pixels), 1, kMaxSafeInteger));
  d.max_bytes = static_cast<uint64_t>(
      NumberOr(o, "maxBytes", static_cast<double>(d.max_bytes), 1, kMaxSafeInteger));
  d.fast = BoolOr(o, "fastDecode", d.fast);
  return d;
}

// {maxPixels, maxBytes} of the edit, export and smart-crop calls.
inline EditLimits EditLimitsIn(const val& o) {
  EditLimits l;
  DecodeOptions d;
  d.max_pixels = l.max_pixels;
  d.max_bytes = l.max_bytes;
  d = DecodeOptionsIn(o, d);
  l.max_pixels = d.max_pixels;
  l.max_bytes = d.max_bytes;
  return l;
}

}  // namespace gemroll::js

#endif  // GEMROLL_WASM_BINDINGS_OPTIONS_JS_H_
