// TIFF/EXIF IFD walker. Every read goes through Reader, which checks bounds
// with 64-bit arithmetic, so a 32-bit offset or count from the file can never
// wrap around or point outside the block.
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "gemroll/exif.h"

namespace gemroll {
namespace {

// Caps that bound work on hostile input. Real files have < 100 entries per
// IFD and 5 IFDs (0, 1, Exif, GPS, Interop).
constexpr uint32_t kMaxEntriesPerIfd = 1000;
constexpr size_t kMaxIfds = 16;
constexpr size_t kMaxStringBytes = 4096;

enum class IfdKind { kIfd0, kIfd1, kExif, kGps, kOther };

class Reader {
 public:
  Reader(const uint8_t* data, size_t size, bool big_endian)
      : data_(data), size_(size), big_endian_(big_endian) {}

  size_t size() const { return size_; }
  bool big_endian() const { return big_endian_; }
  bool InBounds(uint64_t offset, uint64_t length) const {
    return offset <= size_ && length <= size_ - offset;
  }
  const uint8_t* At(uint64_t offset) const { return data_ + offset; }
  // Callers check InBounds first; these never fail on their own.
  uint16_t U16(uint64_t o) const {
    const uint8_t* p = data_ + o;
    return big_endian_ ? uint16_t(p[0] << 8 | p[1]) : uint16_t(p[1] << 8 | p[0]);
  }
  uint32_t U32(uint64_t o) const {
    const uint8_t* p = data_ + o;
    return big_endian_ ? uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]
                       : uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
  }
  uint64_t U64(uint64_t o) const {
    uint64_t hi = U32(big_endian_ ? o : o + 4), lo = U32(big_endian_ ? o + 4 : o);
    return hi << 32 | lo;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  bool big_endian_;
};

// One IFD entry with its value located (inline or by offset) and checked.
struct Entry {
  uint16_t tag = 0;
  uint16_t type = 0;
  uint32_t count = 0;
  uint64_t value_offset = 0;  // where the value bytes start in the block
  uint32_t type_size = 0;
};

uint32_t TypeSize(uint16_t type) {
  switch (type) {
    case 1:
    case 2:
    case 6:
    case 7:
      return 1;  // BYTE ASCII SBYTE UNDEFINED
    case 3:
    case 8:
      return 2;  // SHORT SSHORT
    case 4:
    case 9:
    case 11:
    case 13:
      return 4;  // LONG SLONG FLOAT IFD
    case 5:
    case 10:
    case 12:
      return 8;  // RATIONAL SRATIONAL DOUBLE
    default:
      return 0;
  }
}

// Reads element `i` of a numeric entry as a double; false when the type is
// not numeric, the index is out of range, or a rational has a zero
// denominator (which cameras write for "unknown").
bool Number(const Reader& r, const Entry& e, uint32_t i, double* v) {
  if (i >= e.count || e.type_size == 0) return false;
  uint64_t o = e.value_offset + uint64_t(i) * e.type_size;
  switch (e.type) {
    case 1:
    case 7:
      *v = *r.At(o);
      return true;
    case 6:
      *v = int8_t(*r.At(o));
      return true;
    case 3:
      *v = r.U16(o);
      return true;
    case 8:
      *v = int16_t(r.U16(o));
      return true;
    case 4:
    case 13:
      *v = r.U32(o);
      return true;
    case 9:
      *v = int32_t(r.U32(o));
      return true;
    case 5:
    case 10: {
      uint32_t n = r.U32(o), d = r.U32(o + 4);
      if (d == 0) return false;
      *v = e.type == 5 ? double(n) / d : double(int32_t(n)) / int32_t(d);
      return true;
    }
    case 11: {
      uint32_t bits = r.U32(o);
      float f;
      std::memcpy(&f, &bits, 4);
      *v = f;
      return std::isfinite(*v);
    }
    case 12: {
      uint64_t bits = r.U64(o);
      std::memcpy(v, &bits, 8);
      return std::isfinite(*v);
    }
    default:
      return false;
  }
}

bool IsTrimmed(char c) { return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string Trim(std::string_view s) {
  while (!s.empty() && IsTrimmed(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsTrimmed(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// ASCII values end at the first NUL; some writers store text as BYTE or
// UNDEFINED, so any 1-byte type is accepted.
std::string Text(const Reader& r, const Entry& e) {
  if (e.type_size != 1) return "";
  size_t n = std::min<size_t>(e.count, kMaxStringBytes);
  const char* p = reinterpret_cast<const char*>(r.At(e.value_offset));
  const void* nul = std::memchr(p, 0, n);
  if (nul) n = static_cast<const char*>(nul) - p;
  return Trim(std::string_view(p, n));
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | cp >> 6));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | cp >> 12));
    out->push_back(char(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | cp >> 18));
    out->push_back(char(0x80 | (cp >> 12 & 0x3F)));
    out->push_back(char(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

// UTF-16 to UTF-8; unpaired surrogates become U+FFFD.
std::string Utf16ToUtf8(const uint8_t* p, size_t n, bool big_endian) {
  if (n >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE))) {
    big_endian = p[0] == 0xFE;  // a BOM overrides the TIFF byte order
    p += 2;
    n -= 2;
  }
  std::string out;
  auto unit = [&](size_t i) -> uint32_t {
    return big_endian ? uint32_t(p[i] << 8 | p[i + 1]) : uint32_t(p[i + 1] << 8 | p[i]);
  };
  for (size_t i = 0; i + 1 < n && out.size() < kMaxStringBytes; i += 2) {
    uint32_t cp = unit(i);
    if (cp == 0) break;
    if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n && unit(i + 2) >= 0xDC00 && unit(i + 2) < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp < 0xE000) {
      cp = 0xFFFD;
    }
    AppendUtf8(cp, &out);
  }
  return out;
}

// UserComment: an 8-byte charset id, then the text. JIS is rare enough in
// photo libraries that we drop it rather than carry a conversion table.
std::string UserComment(const Reader& r, const Entry& e) {
  if (e.type_size != 1) return "";
  const uint8_t* p = r.At(e.value_offset);
  size_t n = e.count;
  if (n < 8)
    return Trim(std::string_view(reinterpret_cast<const char*>(p), std::min(n, kMaxStringBytes)));
  std::string_view id(reinterpret_cast<const char*>(p), 8);
  p += 8;
  n -= 8;
  if (id == std::string_view("UNICODE\0", 8)) {
    return Trim(Utf16ToUtf8(p, std::min(n, 2 * kMaxStringBytes), r.big_endian()));
  }
  if (id == std::string_view("JIS\0\0\0\0\0", 8)) return "";
  // ASCII, undefined (all NUL) and unknown ids: keep the bytes; JsonWriter
  // replaces invalid UTF-8 on output.
  n = std::min(n, kMaxStringBytes);
  const char* c = reinterpret_cast<const char*>(p);
  const void* nul = std::memchr(c, 0, n);
  if (nul) n = static_cast<const char*>(nul) - c;
  return Trim(std::string_view(c, n));
}

// Placeholder dates ("0000:00:00 00:00:00", "    :  :     :  :  ") carry
// no information; callers treat them as absent.
std::string DateText(const Reader& r, const Entry& e) {
  std::string s = Text(r, e);
  for (char c : s) {
    if (c >= '1' && c <= '9') return s;
  }
  return "";
}

struct GpsRaw {
  char lat_ref = 0, lon_ref = 0;
  bool has_lat = false, has_lon = false, has_alt = false;
  double lat = 0, lon = 0, alt = 0;
  int alt_ref = 0;
};

// Degrees, minutes, seconds; some writers store only 1 or 2 parts.
bool Dms(const Reader& r, const Entry& e, double* out) {
  double parts[3] = {0, 0, 0};
  uint32_t n = std::min<uint32_t>(e.count, 3);
  if (n == 0) return false;
  for (uint32_t i = 0; i < n; ++i) {
    if (!Number(r, e, i, &parts[i])) return false;
  }
  *out = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
  return true;
}

char RefChar(const Reader& r, const Entry& e) {
  std::string s = Text(r, e);
  return s.empty() ? 0 : char(s[0] & ~0x20);  // upper-case
}

class Walker {
 public:
  Walker(const Reader& r, uint64_t file_offset, ExifData* out)
      : r_(r), file_offset_(file_offset), out_(out) {}

  void Run(uint32_t ifd0) {
    Push(ifd0, IfdKind::kIfd0);
    // A work list instead of recursion keeps the stack depth constant.
    for (size_t i = 0; i < queue_size_; ++i) WalkIfd(queue_[i].offset, queue_[i].kind);
    FinishGps();
    FinishThumbnail();
  }

 private:
  struct Pending {
    uint32_t offset;
    IfdKind kind;
  };

  void Warn(std::string w) {
    for (const std::string& x : out_->warnings) {
      if (x == w) return;  // one line per kind of problem is enough
    }
    if (out_->warnings.size() < 32) out_->warnings.push_back(std::move(w));
  }

  void Push(uint32_t offset, IfdKind kind) {
    if (offset == 0) return;
    for (size_t i = 0; i < queue_size_; ++i) {
      if (queue_[i].offset == offset) return Warn("IFD loop detected");
    }
    if (queue_size_ == kMaxIfds) return Warn("too many IFDs");
    queue_[queue_size_++] = {offset, kind};
  }

  void WalkIfd(uint32_t offset, IfdKind kind) {
    if (!r_.InBounds(offset, 2)) return Warn("IFD offset past end of EXIF data");
    uint32_t count = r_.U16(offset);
    if (count > kMaxEntriesPerIfd) {
      Warn("IFD entry count too large");
      count = kMaxEntriesPerIfd;
    }
    uint64_t first = uint64_t(offset) + 2;
    for (uint32_t i = 0; i < count; ++i) {
      uint64_t eo = first + uint64_t(i) * 12;
      if (!r_.InBounds(eo, 12)) return Warn("IFD truncated");
      Entry e;
      e.tag = r_.U16(eo);
      e.type = r_.U16(eo + 2);
      e.count = r_.U32(eo + 4);
      e.type_size = TypeSize(e.type);
      if (e.type_size == 0 || e.count == 0) continue;  // unknown type: skip per TIFF 6.0
      uint64_t bytes = uint64_t(e.count) * e.type_size;
      e.value_offset = bytes <= 4 ? eo + 8 : r_.U32(eo + 8);
      if (!r_.InBounds(e.value_offset, bytes)) {
        Warn("tag value past end of EXIF data");
        continue;
      }
      Handle(e, kind);
    }
    uint64_t next = first + uint64_t(count) * 12;
    if (kind == IfdKind::kIfd0 && r_.InBounds(next, 4)) Push(r_.U32(next), IfdKind::kIfd1);
  }

  int FirstInt(const Entry& e) {
    double v;
    return Number(r_, e, 0, &v) && v >= -2147483648.0 && v <= 2147483647.0 ? int(v) : 0;
  }
  double FirstDouble(const Entry& e) {
    double v;
    return Number(r_, e, 0, &v) ? v : 0;
  }
  uint32_t Pointer(const Entry& e) {
    return (e.type == 4 || e.type == 13) ? r_.U32(e.value_offset) : 0;
  }

  void Handle(const Entry& e, IfdKind kind) {
    switch (kind) {
      case IfdKind::kIfd0:
      case IfdKind::kExif:
        return HandleMain(e);
      case IfdKind::kIfd1:
        return HandleIfd1(e);
      case IfdKind::kGps:
        return HandleGps(e);
      case IfdKind::kOther:
        return;
    }
  }

  // IFD0 and the Exif IFD share one tag space, and some writers (scanners,
  // old TIFF tools) put Exif tags in IFD0, so both are read with one switch.
  // IFD0 is walked first, so a value in the Exif IFD wins.
  void HandleMain(const Entry& e) {
    ExifData& o = *out_;
    switch (e.tag) {
      case 0x010F:
        o.make = Text(r_, e);
        break;
      case 0x0110:
        o.model = Text(r_, e);
        break;
      case 0x0131:
        o.software = Text(r_, e);
        break;
      case 0x0132:
        o.date_time = DateText(r_, e);
        break;
      case 0x0112: {
        int v = FirstInt(e);
        o.orientation = v >= 1 && v <= 8 ? v : 0;
        if (o.orientation == 0) Warn("orientation out of range");
        break;
      }
      case 0x8769:
        Push(Pointer(e), IfdKind::kExif);
        break;
      case 0x8825:
        Push(Pointer(e), IfdKind::kGps);
        break;
      case 0x829A:
        o.exposure_time = FirstDouble(e);
        break;
      case 0x829D:
        o.f_number = FirstDouble(e);
        break;
      case 0x8827:
        o.iso = FirstInt(e);
        break;
      case 0x8833:
        if (o.iso == 0) o.iso = FirstInt(e);
        break;  // ISOSpeed
      case 0x9003:
        o.date_time_original = DateText(r_, e);
        break;
      case 0x9004:
        o.date_time_digitized = DateText(r_, e);
        break;
      case 0x9011:
        o.offset_time_original = Text(r_, e);
        break;
      case 0x9291:
        o.subsec_time_original = Text(r_, e);
        break;
      case 0x9209:
        o.flash = e.type == 3 || e.type == 4 ? FirstInt(e) : o.flash;
        break;
      case 0x920A:
        o.focal_length = FirstDouble(e);
        break;
      case 0x9286:
        o.user_comment = UserComment(r_, e);
        break;
      case 0xA002:
        o.pixel_x = FirstInt(e);
        break;
      case 0xA003:
        o.pixel_y = FirstInt(e);
        break;
      case 0xA434:
        o.lens_model = Text(r_, e);
        break;
      default:
        break;
    }
  }

  void HandleIfd1(const Entry& e) {
    if (e.tag == 0x0201) {
      thumb_offset_ = FirstDouble(e);
      has_thumb_offset_ = true;
    } else if (e.tag == 0x0202) {
      thumb_length_ = FirstDouble(e);
    }
  }

  void HandleGps(const Entry& e) {
    switch (e.tag) {
      case 1:
        gps_.lat_ref = RefChar(r_, e);
        break;
      case 2:
        gps_.has_lat = Dms(r_, e, &gps_.lat);
        break;
      case 3:
        gps_.lon_ref = RefChar(r_, e);
        break;
      case 4:
        gps_.has_lon = Dms(r_, e, &gps_.lon);
        break;
      case 5:
        gps_.alt_ref = FirstInt(e);
        break;
      case 6:
        gps_.has_alt = Number(r_, e, 0, &gps_.alt);
        // Some phones write a negative altitude into the unsigned RATIONAL
        // (-12 m becomes 4294967284 m); read such numerators as int32.
        if (gps_.has_alt && e.type == 5 && r_.U32(e.value_offset) >= 0x80000000u) {
          gps_.alt = double(int32_t(r_.U32(e.value_offset))) / r_.U32(e.value_offset + 4);
          Warn("GPS altitude stored as unsigned negative number");
        }
        break;
      default:
        break;
    }
  }

  void FinishGps() {
    if (!gps_.has_lat || !gps_.has_lon) return;
    double lat = gps_.lat_ref == 'S' ? -gps_.lat : gps_.lat;
    double lon = gps_.lon_ref == 'W' ? -gps_.lon : gps_.lon;
    if (std::fabs(lat) > 90) return Warn("GPS latitude out of range");
    if (std::fabs(lon) > 180) return Warn("GPS longitude out of range");
    GpsPosition& g = out_->gps;
    g.present = true;
    g.latitude = lat;
    g.longitude = lon;
    if (gps_.has_alt && std::fabs(gps_.alt) > 100000) {
      Warn("GPS altitude out of range");
    } else if (gps_.has_alt) {
      g.has_altitude = true;
      g.altitude = gps_.alt_ref == 1 ? -gps_.alt : gps_.alt;
    }
  }

  void FinishThumbnail() {
    if (!has_thumb_offset_ || !(thumb_length_ > 0)) return;
    // The tags are read as doubles (any numeric type): range-check before
    // converting, since a huge or NaN double has no uint64_t value.
    constexpr double kMaxOffset = 4294967295.0;  // TIFF offsets and lengths are 32-bit
    if (!(thumb_offset_ > 0) || thumb_offset_ > kMaxOffset || thumb_length_ > kMaxOffset ||
        !r_.InBounds(uint64_t(thumb_offset_), uint64_t(thumb_length_))) {
      return Warn("thumbnail outside EXIF data");
    }
    out_->thumbnail_offset = file_offset_ + uint64_t(thumb_offset_);
    out_->thumbnail_length = uint64_t(thumb_length_);
  }

  const Reader& r_;
  uint64_t file_offset_;
  ExifData* out_;
  Pending queue_[kMaxIfds];
  size_t queue_size_ = 0;
  GpsRaw gps_;
  double thumb_offset_ = 0, thumb_length_ = 0;
  bool has_thumb_offset_ = false;
};

}  // namespace

Status ParseExifTiff(const uint8_t* data, size_t size, uint64_t file_offset, ExifData* out) {
  if (out == nullptr || (data == nullptr && size != 0)) {
    return InvalidArgument("ParseExifTiff: null argument");
  }
  if (size < 8) return CorruptData("EXIF block shorter than a TIFF header");
  bool big_endian;
  if (data[0] == 'I' && data[1] == 'I') {
    big_endian = false;
  } else if (data[0] == 'M' && data[1] == 'M') {
    big_endian = true;
  } else {
    return CorruptData("EXIF block has no TIFF byte-order mark");
  }
  Reader r(data, size, big_endian);
  if (r.U16(2) != 42) return CorruptData("EXIF block has a bad TIFF magic number");
  uint32_t ifd0 = r.U32(4);
  if (ifd0 < 8 || !r.InBounds(ifd0, 2)) return CorruptData("EXIF IFD0 offset out of range");
  out->present = true;
  Walker(r, file_offset, out).Run(ifd0);
  return Status::Ok();
}

}  // namespace gemroll
