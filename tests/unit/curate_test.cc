// Curation: synthetic records (time gaps, trips, on-this-day, bad metadata,
// empty input, duplicate transforms) and the labelled corpus.
#include "gemroll/curate.h"

#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "gemroll/gazetteer.h"
#include "test_util.h"

using namespace gemroll;

namespace {

// A dated, good photo with a random pHash (a distinct picture).
PhotoRecord Synthetic(const std::string& path, const std::string& exif_time, uint64_t phash) {
  PhotoRecord r;
  r.path = path;
  r.format = ImageFormat::kJpeg;
  r.width = 4000;
  r.height = 3000;
  r.file_size = 3000000;
  r.content_hash = std::hash<std::string>()(path);
  r.exif.present = true;
  r.exif.make = "Cam";
  r.exif.model = "One";
  r.exif.date_time_original = exif_time;
  r.metrics.sharpness = 0.7f;
  r.metrics.contrast = 0.2f;
  r.metrics.colorfulness = 60;
  r.metrics.phash = phash;
  r.metrics.phash_dihedral.fill(0);
  r.metrics.phash_dihedral[0] = phash;
  for (int k = 1; k < 8; ++k) r.metrics.phash_dihedral[k] = phash * 0x9E3779B97F4A7C15ull + k;
  r.quality.technical = 0.7f;
  return r;
}

CurateOptions Today(const std::string& day) {
  CurateOptions o;
  o.today = day;
  return o;
}

std::string Time(int day, int h, int m, int s = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "2023:05:%02d %02d:%02d:%02d", day, h, m, s);
  return buf;
}

const Moment* FindMoment(const Suggestions& s, Moment::Type t, size_t k = 0) {
  for (const Moment& m : s.moments) {
    if (m.type == t && k-- == 0) return &m;
  }
  return nullptr;
}

int Count(const Suggestions& s, Moment::Type t) {
  int n = 0;
  for (const Moment& m : s.moments) n += m.type == t;
  return n;
}

}  // namespace

TEST_CASE("empty input and only bad files give a full, valid result", "[curate]") {
  const Suggestions empty = Curate({});
  CHECK(empty.photos.empty());
  CHECK(empty.groups.empty());
  CHECK(empty.moments.empty());
  CHECK(empty.gems.empty());
  JsonWriter w;
  WriteSuggestionsJson({}, empty, w);
  CHECK(w.str().find("\"photos\":[]") != std::string::npos);

  std::vector<PhotoRecord> bad = {
      MakeErrorRecord("a.jpg", CorruptData("Premature end of JPEG file")),
      MakeErrorRecord("b.txt", Status(StatusCode::kUnknownFormat, "not an image"))};
  const Suggestions s = Curate(bad, Today("2024-01-01"));
  REQUIRE(s.photos.size() == 2);
  CHECK(s.groups.empty());
  CHECK(s.moments.empty());
  JsonWriter w2;
  WriteSuggestionsJson(bad, s, w2);
  CHECK(w2.str().find("\"ok\":false,\"error\":{\"code\":\"corrupt_data\"") != std::string::npos);
}

TEST_CASE("adaptive time gaps split events; pauses within an outing do not", "[curate]") {
  std::mt19937_64 rng(1);
  std::vector<PhotoRecord> rs;
  // Morning walk: a photo every 2-9 minutes; a lunch 3 hours later; an
  // evening dinner with a burst-like rhythm.
  const int walk[][2] = {{9, 0}, {9, 2}, {9, 9}, {9, 15}, {9, 18}, {9, 26}, {9, 30}};
  for (auto [h, m] : walk)
    rs.push_back(Synthetic("w" + std::to_string(h * 60 + m) + ".jpg", Time(6, h, m), rng()));
  for (int k = 0; k < 4; ++k)
    rs.push_back(Synthetic("l" + std::to_string(k) + ".jpg", Time(6, 12, 30 + k), rng()));
  for (int k = 0; k < 5; ++k)
    rs.push_back(Synthetic("d" + std::to_string(k) + ".jpg", Time(6, 19, 10 + 3 * k), rng()));
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(Count(s, Moment::Type::kEvent) == 3);
  CHECK(FindMoment(s, Moment::Type::kEvent, 0)->members.size() == 7);
  CHECK(FindMoment(s, Moment::Type::kEvent, 0)->title == "Saturday morning");  // 2023-05-06
  CHECK(FindMoment(s, Moment::Type::kEvent, 1)->title == "Saturday afternoon");
  CHECK(FindMoment(s, Moment::Type::kEvent, 2)->title == "Saturday evening");
  for (const Moment& m : s.moments) {
    CHECK(!m.picks.empty());
    CHECK(m.cover == m.picks[0]);
  }
}

