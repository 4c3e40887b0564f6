// A deliberately tiny 128-bit vector layer over wasm SIMD128 and x86 SSE2, so
// each kernel (metrics, the edit renderer) is written once (Highway-style)
// instead of once per ISA. Only the operations the kernels need exist. The
// integer ones are exact; the float ones are IEEE single precision lane by
// lane with std::min/std::max's tie rules and static_cast's truncation, so a
// vector kernel matches its scalar reference bit for bit.
#ifndef GEMROLL_SRC_SIMD_SIMD_INL_H_
#define GEMROLL_SRC_SIMD_SIMD_INL_H_

#include <cstdint>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define GEMROLL_SIMD 1
#define GEMROLL_SIMD_NAME "wasm-simd128"
#elif defined(__SSE2__)
#include <emmintrin.h>
#define GEMROLL_SIMD 1
#define GEMROLL_SIMD_NAME "sse2"
#else
#define GEMROLL_SIMD 0
#define GEMROLL_SIMD_NAME "none"
#endif

#if GEMROLL_SIMD
namespace gemroll::simd {

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
inline V Or(V a, V b) { return wasm_v128_or(a, b); }
inline V MinI32(V a, V b) { return wasm_i32x4_min(a, b); }
inline V MaxI32(V a, V b) { return wasm_i32x4_max(a, b); }
// Four bytes zero-extended to int32 lanes.
inline V LoadU8x4ToI32(const uint8_t* p) {
  return wasm_u32x4_extend_low_u16x8(wasm_u16x8_extend_low_u8x16(wasm_v128_load32_zero(p)));
}
// Each int16 of lanes 0-1 (2-3 for the Hi form) repeated four times:
// d0 d0 d0 d0 d1 d1 d1 d1.
inline V Dup4LoI16(V a) { return wasm_i16x8_shuffle(a, a, 0, 0, 0, 0, 1, 1, 1, 1); }
inline V Dup4HiI16(V a) { return wasm_i16x8_shuffle(a, a, 2, 2, 2, 2, 3, 3, 3, 3); }
inline V MakeI16(int16_t a, int16_t b, int16_t c, int16_t d, int16_t e, int16_t f, int16_t g,
                 int16_t h) {
  return wasm_i16x8_make(a, b, c, d, e, f, g, h);
}

using VF = v128_t;
inline VF LoadF(const float* p) { return wasm_v128_load(p); }
inline VF SplatF(float x) { return wasm_f32x4_splat(x); }
inline VF AddF(VF a, VF b) { return wasm_f32x4_add(a, b); }
inline VF SubF(VF a, VF b) { return wasm_f32x4_sub(a, b); }
inline VF MulF(VF a, VF b) { return wasm_f32x4_mul(a, b); }
inline VF DivF(VF a, VF b) { return wasm_f32x4_div(a, b); }
inline VF SqrtF(VF a) { return wasm_f32x4_sqrt(a); }
// std::min(a, b) = (b < a ? b : a) = pmin; std::max(a, b) = (a < b ? b : a) = pmax.
inline VF MinF(VF a, VF b) { return wasm_f32x4_pmin(a, b); }
inline VF MaxF(VF a, VF b) { return wasm_f32x4_pmax(a, b); }
// Truncation towards zero, as static_cast<int32_t> (in range).
inline V TruncF(VF a) { return wasm_i32x4_trunc_sat_f32x4(a); }
inline VF ToF(V a) { return wasm_f32x4_convert_i32x4(a); }
// t[i] per lane.
inline VF GatherF(const float* t, V i) {
  return wasm_f32x4_make(t[wasm_i32x4_extract_lane(i, 0)], t[wasm_i32x4_extract_lane(i, 1)],
                         t[wasm_i32x4_extract_lane(i, 2)], t[wasm_i32x4_extract_lane(i, 3)]);
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
inline V Or(V a, V b) { return _mm_or_si128(a, b); }
// SSE2 has no pminsd/pmaxsd (SSE4.1): select with compares.
inline V MinI32(V a, V b) {
  const V m = _mm_cmplt_epi32(b, a);
  return _mm_or_si128(_mm_and_si128(m, b), _mm_andnot_si128(m, a));
}
inline V MaxI32(V a, V b) {
  const V m = _mm_cmpgt_epi32(b, a);
  return _mm_or_si128(_mm_and_si128(m, b), _mm_andnot_si128(m, a));
}
inline V LoadU8x4ToI32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, 4);
  const V z = _mm_setzero_si128();
  return _mm_unpacklo_epi16(_mm_unpacklo_epi8(_mm_cvtsi32_si128(v), z), z);
}
inline V Dup4LoI16(V a) {
  const V pair = _mm_unpacklo_epi16(a, a);  // d0 d0 d1 d1 d2 d2 d3 d3
  return _mm_unpacklo_epi32(pair, pair);
}
inline V Dup4HiI16(V a) {
  const V pair = _mm_unpacklo_epi16(a, a);
  return _mm_unpackhi_epi32(pair, pair);
}
inline V MakeI16(int16_t a, int16_t b, int16_t c, int16_t d, int16_t e, int16_t f, int16_t g,
                 int16_t h) {
  return _mm_setr_epi16(a, b, c, d, e, f, g, h);
}

using VF = __m128;
inline VF LoadF(const float* p) { return _mm_loadu_ps(p); }
inline VF SplatF(float x) { return _mm_set1_ps(x); }
inline VF AddF(VF a, VF b) { return _mm_add_ps(a, b); }
inline VF SubF(VF a, VF b) { return _mm_sub_ps(a, b); }
inline VF MulF(VF a, VF b) { return _mm_mul_ps(a, b); }
inline VF DivF(VF a, VF b) { return _mm_div_ps(a, b); }
inline VF SqrtF(VF a) { return _mm_sqrt_ps(a); }
// minps(x, y) = x < y ? x : y, so std::min(a, b) = (b < a ? b : a) is
// minps(b, a); likewise std::max(a, b) = (a < b ? b : a) is maxps(b, a).
inline VF MinF(VF a, VF b) { return _mm_min_ps(b, a); }
inline VF MaxF(VF a, VF b) { return _mm_max_ps(b, a); }
inline V TruncF(VF a) { return _mm_cvttps_epi32(a); }
inline VF ToF(V a) { return _mm_cvtepi32_ps(a); }
inline VF GatherF(const float* t, V i) {
  alignas(16) int32_t k[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(k), i);
  return _mm_setr_ps(t[k[0]], t[k[1]], t[k[2]], t[k[3]]);
}

#endif

// Two int16 values repeated in every 32-bit lane (a in the low half), the
// weight operand for MaddI16 on interleaved pairs.
inline V PairI16(int16_t a, int16_t b) {
  return SplatI32(static_cast<int32_t>(static_cast<uint16_t>(a) |
                                       (static_cast<uint32_t>(static_cast<uint16_t>(b)) << 16)));
}

}  // namespace gemroll::simd
#endif  // GEMROLL_SIMD

#endif  // GEMROLL_SRC_METRICS_SIMD_INL_H_
