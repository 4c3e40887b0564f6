// The limits every stage that takes untrusted input shares: decoding, edits,
// export, collages, metrics. The package's page thread refuses an oversize
// file before reading it with the same figures: CMake writes them into
// web/package/wasm/limits.js from this header (target gemroll_wasm), so this
// is the only place they are set.
#ifndef GEMROLL_LIMITS_H_
#define GEMROLL_LIMITS_H_

#include <cstdint>

namespace gemroll {

// Pixels of one image (a source, a rendered output, a collage canvas),
// checked before anything is allocated.
inline constexpr uint64_t kMaxInputPixels = 100'000'000;  // 100 MP
// Bytes of one input file.
inline constexpr uint64_t kMaxInputBytes = 512ull << 20;  // 512 MiB

}  // namespace gemroll

#endif  // GEMROLL_LIMITS_H_
