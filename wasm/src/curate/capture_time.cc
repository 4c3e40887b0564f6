// Calendar arithmetic and capture-time sanity checks.
#include <cmath>
#include <cstdio>

#include "curate/curate_internal.h"

namespace gemroll::curate_internal {

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

int WeekdayFromDays(int64_t z) { return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6); }

namespace {
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}
int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// "YYYY:MM:DD HH:MM:SS" (EXIF) -> ms; false when malformed.
bool ParseExifDate(const std::string& s, const std::string& subsec, int64_t* ms, int* year) {
  int y, mo, d, h, mi, se;
  if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &mo) || !Digits(s, 8, 2, &d)) return false;
  if (!Digits(s, 11, 2, &h) || !Digits(s, 14, 2, &mi) || !Digits(s, 17, 2, &se)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || se > 60)
    return false;
  int frac = 0, digits = 0;
  for (char c : subsec) {
    if (c < '0' || c > '9' || digits == 3) break;
    frac = frac * 10 + (c - '0');
    ++digits;
  }
  while (digits > 0 && digits < 3) {
    frac *= 10;
    ++digits;
  }
  *year = y;
  *ms = (DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se) * 1000 + frac;
  return true;
}
}  // namespace

bool ParseYmd(std::string_view s, int64_t* days) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m) || !Digits(s, 8, 2, &d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

std::string FormatLocalIso(int64_t ms) {
  int64_t days = ms >= 0 ? ms / kMsPerDay : -((-ms + kMsPerDay - 1) / kMsPerDay);
  int64_t rem = ms - days * kMsPerDay;
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  const int sec = static_cast<int>(rem / 1000), frac = static_cast<int>(rem % 1000);
  char buf[48];
  if (frac) {
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d",
                  static_cast<long long>(y), m, d, sec / 3600, sec / 60 % 60, sec % 60, frac);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(y), m,
                  d, sec / 3600, sec / 60 % 60, sec % 60);
  }
  return buf;
}

CaptureTime ReadCaptureTime(const ExifData& exif, bool has_today, int64_t today_days,
                            const CurationParams& p) {
  CaptureTime out;
  struct Source {
    const std::string* value;
    const std::string* subsec;
    const char* tag;
  };
  static const std::string kNone;
  const Source sources[] = {
      {&exif.date_time_original, &exif.subsec_time_original, "DateTimeOriginal"},
      {&exif.date_time_digitized, &kNone, "DateTimeDigitized"}};
  for (const Source& src : sources) {
    if (src.value->empty()) continue;
    int64_t ms;
    int year;
    if (!ParseExifDate(*src.value, *src.subsec, &ms, &year)) {
      if (out.problem.code.empty()) {
        out.problem = {"date_malformed",
                       std::string(src.tag) + " \"" + *src.value + "\" is not a calendar time", 0};
      }
      continue;
    }
    if (year < p.min_plausible_year) {
      out.problem = {"date_implausible",
                     std::string(src.tag) + " " + src.value->substr(0, 10) +
                         " predates digital cameras (an unset clock); time ignored",
                     0};
      continue;
    }
    if (has_today && ms >= (today_days + 1 + p.future_slack_days) * kMsPerDay) {
      out.problem = {
          "date_in_future",
          std::string(src.tag) + " " + src.value->substr(0, 10) + " is after today; time ignored",
          0};
      continue;
    }
    out.valid = true;
    out.ms = ms;
    out.iso = FormatLocalIso(ms);
    if (src.value == &exif.date_time_original && !exif.offset_time_original.empty()) {
      out.iso += exif.offset_time_original;
    }
    out.problem = {};
    if (src.value != &exif.date_time_original) {
      out.problem = {"date_from_digitized", "no usable DateTimeOriginal; using DateTimeDigitized",
                     0};
    }
    return out;
  }
  if (out.problem.code.empty()) out.problem = {"no_capture_time", "no capture time in EXIF", 0};
  return out;
}

float Clamp01(float v) { return v < 0 ? 0 : (v > 1 ? 1 : (std::isnan(v) ? 0 : v)); }

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace gemroll::curate_internal
