// 12 MP edit render time: auto-enhance params plus one look, against two
// baselines measured in the same run (a per-pixel copy pass and the metrics
// pass on the analysis-size image), and the render's scalar reference kernels
// against its vector kernels (SSE2 natively, SIMD128 in the wasm-simd build;
// the wasm-scalar build has only the reference). Runs natively and as wasm
// under node. Prints figures, not pass/fail.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <vector>

#include "gemroll/edit.h"
#include "gemroll/edit_plan.h"
#include "gemroll/metrics.h"

namespace {

using namespace gemroll;  // NOLINT

constexpr int kWidth = 4032, kHeight = 3024;  // 12 MP phone photo
constexpr int kReps = 5;

Image MakeImage(int w, int h) {
  Image img = std::move(Image::Create(w, h, PixelFormat::kRGBA8)).value();
  uint32_t s = 12345;
  for (int y = 0; y < h; ++y) {
    uint8_t* p = img.Row(y);
    for (int x = 0; x < w; ++x) {
      s ^= s << 13;
      s ^= s >> 17;
      s ^= s << 5;
      const int base = ((x / 97 + y / 61) % 3) * 50 + 20;  // a dim scene
      const int n = static_cast<int>(s % 9) - 4;
      p[4 * x] = static_cast<uint8_t>(std::clamp(base + n + x / 80, 0, 255));
      p[4 * x + 1] = static_cast<uint8_t>(std::clamp(base + n, 0, 255));
      p[4 * x + 2] = static_cast<uint8_t>(std::clamp(base + n + y / 60, 0, 255));
      p[4 * x + 3] = 255;
    }
  }
  return img;
}

double MedianMs(const std::function<void()>& fn) {
  fn();
  std::vector<double> t;
  for (int i = 0; i < kReps; ++i) {
    const auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

volatile int g_sink;

}  // namespace

int main() {
#ifdef __EMSCRIPTEN__
  const char* where = "wasm (node)";
#else
  const char* where = "native";
#endif
  const Image img = MakeImage(kWidth, kHeight);
  Image out = std::move(Image::Create(kWidth, kHeight, PixelFormat::kRGBA8)).value();
  const Image small = std::move(MakeThumbnail(img.View(), 504)).value();

  const double copy_ms = MedianMs([&] {
    for (int y = 0; y < kHeight; ++y) {
      const uint8_t* s = img.Row(y);
      uint8_t* d = out.Row(y);
      for (int x = 0; x < 4 * kWidth; ++x) d[x] = s[x];
    }
    g_sink = out.Row(7)[7];
  });
  const double metrics_ms =
      MedianMs([&] { g_sink = static_cast<int>(ComputeMetrics(small.View())->phash & 1); });
  const auto ae = AutoEnhance(img.View());
  if (!ae.ok()) return 1;
  const double auto_ms = MedianMs([&] { g_sink = AutoEnhance(img.View()).ok(); });
  auto render = [&](const EditParams& p) {
    return MedianMs([&] {
      Image r;
      if (!ApplyEdit(img, p, &r).ok()) std::abort();
      g_sink = r.Row(9)[9];
    });
  };
  // The plan alone, then the per-pixel passes from one plan with each kernel.
  auto plan_ms = [&](const EditParams& p) {
    return MedianMs([&] { g_sink = PlanEdit(img.View(), p)->out_width; });
  };
  auto passes = [&](const EditParams& p, RenderKernel k) {
    const EditPlan plan = std::move(PlanEdit(img.View(), p)).value();
    return MedianMs([&] {
      Image r;
      if (!RenderEditPlan(img.View(), plan, &r, k).ok()) std::abort();
      g_sink = r.Row(9)[9];
    });
  };
  EditParams with_look = ae->params;
  with_look.look = Look::kFilm;
  with_look.look_strength = 0.8f;
  EditParams tone_only = ae->params;
  tone_only.denoise = tone_only.sharpen = tone_only.local_contrast = 0;
  EditParams sketch;
  sketch.look = Look::kSketch;
  EditParams shadows = ae->params;  // the guided path: a gain map per pixel
  shadows.shadows = 0.5f;
  shadows.highlights = -0.3f;
  shadows.look = Look::kCartoon;
  struct Case {
    const char* name;
    EditParams params;
    double apply = 0, plan = 0, scalar = 0, simd = 0;
  };
  Case cases[] = {{"auto params + film look", with_look},
                  {"tone/colour only", tone_only},
                  {"sketch look only", sketch},
                  {"auto + shadows/highlights + cartoon", shadows}};
  const bool simd = EditRenderHasSimd();
  for (Case& c : cases) {
    c.apply = render(c.params);
    c.plan = plan_ms(c.params);
    c.scalar = passes(c.params, RenderKernel::kScalar);
    c.simd = simd ? passes(c.params, RenderKernel::kSimd) : 0;
  }

  std::printf("edit_bench %s, %dx%d (12 MP), median of %d, vector kernels: %s\n", where, kWidth,
              kHeight, kReps, EditRenderSimdName());
  std::printf("auto-enhance params: %s\n", ae->params.ToJson().c_str());
  std::printf("%-44s %9s %9s %9s\n", "pass", "ms", "x copy", "x metrics");
  auto row = [&](const char* name, double ms) {
    std::printf("%-44s %9.1f %9.1f %9.1f\n", name, ms, ms / copy_ms, ms / metrics_ms);
  };
  row("baseline: per-pixel copy 12 MP", copy_ms);
  row("baseline: ComputeMetrics 504x378", metrics_ms);
  row("AutoEnhance (measure 512 px copy)", auto_ms);
  for (const Case& c : cases) {
    char name[96];
    std::snprintf(name, sizeof name, "ApplyEdit %s", c.name);
    row(name, c.apply);
  }
  std::printf("\n%-38s %8s %11s %11s %8s\n", "ApplyEdit = plan + passes", "plan ms", "scalar ms",
              "vector ms", "speed-up");
  for (const Case& c : cases) {
    if (simd) {
      std::printf("%-38s %8.1f %11.1f %11.1f %7.2fx\n", c.name, c.plan, c.scalar, c.simd,
                  c.scalar / c.simd);
    } else {
      std::printf("%-38s %8.1f %11.1f %11s %8s\n", c.name, c.plan, c.scalar, "n/a", "n/a");
    }
  }
  std::printf(
      "{\"bench\":\"edit\",\"where\":\"%s\",\"simd\":\"%s\",\"copyMs\":%.2f,\"metricsMs\":%.2f,"
      "\"autoMs\":%.2f,\"editMs\":%.2f,\"toneMs\":%.2f,\"editScalarMs\":%.2f,"
      "\"editSimdMs\":%.2f}\n",
      where, EditRenderSimdName(), copy_ms, metrics_ms, auto_ms, cases[0].apply, cases[1].apply,
      cases[0].plan + cases[0].scalar, simd ? cases[0].plan + cases[0].simd : 0.0);
  return 0;
}
