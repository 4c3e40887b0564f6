// EXIF stage tests: agreement with exiftool on the real corpus, hostile TIFF
// blocks, and the derived ISO time / UserComment decoding.
#include "gemroll/exif.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "csv.h"
#include "test_util.h"

namespace gemroll {
namespace {

std::string DataDir() { return testing::DataDir().string(); }
std::vector<uint8_t> ReadFile(const std::string& path) { return testing::ReadBytes(path); }

using testing::ReadCsv;

// Values exiftool reports that are not in the EXIF block, so an EXIF parser
// must not find them; each was checked by hand against the file's bytes. For
// these the test asserts that we report the field as absent (or, for the
// altitude, the documented reinterpretation).
struct Exception {
  const char* file;
  const char* field;
  const char* reason;
  const char* ours = "";  // what ReadMetadata reports instead; "" = absent
};
constexpr const char* kXmpCreateDate =
    "exiftool's CreateDate comes from XMP xmp:CreateDate (note the zone "
    "suffix); the EXIF block has no "
    "0x9004 tag";
const Exception kExceptions[] = {
    {"camera/edge-cases/image00971.jpg", "CreateDate",
     "no EXIF at all; only an XMP APP1 (xmp:CreateDate)"},
    {"camera/edge-cases/image00971.jpg", "Orientation",
     "no EXIF at all; only XMP tiff:Orientation"},
    {"camera/exif-samples/makes/Canon_DIGITAL_IXUS_400.jpg", "Orientation",
     "EXIF IFD0 has no 0x0112 (GIMP rewrote it); exiftool reads XMP "
     "tiff:Orientation"},
    {"camera/exif-samples/exif-org/olympus-d320l.jpg", "DateTimeOriginal",
     "pre-EXIF Olympus APP12 'OLYMPUS OPTICAL' text block, not EXIF"},
    {"camera/exif-samples/exif-org/sony-powershota5.jpg", "DateTimeOriginal",
     "Canon CIFF ('HEAPJPGM') in APP0, not EXIF"},
    {"camera/exif-samples/exif-org/sony-powershota5.jpg", "Make", "Canon CIFF in APP0, not EXIF"},
    {"camera/exif-samples/exif-org/sony-powershota5.jpg", "Model", "Canon CIFF in APP0, not EXIF"},
    {"camera/exif-samples/makes/Reconyx_HC500_Hyperfire.jpg", "DateTimeOriginal",
     "only in the Reconyx maker note; the EXIF IFDs have no 0x9003"},
    {"camera/photoprism-meta/altitude.jpg", "GPSAltitude",
     "stored as RATIONAL 0xFFFFFFF4/1: exiftool prints 4294967284 m, we read "
     "the writer's intended -12 m",
     "-12"},
    {"camera/exif-samples/makes/Nikon_D70.jpg", "CreateDate", kXmpCreateDate},
    {"camera/exif-samples/makes/long_description.jpg", "CreateDate", kXmpCreateDate},
    {"camera/photoprism-meta/aurora.jpg", "CreateDate", kXmpCreateDate},
    {"faces/face_recognition-identities/train/obama/obama2.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/cat_black.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/cat_yellow_grey.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/dog_orange.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/dog_toshi_red.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/limes.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/palms_beach.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/peacock_blue.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/pineapple_white.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/sharks_blue.jpg", "CreateDate", kXmpCreateDate},
    {"general/photoprism-labelled/table_white.jpg", "CreateDate", kXmpCreateDate},
};

const Exception* FindException(const std::string& file, const std::string& field) {
  for (const Exception& e : kExceptions) {
    if (file == e.file && field == e.field) return &e;
  }
  return nullptr;
}

// exiftool prints placeholder dates verbatim; ExifData reports them as "".
std::string ExpectedDate(const std::string& v) {
  return v.find_first_of("123456789") == std::string::npos ? "" : v;
}

TEST_CASE("ReadMetadata agrees with exiftool on every corpus file", "[exif][corpus]") {
  const std::string dir = DataDir();
  auto rows = ReadCsv(dir + "/EXIF_SUMMARY.csv");
  REQUIRE(rows.size() > 1);
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  for (const char* name : {"SourceFile", "FileType", "Make", "Model", "DateTimeOriginal",
                           "CreateDate", "OffsetTimeOriginal", "Orientation", "GPSLatitude",
                           "GPSLongitude", "GPSAltitude", "Software"}) {
    REQUIRE(col.count(name) == 1);
  }
  int files = 0, fields = 0, non_empty = 0, excepted = 0, errors = 0;
  std::map<std::string, int> by_type;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    REQUIRE(row.size() == rows[0].size());
    auto get = [&](const char* name) { return row[col[name]]; };
    const std::string file = get("SourceFile");
    std::vector<uint8_t> bytes = ReadFile(dir + "/" + file);
    INFO(file);
    REQUIRE(!bytes.empty());
    StatusOr<ExifData> result = ReadMetadata(bytes.data(), bytes.size());
    ExifData exif;
    if (result.ok()) {
      exif = *result;
    } else {
      ++errors;  // must be a file exiftool found nothing in either
      INFO(result.status().ToString());
      CHECK(get("DateTimeOriginal").empty());
      CHECK(get("Make").empty());
    }
    ++files;
    ++by_type[get("FileType").empty() ? "(unreadable)" : get("FileType")];

    auto check = [&](const char* field, auto&& compare) {
      if (const Exception* e = FindException(file, field)) {
        ++excepted;
        std::printf("  exception %s %s: %s\n", file.c_str(), field, e->reason);
        CHECK(!get(field).empty());  // a stale entry would hide nothing
        INFO(field << " (documented exception)");
        compare(std::string(e->ours));
        return;
      }
      ++fields;
      if (!get(field).empty()) ++non_empty;
      INFO(field << ": exiftool '" << get(field) << "'");
      compare(get(field));
    };
    check("DateTimeOriginal",
          [&](const std::string& v) { CHECK(exif.date_time_original == ExpectedDate(v)); });
    check("CreateDate",
          [&](const std::string& v) { CHECK(exif.date_time_digitized == ExpectedDate(v)); });
    check("OffsetTimeOriginal",
          [&](const std::string& v) { CHECK(exif.offset_time_original == v); });
    check("Make", [&](const std::string& v) { CHECK(exif.make == v); });
    check("Model", [&](const std::string& v) { CHECK(exif.model == v); });
    check("Software", [&](const std::string& v) { CHECK(exif.software == v); });
    check("Orientation",
          [&](const std::string& v) { CHECK(exif.orientation == (v.empty() ? 0 : std::stoi(v))); });
    check("GPSLatitude", [&](const std::string& v) {
      CHECK(exif.gps.present == !v.empty());
      if (!v.empty()) CHECK(std::fabs(exif.gps.latitude - std::stod(v)) < 1e-5);
    });
    check("GPSLongitude", [&](const std::string& v) {
      if (!v.empty()) CHECK(std::fabs(exif.gps.longitude - std::stod(v)) < 1e-5);
    });
    check("GPSAltitude", [&](const std::string& v) {
      CHECK(exif.gps.has_altitude == !v.empty());
      if (!v.empty()) CHECK(std::fabs(exif.gps.altitude - std::stod(v)) < 1e-2);
    });
  }
  std::printf("exif corpus: %d files (", files);
  for (const auto& [type, n] : by_type) std::printf("%s %d, ", type.c_str(), n);
  std::printf(
      "), %d fields compared (%d with a value), %d documented exceptions, %d "
      "files rejected\n",
      fields, non_empty, excepted, errors);
}

// Builds TIFF blocks by hand so each hostile case is explicit.
class TiffBuilder {
 public:
  struct E {
    uint16_t tag, type;
    uint32_t count;
    uint32_t value;  // inline value (SHORT goes in the first 2 bytes) or offset
  };
  explicit TiffBuilder(bool big_endian = false) : be_(big_endian) {
    bytes.insert(bytes.end(), {uint8_t(be_ ? 'M' : 'I'), uint8_t(be_ ? 'M' : 'I')});
    Put16(42);
    Put32(8);
  }
  uint32_t Here() const { return uint32_t(bytes.size()); }
  void Put16(uint16_t v) {
    uint8_t b[2] = {uint8_t(v), uint8_t(v >> 8)};
    if (be_) std::swap(b[0], b[1]);
    bytes.insert(bytes.end(), b, b + 2);
  }
  void Put32(uint32_t v) {
    if (be_) {
      Put16(uint16_t(v >> 16)), Put16(uint16_t(v));
    } else {
      Put16(uint16_t(v)), Put16(uint16_t(v >> 16));
    }
  }
  uint32_t Data(const void* p, size_t n) {
    uint32_t at = Here();
    bytes.insert(bytes.end(), static_cast<const uint8_t*>(p), static_cast<const uint8_t*>(p) + n);
    if (bytes.size() & 1) bytes.push_back(0);
    return at;
  }
  uint32_t Text(const std::string& s) { return Data(s.c_str(), s.size() + 1); }
  uint32_t Rationals(std::initializer_list<std::pair<uint32_t, uint32_t>> v) {
    uint32_t at = Here();
    for (auto [n, d] : v) Put32(n), Put32(d);
    return at;
  }
  uint32_t Ifd(const std::vector<E>& entries, uint32_t next = 0) {
    uint32_t at = Here();
    Put16(uint16_t(entries.size()));
    for (const E& e : entries) {
      Put16(e.tag), Put16(e.type), Put32(e.count);
      if (e.type == 3 && e.count == 1) {
        Put16(uint16_t(e.value)), Put16(0);
      } else {
        Put32(e.value);
      }
    }
    Put32(next);
    return at;
  }
  void Patch32(uint32_t at, uint32_t v) {
    std::vector<uint8_t> save;
    save.swap(bytes);
    Put32(v);
    std::copy(bytes.begin(), bytes.end(), save.begin() + at);
    bytes.swap(save);
  }
  void SetIfd0(uint32_t at) { Patch32(4, at); }
  // Offset of entry i's value field in an IFD at `ifd`.
  static uint32_t ValueField(uint32_t ifd, int i) { return ifd + 2 + 12 * i + 8; }

