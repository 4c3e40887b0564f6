// One photo's cheap analysis (with its decoded pixels), kept in a JS-owned
// handle between a worker's calls for that photo: the model tensors and face
// crops are made from the same decode, and the verdict is remade from model
// evidence without decoding or measuring again. JS: `new Module.KeptPhoto()`,
// analyzeRaw(bytes, options) fills it (replacing what it held), rejudgeRaw
// ({modelEvidence}) remakes the record, delete() frees it; calls that can use
// the decode take it as options.kept.
#ifndef GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_
#define GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_

#include <emscripten/val.h>

#include <string>
#include <utility>

#include "gemroll/analyze.h"

namespace gemroll {

class KeptPhoto {
 public:
  // analyzePhotoRaw's result; the analysis and its decode stay here.
  emscripten::val AnalyzeRaw(emscripten::val bytes, emscripten::val options);
  // {record} | {error}: the curation record remade with options.modelEvidence.
  emscripten::val RejudgeRaw(emscripten::val options) const;

  void Keep(PhotoAnalysis a, std::string record_path) {
    analysis_ = std::move(a);
    record_path_ = std::move(record_path);
    kept_ = true;
  }
  void Clear() {
    analysis_ = PhotoAnalysis();
    record_path_.clear();
    kept_ = false;
  }
  const PhotoAnalysis* analysis() const { return kept_ ? &analysis_ : nullptr; }

 private:
  PhotoAnalysis analysis_;
  std::string record_path_;
  bool kept_ = false;
};

// The kept photo options.kept holds (a KeptPhoto handle that JS has not
// deleted and that holds an analysis), else null.
const PhotoAnalysis* FindKeptPhoto(const emscripten::val& options);

}  // namespace gemroll

#endif  // GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_
