// Moments: events by adaptive time gaps (PhotoTOC) and GPS jumps, trips away
// from an inferred home, on-this-day collections and, with face evidence,
// people collections (faces.cc), with titles that read like a person wrote them.
#include <algorithm>
#include <cmath>
#include <map>

#include "curate/curate_internal.h"
#include "gemroll/gazetteer.h"

namespace gemroll::curate_internal {

namespace {

const char* kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                           "Thursday", "Friday", "Saturday"};
const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

int64_t DayOf(int64_t ms) {
  return ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay);
}
int HourOf(int64_t ms) { return static_cast<int>((ms - DayOf(ms) * kMsPerDay) / 3600000); }

// 0 night (before 5), 1 morning, 2 afternoon (12-17), 3 evening (17-21), 4 night.
int PartOfDay(int hour) { return hour < 5 ? 0 : hour < 12 ? 1 : hour < 17 ? 2 : hour < 21 ? 3 : 4; }

std::string LongDate(int64_t day) {
  int64_t y;
  int m, d;
  CivilFromDays(day, &y, &m, &d);
  return std::to_string(d) + " " + kMonths[m - 1] + " " + std::to_string(y);
}

struct Location {
  bool valid = false;
  double lat = 0, lon = 0;
};

// Median latitude/longitude of the geotagged members: robust to one stray fix.
Location MedianLocation(const std::vector<PhotoSuggestion>& ps, const std::vector<int>& members) {
  std::vector<double> lats, lons;
  for (int i : members) {
    if (ps[i].has_gps) lats.push_back(ps[i].lat), lons.push_back(ps[i].lon);
  }
  if (lats.empty()) return {};
  auto mid = [](std::vector<double>& v) {
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  return {true, mid(lats), mid(lons)};
}

void NamePlace(const CurateOptions& o, const Location& loc, Moment* m) {
  if (!o.gazetteer || !loc.valid) return;
  if (const Place* pl = o.gazetteer->Nearest(loc.lat, loc.lon, o.params.place_max_km)) {
    m->place = pl->name;
    m->country = pl->country;
  }
}

std::string Near(const Moment& m) { return m.place.empty() ? std::string() : " near " + m.place; }

std::string EventTitle(const Moment& m) {
  const int64_t d0 = DayOf(m.start_ms), d1 = DayOf(m.end_ms);
  if (d0 == d1) {
    static const char* kParts[] = {"night", "morning", "afternoon", "evening", "night"};
    // An event of a few hours reads as the part of day its middle falls in
    // ("Saturday afternoon"); a longer one as the whole day.
    constexpr int64_t kPartSpanMs = 4 * 3600000;
    std::string t = kWeekdays[WeekdayFromDays(d0)];
    if (m.end_ms - m.start_ms <= kPartSpanMs) {
      t += std::string(" ") + kParts[PartOfDay(HourOf(m.start_ms + (m.end_ms - m.start_ms) / 2))];
    }
    return t + Near(m);
  }
  // Late-night events that run past midnight still read as one evening.
  if (d1 == d0 + 1 && HourOf(m.end_ms) < 5) {
    return std::string(kWeekdays[WeekdayFromDays(d0)]) + " night" + Near(m);
  }
  if (d1 == d0 + 1 && WeekdayFromDays(d0) == 6) return "Weekend" + Near(m);
  return std::to_string(d1 - d0 + 1) + " days" + Near(m);
}

// Neighbouring events a person would call one outing (CurationParams
// merge_gap_seconds, event_small_photos), merged; events still too small to be
// a moment are dropped (their photos stay in the roll, in no event).
std::vector<Moment> MergeOutings(const std::vector<PhotoSuggestion>& ps, const CurationParams& p,
                                 std::vector<Moment> events) {
  std::vector<Moment> out;
  std::vector<Location> loc;
  for (Moment& e : events) {
    if (!out.empty()) {
      Moment& prev = out.back();
      const Location here = MedianLocation(ps, e.members);
      const bool same_day = DayOf(prev.end_ms) == DayOf(e.start_ms);
      const bool close = (e.start_ms - prev.end_ms) <= p.merge_gap_seconds * 1000;
      const bool moved =
          loc.back().valid && here.valid &&
          HaversineKm(loc.back().lat, loc.back().lon, here.lat, here.lon) >= p.gps_jump_km;
      const bool small = static_cast<int>(prev.members.size()) < p.event_small_photos ||
                         static_cast<int>(e.members.size()) < p.event_small_photos;
      if (same_day && close && !moved && (small || EventTitle(prev) == EventTitle(e))) {
        prev.members.insert(prev.members.end(), e.members.begin(), e.members.end());
        prev.end_ms = e.end_ms;
        loc.back() = MedianLocation(ps, prev.members);
        continue;
      }
    }
    loc.push_back(MedianLocation(ps, e.members));
    out.push_back(std::move(e));
  }
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Moment& m) {
                             return static_cast<int>(m.members.size()) < p.event_min_photos;
                           }),
            out.end());
  return out;
}

