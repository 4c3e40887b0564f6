// Properties of the edit stage on real photos from ../shared/data: auto-enhance
// undoes a darkening and a colour cast, looks keep size and are exact
// identities at strength 0, a half-size render matches the downscaled
// full-size render, params survive JSON, smart crop never cuts a keep box, and
// bad params come back as a Status.
#include "gemroll/edit.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/metrics.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::MeanAbsDiff;
using testing::Psnr;

// Ordinary, well-exposed photos of different scenes.
const char* kPhotos[] = {
    "general/kodak/kodim05.png",
    "general/kodak/kodim23.png",
    "camera/photoprism-meta/Iceland-sRGB.jpg",
    "camera/exif-samples/gps/DSCN0010.jpg",
};

Image Load(const char* rel) {
  Image img = testing::LoadDataPhoto(rel);
  REQUIRE(!img.View().empty());
  return img;
}

Image Render(const Image& in, const EditParams& p) {
  Image out;
  const Status s = ApplyEdit(in, p, &out);
  REQUIRE(s.ok());
  return out;
}

bool SameBytes(const Image& a, const Image& b) {
  if (a.width() != b.width() || a.height() != b.height()) return false;
  for (int y = 0; y < a.height(); ++y)
    if (std::memcmp(a.Row(y), b.Row(y), 4 * a.width()) != 0) return false;
  return true;
}

// Multiplies sRGB values per channel (a darker or colour-cast copy).
Image ScaleChannels(const Image& src, double r, double g, double b) {
  Image out = src.Clone();
  const double k[3] = {r, g, b};
  for (int y = 0; y < out.height(); ++y)
    for (int x = 0; x < out.width(); ++x)
      for (int c = 0; c < 3; ++c) {
        uint8_t& v = out.Row(y)[4 * x + c];
        v = static_cast<uint8_t>(std::min(255.0, std::round(v * k[c])));
      }
  return out;
}

double MeanLuma(const Image& img) {
  double s = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const uint8_t* p = img.Row(y) + 4 * x;
      s += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    }
  return s / (img.width() * static_cast<double>(img.height()));
}

bool HasReason(const std::vector<Reason>& v, const std::string& code) {
  for (const Reason& r : v)
    if (r.code == code) return true;
  return false;
}

const Look kAllLooks[] = {Look::kBlackAndWhite, Look::kFilm,  Look::kWarm,    Look::kCool,
                          Look::kVivid,         Look::kFaded, Look::kCartoon, Look::kSketch};

TEST_CASE("Default params render an exact copy", "[edit]") {
  const Image img = Load(kPhotos[0]);
  CHECK(SameBytes(Render(img, EditParams{}), img));
}

TEST_CASE("Looks keep the size, strength 0 is an exact identity, B&W is grey", "[edit]") {
  const Image img = Load(kPhotos[1]);
  EditParams tone;
  tone.exposure_ev = 0.4f;
  tone.vibrance = 0.2f;
  const Image toned = Render(img, tone);
  for (Look look : kAllLooks) {
    INFO(LookName(look));
    EditParams p;
    p.look = look;
    p.look_strength = 0;
    CHECK(SameBytes(Render(img, p), img));
    EditParams q = tone;
    q.look = look;
    q.look_strength = 0;
    CHECK(SameBytes(Render(img, q), toned));
    p.look_strength = 1;
    const Image out = Render(img, p);
    CHECK(out.width() == img.width());
    CHECK(out.height() == img.height());
    CHECK(MeanAbsDiff(out.View(), img.View()) > 1.0);
    if (look == Look::kBlackAndWhite || look == Look::kSketch) {
      bool grey = true;
      for (int y = 0; y < out.height() && grey; ++y)
        for (int x = 0; x < out.width(); ++x) {
          const uint8_t* px = out.Row(y) + 4 * x;
          if (px[0] != px[1] || px[1] != px[2]) {
            grey = false;
            break;
          }
        }
      CHECK(grey);
    }
    // Half strength lies between.
    p.look_strength = 0.5f;
    const double half = MeanAbsDiff(Render(img, p).View(), img.View());
    CHECK(half < MeanAbsDiff(out.View(), img.View()));
  }
}

