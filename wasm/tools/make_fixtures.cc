// gemroll_make_fixtures: builds test inputs from real photos with Gemroll's
// own decoder and encoder, so nothing generated is committed.
//   gemroll_make_fixtures sample-roll OUTDIR   a small camera roll for the demo,
//       from Debian's plasma-workspace-wallpapers (the one use of that
//       package: the README's demo roll; it is never evaluation or benchmark data)
//   gemroll_make_fixtures bench OUTDIR [N] [DATA]   N 12-MP (4032x3024) q92
//       JPEGs with camera EXIF (time, GPS, a 160x120 thumbnail) from the
//       largest camera photos in ../shared/data (DATA, else
//       $GEMROLL_DATA, else ../shared/data from the working directory)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gemroll/decode.h"
#include "gemroll/encode.h"
#include "gemroll/exif.h"
#include "gemroll/exif_write.h"
#include "gemroll/metrics.h"

namespace fs = std::filesystem;
using namespace gemroll;

namespace {

const char* kWallpapers = "/usr/share/wallpapers";
// Wallpapers in that package that are camera photographs (others are renders).
const char* kPhotoWallpapers[] = {"Autumn",       "BytheWater",  "Canopee",    "ColdRipple",
                                  "ColorfulCups", "EveningGlow", "FallenLeaf", "OneStandsOut",
                                  "Path",         "SafeLanding", "Shell",      "Volna",
                                  "Kite",         "Altai",       "Cascade",    "Elarun"};

// The largest real camera photos in ../shared/data (1.5-9 MP; a set of
// different cameras, scenes and faces), for the 12-MP benchmark set.
const char* kBenchPhotos[] = {
    "camera/exif-samples/mobile/HMD_Nokia_8.3_5G.jpg",
    "camera/exif-samples/mobile/jolla.jpg",
    "camera/exif-samples/hdr/iphone_hdr_YES.jpg",
    "faces/face_recognition-misc/obama3.jpg",
    "camera/photoprism-meta/altitude.jpg",
    "camera/exif-samples/makes/Reconyx_HC500_Hyperfire.jpg",
    "camera/exif-samples/hdr/canon_hdr_YES.jpg",
    "faces/dlib-pascal/bald_guys.jpg",
    "faces/face_recognition-identities/test/obama_and_biden.jpg",
    "camera/photoprism-meta/aurora.jpg",
    "faces/face_recognition-identities/train/biden/biden.jpg",
    "faces/face_recognition-identities/test/alex_lacamoire1.jpg",
    "faces/photoprism-facecount/1.jpg",
    "camera/photoprism-formats/telegram_2020-01-30_09-57-18.jpg",
    "camera/exif-samples/hdr/iphone_hdr_NO.jpg",
    "camera/exif-samples/hdr/canon_hdr_NO.jpg",
};

std::vector<uint8_t> Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
bool Write(const fs::path& p, const std::vector<uint8_t>& b) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return static_cast<bool>(out);
}

// The largest image of each photographic wallpaper.
std::vector<fs::path> Sources() {
  std::vector<fs::path> out;
  for (const char* name : kPhotoWallpapers) {
    const fs::path dir = fs::path(kWallpapers) / name / "contents" / "images";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    fs::path best;
    uintmax_t best_size = 0;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() != ".jpg" && e.path().extension() != ".png") continue;
      if (e.file_size() > best_size) best_size = e.file_size(), best = e.path();
    }
    if (!best.empty()) out.push_back(best);
  }
  return out;
}

StatusOr<Image> Load(const fs::path& p, int min_side) {
  const auto bytes = Read(p);
  DecodeOptions opt;
  opt.min_short_side = min_side;
  opt.fast = false;
  GEMROLL_ASSIGN_OR_RETURN(DecodedImage d, Decode(bytes.data(), bytes.size(), opt));
  return std::move(d.image);
}

