// ExifData's derived views: the ISO 8601 capture time and the JSON form that
// the CLI, the wasm binding and the JS package all share.
#include <cstdio>
#include <string>
#include <string_view>

#include "gemroll/exif.h"

namespace gemroll {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads a fixed-width decimal field; false on any non-digit.
bool Digits(std::string_view s, size_t pos, size_t n, int* v) {
  if (pos + n > s.size()) return false;
  *v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return false;
    *v = *v * 10 + (s[i] - '0');
  }
  return true;
}

// "+HH:MM" / "-HH:MM" as written by OffsetTimeOriginal.
bool ValidOffset(std::string_view s) {
  int h, m;
  return s.size() == 6 && (s[0] == '+' || s[0] == '-') && s[3] == ':' && Digits(s, 1, 2, &h) &&
         Digits(s, 4, 2, &m) && h <= 14 && m <= 59;
}

}  // namespace

std::string ExifData::DateTimeOriginalIso() const {
  std::string_view s = date_time_original;
  int y, mo, d, h, mi, sec;
  // EXIF says ':' everywhere, but '-' and '/' date separators and a 'T'
  // between date and time turn up from some writers; accept those too.
  auto date_sep = [&](size_t i) {
    return i < s.size() && (s[i] == ':' || s[i] == '-' || s[i] == '/');
  };
  if (!Digits(s, 0, 4, &y) || !date_sep(4) || !Digits(s, 5, 2, &mo) || !date_sep(7) ||
      !Digits(s, 8, 2, &d) || s.size() < 19 || (s[10] != ' ' && s[10] != 'T') ||
      !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &sec)) {
    return "";
  }
  if (y == 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return "";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, sec);
  std::string out = buf;
  // SubSecTime holds the digits after the decimal point ("5" is 0.5 s), so
  // it is right-padded or cut to milliseconds.
  std::string_view sub = subsec_time_original;
  size_t nd = 0;
  while (nd < sub.size() && IsDigit(sub[nd])) ++nd;
  if (nd > 0 && nd == sub.size()) {
    std::string ms(sub.substr(0, 3));
    ms.resize(3, '0');
    out += "." + ms;
  }
  if (ValidOffset(offset_time_original)) out += offset_time_original;
  return out;
}

void ExifData::WriteJson(JsonWriter& w) const {
  w.BeginObject();
  std::string iso_time = DateTimeOriginalIso();
  auto str = [&](std::string_view key, const std::string& v) {
    if (!v.empty()) w.Field(key, v);
  };
  auto num = [&](std::string_view key, double v) {
    if (v > 0) w.Field(key, v);
  };
  str("dateTimeOriginal", iso_time);
  str("offsetTimeOriginal", offset_time_original);
  str("make", make);
  str("model", model);
  str("software", software);
  str("lensModel", lens_model);
  num("exposureTime", exposure_time);
  num("fNumber", f_number);
  if (iso > 0) w.Field("iso", iso);
  if (flash >= 0) w.Field("flash", flash);
  num("focalLength", focal_length);
  str("userComment", user_comment);
  if (orientation != 0) w.Field("orientation", orientation);
  if (pixel_x > 0) w.Field("pixelWidth", pixel_x);
  if (pixel_y > 0) w.Field("pixelHeight", pixel_y);
  if (gps.present) {
    w.Key("gps").BeginObject().Field("lat", gps.latitude).Field("lon", gps.longitude);
    if (gps.has_altitude) w.Field("alt", gps.altitude);
    w.EndObject();
  }
  if (thumbnail_length > 0) {
    w.Key("thumbnail")
        .BeginObject()
        .Field("offset", thumbnail_offset)
        .Field("length", thumbnail_length);
    w.EndObject();
  }
  if (!warnings.empty()) {
    w.Key("warnings").BeginArray();
    for (const std::string& s : warnings) w.String(s);
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace gemroll
