// Reason: one piece of evidence for or against a verdict, and its JSON form.
// Every stage that explains itself (classify, curate, edit, collage) writes
// its reasons through WriteReasons, so they read the same everywhere.
#ifndef GEMROLL_REASON_H_
#define GEMROLL_REASON_H_

#include <cmath>
#include <string>
#include <vector>

#include "gemroll/json.h"

namespace gemroll {

// One piece of evidence for or against a verdict, in words a person reads.
struct Reason {
  std::string code;  // stable machine id, e.g. "no_camera_make", "status_bar"
  std::string text;  // "no camera make or model in EXIF"
  float weight = 0;  // signed contribution to the verdict's score
};

// {code, text, weight}, the weight to 4 decimals (float noise is not evidence).
inline void WriteReason(JsonWriter& w, const Reason& r) {
  w.BeginObject()
      .Field("code", r.code)
      .Field("text", r.text)
      .Key("weight")
      .Number(std::round(static_cast<double>(r.weight) * 1e4) / 1e4)
      .EndObject();
}

inline void WriteReasons(JsonWriter& w, const std::vector<Reason>& reasons) {
  w.BeginArray();
  for (const Reason& r : reasons) WriteReason(w, r);
  w.EndArray();
}

}  // namespace gemroll

#endif  // GEMROLL_REASON_H_
