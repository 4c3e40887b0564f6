#include "gemroll/exif_write.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace gemroll {
namespace {

enum Type : uint16_t {
  kByte = 1,
  kAscii = 2,
  kShort = 3,
  kLong = 4,
  kRational = 5,
  kUndefined = 7
};

struct Entry {
  uint16_t tag;
  uint16_t type;
  uint32_t count;
  std::vector<uint8_t> data;  // little-endian payload
};

void Put16(std::vector<uint8_t>& v, uint32_t x) {
  v.push_back(x & 0xFF);
  v.push_back((x >> 8) & 0xFF);
}
void Put32(std::vector<uint8_t>& v, uint32_t x) {
  Put16(v, x & 0xFFFF);
  Put16(v, x >> 16);
}

class Ifd {
 public:
  void Ascii(uint16_t tag, const std::string& s) {
    if (s.empty()) return;
    std::vector<uint8_t> d(s.begin(), s.end());
    d.push_back(0);
    entries_.push_back({tag, kAscii, static_cast<uint32_t>(d.size()), std::move(d)});
  }
  void Short(uint16_t tag, uint32_t v) {
    std::vector<uint8_t> d;
    Put16(d, v);
    entries_.push_back({tag, kShort, 1, std::move(d)});
  }
  void Long(uint16_t tag, uint32_t v) {
    std::vector<uint8_t> d;
    Put32(d, v);
    entries_.push_back({tag, kLong, 1, std::move(d)});
  }
  void Bytes(uint16_t tag, uint16_t type, std::vector<uint8_t> d) {
    const auto n = static_cast<uint32_t>(d.size());
    entries_.push_back({tag, type, n, std::move(d)});
  }
  // Rationals with a fixed denominator chosen for the value's precision.
  void Rationals(uint16_t tag, std::initializer_list<double> values, uint32_t denom) {
    std::vector<uint8_t> d;
    for (double v : values) {
      Put32(d, static_cast<uint32_t>(std::llround(std::fabs(v) * denom)));
      Put32(d, denom);
    }
    entries_.push_back({tag, kRational, static_cast<uint32_t>(values.size()), std::move(d)});
  }
  bool empty() const { return entries_.empty(); }
  // Size of the IFD itself plus its out-of-line data.
  uint32_t Size() const {
    uint32_t n = 2 + 12 * static_cast<uint32_t>(entries_.size()) + 4;
    for (const Entry& e : entries_) {
      if (e.data.size() > 4) n += static_cast<uint32_t>((e.data.size() + 1) & ~size_t{1});
    }
    return n;
  }
  // Writes at tiff[offset]; offsets are relative to the TIFF header. `next`
  // is the offset of the following IFD in the chain (0: none).
  void Write(std::vector<uint8_t>& tiff, uint32_t offset, uint32_t next = 0) {
    std::sort(entries_.begin(), entries_.end(),
              [](const Entry& a, const Entry& b) { return a.tag < b.tag; });
    std::vector<uint8_t> head, tail;
    uint32_t data_at = offset + 2 + 12 * static_cast<uint32_t>(entries_.size()) + 4;
    Put16(head, static_cast<uint32_t>(entries_.size()));
    for (const Entry& e : entries_) {
      Put16(head, e.tag);
      Put16(head, e.type);
      Put32(head, e.count);
      if (e.data.size() <= 4) {
        std::vector<uint8_t> inl = e.data;
        inl.resize(4, 0);
        head.insert(head.end(), inl.begin(), inl.end());
      } else {
        Put32(head, data_at + static_cast<uint32_t>(tail.size()));
        tail.insert(tail.end(), e.data.begin(), e.data.end());
        if (tail.size() & 1) tail.push_back(0);
      }
    }
    Put32(head, next);
    tiff.resize(std::max<size_t>(tiff.size(), offset + head.size() + tail.size()));
    std::memcpy(tiff.data() + offset, head.data(), head.size());
    if (!tail.empty()) std::memcpy(tiff.data() + offset + head.size(), tail.data(), tail.size());
  }

 private:
  std::vector<Entry> entries_;
};

// An APP1 segment's length field counts itself: 65535 - 2 bytes of payload.
constexpr size_t kMaxApp1Payload = 65533;

}  // namespace