  std::vector<uint8_t> bytes;

 private:
  bool be_;
};

ExifData Parse(const std::vector<uint8_t>& b, uint64_t file_offset = 0) {
  ExifData d;
  // An exact-size heap copy lets ASan catch a read one byte past the end.
  std::unique_ptr<uint8_t[]> copy(new uint8_t[b.size() + (b.empty() ? 1 : 0)]);
  if (!b.empty()) std::memcpy(copy.get(), b.data(), b.size());
  Status s = ParseExifTiff(copy.get(), b.size(), file_offset, &d);
  (void)s;
  return d;
}

bool HasWarning(const ExifData& d, const std::string& w) {
  for (const std::string& x : d.warnings) {
    if (x == w) return true;
  }
  return false;
}

// A complete, well-formed block in either byte order.
std::vector<uint8_t> SampleBlock(bool big_endian) {
  TiffBuilder t(big_endian);
  uint32_t make = t.Text("  NIKON\0");
  uint32_t model = t.Text("COOLPIX P6000   ");
  uint32_t dto = t.Text("2008:10:22 16:28:39");
  uint32_t exposure = t.Rationals({{1, 250}});
  uint32_t fnum = t.Rationals({{28, 10}});
  uint32_t focal = t.Rationals({{60, 10}});
  uint32_t lat = t.Rationals({{43, 1}, {28, 1}, {281, 100}});
  uint32_t lon = t.Rationals({{11, 1}, {53, 1}, {645, 100}});
  uint32_t alt = t.Rationals({{125, 10}});
  uint8_t thumb[6] = {0xFF, 0xD8, 0xFF, 0xD9, 0, 0};
  uint32_t thumb_at = t.Data(thumb, 4);
  uint32_t gps = t.Ifd({{1, 2, 2, 'S'},
                        {2, 5, 3, lat},
                        {3, 2, 2, 'W'},
                        {4, 5, 3, lon},
                        {5, 1, 1, 1},
                        {6, 5, 1, alt}});
  // ASCII refs are inline; fix the byte order of 'S'/'W' for big-endian.
  if (big_endian) {
    t.Patch32(TiffBuilder::ValueField(gps, 0), uint32_t('S') << 24);
    t.Patch32(TiffBuilder::ValueField(gps, 2), uint32_t('W') << 24);
    t.Patch32(TiffBuilder::ValueField(gps, 4), 1u << 24);
  }
  uint32_t exif = t.Ifd({{0x829A, 5, 1, exposure},
                         {0x829D, 5, 1, fnum},
                         {0x8827, 3, 1, 200},
                         {0x9003, 2, 20, dto},
                         {0x9011, 2, 7, t.Here()},
                         {0x9209, 3, 1, 16},
                         {0x920A, 5, 1, focal},
                         {0x9291, 2, 3, 0},
                         {0xA002, 4, 1, 4000},
                         {0xA003, 3, 1, 3000}});
  uint32_t offset_text = t.Text("+02:00");
  t.Patch32(TiffBuilder::ValueField(exif, 4), offset_text);
  // SubSecTime "12\0" fits inline.
  const uint8_t subsec[4] = {'1', '2', 0, 0};
  std::memcpy(&t.bytes[TiffBuilder::ValueField(exif, 7)], subsec, 4);
  uint32_t ifd1 = t.Ifd({{0x0201, 4, 1, thumb_at}, {0x0202, 4, 1, 4}});
  uint32_t ifd0 = t.Ifd({{0x010F, 2, 8, make},
                         {0x0110, 2, 17, model},
                         {0x0112, 3, 1, 6},
                         {0x8769, 4, 1, exif},
                         {0x8825, 4, 1, gps}},
                        ifd1);
  t.SetIfd0(ifd0);
  return t.bytes;
}

TEST_CASE("ParseExifTiff reads a well-formed block in both byte orders", "[exif]") {
  for (bool be : {false, true}) {
    INFO("big endian " << be);
    std::vector<uint8_t> b = SampleBlock(be);
    ExifData d = Parse(b, 1000);
    CHECK(d.present);
    CHECK(d.warnings.empty());
    CHECK(d.make == "NIKON");
    CHECK(d.model == "COOLPIX P6000");
    CHECK(d.orientation == 6);
    CHECK(d.date_time_original == "2008:10:22 16:28:39");
    CHECK(d.offset_time_original == "+02:00");
    CHECK(d.subsec_time_original == "12");
    CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39.120+02:00");
    CHECK(d.exposure_time == Approx(1.0 / 250));
    CHECK(d.f_number == Approx(2.8));
    CHECK(d.focal_length == Approx(6.0));
    CHECK(d.iso == 200);
    CHECK(d.flash == 16);
    CHECK(d.pixel_x == 4000);
    CHECK(d.pixel_y == 3000);
    REQUIRE(d.gps.present);
    CHECK(d.gps.latitude == Approx(-(43 + 28 / 60.0 + 2.81 / 3600)).epsilon(1e-12));
    CHECK(d.gps.longitude == Approx(-(11 + 53 / 60.0 + 6.45 / 3600)).epsilon(1e-12));
    CHECK(d.gps.has_altitude);
    CHECK(d.gps.altitude == Approx(-12.5));
    CHECK(d.thumbnail_length == 4);
    REQUIRE(d.thumbnail_offset >= 1000);
    CHECK(b[d.thumbnail_offset - 1000] == 0xFF);
    CHECK(b[d.thumbnail_offset - 1000 + 1] == 0xD8);

    JsonWriter w;
    d.WriteJson(w);
    const std::string& j = w.str();
    for (const char* key : {"\"dateTimeOriginal\":\"2008-10-22T16:28:39.120+02:00\"",
                            "\"make\":\"NIKON\"", "\"orientation\":6", "\"iso\":200",
                            "\"flash\":16", "\"gps\":{\"lat\":", "\"pixelWidth\":4000",
                            "\"thumbnail\":{\"offset\":", "\"offsetTimeOriginal\""}) {
      INFO(j);
      CHECK(j.find(key) != std::string::npos);
    }
    CHECK(j.find("lensModel") == std::string::npos);  // absent fields are omitted
    CHECK(j.find("userComment") == std::string::npos);
  }
}

TEST_CASE("ParseExifTiff survives hostile structure", "[exif][hostile]") {
  SECTION("IFD0's next pointer to itself") {
    TiffBuilder t;
    uint32_t ifd0 = t.Ifd({{0x0112, 3, 1, 3}}, 8);
    REQUIRE(ifd0 == 8);
    ExifData d = Parse(t.bytes);
    CHECK(d.orientation == 3);
    CHECK(HasWarning(d, "IFD loop detected"));
  }
  SECTION("Exif pointer back to IFD0 and GPS pointer to the Exif IFD") {
    TiffBuilder t;
    uint32_t ifd0 = t.Ifd({{0x8769, 4, 1, 8}, {0x8825, 4, 1, 8}});
    REQUIRE(ifd0 == 8);
    ExifData d = Parse(t.bytes);
    CHECK(d.present);
    CHECK(HasWarning(d, "IFD loop detected"));
  }
  SECTION("thumbnail offset and length as DOUBLEs far past 2^64, or NaN") {
    for (double bad : {8.22808e62, -1e300, std::nan("")}) {
      TiffBuilder t;
      uint32_t ifd0 = t.Ifd({{0x0112, 3, 1, 1}}, 0);
      uint32_t at = t.Data(&bad, sizeof bad);
      uint32_t ifd1 = t.Ifd({{0x0201, 12, 1, at}, {0x0202, 12, 1, at}});
      t.Patch32(ifd0 + 2 + 12, ifd1);
      ExifData d = Parse(t.bytes);  // clang's UBSan (fuzz preset): no float -> integer overflow
      CHECK(d.thumbnail_length == 0);
      // A length that is not positive means "no thumbnail"; a huge one is out of bounds.
      if (bad > 0) CHECK(HasWarning(d, "thumbnail outside EXIF data"));
    }
  }
  SECTION("a chain of IFD1 -> IFD0") {
    TiffBuilder t;
    uint32_t ifd0 = t.Ifd({{0x0112, 3, 1, 1}}, 0);
    uint32_t ifd1 = t.Ifd({}, ifd0);
    t.Patch32(ifd0 + 2 + 12, ifd1);
    ExifData d = Parse(t.bytes);
    CHECK(d.orientation == 1);
  }
  SECTION("huge counts and offsets past the end") {
    TiffBuilder t;
    uint32_t ifd0 = t.Ifd({{0x010F, 2, 0xFFFFFFFFu, 16},  // ASCII of 4 GiB
                           {0x0110, 2, 0x80000000u, 0xFFFFFFF0u},
                           {0x8769, 4, 1, 0xFFFFFFFFu},  // Exif IFD past end
                           {0x8825, 4, 0xFFFFFFFFu, 8},  // LONG array past end
                           {0x0131, 5, 0x20000000u, 8},  // 4 GiB of RATIONALs (no 32-bit wrap)
                           {0x0112, 3, 1, 2}});
    t.SetIfd0(ifd0);
    ExifData d = Parse(t.bytes);
    CHECK(d.present);
    CHECK(d.make.empty());
    CHECK(d.model.empty());
    CHECK(d.orientation == 2);  // the good entry after bad ones is still read
    CHECK(HasWarning(d, "tag value past end of EXIF data"));
    CHECK(HasWarning(d, "IFD offset past end of EXIF data"));
  }
  SECTION("entry count far beyond the buffer") {
    TiffBuilder t;
    t.Put16(0xFFFF);
    t.Put16(0x0112), t.Put16(3), t.Put32(1), t.Put16(5), t.Put16(0);
    ExifData d = Parse(t.bytes);
    CHECK(d.orientation == 5);
    CHECK(HasWarning(d, "IFD entry count too large"));
    CHECK(HasWarning(d, "IFD truncated"));
  }
  SECTION("zero and short lengths, bad headers") {
    ExifData d;
    CHECK(ParseExifTiff(nullptr, 0, 0, &d).code() == StatusCode::kCorruptData);
    const uint8_t junk[] = {'I', 'I', 42, 0, 0xFF, 0xFF, 0xFF, 0xFF};
    CHECK(ParseExifTiff(junk, sizeof(junk), 0, &d).code() == StatusCode::kCorruptData);
    const uint8_t bad_order[] = {'I', 'M', 42, 0, 8, 0, 0, 0, 0, 0};
    CHECK(ParseExifTiff(bad_order, sizeof(bad_order), 0, &d).code() == StatusCode::kCorruptData);
    const uint8_t empty_ifd[] = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0};
    CHECK(ParseExifTiff(empty_ifd, sizeof(empty_ifd), 0, &d).ok());
    CHECK(d.present);
    CHECK(!ParseExifTiff(empty_ifd, sizeof(empty_ifd), 0, nullptr).ok());
  }
  SECTION("every truncation and a sweep of byte mutations of a full block") {
    for (bool be : {false, true}) {
      std::vector<uint8_t> b = SampleBlock(be);
      for (size_t n = 0; n <= b.size(); ++n) Parse(std::vector<uint8_t>(b.begin(), b.begin() + n));
      uint32_t seed = 12345;
      for (int i = 0; i < 20000; ++i) {
        std::vector<uint8_t> m = b;
        for (int k = 0; k < 4; ++k) {
          seed = seed * 1103515245u + 12345u;
          m[(seed >> 8) % m.size()] = uint8_t(seed >> 24);
        }
        ExifData d = Parse(m);
        CHECK((d.orientation >= 0 && d.orientation <= 8));
        CHECK(d.make.size() <= 4096);
        if (d.gps.present) CHECK(std::fabs(d.gps.latitude) <= 90);
      }
    }
  }
}