// Bilinear resample of the centred crop with the target aspect ratio.
Image CropResize(const Image& src, int w, int h) {
  const double target = static_cast<double>(w) / h,
               have = static_cast<double>(src.width()) / src.height();
  double cw = src.width(), ch = src.height();
  if (have > target)
    cw = ch * target;
  else
    ch = cw / target;
  const double x0 = (src.width() - cw) / 2, y0 = (src.height() - ch) / 2;
  Image dst = std::move(Image::Create(w, h, PixelFormat::kRGBA8)).value();
  for (int y = 0; y < h; ++y) {
    const double sy = std::clamp(y0 + (y + 0.5) * ch / h - 0.5, 0.0, src.height() - 1.0);
    const int iy = std::min(static_cast<int>(sy), src.height() - 2 < 0 ? 0 : src.height() - 2);
    const double fy = sy - iy;
    uint8_t* out = dst.Row(y);
    for (int x = 0; x < w; ++x) {
      const double sx = std::clamp(x0 + (x + 0.5) * cw / w - 0.5, 0.0, src.width() - 1.0);
      const int ix = std::min(static_cast<int>(sx), src.width() - 2 < 0 ? 0 : src.width() - 2);
      const double fx = sx - ix;
      const uint8_t* a = src.Row(iy) + 4 * ix;
      const uint8_t* b = src.Row(std::min(iy + 1, src.height() - 1)) + 4 * ix;
      for (int c = 0; c < 4; ++c) {
        const double top = a[c] * (1 - fx) + a[c + 4] * fx, bot = b[c] * (1 - fx) + b[c + 4] * fx;
        out[4 * x + c] = static_cast<uint8_t>(std::lround(top * (1 - fy) + bot * fy));
      }
    }
  }
  return dst;
}

// Separable box blur, radius r, applied `passes` times (≈ Gaussian).
Image Blur(const Image& src, int r, int passes) {
  Image a = src.Clone(), b = src.Clone();
  const int w = a.width(), h = a.height();
  for (int p = 0; p < passes; ++p) {
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int c = 0; c < 3; ++c) {
          int s = 0, n = 0;
          for (int k = -r; k <= r; ++k) {
            const int xx = std::clamp(x + k, 0, w - 1);
            s += a.Row(y)[4 * xx + c];
            ++n;
          }
          b.Row(y)[4 * x + c] = static_cast<uint8_t>(s / n);
        }
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        for (int c = 0; c < 3; ++c) {
          int s = 0, n = 0;
          for (int k = -r; k <= r; ++k) {
            const int yy = std::clamp(y + k, 0, h - 1);
            s += b.Row(yy)[4 * x + c];
            ++n;
          }
          a.Row(y)[4 * x + c] = static_cast<uint8_t>(s / n);
        }
  }
  return a;
}

Image Exposure(const Image& src, double stops) {
  Image out = src.Clone();
  const double gain = std::pow(2.0, stops);
  uint8_t lut[256];
  for (int i = 0; i < 256; ++i) {
    const double lin = std::pow(i / 255.0, 2.2) * gain;
    lut[i] = static_cast<uint8_t>(std::lround(std::pow(std::min(1.0, lin), 1 / 2.2) * 255));
  }
  for (int y = 0; y < out.height(); ++y)
    for (int x = 0; x < out.width(); ++x)
      for (int c = 0; c < 3; ++c) out.Row(y)[4 * x + c] = lut[out.Row(y)[4 * x + c]];
  return out;
}

void AddGrain(Image& img, double sigma, uint32_t seed) {
  uint32_t s = seed * 747796405u + 2891336453u;
  auto uniform = [&s] {
    s = s * 1664525u + 1013904223u;
    return (s >> 8) / 16777216.0;
  };
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      // Sum of 4 uniforms: close enough to Gaussian, cheap.
      const double n = (uniform() + uniform() + uniform() + uniform() - 2.0) * sigma * 1.732;
      for (int c = 0; c < 3; ++c) {
        uint8_t& v = img.Row(y)[4 * x + c];
        v = static_cast<uint8_t>(std::clamp(v + n, 0.0, 255.0));
      }
    }
}

// Pixels rotated 90° counter-clockwise, to be stored with Orientation 6.
Image RotateCcw(const Image& src) {
  Image out = std::move(Image::Create(src.height(), src.width(), PixelFormat::kRGBA8)).value();
  for (int y = 0; y < out.height(); ++y)
    for (int x = 0; x < out.width(); ++x)
      std::memcpy(out.Row(y) + 4 * x, src.Row(x) + 4 * (src.width() - 1 - y), 4);
  return out;
}

void Fill(Image& img, int x0, int y0, int x1, int y1, uint32_t rgb) {
  for (int y = std::max(0, y0); y < std::min(img.height(), y1); ++y)
    for (int x = std::max(0, x0); x < std::min(img.width(), x1); ++x) {
      uint8_t* p = img.Row(y) + 4 * x;
      p[0] = rgb >> 16, p[1] = (rgb >> 8) & 0xFF, p[2] = rgb & 0xFF, p[3] = 255;
    }
}