TEST_CASE("Auto-enhance brings a darkened real photo back towards the original",
          "[edit][property]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = Load(rel);
    const Image dark = ScaleChannels(img, 0.55, 0.55, 0.55);
    auto ae = AutoEnhance(dark.View());
    REQUIRE(ae.ok());
    INFO(ae->params.ToJson());
    CHECK(ae->params.exposure_ev > 0.5f);
    CHECK(HasReason(ae->reasons, "underexposed"));
    const Image fixed = Render(dark, ae->params);
    const double before = MeanAbsDiff(dark.View(), img.View());
    const double after = MeanAbsDiff(fixed.View(), img.View());
    CHECK(after < 0.6 * before);
    const double luma = MeanLuma(img);
    CHECK(std::fabs(MeanLuma(fixed) - luma) < 0.6 * std::fabs(MeanLuma(dark) - luma));
  }
}

// White balance is judged on its own (only temperature and tint of the
// auto-enhance result are rendered) by how far a render's chromaticity is from
// the original's: the ratio of mean linear red (blue) to mean linear green
// over pixels unclipped in both images, as |delta log| of the two ratios
// combined (0.05 is roughly a 5% colour shift).
double ChromaError(const Image& x, const Image& orig) {
  static const std::vector<double> lin = [] {
    std::vector<double> t(256);
    for (int i = 0; i < 256; ++i) t[i] = std::pow(i / 255.0, 2.2);
    return t;
  }();
  double sx[3] = {0, 0, 0}, so[3] = {0, 0, 0};
  for (int y = 0; y < orig.height(); ++y)
    for (int i = 0; i < orig.width(); ++i) {
      const uint8_t* a = x.Row(y) + 4 * i;
      const uint8_t* o = orig.Row(y) + 4 * i;
      if (std::max({a[0], a[1], a[2], o[0], o[1], o[2]}) >= 250) continue;
      if (0.2126 * o[0] + 0.7152 * o[1] + 0.0722 * o[2] < 20) continue;
      for (int c = 0; c < 3; ++c) {
        sx[c] += lin[a[c]];
        so[c] += lin[o[c]];
      }
    }
  if (!(sx[1] > 0 && so[1] > 0 && sx[0] > 0 && sx[2] > 0)) return 10;
  const double dr = std::log(sx[0] / sx[1]) - std::log(so[0] / so[1]);
  const double db = std::log(sx[2] / sx[1]) - std::log(so[2] / so[1]);
  return std::sqrt(dr * dr + db * db);
}

Image LoadSmall(const char* rel, int long_side = 384) {
  const Image img = Load(rel);
  return std::move(MakeThumbnail(img.View(), long_side)).value();
}

Image RenderWhiteBalance(const Image& img, const EditParams& auto_params) {
  EditParams wb;
  wb.temperature = auto_params.temperature;
  wb.tint = auto_params.tint;
  return Render(img, wb);
}

// Ordinary daylight and indoor scenes (~20) for the cast experiment.
const char* kWhiteBalancePhotos[] = {
    "general/kodak/kodim03.png",
    "general/kodak/kodim04.png",
    "general/kodak/kodim05.png",
    "general/kodak/kodim08.png",
    "general/kodak/kodim12.png",
    "general/kodak/kodim15.png",
    "general/kodak/kodim18.png",
    "general/kodak/kodim20.png",
    "general/kodak/kodim22.png",
    "general/kodak/kodim23.png",
    "general/photoprism-labelled/elephants.jpg",
    "general/photoprism-labelled/beach_sand.jpg",
    "camera/exif-samples/gps/DSCN0010.jpg",
    "camera/exif-samples/gps/DSCN0025.jpg",
    "camera/exif-samples/gps/DSCN0040.jpg",
    "camera/exif-samples/exif-org/olympus-c960.jpg",
    "camera/photoprism-meta/ship.jpg",
    "camera/photoprism-meta/digikam.jpg",
    "camera/photoprism-meta/snow.jpg",
    "camera/photoprism-meta/gps-2000.jpg",
};

