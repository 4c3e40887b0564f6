// People in the curation: face sharpness measured on the record's pixels,
// the people part of the content score, the face facets of a group's best
// member, and people moments ("Portraits", "Group shots") across the roll.
// Everything here needs face evidence (PhotoRecord::faces_ran); without it
// curation is exactly what it was before faces existed.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "curate/curate_internal.h"

namespace gemroll::curate_internal {

namespace {

// Face sharpness is measured on the record's thumbnail at this long side (a
// larger thumbnail is reduced first, so a face reads the same whatever
// thumbnail size the caller asked for): the analysis image is gone by the
// time the record is made, and at 256 px a face of 1/10 of the frame width
// still spans ~25 pixels, enough to tell a sharp face from a soft one.
constexpr int kFaceWorkLongSide = 256;
// Smaller boxes (in work pixels) are left unmeasured (-1).
constexpr int kFaceMinSide = 6;
// The box is shrunk by this share per side: BlazeFace boxes reach the hair
// line and the cheeks' edges, whose contrast with the background is not the
// face's own detail.
constexpr float kFaceInset = 0.1f;
// As PhotoMetrics::sharpness (metrics.cc): log10 of the noise-compensated
// mean squared Laplacian mapped from [1, 4] to [0, 1]; the noise floor is
// 20 sigma^2 (white noise through the 4c-n-s-e-w Laplacian) times a margin;
// sigma is Immerkaer's estimate at the 25th percentile of 16x16 blocks.
constexpr double kSharpLogLo = 1.0, kSharpLogHi = 4.0;
constexpr double kNoiseFloor = 20.0 * 1.5;
constexpr int kNoiseBlock = 16;
constexpr double kNoisePercentile = 0.25;
constexpr float kMaxVsFrame = 4.f;

double Score(double energy) {
  if (energy <= 1.0) return 0.0;
  return std::clamp((std::log10(energy) - kSharpLogLo) / (kSharpLogHi - kSharpLogLo), 0.0, 1.0);
}

struct Luma {
  int w = 0, h = 0;
  std::vector<int> v;
  int at(int x, int y) const { return v[static_cast<size_t>(y) * w + x]; }
};

Luma ToLuma(const ImageView& rgba) {
  Luma l;
  l.w = rgba.width;
  l.h = rgba.height;
  l.v.resize(static_cast<size_t>(l.w) * l.h);
  for (int y = 0; y < l.h; ++y) {
    const uint8_t* row = rgba.Row(y);
    for (int x = 0; x < l.w; ++x) {
      const uint8_t* px = row + 4 * x;
      l.v[static_cast<size_t>(y) * l.w + x] = (54 * px[0] + 183 * px[1] + 19 * px[2] + 128) >> 8;
    }
  }
  return l;
}

// Mean squared Laplacian over the interior pixels of [x0, x1) x [y0, y1).
double LaplacianEnergy(const Luma& l, int x0, int y0, int x1, int y1) {
  x0 = std::max(x0, 1), y0 = std::max(y0, 1);
  x1 = std::min(x1, l.w - 1), y1 = std::min(y1, l.h - 1);
  double sum = 0;
  int64_t n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const int lap =
          4 * l.at(x, y) - l.at(x - 1, y) - l.at(x + 1, y) - l.at(x, y - 1) - l.at(x, y + 1);
      sum += static_cast<double>(lap) * lap;
      ++n;
    }
  }
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}

