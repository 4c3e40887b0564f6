// Accuracy of the per-photo verdicts on the labelled corpus:
//   verdict_eval [DATA_DIR] [--verbose]
// DATA_DIR defaults to $GEMROLL_DATA, else <repo>/../shared/data. Prints one
// line per wrong verdict, the figures, and a final summary line. The figures
// are reported, not asserted (tests/unit/classify_test.cc asserts the
// targets); the exit status is non-zero only when the corpus cannot be read.
// --verbose also prints every file's kind, blur verdict and top reason.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "verdict_corpus.h"

#ifndef GEMROLL_SOURCE_DIR
#define GEMROLL_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using gemroll::eval::Figures;
using gemroll::eval::ItemResult;

int main(int argc, char** argv) {
  fs::path root;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--verbose") == 0)
      verbose = true;
    else
      root = argv[i];
  }
  if (root.empty()) {
    const char* env = std::getenv("GEMROLL_DATA");
    root = env ? fs::path(env) : fs::path(GEMROLL_SOURCE_DIR) / ".." / "shared" / "data";
  }
  const std::vector<gemroll::eval::CorpusItem> items = gemroll::eval::LoadCorpus(root);
  if (items.empty()) {
    std::fprintf(stderr, "verdict_eval: no labels.csv found under %s\n", root.string().c_str());
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<ItemResult> results;
  results.reserve(items.size());
  for (const auto& it : items) {
    results.push_back(gemroll::eval::Judge(root, it));
    if (verbose && results.back().ok) {
      const ItemResult& r = results.back();
      std::printf("  %-60s %-10s %.2f  %s%s  [%s]\n", it.rel.c_str(),
                  gemroll::PhotoKindName(r.kind.kind), r.kind.confidence,
                  r.quality.blurry ? ("blurry:" + r.quality.blur_type).c_str() : "-",
                  r.quality.too_dark     ? " dark"
                  : r.quality.too_bright ? " bright"
                                         : "",
                  r.kind.reasons.empty() ? "" : r.kind.reasons[0].code.c_str());
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const Figures f = gemroll::eval::Score(results);

  for (const std::string& m : f.mistakes) std::printf("  wrong: %s\n", m.c_str());
  std::printf("images scored: %d (failed to analyse: %d), %.1f s\n", f.images, f.failed, secs);
  std::printf("screenshot vs rest:      P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d)\n",
              f.screenshot.Precision(), f.screenshot.Recall(), f.screenshot.F1(), f.screenshot.tp,
              f.screenshot.fp, f.screenshot.fn);
  std::printf(
      "receipt+document vs rest: P %.3f  R %.3f  F1 %.3f  (tp %d fp %d fn %d); receipt/document "
      "kind right %d/%d\n",
      f.document.Precision(), f.document.Recall(), f.document.F1(), f.document.tp, f.document.fp,
      f.document.fn, f.receipt_kind_right, f.receipt_kind_total);
  std::printf(
      "blur (kwentar sharp/defocus/motion; cuhk partial = not blurry): accuracy %.3f (%d/%d); "
      "defocus/motion type right %d/%d\n",
      f.BlurAccuracy(), f.blur_right, f.blur_total, f.blur_type_right, f.blur_type_total);
  std::printf("good photos (general/, aesthetics/) wrongly flagged: %d/%d\n", f.good_flagged,
              f.good_total);
  std::printf(
      "verdict_eval: screenshot F1 %.3f, receipt+document F1 %.3f, blur accuracy %.3f, "
      "good photos flagged %d/%d, %d images\n",
      f.screenshot.F1(), f.document.F1(), f.BlurAccuracy(), f.good_flagged, f.good_total, f.images);
  return 0;
}
