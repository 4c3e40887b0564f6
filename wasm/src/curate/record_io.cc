// Binary form of a PhotoRecord: little-endian fixed-width fields and
// length-prefixed strings, written in declaration order. Only what curation
// and the suggestions writer read is kept (EXIF warnings and thumbnail ranges
// are not read).
//
// Versions: 1 ends with the quality verdict; 2 appends the faces
// (faces_ran, count, 9 floats per face); 3 appends the EXIF thumbnail
// agreement (state, distance, shape); 4 appends the region sharpness grid
// (count, floats). Older records (caches written before) still decode, as
// records whose faces nobody looked for (1), without thumbnail evidence
// (1, 2) and without region sharpness, so without a sharp-region focus (1-3).
#include <cstring>
#include <type_traits>

#include "gemroll/curate.h"

namespace gemroll {
namespace {

constexpr uint8_t kMagic[4] = {'G', 'R', 'R', '1'};
// Bump on any layout change. Older versions the decoder still reads are
// listed in DecodePhotoRecord; others are re-made by the caches.
constexpr uint32_t kRecordVersion = 5;
constexpr uint32_t kRecordVersionNoProvisional = 4;
constexpr uint32_t kRecordVersionNoRegions = 3;
constexpr uint32_t kRecordVersionNoThumbnail = 2;
constexpr uint32_t kRecordVersionNoFaces = 1;
// BlazeFace decoding keeps at most 64 faces (FaceDecodeOptions::max_faces).
constexpr uint32_t kMaxFaces = 256;
// The metrics grid is at most 16 x 16 (metrics.cc kMaxGrid).
constexpr uint32_t kMaxRegions = 16 * 16;
// Strings in records are short (EXIF fields, reason texts); a larger length
// means corrupt bytes, not a big allocation.
constexpr uint32_t kMaxString = 1 << 16;
constexpr uint32_t kMaxItems = 1 << 12;

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    static_assert(std::is_arithmetic_v<T>);
    uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));  // wasm and the supported hosts are little-endian
    out_.insert(out_.end(), b, b + sizeof(T));
  }
  void Str(const std::string& s) {
    Put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
  }
  void Reasons(const std::vector<Reason>& rs) {
    Put<uint32_t>(static_cast<uint32_t>(rs.size()));
    for (const Reason& r : rs) {
      Str(r.code);
      Str(r.text);
      Put(r.weight);
    }
  }
  std::vector<uint8_t> Take() { return std::move(out_); }
  std::vector<uint8_t> out_;
};

