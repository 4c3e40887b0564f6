// Duplicate and burst groups. Candidate pairs come from buckets, never from
// all pairs: identical bytes by hash, the same picture by a 4 x 16-bit
// multi-index on pHash (one-bit probes), edits by identical capture instants,
// bursts by time (or file-order) neighbours. Groups are connected components.
#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

#include "curate/curate_internal.h"

namespace gemroll::curate_internal {

namespace {

enum LinkKind : uint8_t { kExact = 0, kNear = 1, kEdited = 2, kBurst = 3, kNoLink = 255 };

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int Find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  bool Unite(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    parent[std::max(a, b)] = std::min(a, b);
    return true;
  }
};

int Popcount(uint64_t v) { return std::popcount(v); }

// The 8 dihedral variants of a record's pHash (just the upright one when the
// dihedral set was not filled in).
int Variants(const PhotoRecord& r, uint64_t out[16]) {
  int n = 0;
  const auto& d = r.metrics.phash_dihedral;
  if (d[0] == r.metrics.phash) {
    for (uint64_t v : d) out[n++] = v;
  } else {
    out[n++] = r.metrics.phash;
  }
  if (r.has_trimmed_hash) {
    for (uint64_t v : r.trimmed_dihedral) out[n++] = v;
  }
  std::sort(out, out + n);
  return static_cast<int>(std::unique(out, out + n) - out);
}

bool SameCamera(const PhotoRecord& a, const PhotoRecord& b) {
  return a.exif.make == b.exif.make && a.exif.model == b.exif.model;
}

std::string ParentDir(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// Long side / short side, 1 decimal bucket: the camera's native frame shape.
int AspectKey(int w, int h) {
  if (w <= 0 || h <= 0) return 0;
  return static_cast<int>(std::lround(10.0 * std::max(w, h) / std::min(w, h)));
}

}  // namespace

int MinDihedralDistance(const PhotoRecord& a, const PhotoRecord& b) {
  uint64_t va[16];
  const int na = Variants(a, va);
  int best = 64;
  const uint64_t ub[2] = {b.metrics.phash, b.trimmed_dihedral[0]};
  for (int i = 0; i < na; ++i) {
    for (int k = 0; k < (b.has_trimmed_hash ? 2 : 1); ++k)
      best = std::min(best, Popcount(va[i] ^ ub[k]));
  }
  return best;
}

void FindGroups(const std::vector<PhotoRecord>& records, const CurationParams& p,
                std::vector<PhotoSuggestion>* photos, std::vector<PhotoGroup>* groups) {
  const int n = static_cast<int>(records.size());
  std::vector<PhotoSuggestion>& ps = *photos;
  UnionFind uf(n);
  std::vector<uint8_t> strongest(n, kNoLink);
  std::vector<uint8_t> burst_linked(n, 0);
  // Only a camera's capture time tells two shots apart: an export without
  // EXIF, or one whose only date is an editor's (no camera make or model),
  // must still join the original it copies.
  std::vector<uint8_t> camera_time(n, 0);
  for (int i = 0; i < n; ++i) {
    camera_time[i] =
        ps[i].has_time && (!records[i].exif.make.empty() || !records[i].exif.model.empty());
  }
  // Dated span of each duplicate component (at its root): an undated export
  // must not bridge two different shots into one "same picture".
  std::vector<int64_t> span_lo(n, INT64_MAX), span_hi(n, INT64_MIN);
  for (int i = 0; i < n; ++i) {
    if (camera_time[i]) span_lo[i] = span_hi[i] = ps[i].local_ms;
  }
  auto link = [&](int a, int b, LinkKind kind) {
    const int ra = uf.Find(a), rb = uf.Find(b);
    if (kind == kBurst && ra == rb) return;  // already the same picture
    const int64_t lo = std::min(span_lo[ra], span_lo[rb]), hi = std::max(span_hi[ra], span_hi[rb]);
    if ((kind == kNear || kind == kEdited) && lo != INT64_MAX &&
        hi - lo > p.same_capture_max_seconds * 1000) {
      return;
    }
    uf.Unite(a, b);
    const int r = uf.Find(a);
    span_lo[r] = lo;
    span_hi[r] = hi;
    strongest[a] = std::min<uint8_t>(strongest[a], kind);
    strongest[b] = std::min<uint8_t>(strongest[b], kind);
    if (kind == kBurst) burst_linked[a] = burst_linked[b] = 1;
  };
  std::vector<int> ok;
  for (int i = 0; i < n; ++i) {
    if (records[i].status.ok()) ok.push_back(i);
  }
  auto different_shots = [&](int a, int b) {
    return camera_time[a] && camera_time[b] &&
           std::abs(ps[a].local_ms - ps[b].local_ms) > p.same_capture_max_seconds * 1000;
  };

  // 1. Identical bytes. Sorting compact keys, not the (large) records.
  {
    struct Key {
      uint64_t hash, size;
      int index;
    };
    std::vector<Key> keys;
    keys.reserve(ok.size());
    for (int i : ok) keys.push_back({records[i].content_hash, records[i].file_size, i});
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      return std::tie(a.hash, a.size, a.index) < std::tie(b.hash, b.size, b.index);
    });
    for (size_t k = 1; k < keys.size(); ++k) {
      if (keys[k].hash == keys[k - 1].hash && keys[k].size == keys[k - 1].size)
        link(keys[k - 1].index, keys[k].index, kExact);
    }
  }

  // 2. The same picture: multi-index hashing. Any two hashes within 7 bits
  // agree to within one bit on at least one of their four 16-bit chunks, so
  // probing each chunk's key and its 16 one-bit neighbours finds every
  // upright match. Mirrored/rotated variants (7 per photo) probe exact chunk
  // keys only: guaranteed up to 3 bits, most matches up to 7; a full probe
  // for them would cost 8x for a rare case (EXIF rotation is already upright).
  const int max_bits = std::min(p.duplicate_max_bits, 7);
  {
    struct Entry {
      uint64_t hash;
      int photo;
    };
    std::vector<Entry> entries;
    entries.reserve(ok.size() * 2);
    for (int i : ok) {
      entries.push_back({records[i].metrics.phash, i});
      if (records[i].has_trimmed_hash) entries.push_back({records[i].trimmed_dihedral[0], i});
    }
    constexpr int kChunks = 4, kKeys = 1 << 16;
    // Per chunk, entries stored inline and grouped by key (CSR): one random
    // access per probe.
    std::vector<uint32_t> start[kChunks];
    std::vector<Entry> table[kChunks];
    for (int c = 0; c < kChunks; ++c) {
      start[c].assign(kKeys + 1, 0);
      for (const Entry& e : entries) ++start[c][((e.hash >> (16 * c)) & 0xffff) + 1];
      for (int k = 0; k < kKeys; ++k) start[c][k + 1] += start[c][k];
      table[c].resize(entries.size());
      std::vector<uint32_t> fill(start[c].begin(), start[c].end() - 1);
      for (const Entry& e : entries) table[c][fill[(e.hash >> (16 * c)) & 0xffff]++] = e;
    }
    auto probe_bucket = [&](int i, uint64_t q, int c, uint32_t key, bool upright) {
      for (uint32_t s = start[c][key], end = start[c][key + 1]; s < end; ++s) {
        const Entry& e = table[c][s];
        // Upright pairs are symmetric: each is found from both ends, keep one.
        if ((upright ? e.photo <= i : e.photo == i) || Popcount(e.hash ^ q) > max_bits) continue;
        if (different_shots(i, e.photo)) continue;
        link(i, e.photo, kNear);
      }
    };
    // Upright queries walk each table in key order, so the probes of
    // consecutive queries land on nearby buckets (cache-friendly sweeps).
    for (int c = 0; c < kChunks; ++c) {
      for (const Entry& q : table[c]) {
        const uint32_t key = (q.hash >> (16 * c)) & 0xffff;
        probe_bucket(q.photo, q.hash, c, key, true);
        for (int b = 0; b < 16; ++b) probe_bucket(q.photo, q.hash, c, key ^ (1u << b), true);
      }
    }
    uint64_t variants[16];
    for (int i : ok) {
      const PhotoRecord& r = records[i];
      const int nv = Variants(r, variants);
      for (int v = 0; v < nv; ++v) {
        const uint64_t q = variants[v];
        if (q == r.metrics.phash || (r.has_trimmed_hash && q == r.trimmed_dihedral[0])) continue;
        for (int c = 0; c < kChunks; ++c) probe_bucket(i, q, c, (q >> (16 * c)) & 0xffff, false);
      }
    }
  }

  // 3. Edited exports of one capture: identical timestamp to the millisecond
  // (sub-seconds recorded) and the same camera.
  {
    std::vector<int> dated;
    for (int i : ok) {
      if (ps[i].has_time && !records[i].exif.subsec_time_original.empty()) dated.push_back(i);
    }
    std::sort(dated.begin(), dated.end(), [&](int a, int b) {
      return std::tie(ps[a].local_ms, records[a].exif.model, a) <
             std::tie(ps[b].local_ms, records[b].exif.model, b);
    });
    constexpr size_t kMaxBucket = 32;  // bounds the pairwise check inside one instant
    for (size_t s = 0; s < dated.size();) {
      size_t e = s + 1;
      while (e < dated.size() && ps[dated[e]].local_ms == ps[dated[s]].local_ms) ++e;
      for (size_t a = s; a < e && a < s + kMaxBucket; ++a) {
        for (size_t b = a + 1; b < e && b < s + kMaxBucket; ++b) {
          const PhotoRecord& ra = records[dated[a]];
          const PhotoRecord& rb = records[dated[b]];
          if (!SameCamera(ra, rb) || ra.exif.make.empty()) continue;
          if (MinDihedralDistance(ra, rb) <= p.edited_max_bits) link(dated[a], dated[b], kEdited);
        }
      }
      s = e;
    }
  }

  // 4. Bursts: consecutive frames of one camera within seconds.
  {
    std::vector<int> undated;
    std::vector<std::pair<int64_t, int>> dated_keys;
    for (int i : ok) {
      if (ps[i].has_time) {
        dated_keys.push_back({ps[i].local_ms, i});
      } else {
        undated.push_back(i);
      }
    }
    std::sort(dated_keys.begin(), dated_keys.end());
    std::vector<int> dated(dated_keys.size());
    for (size_t k = 0; k < dated.size(); ++k) dated[k] = dated_keys[k].second;
    constexpr int kLookahead = 3;  // frames of another camera may interleave
    for (size_t a = 0; a < dated.size(); ++a) {
      for (size_t b = a + 1; b < dated.size() && b <= a + kLookahead; ++b) {
        if (ps[dated[b]].local_ms - ps[dated[a]].local_ms > p.burst_max_gap_seconds * 1000) break;
        const PhotoRecord& ra = records[dated[a]];
        const PhotoRecord& rb = records[dated[b]];
        if (!SameCamera(ra, rb)) continue;
        if (Popcount(ra.metrics.phash ^ rb.metrics.phash) <= p.burst_max_bits)
          link(dated[a], dated[b], kBurst);
      }
    }
    if (p.undated_sequence_bursts) {
      std::sort(undated.begin(), undated.end(),
                [&](int a, int b) { return records[a].path < records[b].path; });
      for (size_t k = 1; k < undated.size(); ++k) {
        const PhotoRecord& ra = records[undated[k - 1]];
        const PhotoRecord& rb = records[undated[k]];
        if (ra.width != rb.width || ra.height != rb.height || !SameCamera(ra, rb)) continue;
        if (ParentDir(ra.path) != ParentDir(rb.path)) continue;
        if (Popcount(ra.metrics.phash ^ rb.metrics.phash) <= p.burst_max_bits) {
          link(undated[k - 1], undated[k], kBurst);
        }
      }
    }
  }

  // Components of two or more become groups.
  std::unordered_map<int, std::vector<int>> components;
  for (int i : ok) {
    if (strongest[i] != kNoLink) components[uf.Find(i)].push_back(i);
  }
  // The camera's native frame shape: the commonest aspect per camera model.
  std::map<std::pair<std::string, std::string>, std::map<int, int>> aspect_counts;
  for (int i : ok) {
    if (!records[i].exif.make.empty()) {
      ++aspect_counts[{records[i].exif.make, records[i].exif.model}]
                     [AspectKey(records[i].width, records[i].height)];
    }
  }
  auto native_aspect = [&](const PhotoRecord& r) {
    auto it = aspect_counts.find({r.exif.make, r.exif.model});
    if (it == aspect_counts.end()) return 0;
    int best = 0, count = 0;
    for (auto [key, c] : it->second) {
      if (c > count) best = key, count = c;
    }
    return best;
  };

  std::vector<int> roots;
  for (auto& [root, m] : components) roots.push_back(root);
  std::sort(roots.begin(), roots.end());
  for (int root : roots) {
    std::vector<int>& m = components[root];
    PhotoGroup g;
    g.type = PhotoGroup::Type::kDuplicate;
    for (int i : m) {
      if (burst_linked[i]) g.type = PhotoGroup::Type::kBurst;
    }
    double max_pixels = 1, max_bpp = 0;
    for (int i : m) {
      const double px = std::max(1.0, double(records[i].width) * records[i].height);
      max_pixels = std::max(max_pixels, px);
      max_bpp = std::max(max_bpp, double(records[i].file_size) / px);
    }
    const bool duplicate = g.type == PhotoGroup::Type::kDuplicate;
    struct Cand {
      int index;
      float total, technical, resolution, original, faces;
      bool reframed;
      size_t member;  // index into m (and the face facets)
      // EXIF kept but the pixels no longer match the camera's thumbnail.
      bool thumbnail_differs = false;
      float compression = 0;
    };
    // Eyes, smiles and face sharpness count only when every member shows people.
    std::vector<float> face_part;
    std::vector<FaceFacets> facets;
    FacesForBest(records, m, p, &face_part, &facets);
    // Cameras store the sensor's frame (landscape) and say how to turn it in
    // EXIF; a copy whose pixels were turned by an editor is stored upright.
    auto stored_landscape = [&](const PhotoRecord& r) {
      return r.exif.orientation >= 5 ? r.height >= r.width : r.width >= r.height;
    };
    bool any_landscape = false;
    for (int i : m) any_landscape |= !records[i].exif.make.empty() && stored_landscape(records[i]);
    std::vector<Cand> cands;
    for (size_t k = 0; k < m.size(); ++k) {
      const int i = m[k];
      const PhotoRecord& r = records[i];
      Cand c{i, 0, ps[i].score.technical, 0, 0, face_part[k], false, k};
      const double px = std::max(1.0, double(r.width) * r.height);
      c.resolution = p.best_resolution_weight * static_cast<float>(std::log2(px / max_pixels));
      const bool camera_exif = !r.exif.make.empty() && ps[i].has_time;
      const int native = native_aspect(r);
      // The camera's thumbnail still in the EXIF block says whether these
      // pixels are the ones it rendered; it counts between copies of one
      // picture (in a burst, only for a member that is a copy of another).
      const bool copy = duplicate || strongest[i] < kBurst;
      c.thumbnail_differs = copy && r.exif_thumbnail.state == ThumbnailAgreement::State::kDiffers;
      const bool thumbnail_agrees =
          copy && r.exif_thumbnail.state == ThumbnailAgreement::State::kAgrees;
      c.reframed = c.thumbnail_differs ||
                   (camera_exif && ((native != 0 && AspectKey(r.width, r.height) != native) ||
                                    (any_landscape && !stored_landscape(r))));
      c.original = (camera_exif || thumbnail_agrees) && !c.reframed ? p.best_original_weight : 0.f;
      if (duplicate) {
        c.technical *= p.best_technical_weight_duplicate;
        const double bpp = double(r.file_size) / px;
        if (max_bpp > 0 && bpp > 0) {
          c.compression = p.best_compression_weight *
                          std::max(p.best_compression_floor, float(std::log2(bpp / max_bpp)));
        }
      }
      c.total = c.technical + c.resolution + c.original + c.faces + c.compression;
      cands.push_back(c);
    }
    std::sort(cands.begin(), cands.end(), [&](const Cand& a, const Cand& b) {
      if (a.total != b.total) return a.total > b.total;
      const std::string& pa = records[a.index].path;
      const std::string& pb = records[b.index].path;
      if (pa.size() != pb.size()) return pa.size() < pb.size();  // "x.jpg" before "x (1).jpg"
      return pa < pb;
    });
    const Cand& best = cands[0];
    g.best = best.index;
    const PhotoRecord& rb = records[best.index];
    for (const Cand& c : cands) {
      g.members.push_back(c.index);
      const PhotoRecord& r = records[c.index];
      std::string rel;
      if (c.index == best.index) {
        rel = g.type == PhotoGroup::Type::kBurst ? "best_frame" : "original";
      } else if (r.content_hash == rb.content_hash && r.file_size == rb.file_size) {
        rel = "exact_copy";
      } else if (strongest[c.index] == kEdited || c.reframed) {
        rel = "edited_version";
      } else if (strongest[c.index] == kBurst) {
        rel = "burst_frame";
      } else {
        rel = "near_duplicate";
      }
      g.relations.push_back(rel);
    }
    auto best_bpp = [&](const Cand& c) {
      const PhotoRecord& r = records[c.index];
      return double(r.file_size) / std::max(1.0, double(r.width) * r.height);
    };
    // Why the best won, against the strongest runner-up that is not a copy.
    const Cand* rival = nullptr;
    for (size_t k = 1; k < cands.size(); ++k) {
      const PhotoRecord& r = records[cands[k].index];
      if (!(r.content_hash == rb.content_hash && r.file_size == rb.file_size)) {
        rival = &cands[k];
        break;
      }
    }
    if (!rival) {
      g.reasons.push_back(
          {"identical_files", "all members are byte-identical copies; kept the plainest name", 0});
    } else {
      FaceReasons(records, m, facets, best.member, rival->member, p, &g.reasons);
      const PhotoRecord& rr = records[rival->index];
      if (best.technical > rival->technical + 0.02f) {
        g.reasons.push_back(
            {"better_quality",
             "better technical quality (" + Fixed(ps[best.index].score.technical, 2) + " vs " +
                 Fixed(ps[rival->index].score.technical, 2) + ": sharper or better exposed)",
             best.technical - rival->technical});
      }
      if (best.resolution > rival->resolution + 1e-4f) {
        g.reasons.push_back({"higher_resolution",
                             "higher resolution (" + std::to_string(rb.width) + "x" +
                                 std::to_string(rb.height) + " vs " + std::to_string(rr.width) +
                                 "x" + std::to_string(rr.height) + ")",
                             best.resolution - rival->resolution});
      }
      if (best.compression > rival->compression + 0.01f) {
        g.reasons.push_back({"less_compressed",
                             "less compressed (" + Fixed(8 * best_bpp(best), 1) + " vs " +
                                 Fixed(8 * best_bpp(*rival), 1) + " bits per pixel)",
                             best.compression - rival->compression});
      }
      if (best.original > rival->original) {
        std::string why = "keeps the camera's EXIF (capture time, make) unlike the export";
        if (rival->thumbnail_differs) {
          why = "the camera's original pixels: " + rr.path +
                " no longer matches the thumbnail the camera stored in its EXIF (differs by " +
                Fixed(rr.exif_thumbnail.distance, 2) + "), so it was edited after";
        } else if (rival->reframed) {
          why = "the camera's original frame rather than a cropped/edited export";
        }
        g.reasons.push_back({"original", why, best.original - rival->original});
      }
      if (g.reasons.empty()) {
        g.reasons.push_back(
            {"tie", "members are alike; kept the best-scoring and plainest-named one", 0});
      }
    }
    const int gi = static_cast<int>(groups->size());
    for (size_t k = 0; k < g.members.size(); ++k) {
      const int i = g.members[k];
      ps[i].group = gi;
      ps[i].group_best = i == g.best;
      if (i != g.best) {
        ps[i].excluded = true;
        const std::string what = g.type == PhotoGroup::Type::kBurst ? "burst" : "duplicate";
        ps[i].reasons.push_back(
            {"not_best_in_group",
             g.relations[k] + " in a " + what + " group; " + records[g.best].path + " is kept", 0});
      }
    }
    groups->push_back(std::move(g));
  }
}

}  // namespace gemroll::curate_internal