TEST_CASE("a GPS jump splits an event even without a long pause", "[curate]") {
  std::mt19937_64 rng(2);
  std::vector<PhotoRecord> rs;
  for (int k = 0; k < 4; ++k) {
    rs.push_back(Synthetic("a" + std::to_string(k), Time(6, 10, 5 * k), rng()));
    rs.back().exif.gps = {true, 48.85, 2.35};
  }
  for (int k = 0; k < 4; ++k) {
    rs.push_back(Synthetic("b" + std::to_string(k), Time(6, 10, 30 + 5 * k), rng()));
    rs.back().exif.gps = {true, 48.95, 2.55};  // ~18 km away, 15 minutes later
  }
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  CHECK(Count(s, Moment::Type::kEvent) == 2);
}

TEST_CASE("trips away from an inferred home, with a gazetteer title", "[curate]") {
  std::mt19937_64 rng(3);
  std::vector<PhotoRecord> rs;
  // Home (Paris) on five days, then three days in Lisbon.
  for (int day : {1, 2, 3, 4, 5}) {
    for (int k = 0; k < 3; ++k) {
      rs.push_back(Synthetic("home" + std::to_string(day * 10 + k), Time(day, 18, k), rng()));
      rs.back().exif.gps = {true, 48.8566, 2.3522};
    }
  }
  for (int day : {12, 13, 14}) {
    for (int k = 0; k < 3; ++k) {
      rs.push_back(Synthetic("trip" + std::to_string(day * 10 + k), Time(day, 11, 10 * k), rng()));
      rs.back().exif.gps = {true, 38.7223 + 0.01 * k, -9.1393};
    }
  }
  auto gaz = Gazetteer::Parse(
      "# test\nLisbon\tPT\t38.71667\t-9.13333\t517802\nParis\tFR\t48.85341\t2.3488\t2138551\n");
  REQUIRE(gaz.ok());
  CurateOptions opt;
  opt.today = "2024-01-01";
  opt.gazetteer = &gaz.value();
  const Suggestions s = Curate(rs, opt);
  CHECK(s.has_home);
  CHECK(s.home_lat == Approx(48.8566).margin(0.01));
  REQUIRE(Count(s, Moment::Type::kTrip) == 1);
  const Moment* trip = FindMoment(s, Moment::Type::kTrip);
  CHECK(trip->members.size() == 9);
  CHECK(trip->title == "3 days near Lisbon");
  CHECK(trip->events.size() == 3);

  // Without a gazetteer the title still reads, without a place.
  const Suggestions plain = Curate(rs, Today("2024-01-01"));
  CHECK(FindMoment(plain, Moment::Type::kTrip)->title == "3 days away");
}

TEST_CASE("on this day uses the given today", "[curate]") {
  std::mt19937_64 rng(4);
  std::vector<PhotoRecord> rs = {Synthetic("2019.jpg", "2019:03:14 10:00:00", rng()),
                                 Synthetic("2021.jpg", "2021:03:14 15:00:00", rng()),
                                 Synthetic("2021b.jpg", "2021:03:15 15:00:00", rng()),
                                 Synthetic("2024.jpg", "2024:03:14 08:00:00", rng())};
  const Suggestions s = Curate(rs, Today("2024-03-14"));
  REQUIRE(Count(s, Moment::Type::kOnThisDay) == 2);
  CHECK(FindMoment(s, Moment::Type::kOnThisDay, 0)->title == "On this day 3 years ago");
  CHECK(FindMoment(s, Moment::Type::kOnThisDay, 1)->title == "On this day 5 years ago");
  CHECK(Count(Curate(rs, Today("2024-03-16")), Moment::Type::kOnThisDay) == 0);
  CHECK(Count(Curate(rs, Today("")), Moment::Type::kOnThisDay) == 0);  // no today, no on-this-day
}

