// The labelled corpus (../shared/data) as seen by the verdict stage: which
// files are screenshots, receipts/documents, blurry or sharp, and good photos,
// read from the folders' labels.csv files; plus the scoring of
// ClassifyKind/JudgeQuality against them. Shared by tests/eval/verdict_eval.cc
// (prints the figures) and tests/unit/classify_test.cc (asserts the targets).
//
// Ground truth, from the labels:
//   screenshot  screenshots/labels.csv labels containing "screenshot", and
//               camera/labels.csv content_label "screenshot"
//               (photoprism-meta/no-exif-data.jpg). Photos of screens are not.
//   document    every receipts/ file (kind receipt) and documents/ labels
//               document_photo, document_scan, whiteboard_photo (kind
//               document). documents/graphics is a graphic: neither.
//   blur        blur/kwentar: sharp -> not blurry; defocus_blur, motion_blur ->
//               blurry. blur/cuhk-partial (extent "partial"): a sharp subject
//               on a blurred background or a panned subject, as the masks show
//               -> expected NOT blurry (the photo is worth keeping).
//   good photo  general/ and aesthetics/: must stay kind photo and must not be
//               blurry, too dark or too bright.
// Negatives for screenshot and document precision: every other labelled image
// (camera/labels.csv, bursts/, faces/*/, blur/, general/, aesthetics/, and
// the positives of the other class). Files labelled corrupt must fail to
// decode and are not scored.
#ifndef GEMROLL_TESTS_EVAL_VERDICT_CORPUS_H_
#define GEMROLL_TESTS_EVAL_VERDICT_CORPUS_H_

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "csv.h"
#include "gemroll/analyze.h"
#include "gemroll/classify.h"

namespace gemroll::eval {

struct CorpusItem {
  std::string rel;    // path relative to the corpus root
  std::string label;  // the label that decided the truth below
  bool screenshot = false;
  bool document = false;  // receipt or document
  bool receipt = false;
  int blurry = -1;  // -1 not labelled, 0 sharp, 1 blurry
  bool good_photo = false;
  bool corrupt = false;
};

struct ItemResult {
  CorpusItem item;
  bool ok = false;
  std::string error;
  KindVerdict kind;
  QualityVerdict quality;
};

struct Prf {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void Add(bool truth, bool predicted) {
    if (truth && predicted)
      ++tp;
    else if (!truth && predicted)
      ++fp;
    else if (truth)
      ++fn;
    else
      ++tn;
  }
};

struct Figures {
  int images = 0, failed = 0;
  Prf screenshot, document;
  int receipt_kind_right = 0, receipt_kind_total = 0;  // receipt vs document among found pages
  int blur_right = 0, blur_total = 0;
  int blur_type_right = 0, blur_type_total = 0;  // defocus vs motion on blurry kwentar
  int good_total = 0, good_flagged = 0;
  std::vector<std::string> mistakes;  // one line per wrong verdict
  double BlurAccuracy() const { return blur_total ? double(blur_right) / blur_total : 0; }
};

using testing::ReadCsvBody;

namespace internal {

inline bool Contains(const std::string& s, const char* sub) {
  return s.find(sub) != std::string::npos;
}

}  // namespace internal

// Every labelled image of the corpus with its truth (see the file comment).
inline std::vector<CorpusItem> LoadCorpus(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  using internal::Contains;
  std::vector<CorpusItem> items;
  auto add = [&](const std::string& dir, const std::vector<std::string>& row, int label_col) {
    CorpusItem it;
    it.rel = dir + "/" + row[0];
    it.label = label_col < static_cast<int>(row.size()) ? row[label_col] : "";
    items.push_back(it);
    return &items.back();
  };
  for (const auto& r : ReadCsvBody(root / "screenshots/labels.csv")) {
    add("screenshots", r, 1)->screenshot = Contains(r[1], "screenshot");
  }
  for (const auto& r : ReadCsvBody(root / "camera/labels.csv")) {
    CorpusItem* it = add("camera", r, 1);
    it->screenshot = it->label == "screenshot";
    it->corrupt = it->label == "corrupt";
  }
  for (const auto& r : ReadCsvBody(root / "receipts/labels.csv")) {
    CorpusItem* it = add("receipts", r, 1);
    it->document = it->receipt = true;
  }
  for (const auto& r : ReadCsvBody(root / "documents/labels.csv")) {
    CorpusItem* it = add("documents", r, 1);
    it->document = Contains(it->label, "document") || Contains(it->label, "whiteboard");
  }
  for (const auto& r : ReadCsvBody(root / "blur/kwentar/labels.csv")) {
    CorpusItem* it = add("blur/kwentar", r, 3);
    it->blurry = it->label == "sharp" ? 0 : 1;
  }
  for (const auto& r : ReadCsvBody(root / "blur/cuhk-partial/labels.csv")) {
    CorpusItem* it = add("blur/cuhk-partial", r, 2);
    it->blurry = it->label == "partial" ? 0 : 1;
  }
  for (const auto& r : ReadCsvBody(root / "general/labels.csv"))
    add("general", r, 1)->good_photo = true;
  for (const auto& r : ReadCsvBody(root / "aesthetics/500px-popular/labels.csv")) {
    add("aesthetics/500px-popular", r, 4)->good_photo = true;
  }
  for (const auto& r : ReadCsvBody(root / "bursts/labels.csv")) add("bursts", r, 1);
  std::error_code ec;
  std::vector<fs::path> face_dirs;
  for (const auto& d : fs::directory_iterator(root / "faces", ec)) {
    if (d.is_directory()) face_dirs.push_back(d.path());
  }
  std::sort(face_dirs.begin(), face_dirs.end());
  for (const fs::path& d : face_dirs) {
    for (const auto& r : ReadCsvBody(d / "labels.csv")) add("faces/" + d.filename().string(), r, 1);
  }
  items.erase(std::remove_if(items.begin(), items.end(),
                             [](const CorpusItem& it) { return it.rel.back() == '/'; }),
              items.end());
  return items;
}

inline std::vector<uint8_t> ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
}