TEST_CASE("ParseExifTiff sanitises values", "[exif]") {
  TiffBuilder t;
  uint32_t zero_den = t.Rationals({{1, 0}});
  uint32_t lat = t.Rationals({{95, 1}, {0, 1}, {0, 1}});
  uint32_t lon = t.Rationals({{10, 1}, {0, 1}, {0, 1}});
  uint32_t blank = t.Text("    :  :     :  :  ");
  uint32_t zeros = t.Text("0000:00:00 00:00:00");
  uint32_t gps = t.Ifd({{2, 5, 3, lat}, {4, 5, 3, lon}});
  uint32_t exif = t.Ifd({{0x829A, 5, 1, zero_den},
                         {0x829D, 5, 1, zero_den},
                         {0x9003, 2, 20, blank},
                         {0x9004, 2, 20, zeros}});
  t.SetIfd0(t.Ifd({{0x0112, 3, 1, 9}, {0x8769, 4, 1, exif}, {0x8825, 4, 1, gps}}));
  ExifData d = Parse(t.bytes);
  CHECK(d.orientation == 0);
  CHECK(HasWarning(d, "orientation out of range"));
  CHECK(!d.gps.present);
  CHECK(HasWarning(d, "GPS latitude out of range"));
  CHECK(d.exposure_time == 0);
  CHECK(d.f_number == 0);
  CHECK(d.date_time_original.empty());
  CHECK(d.date_time_digitized.empty());
  CHECK(d.DateTimeOriginalIso().empty());

  TiffBuilder z;  // 0,0 is a real place (and a common bogus fix); curation decides
  uint32_t zero = z.Rationals({{0, 1}, {0, 1}, {0, 1}});
  uint32_t g = z.Ifd({{2, 5, 3, zero}, {4, 5, 3, zero}});
  z.SetIfd0(z.Ifd({{0x8825, 4, 1, g}}));
  ExifData d0 = Parse(z.bytes);
  CHECK(d0.gps.present);
  CHECK(d0.gps.latitude == 0);
  CHECK(!d0.gps.has_altitude);
}