// A phone screenshot: status bar, app bar, list rows with text-like strokes.
Image Screenshot() {
  Image img = std::move(Image::Create(1080, 2340, PixelFormat::kRGBA8)).value();
  Fill(img, 0, 0, 1080, 2340, 0xFAFAFA);
  Fill(img, 0, 0, 1080, 80, 0x1E6B52);       // status bar
  Fill(img, 0, 80, 1080, 240, 0x268A6A);     // app bar
  Fill(img, 0, 2200, 1080, 2340, 0xFFFFFF);  // navigation bar
  for (int row = 0; row < 14; ++row) {
    const int y = 280 + row * 136;
    Fill(img, 40, y, 136, y + 96, 0xC8E6DA);  // avatar tile
    for (int word = 0; word < 6; ++word) {
      const int x = 170 + word * 130 + (row * 37 + word * 53) % 40;
      Fill(img, x, y + 18, x + 100 - (word * 13 + row * 7) % 45, y + 40, 0x222222);
      Fill(img, x, y + 60, x + 90 - (word * 11 + row * 5) % 50, y + 76, 0x777777);
    }
    Fill(img, 40, y + 120, 1040, y + 122, 0xE0E0E0);
  }
  return img;
}

ExifData CameraExif(const std::string& when, int subsec, bool gps, double lat, double lon) {
  ExifData e;
  e.make = "Gemroll";
  e.model = "Sample Camera";
  e.software = "gemroll_make_fixtures";
  e.date_time_original = when;
  e.date_time_digitized = when;
  e.subsec_time_original = std::to_string(subsec);
  e.offset_time_original = "+01:00";
  e.exposure_time = 1.0 / 250;
  e.f_number = 1.8;
  e.iso = 100;
  e.flash = 16;
  e.focal_length = 4.25;
  if (gps) {
    e.gps.present = true;
    e.gps.latitude = lat;
    e.gps.longitude = lon;
    e.gps.has_altitude = true;
    e.gps.altitude = 42.5;
  }
  return e;
}

// `camera_thumbnail`: a 160 x 120 rendering of the frame in IFD1, as phone
// and camera JPEGs carry (what a preview scan reads).
bool SaveJpeg(const fs::path& p, const Image& img, const ExifData* exif, int quality = 88,
              bool camera_thumbnail = false) {
  JpegEncodeOptions o;
  o.quality = quality;
  if (exif) {
    ExifWriteOptions w;
    w.include_gps = true;  // fixtures model a camera, which records location
    if (camera_thumbnail) {
      auto small = ResizeArea(img.View(), 160, 120);
      if (!small.ok()) return false;
      auto thumb = EncodeJpeg(small->View(), {85, true, false, {}});
      if (!thumb.ok()) return false;
      w.thumbnail_jpeg = std::move(thumb).value();
    }
    o.exif_app1 = BuildExifApp1(*exif, w);
  }
  auto bytes = EncodeJpeg(img.View(), o);
  return bytes.ok() && Write(p, bytes.value());
}