std::string GemText(const PhotoSuggestion& ps) {
  return " (gem score " + std::to_string(static_cast<int>(std::lround(ps.score.gem * 100))) + ")";
}

// The picks, then the other good members best first, one per group.
std::vector<ShowcasePhoto> Showcase(const std::vector<PhotoSuggestion>& ps, const Moment& m,
                                    const CurationParams& p) {
  std::vector<ShowcasePhoto> out;
  std::vector<int> groups;
  const int n = static_cast<int>(m.picks.size());
  for (int k = 0; k < n; ++k) {
    const int i = m.picks[k];
    out.push_back({i,
                   {"pick",
                    "pick " + std::to_string(k + 1) + " of " + std::to_string(n) +
                        " for this moment" + GemText(ps[i]),
                    0}});
    if (ps[i].group >= 0) groups.push_back(ps[i].group);
  }
  std::vector<int> rest;
  for (int i : m.members) {
    if (!ps[i].excluded && std::find(m.picks.begin(), m.picks.end(), i) == m.picks.end()) {
      rest.push_back(i);
    }
  }
  std::stable_sort(rest.begin(), rest.end(),
                   [&](int a, int b) { return ps[a].score.gem > ps[b].score.gem; });
  const int limit = std::max(n, p.showcase_max);
  for (int i : rest) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (ps[i].group >= 0) {
      if (std::find(groups.begin(), groups.end(), ps[i].group) != groups.end()) continue;
      groups.push_back(ps[i].group);
    }
    out.push_back({i,
                   {"top_up",
                    "also shown: a good photo from this moment that is not a copy of one "
                    "already shown" +
                        GemText(ps[i]),
                    0}});
  }
  return out;
}

void FinishMoment(const std::vector<PhotoRecord>& records, const CurateOptions& o, Suggestions* s,
                  Moment* m) {
  m->picks = PickDiverse(records, s->photos, m->members, o.params);
  m->showcase = Showcase(s->photos, *m, o.params);
  if (!m->picks.empty()) {
    m->cover = m->picks[0];
  } else if (!m->members.empty()) {
    m->cover = *std::max_element(m->members.begin(), m->members.end(), [&](int a, int b) {
      return s->photos[a].score.gem < s->photos[b].score.gem;
    });
  }
}

}  // namespace

