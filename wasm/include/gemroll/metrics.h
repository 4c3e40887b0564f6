// Photo metrics: cheap, explainable per-photo measurements (sharpness, blur,
// exposure, noise, colour, perceptual hashes) computed on the decoder's
// analysis-scale image, which the verdict, dedupe and ranking stages consume.
#ifndef GEMROLL_METRICS_H_
#define GEMROLL_METRICS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "gemroll/image.h"
#include "gemroll/json.h"
#include "gemroll/status.h"

namespace gemroll {

struct MetricsOptions {
  // Resolution normalisation: detail metrics (sharpness, blur, noise) are
  // computed on luma area-downscaled so its long side is at most this many
  // pixels. Inputs already at or below it are used as they are (upsampling
  // adds no detail), so 480..512 px inputs read within a few percent.
  int work_long_side = 512;
  // Tiles per side for regional sharpness (grid x grid tiles). 1..16.
  int grid = 4;
  // false forces the scalar reference kernels (tests, benchmarks). Builds
  // without a vector path (scalar wasm) ignore true. Results are identical
  // either way: every kernel is integer-exact.
  bool use_simd = true;
};

struct DominantColor {
  uint32_t rgb = 0;    // 0xRRGGBB, sRGB, mean colour of the cluster
  float fraction = 0;  // share of pixels in the cluster, 0..1
};

struct ColorSummary {
  // Up to 5 clusters of a coarse 8x8x8 RGB histogram (~16k sampled pixels),
  // heaviest first; clusters under 1% of the image are dropped.
  std::vector<DominantColor> dominant;
  // Mean sRGB values of the image, 0..255.
  float mean_r = 0, mean_g = 0, mean_b = 0;
};

struct PhotoMetrics {
  // --- Sharpness (all 0..1). Laplacian energy on the work luma, minus the
  // energy white noise of the estimated noise_sigma would produce, mapped
  // from log10(energy) linearly between two anchors (see metrics_params in
  // metrics.cc): 0 = no detail above noise, 1 = crisp edges everywhere.
  float sharpness = 0;                  // whole image
  float sharpness_max_region = 0;       // sharpest of the grid x grid tiles, so a
                                        // sharp subject on a soft background reads sharp
  float sharp_area_fraction = 0;        // share of pixels in 16x16 blocks that score
                                        // >= 0.5 on the same scale (flat sky counts as not sharp)
  std::vector<float> region_sharpness;  // grid x grid tile scores, row-major

  // --- Directional blur. Coherence of the gradient structure tensor (noise
  // energy removed): 0 = isotropic detail, 1 = all gradients in one
  // direction, as when motion smears every edge along one axis. Strongly
  // oriented scenes (fences, horizons) also score high; read with sharpness.
  float motion_blur = 0;
  // Direction of the smear in degrees, [0, 180): 0 = horizontal, 90 =
  // vertical, counter-clockwise as seen on screen. 0 when motion_blur is 0.
  float motion_angle_deg = 0;

  // --- Exposure, on Rec.709 luma of the sRGB values (no linearisation),
  // measured on the full analysis-scale image. All 0..1 unless noted.
  float mean_luma = 0;
  float shadow_clip = 0;                           // fraction of pixels with luma <= 2/255
  float highlight_clip = 0;                        // fraction of pixels with luma >= 253/255
  float contrast = 0;                              // RMS contrast: std of luma, 0..0.5
  float luma_p05 = 0, luma_p50 = 0, luma_p95 = 0;  // percentiles

  // Standard deviation of additive noise in 0..255 luma units (Immerkaer's
  // fast estimator, taken at the 25th percentile of 16x16 blocks of the
  // work luma so texture does not read as noise; clipped blocks skipped).
  float noise_sigma = 0;

  // --- Colour.
  float colorfulness = 0;     // Hasler-Suesstrunk M on 0..255 sRGB, ~0..150; gray = 0
  float mean_saturation = 0;  // HSV saturation weighted by value: sum(max-min)/sum(max), 0..1
  ColorSummary colors;

  // --- Perceptual hashes (Hamming distance compares them).
  // 64-bit DCT hash: 32x32 area-resampled luma, 2-D DCT-II, the top-left 8x8
  // coefficients minus DC thresholded at their median; bit (v*8+u) holds
  // coefficient (u horizontal, v vertical). Bit 0 (DC) is always 0.
  uint64_t phash = 0;
  // 64-bit difference hash: 9x8 luma, bit (y*8+x) = left pixel < right pixel.
  uint64_t dhash = 0;
  // pHash of the 8 rotations/mirrorings, from the same DCT by coefficient sign
  // flips and transposition. Index bits: 4 = transpose, 1 = mirror left-right,
  // 2 = mirror top-bottom (transpose applied first). phash_dihedral[0] == phash.
  std::array<uint64_t, 8> phash_dihedral{};

  // Size of the luma image the detail metrics were measured on.
  int work_width = 0, work_height = 0;

  // camelCase keys; hashes as 16-digit hex strings; colours as "#rrggbb".
  void WriteJson(JsonWriter& w) const;
};

// Computes all metrics of an upright RGBA8 image (orientation applied, alpha
// ignored). Needs at least 8x8 pixels; fails with kInvalidArgument otherwise
// and kTooLarge above 100 MP.
StatusOr<PhotoMetrics> ComputeMetrics(const ImageView& rgba, const MetricsOptions& options = {});

int HammingDistance(uint64_t a, uint64_t b);
// Smallest Hamming distance between a's upright pHash and any of b's 8
// dihedral variants: small when b is a rotated or mirrored copy of a.
int DihedralDistance(const PhotoMetrics& a, const PhotoMetrics& b);

// Area-averaging (box filter) resample of an RGBA8 or Gray8 image to exactly
// dst_width x dst_height. Meant for downscaling (each output pixel is the
// exact area-weighted mean of the source pixels it covers); upscaling works
// but is blocky. Channels are averaged independently (straight alpha).
StatusOr<Image> ResizeArea(const ImageView& src, int dst_width, int dst_height);

// UI thumbnail: ResizeArea to the largest size whose long side is
// <= max_long_side with the aspect ratio kept (rounded, at least 1 px);
// an image already small enough is copied unchanged.
StatusOr<Image> MakeThumbnail(const ImageView& rgba, int max_long_side = 256);

}  // namespace gemroll

#endif  // GEMROLL_METRICS_H_
