// One photo's cheap analysis (with its decoded pixels), kept in the module
// between a worker's calls for that photo: the model tensors and face crops
// are made from the same decode, and the verdict is remade from model
// evidence without decoding or measuring again (rejudgeKeptRaw). One slot:
// a worker handles one photo at a time, and keeping a photo drops the last.
#ifndef GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_
#define GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_

#include <emscripten/val.h>

#include "gemroll/analyze.h"

namespace gemroll {

// The kept photo options.kept names (the id analyzePhotoRaw returned with
// {keep: true}), or null when it names none or another.
const PhotoAnalysis* FindKeptPhoto(const emscripten::val& options);

}  // namespace gemroll

#endif  // GEMROLL_WASM_BINDINGS_KEPT_PHOTO_H_