void FindMoments(const std::vector<PhotoRecord>& records, const CurateOptions& o, bool has_today,
                 int64_t today_days, Suggestions* s) {
  const CurationParams& p = o.params;
  std::vector<PhotoSuggestion>& ps = s->photos;
  std::vector<std::pair<int64_t, int>> keys;  // (time, record index): compact sort keys
  // Only photos make moments: a dated screenshot or scanned receipt is not
  // something that happened there (and would split or bridge events).
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].status.ok() && ps[i].has_time && records[i].kind.kind == PhotoKind::kPhoto)
      keys.push_back({ps[i].local_ms, static_cast<int>(i)});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<int> dated(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) dated[k] = keys[k].second;
  const size_t n = dated.size();

  // ---- Events.
  std::vector<Moment> events;
  if (n > 0) {
    std::vector<double> gap(n > 1 ? n - 1 : 0), lg(gap.size());
    for (size_t k = 0; k + 1 < n; ++k) {
      gap[k] = (ps[dated[k + 1]].local_ms - ps[dated[k]].local_ms) / 1000.0;
      lg[k] = std::log(std::max(1.0, gap[k]));  // same-second frames count as 1 s
    }
    // Prefix sums make each windowed mean O(1).
    std::vector<double> prefix(lg.size() + 1, 0);
    for (size_t k = 0; k < lg.size(); ++k) prefix[k + 1] = prefix[k] + lg[k];
    std::vector<int> next_gps(n, -1);
    for (int k = static_cast<int>(n) - 1, nxt = -1; k >= 0; --k) {
      if (ps[dated[k]].has_gps) nxt = k;
      next_gps[k] = nxt;
    }
    size_t begin = 0;
    int last_gps = -1;
    auto emit = [&](size_t b, size_t e) {  // [b, e]
      Moment m;
      m.type = Moment::Type::kEvent;
      for (size_t k = b; k <= e; ++k) m.members.push_back(dated[k]);
      m.start_ms = ps[dated[b]].local_ms;
      m.end_ms = ps[dated[e]].local_ms;
      events.push_back(std::move(m));
    };
    for (size_t k = 0; k + 1 < n; ++k) {
      if (ps[dated[k]].has_gps) last_gps = static_cast<int>(k);
      bool split = gap[k] >= p.max_event_gap_seconds;
      if (!split && gap[k] >= p.min_split_seconds) {
        const size_t lo = k >= static_cast<size_t>(p.toc_window) ? k - p.toc_window : 0;
        const size_t hi = std::min(lg.size(), k + p.toc_window + 1);
        const double mean = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
        split = lg[k] >= mean + p.toc_log_threshold;
      }
      if (!split && gap[k] >= p.gps_jump_min_gap_seconds && last_gps >= static_cast<int>(begin) &&
          next_gps[k + 1] >= 0) {
        const PhotoSuggestion& a = ps[dated[last_gps]];
        const PhotoSuggestion& b = ps[dated[next_gps[k + 1]]];
        split = HaversineKm(a.lat, a.lon, b.lat, b.lon) >= p.gps_jump_km;
      }
      if (split) {
        emit(begin, k);
        begin = k + 1;
      }
    }
    emit(begin, n - 1);
    events = MergeOutings(ps, p, std::move(events));
  }
  std::vector<Location> event_loc(events.size());
  for (size_t e = 0; e < events.size(); ++e) {
    event_loc[e] = MedianLocation(ps, events[e].members);
    NamePlace(o, event_loc[e], &events[e]);
    events[e].title = EventTitle(events[e]);
  }

  // ---- Home: the grid cell with photos on the most distinct days.
  {
    std::vector<std::pair<int64_t, int64_t>> cell_days;  // (cell, day)
    for (int i : dated) {
      if (!ps[i].has_gps) continue;
      const int64_t cy = static_cast<int64_t>(std::floor((ps[i].lat + 90) / p.home_cell_deg));
      const int64_t cx = static_cast<int64_t>(std::floor((ps[i].lon + 180) / p.home_cell_deg));
      cell_days.push_back({cy * 100000 + cx, DayOf(ps[i].local_ms)});
    }
    std::sort(cell_days.begin(), cell_days.end());
    cell_days.erase(std::unique(cell_days.begin(), cell_days.end()), cell_days.end());
    int64_t best_cell = -1;
    int best_days = 0;
    for (size_t a = 0; a < cell_days.size();) {
      size_t b = a;
      while (b < cell_days.size() && cell_days[b].first == cell_days[a].first) ++b;
      if (static_cast<int>(b - a) > best_days)
        best_days = static_cast<int>(b - a), best_cell = cell_days[a].first;
      a = b;
    }
    if (best_days >= p.home_min_days) {
      std::vector<int> in_cell;
      for (int i : dated) {
        if (!ps[i].has_gps) continue;
        const int64_t cy = static_cast<int64_t>(std::floor((ps[i].lat + 90) / p.home_cell_deg));
        const int64_t cx = static_cast<int64_t>(std::floor((ps[i].lon + 180) / p.home_cell_deg));
        if (cy * 100000 + cx == best_cell) in_cell.push_back(i);
      }
      const Location home = MedianLocation(ps, in_cell);
      s->has_home = true;
      s->home_lat = home.lat;
      s->home_lon = home.lon;
    }
  }

  // ---- Trips: runs of away events (events without GPS may sit inside a run).
  std::vector<Moment> trips;
  if (s->has_home) {
    auto away = [&](size_t e) {
      return event_loc[e].valid && HaversineKm(event_loc[e].lat, event_loc[e].lon, s->home_lat,
                                               s->home_lon) >= p.trip_min_km;
    };
    const double max_gap_ms = p.trip_max_gap_hours * 3600000.0;
    for (size_t e = 0; e < events.size();) {
      if (!away(e)) {
        ++e;
        continue;
      }
      size_t last = e;
      for (size_t f = e + 1; f < events.size(); ++f) {
        if (events[f].start_ms - events[f - 1].end_ms > max_gap_ms) break;
        if (away(f)) {
          last = f;
        } else if (event_loc[f].valid) {
          break;  // back home
        }
      }
      Moment t;
      t.type = Moment::Type::kTrip;
      t.start_ms = events[e].start_ms;
      t.end_ms = events[last].end_ms;
      for (size_t f = e; f <= last; ++f) {
        t.events.push_back(static_cast<int>(f));
        t.members.insert(t.members.end(), events[f].members.begin(), events[f].members.end());
      }
      NamePlace(o, MedianLocation(ps, t.members), &t);
      const int64_t days = DayOf(t.end_ms) - DayOf(t.start_ms) + 1;
      if (days == 1) {
        t.title = t.place.empty() ? "Day trip" : "Day trip to " + t.place;
      } else {
        t.title =
            std::to_string(days) + " days" + (t.place.empty() ? std::string(" away") : Near(t));
      }
      trips.push_back(std::move(t));
      e = last + 1;
    }
  }

  // ---- On this day: the same calendar day in earlier years.
  std::vector<Moment> on_this_day;
  if (has_today) {
    int64_t ty;
    int tm, td;
    CivilFromDays(today_days, &ty, &tm, &td);
    std::map<int64_t, std::vector<int>, std::greater<>> by_year;
    for (int i : dated) {
      int64_t y;
      int m, d;
      CivilFromDays(DayOf(ps[i].local_ms), &y, &m, &d);
      if (m == tm && d == td && y < ty) by_year[y].push_back(i);
    }
    for (auto& [year, members] : by_year) {
      Moment m;
      m.type = Moment::Type::kOnThisDay;
      m.members = std::move(members);
      m.start_ms = ps[m.members.front()].local_ms;
      m.end_ms = ps[m.members.back()].local_ms;
      const int64_t ago = ty - year;
      NamePlace(o, MedianLocation(ps, m.members), &m);
      m.title = (ago == 1 ? std::string("On this day last year")
                          : "On this day " + std::to_string(ago) + " years ago") +
                Near(m);
      on_this_day.push_back(std::move(m));
    }
  }

  std::vector<Moment> people;
  FindPeopleMoments(records, p, s, &people);

  for (auto* list : {&events, &trips, &on_this_day, &people}) {
    for (Moment& m : *list) {
      FinishMoment(records, o, s, &m);
      CountMomentPeople(records, ps, &m);
      s->moments.push_back(std::move(m));
    }
  }
}

std::string MomentSubtitle(const Moment& m) {
  const int64_t d0 = DayOf(m.start_ms), d1 = DayOf(m.end_ms);
  std::string t = LongDate(d0);
  if (d1 != d0) t += " – " + LongDate(d1);
  return t;
}

}  // namespace gemroll::curate_internal
