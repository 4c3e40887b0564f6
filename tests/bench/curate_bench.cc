// Curation alone (groups, scores, moments, gems) on synthetic records:
// metrics + EXIF, no pixels. A roll of sessions over three years, home and
// trips, with exact copies, near-duplicates and bursts mixed in. Prints the
// time for 10,000 and 100,000 records and the per-photo cost ratio (1.0 =
// linear).
//   curate_bench [N...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "gemroll/curate.h"

using namespace gemroll;

namespace {

std::string ExifTime(int64_t s) {
  const int64_t days = s / 86400, rem = s % 86400;
  // Civil from days (1970-based), as in the core.
  int64_t z = days + 719468;
  const int64_t era = z / 146097, doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1),
            m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d:%02d:%02d %02d:%02d:%02d", static_cast<int>(y), m, d,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

std::vector<PhotoRecord> MakeRoll(int n, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<PhotoRecord> roll;
  roll.reserve(n);
  int64_t t = 1577836800;  // 2020-01-01
  double lat = 48.85, lon = 2.35;
  while (static_cast<int>(roll.size()) < n) {
    // A session: 1-60 photos, minutes apart; sessions hours to days apart.
    t += static_cast<int64_t>(3600 * (2 + 60 * u(rng)));
    const bool away = u(rng) < 0.15;
    const double slat = away ? 38.72 + u(rng) : 48.85 + 0.05 * u(rng);
    const double slon = away ? -9.14 + u(rng) : 2.35 + 0.05 * u(rng);
    const int len = 1 + static_cast<int>(60 * u(rng) * u(rng));
    for (int k = 0; k < len && static_cast<int>(roll.size()) < n; ++k) {
      PhotoRecord r;
      r.path = "DCIM/" + std::to_string(roll.size() / 1000) + "/IMG_" +
               std::to_string(roll.size()) + ".jpg";
      r.format = ImageFormat::kJpeg;
      r.width = 4032;
      r.height = 3024;
      r.file_size = 2000000 + rng() % 3000000;
      r.content_hash = rng();
      r.exif.present = true;
      r.exif.make = "Apple";
      r.exif.model = "iPhone";
      const double dice = u(rng);
      if (dice < 0.04 && !roll.empty()) {  // exact copy of the previous photo
        r = roll.back();
        r.path += ".copy.jpg";
      } else if (dice < 0.12 && !roll.empty()) {  // burst frame: 1 s later, a few bits off
        r.metrics.phash =
            roll.back().metrics.phash ^ (1ull << (rng() % 64)) ^ (1ull << (rng() % 64));
        t += 1;
      } else {
        r.metrics.phash = rng();
        t += static_cast<int64_t>(30 + 600 * u(rng) * u(rng));
      }
      if (r.exif.date_time_original.empty()) r.exif.date_time_original = ExifTime(t);
      r.metrics.phash_dihedral[0] = r.metrics.phash;
      for (int v = 1; v < 8; ++v)
        r.metrics.phash_dihedral[v] = r.metrics.phash * 0x9E3779B97F4A7C15ull + v;
      r.metrics.sharpness = static_cast<float>(u(rng));
      r.metrics.contrast = static_cast<float>(0.3 * u(rng));
      r.metrics.colorfulness = static_cast<float>(120 * u(rng));
      r.quality.technical = static_cast<float>(u(rng));
      r.quality.blurry = r.metrics.sharpness < 0.05f;
      if (u(rng) < 0.6) {
        r.exif.gps = {true, slat + 0.001 * u(rng), slon + 0.001 * u(rng)};
      }
      if (u(rng) < 0.03) r.kind.kind = PhotoKind::kScreenshot;
      roll.push_back(std::move(r));
    }
    (void)lat;
    (void)lon;
  }
  return roll;
}

double TimeCurate(const std::vector<PhotoRecord>& roll, Suggestions* out) {
  CurateOptions o;
  o.today = "2024-06-09";
  double best = 1e9;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    *out = Curate(roll, o);
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {10000, 100000};
  double base_per_photo = 0;
  std::printf("curate_bench: curation only (no decode), best of 3\n");
  for (int n : sizes) {
    const std::vector<PhotoRecord> roll = MakeRoll(n, 42);
    Suggestions s;
    const double sec = TimeCurate(roll, &s);
    const double per = sec / n;
    if (base_per_photo == 0) base_per_photo = per;
    int events = 0, trips = 0;
    for (const Moment& m : s.moments)
      events += m.type == Moment::Type::kEvent, trips += m.type == Moment::Type::kTrip;
    std::printf(
        "  %7d photos: %8.1f ms  (%.2f us/photo, x%.2f of the first size per photo)  groups=%zu "
        "events=%d "
        "trips=%d gems=%zu\n",
        n, sec * 1e3, per * 1e6, per / base_per_photo, s.groups.size(), events, trips,
        s.gems.size());
  }
  return 0;
}
