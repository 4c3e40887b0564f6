// A deliberately tiny 128-bit vector layer over wasm SIMD128 and x86 SSE2, so
// each metrics kernel is written once (Highway-style) instead of once per ISA.
// Only the operations the kernels need exist; all are integer and exact, so a
// vector kernel must match its scalar reference bit for bit.
#ifndef GEMROLL_SRC_METRICS_SIMD_INL_H_
#define GEMROLL_SRC_METRICS_SIMD_INL_H_

#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define GEMROLL_METRICS_SIMD 1
#define GEMROLL_METRICS_SIMD_NAME "wasm-simd128"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define GEMROLL_METRICS_SIMD 1
#define GEMROLL_METRICS_SIMD_NAME "sse2"
#else
#define GEMROLL_METRICS_SIMD 0
#define GEMROLL_METRICS_SIMD_NAME "none"
#endif

#if GEMROLL_METRICS_SIMD
namespace gemroll::metrics_internal::simd {

#if defined(__wasm_simd128__)

using V = v128_t;
inline V LoadU(const void* p) { return wasm_v128_load(p); }
inline void StoreU(void* p, V v) { wasm_v128_store(p, v); }
inline V Zero() { return wasm_i32x4_splat(0); }
inline V SplatI16(int16_t x) { return wasm_i16x8_splat(x); }
inline V SplatI32(int32_t x) { return wasm_i32x4_splat(x); }
inline V AddI16(V a, V b) { return wasm_i16x8_add(a, b); }
inline V SubI16(V a, V b) { return wasm_i16x8_sub(a, b); }
inline V AddI32(V a, V b) { return wasm_i32x4_add(a, b); }
inline V SubI32(V a, V b) { return wasm_i32x4_sub(a, b); }
template <int kBits>
inline V ShlI16(V a) {
  return wasm_i16x8_shl(a, kBits);
}
template <int kBits>
inline V ShlI32(V a) {
  return wasm_i32x4_shl(a, kBits);
}
template <int kBits>
inline V ShrU32(V a) {
  return wasm_u32x4_shr(a, kBits);
}
template <int kBits>
inline V ShrS32(V a) {
  return wasm_i32x4_shr(a, kBits);
}
inline V And(V a, V b) { return wasm_v128_and(a, b); }
inline V MaxU8(V a, V b) { return wasm_u8x16_max(a, b); }
inline V MinU8(V a, V b) { return wasm_u8x16_min(a, b); }
// Per 32-bit lane: a.lo16*b.lo16 + a.hi16*b.hi16 (signed).
inline V MaddI16(V a, V b) { return wasm_i32x4_dot_i16x8(a, b); }
inline V ZextLoU8(V a) { return wasm_u16x8_extend_low_u8x16(a); }
inline V ZextHiU8(V a) { return wasm_u16x8_extend_high_u8x16(a); }
// Byte interleave: a0 b0 a1 b1 ... (low halves) / a8 b8 ... (high halves).
inline V ZipLoU8(V a, V b) {
  return wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}
inline V ZipHiU8(V a, V b) {
  return wasm_i8x16_shuffle(a, b, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
}
inline V PackI32ToI16(V a, V b) { return wasm_i16x8_narrow_i32x4(a, b); }
inline V PackI16ToU8(V a, V b) { return wasm_u8x16_narrow_i16x8(a, b); }
inline V AbsI16(V a) { return wasm_i16x8_abs(a); }
inline int64_t ReduceI32(V v) {
  return static_cast<int64_t>(wasm_i32x4_extract_lane(v, 0)) + wasm_i32x4_extract_lane(v, 1) +
         wasm_i32x4_extract_lane(v, 2) + wasm_i32x4_extract_lane(v, 3);
}

#else  // SSE2

using V = __m128i;
inline V LoadU(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
inline void StoreU(void* p, V v) { _mm_storeu_si128(static_cast<__m128i*>(p), v); }
inline V Zero() { return _mm_setzero_si128(); }
inline V SplatI16(int16_t x) { return _mm_set1_epi16(x); }
inline V SplatI32(int32_t x) { return _mm_set1_epi32(x); }
inline V AddI16(V a, V b) { return _mm_add_epi16(a, b); }
inline V SubI16(V a, V b) { return _mm_sub_epi16(a, b); }
inline V AddI32(V a, V b) { return _mm_add_epi32(a, b); }
inline V SubI32(V a, V b) { return _mm_sub_epi32(a, b); }
template <int kBits>
inline V ShlI16(V a) {
  return _mm_slli_epi16(a, kBits);
}
template <int kBits>
inline V ShlI32(V a) {
  return _mm_slli_epi32(a, kBits);
}
template <int kBits>
inline V ShrU32(V a) {
  return _mm_srli_epi32(a, kBits);
}
template <int kBits>
inline V ShrS32(V a) {
  return _mm_srai_epi32(a, kBits);
}
inline V And(V a, V b) { return _mm_and_si128(a, b); }
inline V MaxU8(V a, V b) { return _mm_max_epu8(a, b); }
inline V MinU8(V a, V b) { return _mm_min_epu8(a, b); }
inline V MaddI16(V a, V b) { return _mm_madd_epi16(a, b); }
inline V ZextLoU8(V a) { return _mm_unpacklo_epi8(a, _mm_setzero_si128()); }
inline V ZextHiU8(V a) { return _mm_unpackhi_epi8(a, _mm_setzero_si128()); }
inline V ZipLoU8(V a, V b) { return _mm_unpacklo_epi8(a, b); }
inline V ZipHiU8(V a, V b) { return _mm_unpackhi_epi8(a, b); }
inline V PackI32ToI16(V a, V b) { return _mm_packs_epi32(a, b); }
inline V PackI16ToU8(V a, V b) { return _mm_packus_epi16(a, b); }
// SSE2 has no pabsw (SSSE3); max(x, -x) is exact for |x| < 32768.
inline V AbsI16(V a) { return _mm_max_epi16(a, _mm_sub_epi16(_mm_setzero_si128(), a)); }
inline int64_t ReduceI32(V v) {
  alignas(16) int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), v);
  return static_cast<int64_t>(lanes[0]) + lanes[1] + lanes[2] + lanes[3];
}

#endif

// Two int16 values repeated in every 32-bit lane (a in the low half), the
// weight operand for MaddI16 on interleaved pairs.
inline V PairI16(int16_t a, int16_t b) {
  return SplatI32(static_cast<int32_t>(static_cast<uint16_t>(a) |
                                       (static_cast<uint32_t>(static_cast<uint16_t>(b)) << 16)));
}

}  // namespace gemroll::metrics_internal::simd
#endif  // GEMROLL_METRICS_SIMD

#endif  // GEMROLL_SRC_METRICS_SIMD_INL_H_
