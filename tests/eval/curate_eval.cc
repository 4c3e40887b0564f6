// Curation accuracy on the labelled corpus: duplicate pairs on duplicates/,
// burst sets on bursts/, event grouping on the GPS walk in
// camera/exif-samples/gps. Prints figures; exits non-zero only when the
// corpus cannot be read.
//   curate_eval [DATA_DIR]   (default: <repo>/../shared/data)
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "csv.h"
#include "gemroll/curate.h"

namespace fs = std::filesystem;
using namespace gemroll;

namespace {

// Every file under `dir` (sorted, '/' paths relative to dir) as records.
std::vector<PhotoRecord> Scan(const fs::path& dir) {
  std::vector<std::pair<std::string, fs::path>> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file())
      files.push_back({it->path().lexically_relative(dir).generic_string(), it->path()});
  }
  std::sort(files.begin(), files.end());
  std::vector<PhotoRecord> records;
  for (auto& [rel, path] : files) {
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    records.push_back(RecordFromBytes(rel, bytes.data(), bytes.size()));
  }
  return records;
}

struct Prf {
  int tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp ? double(tp) / (tp + fp) : 1; }
  double R() const { return tp + fn ? double(tp) / (tp + fn) : 1; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
};

// Pairwise scores: truth maps labelled path -> group ("" = unique); pairs
// are counted over `scored` paths only.
Prf PairScores(const std::map<std::string, std::string>& truth,
               const std::map<std::string, int>& predicted, const std::set<std::string>& scored) {
  Prf s;
  std::vector<std::string> v(scored.begin(), scored.end());
  for (size_t a = 0; a < v.size(); ++a) {
    for (size_t b = a + 1; b < v.size(); ++b) {
      const std::string& ta = truth.at(v[a]);
      const std::string& tb = truth.at(v[b]);
      const bool same_truth = !ta.empty() && ta == tb;
      auto pa = predicted.find(v[a]), pb = predicted.find(v[b]);
      const bool same_pred =
          pa != predicted.end() && pb != predicted.end() && pa->second == pb->second;
      if (same_truth && same_pred) ++s.tp;
      if (!same_truth && same_pred) ++s.fp;
      if (same_truth && !same_pred) ++s.fn;
    }
  }
  return s;
}

