// Collage themes (palette, decoration, layout, titles) and the per-moment
// suggestion: which photos, which layout, which theme, and why.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "collage/collage_internal.h"
#include "gemroll/collage.h"

namespace gemroll {
namespace {

using collage_internal::Fmt;

// Every threshold of the suggestion, in one place.
struct SuggestParams {
  float face_bonus = 0.1f;        // added to a pick's gem score when it shows faces
  int strip_max = 3;              // 2..3 photos: a strip
  int hero_max = 7;               // hero + thumbnails for 4..7 photos ...
  float hero_gem_margin = 0.08f;  // ... when the best pick beats the next by this much
  // Holiday season (inclusive, MM-DD): Christmas to Epiphany.
  int holiday_start_month = 12, holiday_start_day = 20;
  int holiday_end_month = 1, holiday_end_day = 6;
  float title_band = 0.11f;       // of the canvas height, when a collage has a title
  float strip_long_side_max = 4;  // canvas long side / short side
};
constexpr SuggestParams kSuggestParams;

const char* const kMonths[12] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};

struct Day {
  int y = 0, m = 0, d = 0;
  bool ok = false;
};

Day ParseDay(std::string_view s) {
  Day day;
  if (s.size() < 10) return day;
  int y, m, d;
  if (std::sscanf(std::string(s.substr(0, 10)).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return day;
  if (m < 1 || m > 12 || d < 1 || d > 31) return day;
  return {y, m, d, true};
}

// "May 2024", "May – June 2024", "December 2023 – January 2024"; "" without dates.
std::string MonthSpan(const Day& a, const Day& b) {
  if (!a.ok) return "";
  if (!b.ok || (a.y == b.y && a.m == b.m)) return Fmt("%s %.0f", kMonths[a.m - 1], a.y);
  if (a.y == b.y) return Fmt("%s – %s %.0f", kMonths[a.m - 1], kMonths[b.m - 1], a.y);
  return Fmt("%s %.0f – %s %.0f", kMonths[a.m - 1], a.y, kMonths[b.m - 1], b.y);
}

// Day of year-ish ordinal for month/day comparisons within a season.
int Md(int m, int d) { return m * 100 + d; }

// Whether any day from a to b (at most a year apart) falls in [start, end]
// of the calendar (MM*100+DD), a range that may wrap over the new year.
bool SpanTouches(const Day& a, const Day& b, int start, int end) {
  if (!a.ok) return false;
  const Day e = b.ok ? b : a;
  // Walk month by month: enough for these coarse checks.
  int y = a.y, m = a.m, d = a.d;
  for (int steps = 0; steps < 400; ++steps) {
    const int md = Md(m, d);
    const bool in = start <= end ? (md >= start && md <= end) : (md >= start || md <= end);
    if (in) return true;
    if (y > e.y || (y == e.y && (m > e.m || (m == e.m && d >= e.d)))) break;
    if (++d > 31) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
  return false;
}

}  // namespace

const char* CollageThemeName(CollageTheme t) {
  switch (t) {
    case CollageTheme::kNone:
      return "none";
    case CollageTheme::kBirthday:
      return "birthday";
    case CollageTheme::kGraduation:
      return "graduation";
    case CollageTheme::kTrip:
      return "trip";
    case CollageTheme::kHoliday:
      return "holiday";
    case CollageTheme::kYearInReview:
      return "year_in_review";
  }
  return "none";
}

bool CollageThemeFromName(std::string_view name, CollageTheme* out) {
  for (CollageTheme t :
       {CollageTheme::kNone, CollageTheme::kBirthday, CollageTheme::kGraduation,
        CollageTheme::kTrip, CollageTheme::kHoliday, CollageTheme::kYearInReview}) {
    if (name == CollageThemeName(t)) {
      *out = t;
      return true;
    }
  }
  return false;
}

CollageStyle ThemeSpec::StyleFor(int width, int height) const {
  CollageStyle s = style;
  const int short_side = std::min(width, height);
  s.corner_radius = static_cast<int>(std::lround(corner * short_side));
  s.border_width = border > 0 ? std::max(1, static_cast<int>(std::lround(border * short_side))) : 0;
  return s;
}

int ThemeSpec::TitleHeight(int width, int height) const {
  return static_cast<int>(std::lround(title_band * std::min(width, height)));
}

ThemeSpec GetTheme(CollageTheme theme, std::string_view place, std::string_view start_day,
                   std::string_view end_day) {
  const Day a = ParseDay(start_day), b = ParseDay(end_day);
  ThemeSpec t;
  t.theme = theme;
  CollageStyle& s = t.style;
  const float band = kSuggestParams.title_band;
  switch (theme) {
    case CollageTheme::kNone:
      t.layout = CollageLayout::kMosaic;
      t.corner = 0;
      break;
    case CollageTheme::kBirthday:
      s.background_top = {255, 241, 242, 255};
      s.background_bottom = {255, 228, 230, 255};
      s.text = {159, 18, 57, 255};
      s.accent = {244, 63, 94, 255};
      s.decoration = CollageDecoration::kConfetti;
      t.layout = CollageLayout::kMosaic;
      t.corner = 0.012f;
      t.title_band = band;
      s.title = "Happy birthday";
      if (a.ok) s.subtitle = Fmt("%.0f %s %.0f", a.d, kMonths[a.m - 1], a.y);
      break;
    case CollageTheme::kGraduation:
      s.background_top = {15, 30, 61, 255};
      s.background_bottom = {30, 58, 138, 255};
      s.text = {253, 230, 138, 255};
      s.accent = {212, 175, 55, 255};
      s.decoration = CollageDecoration::kRule;
      t.layout = CollageLayout::kGrid;
      t.border = 0.003f;
      t.title_band = band;
      s.title = "Graduation";
      s.subtitle = MonthSpan(a, b);
      break;
    case CollageTheme::kTrip:
      s.background_top = {245, 239, 230, 255};
      s.background_bottom = {234, 219, 200, 255};
      s.text = {59, 47, 47, 255};
      s.accent = {255, 255, 255, 255};  // postcard-white borders
      t.layout = CollageLayout::kMosaic;
      t.border = 0.005f;
      t.title_band = band;
      s.title = place.empty() ? std::string("A trip") : "Trip to " + std::string(place);
      s.subtitle = MonthSpan(a, b);
      break;
    case CollageTheme::kHoliday:
      s.background_top = {20, 83, 45, 255};
      s.background_bottom = {5, 46, 22, 255};
      s.text = {254, 242, 242, 255};
      s.accent = {220, 38, 38, 255};
      s.decoration = CollageDecoration::kSnow;
      t.layout = CollageLayout::kGrid;
      t.corner = 0.008f;
      t.title_band = band;
      s.title = "Happy holidays";
      s.subtitle = MonthSpan(a, b);
      break;
    case CollageTheme::kYearInReview:
      s.background_top = {17, 24, 39, 255};
      s.background_bottom = {31, 41, 55, 255};
      s.text = {249, 250, 251, 255};
      s.accent = {251, 191, 36, 255};
      s.decoration = CollageDecoration::kStars;
      t.layout = CollageLayout::kMosaic;
      t.corner = 0.006f;
      t.title_band = band;
      s.title = a.ok ? Fmt("%.0f in review", a.y) : std::string("The year in review");
      s.subtitle = "The year's best photos";
      break;
  }
  return t;
}

void CollageSuggestion::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  w.Field("theme", std::string(CollageThemeName(theme)));
  w.Field("layout", std::string(CollageLayoutName(layout)));
  w.Key("photos").BeginArray();
  for (int p : photos) w.Int(p);
  w.EndArray();
  w.Field("hero", hero).Field("width", width).Field("height", height);
  w.Field("title", title).Field("subtitle", subtitle);
  w.Key("reasons");
  WriteReasons(w, reasons);
  w.EndObject();
}

StatusOr<CollageSuggestion> SuggestCollage(const CollageMoment& m, const CollageSuggestOptions& o) {
  const SuggestParams& P = kSuggestParams;
  // Photos: the moment's picks (best first), those with faces preferred.
  std::vector<const CollageMomentPhoto*> usable;
  for (const CollageMomentPhoto& p : m.picks) {
    if (p.width > 0 && p.height > 0) usable.push_back(&p);
  }
  if (usable.size() < 2) {
    return InvalidArgument(Fmt("collage: the moment has %.0f usable photo%s, a collage needs 2",
                               usable.size(), usable.size() == 1 ? "" : "s"));
  }
  auto key = [&](const CollageMomentPhoto* p) {
    return p->gem + (p->faces > 0 ? P.face_bonus : 0);
  };
  std::stable_sort(
      usable.begin(), usable.end(),
      [&](const CollageMomentPhoto* a, const CollageMomentPhoto* b) { return key(a) > key(b); });
  const int max_photos = std::clamp(o.max_photos, 2, 64);
  if (static_cast<int>(usable.size()) > max_photos) usable.resize(max_photos);
  const int n = static_cast<int>(usable.size());
  int with_faces = 0, landscape = 0;
  double sum_aspect = 0, sum_inv = 0;
  for (const CollageMomentPhoto* p : usable) {
    with_faces += p->faces > 0;
    const double a = static_cast<double>(p->width) / p->height;
    landscape += a >= 1;
    sum_aspect += a;
    sum_inv += 1 / a;
  }

  CollageSuggestion s;
  for (const CollageMomentPhoto* p : usable) s.photos.push_back(p->index);
  std::vector<Reason>& why = s.reasons;

  // Theme.
  const Day a = ParseDay(m.start_day), b = ParseDay(m.end_day);
  std::string theme_why;
  bool birthday = false;
  for (const std::string& md : o.birthdays) {
    int mm, dd;
    if (md.size() == 5 && std::sscanf(md.c_str(), "%2d-%2d", &mm, &dd) == 2 &&
        SpanTouches(a, b, Md(mm, dd), Md(mm, dd))) {
      birthday = true;
    }
  }
  if (m.type == "year") {
    s.theme = CollageTheme::kYearInReview;
    theme_why = "the year's best photos";
  } else if (birthday) {
    s.theme = CollageTheme::kBirthday;
    theme_why = "on a birthday you listed";
  } else if (SpanTouches(a, b, Md(P.holiday_start_month, P.holiday_start_day),
                         Md(P.holiday_end_month, P.holiday_end_day))) {
    s.theme = CollageTheme::kHoliday;
    theme_why = "in the holiday season (20 December – 6 January)";
  } else if (m.type == "trip") {
    s.theme = CollageTheme::kTrip;
    theme_why = m.place.empty() ? "a trip away from home" : "a trip to " + m.place;
  } else {
    s.theme = CollageTheme::kNone;
    theme_why = m.type == "on_this_day" ? "photos from this day in earlier years" : "an event";
  }
  const ThemeSpec spec = GetTheme(s.theme, m.place, m.start_day, m.end_day);
  s.title = spec.style.title;
  s.subtitle = spec.style.subtitle;
  if (s.theme == CollageTheme::kNone && !m.title.empty()) {
    s.title = m.title;
    s.subtitle = MonthSpan(a, b);
  }

  // Layout from the number and shapes of the photos.
  std::string layout_why;
  const bool same_shape = landscape == 0 || landscape == n;
  const float margin = n >= 2 ? key(usable[0]) - key(usable[1]) : 0;
  if (n <= P.strip_max) {
    s.layout = CollageLayout::kStrip;
    layout_why = Fmt("%.0f photos sit side by side in a strip", n);
  } else if (n <= P.hero_max && margin >= P.hero_gem_margin) {
    s.layout = CollageLayout::kHero;
    s.hero = 0;
    layout_why =
        Fmt("the best photo stands out (%.2f ahead of the next): it leads, the rest are thumbnails",
            margin);
  } else if (same_shape && (n == 4 || n == 6 || n == 8 || n == 9 || n == 12)) {
    s.layout = CollageLayout::kGrid;
    layout_why = Fmt("%.0f photos of the same shape fill an even grid", n);
  } else {
    s.layout = CollageLayout::kMosaic;
    layout_why = same_shape ? Fmt("%.0f photos: a mosaic keeps every shape", n)
                            : "mixed portrait and landscape photos keep their shapes in a mosaic";
  }

  // Canvas: 4:3 (3:4 for mostly portrait photos); a strip as long as its photos.
  const int W = std::clamp(o.width, 256, 8192);
  const bool portrait = landscape * 2 < n;
  s.width = W;
  s.height = portrait ? W * 4 / 3 : W * 3 / 4;
  if (s.layout == CollageLayout::kStrip) {
    if (landscape * 2 >= n) {  // landscape photos stack in a column
      s.width = W / 2;
      s.height = static_cast<int>(std::lround(s.width * sum_inv));
    } else {  // portrait photos stand in a row
      s.height = static_cast<int>(std::lround(W / sum_aspect));
    }
    const double long_max = P.strip_long_side_max * std::min(s.width, s.height);
    s.height =
        static_cast<int>(std::clamp<double>(s.height, s.width / P.strip_long_side_max, long_max));
    s.height += spec.TitleHeight(s.width, s.height);
  }

  const std::string what = m.type == "trip" ? (m.place.empty() ? "a trip" : "a trip to " + m.place)
                           : m.type == "year"        ? "the year"
                           : m.type == "on_this_day" ? "this day in past years"
                                                     : "an event";
  why.push_back({"summary",
                 Fmt("%.0f photos from %s → %s, %s theme", n, what.c_str(),
                     CollageLayoutName(s.layout), CollageThemeName(s.theme)),
                 1.0f});
  why.push_back({std::string("theme_") + CollageThemeName(s.theme),
                 std::string(CollageThemeName(s.theme)) + " theme: " + theme_why, 0.6f});
  why.push_back({std::string("layout_") + CollageLayoutName(s.layout), layout_why, 0.5f});
  if (with_faces > 0) {
    why.push_back({"faces_preferred",
                   Fmt("%.0f of %.0f photos show faces (preferred, and never cut)", with_faces, n),
                   0.3f});
  }
  if (static_cast<int>(m.picks.size()) > n) {
    why.push_back({"trimmed", Fmt("the best %.0f of %.0f picks", n, m.picks.size()), 0.1f});
  }
  return s;
}

}  // namespace gemroll