class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  template <typename T>
  T Get() {
    static_assert(std::is_arithmetic_v<T>);
    T v{};
    if (static_cast<size_t>(end_ - p_) < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  bool Bool() { return Get<uint8_t>() != 0; }
  std::string Str() {
    const uint32_t n = Get<uint32_t>();
    if (!ok_ || n > kMaxString || static_cast<size_t>(end_ - p_) < n) {
      ok_ = false;
      return {};
    }
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  std::vector<Reason> Reasons() {
    const uint32_t n = Get<uint32_t>();
    std::vector<Reason> rs;
    if (!ok_ || n > kMaxItems) {
      ok_ = false;
      return rs;
    }
    for (uint32_t i = 0; i < n && ok_; ++i) {
      Reason r;
      r.code = Str();
      r.text = Str();
      r.weight = Get<float>();
      rs.push_back(std::move(r));
    }
    return rs;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }
  void Fail() { ok_ = false; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

}  // namespace

std::vector<uint8_t> EncodePhotoRecord(const PhotoRecord& r) {
  Writer w;
  for (uint8_t b : kMagic) w.Put(b);
  w.Put(kRecordVersion);
  w.Put(static_cast<uint8_t>(r.format));
  w.Put(r.file_size);
  w.Put(r.content_hash);
  w.Put<int32_t>(r.width);
  w.Put<int32_t>(r.height);

  const ExifData& e = r.exif;
  w.Put<uint8_t>(e.present);
  w.Str(e.date_time_original);
  w.Str(e.offset_time_original);
  w.Str(e.subsec_time_original);
  w.Str(e.date_time_digitized);
  w.Str(e.date_time);
  w.Put<int32_t>(e.orientation);
  w.Str(e.make);
  w.Str(e.model);
  w.Str(e.software);
  w.Str(e.lens_model);
  w.Str(e.user_comment);
  w.Put(e.exposure_time);
  w.Put(e.f_number);
  w.Put<int32_t>(e.iso);
  w.Put<int32_t>(e.flash);
  w.Put(e.focal_length);
  w.Put<int32_t>(e.pixel_x);
  w.Put<int32_t>(e.pixel_y);
  w.Put<uint8_t>(e.gps.present);
  w.Put(e.gps.latitude);
  w.Put(e.gps.longitude);
  w.Put<uint8_t>(e.gps.has_altitude);
  w.Put(e.gps.altitude);

  const PhotoMetrics& m = r.metrics;
  for (float f : {m.sharpness, m.sharpness_max_region, m.sharp_area_fraction, m.motion_blur,
                  m.motion_angle_deg, m.mean_luma, m.shadow_clip, m.highlight_clip, m.contrast,
                  m.luma_p05, m.luma_p50, m.luma_p95, m.noise_sigma, m.colorfulness,
                  m.mean_saturation, m.colors.mean_r, m.colors.mean_g, m.colors.mean_b}) {
    w.Put(f);
  }
  w.Put<uint32_t>(static_cast<uint32_t>(m.colors.dominant.size()));
  for (const DominantColor& c : m.colors.dominant) {
    w.Put(c.rgb);
    w.Put(c.fraction);
  }
  w.Put(m.phash);
  w.Put(m.dhash);
  for (uint64_t h : m.phash_dihedral) w.Put(h);
  w.Put<int32_t>(m.work_width);
  w.Put<int32_t>(m.work_height);

  w.Put<uint8_t>(r.has_trimmed_hash);
  for (uint64_t h : r.trimmed_dihedral) w.Put(h);

  w.Put(static_cast<uint8_t>(r.kind.kind));
  w.Put(r.kind.confidence);
  for (float f : r.kind.scores) w.Put(f);
  w.Reasons(r.kind.reasons);

  w.Put<uint8_t>(r.quality.blurry);
  w.Str(r.quality.blur_type);
  w.Put<uint8_t>(r.quality.too_dark);
  w.Put<uint8_t>(r.quality.too_bright);
  w.Put(r.quality.technical);
  w.Reasons(r.quality.reasons);

  w.Put<uint8_t>(r.faces_ran);
  w.Put<uint32_t>(static_cast<uint32_t>(r.faces.size()));
  for (const FaceEvidence& f : r.faces) {
    for (float v : {f.x, f.y, f.width, f.height, f.score, f.eyes_open, f.smile, f.sharpness,
                    f.sharpness_vs_frame}) {
      w.Put(v);
    }
  }

  w.Put(static_cast<uint8_t>(r.exif_thumbnail.state));
  w.Put(r.exif_thumbnail.distance);
  w.Put<uint8_t>(r.exif_thumbnail.shape_differs);

  w.Put<uint32_t>(static_cast<uint32_t>(r.metrics.region_sharpness.size()));
  for (float f : r.metrics.region_sharpness) w.Put(f);
  w.Put<uint8_t>(r.provisional);
  return w.Take();
}

StatusOr<PhotoRecord> DecodePhotoRecord(std::string path, const uint8_t* data, size_t size) {
  Reader in(data, size);
  for (uint8_t b : kMagic) {
    if (in.Get<uint8_t>() != b) return Status(StatusCode::kCorruptData, "not a photo record");
  }
  const uint32_t version = in.Get<uint32_t>();
  if (version != kRecordVersion && version != kRecordVersionNoProvisional &&
      version != kRecordVersionNoRegions && version != kRecordVersionNoThumbnail &&
      version != kRecordVersionNoFaces) {
    return Status(StatusCode::kCorruptData, "photo record of another version");
  }
  PhotoRecord r;
  r.path = std::move(path);
  const uint8_t format = in.Get<uint8_t>();
  if (format > static_cast<uint8_t>(ImageFormat::kRgba)) in.Fail();
  r.format = static_cast<ImageFormat>(format);
  r.file_size = in.Get<uint64_t>();
  r.content_hash = in.Get<uint64_t>();
  r.width = in.Get<int32_t>();
  r.height = in.Get<int32_t>();

  ExifData& e = r.exif;
  e.present = in.Bool();
  e.date_time_original = in.Str();
  e.offset_time_original = in.Str();
  e.subsec_time_original = in.Str();
  e.date_time_digitized = in.Str();
  e.date_time = in.Str();
  e.orientation = in.Get<int32_t>();
  e.make = in.Str();
  e.model = in.Str();
  e.software = in.Str();
  e.lens_model = in.Str();
  e.user_comment = in.Str();
  e.exposure_time = in.Get<double>();
  e.f_number = in.Get<double>();
  e.iso = in.Get<int32_t>();
  e.flash = in.Get<int32_t>();
  e.focal_length = in.Get<double>();
  e.pixel_x = in.Get<int32_t>();
  e.pixel_y = in.Get<int32_t>();
  e.gps.present = in.Bool();
  e.gps.latitude = in.Get<double>();
  e.gps.longitude = in.Get<double>();
  e.gps.has_altitude = in.Bool();
  e.gps.altitude = in.Get<double>();

  PhotoMetrics& m = r.metrics;
  for (float* f :
       {&m.sharpness, &m.sharpness_max_region, &m.sharp_area_fraction, &m.motion_blur,
        &m.motion_angle_deg, &m.mean_luma, &m.shadow_clip, &m.highlight_clip, &m.contrast,
        &m.luma_p05, &m.luma_p50, &m.luma_p95, &m.noise_sigma, &m.colorfulness, &m.mean_saturation,
        &m.colors.mean_r, &m.colors.mean_g, &m.colors.mean_b}) {
    *f = in.Get<float>();
  }
  const uint32_t colours = in.Get<uint32_t>();
  if (colours > kMaxItems) in.Fail();
  for (uint32_t i = 0; i < colours && in.ok(); ++i) {
    DominantColor c;
    c.rgb = in.Get<uint32_t>();
    c.fraction = in.Get<float>();
    m.colors.dominant.push_back(c);
  }
  m.phash = in.Get<uint64_t>();
  m.dhash = in.Get<uint64_t>();
  for (uint64_t& h : m.phash_dihedral) h = in.Get<uint64_t>();
  m.work_width = in.Get<int32_t>();
  m.work_height = in.Get<int32_t>();

  r.has_trimmed_hash = in.Bool();
  for (uint64_t& h : r.trimmed_dihedral) h = in.Get<uint64_t>();

  const uint8_t kind = in.Get<uint8_t>();
  if (kind >= kNumPhotoKinds) in.Fail();
  r.kind.kind = static_cast<PhotoKind>(kind);
  r.kind.confidence = in.Get<float>();
  for (float& f : r.kind.scores) f = in.Get<float>();
  r.kind.reasons = in.Reasons();

  r.quality.blurry = in.Bool();
  r.quality.blur_type = in.Str();
  r.quality.too_dark = in.Bool();
  r.quality.too_bright = in.Bool();
  r.quality.technical = in.Get<float>();
  r.quality.reasons = in.Reasons();

  if (version >= 2) {
    r.faces_ran = in.Bool();
    const uint32_t faces = in.Get<uint32_t>();
    if (faces > kMaxFaces) in.Fail();
    for (uint32_t i = 0; i < faces && in.ok(); ++i) {
      FaceEvidence f;
      for (float* v : {&f.x, &f.y, &f.width, &f.height, &f.score, &f.eyes_open, &f.smile,
                       &f.sharpness, &f.sharpness_vs_frame}) {
        *v = in.Get<float>();
      }
      r.faces.push_back(f);
    }
  }
  if (version >= 3) {
    const uint8_t state = in.Get<uint8_t>();
    if (state > static_cast<uint8_t>(ThumbnailAgreement::State::kDiffers)) in.Fail();
    r.exif_thumbnail.state = static_cast<ThumbnailAgreement::State>(state);
    r.exif_thumbnail.distance = in.Get<float>();
    r.exif_thumbnail.shape_differs = in.Bool();
  }
  if (version >= 4) {
    const uint32_t regions = in.Get<uint32_t>();
    if (regions > kMaxRegions) in.Fail();
    for (uint32_t i = 0; i < regions && in.ok(); ++i) {
      m.region_sharpness.push_back(in.Get<float>());
    }
  }
  if (version >= 5) r.provisional = in.Bool();

  if (!in.ok() || !in.at_end()) return Status(StatusCode::kCorruptData, "malformed photo record");
  return r;
}

}  // namespace gemroll
