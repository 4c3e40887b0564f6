// HEIC decode cost per photo, natively and as wasm under node, on the 12 MP
// iPhone photos of the corpus (4032x3024, 512x512 HEVC tiles, a 320x240
// thumbnail item):
//   heif_bench [FILE...] [--runs N]
// Prints milliseconds per photo for the default analysis decode (the whole
// image, box-downscaled to >= 360 px) and for the thumbnail path (taken when
// the analysis asks for a short side <= 240), and their ratio. One JSON line
// at the end for scripts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gemroll/decode.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<uint8_t> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

// Median milliseconds per decode over `runs` passes.
double TimeMs(const std::vector<std::vector<uint8_t>>& files, const gemroll::DecodeOptions& opt,
              int runs, bool* thumbnail) {
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    for (const auto& f : files) {
      const auto start = Clock::now();
      auto d = gemroll::Decode(f.data(), f.size(), opt);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!d.ok()) {
        std::fprintf(stderr, "decode failed: %s\n", d.status().ToString().c_str());
        std::exit(1);
      }
      *thumbnail = d->from_thumbnail;
    }
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> paths;
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (paths.empty()) {
    const fs::path data = std::getenv("GEMROLL_DATA")
                              ? fs::path(std::getenv("GEMROLL_DATA"))
                              : fs::path(GEMROLL_SOURCE_DIR) / ".." / "shared" / "data";
    paths = {data / "camera/exif-samples/mobile/iphone_13_pro_max.HEIC",
             data / "camera/photoprism-formats/iphone_15_pro.heic"};
  }
  std::vector<std::vector<uint8_t>> files;
  for (const auto& p : paths) {
    files.push_back(ReadFile(p));
    if (files.back().empty()) {
      std::fprintf(stderr, "cannot read %s\n", p.string().c_str());
      return 1;
    }
  }
#ifdef __EMSCRIPTEN__
  const char* build = "wasm";
#else
  const char* build = "native";
#endif
  gemroll::DecodeOptions full;  // defaults: short side >= 360, orientation from irot
  gemroll::DecodeOptions small;
  small.min_short_side = 240;
  bool full_thumb = false, small_thumb = false;
  TimeMs(files, small, 1, &small_thumb);  // warm-up
  const double full_ms = TimeMs(files, full, runs, &full_thumb);
  const double thumb_ms = TimeMs(files, small, runs * 5, &small_thumb);
  std::printf(
      "%-6s HEIC 12 MP, %zu files: image path %.1f ms/photo%s, thumbnail path %.1f ms%s, "
      "ratio %.1fx\n",
      build, files.size(), full_ms, full_thumb ? " (thumbnail?)" : "", thumb_ms,
      small_thumb ? "" : " (no thumbnail!)", full_ms / thumb_ms);
  std::printf(
      "{\"bench\":\"heif\",\"build\":\"%s\",\"files\":%zu,\"imageMs\":%.2f,\"thumbnailMs\":%.2f}\n",
      build, files.size(), full_ms, thumb_ms);
  return 0;
}