std::vector<uint8_t> BuildExifApp1(const ExifData& e, const ExifWriteOptions& opt) {
  Ifd exif, gps;

  if (e.exposure_time > 0) exif.Rationals(0x829A, {e.exposure_time}, 100000);
  if (e.f_number > 0) exif.Rationals(0x829D, {e.f_number}, 100);
  if (e.iso > 0) exif.Short(0x8827, static_cast<uint32_t>(std::min(e.iso, 65535)));
  exif.Ascii(0x9003, e.date_time_original);
  exif.Ascii(0x9004, e.date_time_digitized);
  exif.Ascii(0x9011, e.offset_time_original);
  if (e.flash >= 0) exif.Short(0x9209, static_cast<uint32_t>(e.flash));
  if (e.focal_length > 0) exif.Rationals(0x920A, {e.focal_length}, 100);
  if (!e.user_comment.empty()) {
    std::vector<uint8_t> d = {'A', 'S', 'C', 'I', 'I', 0, 0, 0};
    d.insert(d.end(), e.user_comment.begin(), e.user_comment.end());
    exif.Bytes(0x9286, kUndefined, std::move(d));
  }
  exif.Ascii(0x9291, e.subsec_time_original);
  if (e.pixel_x > 0) exif.Long(0xA002, static_cast<uint32_t>(e.pixel_x));
  if (e.pixel_y > 0) exif.Long(0xA003, static_cast<uint32_t>(e.pixel_y));
  exif.Ascii(0xA434, e.lens_model);

  if (opt.include_gps && e.gps.present) {
    gps.Bytes(0x0000, kByte, {2, 3, 0, 0});
    auto dms = [](double deg, double out[3]) {
      deg = std::fabs(deg);
      out[0] = std::floor(deg);
      out[1] = std::floor((deg - out[0]) * 60);
      out[2] = (deg - out[0] - out[1] / 60) * 3600;
    };
    double lat[3], lon[3];
    dms(e.gps.latitude, lat);
    dms(e.gps.longitude, lon);
    gps.Ascii(0x0001, e.gps.latitude < 0 ? "S" : "N");
    gps.Rationals(0x0002, {lat[0], lat[1], lat[2]}, 1000000);
    gps.Ascii(0x0003, e.gps.longitude < 0 ? "W" : "E");
    gps.Rationals(0x0004, {lon[0], lon[1], lon[2]}, 1000000);
    if (e.gps.has_altitude) {
      gps.Bytes(0x0005, kByte, {static_cast<uint8_t>(e.gps.altitude < 0 ? 1 : 0)});
      gps.Rationals(0x0006, {e.gps.altitude}, 1000);
    }
  }

  // Layout: header (8) | IFD0 | Exif IFD | GPS IFD. IFD0 holds pointers to
  // the others, whose offsets depend on IFD0's size, which the pointer
  // values do not change: build once for the size, then with the offsets.
  const bool has_exif = !exif.empty(), has_gps = !gps.empty();
  auto build_ifd0 = [&](uint32_t exif_at, uint32_t gps_at) {
    Ifd d;
    d.Ascii(0x010F, e.make);
    d.Ascii(0x0110, e.model);
    if (opt.include_orientation && e.orientation >= 1 && e.orientation <= 8)
      d.Short(0x0112, e.orientation);
    d.Ascii(0x0131, e.software);
    d.Ascii(0x0132, e.date_time);
    if (has_exif) d.Long(0x8769, exif_at);
    if (has_gps) d.Long(0x8825, gps_at);
    return d;
  };
  const uint32_t ifd0_at = 8;
  const uint32_t exif_at = ifd0_at + build_ifd0(0, 0).Size();
  const uint32_t gps_at = exif_at + (has_exif ? exif.Size() : 0);
  Ifd ifd0 = build_ifd0(exif_at, gps_at);

  // IFD1: the thumbnail (JPEG compression, its offset and length), then its
  // bytes, when the whole block still fits one APP1 segment.
  const uint32_t ifd1_at = gps_at + (has_gps ? gps.Size() : 0);
  constexpr uint32_t kIfd1Size = 2 + 3 * 12 + 4;
  const uint32_t thumb_at = ifd1_at + kIfd1Size;
  const bool has_thumbnail =
      !opt.thumbnail_jpeg.empty() && 6 + thumb_at + opt.thumbnail_jpeg.size() <= kMaxApp1Payload;

  std::vector<uint8_t> tiff = {'I', 'I', 42, 0, 8, 0, 0, 0};
  ifd0.Write(tiff, ifd0_at, has_thumbnail ? ifd1_at : 0);
  if (has_exif) exif.Write(tiff, exif_at);
  if (has_gps) gps.Write(tiff, gps_at);
  if (has_thumbnail) {
    Ifd ifd1;
    ifd1.Short(0x0103, 6);  // Compression: JPEG
    ifd1.Long(0x0201, thumb_at);
    ifd1.Long(0x0202, static_cast<uint32_t>(opt.thumbnail_jpeg.size()));
    ifd1.Write(tiff, ifd1_at);
    tiff.insert(tiff.end(), opt.thumbnail_jpeg.begin(), opt.thumbnail_jpeg.end());
  }
  std::vector<uint8_t> app1 = {'E', 'x', 'i', 'f', 0, 0};
  app1.insert(app1.end(), tiff.begin(), tiff.end());
  return app1;
}

}  // namespace gemroll
