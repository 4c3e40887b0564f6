// Offline place names for moment titles: the nearest populated place to a
// position, from a pinned GeoNames-based table fetched at set-up time
// (scripts/setup.sh), never an online service.
#ifndef GEMROLL_GAZETTEER_H_
#define GEMROLL_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gemroll/status.h"

namespace gemroll {

struct Place {
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  double lat = 0, lon = 0;
  int64_t population = 0;  // 0 when the source does not say
};

// Nearest-place lookup over a 1-degree grid: only the cells within the search
// radius are scanned, so a lookup costs a few hundred distance checks.
class Gazetteer {
 public:
  // Tab-separated lines "name country lat lon population"; lines starting
  // with '#' and malformed lines are skipped.
  static StatusOr<Gazetteer> Parse(std::string_view tsv);
  static StatusOr<Gazetteer> Load(const std::string& path);
  // Default location: ${GEMROLL_CACHE:-$HOME/.cache/gemroll}/gazetteer/places.tsv.
  static std::string DefaultPath();

  // Nearest place within max_km, or nullptr. Ties go to the larger population.
  const Place* Nearest(double lat, double lon, double max_km) const;
  size_t size() const { return places_.size(); }

 private:
  static int Cell(int lat_idx, int lon_idx) { return lat_idx * 360 + lon_idx; }
  std::vector<Place> places_;
  std::vector<uint32_t> cell_start_;  // 180*360 + 1 offsets into order_
  std::vector<uint32_t> order_;       // place indices grouped by cell
};

// Great-circle distance in km (haversine, mean Earth radius).
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace gemroll

#endif  // GEMROLL_GAZETTEER_H_
