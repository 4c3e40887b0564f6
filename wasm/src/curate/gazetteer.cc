#include "gemroll/gazetteer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace gemroll {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kEarthKm = 6371.0088;
constexpr double kKmPerDegree = kEarthKm * kPi / 180;

int LatIndex(double lat) { return std::clamp(static_cast<int>(std::floor(lat + 90)), 0, 179); }
int LonIndex(double lon) {
  int i = static_cast<int>(std::floor(lon + 180));
  return ((i % 360) + 360) % 360;
}

bool ParseDouble(std::string_view s, double* out) {
  std::string tmp(s);
  char* end = nullptr;
  *out = std::strtod(tmp.c_str(), &end);
  return end != tmp.c_str() && *end == '\0' && std::isfinite(*out);
}
}  // namespace

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  const double r = kPi / 180;
  const double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * r) * std::cos(lat2 * r) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

StatusOr<Gazetteer> Gazetteer::Parse(std::string_view tsv) {
  Gazetteer g;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t eol = tsv.find('\n', pos);
    if (eol == std::string_view::npos) eol = tsv.size();
    std::string_view line = tsv.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::string_view f[5];
    int n = 0;
    size_t s = 0;
    while (n < 5) {
      const size_t tab = line.find('\t', s);
      f[n++] = line.substr(s, tab == std::string_view::npos ? std::string_view::npos : tab - s);
      if (tab == std::string_view::npos) break;
      s = tab + 1;
    }
    if (n < 4 || f[0].empty()) continue;
    Place p;
    if (!ParseDouble(f[2], &p.lat) || !ParseDouble(f[3], &p.lon)) continue;
    if (std::abs(p.lat) > 90 || std::abs(p.lon) > 180) continue;
    double pop = 0;
    if (n >= 5 && ParseDouble(f[4], &pop) && pop > 0) p.population = static_cast<int64_t>(pop);
    p.name = std::string(f[0]);
    p.country = std::string(f[1]);
    g.places_.push_back(std::move(p));
  }
  if (g.places_.empty()) return InvalidArgument("gazetteer has no usable places");
  // Counting sort of places into grid cells (CSR layout).
  g.cell_start_.assign(180 * 360 + 1, 0);
  for (const Place& p : g.places_) ++g.cell_start_[Cell(LatIndex(p.lat), LonIndex(p.lon)) + 1];
  for (size_t i = 1; i < g.cell_start_.size(); ++i) g.cell_start_[i] += g.cell_start_[i - 1];
  g.order_.resize(g.places_.size());
  std::vector<uint32_t> fill(g.cell_start_.begin(), g.cell_start_.end() - 1);
  for (uint32_t i = 0; i < g.places_.size(); ++i) {
    g.order_[fill[Cell(LatIndex(g.places_[i].lat), LonIndex(g.places_[i].lon))]++] = i;
  }
  return g;
}

StatusOr<Gazetteer> Gazetteer::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kIo, "cannot open gazetteer " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str());
}

std::string Gazetteer::DefaultPath() {
  std::string cache;
  if (const char* c = std::getenv("GEMROLL_CACHE"); c && *c) {
    cache = c;
  } else if (const char* h = std::getenv("HOME"); h && *h) {
    cache = std::string(h) + "/.cache/gemroll";
  } else {
    return "";
  }
  return cache + "/gazetteer/places.tsv";
}

const Place* Gazetteer::Nearest(double lat, double lon, double max_km) const {
  if (places_.empty() || !std::isfinite(lat) || !std::isfinite(lon)) return nullptr;
  const int lat_span = static_cast<int>(std::ceil(max_km / kKmPerDegree)) + 1;
  const double coslat = std::max(0.01, std::cos((std::abs(lat) + lat_span) * kPi / 180));
  const int lon_span =
      std::min(180, static_cast<int>(std::ceil(max_km / (kKmPerDegree * coslat))) + 1);
  const int li = LatIndex(lat), lo = LonIndex(lon);
  const Place* best = nullptr;
  double best_km = max_km;
  for (int y = std::max(0, li - lat_span); y <= std::min(179, li + lat_span); ++y) {
    for (int dx = -lon_span; dx <= lon_span; ++dx) {
      const int x = ((lo + dx) % 360 + 360) % 360;
      if (dx > -lon_span && lon_span >= 180 && dx == lon_span) continue;
      const int c = Cell(y, x);
      for (uint32_t k = cell_start_[c]; k < cell_start_[c + 1]; ++k) {
        const Place& p = places_[order_[k]];
        const double d = HaversineKm(lat, lon, p.lat, p.lon);
        if (d < best_km || (best && d == best_km && p.population > best->population)) {
          best_km = d;
          best = &p;
        }
      }
    }
  }
  return best;
}

}  // namespace gemroll