int SampleRoll(const fs::path& out) {
  fs::create_directories(out);
  const auto sources = Sources();
  if (sources.size() < 6) {
    std::fprintf(stderr, "need plasma-workspace-wallpapers (found %zu photos)\n", sources.size());
    return 1;
  }
  std::vector<Image> photos;
  for (size_t i = 0; i < 8 && i < sources.size(); ++i) {
    auto img = Load(sources[i], 1200);
    if (!img.ok()) continue;
    photos.push_back(CropResize(img.value(), 1600, 1200));
  }
  // A weekend in Lisbon between ordinary days at home (home is where photos
  // are taken on the most different days).
  const char* times[] = {"2025:06:14 10:02:11", "2025:06:14 10:40:55", "2025:06:14 16:21:03",
                         "2025:06:15 09:15:42", "2025:06:15 11:48:20", "2025:06:01 15:05:09",
                         "2025:06:08 11:31:27", "2025:06:21 17:02:48"};
  const double lisbon[2] = {38.7139, -9.1394}, home[2] = {52.3702, 4.8952};
  int written = 0;
  for (size_t i = 0; i < photos.size(); ++i) {
    const double* at = i < 5 ? lisbon : home;
    ExifData e =
        CameraExif(times[i], 120 + static_cast<int>(i), true, at[0] + 0.003 * i, at[1] - 0.002 * i);
    char name[64];
    std::snprintf(name, sizeof(name), "IMG_%04zu.jpg", 1001 + i);
    written += SaveJpeg(out / name, photos[i], &e);
  }
  // Variants of the first photos: what a real camera roll accumulates.
  ExifData burst = CameraExif("2025:06:14 10:02:12", 480, true, lisbon[0], lisbon[1]);
  written += SaveJpeg(out / "IMG_1001_burst.jpg", CropResize(photos[0], 1600, 1200), &burst, 84);
  ExifData rotated = CameraExif(times[1], 121, true, lisbon[0], lisbon[1]);
  rotated.orientation = 6;
  written += SaveJpeg(out / "IMG_1002_portrait.jpg", RotateCcw(photos[1]), &rotated);
  written += SaveJpeg(out / "IMG_1003_shared.jpg", CropResize(photos[2], 800, 600), nullptr, 70);
  ExifData blurry = CameraExif("2025:06:14 16:21:09", 5, true, lisbon[0], lisbon[1]);
  written += SaveJpeg(out / "IMG_1003_blurry.jpg", Blur(photos[2], 6, 3), &blurry);
  ExifData dark = CameraExif("2025:06:15 09:15:50", 7, true, lisbon[0], lisbon[1]);
  written += SaveJpeg(out / "IMG_1004_dark.jpg", Exposure(photos[3], -2.5), &dark);
  auto shot = EncodePng(Screenshot().View());
  written += shot.ok() && Write(out / "Screenshot_20250616-201455.png", shot.value());
  // Damaged and non-image files: each must come back with a reason.
  auto good = Read(out / "IMG_1005.jpg");
  good.resize(good.size() / 2);
  written += Write(out / "IMG_1005_truncated.jpg", good);
  written += Write(out / "empty.jpg", {});
  const std::string text = "notes from the trip, not a photo\n";
  written += Write(out / "notes.jpg", std::vector<uint8_t>(text.begin(), text.end()));
  std::fprintf(stderr, "sample roll: %d files in %s\n", written, out.c_str());
  return 0;
}

int Bench(const fs::path& out, int n, fs::path data) {
  if (data.empty()) {
    const char* env = std::getenv("GEMROLL_DATA");
    data = env ? fs::path(env) : fs::path("..") / "shared" / "data";
  }
  std::vector<fs::path> sources;
  for (const char* rel : kBenchPhotos) {
    if (fs::exists(data / rel)) sources.push_back(data / rel);
  }
  if (sources.empty()) {
    std::fprintf(stderr, "no benchmark photos under %s (set GEMROLL_DATA)\n", data.c_str());
    return 1;
  }
  fs::create_directories(out);
  int written = 0;
  for (int i = 0; i < n && !sources.empty(); ++i) {
    const fs::path& src = sources[static_cast<size_t>(i) % sources.size()];
    char name[64];
    std::snprintf(name, sizeof(name), "bench_%02d_12mp.jpg", i);
    if (fs::exists(out / name)) {
      ++written;
      continue;
    }
    auto img = Load(src, 0);
    if (!img.ok()) continue;
    const bool upscaled = img->width() < 4032;
    Image big = CropResize(img.value(), 4032, 3024);
    // An upscaled photo is smoother than a real 12 MP capture and would
    // flatter entropy decoding: add sensor-like grain (sigma ~2.5 levels) so
    // file sizes land where phone photos do (3-5 MB at q92).
    if (upscaled) AddGrain(big, 2.5, static_cast<uint32_t>(i + 1));
    if (i >= static_cast<int>(sources.size()))
      big = Exposure(big, 0.3 * (1 + i / static_cast<int>(sources.size())));
    // A phone's photo: capture time, position, size and its own thumbnail.
    ExifData e = CameraExif("2025:07:01 12:00:00", i, true, 52.52 + 0.001 * i, 13.40);
    e.pixel_x = 4032;
    e.pixel_y = 3024;
    written += SaveJpeg(out / name, big, &e, 92, /*camera_thumbnail=*/true);
  }
  std::fprintf(stderr, "bench set: %d x 12 MP JPEGs in %s\n", written, out.c_str());
  return written == n ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "sample-roll") == 0) return SampleRoll(argv[2]);
  if (argc >= 3 && std::strcmp(argv[1], "bench") == 0)
    return Bench(argv[2], argc >= 4 ? std::atoi(argv[3]) : 16, argc >= 5 ? argv[4] : "");
  std::fprintf(stderr,
               "usage: gemroll_make_fixtures sample-roll OUTDIR | bench OUTDIR [N] [DATA]\n");
  return 2;
}