inline ItemResult Judge(const std::filesystem::path& root, const CorpusItem& item) {
  ItemResult r;
  r.item = item;
  const std::vector<uint8_t> bytes = ReadFile(root / item.rel);
  if (bytes.empty()) {
    r.error = "missing or empty";
    return r;
  }
  StatusOr<PhotoAnalysis> a = AnalyzePhoto(bytes.data(), bytes.size());
  if (!a.ok()) {
    r.error = a.status().message();
    return r;
  }
  r.ok = true;
  r.kind = ClassifyKind(a.value(), std::filesystem::path(item.rel).filename().string());
  r.quality = JudgeQuality(a.value(), r.kind.kind);
  return r;
}

inline Figures Score(const std::vector<ItemResult>& results) {
  Figures f;
  for (const ItemResult& r : results) {
    const CorpusItem& it = r.item;
    if (it.corrupt) continue;
    ++f.images;
    if (!r.ok) {
      ++f.failed;
      f.mistakes.push_back(it.rel + ": failed: " + r.error);
      continue;
    }
    const PhotoKind k = r.kind.kind;
    const bool shot = k == PhotoKind::kScreenshot;
    const bool doc = k == PhotoKind::kDocument || k == PhotoKind::kReceipt;
    f.screenshot.Add(it.screenshot, shot);
    f.document.Add(it.document, doc);
    const std::string got = std::string(PhotoKindName(k));
    if (it.screenshot != shot)
      f.mistakes.push_back(it.rel + ": screenshot expected " + (it.screenshot ? "yes" : "no") +
                           ", got " + got);
    if (it.document != doc)
      f.mistakes.push_back(it.rel + ": document expected " + (it.document ? "yes" : "no") +
                           ", got " + got);
    if (it.document && doc) {
      ++f.receipt_kind_total;
      f.receipt_kind_right += it.receipt == (k == PhotoKind::kReceipt);
    }
    if (it.blurry >= 0) {
      ++f.blur_total;
      const bool right = r.quality.blurry == (it.blurry == 1);
      f.blur_right += right;
      if (!right)
        f.mistakes.push_back(it.rel + ": blurry expected " + (it.blurry ? "yes" : "no") + " (" +
                             it.label + ")");
      if (it.blurry == 1 && r.quality.blurry) {
        ++f.blur_type_total;
        f.blur_type_right += (it.label == "motion_blur") == (r.quality.blur_type == "motion");
      }
    }
    if (it.good_photo) {
      ++f.good_total;
      const bool flagged =
          k != PhotoKind::kPhoto || r.quality.blurry || r.quality.too_dark || r.quality.too_bright;
      if (flagged) {
        ++f.good_flagged;
        f.mistakes.push_back(it.rel + ": good photo flagged (" + got +
                             (r.quality.blurry ? ", blurry" : "") +
                             (r.quality.too_dark ? ", too dark" : "") +
                             (r.quality.too_bright ? ", too bright" : "") + ")");
      }
    }
  }
  return f;
}

}  // namespace gemroll::eval

#endif  // GEMROLL_TESTS_EVAL_VERDICT_CORPUS_H_