TEST_CASE("bad metadata: 1970 and future dates, GPS at 0,0, no EXIF", "[curate]") {
  std::mt19937_64 rng(5);
  std::vector<PhotoRecord> rs = {Synthetic("epoch.jpg", "1970:01:01 00:00:00", rng()),
                                 Synthetic("future.jpg", "2031:01:01 12:00:00", rng()),
                                 Synthetic("null.jpg", "2023:01:01 12:00:00", rng()),
                                 Synthetic("noexif.jpg", "", rng())};
  rs[2].exif.gps = {true, 0.0, 0.0};
  rs[3].exif = ExifData{};
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  auto has = [&](int i, const std::string& code) {
    for (const Reason& r : s.photos[i].reasons) {
      if (r.code == code) return true;
    }
    return false;
  };
  CHECK(!s.photos[0].has_time);
  CHECK(has(0, "date_implausible"));
  CHECK(!s.photos[1].has_time);
  CHECK(has(1, "date_in_future"));
  CHECK(s.photos[2].has_time);
  CHECK(!s.photos[2].has_gps);
  CHECK(has(2, "gps_null_island"));
  CHECK(!s.photos[3].has_time);
  CHECK(has(3, "no_capture_time"));
  // Only the one plausible date forms an event.
  REQUIRE(Count(s, Moment::Type::kEvent) == 1);
  CHECK(FindMoment(s, Moment::Type::kEvent)->members == std::vector<int>{2});
  for (const PhotoSuggestion& p : s.photos) {
    CHECK(p.score.gem >= 0);
    CHECK(p.score.gem <= 1);
  }
}

TEST_CASE("duplicates: copies, transforms, same-capture edits; different shots are not",
          "[curate]") {
  std::mt19937_64 rng(6);
  const uint64_t h = rng();
  std::vector<PhotoRecord> rs;
  rs.push_back(Synthetic("orig.jpg", "2023:05:06 10:00:00", h));
  rs.push_back(rs[0]);  // exact copy, plainer name loses
  rs[1].path = "orig (1).jpg";
  rs.push_back(Synthetic("small.jpg", "", h ^ 0x5));  // EXIF-less resized export: 2 bits off
  rs[2].width = 800;
  rs[2].height = 600;
  rs.push_back(Synthetic("mirror.jpg", "", rng()));  // mirrored copy: matches a dihedral variant
  rs[3].metrics.phash_dihedral = rs[0].metrics.phash_dihedral;
  std::swap(rs[3].metrics.phash_dihedral[0], rs[3].metrics.phash_dihedral[1]);
  rs[3].metrics.phash = rs[3].metrics.phash_dihedral[0];
  rs.push_back(
      Synthetic("later.jpg", "2023:05:06 10:05:00", h ^ 0x3));  // same look, 5 minutes later
  rs.push_back(Synthetic("other.jpg", "2023:05:06 10:00:30", ~h));
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  const PhotoGroup& g = s.groups[0];
  CHECK(g.type == PhotoGroup::Type::kDuplicate);
  CHECK(g.best == 0);
  CHECK(g.members.size() == 4);
  CHECK(s.photos[1].excluded);
  CHECK(s.photos[4].group == -1);
  CHECK(s.photos[5].group == -1);
  CHECK(!g.reasons.empty());
  for (int i : s.gems) CHECK(!s.photos[i].excluded);
}

TEST_CASE("bursts: frames seconds apart group, the sharpest wins", "[curate]") {
  std::mt19937_64 rng(7);
  const uint64_t h = rng();
  std::vector<PhotoRecord> rs;
  for (int k = 0; k < 5; ++k) {
    // Each frame drifts 9 bits: further than "the same picture", within a burst.
    uint64_t v = h;
    for (int b = 0; b < 9 * k; ++b) v ^= 1ull << b;
    rs.push_back(Synthetic("f" + std::to_string(k) + ".jpg", Time(6, 10, 0, k), v));
    rs.back().quality.technical = k == 3 ? 0.9f : 0.6f;
  }
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  CHECK(s.groups[0].type == PhotoGroup::Type::kBurst);
  CHECK(s.groups[0].members.size() == 5);
  CHECK(s.groups[0].best == 3);
  const Moment* e = FindMoment(s, Moment::Type::kEvent);
  REQUIRE(e);
  CHECK(e->picks == std::vector<int>{3});  // losing frames are never picks
}