struct Cast {
  const char* name;
  double k[3];  // sRGB channel multipliers
};
// Four directions at two strengths; multipliers <= 1 so nothing clips.
const Cast kCasts[] = {
    {"warm", {1.0, 0.965, 0.88}},  {"warm+", {1.0, 0.93, 0.78}},   {"cool", {0.9, 0.965, 1.0}},
    {"cool+", {0.8, 0.93, 1.0}},   {"green", {0.92, 1.0, 0.92}},   {"green+", {0.85, 1.0, 0.85}},
    {"magenta", {1.0, 0.92, 1.0}}, {"magenta+", {1.0, 0.85, 1.0}},
};

TEST_CASE("Auto white balance removes synthetic casts from real photos", "[edit][property]") {
  double sum_before = 0, sum_after = 0, worst_gain = -1, sum_uncast = 0, max_uncast = 0;
  int n = 0, improved = 0, right_direction = 0;
  for (const char* rel : kWhiteBalancePhotos) {
    INFO(rel);
    const Image img = LoadSmall(rel);
    auto ae_orig = AutoEnhance(img.View());
    REQUIRE(ae_orig.ok());
    const double uncast = ChromaError(RenderWhiteBalance(img, ae_orig->params), img);
    sum_uncast += uncast;
    max_uncast = std::max(max_uncast, uncast);
    std::printf("wb %-46s uncast: temp %+4.0f tint %+4.0f err %.3f |", rel,
                ae_orig->params.temperature, ae_orig->params.tint, uncast);
    for (const Cast& cast : kCasts) {
      INFO(cast.name);
      const Image cast_img = ScaleChannels(img, cast.k[0], cast.k[1], cast.k[2]);
      auto ae = AutoEnhance(cast_img.View());
      REQUIRE(ae.ok());
      INFO(ae->params.ToJson());
      const double before = ChromaError(cast_img, img);
      const double after = ChromaError(RenderWhiteBalance(cast_img, ae->params), img);
      std::printf(" %s %.3f>%.3f", cast.name, before, after);
      sum_before += before;
      sum_after += after;
      worst_gain = std::max(worst_gain, after - before);
      ++n;
      if (after < before) ++improved;
      // Compared with the uncast photo's result, the change points against
      // the cast: less red than blue asks for warmth (temperature up), more
      // green than red and blue for magenta (tint up). Temperature 100 moves
      // log(R/B) by one stop, tint 100 log G by half a stop.
      const double dt = ae->params.temperature - ae_orig->params.temperature;
      const double dm = ae->params.tint - ae_orig->params.tint;
      const double want_t = std::log2(cast.k[2] / cast.k[0]);
      const double want_m = std::log2(cast.k[1]) - 0.5 * std::log2(cast.k[0] * cast.k[2]);
      if (dt * want_t + 0.5 * dm * want_m > 0) ++right_direction;
    }
    std::printf("\n");
  }
  const double mean_before = sum_before / n, mean_after = sum_after / n;
  const double mean_uncast = sum_uncast / std::size(kWhiteBalancePhotos);
  std::printf(
      "wb summary: %d cast copies, mean chroma error %.3f -> %.3f (%.0f%% removed), %d improved, "
      "%d corrected in the right direction, worst change %+.3f; uncast photos: mean error "
      "introduced %.3f, max %.3f\n",
      n, mean_before, mean_after, 100 * (1 - mean_after / mean_before), improved, right_direction,
      worst_gain, mean_uncast, max_uncast);
  // Thresholds sit a little under the measured figures (see the report line
  // above): about half of every cast removed on average, almost every copy
  // improved and corrected in the right direction. The worst copy is a scene
  // the estimator misreads (kodim03's sunlit wall reads as a warm cast, so a
  // cool cast on it is half cancelled by "cooling" it further).
  CHECK(mean_after < 0.55 * mean_before);
  CHECK(improved >= n * 85 / 100);
  CHECK(right_direction >= n * 95 / 100);
  CHECK(worst_gain < 0.3);
  CHECK(mean_uncast < 0.12);
}

