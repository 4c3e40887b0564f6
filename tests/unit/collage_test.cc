// Collages: layout properties on random photo shapes and faces, composition
// (titles drawn, two sizes agree), themes and suggestions.
#include "gemroll/collage.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/edit.h"
#include "gemroll/encode.h"
#include "gemroll/metrics.h"
#include "test_util.h"

namespace gemroll {
namespace {

constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

const CollageLayout kLayouts[] = {CollageLayout::kGrid, CollageLayout::kMosaic,
                                  CollageLayout::kStrip, CollageLayout::kHero};

bool Inside(const RelRect& k, const RelRect& r) {
  const float e = 1e-4f;
  return k.x >= r.x - e && k.y >= r.y - e && k.x + k.w <= r.x + r.w + e &&
         k.y + k.h <= r.y + r.h + e;
}

double RectDistance(double px, double py, const CollageCell& c) {
  const double dx = std::max({c.x - px, 0.0, px - (c.x + c.w)});
  const double dy = std::max({c.y - py, 0.0, py - (c.y + c.h)});
  return std::hypot(dx, dy);
}

std::vector<CollagePhoto> RandomPhotos(std::mt19937& rng, int n, bool faces) {
  std::uniform_real_distribution<double> aspect_log(std::log(0.4), std::log(2.5));
  std::uniform_real_distribution<float> u(0, 1);
  std::vector<CollagePhoto> photos(n);
  for (CollagePhoto& p : photos) {
    const double a = std::exp(aspect_log(rng));
    p.width = a >= 1 ? 4000 : static_cast<int>(4000 * a);
    p.height = a >= 1 ? static_cast<int>(4000 / a) : 4000;
    if (faces) {
      const int k = static_cast<int>(u(rng) * 3);
      for (int i = 0; i < k; ++i) {
        RelRect f;
        f.w = 0.05f + 0.45f * u(rng);
        f.h = 0.05f + 0.45f * u(rng);
        f.x = u(rng) * (1 - f.w);
        f.y = u(rng) * (1 - f.h);
        p.keep.push_back(f);
      }
    }
  }
  return photos;
}

Image Photo(int w, int h, uint32_t seed) { return testing::MakeTestCard(w, h, seed); }

std::vector<uint8_t> Jpeg(const Image& img) {
  JpegEncodeOptions o;
  o.quality = 92;
  return std::move(EncodeJpeg(img.View(), o)).value();
}

TEST_CASE("collage layouts tile the canvas without overlap and keep faces whole", "[collage]") {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> side(400, 2400), count(1, 12), gutter(0, 24);
  int letterboxed = 0, cells = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const CollageLayout layout = kLayouts[trial % 4];
    CollageLayoutOptions o;
    o.layout = layout;
    o.width = side(rng);
    o.height = side(rng);
    o.gutter = gutter(rng);
    o.title_height = trial % 3 == 0 ? o.height / 10 : 0;
    const int n = count(rng);
    o.hero = n - 1;
    const std::vector<CollagePhoto> photos = RandomPhotos(rng, n, true);
    StatusOr<CollageLayoutResult> r = LayoutCollage(photos, o);
    if (!r.ok()) {
      // Only a canvas too small for its cells may be refused.
      INFO(r.status().ToString());
      REQUIRE(r.status().code() == StatusCode::kInvalidArgument);
      continue;
    }
    REQUIRE(r->cells.size() == static_cast<size_t>(n));
    const int margin = o.gutter;
    const int top = margin + o.title_height;
    for (int i = 0; i < n; ++i) {
      const CollageCell& c = r->cells[i];
      INFO("trial " << trial << " layout " << CollageLayoutName(layout) << " cell " << i);
      CHECK(c.photo == i);
      CHECK(c.x >= margin - 1);
      CHECK(c.y >= top - 1);
      CHECK(c.x + c.w <= o.width - margin + 1);
      CHECK(c.y + c.h <= o.height - margin + 1);
      // The picture stays inside its cell, the crop inside the photo.
      CHECK(c.draw_x >= c.x);
      CHECK(c.draw_y >= c.y);
      CHECK(c.draw_x + c.draw_w <= c.x + c.w);
      CHECK(c.draw_y + c.draw_h <= c.y + c.h);
      CHECK(c.source.x >= -1e-5f);
      CHECK(c.source.y >= -1e-5f);
      CHECK(c.source.x + c.source.w <= 1 + 1e-5f);
      CHECK(c.source.y + c.source.h <= 1 + 1e-5f);
      for (const RelRect& k : photos[i].keep) CHECK(Inside(k, c.source));
      if (!c.letterboxed) {
        // The crop has the cell's shape.
        const double shown = c.source.w * photos[i].width / (c.source.h * photos[i].height);
        CHECK(std::fabs(std::log(shown / (static_cast<double>(c.w) / c.h))) < 0.02);
      }
      letterboxed += c.letterboxed;
      ++cells;
      for (int j = i + 1; j < n; ++j) {
        const CollageCell& d = r->cells[j];
        const int ox = std::min(c.x + c.w, d.x + d.w) - std::max(c.x, d.x);
        const int oy = std::min(c.y + c.h, d.y + d.h) - std::max(c.y, d.y);
        CHECK((ox <= 0 || oy <= 0));
      }
    }
    // No hole wider than a gutter: every point of the photo area is within
    // a gutter (plus rounding) of a cell.
    for (int gy = 0; gy <= 20; ++gy) {
      for (int gx = 0; gx <= 20; ++gx) {
        const double px = margin + (o.width - 2.0 * margin) * gx / 20;
        const double py = top + (o.height - top - margin) * gy / 20.0;
        double best = 1e9;
        for (const CollageCell& c : r->cells) best = std::min(best, RectDistance(px, py, c));
        INFO("trial " << trial << " " << CollageLayoutName(layout) << " point " << px << "," << py);
        CHECK(best <= o.gutter + 1.5);
      }
    }
  }
  CHECK(cells > 400);
  CHECK(letterboxed > 0);  // the random faces did exercise the fallback
}

TEST_CASE("mosaic keeps the photos' shapes", "[collage]") {
  // Typical camera shapes on a 4:3 canvas: the slicing tree should need
  // little cropping. Bounds measured on 200 random rolls, with headroom.
  const double shapes[] = {4.0 / 3, 3.0 / 4, 16.0 / 9, 9.0 / 16, 1.0, 3.0 / 2, 2.0 / 3};
  std::mt19937 rng(11);
  double sum_mean = 0, worst_max = 0, grid_sum = 0;
  const int rolls = 200;
  for (int t = 0; t < rolls; ++t) {
    const int n = 2 + t % 8;  // two photos have only two trees: no bound
    std::vector<CollagePhoto> photos(n);
    for (CollagePhoto& p : photos) {
      const double a = shapes[rng() % 7];
      p.width = static_cast<int>(3000 * a);
      p.height = 3000;
    }
    CollageLayoutOptions o;
    o.width = 2048;
    o.height = 1536;
    o.layout = CollageLayout::kMosaic;
    const CollageLayoutResult m = LayoutCollage(photos, o).value();
    o.layout = CollageLayout::kGrid;
    const CollageLayoutResult g = LayoutCollage(photos, o).value();
    if (n == 2) continue;
    sum_mean += m.mean_crop_loss;
    grid_sum += g.mean_crop_loss;
    worst_max = std::max(worst_max, static_cast<double>(m.max_crop_loss));
  }
  const double mean = sum_mean / (rolls - rolls / 8), grid_mean = grid_sum / (rolls - rolls / 8);
  INFO("mosaic mean crop loss " << mean << ", worst " << worst_max << "; grid mean " << grid_mean);
  CHECK(mean < 0.06);
  CHECK(worst_max < 0.35);
  CHECK(mean < grid_mean / 2);  // the search earns its keep against a plain grid
}

TEST_CASE("a strip on a canvas of the photos' total shape crops nothing", "[collage]") {
  std::vector<CollagePhoto> photos = {{3000, 4000, {}}, {4000, 3000, {}}, {3000, 3000, {}}};
  CollageLayoutOptions o;
  o.layout = CollageLayout::kStrip;
  o.gutter = 0;
  o.margin = 0;
  o.height = 600;
  o.width = static_cast<int>(600 * (0.75 + 4.0 / 3 + 1));
  const CollageLayoutResult r = LayoutCollage(photos, o).value();
  CHECK(r.max_crop_loss < 0.01);
  CHECK(r.cells[1].w > r.cells[2].w);
  CHECK(r.cells[2].w > r.cells[0].w);
  REQUIRE(!r.reasons.empty());
  CHECK(r.reasons[0].code == "layout");
}

TEST_CASE("hero layout gives the hero the largest cell", "[collage]") {
  std::vector<CollagePhoto> photos(5, CollagePhoto{4000, 3000, {}});
  CollageLayoutOptions o;
  o.layout = CollageLayout::kHero;
  o.hero = 2;
  const CollageLayoutResult r = LayoutCollage(photos, o).value();
  for (int i = 0; i < 5; ++i) {
    if (i != 2) CHECK(r.cells[2].w * r.cells[2].h > 2 * r.cells[i].w * r.cells[i].h);
  }
  o.hero = 5;
  CHECK(LayoutCollage(photos, o).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("bad collage input gets a clear error", "[collage]") {
  CollageLayoutOptions o;
  CHECK(LayoutCollage({}, o).status().code() == StatusCode::kInvalidArgument);
  CHECK(LayoutCollage({CollagePhoto{0, 10, {}}}, o).status().code() ==
        StatusCode::kInvalidArgument);
  o.width = 8;
  CHECK(LayoutCollage({CollagePhoto{10, 10, {}}}, o).status().code() ==
        StatusCode::kInvalidArgument);
  std::vector<uint8_t> junk = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
  CollageSource s;
  s.data = junk.data();
  s.size = junk.size();
  StatusOr<CollageResult> r = ComposeCollage({s, s}, CollageLayoutOptions{}, CollageStyle{});
  REQUIRE(!r.ok());
  CHECK(r.status().code() == StatusCode::kUnknownFormat);
  CHECK(r.status().message().rfind("photo 0: ", 0) == 0);
}

TEST_CASE("SmartCrop takes any aspect ratio and keeps faces", "[collage][edit]") {
  const Image img = Photo(800, 600, 3);
  const std::vector<RelRect> faces = {{0.1f, 0.2f, 0.15f, 0.2f}};
  const SmartCropResult r = SmartCrop(img.View(), 2.5f, faces).value();
  CHECK(std::fabs(static_cast<double>(r.w) / r.h - 2.5) < 0.02);
  CHECK(Inside(faces[0], r.rect));
  // The float path agrees with the enum path on the enum's ratios.
  const SmartCropResult a = SmartCrop(img.View(), CropAspect::k4x5).value();
  const SmartCropResult b = SmartCrop(img.View(), 0.8f).value();
  CHECK(std::abs(a.x - b.x) <= 1);
  CHECK(std::abs(a.w - b.w) <= 1);
  CHECK(SmartCrop(img.View(), 0.0f).status().code() == StatusCode::kInvalidArgument);
  CHECK(SmartCrop(img.View(), NAN).status().code() == StatusCode::kInvalidArgument);
}

struct Sources {
  std::vector<std::vector<uint8_t>> bytes;
  std::vector<CollageSource> sources;
};

Sources MakeSources(const std::vector<std::pair<int, int>>& sizes) {
  Sources s;
  for (size_t i = 0; i < sizes.size(); ++i) {
    s.bytes.push_back(Jpeg(Photo(sizes[i].first, sizes[i].second, static_cast<uint32_t>(i + 1))));
  }
  for (const auto& b : s.bytes) {
    CollageSource src;
    src.data = b.data();
    src.size = b.size();
    s.sources.push_back(src);
  }
  return s;
}

TEST_CASE("composition at two sizes agrees", "[collage]") {
  Sources s = MakeSources({{1200, 900}, {600, 800}, {900, 900}, {1280, 720}, {800, 1200}});
  s.sources[1].keep = {{0.3f, 0.1f, 0.3f, 0.2f}};
  for (CollageLayout layout : kLayouts) {
    // A strip gets the long canvas it is meant for.
    const bool strip = layout == CollageLayout::kStrip;
    CollageLayoutOptions big;
    big.layout = layout;
    big.width = 1600;
    big.height = strip ? 320 : 1200;
    big.gutter = 16;
    CollageLayoutOptions small = big;
    small.width = 800;
    small.height = big.height / 2;
    small.gutter = 8;
    const ThemeSpec theme = GetTheme(CollageTheme::kTrip, "Lisbon", "2024-05-03", "2024-05-05");
    const CollageResult a =
        ComposeCollage(s.sources, big, theme.StyleFor(big.width, big.height)).value();
    const CollageResult b =
        ComposeCollage(s.sources, small, theme.StyleFor(small.width, small.height)).value();
    REQUIRE(a.image.width() == 1600);
    REQUIRE(b.image.width() == 800);
    const Image down = ResizeArea(a.image.View(), 800, small.height).value();
    const double psnr = testing::Psnr(down.View(), b.image.View());
    INFO(CollageLayoutName(layout) << " PSNR " << psnr);
    CHECK(psnr > 24);
    // The face box survives the pixel-level crop refinement too.
    CHECK(Inside(s.sources[1].keep[0], a.layout.cells[1].source));
    CHECK(Inside(s.sources[1].keep[0], b.layout.cells[1].source));
  }
}

TEST_CASE("themes render titles in the title band", "[collage]") {
  const std::vector<uint8_t> font = testing::ReadBytes(kFont);
  REQUIRE(font.size() > 10000);  // fonts-dejavu-core, installed by scripts/setup.sh
  Sources s = MakeSources({{800, 600}, {600, 800}, {800, 600}, {800, 800}});
  for (CollageTheme t : {CollageTheme::kBirthday, CollageTheme::kGraduation, CollageTheme::kTrip,
                         CollageTheme::kHoliday, CollageTheme::kYearInReview}) {
    const ThemeSpec spec = GetTheme(t, "Porto", "2024-12-24", "2024-12-26");
    CHECK(!spec.style.title.empty());
    CollageLayoutOptions o;
    o.layout = spec.layout;
    o.width = 800;
    o.height = 600;
    o.title_height = spec.TitleHeight(o.width, o.height);
    REQUIRE(o.title_height > 40);
    CollageComposeOptions with;
    with.font = font.data();
    with.font_size = font.size();
    const CollageStyle style = spec.StyleFor(o.width, o.height);
    const CollageResult r = ComposeCollage(s.sources, o, style, with).value();
    CHECK(r.title_drawn);
    const CollageResult bare = ComposeCollage(s.sources, o, style).value();
    CHECK(!bare.title_drawn);
    // Text pixels: where the titled and untitled renders differ strongly.
    const CollageLayoutResult& L = r.layout;
    int64_t ink = 0, band = 0, elsewhere = 0;
    for (int y = 0; y < o.height; ++y) {
      for (int x = 0; x < o.width; ++x) {
        const uint8_t* p = r.image.Row(y) + 4 * x;
        const uint8_t* q = bare.image.Row(y) + 4 * x;
        const bool differs =
            std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) > 60;
        const bool in_band = y >= L.title_y && y < L.title_y + L.title_h && x >= L.title_x &&
                             x < L.title_x + L.title_w;
        band += in_band;
        if (differs) (in_band ? ink : elsewhere) += 1;
      }
    }
    INFO(CollageThemeName(t) << ": " << ink << " ink pixels of " << band);
    CHECK(ink > band / 100);
    CHECK(ink < band / 2);
    CHECK(elsewhere == 0);
    // A no-font render says why the band is empty.
    bool said = false;
    for (const Reason& why : bare.layout.reasons) said |= why.code == "no_font";
    CHECK(said);
  }
  const ThemeSpec trip = GetTheme(CollageTheme::kTrip, "Lisbon", "2024-05-03", "2024-05-05");
  CHECK(trip.style.title == "Trip to Lisbon");
  CHECK(trip.style.subtitle == "May 2024");
  CHECK(GetTheme(CollageTheme::kYearInReview, "", "2023-01-01", "2023-12-31").style.title ==
        "2023 in review");
}

TEST_CASE("rounded corners, borders and cell edits reach the pixels", "[collage]") {
  Sources s = MakeSources({{800, 600}, {800, 600}});
  CollageLayoutOptions o;
  o.layout = CollageLayout::kStrip;
  o.width = 1000;
  o.height = 400;
  o.gutter = 10;
  CollageStyle style;
  style.background_top = style.background_bottom = {0, 0, 0, 255};
  style.corner_radius = 40;
  const CollageResult round = ComposeCollage(s.sources, o, style).value();
  const CollageCell& c = round.layout.cells[0];
  const uint8_t* corner = round.image.Row(c.draw_y + 1) + 4 * (c.draw_x + 1);
  const uint8_t* centre = round.image.Row(c.draw_y + c.draw_h / 2) + 4 * (c.draw_x + c.draw_w / 2);
  CHECK(corner[0] + corner[1] + corner[2] == 0);  // the background shows in the corner
  CHECK(centre[0] + centre[1] + centre[2] > 0);
  s.sources[0].has_edit = true;
  s.sources[0].edit.exposure_ev = 1.5f;
  style.corner_radius = 0;
  const CollageResult edited = ComposeCollage(s.sources, o, style).value();
  s.sources[0].has_edit = false;
  const CollageResult plain = ComposeCollage(s.sources, o, style).value();
  const CollageCell& e = edited.layout.cells[0];
  double brighter = 0;
  for (int y = e.draw_y; y < e.draw_y + e.draw_h; y += 7) {
    for (int x = e.draw_x; x < e.draw_x + e.draw_w; x += 7) {
      brighter += edited.image.Row(y)[4 * x + 1] - plain.image.Row(y)[4 * x + 1];
    }
  }
  CHECK(brighter > 0);
  bool said = false;
  for (const Reason& why : e.reasons) said |= why.code == "edited";
  CHECK(said);
}

TEST_CASE("collage suggestions pick theme, layout and photos with reasons", "[collage]") {
  CollageMoment trip;
  trip.type = "trip";
  trip.place = "Porto";
  trip.start_day = "2024-05-10";
  trip.end_day = "2024-05-12";
  const int dims[6][2] = {{4000, 3000}, {3000, 4000}, {4000, 3000},
                          {4000, 3000}, {3000, 4000}, {4000, 2250}};
  for (int i = 0; i < 6; ++i) {
    CollageMomentPhoto p;
    p.index = 10 + i;
    p.width = dims[i][0];
    p.height = dims[i][1];
    p.gem = 0.7f - 0.01f * i;
    p.faces = i == 4 ? 2 : 0;
    trip.picks.push_back(p);
  }
  const CollageSuggestion s = SuggestCollage(trip).value();
  CHECK(s.theme == CollageTheme::kTrip);
  CHECK(s.layout == CollageLayout::kMosaic);
  CHECK(s.title == "Trip to Porto");
  CHECK(s.subtitle == "May 2024");
  REQUIRE(s.photos.size() == 6);
  CHECK(s.photos[0] == 14);  // the photo with faces comes first
  REQUIRE(!s.reasons.empty());
  CHECK(s.reasons[0].text == "6 photos from a trip to Porto → mosaic, trip theme");

  CollageMoment xmas = trip;
  xmas.type = "event";
  xmas.start_day = xmas.end_day = "2023-12-25";
  CHECK(SuggestCollage(xmas).value().theme == CollageTheme::kHoliday);
  CollageMoment bday = trip;
  bday.type = "event";
  CollageSuggestOptions opt;
  opt.birthdays = {"05-11"};
  CHECK(SuggestCollage(bday, opt).value().theme == CollageTheme::kBirthday);

  CollageMoment two = trip;
  two.picks.resize(2);
  const CollageSuggestion strip = SuggestCollage(two).value();
  CHECK(strip.layout == CollageLayout::kStrip);
  CHECK(strip.height > 0);

  CollageMoment hero = trip;
  hero.picks.resize(5);
  for (auto& p : hero.picks) p.faces = 0;
  hero.picks[0].gem = 0.95f;
  CHECK(SuggestCollage(hero).value().layout == CollageLayout::kHero);

  CollageMoment one = trip;
  one.picks.resize(1);
  CHECK(SuggestCollage(one).status().code() == StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace gemroll
