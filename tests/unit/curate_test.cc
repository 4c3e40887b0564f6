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

TEST_CASE("one outing reads as one moment; a lone photo is no moment", "[curate]") {
  std::mt19937_64 rng(21);
  std::vector<PhotoRecord> rs;
  // An afternoon walk, a 70-minute coffee break, two more photos on the way
  // home: PhotoTOC splits at the break, the small tail merges back.
  for (int k = 0; k < 8; ++k)
    rs.push_back(Synthetic("a" + std::to_string(k) + ".jpg", Time(6, 14, 2 * k), rng()));
  for (int k = 0; k < 2; ++k)
    rs.push_back(Synthetic("b" + std::to_string(k) + ".jpg", Time(6, 15, 25 + k), rng()));
  rs.push_back(Synthetic("late.jpg", Time(6, 23, 30), rng()));  // alone, hours later
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(Count(s, Moment::Type::kEvent) == 1);
  CHECK(FindMoment(s, Moment::Type::kEvent)->members.size() == 10);
  for (const Moment& m : s.moments) {
    for (int i : m.members) CHECK(i != 10);
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
                                 Synthetic("noexif.jpg", "", rng()),
                                 Synthetic("null2.jpg", "2023:01:01 12:05:00", rng())};
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
  // Only the plausible dates form an event (one photo alone would not).
  REQUIRE(Count(s, Moment::Type::kEvent) == 1);
  CHECK(FindMoment(s, Moment::Type::kEvent)->members == std::vector<int>{2, 4});
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

TEST_CASE("duplicates: an editor's date does not split a copy from its original", "[curate]") {
  std::mt19937_64 rng(22);
  const uint64_t h = rng();
  std::vector<PhotoRecord> rs;
  rs.push_back(Synthetic("IMG_1.jpg", "2023:05:06 10:00:00", h));
  rs.push_back(Synthetic("edited.jpg", "2023:06:01 18:00:00", h ^ 0x9));  // exported weeks later
  rs[1].exif.make.clear();  // the editor kept no camera: its date is the export's
  rs[1].exif.model.clear();
  rs[1].width = 2000;
  rs[1].height = 1500;
  rs.push_back(Synthetic("other.jpg", "2023:05:06 10:30:00", h ^ 0x3));  // a camera's later shot
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  CHECK(s.groups[0].best == 0);
  CHECK(s.groups[0].members.size() == 2);
  CHECK(s.photos[2].group == -1);
}

TEST_CASE("duplicates: a brighter copy whose pixels left the EXIF thumbnail loses", "[curate]") {
  std::mt19937_64 rng(23);
  const uint64_t h = rng();
  std::vector<PhotoRecord> rs;
  // Same EXIF block (an editor kept it), same size; the copy looks better.
  rs.push_back(Synthetic("IMG_2_bright.jpg", "2023:05:06 10:00:00", h ^ 0x1));
  rs[0].quality.technical = 0.9f;
  rs[0].exif_thumbnail.state = ThumbnailAgreement::State::kDiffers;
  rs[0].exif_thumbnail.distance = 0.07f;
  rs.push_back(Synthetic("IMG_2.jpg", "2023:05:06 10:00:00", h));
  rs[1].exif_thumbnail.state = ThumbnailAgreement::State::kAgrees;
  rs[1].exif_thumbnail.distance = 0.01f;
  Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  CHECK(s.groups[0].best == 1);
  CHECK(s.groups[0].relations[1] == "edited_version");
  bool said = false;
  for (const Reason& r : s.groups[0].reasons) said |= r.code == "original";
  CHECK(said);
  // Without the thumbnails the better-looking copy wins, as before.
  for (PhotoRecord& r : rs) r.exif_thumbnail = {};
  s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  CHECK(s.groups[0].best == 0);
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
    FAIL("corpus not found: " << data.string());
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

// ---- People: face evidence from the on-device models.

namespace {

FaceEvidence Face(float x, float y, float side, float eyes_open = -1, float smile = -1,
                  float sharpness = -1) {
  FaceEvidence f;
  f.x = x;
  f.y = y;
  f.width = side;
  f.height = side * 4 / 3;  // upright faces are taller than wide
  f.score = 0.9f;
  f.eyes_open = eyes_open;
  f.smile = smile;
  f.sharpness = sharpness;
  f.sharpness_vs_frame = sharpness < 0 ? -1.f : 1.f;
  return f;
}

const Reason* FindReason(const std::vector<Reason>& rs, const std::string& code) {
  for (const Reason& r : rs) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

std::string Json(const std::vector<PhotoRecord>& rs, const Suggestions& s) {
  JsonWriter w;
  WriteSuggestionsJson(rs, s, w);
  return w.str();
}

// Three burst frames of two people (each frame drifts 9 hash bits).
std::vector<PhotoRecord> TwoPeopleBurst() {
  std::mt19937_64 rng(11);
  const uint64_t h = rng();
  std::vector<PhotoRecord> rs;
  for (int k = 0; k < 3; ++k) {
    uint64_t v = h;
    for (int b = 0; b < 9 * k; ++b) v ^= 1ull << b;
    rs.push_back(Synthetic("f" + std::to_string(k) + ".jpg", Time(6, 10, 0, k), v));
  }
  return rs;
}

}  // namespace

TEST_CASE("faces: in a burst the frame with open eyes wins, and says why", "[curate][faces]") {
  std::vector<PhotoRecord> rs = TwoPeopleBurst();
  // f0 is technically the best frame, but one of its two people blinked;
  // f1 and f2 have everyone's eyes open and f1's faces are the sharper.
  rs[0].quality.technical = 0.75f;
  rs[1].quality.technical = 0.7f;
  rs[2].quality.technical = 0.7f;
  const float eyes0[2] = {0.9f, 0.1f};
  const float sharp[3] = {0.6f, 0.6f, 0.4f};
  for (int k = 0; k < 3; ++k) {
    rs[k].faces_ran = true;
    for (int f = 0; f < 2; ++f) {
      rs[k].faces.push_back(
          Face(0.2f + 0.4f * f, 0.3f, 0.15f, k == 0 ? eyes0[f] : 0.9f, 0.6f, sharp[k]));
    }
  }
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(s.groups.size() == 1);
  const PhotoGroup& g = s.groups[0];
  CHECK(g.type == PhotoGroup::Type::kBurst);
  CHECK(g.best == 1);
  const Reason* eyes = FindReason(g.reasons, "eyes_open");
  REQUIRE(eyes);
  CHECK(eyes->text.find("eyes closed in 1 of 2 faces in f0.jpg") != std::string::npos);
  CHECK(eyes->weight > 0);
  const Reason* face = FindReason(g.reasons, "sharper_face");
  REQUIRE(face);
  CHECK(face->text.find("0.60 vs 0.40") != std::string::npos);
  // The blinking frame's own reasons name the closed eyes.
  const Reason* people0 = FindReason(s.photos[0].reasons, "people");
  REQUIRE(people0);
  CHECK(people0->text.find("2 people") == 0);
  CHECK(people0->text.find("eyes closed in 1 of 2 faces") != std::string::npos);
  CHECK(s.photos[0].excluded);

  // Without face evidence the same burst goes to the technically best frame,
  // with no face reasons: faces change nothing unless they were looked for.
  std::vector<PhotoRecord> plain = rs;
  for (PhotoRecord& r : plain) {
    r.faces_ran = false;
    r.faces.clear();
  }
  const Suggestions p = Curate(plain, Today("2024-01-01"));
  REQUIRE(p.groups.size() == 1);
  CHECK(p.groups[0].best == 0);
  CHECK(!FindReason(p.groups[0].reasons, "eyes_open"));
  CHECK(!FindReason(p.groups[0].reasons, "sharper_face"));
  for (const PhotoSuggestion& ps : p.photos) {
    CHECK(ps.people == -1);
    CHECK(!FindReason(ps.reasons, "people"));
  }
  CHECK(Json(plain, p).find("\"faces\"") == std::string::npos);
  CHECK(Json(plain, p).find("\"people\"") == std::string::npos);

  // One frame with no detection (a turned head): the group is judged as before.
  std::vector<PhotoRecord> partial = rs;
  partial[2].faces.clear();
  const Suggestions q = Curate(partial, Today("2024-01-01"));
  REQUIRE(q.groups.size() == 1);
  CHECK(q.groups[0].best == 0);
  CHECK(!FindReason(q.groups[0].reasons, "eyes_open"));
}

TEST_CASE("faces: people feed the content score with a reason", "[curate][faces]") {
  std::mt19937_64 rng(12);
  PhotoRecord none = Synthetic("none.jpg", Time(6, 10, 0), rng());
  PhotoRecord looked = none;  // faces looked for, none found
  looked.path = "looked.jpg";
  looked.faces_ran = true;
  PhotoRecord portrait = none;
  portrait.path = "portrait.jpg";
  portrait.faces_ran = true;
  portrait.faces.push_back(Face(0.4f, 0.2f, 0.22f, 0.95f, 0.8f, 0.7f));
  PhotoRecord soft = portrait;  // same face, missed focus
  soft.path = "soft.jpg";
  soft.faces[0].sharpness = 0.2f;
  soft.faces[0].sharpness_vs_frame = 0.3f;
  PhotoRecord crowd = none;  // three people, one tiny face in the back that does not count
  crowd.path = "crowd.jpg";
  crowd.faces_ran = true;
  for (int f = 0; f < 3; ++f) crowd.faces.push_back(Face(0.1f + 0.3f * f, 0.3f, 0.1f, 0.9f));
  crowd.faces.push_back(Face(0.5f, 0.05f, 0.01f));

  std::vector<PhotoRecord> rs = {none, looked, portrait, soft, crowd};
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  CHECK(s.photos[0].people == -1);
  CHECK(s.photos[1].people == 0);
  CHECK(s.photos[1].score.content == Approx(s.photos[0].score.content));
  CHECK(s.photos[2].score.content > s.photos[0].score.content + 0.1f);
  CHECK(s.photos[3].score.content < s.photos[2].score.content);
  CHECK(s.photos[4].people == 3);
  const Reason* r = FindReason(s.photos[2].reasons, "people");
  REQUIRE(r);
  CHECK(r->text == "1 person, face sharp, eyes open, smiling");
  CHECK(r->weight > 0);
  const Reason* rs3 = FindReason(s.photos[3].reasons, "people");
  REQUIRE(rs3);
  CHECK(rs3->text.find("1 person, face soft") == 0);
  const Reason* r4 = FindReason(s.photos[4].reasons, "people");
  REQUIRE(r4);
  CHECK(r4->text.find("3 people") == 0);
  CHECK(r4->text.find("eyes open in all faces") != std::string::npos);

  const std::string json = Json(rs, s);
  CHECK(json.find("\"people\":1,\"faces\":[{\"x\":0.4,\"y\":0.2,\"width\":0.22") !=
        std::string::npos);
  CHECK(json.find("\"eyesOpen\":0.95,\"smile\":0.8,\"sharpness\":0.7") != std::string::npos);
  CHECK(json.find("\"people\":0,\"faces\":[]") != std::string::npos);
}

TEST_CASE("faces: portraits and group shots across the roll, people per moment",
          "[curate][faces]") {
  std::mt19937_64 rng(13);
  std::vector<PhotoRecord> rs;
  // Day 6: two portraits and a landscape; day 8: two group shots and a
  // portrait; one undated portrait.
  auto add = [&](const std::string& name, const std::string& t, int people, float side) {
    rs.push_back(Synthetic(name, t, rng()));
    rs.back().faces_ran = true;
    for (int f = 0; f < people; ++f) {
      rs.back().faces.push_back(Face(0.05f + 0.2f * f, 0.3f, side, 0.9f, -1, 0.6f));
    }
  };
  add("p1.jpg", Time(6, 10, 0), 1, 0.25f);
  add("p2.jpg", Time(6, 10, 30), 2, 0.2f);
  add("land.jpg", Time(6, 11, 0), 0, 0);
  add("g1.jpg", Time(8, 15, 0), 4, 0.08f);
  add("g2.jpg", Time(8, 15, 40), 3, 0.08f);
  add("p3.jpg", Time(8, 16, 0), 1, 0.3f);
  add("undated.jpg", "", 1, 0.3f);
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(Count(s, Moment::Type::kPeople) == 2);
  const Moment* portraits = FindMoment(s, Moment::Type::kPeople, 0);
  const Moment* groups = FindMoment(s, Moment::Type::kPeople, 1);
  CHECK(portraits->title == "Portraits");
  CHECK(portraits->members == std::vector<int>{0, 1, 5, 6});  // time order, undated last
  CHECK(portraits->has_time);
  CHECK(!portraits->reasons.empty());
  CHECK(!portraits->picks.empty());
  CHECK(groups->title == "Group shots");
  CHECK(groups->members == std::vector<int>{3, 4});
  CHECK(groups->people_max == 4);
  CHECK(groups->reasons[0].text == "2 photos with 3 or more people");
  // Events carry their people count.
  const Moment* day6 = FindMoment(s, Moment::Type::kEvent, 0);
  const Moment* day8 = FindMoment(s, Moment::Type::kEvent, 1);
  REQUIRE(day6);
  REQUIRE(day8);
  CHECK(day6->people_max == 2);
  CHECK(day6->people_photos == 2);
  CHECK(day8->people_max == 4);
  const std::string json = Json(rs, s);
  CHECK(json.find("\"type\":\"people\",\"title\":\"Group shots\"") != std::string::npos);
  CHECK(json.find("\"people\":{\"count\":4,\"photos\":3}") != std::string::npos);

  // Without face evidence there are no people moments and no people counts.
  for (PhotoRecord& r : rs) {
    r.faces_ran = false;
    r.faces.clear();
  }
  const Suggestions plain = Curate(rs, Today("2024-01-01"));
  CHECK(Count(plain, Moment::Type::kPeople) == 0);
  for (const Moment& m : plain.moments) CHECK(m.people_max == -1);
  CHECK(Json(rs, plain).find("\"people\"") == std::string::npos);
}

TEST_CASE("moments are made of photos: dated screenshots form none", "[curate]") {
  std::mt19937_64 rng(14);
  std::vector<PhotoRecord> rs;
  for (int k = 0; k < 3; ++k) {
    rs.push_back(Synthetic("s" + std::to_string(k) + ".png", Time(9, 20, 10 * k), rng()));
    rs.back().kind.kind = PhotoKind::kScreenshot;
  }
  rs.push_back(Synthetic("photo.jpg", Time(6, 10, 0), rng()));
  rs.push_back(Synthetic("shot.png", Time(6, 10, 5), rng()));
  rs.back().kind.kind = PhotoKind::kScreenshot;
  rs.push_back(Synthetic("doc.jpg", Time(6, 12, 0), rng()));
  rs.back().kind.kind = PhotoKind::kDocument;
  rs.push_back(Synthetic("photo2.jpg", Time(6, 12, 30), rng()));
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  REQUIRE(Count(s, Moment::Type::kEvent) == 1);
  CHECK(FindMoment(s, Moment::Type::kEvent)->members == std::vector<int>{3, 6});
}

TEST_CASE("faces: sharpness measured inside the box, relative to the frame", "[curate][faces]") {
  // A textured frame (stripes, a disc) with its left half blurred: a face on
  // the right is sharp, the same-sized face on the left is soft.
  Image thumb = gemroll::testing::MakeTestCard(256, 192);
  Image copy = thumb.Clone();
  for (int y = 2; y < 190; ++y) {
    for (int x = 2; x < 128; ++x) {
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = -2; dy <= 2; ++dy) {
          for (int dx = -2; dx <= 2; ++dx) sum += copy.Row(y + dy)[4 * (x + dx) + c];
        }
        thumb.Row(y)[4 * x + c] = static_cast<uint8_t>(sum / 25);
      }
    }
  }
  PhotoAnalysis a;
  a.width = 4000;
  a.height = 3000;
  a.thumbnail = std::move(thumb);
  ModelEvidence m;
  m.faces_ran = true;
  m.faces.push_back(Face(0.1f, 0.3f, 0.25f));   // blurred half
  m.faces.push_back(Face(0.65f, 0.3f, 0.25f));  // sharp half
  m.faces.push_back(Face(0.5f, 0.9f, 0.01f));   // a few pixels: not measurable
  m.faces.push_back(Face(1.2f, 0.3f, 0.2f));    // wholly outside the frame: dropped
  m.faces.push_back(Face(0.9f, 0.8f, 0.2f));    // cut by the frame: clamped
  m.faces[0].sharpness = 0.99f;                 // the caller's values are not taken
  const PhotoRecord r = MakePhotoRecord("x.jpg", a, {}, {}, &m);
  REQUIRE(r.faces_ran);
  REQUIRE(r.faces.size() == 4);
  const FaceEvidence& soft = r.faces[0];
  const FaceEvidence& sharp = r.faces[1];
  CHECK(sharp.sharpness > soft.sharpness + 0.15f);
  CHECK(sharp.sharpness_vs_frame > 1.f);
  CHECK(soft.sharpness_vs_frame < 0.5f);
  CHECK(r.faces[2].sharpness == -1);
  CHECK(r.faces[3].x == Approx(0.9f));
  CHECK(r.faces[3].width == Approx(0.1f));
  CHECK(r.faces[3].height == Approx(0.2f));

  // No models: no faces.
  const PhotoRecord r3 = MakePhotoRecord("z.jpg", a, {}, {});
  CHECK(!r3.faces_ran);
  CHECK(r3.faces.empty());
}

TEST_CASE("a moment's showcase: its picks, then good members best first, one per group",
          "[curate]") {
  std::mt19937_64 rng(31);
  std::vector<PhotoRecord> rs;
  // Sixteen distinct photos of one outing (about 4 picks), a burst of three
  // frames, a blurry photo and a screenshot-kind record in the same hour.
  for (int k = 0; k < 16; ++k) {
    rs.push_back(Synthetic("p" + std::to_string(k) + ".jpg", Time(6, 10, 2 * k), rng()));
    rs.back().quality.technical = 0.4f + 0.02f * k;
  }
  const uint64_t h = rng();
  for (int k = 0; k < 3; ++k) {
    uint64_t v = h;
    for (int b = 0; b < 9 * k; ++b) v ^= 1ull << b;
    rs.push_back(Synthetic("burst" + std::to_string(k) + ".jpg", Time(6, 10, 40, k), v));
    rs.back().quality.technical = k == 1 ? 0.75f : 0.5f;
  }
  rs.push_back(Synthetic("blurry.jpg", Time(6, 10, 45), rng()));
  rs.back().quality.blurry = true;
  rs.push_back(Synthetic("shot.png", Time(6, 10, 46), rng()));
  rs.back().kind.kind = PhotoKind::kScreenshot;

  const Suggestions s = Curate(rs, Today("2024-01-01"));
  const Moment* m = FindMoment(s, Moment::Type::kEvent);
  REQUIRE(m);
  REQUIRE(m->showcase.size() >= m->picks.size());
  for (size_t k = 0; k < m->picks.size(); ++k) {
    CHECK(m->showcase[k].index == m->picks[k]);
    CHECK(m->showcase[k].reason.code == "pick");
  }
  std::vector<int> groups;
  float last_gem = 2;
  for (size_t k = m->picks.size(); k < m->showcase.size(); ++k) {
    const int i = m->showcase[k].index;
    CHECK(m->showcase[k].reason.code == "top_up");
    CHECK(!s.photos[i].excluded);
    CHECK(s.photos[i].score.gem <= last_gem);  // best first
    last_gem = s.photos[i].score.gem;
  }
  for (const ShowcasePhoto& sp : m->showcase) {
    CHECK(rs[sp.index].path != "blurry.jpg");
    CHECK(rs[sp.index].path != "burst0.jpg");  // losing burst frames
    CHECK(rs[sp.index].path != "burst2.jpg");
    const int g = s.photos[sp.index].group;
    if (g >= 0) {
      CHECK(std::find(groups.begin(), groups.end(), g) == groups.end());
      groups.push_back(g);
    }
  }
  // Every good photo fits under showcase_max: 16 + the burst's best.
  CHECK(m->showcase.size() == 17);

  CurateOptions small = Today("2024-01-01");
  small.params.showcase_max = 6;
  const Suggestions t = Curate(rs, small);
  const Moment* n = FindMoment(t, Moment::Type::kEvent);
  REQUIRE(n);
  CHECK(n->showcase.size() == std::max<size_t>(6, n->picks.size()));

  const std::string json = Json(rs, s);
  CHECK(json.find("\"showcase\":[{\"path\":\"" + rs[m->picks[0]].path +
                  "\",\"reason\":{\"code\":\"pick\",\"text\":\"pick 1 of ") != std::string::npos);
}

TEST_CASE("a photo's focus: its people's faces, else a sharp region that stands out, else none",
          "[curate][faces]") {
  std::mt19937_64 rng(32);
  PhotoRecord group = Synthetic("group.jpg", Time(6, 10, 0), rng());
  group.faces_ran = true;
  group.faces.push_back(Face(0.1f, 0.5f, 0.1f));
  group.faces.push_back(Face(0.3f, 0.55f, 0.1f));
  group.faces.push_back(Face(0.9f, 0.05f, 0.01f));  // a speck in the crowd: not a person
  PhotoRecord cat = Synthetic("cat.jpg", Time(6, 10, 1), rng());
  cat.faces_ran = true;
  cat.faces.push_back(Face(0.4f, 0.4f, 0.2f));
  cat.faces[0].score = 0.7f;  // a lone middling face is not a person
  cat.metrics.region_sharpness.assign(16, 0.2f);
  cat.metrics.region_sharpness[3] = 0.9f;  // top right
  PhotoRecord flat = Synthetic("flat.jpg", Time(6, 10, 2), rng());
  flat.metrics.region_sharpness.assign(16, 0.5f);
  flat.metrics.region_sharpness[5] = 0.6f;  // not enough to stand out
  PhotoRecord bad = Synthetic("bad.jpg", Time(6, 10, 3), rng());
  bad.metrics.region_sharpness.assign(15, 0.9f);  // not a square grid: ignored

  const std::vector<PhotoRecord> rs = {group, cat, flat, bad};
  const Suggestions s = Curate(rs, Today("2024-01-01"));
  const PhotoFocus& g = s.photos[0].focus;
  CHECK(g.kind == PhotoFocus::Kind::kFaces);
  CHECK(g.faces == 2);
  CHECK(g.x == Approx(0.1f));
  CHECK(g.y == Approx(0.5f));
  CHECK(g.x + g.width == Approx(0.4f));
  CHECK(g.y + g.height == Approx(0.55f + 0.4f / 3));
  const PhotoFocus& c = s.photos[1].focus;
  CHECK(c.kind == PhotoFocus::Kind::kSharpRegion);
  CHECK(c.region == 3);
  CHECK(c.grid == 4);
  CHECK(c.x == Approx(0.75f));
  CHECK(c.y == Approx(0));
  CHECK(c.width == Approx(0.25f));
  CHECK(c.lift == Approx(0.7f));
  CHECK(s.photos[2].focus.kind == PhotoFocus::Kind::kNone);
  CHECK(s.photos[3].focus.kind == PhotoFocus::Kind::kNone);

  const std::string json = Json(rs, s);
  CHECK(json.find("\"focus\":{\"kind\":\"faces\",\"box\":{\"x\":0.1,\"y\":0.5,\"width\":0.3,") !=
        std::string::npos);
  CHECK(json.find("\"focus\":{\"kind\":\"sharp_region\",\"box\":{\"x\":0.75,\"y\":0,\"width\":"
                  "0.25,\"height\":0.25},\"region\":3,\"grid\":4,\"lift\":0.7}") !=
        std::string::npos);
}
