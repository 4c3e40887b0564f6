// Throughput of the per-photo pipeline on 12 MP JPEGs, run natively and as
// wasm under node with the same source:
//   analyze_bench DIR [--seconds S] [--peak N]
// Prints photos/s for scaled decode only (the ceiling: entropy decoding plus
// a DCT-scaled IDCT) and for the full analysis (EXIF + decode + orientation +
// metrics + hashes + content hash), their ratio, and peak memory over N
// analyses. One JSON line at the end for scripts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gemroll/analyze.h"
#include "gemroll/decode.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double PeakMiB() {
#ifdef __EMSCRIPTEN__
  return emscripten_get_heap_size() / 1048576.0;  // wasm memory only grows: its size is the peak
#else
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
#endif
}

// One timed pass over the whole set, in photos per second.
template <typename F>
double Pass(const std::vector<std::vector<uint8_t>>& files, F&& work) {
  const auto start = Clock::now();
  for (const auto& f : files) work(f);
  return files.size() / std::chrono::duration<double>(Clock::now() - start).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: analyze_bench DIR [--seconds S] [--peak N]\n");
    return 2;
  }
  double seconds = 3;
  int peak_n = 500;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--peak")) peak_n = std::atoi(argv[i + 1]);
  }
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() == ".jpg") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::vector<uint8_t>> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    files.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (files.empty()) {
    std::fprintf(stderr, "no .jpg files in %s\n", argv[1]);
    return 1;
  }
#ifdef __EMSCRIPTEN__
#ifdef __wasm_simd128__
  const char* build = "wasm-simd";
#else
  const char* build = "wasm-scalar";
#endif
#else
  const char* build = "native";
#endif
  gemroll::AnalyzeOptions opt;
  int failures = 0;
  auto decode = [&](const std::vector<uint8_t>& f) {
    failures += !gemroll::Decode(f.data(), f.size(), opt.decode).ok();
  };
  auto analyze = [&](const std::vector<uint8_t>& f) {
    failures += !gemroll::AnalyzePhoto(f.data(), f.size(), opt).ok();
  };
  // These machines drift in speed from second to second, so decode-only and
  // full-analysis passes alternate and each round yields its own ratio; the
  // medians are reported.
  Pass(files, decode);
  Pass(files, analyze);
  std::vector<double> decode_rates, analyze_rates, ratios;
  const auto start = Clock::now();
  do {
    const double d = Pass(files, decode), a = Pass(files, analyze);
    decode_rates.push_back(d);
    analyze_rates.push_back(a);
    ratios.push_back(a / d);
  } while (std::chrono::duration<double>(Clock::now() - start).count() < 2 * seconds);
  const double decode_ps = Median(decode_rates), analyze_ps = Median(analyze_rates);
  const double ratio = Median(ratios);
  for (int i = 0; i < peak_n; ++i) {
    const auto& f = files[static_cast<size_t>(i) % files.size()];
    failures += !gemroll::AnalyzePhoto(f.data(), f.size(), opt).ok();
  }
  double input_mib = 0;
  for (const auto& f : files) input_mib += f.size() / 1048576.0;
  const double peak = PeakMiB();
  std::printf("%-11s %zu photos (12 MP, %.1f MiB in memory), one thread\n", build, files.size(),
              input_mib);
  std::printf("%-11s scaled decode only : %6.1f photos/s\n", build, decode_ps);
  std::printf(
      "%-11s full analysis      : %6.1f photos/s  (%.2f of decode-only, median of %zu rounds)\n",
      build, analyze_ps, ratio, ratios.size());
  std::printf("%-11s peak memory after %d analyses: %.0f MiB (input set included)\n", build, peak_n,
              peak);
  std::printf(
      "{\"build\":\"%s\",\"photos\":%zu,\"decodePerSec\":%.2f,\"analyzePerSec\":%.2f,"
      "\"ratio\":%.3f,\"peakMiB\":%.1f,\"inputMiB\":%.1f,\"failures\":%d}\n",
      build, files.size(), decode_ps, analyze_ps, ratio, peak, input_mib, failures);
  return failures ? 1 : 0;
}
