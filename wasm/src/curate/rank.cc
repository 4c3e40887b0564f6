// Gem scores (technical, content, uniqueness: named parts and a weighted
// total) and diverse picks.
#include <algorithm>
#include <bit>
#include <cmath>

#include "curate/curate_internal.h"

namespace gemroll::curate_internal {

void ScoreTechnicalAndContent(const PhotoRecord& r, const CurationParams& p, PhotoSuggestion* s) {
  const PhotoMetrics& m = r.metrics;
  s->score.technical = Clamp01(r.quality.technical);
  const float colour = Clamp01(m.colorfulness / p.colorfulness_full);
  const float contrast = Clamp01(m.contrast / p.contrast_full);
  const float camera = r.exif.make.empty() && r.exif.model.empty() ? 0.f : 1.f;
  s->score.content = Clamp01(p.w_colour * colour + p.w_contrast * contrast + p.w_camera * camera);

  if (r.kind.kind != PhotoKind::kPhoto) {
    s->excluded = true;
    std::string text = std::string("a ") + PhotoKindName(r.kind.kind) + ", not a photo";
    if (!r.kind.reasons.empty()) text += " (" + r.kind.reasons[0].text + ")";
    s->reasons.push_back({"junk_kind", text, 0});
  }
  if (r.quality.blurry) {
    s->excluded = true;
    s->reasons.push_back(
        {"junk_blurry",
         r.quality.blur_type.empty() ? std::string("blurry") : r.quality.blur_type + " blur", 0});
  } else if (s->score.technical < p.junk_max_technical) {
    s->excluded = true;
    s->reasons.push_back({"junk_low_quality",
                          "technical quality " + Fixed(s->score.technical, 2) + " is too low", 0});
  }
  if (r.quality.too_dark) s->reasons.push_back({"too_dark", "too dark", 0});
  if (r.quality.too_bright) s->reasons.push_back({"too_bright", "too bright", 0});
}

void ScoreUniquenessAndGem(const std::vector<PhotoRecord>& records, const CurationParams& p,
                           std::vector<PhotoSuggestion>* photos) {
  std::vector<PhotoSuggestion>& ps = *photos;
  // Time order (undated photos after, in path order): a photo is unique when
  // nothing shot around it looks like it. Members of its own group do not count.
  struct Key {
    int undated;
    int64_t ms;
    int index;
  };
  std::vector<Key> keys;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].status.ok()) {
      keys.push_back(
          {ps[i].has_time ? 0 : 1, ps[i].has_time ? ps[i].local_ms : 0, static_cast<int>(i)});
    }
  }
  // Records arrive in scan (path) order, so the index breaks ties by path.
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.undated, a.ms, a.index) < std::tie(b.undated, b.ms, b.index);
  });
  std::vector<int> order(keys.size());
  std::vector<uint64_t> hash(keys.size());
  std::vector<int> group(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    order[k] = keys[k].index;
    hash[k] = records[order[k]].metrics.phash;
    group[k] = ps[order[k]].group;
  }
  const int k = std::max(1, p.uniqueness_neighbours);
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const int i = order[pos];
    PhotoSuggestion& s = ps[i];
    int nearest = 64;
    const size_t lo = pos >= static_cast<size_t>(k) ? pos - k : 0;
    const size_t hi = std::min(order.size(), pos + k + 1);
    for (size_t q = lo; q < hi; ++q) {
      if (q == pos || keys[q].undated != keys[pos].undated) continue;
      if (group[pos] >= 0 && group[q] == group[pos]) continue;
      nearest = std::min(nearest, std::popcount(hash[pos] ^ hash[q]));
    }
    s.score.uniqueness =
        Clamp01(static_cast<float>(nearest) / static_cast<float>(p.uniqueness_full_bits));
    s.score.gem = Clamp01(p.w_technical * s.score.technical + p.w_content * s.score.content +
                          p.w_uniqueness * s.score.uniqueness);
    // The parts are in `scores`; reasons only name what stands out.
    if (nearest >= p.uniqueness_full_bits && nearest < 64) {
      s.reasons.push_back(
          {"unique", "nothing similar shot around it", p.w_uniqueness * s.score.uniqueness});
    }
    if (records[i].provisional) {
      // A 160-pixel preview shows tones, not sharpness: say what it is.
      s.reasons.push_back({"provisional", "a first look from the small preview inside the file",
                           p.w_technical * s.score.technical});
    } else if (s.score.technical >= 0.8f) {
      s.reasons.push_back(
          {"technically_strong", "sharp and well exposed", p.w_technical * s.score.technical});
    }
    if (s.group_best && s.group >= 0) {
      s.reasons.push_back({"best_in_group", "best of its group", 0});
    }
  }
}

std::vector<int> PickDiverse(const std::vector<PhotoRecord>& records,
                             const std::vector<PhotoSuggestion>& photos,
                             const std::vector<int>& members, const CurationParams& p) {
  std::vector<int> cands;
  for (int i : members) {
    if (!photos[i].excluded) cands.push_back(i);
  }
  if (cands.empty()) return {};
  const int want =
      std::clamp(static_cast<int>(std::lround(std::sqrt(double(cands.size())))), 1, p.picks_max);
  std::stable_sort(cands.begin(), cands.end(),
                   [&](int a, int b) { return photos[a].score.gem > photos[b].score.gem; });
  int64_t t0 = INT64_MAX, t1 = INT64_MIN;
  for (int i : members) {
    if (photos[i].has_time)
      t0 = std::min(t0, photos[i].local_ms), t1 = std::max(t1, photos[i].local_ms);
  }
  const int64_t min_sep = t1 > t0 ? (t1 - t0) / (2 * want) : 0;
  std::vector<int> picks;
  std::vector<uint8_t> taken(cands.size(), 0);
  // Pass 0 also spreads picks over time; pass 1 only keeps them distinct.
  for (int pass = 0; pass < 2 && static_cast<int>(picks.size()) < want; ++pass) {
    for (size_t c = 0; c < cands.size() && static_cast<int>(picks.size()) < want; ++c) {
      if (taken[c]) continue;
      const int i = cands[c];
      bool fits = true;
      for (int q : picks) {
        if (MinDihedralDistance(records[i], records[q]) < p.diverse_min_bits ||
            (pass == 0 && min_sep > 0 && photos[i].has_time && photos[q].has_time &&
             std::llabs(photos[i].local_ms - photos[q].local_ms) < min_sep)) {
          fits = false;
          break;
        }
      }
      if (fits) {
        picks.push_back(i);
        taken[c] = 1;
      }
    }
  }
  std::stable_sort(picks.begin(), picks.end(),
                   [&](int a, int b) { return photos[a].score.gem > photos[b].score.gem; });
  return picks;
}

}  // namespace gemroll::curate_internal