// Scenes whose colour is the subject, not a cast: a sunset, underwater blue,
// a pile of limes, dogs on orange, yellow and red backdrops, a peacock, a
// warm-lit desk. Grey-edge and shades-of-grey disagree on them, which keeps
// auto white balance (almost) out.
TEST_CASE("Auto white balance leaves coloured scenes alone", "[edit][property]") {
  const char* scenes[] = {
      "camera/photoprism-meta/Iceland-sRGB.jpg",
      "general/photoprism-labelled/sharks_blue.jpg",
      "general/photoprism-labelled/chameleon_lime.jpg",
      "general/photoprism-labelled/limes.jpg",
      "general/photoprism-labelled/dog_orange.jpg",
      "general/photoprism-labelled/dog_created_1919.jpg",
      "general/photoprism-labelled/dog_toshi_red.jpg",
      "general/photoprism-labelled/peacock_blue.jpg",
      "general/photoprism-labelled/beach_colorfilter.jpg",
      "camera/photoprism-meta/photoshop.jpg",
  };
  double sum = 0, worst = 0;
  for (const char* rel : scenes) {
    INFO(rel);
    const Image img = LoadSmall(rel);
    auto ae = AutoEnhance(img.View());
    REQUIRE(ae.ok());
    INFO(ae->params.ToJson());
    const double err = ChromaError(RenderWhiteBalance(img, ae->params), img);
    std::printf("wb scene %-50s temp %+4.0f tint %+4.0f colour shift %.3f\n", rel,
                ae->params.temperature, ae->params.tint, err);
    sum += err;
    worst = std::max(worst, err);
    CHECK(err < 0.1);
  }
  std::printf("wb scenes: mean colour shift %.3f, max %.3f\n", sum / std::size(scenes), worst);
  // A grey card stays exactly as it is.
  Image grey = std::move(Image::Create(64, 48, PixelFormat::kRGBA8)).value();
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) {
      uint8_t* p = grey.Row(y) + 4 * x;
      p[0] = p[1] = p[2] = static_cast<uint8_t>(40 + (x * 3 + y * 2) % 170);
      p[3] = 255;
    }
  auto ae = AutoEnhance(grey.View());
  REQUIRE(ae.ok());
  CHECK(ae->params.temperature == 0);
  CHECK(ae->params.tint == 0);
}

TEST_CASE("White balance reasons say what was corrected", "[edit]") {
  const Image img = LoadSmall("camera/exif-samples/gps/DSCN0025.jpg");
  const Image cool = ScaleChannels(img, 0.8, 0.93, 1.0);
  auto ae = AutoEnhance(cool.View());
  REQUIRE(ae.ok());
  INFO(ae->params.ToJson());
  CHECK(ae->params.temperature > 20);
  bool found = false;
  for (const Reason& r : ae->reasons) {
    if (r.code != "cool_cast") continue;
    found = true;
    INFO(r.text);
    CHECK(r.text.find("blue +") != std::string::npos);
    CHECK(r.text.find("warmer by " + std::to_string(static_cast<int>(ae->params.temperature))) !=
          std::string::npos);
  }
  CHECK(found);
  const Image warm = ScaleChannels(img, 1.0, 0.93, 0.78);
  ae = AutoEnhance(warm.View());
  REQUIRE(ae.ok());
  CHECK(ae->params.temperature < -20);
  CHECK(HasReason(ae->reasons, "warm_cast"));
}

TEST_CASE("Auto-enhance leaves a good photo mostly alone and explains itself", "[edit]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = Load(rel);
    auto ae = AutoEnhance(img.View());
    REQUIRE(ae.ok());
    INFO(ae->params.ToJson());
    CHECK(std::fabs(ae->params.exposure_ev) <= 1.0f);
    CHECK(MeanAbsDiff(Render(img, ae->params).View(), img.View()) < 25);
    CHECK_FALSE(ae->reasons.empty());
    for (const Reason& r : ae->reasons) CHECK_FALSE(r.text.empty());
    JsonWriter w;
    ae->WriteJson(w);
    CHECK(w.str().find("\"reasons\"") != std::string::npos);
  }
}

