// Hot loops of the metrics stage: scalar references and their vector twins.
// All arithmetic is integer, so the two must agree exactly (metrics_test).

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kernels-inl.h"
#include "simd/simd-inl.h"

namespace gemroll::metrics_internal {

bool HaveSimd() { return GEMROLL_SIMD != 0; }
const char* SimdName() { return GEMROLL_SIMD_NAME; }

// ---------------------------------------------------------------------------
// RGBA -> luma + colour moments

void RgbaRowToLumaScalar(const uint8_t* rgba, int width, uint8_t* luma, ColorMoments* m) {
  int64_t rg_sum = 0, rg_sq = 0, yb_sum = 0, yb_sq = 0, mx_sum = 0, chroma_sum = 0;
  for (int x = 0; x < width; ++x) {
    const int r = rgba[4 * x], g = rgba[4 * x + 1], b = rgba[4 * x + 2];
    luma[x] = static_cast<uint8_t>((kLumaR * r + kLumaG * g + kLumaB * b + 128) >> 8);
    const int rg = r - g, yb2 = r + g - 2 * b;
    rg_sum += rg;
    rg_sq += rg * rg;
    yb_sum += yb2;
    yb_sq += yb2 * yb2;
    const int mx = std::max({r, g, b}), mn = std::min({r, g, b});
    mx_sum += mx;
    chroma_sum += mx - mn;
  }
  m->count += width;
  m->sum_rg += rg_sum;
  m->sum_rg_sq += rg_sq;
  m->sum_yb2 += yb_sum;
  m->sum_yb2_sq += yb_sq;
  m->sum_max += mx_sum;
  m->sum_chroma += chroma_sum;
}

void RgbaRowToLumaSimd(const uint8_t* rgba, int width, uint8_t* luma, ColorMoments* m) {
#if GEMROLL_SIMD
  using namespace simd;  // NOLINT: a kernel body reads best with bare op names
  const V mask_lo8 = SplatI32(0x00FF00FF);
  const V mask_lo16 = SplatI32(0x0000FFFF);
  const V mask_byte = SplatI32(0x000000FF);
  const V w_rb = PairI16(kLumaR, kLumaB);
  const V w_g = PairI16(kLumaG, 0);
  const V round = SplatI32(128);
  const V ones = SplatI16(1);
  int x = 0;
  // Flush the int32 lane sums every kFlush pixels: the worst lane (yb2^2)
  // grows by ~1.04e6 per 16 pixels, so 2048 pixels stay far below 2^31.
  constexpr int kFlush = 2048;
  while (x + 16 <= width) {
    V acc_rg = Zero(), acc_rg_sq = Zero(), acc_yb = Zero(), acc_yb_sq = Zero();
    V acc_max = Zero(), acc_chroma = Zero();
    const int end = std::min(width, x + kFlush);
    for (; x + 16 <= end; x += 16) {
      V y[4], rg[4], yb[4];
      for (int k = 0; k < 4; ++k) {
        const V p = LoadU(rgba + 4 * x + 16 * k);
        const V p8 = ShrU32<8>(p);
        const V p16 = ShrU32<16>(p);
        const V rb = And(p, mask_lo8);   // R in the low int16, B in the high
        const V ga = And(p8, mask_lo8);  // G low, A high
        y[k] = ShrS32<8>(AddI32(AddI32(MaddI16(rb, w_rb), MaddI16(ga, w_g)), round));
        const V r = And(rb, mask_lo16), g = And(ga, mask_lo16), b = ShrU32<16>(rb);
        rg[k] = SubI32(r, g);
        yb[k] = SubI32(AddI32(r, g), ShlI32<1>(b));
        const V mx = And(MaxU8(MaxU8(p, p8), p16), mask_byte);
        const V mn = And(MinU8(MinU8(p, p8), p16), mask_byte);
        acc_max = AddI32(acc_max, mx);
        acc_chroma = AddI32(acc_chroma, SubI32(mx, mn));
      }
      StoreU(luma + x, PackI16ToU8(PackI32ToI16(y[0], y[1]), PackI32ToI16(y[2], y[3])));
      for (int k = 0; k < 4; k += 2) {
        const V rg16 = PackI32ToI16(rg[k], rg[k + 1]);  // |rg| <= 255
        const V yb16 = PackI32ToI16(yb[k], yb[k + 1]);  // |yb2| <= 510
        acc_rg = AddI32(acc_rg, MaddI16(rg16, ones));
        acc_rg_sq = AddI32(acc_rg_sq, MaddI16(rg16, rg16));
        acc_yb = AddI32(acc_yb, MaddI16(yb16, ones));
        acc_yb_sq = AddI32(acc_yb_sq, MaddI16(yb16, yb16));
      }
    }
    m->sum_rg += ReduceI32(acc_rg);
    m->sum_rg_sq += ReduceI32(acc_rg_sq);
    m->sum_yb2 += ReduceI32(acc_yb);
    m->sum_yb2_sq += ReduceI32(acc_yb_sq);
    m->sum_max += ReduceI32(acc_max);
    m->sum_chroma += ReduceI32(acc_chroma);
  }
  m->count += x;
  if (x < width) RgbaRowToLumaScalar(rgba + 4 * x, width - x, luma + x, m);
#else
  RgbaRowToLumaScalar(rgba, width, luma, m);
#endif
}

// ---------------------------------------------------------------------------
// Vertical pass of the area resample

namespace {
constexpr int kVertShift = kWeightBits - kMidBits;
constexpr int kVertRound = 1 << (kVertShift - 1);
}  // namespace

void VerticalAreaScalar(const uint8_t* const* rows, const int16_t* weights, int count, int n,
                        uint16_t* out) {
  for (int i = 0; i < n; ++i) {
    int32_t acc = kVertRound;
    for (int k = 0; k < count; ++k) acc += weights[k] * rows[k][i];
    out[i] = static_cast<uint16_t>(acc >> kVertShift);
  }
}

void VerticalAreaSimd(const uint8_t* const* rows, const int16_t* weights, int count, int n,
                      uint16_t* out) {
#if GEMROLL_SIMD
  using namespace simd;  // NOLINT
  const V round = SplatI32(kVertRound);
  int i = 0;
  // Two source rows per step: interleaving their bytes lets one MaddI16 apply
  // both weights (the pmaddwd / i32x4.dot trick).
  for (; i + 16 <= n; i += 16) {
    V acc0 = round, acc1 = round, acc2 = round, acc3 = round;
    int k = 0;
    for (; k + 2 <= count; k += 2) {
      const V a = LoadU(rows[k] + i), b = LoadU(rows[k + 1] + i);
      const V w = PairI16(weights[k], weights[k + 1]);
      const V lo = ZipLoU8(a, b), hi = ZipHiU8(a, b);
      acc0 = AddI32(acc0, MaddI16(ZextLoU8(lo), w));
      acc1 = AddI32(acc1, MaddI16(ZextHiU8(lo), w));
      acc2 = AddI32(acc2, MaddI16(ZextLoU8(hi), w));
      acc3 = AddI32(acc3, MaddI16(ZextHiU8(hi), w));
    }
    if (k < count) {
      const V a = LoadU(rows[k] + i);
      const V w = PairI16(weights[k], 0);
      const V lo = ZipLoU8(a, Zero()), hi = ZipHiU8(a, Zero());
      acc0 = AddI32(acc0, MaddI16(ZextLoU8(lo), w));
      acc1 = AddI32(acc1, MaddI16(ZextHiU8(lo), w));
      acc2 = AddI32(acc2, MaddI16(ZextLoU8(hi), w));
      acc3 = AddI32(acc3, MaddI16(ZextHiU8(hi), w));
    }
    // Results are <= 255 << kMidBits = 32640, inside int16.
    StoreU(out + i, PackI32ToI16(ShrS32<kVertShift>(acc0), ShrS32<kVertShift>(acc1)));
    StoreU(out + i + 8, PackI32ToI16(ShrS32<kVertShift>(acc2), ShrS32<kVertShift>(acc3)));
  }
  if (i < n) {
    // Tail: offset row pointers so the scalar loop sees the remaining bytes.
    constexpr int kMaxTail = 512;
    const uint8_t* tail_rows[kMaxTail];
    if (count <= kMaxTail) {
      for (int k = 0; k < count; ++k) tail_rows[k] = rows[k] + i;
      VerticalAreaScalar(tail_rows, weights, count, n - i, out + i);
    } else {
      std::vector<const uint8_t*> v(count);
      for (int k = 0; k < count; ++k) v[k] = rows[k] + i;
      VerticalAreaScalar(v.data(), weights, count, n - i, out + i);
    }
  }
#else
  VerticalAreaScalar(rows, weights, count, n, out);
#endif
}

// ---------------------------------------------------------------------------
// Detail statistics (Laplacian energy, Immerkaer noise, structure tensor)

namespace {

void InitDetail(const ImageView& gray, DetailStats* out) {
  const int iw = gray.width - 2, ih = gray.height - 2;
  out->blocks_x = (iw + kBlockSize - 1) / kBlockSize;
  out->blocks_y = (ih + kBlockSize - 1) / kBlockSize;
  out->blocks.assign(static_cast<size_t>(out->blocks_x) * out->blocks_y, BlockStats{});
  out->jxx = out->jyy = out->jxy = 0;
}

// Scalar body for interior pixels [x0, x1) of row y, all in one block.
inline void DetailSpan(const uint8_t* n, const uint8_t* c, const uint8_t* s, int x0, int x1,
                       BlockStats* b, int64_t* jxx, int64_t* jyy, int64_t* jxy) {
  int64_t lap = 0, noise = 0, luma = 0, xx = 0, yy = 0, xy = 0;
  for (int x = x0; x < x1; ++x) {
    const int cc = c[x], nn = n[x], ss = s[x], ww = c[x - 1], ee = c[x + 1];
    const int nsew = nn + ss + ww + ee;
    const int l = 4 * cc - nsew;
    const int mk = 4 * cc - 2 * nsew + n[x - 1] + n[x + 1] + s[x - 1] + s[x + 1];
    const int gx = ee - ww, gy = ss - nn;
    lap += l * l;
    noise += mk < 0 ? -mk : mk;
    luma += cc;
    xx += gx * gx;
    yy += gy * gy;
    xy += gx * gy;
  }
  b->count += x1 - x0;
  b->sum_lap_sq += lap;
  b->sum_abs_noise += noise;
  b->sum_luma += luma;
  *jxx += xx;
  *jyy += yy;
  *jxy += xy;
}

}  // namespace

void DetailStatsScalar(const ImageView& gray, DetailStats* out) {
  InitDetail(gray, out);
  const int w = gray.width, h = gray.height;
  for (int y = 1; y < h - 1; ++y) {
    const uint8_t* n = gray.Row(y - 1);
    const uint8_t* c = gray.Row(y);
    const uint8_t* s = gray.Row(y + 1);
    BlockStats* brow = &out->blocks[static_cast<size_t>((y - 1) / kBlockSize) * out->blocks_x];
    for (int bx = 0; bx < out->blocks_x; ++bx) {
      const int x0 = 1 + bx * kBlockSize;
      const int x1 = std::min(w - 1, x0 + kBlockSize);
      DetailSpan(n, c, s, x0, x1, &brow[bx], &out->jxx, &out->jyy, &out->jxy);
    }
  }
}

void DetailStatsSimd(const ImageView& gray, DetailStats* out) {
#if GEMROLL_SIMD
  using namespace simd;  // NOLINT
  InitDetail(gray, out);
  const int w = gray.width, h = gray.height;
  // Blocks whose 16 pixels and the +1 neighbour read stay inside the row.
  const int full_bx = (w - 2) / kBlockSize;
  const V ones = SplatI16(1);
  // Per full block: Laplacian^2, |noise mask|, luma lane sums, kept across the
  // 16 rows of a block row (worst lane: 16 rows * 4.2e6 < 2^31).
  struct BlockAcc {
    V lap_sq, abs_noise, luma;
  };
  std::vector<BlockAcc> acc(static_cast<size_t>(full_bx));
  for (int by = 0; by < out->blocks_y; ++by) {
    std::fill(acc.begin(), acc.end(), BlockAcc{Zero(), Zero(), Zero()});
    BlockStats* brow = &out->blocks[static_cast<size_t>(by) * out->blocks_x];
    const int y0 = 1 + by * kBlockSize, y1 = std::min(h - 1, y0 + kBlockSize);
    for (int y = y0; y < y1; ++y) {
      const uint8_t* n = gray.Row(y - 1);
      const uint8_t* c = gray.Row(y);
      const uint8_t* s = gray.Row(y + 1);
      V jxx = Zero(), jyy = Zero(), jxy = Zero();
      for (int bx = 0; bx < full_bx; ++bx) {
        const int x = 1 + bx * kBlockSize;
        const V vn = LoadU(n + x), vs = LoadU(s + x);
        const V vw = LoadU(c + x - 1), vc = LoadU(c + x), ve = LoadU(c + x + 1);
        const V vnw = LoadU(n + x - 1), vne = LoadU(n + x + 1);
        const V vsw = LoadU(s + x - 1), vse = LoadU(s + x + 1);
        BlockAcc& a = acc[bx];
        for (int half = 0; half < 2; ++half) {
          auto wide = [half](V v) { return half == 0 ? ZextLoU8(v) : ZextHiU8(v); };
          const V cc = wide(vc), nn = wide(vn), ss = wide(vs), ww = wide(vw), ee = wide(ve);
          const V diag = AddI16(AddI16(wide(vnw), wide(vne)), AddI16(wide(vsw), wide(vse)));
          const V nsew = AddI16(AddI16(nn, ss), AddI16(ww, ee));
          const V c4 = ShlI16<2>(cc);
          const V lap = SubI16(c4, nsew);
          const V mk = AddI16(SubI16(c4, ShlI16<1>(nsew)), diag);
          const V gx = SubI16(ee, ww), gy = SubI16(ss, nn);
          a.lap_sq = AddI32(a.lap_sq, MaddI16(lap, lap));
          a.abs_noise = AddI32(a.abs_noise, MaddI16(AbsI16(mk), ones));
          a.luma = AddI32(a.luma, MaddI16(cc, ones));
          jxx = AddI32(jxx, MaddI16(gx, gx));
          jyy = AddI32(jyy, MaddI16(gy, gy));
          jxy = AddI32(jxy, MaddI16(gx, gy));
        }
        brow[bx].count += kBlockSize;
      }
      out->jxx += ReduceI32(jxx);
      out->jyy += ReduceI32(jyy);
      out->jxy += ReduceI32(jxy);
      for (int bx = full_bx; bx < out->blocks_x; ++bx) {
        const int x0 = 1 + bx * kBlockSize;
        DetailSpan(n, c, s, x0, std::min(w - 1, x0 + kBlockSize), &brow[bx], &out->jxx, &out->jyy,
                   &out->jxy);
      }
    }
    for (int bx = 0; bx < full_bx; ++bx) {
      brow[bx].sum_lap_sq += ReduceI32(acc[bx].lap_sq);
      brow[bx].sum_abs_noise += ReduceI32(acc[bx].abs_noise);
      brow[bx].sum_luma += ReduceI32(acc[bx].luma);
    }
  }
#else
  DetailStatsScalar(gray, out);
#endif
}

}  // namespace gemroll::metrics_internal
