// Verdicts: synthetic kinds, blur/exposure properties on a real photo, and the
// issue's accuracy targets on the labelled corpus (../shared/data).
#include "gemroll/classify.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <utility>

#include "../eval/verdict_corpus.h"
#include "gemroll/analyze.h"
#include "gemroll/decode.h"
#include "synthetic_images.h"
#include "test_util.h"

namespace gemroll {
namespace {

PhotoAnalysis Analyze(const Image& img) {
  StatusOr<PhotoAnalysis> a = AnalyzeRgba(img.data(), img.width(), img.height(), img.stride());
  REQUIRE(a.ok());
  return std::move(a).value();
}

// Separable box blur of the RGB channels, radius r.
Image BoxBlur(const Image& in, int r) {
  Image out = in.Clone();
  for (int pass = 0; pass < 2; ++pass) {
    const Image src = out.Clone();
    for (int y = 0; y < src.height(); ++y) {
      for (int x = 0; x < src.width(); ++x) {
        for (int c = 0; c < 3; ++c) {
          int sum = 0;
          for (int d = -r; d <= r; ++d) {
            const int xx = pass == 0 ? std::clamp(x + d, 0, src.width() - 1) : x;
            const int yy = pass == 1 ? std::clamp(y + d, 0, src.height() - 1) : y;
            sum += src.Row(yy)[4 * xx + c];
          }
          out.Row(y)[4 * x + c] = static_cast<uint8_t>(sum / (2 * r + 1));
        }
      }
    }
  }
  return out;
}

Image Scale(const Image& in, float gain) {
  Image out = in.Clone();
  for (int y = 0; y < out.height(); ++y) {
    for (int x = 0; x < out.width(); ++x) {
      for (int c = 0; c < 3; ++c)
        out.Row(y)[4 * x + c] = static_cast<uint8_t>(out.Row(y)[4 * x + c] * gain);
    }
  }
  return out;
}

bool HasReason(const std::vector<Reason>& rs, const std::string& code) {
  for (const Reason& r : rs) {
    if (r.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a generated flat UI with a status bar is a screenshot", "[classify]") {
  const PhotoAnalysis a = Analyze(testing::MakeUiScreenshot(360, 780));
  const KindVerdict v = ClassifyKind(a, "");
  CHECK(v.kind == PhotoKind::kScreenshot);
  CHECK(v.confidence > 0.5f);
  REQUIRE(HasReason(v.reasons, "ui_pixels"));
  // The interface model names what pushed it, the status bar among them.
  for (const Reason& r : v.reasons) {
    if (r.code == "ui_pixels") CHECK(r.text.find("status bar") != std::string::npos);
  }
  // Reasons come strongest first.
  for (size_t i = 1; i < v.reasons.size(); ++i) {
    CHECK(std::abs(v.reasons[i - 1].weight) >= std::abs(v.reasons[i].weight));
  }
  // Synthetic images are never judged blurry or badly exposed.
  const QualityVerdict q = JudgeQuality(a, v.kind);
  CHECK_FALSE(q.blurry);
  CHECK_FALSE(q.too_dark);
}

TEST_CASE("camera metadata keeps a screen-like image a photo", "[classify]") {
  PhotoAnalysis a = Analyze(testing::MakeUiScreenshot(360, 780));
  a.exif.present = true;
  a.exif.make = "samsung";
  a.exif.model = "SM-G975U";
  const KindVerdict v = ClassifyKind(a, "Screenshot_20240101.png");
  CHECK(v.kind != PhotoKind::kScreenshot);
}

TEST_CASE("a screenshot file name alone does not make a screenshot", "[classify]") {
  PhotoAnalysis a = Analyze(testing::MakeNaturalTexture(504, 378));
  a.exif.present = true;
  a.exif.exposure_time = 0.01;  // capture data present, no camera name
  CHECK(ClassifyKind(a, "Screenshot_2024-01-01.jpg").kind == PhotoKind::kPhoto);
}

TEST_CASE("a noisy natural texture is a photo", "[classify]") {
  const PhotoAnalysis a = Analyze(testing::MakeNaturalTexture(504, 378));
  const KindVerdict v = ClassifyKind(a, "IMG_0001.JPG");
  CHECK(v.kind == PhotoKind::kPhoto);
  CHECK_FALSE(v.reasons.empty());
}

TEST_CASE("a white page with text-like strokes is a document", "[classify]") {
  const PhotoAnalysis a = Analyze(testing::MakePage(378, 504));
  const KindVerdict v = ClassifyKind(a, "");
  CHECK((v.kind == PhotoKind::kDocument || v.kind == PhotoKind::kReceipt));
  CHECK(HasReason(v.reasons, "page_with_text"));
}

TEST_CASE("a page of type with no sensor noise was rendered: a screen, not paper", "[classify]") {
  // A web page or an e-book: an exact light ground and grey panel, type.
  Image img = testing::Blank(378, 504, 246, 246, 246);
  testing::Fill(img, 0, 0, 378, 40, 230, 230, 232);
  testing::Type(img, 24, 64, 378 - 24, 9, 40, 30);
  const PhotoAnalysis a = Analyze(img);
  REQUIRE(a.metrics.noise_sigma < 0.1f);
  const KindVerdict v = ClassifyKind(a, "");
  CHECK(v.kind != PhotoKind::kDocument);
  CHECK(v.kind != PhotoKind::kReceipt);
  CHECK(v.scores[static_cast<int>(PhotoKind::kScreenshot)] > 0);
  // The same page with a scanner's noise is paper again.
  Image scanned = img.Clone();
  uint32_t s = 7;
  for (int y = 0; y < scanned.height(); ++y) {
    for (int x = 0; x < scanned.width(); ++x) {
      s = s * 1664525u + 1013904223u;
      const int n = static_cast<int>((s >> 28) & 7) - 4;  // +-4 levels
      uint8_t* p = scanned.Row(y) + 4 * x;
      for (int c = 0; c < 3; ++c) p[c] = static_cast<uint8_t>(std::clamp(p[c] - 6 + n, 0, 255));
    }
  }
  const PhotoAnalysis b = Analyze(scanned);
  CHECK(b.metrics.noise_sigma >= 0.1f);
  const KindVerdict w = ClassifyKind(b, "");
  CHECK((w.kind == PhotoKind::kDocument || w.kind == PhotoKind::kReceipt));
  CHECK(!HasReason(w.reasons, "noise_free"));
}

TEST_CASE("a few lines of writing on a sheet, seen at page scale, make a document", "[classify]") {
  // A sheet on a desk, with camera EXIF, too little ink for page_with_text.
  Image img = testing::MakePage(504, 672);
  testing::Fill(img, 504 / 8, 672 / 10, 504 - 504 / 8, 672 - 672 / 10, 245, 245, 240);
  PhotoAnalysis a = Analyze(img);
  a.exif.make = "Phone";
  a.exif.model = "One";
  REQUIRE(a.features.page_area >= 0.3f);
  REQUIRE(a.features.page_fill >= 0.8f);
  CHECK(ClassifyKind(a, "").kind == PhotoKind::kPhoto);
  ModelEvidence m;
  m.text_ran = true;
  m.text_side = 960;
  m.text_lines = 4;  // handwriting: fewer than a page of type
  m.text_area_fraction = 0.2f * a.features.page_area;
  const KindVerdict v = ClassifyKind(a, "", &m);
  CHECK((v.kind == PhotoKind::kDocument || v.kind == PhotoKind::kReceipt));
  CHECK(HasReason(v.reasons, "sheet_with_lines"));
  // The same count of "lines" over a sliver of the bright region (feathers,
  // snow) is no writing; nor is it at the small scale.
  m.text_area_fraction = 0.01f * a.features.page_area;
  CHECK(ClassifyKind(a, "", &m).kind == PhotoKind::kPhoto);
  m.text_area_fraction = 0.2f * a.features.page_area;
  m.text_side = 512;
  CHECK(ClassifyKind(a, "", &m).kind == PhotoKind::kPhoto);
}

TEST_CASE("model text evidence adds to the document score", "[classify]") {
  const PhotoAnalysis a = Analyze(testing::MakeNaturalTexture(504, 378));
  ModelEvidence m;
  m.text_ran = true;
  m.text_area_fraction = 0.4f;
  m.text_lines = 20;
  m.text_layout_regularity = 1.0f;
  const KindVerdict with = ClassifyKind(a, "", &m);
  const KindVerdict without = ClassifyKind(a, "");
  CHECK(with.scores[static_cast<int>(PhotoKind::kDocument)] +
            with.scores[static_cast<int>(PhotoKind::kReceipt)] >
        without.scores[static_cast<int>(PhotoKind::kDocument)] +
            without.scores[static_cast<int>(PhotoKind::kReceipt)]);
}

TEST_CASE("blurred and darkened copies of a sharp real photo", "[classify]") {
  const std::filesystem::path p = testing::DataDir() / "blur/kwentar/176_HONOR-7X_S.jpg";
  if (!std::filesystem::exists(p)) {
    FAIL("corpus not found: " << p.string());
  }
  const std::vector<uint8_t> bytes = testing::ReadBytes(p);
  StatusOr<DecodedImage> d = Decode(bytes.data(), bytes.size());
  REQUIRE(d.ok());
  const Image& img = d.value().image;

  const PhotoAnalysis sharp = Analyze(img);
  const QualityVerdict qs = JudgeQuality(sharp, PhotoKind::kPhoto);
  REQUIRE_FALSE(qs.blurry);
  REQUIRE_FALSE(qs.too_dark);

  // Blur radius as a fraction of the short side, so the test does not depend
  // on the analysis scale.
  const int radius = std::max(2, std::min(img.width(), img.height()) / 80);
  const PhotoAnalysis blurred = Analyze(BoxBlur(img, radius));
  const QualityVerdict qb = JudgeQuality(blurred, PhotoKind::kPhoto);
  CHECK(qb.blurry);
  CHECK(qb.technical < qs.technical);

  // Dark: a lower technical score and a brightening hint, not Cleanup;
  // nearly black: too dark.
  const PhotoAnalysis dark = Analyze(Scale(img, 0.15f));
  const QualityVerdict qd = JudgeQuality(dark, PhotoKind::kPhoto);
  CHECK_FALSE(qd.too_dark);
  CHECK(HasReason(qd.reasons, "dark"));
  CHECK(qd.technical < qs.technical);
  const PhotoAnalysis black = Analyze(Scale(img, 0.05f));
  const QualityVerdict qk = JudgeQuality(black, PhotoKind::kPhoto);
  CHECK(qk.too_dark);
  CHECK(qk.technical < qd.technical);
}

TEST_CASE("corpus: the issue's accuracy targets", "[classify][corpus]") {
  const std::filesystem::path root = testing::DataDir();
  const std::vector<eval::CorpusItem> items = eval::LoadCorpus(root);
  if (items.empty()) {
    FAIL("corpus not found under " << root.string());
  }
  std::vector<eval::ItemResult> results;
  for (const eval::CorpusItem& it : items) results.push_back(eval::Judge(root, it));
  const eval::Figures f = eval::Score(results);
  for (const std::string& m : f.mistakes) UNSCOPED_INFO(m);
  INFO("screenshot F1 " << f.screenshot.F1() << ", receipt+document F1 " << f.document.F1()
                        << ", blur accuracy " << f.BlurAccuracy() << ", good photos flagged "
                        << f.good_flagged);
  CHECK(f.failed == 0);
  CHECK(f.screenshot.F1() >= 0.95);
  CHECK(f.document.F1() >= 0.9);
  CHECK(f.BlurAccuracy() >= 0.9);
  CHECK(f.good_total > 0);
  CHECK(f.good_flagged == 0);
}

}  // namespace gemroll