TEST_CASE("Half-resolution render matches the downscaled full render", "[edit][property]") {
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image full = Load(rel);
    const int hw = full.width() / 2, hh = full.height() / 2;
    const Image half = std::move(ResizeArea(full.View(), hw, hh)).value();
    auto ae = AutoEnhance(full.View());
    REQUIRE(ae.ok());
    std::vector<EditParams> cases;
    EditParams p = ae->params;
    p.look = Look::kFilm;
    p.look_strength = 0.7f;
    cases.push_back(p);
    p.shadows = 0.5f;
    p.highlights = -0.5f;
    p.local_contrast = 0.5f;
    p.look = Look::kVivid;
    cases.push_back(p);
    EditParams geo;
    geo.straighten_deg = 4;
    geo.crop = {0.1f, 0.05f, 0.8f, 0.8f};
    geo.exposure_ev = 0.3f;
    cases.push_back(geo);
    for (const EditParams& c : cases) {
      INFO(c.ToJson());
      const Image big = Render(full, c);
      const Image small = Render(half, c);
      CHECK(std::abs(small.width() - big.width() / 2) <= 1);
      CHECK(std::abs(small.height() - big.height() / 2) <= 1);
      const Image down = std::move(ResizeArea(big.View(), small.width(), small.height())).value();
      CHECK(Psnr(down.View(), small.View()) > 30);
    }
  }
}

TEST_CASE("Committed params round-trip through JSON", "[edit]") {
  EditParams p;
  p.exposure_ev = 0.8f;
  p.temperature = 12;
  p.tint = -3.5f;
  p.black_point = 0.04f;
  p.white_point = 0.93f;
  p.contrast = 0.21f;
  p.shadows = 0.35f;
  p.highlights = -0.3f;
  p.vibrance = 0.1f;
  p.saturation = -0.05f;
  p.local_contrast = 0.15f;
  p.denoise = 0.3f;
  p.sharpen = 0.2f;
  p.straighten_deg = -2.25f;
  p.crop = {0.1f, 0.2f, 0.7f, 0.6f};
  p.look = Look::kFaded;
  p.look_strength = 0.65f;
  const EditParams c = CommitEdit(p).value();
  const std::string json = c.ToJson();
  INFO(json);
  auto back = ParseEditParams(json);
  REQUIRE(back.ok());
  const EditParams& b = *back;
  CHECK(b.version == kEditParamsVersion);
  CHECK(b.exposure_ev == c.exposure_ev);
  CHECK(b.temperature == c.temperature);
  CHECK(b.tint == c.tint);
  CHECK(b.black_point == c.black_point);
  CHECK(b.white_point == c.white_point);
  CHECK(b.contrast == c.contrast);
  CHECK(b.shadows == c.shadows);
  CHECK(b.highlights == c.highlights);
  CHECK(b.vibrance == c.vibrance);
  CHECK(b.saturation == c.saturation);
  CHECK(b.local_contrast == c.local_contrast);
  CHECK(b.denoise == c.denoise);
  CHECK(b.sharpen == c.sharpen);
  CHECK(b.straighten_deg == c.straighten_deg);
  CHECK(b.crop.x == c.crop.x);
  CHECK(b.crop.y == c.crop.y);
  CHECK(b.crop.w == c.crop.w);
  CHECK(b.crop.h == c.crop.h);
  CHECK(b.look == c.look);
  CHECK(b.look_strength == c.look_strength);
  CHECK(b.ToJson() == json);
  // The replay renders the same pixels.
  const Image img = testing::MakeTestCard(96, 64);
  CHECK(SameBytes(Render(img, c), Render(img, b)));
  // Defaults write no ops and parse back to defaults.
  CHECK(EditParams{}.ToJson() == "{\"version\":1,\"ops\":[]}");
}

