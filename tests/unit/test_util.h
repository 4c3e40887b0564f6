// Helpers shared by the unit tests: locating ../shared/data, reading files,
// synthetic images and simple image comparisons.
#ifndef GEMROLL_TESTS_UNIT_TEST_UTIL_H_
#define GEMROLL_TESTS_UNIT_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/image.h"

#ifndef GEMROLL_SOURCE_DIR
#define GEMROLL_SOURCE_DIR "."
#endif

namespace gemroll::testing {

// The real-photo corpus: $GEMROLL_DATA, else <repo>/../shared/data.
inline std::filesystem::path DataDir() {
  if (const char* env = std::getenv("GEMROLL_DATA")) return env;
  return std::filesystem::path(GEMROLL_SOURCE_DIR) / ".." / "shared" / "data";
}

inline std::vector<uint8_t> ReadBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

// A photo of the corpus decoded upright with its short side at least
// min_short_side (DCT scaling); an empty image when it cannot be read, which
// the caller's REQUIRE on the size reports.
inline Image LoadDataPhoto(const char* rel, int min_short_side = 400) {
  const std::vector<uint8_t> bytes = ReadBytes(DataDir() / rel);
  DecodeOptions opt;
  opt.min_short_side = min_short_side;
  StatusOr<DecodedImage> d = Decode(bytes.data(), bytes.size(), opt);
  return d.ok() ? std::move(d->image) : Image();
}

// A deterministic textured RGBA test card: gradients, stripes and a disc.
inline Image MakeTestCard(int w, int h, uint32_t seed = 1) {
  Image img = std::move(Image::Create(w, h, PixelFormat::kRGBA8)).value();
  uint32_t s = seed * 2654435761u + 1;
  for (int y = 0; y < h; ++y) {
    uint8_t* row = img.Row(y);
    for (int x = 0; x < w; ++x) {
      s = s * 1664525u + 1013904223u;
      const int stripe = ((x / 8 + y / 16) & 1) ? 60 : 0;
      const double dx = x - w * 0.6, dy = y - h * 0.4;
      const int disc = (dx * dx + dy * dy < (h * 0.2) * (h * 0.2)) ? 90 : 0;
      row[4 * x] = static_cast<uint8_t>(std::min(255, x * 200 / w + stripe));
      row[4 * x + 1] = static_cast<uint8_t>(std::min(255, y * 200 / h + disc));
      row[4 * x + 2] = static_cast<uint8_t>(std::min(255, 80 + disc + static_cast<int>(s >> 28)));
      row[4 * x + 3] = 255;
    }
  }
  return img;
}

// Mean absolute difference per channel (RGB), images must share size.
inline double MeanAbsDiff(const ImageView& a, const ImageView& b) {
  double sum = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      for (int c = 0; c < 3; ++c) sum += std::abs(a.Row(y)[4 * x + c] - b.Row(y)[4 * x + c]);
    }
  }
  return sum / (3.0 * a.width * a.height);
}

inline double Psnr(const ImageView& a, const ImageView& b) {
  double se = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width * 4; ++x) {
      if (x % 4 == 3) continue;
      const double d = a.Row(y)[x] - b.Row(y)[x];
      se += d * d;
    }
  }
  const double mse = se / (3.0 * a.width * a.height);
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace gemroll::testing

#endif  // GEMROLL_TESTS_UNIT_TEST_UTIL_H_