TEST_CASE("UserComment is decoded from its charset prefix", "[exif]") {
  auto comment = [](bool be, const std::string& raw) {
    TiffBuilder t(be);
    uint32_t at = t.Data(raw.data(), raw.size());
    uint32_t exif = t.Ifd({{0x9286, 7, uint32_t(raw.size()), at}});
    t.SetIfd0(t.Ifd({{0x8769, 4, 1, exif}}));
    return Parse(t.bytes).user_comment;
  };
  using namespace std::string_literals;
  CHECK(comment(false, "ASCII\0\0\0Hello world  \0\0"s) == "Hello world");
  CHECK(comment(false, "\0\0\0\0\0\0\0\0  spaced \0"s) == "spaced");
  CHECK(comment(false, "\0\0\0\0\0\0\0\0\0\0\0\0"s).empty());
  // "Hé€😀" in UTF-16LE for an II file and UTF-16BE for an MM file.
  CHECK(comment(false, "UNICODE\0H\0\xE9\0\xAC\x20\x3D\xD8\x00\xDE"s) ==
        "H\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(comment(true, "UNICODE\0\0H\0\xE9\x20\xAC\xD8\x3D\xDE\x00"s) ==
        "H\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  // A BOM wins over the file's byte order; a lone surrogate becomes U+FFFD.
  CHECK(comment(false, "UNICODE\0\xFE\xFF\0O\0K"s) == "OK");
  CHECK(comment(false, "UNICODE\0\x00\xD8O\0"s) == "\xEF\xBF\xBDO");
  CHECK(comment(false, "JIS\0\0\0\0\0\x1B$B"s).empty());
  CHECK(comment(false, "short"s) == "short");
  CHECK(comment(false, "ASCII\0\0\0"s + std::string(10000, 'x')).size() == 4096);
}

TEST_CASE("DateTimeOriginalIso formats capture time", "[exif]") {
  ExifData d;
  d.date_time_original = "2008:10:22 16:28:39";
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39");
  d.subsec_time_original = "123";
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39.123");
  d.offset_time_original = "+02:00";
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39.123+02:00");
  d.subsec_time_original = "5";  // digits after the point: 0.5 s
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39.500+02:00");
  d.subsec_time_original = "123456";
  d.offset_time_original = "-05:30";
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39.123-05:30");
  d.subsec_time_original = "12a";    // not a number: ignored
  d.offset_time_original = "02:00";  // no sign: ignored
  CHECK(d.DateTimeOriginalIso() == "2008-10-22T16:28:39");
  d.date_time_original = "2008:13:22 16:28:39";
  CHECK(d.DateTimeOriginalIso().empty());
  d.date_time_original = "2008:10:22";
  CHECK(d.DateTimeOriginalIso().empty());
  d.date_time_original = "";
  CHECK(d.DateTimeOriginalIso().empty());
}

// The real corpus file with the largest EXIF block that has GPS and a
// thumbnail.
const char* kRealJpeg = "camera/exif-samples/gps/DSCN0010.jpg";

TEST_CASE("ReadMetadata on real files: thumbnails and every truncation", "[exif][hostile]") {
  std::vector<uint8_t> file = ReadFile(DataDir() + "/" + kRealJpeg);
  REQUIRE(file.size() > 1000);
  StatusOr<ExifData> full = ReadMetadata(file.data(), file.size());
  REQUIRE(full.ok());
  REQUIRE(full->present);
  REQUIRE(full->thumbnail_length > 0);
  REQUIRE(full->thumbnail_offset + full->thumbnail_length <= file.size());
  CHECK(file[full->thumbnail_offset] == 0xFF);
  CHECK(file[full->thumbnail_offset + 1] == 0xD8);
  CHECK(full->DateTimeOriginalIso() == "2008-10-22T16:28:39");

  // APP1 ends at 4 + its length; cut the file at every byte up to there.
  REQUIRE(file[3] == 0xE1);
  size_t app1_end = 4 + (size_t(file[4]) << 8 | file[5]);
  int parsed = 0, failed = 0;
  for (size_t n = 0; n <= app1_end + 2; ++n) {
    std::unique_ptr<uint8_t[]> copy(new uint8_t[n + 1]);
    if (n > 0) std::memcpy(copy.get(), file.data(), n);
    StatusOr<ExifData> r = ReadMetadata(copy.get(), n);
    r.ok() ? ++parsed : ++failed;
    if (r.ok() && r->thumbnail_length > 0) CHECK(r->thumbnail_offset + r->thumbnail_length <= n);
  }
  std::printf("exif truncation: %zu prefixes, %d parsed, %d rejected\n", app1_end + 3, parsed,
              failed);
}

TEST_CASE("ReadMetadata sniffs containers, not names", "[exif]") {
  std::vector<uint8_t> tiff = SampleBlock(false);
  auto read = [](const std::vector<uint8_t>& b) {
    StatusOr<ExifData> r = ReadMetadata(b.data(), b.size());
    REQUIRE(r.ok());
    return *r;
  };
  SECTION("bare TIFF") { CHECK(read(tiff).make == "NIKON"); }
  SECTION("PNG eXIf, with and without the JPEG preamble") {
    for (bool preamble : {false, true}) {
      std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
      std::vector<uint8_t> payload = tiff;
      if (preamble) payload.insert(payload.begin(), {'E', 'x', 'i', 'f', 0, 0});
      uint32_t n = uint32_t(payload.size());
      png.insert(png.end(), {uint8_t(n >> 24), uint8_t(n >> 16), uint8_t(n >> 8), uint8_t(n), 'e',
                             'X', 'I', 'f'});
      size_t start = png.size();
      png.insert(png.end(), payload.begin(), payload.end());
      png.insert(png.end(), {0, 0, 0, 0});
      ExifData d = read(png);
      CHECK(d.make == "NIKON");
      // The thumbnail is reported in file coordinates.
      CHECK(d.thumbnail_offset > start);
      CHECK(png[d.thumbnail_offset] == 0xFF);
    }
  }
  SECTION("PNG tEXt raw profile") {
    std::string hex = "\nexif\n" + std::to_string(tiff.size() + 6) + "\n457869660000";
    char buf[3];
    for (size_t i = 0; i < tiff.size(); ++i) {
      std::snprintf(buf, sizeof(buf), "%02x", tiff[i]);
      hex += buf;
      if (i % 36 == 35) hex += '\n';
    }
    std::string chunk = std::string("Raw profile type exif") + '\0' + hex;
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    uint32_t n = uint32_t(chunk.size());
    png.insert(png.end(), {uint8_t(n >> 24), uint8_t(n >> 16), uint8_t(n >> 8), uint8_t(n), 't',
                           'E', 'X', 't'});
    png.insert(png.end(), chunk.begin(), chunk.end());
    png.insert(png.end(), {0, 0, 0, 0});
    ExifData d = read(png);
    CHECK(d.make == "NIKON");
    CHECK(d.thumbnail_length == 0);  // offsets into a decoded copy mean nothing in the file
  }
  SECTION("WebP EXIF chunk") {
    std::vector<uint8_t> webp = {'R', 'I', 'F', 'F', 0,   0, 0, 0, 'W', 'E', 'B',
                                 'P', 'V', 'P', '8', 'X', 2, 0, 0, 0,   0,   0};
    uint32_t n = uint32_t(tiff.size());
    webp.insert(webp.end(), {'E', 'X', 'I', 'F', uint8_t(n), uint8_t(n >> 8), uint8_t(n >> 16),
                             uint8_t(n >> 24)});
    webp.insert(webp.end(), tiff.begin(), tiff.end());
    CHECK(read(webp).make == "NIKON");
  }
  SECTION("no metadata, unknown bytes, empty input") {
    const std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xD9};
    CHECK(!read(jpeg).present);
    const std::vector<uint8_t> junk = {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '!'};
    CHECK(!read(junk).present);
    CHECK(!read({}).present);
    CHECK(ReadMetadata(nullptr, 5).status().code() == StatusCode::kInvalidArgument);
  }
  SECTION("broken EXIF header inside a JPEG is corrupt data") {
    std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xE1, 0, 16, 'E', 'x', 'i', 'f',
                                 0,    0,    'X',  'X',  0, 42, 0,   0,   0,   8};
    StatusOr<ExifData> r = ReadMetadata(jpeg.data(), jpeg.size());
    CHECK(r.status().code() == StatusCode::kCorruptData);
    CHECK(r.status().message().find("JPEG APP1") != std::string::npos);
  }
}

