// The collage's GPU plan against the CPU compositor: painting the plan's
// pixels, crops and layout with PaintCollage must give ComposeCollage's
// picture byte for byte (same decode scale, same refined crops), and the
// chrome must be the canvas before any cell.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "gemroll/collage.h"
#include "gemroll/json.h"
#include "test_util.h"

namespace gemroll {
namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

const char* const kPhotos[] = {
    "blur/kwentar/106_NIKON-D3400-35MM_S.JPG",         // 2048x1365: DCT-scaled decode
    "general/kodak/kodim23.png",                       // PNG, enlarged in big cells
    "faces/photoprism-facecount/1.jpg",                // portrait
    "camera/exif-samples/orientation/landscape_6.jpg"  // EXIF-rotated
};

std::string LayoutJson(const CollageLayoutResult& r) {
  JsonWriter w;
  r.WriteJson(w);
  return w.str();
}

bool SameImage(const Image& a, const Image& b) {
  if (a.width() != b.width() || a.height() != b.height()) return false;
  for (int y = 0; y < a.height(); ++y) {
    if (std::memcmp(a.Row(y), b.Row(y), 4 * static_cast<size_t>(a.width())) != 0) return false;
  }
  return true;
}

TEST_CASE("collage GPU plan paints ComposeCollage's picture", "[collage][gpu]") {
  const auto dir = testing::DataDir();
  std::vector<std::vector<uint8_t>> bytes;
  for (const char* p : kPhotos) {
    if (!std::filesystem::exists(dir / p)) {
      FAIL("corpus not found: " << (dir / p).string());
    }
    bytes.push_back(testing::ReadBytes(dir / p));
  }
  const std::vector<uint8_t> font = testing::ReadBytes(kFont);
  std::vector<CollageSource> sources(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    sources[i].data = bytes[i].data();
    sources[i].size = bytes[i].size();
  }
  struct Case {
    CollageLayout layout;
    CollageTheme theme;
  };
  const Case cases[] = {{CollageLayout::kMosaic, CollageTheme::kTrip},
                        {CollageLayout::kHero, CollageTheme::kBirthday},
                        {CollageLayout::kGrid, CollageTheme::kHoliday}};
  for (const Case& c : cases) {
    DYNAMIC_SECTION(CollageLayoutName(c.layout) << " / " << CollageThemeName(c.theme)) {
      const ThemeSpec spec = GetTheme(c.theme, "Lisbon", "2024-05-03", "2024-05-05");
      CollageLayoutOptions lo;
      lo.layout = c.layout;
      lo.width = 960;
      lo.height = 720;
      lo.title_height = spec.TitleHeight(lo.width, lo.height);
      const CollageStyle style = spec.StyleFor(lo.width, lo.height);
      CollageComposeOptions co;
      co.font = font.empty() ? nullptr : font.data();
      co.font_size = font.size();

      StatusOr<CollageResult> cpu = ComposeCollage(sources, lo, style, co);
      REQUIRE(cpu.ok());
      StatusOr<CollageGpuPlan> plan = PlanCollageGpu(sources, lo, style, co);
      REQUIRE(plan.ok());
      CHECK(LayoutJson(plan->layout) == LayoutJson(cpu->layout));
      CHECK(plan->title_drawn == cpu->title_drawn);
      CHECK(plan->title_overlap_pixels == 0);
      REQUIRE(plan->cells.size() == sources.size());

      std::vector<ImageView> views;
      for (const CollageGpuCell& cell : plan->cells) {
        CHECK_FALSE(cell.edited_on_cpu);
        CHECK(cell.src_w > 0);
        CHECK(cell.src_x + cell.src_w <= cell.pixels.width() + 1e-3);
        CHECK(cell.src_y + cell.src_h <= cell.pixels.height() + 1e-3);
        views.push_back(cell.pixels.View());
      }
      CollageComposeOptions no_refine = co;
      no_refine.smart_crop = false;  // the plan's crops are already refined
      Image painted;
      bool drawn = false;
      REQUIRE(PaintCollage(views, plan->layout, style, no_refine, {}, &painted, &drawn).ok());
      CHECK(SameImage(painted, cpu->image));

      // The chrome is the CPU canvas outside every cell's draw rect.
      REQUIRE(plan->chrome.width() == lo.width);
      REQUIRE(plan->chrome.height() == lo.height);
      int64_t outside = 0, differ = 0;
      for (int y = 0; y < lo.height; ++y) {
        for (int x = 0; x < lo.width; ++x) {
          bool in_cell = false;
          for (const CollageGpuCell& cell : plan->cells) {
            in_cell = in_cell || (x >= cell.draw_x && x < cell.draw_x + cell.draw_w &&
                                  y >= cell.draw_y && y < cell.draw_y + cell.draw_h);
          }
          if (in_cell) continue;
          ++outside;
          differ += std::memcmp(plan->chrome.Row(y) + 4 * x, cpu->image.Row(y) + 4 * x, 4) != 0;
        }
      }
      CHECK(outside > 0);
      CHECK(differ == 0);
    }
  }
}

TEST_CASE("collage GPU plan edits cells on the CPU and fails like ComposeCollage",
          "[collage][gpu]") {
  const auto dir = testing::DataDir();
  const auto path = dir / kPhotos[1];
  if (!std::filesystem::exists(path)) {
    FAIL("corpus not found: " << path.string());
  }
  const std::vector<uint8_t> a = testing::ReadBytes(path);
  std::vector<CollageSource> sources(2);
  for (CollageSource& s : sources) {
    s.data = a.data();
    s.size = a.size();
  }
  StatusOr<EditParams> edit =
      ParseEditParams(R"({"version":1,"ops":[{"op":"exposure","version":1,"params":{"ev":0.7}}]})");
  REQUIRE(edit.ok());
  sources[1].edit = edit.value();
  sources[1].has_edit = true;
  CollageLayoutOptions lo;
  lo.layout = CollageLayout::kStrip;
  lo.width = 640;
  lo.height = 240;
  StatusOr<CollageGpuPlan> plan = PlanCollageGpu(sources, lo, CollageStyle{});
  REQUIRE(plan.ok());
  CHECK_FALSE(plan->cells[0].edited_on_cpu);
  const CollageGpuCell& e = plan->cells[1];
  CHECK(e.edited_on_cpu);
  CHECK(e.pixels.width() == e.draw_w);
  CHECK(e.pixels.height() == e.draw_h);
  CHECK(e.src_w == e.draw_w);

  const uint8_t junk[] = {0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F'};
  sources[0].data = junk;
  sources[0].size = sizeof(junk);
  StatusOr<CollageGpuPlan> bad = PlanCollageGpu(sources, lo, CollageStyle{});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("photo 0") != std::string::npos);
  CHECK_FALSE(PlanCollageGpu({}, lo, CollageStyle{}).ok());
}

}  // namespace
}  // namespace gemroll