// Immerkaer's noise sigma, per block, at a low percentile (texture is not noise).
double NoiseSigma(const Luma& l) {
  std::vector<double> sigmas;
  for (int by = 1; by + 2 < l.h; by += kNoiseBlock) {
    for (int bx = 1; bx + 2 < l.w; bx += kNoiseBlock) {
      int64_t sum_abs = 0, sum_luma = 0, n = 0;
      for (int y = by; y < std::min(by + kNoiseBlock, l.h - 1); ++y) {
        for (int x = bx; x < std::min(bx + kNoiseBlock, l.w - 1); ++x) {
          const int r = l.at(x - 1, y - 1) - 2 * l.at(x, y - 1) + l.at(x + 1, y - 1) -
                        2 * l.at(x - 1, y) + 4 * l.at(x, y) - 2 * l.at(x + 1, y) +
                        l.at(x - 1, y + 1) - 2 * l.at(x, y + 1) + l.at(x + 1, y + 1);
          sum_abs += std::abs(r);
          sum_luma += l.at(x, y);
          ++n;
        }
      }
      if (n < 64) continue;
      const double mean = static_cast<double>(sum_luma) / n;
      if (mean < 8 || mean > 247) continue;  // clipped: noise flattened
      sigmas.push_back(std::sqrt(std::numbers::pi / 2.0) / 6.0 * static_cast<double>(sum_abs) / n);
    }
  }
  if (sigmas.empty()) return 0.0;
  const size_t k = static_cast<size_t>(kNoisePercentile * (sigmas.size() - 1) + 0.5);
  std::nth_element(sigmas.begin(), sigmas.begin() + k, sigmas.end());
  return sigmas[k];
}

struct FaceStats {
  int people = 0;
  int eyes_known = 0, eyes_closed = 0;
  int sharp_known = 0, soft = 0;
  int smile_known = 0;
  float smile_sum = 0;
  float sharpness_sum = 0;
  float largest_area = 0;
};

// A detection counts as a person when it is confident on its own
// (face_alone_score), or plausible (face_min_score) and one of several in the
// photo: a lone middling detection is as often an animal's face, a toy or a
// pattern as a person's.
bool IsPerson(const FaceEvidence& f, const PhotoRecord& r, const CurationParams& p) {
  if (f.score < p.face_min_score || f.width * f.height < p.face_min_area) return false;
  if (f.score >= p.face_alone_score) return true;
  int plausible = 0;
  for (const FaceEvidence& g : r.faces) {
    plausible += g.score >= p.face_min_score && g.width * g.height >= p.face_min_area;
  }
  return plausible >= 2;
}

FaceStats Stats(const PhotoRecord& r, const CurationParams& p) {
  FaceStats s;
  for (const FaceEvidence& f : r.faces) {
    if (!IsPerson(f, r, p)) continue;
    ++s.people;
    s.largest_area = std::max(s.largest_area, f.width * f.height);
    if (f.eyes_open >= 0) {
      ++s.eyes_known;
      s.eyes_closed += f.eyes_open < p.eyes_open_min;
    }
    if (f.sharpness >= 0) {
      ++s.sharp_known;
      s.sharpness_sum += f.sharpness;
      const bool sharp =
          f.sharpness >= p.face_sharp_abs ||
          (f.sharpness_vs_frame >= 0 && f.sharpness_vs_frame >= p.face_sharp_vs_frame);
      s.soft += !sharp;
    }
    if (f.smile >= 0) {
      ++s.smile_known;
      s.smile_sum += f.smile;
    }
  }
  return s;
}

std::string People(int n) { return n == 1 ? "1 person" : std::to_string(n) + " people"; }