TEST_CASE("ReadMetadata on truncated HEIC, PNG and TIFF corpus files", "[exif][hostile]") {
  // Cut points: every byte over the first 4 KiB (box/chunk headers) and a
  // stride over the rest; each cut is copied to an exact-size buffer so ASan
  // sees any read past it.
  for (const char* name :
       {"camera/photoprism-formats/iphone_15_pro.heic", "camera/exif-samples/mobile/IMG_5195.HEIC",
        "screenshots/android-phone/16arpi_1.png", "camera/photoprism-formats/example.tif"}) {
    std::vector<uint8_t> file = ReadFile(DataDir() + "/" + name);
    INFO(name);
    REQUIRE(!file.empty());
    size_t stride = std::max<size_t>(1, file.size() / 300);
    for (size_t n = 0; n <= file.size(); n += n < 4096 ? 1 : stride) {
      std::unique_ptr<uint8_t[]> copy(new uint8_t[n + 1]);
      if (n > 0) std::memcpy(copy.get(), file.data(), n);
      StatusOr<ExifData> r = ReadMetadata(copy.get(), n);
      if (r.ok() && r->thumbnail_length > 0) CHECK(r->thumbnail_offset + r->thumbnail_length <= n);
    }
  }
}

}  // namespace
}  // namespace gemroll