TEST_CASE("Bad edit JSON and bad params are rejected with a Status", "[edit]") {
  CHECK_FALSE(ParseEditParams("").ok());
  CHECK_FALSE(ParseEditParams("[]").ok());
  CHECK_FALSE(ParseEditParams("{\"ops\":[]}").ok());
  CHECK_FALSE(ParseEditParams("{\"version\":1,\"ops\":[{\"op\":\"exposure\",\"params\":"
                              "{\"ev\":\"x\"}}]}")
                  .ok());
  CHECK_FALSE(ParseEditParams("{\"version\":1,\"ops\":[{\"op\":\"look\",\"params\":"
                              "{\"name\":\"nope\"}}]}")
                  .ok());
  CHECK(ParseEditParams("{\"version\":2,\"ops\":[]}").status().code() == StatusCode::kUnsupported);
  CHECK(ParseEditParams("{\"version\":1,\"ops\":[{\"op\":\"exposure\",\"version\":7}]}")
            .status()
            .code() == StatusCode::kUnsupported);
  CHECK(ParseEditParams(std::string(10000, '[')).status().code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(ParseEditParams("{\"version\":1,\"ops\":[{\"op\":\"exposure\",\"params\":"
                              "{\"ev\":1e999}}]}")
                  .ok());  // inf
  // Unknown ops are skipped; out-of-range values clamp.
  auto lenient = ParseEditParams(
      "{\"version\":1,\"ops\":[{\"op\":\"future\",\"version\":1,\"params\":{}},"
      "{\"op\":\"exposure\",\"version\":1,\"params\":{\"ev\":99}}]}");
  REQUIRE(lenient.ok());
  CHECK(lenient->exposure_ev == 4);

  const float nan = std::numeric_limits<float>::quiet_NaN();
  EditParams p;
  p.exposure_ev = nan;
  CHECK(CommitEdit(p).status().code() == StatusCode::kInvalidArgument);
  p = EditParams{};
  p.crop.w = std::numeric_limits<float>::infinity();
  CHECK_FALSE(CommitEdit(p).ok());
  p = EditParams{};
  p.look = static_cast<Look>(200);
  CHECK_FALSE(CommitEdit(p).ok());
  p = EditParams{};
  p.version = 99;
  CHECK(CommitEdit(p).status().code() == StatusCode::kUnsupported);

  const Image img = testing::MakeTestCard(64, 48);
  Image out;
  p = EditParams{};
  p.straighten_deg = nan;
  CHECK_FALSE(ApplyEdit(img, p, &out).ok());
  // Wildly out of range: clamped, rendered, never UB.
  p = EditParams{};
  p.exposure_ev = 1e6f;
  p.temperature = -1e9f;
  p.contrast = 7;
  p.black_point = 0.9f;
  p.white_point = -3;
  p.shadows = 50;
  p.highlights = -50;
  p.saturation = 10;
  p.local_contrast = 3;
  p.denoise = 9;
  p.sharpen = 9;
  p.straighten_deg = 400;
  p.crop = {-1, 2, -5, 1e9f};
  p.look = Look::kCartoon;
  p.look_strength = 7;
  REQUIRE(ApplyEdit(img, p, &out).ok());
  CHECK(out.width() >= 1);
  CHECK(out.height() >= 1);
  // Tiny images and the wrong format.
  const Image one = testing::MakeTestCard(1, 1);
  p.crop = {};
  for (Look look : kAllLooks) {
    p.look = look;
    REQUIRE(ApplyEdit(one, p, &out).ok());
    CHECK(out.width() == 1);
  }
  const Image gray = std::move(Image::Create(8, 8, PixelFormat::kGray8)).value();
  CHECK(ApplyEdit(gray, EditParams{}, &out).code() == StatusCode::kUnsupported);
  CHECK_FALSE(AutoEnhance(gray.View()).ok());
  CHECK_FALSE(SmartCrop(gray.View(), CropAspect::k1x1).ok());
}

TEST_CASE("Crop and straighten give the sizes they promise", "[edit]") {
  const Image img = testing::MakeTestCard(300, 200);
  EditParams p;
  p.crop = {0.25f, 0.25f, 0.5f, 0.5f};
  Image out = Render(img, p);
  CHECK(out.width() == 150);
  CHECK(out.height() == 100);
  // A pure crop copies pixels.
  CHECK(std::memcmp(out.Row(0), img.Row(50) + 4 * 75, 4 * 150) == 0);
  for (float deg : {-45.0f, -10.0f, 3.0f, 5.0f, 30.0f, 45.0f}) {
    INFO(deg);
    p = EditParams{};
    p.straighten_deg = deg;
    out = Render(img, p);
    int w = 0, h = 0;
    EditOutputSize(p, 300, 200, &w, &h);
    CHECK(out.width() == w);
    CHECK(out.height() == h);
    CHECK(out.width() < 300);
    CHECK(std::abs(out.width() * 2.0 - out.height() * 3.0) <= 3);  // aspect within 1 px
    // Inscribed: no blank (zero-alpha) corners.
    CHECK(out.Row(0)[3] == 255);
    CHECK(out.Row(out.height() - 1)[4 * (out.width() - 1) + 3] == 255);
  }
}

TEST_CASE("Smart crop keeps every keep box and has the requested aspect", "[edit][property]") {
  const CropAspect aspects[] = {CropAspect::k1x1, CropAspect::k4x5, CropAspect::k9x16,
                                CropAspect::k16x9};
  const double ratio[] = {1.0, 0.8, 9.0 / 16, 16.0 / 9};
  uint32_t seed = 7;
  auto rnd = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) / static_cast<float>(1 << 24);
  };
  for (const char* rel : kPhotos) {
    INFO(rel);
    const Image img = Load(rel);
    for (int ai = 0; ai < 4; ++ai) {
      INFO(CropAspectName(aspects[ai]));
      for (int trial = 0; trial < 4; ++trial) {
        std::vector<RelRect> keep;
        const int n = trial;  // 0..3 boxes, small enough to fit together
        for (int i = 0; i < n; ++i) {
          const float w = 0.04f + 0.06f * rnd(), h = 0.04f + 0.06f * rnd();
          keep.push_back({0.3f + 0.3f * rnd(), 0.3f + 0.3f * rnd(), w, h});
        }
        auto r = SmartCrop(img.View(), aspects[ai], keep);
        REQUIRE(r.ok());
        CHECK(std::fabs(r->w - r->h * ratio[ai]) <= 1.0);
        CHECK(r->x >= 0);
        CHECK(r->y >= 0);
        CHECK(r->x + r->w <= img.width());
        CHECK(r->y + r->h <= img.height());
        for (const RelRect& k : keep) {
          CHECK(r->x <= k.x * img.width());
          CHECK(r->y <= k.y * img.height());
          CHECK(r->x + r->w >= (k.x + k.w) * img.width());
          CHECK(r->y + r->h >= (k.y + k.h) * img.height());
        }
        CHECK_FALSE(r->reasons.empty());
        // The crop replays through ApplyEdit at the same size.
        EditParams p;
        p.crop = r->rect;
        const Image out = Render(img, p);
        CHECK(out.width() == r->w);
        CHECK(out.height() == r->h);
      }
    }
  }
  // A face at the far left stays in a 9:16 crop of a landscape photo.
  const Image img = Load(kPhotos[0]);
  auto left = SmartCrop(img.View(), CropAspect::k9x16, {{0.01f, 0.4f, 0.08f, 0.1f}});
  REQUIRE(left.ok());
  CHECK(left->x <= 0.01f * img.width());
  // Boxes that cannot fit together are refused, not cut.
  auto wide = SmartCrop(img.View(), CropAspect::k9x16,
                        {{0.0f, 0.4f, 0.1f, 0.1f}, {0.9f, 0.4f, 0.1f, 0.1f}});
  CHECK(wide.status().code() == StatusCode::kInvalidArgument);
  CHECK(HasReason(left->reasons, "keeps_boxes"));
}

}  // namespace
}  // namespace gemroll