TEST_CASE("gazetteer nearest place uses the grid and a radius", "[curate]") {
  auto g = Gazetteer::Parse(
      "A\tXX\t10.0\t10.0\t0\nB\tXX\t10.5\t10.5\t0\nbad line\nC\tYY\t-33.9\t151.2\t5000000\n");
  REQUIRE(g.ok());
  CHECK(g->size() == 3);
  REQUIRE(g->Nearest(10.1, 10.1, 50));
  CHECK(g->Nearest(10.1, 10.1, 50)->name == "A");
  CHECK(g->Nearest(10.45, 10.45, 50)->name == "B");
  CHECK(g->Nearest(0, 0, 50) == nullptr);
  CHECK(g->Nearest(-33.95, 151.25, 50)->name == "C");
  CHECK(!Gazetteer::Parse("").ok());
  CHECK(!Gazetteer::Load("/nonexistent/places.tsv").ok());
}

TEST_CASE("corpus: duplicate pairs F1 >= 0.9, GPS walk is one event", "[curate][corpus]") {
  namespace fs = std::filesystem;
  const fs::path data = gemroll::testing::DataDir();
  if (!fs::is_directory(data / "duplicates")) {
    WARN("corpus not found; skipped");
    return;
  }
  auto scan = [](const fs::path& dir) {
    std::vector<std::pair<std::string, fs::path>> files;
    for (auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file())
        files.push_back({e.path().lexically_relative(dir).generic_string(), e.path()});
    }
    std::sort(files.begin(), files.end());
    std::vector<PhotoRecord> out;
    for (auto& [rel, p] : files) {
      const std::vector<uint8_t> b = gemroll::testing::ReadBytes(p);
      out.push_back(RecordFromBytes(rel, b.data(), b.size()));
    }
    return out;
  };
  // Ground truth from labels.csv: group column, "-" = unique; corrupt and
  // undecodable files cannot be grouped by anyone and are left out.
  const std::vector<PhotoRecord> recs = scan(data / "duplicates");
  const Suggestions s = Curate(recs, Today("2024-06-09"));
  std::map<std::string, int> pred;
  for (size_t g = 0; g < s.groups.size(); ++g) {
    for (int i : s.groups[g].members) pred[recs[i].path] = static_cast<int>(g);
  }
  std::map<std::string, std::string> truth;
  for (const PhotoRecord& r : recs) {
    if (!r.status.ok()) continue;
    const size_t slash = r.path.find('/');
    std::ifstream in(data / "duplicates" / r.path.substr(0, slash) / "labels.csv");
    std::string line;
    while (std::getline(in, line)) {
      const std::string file = r.path.substr(slash + 1);
      if (line.rfind(file + ",", 0) == 0) {
        const std::string rest = line.substr(file.size() + 1);
        const std::string group = rest.substr(0, rest.find(','));
        truth[r.path] = group == "-" ? "" : group;
      }
    }
  }
  int tp = 0, fp = 0, fn = 0;
  for (auto a = truth.begin(); a != truth.end(); ++a) {
    for (auto b = std::next(a); b != truth.end(); ++b) {
      const bool t = !a->second.empty() && a->second == b->second;
      const bool p =
          pred.count(a->first) && pred.count(b->first) && pred[a->first] == pred[b->first];
      tp += t && p;
      fp += !t && p;
      fn += t && !p;
    }
  }
  const double prec = tp + fp ? double(tp) / (tp + fp) : 1, rec = double(tp) / std::max(1, tp + fn);
  const double f1 = 2 * prec * rec / std::max(1e-9, prec + rec);
  INFO("tp=" << tp << " fp=" << fp << " fn=" << fn);
  CHECK(truth.size() >= 25);
  CHECK(f1 >= 0.9);

  const std::vector<PhotoRecord> walk = scan(data / "camera" / "exif-samples" / "gps");
  const Suggestions ws = Curate(walk, Today("2024-06-09"));
  REQUIRE(ws.moments.size() >= 1);
  CHECK(ws.moments[0].type == Moment::Type::kEvent);
  CHECK(ws.moments[0].members.size() == 9);
  int events = 0;
  for (const Moment& m : ws.moments) events += m.type == Moment::Type::kEvent;
  CHECK(events == 1);
}