std::map<std::string, int> GroupOf(const std::vector<PhotoRecord>& records, const Suggestions& s) {
  std::map<std::string, int> out;
  for (size_t g = 0; g < s.groups.size(); ++g) {
    for (int i : s.groups[g].members) out[records[i].path] = static_cast<int>(g);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path data =
      argc > 1 ? fs::path(argv[1]) : fs::path(GEMROLL_SOURCE_DIR) / ".." / "shared" / "data";
  if (!fs::is_directory(data / "duplicates")) {
    std::fprintf(stderr, "curate_eval: no corpus at %s\n", data.string().c_str());
    return 2;
  }
  CurateOptions opt;
  opt.today = "2024-06-09";  // fixed: results do not depend on the day the eval runs

  // ---------------------------------------------------------- duplicates
  const fs::path dup_dir = data / "duplicates";
  std::vector<PhotoRecord> dup = Scan(dup_dir);
  const Suggestions ds = Curate(dup, opt);
  std::map<std::string, bool> ok;
  for (const PhotoRecord& r : dup) ok[r.path] = r.status.ok();
  std::map<std::string, std::string> truth;
  std::set<std::string> decodable, all_labelled;
  std::map<std::string, std::set<std::string>> per_folder;
  int undecodable_members = 0;
  for (const auto& entry : fs::directory_iterator(dup_dir)) {
    const fs::path labels = entry.path() / "labels.csv";
    if (!fs::exists(labels)) continue;
    const std::string folder = entry.path().filename().string();
    for (const std::vector<std::string>& f :
         testing::ReadCsvBody(labels)) {  // file,group,relation,note
      if (f.size() < 3 || f[0].empty()) continue;
      const std::string path = folder + "/" + f[0];
      if (f[2] == "sidecar" || !ok.count(path)) continue;  // not an image
      const std::string group = f[1] == "-" ? "" : f[1];
      truth[path] = group;
      all_labelled.insert(path);
      if (ok[path]) {
        decodable.insert(path);
        per_folder[folder].insert(path);
      } else if (!group.empty()) {
        ++undecodable_members;
      }
    }
  }
  const std::map<std::string, int> dup_groups = GroupOf(dup, ds);
  std::printf(
      "== duplicates/ (%zu labelled images, %zu decodable; %d labelled group members "
      "undecodable)\n",
      all_labelled.size(), decodable.size(), undecodable_members);
  for (auto& [folder, paths] : per_folder) {
    const Prf s = PairScores(truth, dup_groups, paths);
    std::printf("  %-24s pairs tp=%d fp=%d fn=%d  P=%.3f R=%.3f F1=%.3f\n", folder.c_str(), s.tp,
                s.fp, s.fn, s.P(), s.R(), s.F1());
  }
  const Prf dup_all = PairScores(truth, dup_groups, decodable);
  const Prf dup_strict = PairScores(truth, dup_groups, all_labelled);
  std::printf("  all decodable            pairs tp=%d fp=%d fn=%d  P=%.3f R=%.3f F1=%.3f\n",
              dup_all.tp, dup_all.fp, dup_all.fn, dup_all.P(), dup_all.R(), dup_all.F1());
  std::printf("  incl. undecodable        pairs tp=%d fp=%d fn=%d  P=%.3f R=%.3f F1=%.3f\n",
              dup_strict.tp, dup_strict.fp, dup_strict.fn, dup_strict.P(), dup_strict.R(),
              dup_strict.F1());
  for (const PhotoGroup& g : ds.groups) {
    std::printf("  group %-9s best=%s (%zu members)\n", GroupTypeName(g.type),
                dup[g.best].path.c_str(), g.members.size());
  }

  // ---------------------------------------------------------- bursts
  const fs::path burst_dir = data / "bursts";
  std::vector<PhotoRecord> bursts = Scan(burst_dir);
  const Suggestions bs = Curate(bursts, opt);
  std::map<std::string, std::string> btruth;
  std::set<std::string> bscored;
  {
    for (const std::vector<std::string>& f : testing::ReadCsvBody(burst_dir / "labels.csv")) {
      if (f.size() < 2 || f[0].empty()) continue;
      btruth[f[0]] = f[1] == "-" ? "" : f[1];
      bscored.insert(f[0]);
    }
  }
  const Prf burst = PairScores(btruth, GroupOf(bursts, bs), bscored);
  int burst_groups = 0;
  for (const PhotoGroup& g : bs.groups) burst_groups += g.type == PhotoGroup::Type::kBurst;
  std::printf("== bursts/ (%zu labelled frames): %zu groups (%d burst)\n", bscored.size(),
              bs.groups.size(), burst_groups);
  std::printf("  pairs tp=%d fp=%d fn=%d  P=%.3f R=%.3f F1=%.3f\n", burst.tp, burst.fp, burst.fn,
              burst.P(), burst.R(), burst.F1());
  for (const PhotoGroup& g : bs.groups) {
    std::printf("  group %-9s best=%s (%zu members)\n", GroupTypeName(g.type),
                bursts[g.best].path.c_str(), g.members.size());
  }

  // ---------------------------------------------------------- GPS walk
  const fs::path walk_dir = data / "camera" / "exif-samples" / "gps";
  std::vector<PhotoRecord> walk = Scan(walk_dir);
  const Suggestions ws = Curate(walk, opt);
  int walk_photos = 0, events = 0;
  size_t largest = 0;
  for (const PhotoRecord& r : walk) walk_photos += r.status.ok();
  for (const Moment& m : ws.moments) {
    if (m.type != Moment::Type::kEvent) continue;
    ++events;
    largest = std::max(largest, m.members.size());
    std::printf("== gps walk event \"%s\" %zu photos, %zu picks\n", m.title.c_str(),
                m.members.size(), m.picks.size());
  }
  const bool walk_one_event = events == 1 && static_cast<int>(largest) == walk_photos;
  std::printf("  %d photos -> %d event(s); one event: %s\n", walk_photos, events,
              walk_one_event ? "yes" : "no");

  std::printf(
      "SUMMARY duplicate_pair_f1=%.3f (P=%.3f R=%.3f; %.3f incl. undecodable) burst_pair_f1=%.3f "
      "walk_events=%d walk_one_event=%s\n",
      dup_all.F1(), dup_all.P(), dup_all.R(), dup_strict.F1(), burst.F1(), events,
      walk_one_event ? "yes" : "no");
  return 0;
}