std::string OfFaces(int k, int n) {
  return std::to_string(k) + " of " + std::to_string(n) + (n == 1 ? " face" : " faces");
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void MeasureFaceSharpness(const ImageView& rgba, std::vector<FaceEvidence>* faces) {
  if (faces->empty() || rgba.empty() || rgba.format != PixelFormat::kRGBA8 || rgba.width < 8 ||
      rgba.height < 8) {
    return;
  }
  Image reduced;
  ImageView view = rgba;
  if (std::max(rgba.width, rgba.height) > kFaceWorkLongSide) {
    StatusOr<Image> t = MakeThumbnail(rgba, kFaceWorkLongSide);
    if (!t.ok()) return;
    reduced = std::move(t).value();
    view = reduced.View();
  }
  const Luma l = ToLuma(view);
  const double sigma = NoiseSigma(l);
  const double floor = kNoiseFloor * sigma * sigma;
  const double frame = LaplacianEnergy(l, 0, 0, l.w, l.h) - floor;
  for (FaceEvidence& f : *faces) {
    const float inset_x = f.width * kFaceInset, inset_y = f.height * kFaceInset;
    const int x0 = static_cast<int>(std::floor((f.x + inset_x) * l.w));
    const int y0 = static_cast<int>(std::floor((f.y + inset_y) * l.h));
    const int x1 = static_cast<int>(std::ceil((f.x + f.width - inset_x) * l.w));
    const int y1 = static_cast<int>(std::ceil((f.y + f.height - inset_y) * l.h));
    if (std::min(x1, l.w - 1) - std::max(x0, 1) < kFaceMinSide ||
        std::min(y1, l.h - 1) - std::max(y0, 1) < kFaceMinSide) {
      continue;  // too small (or outside the frame) to measure: stays -1
    }
    const double e = LaplacianEnergy(l, x0, y0, x1, y1) - floor;
    f.sharpness = static_cast<float>(Score(e));
    f.sharpness_vs_frame =
        frame > 1.0 ? std::clamp(static_cast<float>(std::max(0.0, e) / frame), 0.f, kMaxVsFrame)
                    : -1.f;
  }
}

void FindFocus(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s) {
  PhotoFocus& f = s->focus;
  f = PhotoFocus{};
  if (r.faces_ran) {
    float x0 = 1, y0 = 1, x1 = 0, y1 = 0;
    for (const FaceEvidence& face : r.faces) {
      if (!IsPerson(face, r, p)) continue;
      ++f.faces;
      x0 = std::min(x0, face.x), y0 = std::min(y0, face.y);
      x1 = std::max(x1, face.x + face.width), y1 = std::max(y1, face.y + face.height);
    }
    if (f.faces > 0 && x1 > x0 && y1 > y0) {
      f.kind = PhotoFocus::Kind::kFaces;
      f.x = x0, f.y = y0, f.width = x1 - x0, f.height = y1 - y0;
      return;
    }
    f.faces = 0;
  }
  const std::vector<float>& rs = r.metrics.region_sharpness;
  const int grid = static_cast<int>(std::lround(std::sqrt(static_cast<double>(rs.size()))));
  if (grid < 2 || static_cast<size_t>(grid) * grid != rs.size()) return;
  for (float v : rs) {
    if (!std::isfinite(v)) return;
  }
  std::vector<float> sorted = rs;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const float median = n % 2 ? sorted[n / 2] : 0.5f * (sorted[n / 2 - 1] + sorted[n / 2]);
  const int best = static_cast<int>(std::max_element(rs.begin(), rs.end()) - rs.begin());
  const float lift = rs[best] - median;
  if (lift < p.focus_region_lift) return;
  f.kind = PhotoFocus::Kind::kSharpRegion;
  f.region = best;
  f.grid = grid;
  f.lift = lift;
  f.x = static_cast<float>(best % grid) / grid;
  f.y = static_cast<float>(best / grid) / grid;
  f.width = f.height = 1.f / grid;
}

void ScorePeople(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s) {
  if (!r.faces_ran) return;
  const FaceStats st = Stats(r, p);
  s->people = st.people;
  if (st.people == 0) return;
  const float prominence = Clamp01(std::sqrt(st.largest_area / p.face_full_area));
  // Share of faces without a known flaw (soft, eyes closed); unknowns are no flaw.
  int flawed = 0;
  for (const FaceEvidence& f : r.faces) {
    if (!IsPerson(f, r, p)) continue;
    const bool closed = f.eyes_open >= 0 && f.eyes_open < p.eyes_open_min;
    const bool soft = f.sharpness >= 0 && f.sharpness < p.face_sharp_abs &&
                      !(f.sharpness_vs_frame >= p.face_sharp_vs_frame);
    flawed += closed || soft;
  }
  const float good = 1.f - static_cast<float>(flawed) / static_cast<float>(st.people);
  const float smile = st.smile_known > 0 ? st.smile_sum / static_cast<float>(st.smile_known) : good;
  const float quality = Clamp01((1.f - p.smile_bonus) * good + p.smile_bonus * smile);
  const float part = prominence * quality;
  s->score.content = Clamp01(s->score.content + p.w_people * part);

  std::string text = People(st.people);
  const bool one = st.people == 1;
  if (st.sharp_known > 0) {
    if (st.soft == 0) {
      text += one ? ", face sharp" : ", faces sharp";
    } else {
      text += one ? ", face soft" : ", " + OfFaces(st.soft, st.sharp_known) + " soft";
    }
  }
  if (st.eyes_known > 0) {
    if (st.eyes_closed > 0) {
      text += ", eyes closed in " + OfFaces(st.eyes_closed, st.eyes_known);
    } else {
      text += one ? ", eyes open" : ", eyes open in all faces";
    }
  }
  if (st.smile_known > 0 && st.smile_sum / static_cast<float>(st.smile_known) >= 0.5f) {
    text += one ? ", smiling" : ", smiles";
  }
  if (prominence < 0.35f)
    text += one ? " (a small face in the frame)" : " (small faces in the frame)";
  s->reasons.push_back({"people", text, p.w_content * p.w_people * part});
}

FaceFacets FacesOf(const PhotoRecord& r, const CurationParams& p) {
  FaceFacets f;
  if (!r.faces_ran) return f;
  const FaceStats st = Stats(r, p);
  f.people = st.people;
  if (st.people == 0) return f;
  f.has_faces = true;
  if (st.eyes_known > 0) {
    f.eyes_open = 1.f - static_cast<float>(st.eyes_closed) / static_cast<float>(st.eyes_known);
    f.eyes_known = st.eyes_known;
    f.eyes_closed = st.eyes_closed;
  }
  if (st.smile_known > 0) f.smile = st.smile_sum / static_cast<float>(st.smile_known);
  if (st.sharp_known > 0) f.sharpness = st.sharpness_sum / static_cast<float>(st.sharp_known);
  return f;
}

void FacesForBest(const std::vector<PhotoRecord>& records, const std::vector<int>& members,
                  const CurationParams& p, std::vector<float>* part,
                  std::vector<FaceFacets>* facets) {
  part->assign(members.size(), 0.f);
  facets->assign(members.size(), FaceFacets{});
  bool eyes = true, smile = true, sharp = true;
  for (size_t k = 0; k < members.size(); ++k) {
    (*facets)[k] = FacesOf(records[members[k]], p);
    const FaceFacets& f = (*facets)[k];
    // Only members that all show people are compared on their faces; one
    // frame without a detection (a turned head) leaves the group as it was.
    if (!f.has_faces) return;
    eyes = eyes && f.eyes_open >= 0;
    smile = smile && f.smile >= 0;
    sharp = sharp && f.sharpness >= 0;
  }
  for (size_t k = 0; k < members.size(); ++k) {
    FaceFacets& f = (*facets)[k];
    f.compared = true;
    f.use_eyes = eyes;
    f.use_smile = smile;
    f.use_sharpness = sharp;
    (*part)[k] = (eyes ? p.best_eyes_open_weight * f.eyes_open : 0.f) +
                 (smile ? p.best_smile_weight * f.smile : 0.f) +
                 (sharp ? p.best_face_sharpness_weight * f.sharpness : 0.f);
  }
}

void FaceReasons(const std::vector<PhotoRecord>& records, const std::vector<int>& members,
                 const std::vector<FaceFacets>& facets, size_t best, size_t rival,
                 const CurationParams& p, std::vector<Reason>* reasons) {
  if (facets.empty() || !facets[best].compared) return;
  const FaceFacets& b = facets[best];
  if (b.use_eyes) {
    // Against the member with the most closed eyes, the blink worth naming.
    size_t worst = best;
    for (size_t k = 0; k < facets.size(); ++k) {
      if (facets[k].eyes_open < facets[worst].eyes_open) worst = k;
    }
    if (worst != best && facets[worst].eyes_open < b.eyes_open) {
      const FaceFacets& w = facets[worst];
      std::string text = b.eyes_closed == 0 ? std::string("eyes open") : "fewer eyes closed";
      text += "; eyes closed in " + OfFaces(w.eyes_closed, w.eyes_known) + " in " +
              BaseName(records[members[worst]].path);
      reasons->push_back(
          {"eyes_open", text, p.best_eyes_open_weight * (b.eyes_open - w.eyes_open)});
    }
  }
  if (rival >= facets.size()) return;
  const FaceFacets& r = facets[rival];
  if (b.use_sharpness && b.sharpness > r.sharpness + 0.02f) {
    reasons->push_back({"sharper_face",
                        "sharper face (" + Fixed(b.sharpness, 2) + " vs " + Fixed(r.sharpness, 2) +
                            " in " + BaseName(records[members[rival]].path) + ")",
                        p.best_face_sharpness_weight * (b.sharpness - r.sharpness)});
  }
  if (b.use_smile && b.smile > r.smile + 0.1f) {
    reasons->push_back({"smile", b.people == 1 ? "smiling more" : "more smiles",
                        p.best_smile_weight * (b.smile - r.smile)});
  }
}

void FindPeopleMoments(const std::vector<PhotoRecord>& records, const CurationParams& p,
                       Suggestions* s, std::vector<Moment>* out) {
  const std::vector<PhotoSuggestion>& ps = s->photos;
  // Time order, undated photos after in scan order.
  std::vector<int> order;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].status.ok() && records[i].kind.kind == PhotoKind::kPhoto && !ps[i].excluded &&
        ps[i].people > 0) {
      order.push_back(static_cast<int>(i));
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    if (ps[a].has_time != ps[b].has_time) return ps[a].has_time;
    return ps[a].has_time && ps[a].local_ms < ps[b].local_ms;
  });
  std::vector<int> portraits, groups;
  for (int i : order) {
    const FaceStats st = Stats(records[i], p);
    if (st.people >= p.group_min_people) {
      groups.push_back(i);
    } else if (st.largest_area >= p.portrait_min_area) {
      portraits.push_back(i);
    }
  }
  auto emit = [&](std::vector<int> members, const char* title, Reason why) {
    if (static_cast<int>(members.size()) < std::max(1, p.people_moment_min)) return;
    Moment m;
    m.type = Moment::Type::kPeople;
    m.title = title;
    m.members = std::move(members);
    m.has_time = false;
    for (int i : m.members) {
      if (!ps[i].has_time) continue;
      if (!m.has_time) m.start_ms = m.end_ms = ps[i].local_ms;
      m.start_ms = std::min(m.start_ms, ps[i].local_ms);
      m.end_ms = std::max(m.end_ms, ps[i].local_ms);
      m.has_time = true;
    }
    m.reasons.push_back(std::move(why));
    out->push_back(std::move(m));
  };
  const int portrait_pct = static_cast<int>(std::lround(100 * p.portrait_min_area));
  emit(
      portraits, "Portraits",
      {"portraits",
       std::to_string(portraits.size()) + " photos of one or two people, a face filling at least " +
           std::to_string(portrait_pct) + "% of the frame",
       0});
  emit(groups, "Group shots",
       {"group_shots",
        std::to_string(groups.size()) + " photos with " + std::to_string(p.group_min_people) +
            " or more people",
        0});
}

void CountMomentPeople(const std::vector<PhotoRecord>& records,
                       const std::vector<PhotoSuggestion>& ps, Moment* m) {
  for (int i : m->members) {
    if (!records[i].faces_ran) continue;
    m->people_max = std::max({m->people_max, 0, ps[i].people});
    m->people_photos += ps[i].people > 0;
  }
}

}  // namespace gemroll::curate_internal
