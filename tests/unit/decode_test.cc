#include "gemroll/decode.h"

#include <turbojpeg.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "gemroll/encode.h"
#include "test_util.h"

namespace gemroll {
namespace {

using testing::DataDir;
using testing::MakeTestCard;
using testing::MeanAbsDiff;
using testing::ReadBytes;

StatusOr<DecodedImage> DecodeFile(const std::string& rel, DecodeOptions opt = {}) {
  const std::vector<uint8_t> bytes = ReadBytes(DataDir() / rel);
  REQUIRE(!bytes.empty());
  return Decode(bytes.data(), bytes.size(), opt);
}

// Mean absolute RGB difference outside the central 50% x 50% box, after
// removing each channel's mean difference (sample 1 of the orientation set was
// saved without the ICC profile the others carry, so its colours are shifted).
double BorderDiff(const ImageView& a, const ImageView& b) {
  auto outside = [&](int x, int y) {
    return !(x > a.width / 4 && x < a.width * 3 / 4 && y > a.height / 4 && y < a.height * 3 / 4);
  };
  double mean[3] = {0, 0, 0};
  long n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      if (outside(x, y)) {
        for (int c = 0; c < 3; ++c) mean[c] += a.Row(y)[4 * x + c] - b.Row(y)[4 * x + c];
        ++n;
      }
  for (double& m : mean) m /= n;
  double sum = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      if (outside(x, y))
        for (int c = 0; c < 3; ++c)
          sum += std::abs(a.Row(y)[4 * x + c] - b.Row(y)[4 * x + c] - mean[c]);
  return sum / (3.0 * n);
}

std::vector<uint8_t> EncodedCard(int w, int h, JpegEncodeOptions o = {}) {
  Image card = MakeTestCard(w, h);
  return EncodeJpeg(card.View(), o).value();
}

TEST_CASE("SniffFormat reads magic bytes, not names", "[decode]") {
  auto sniff = [](const std::string& s) {
    return SniffFormat(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  CHECK(sniff(std::string("\xFF\xD8\xFF\xE0", 4)) == ImageFormat::kJpeg);
  CHECK(sniff(std::string("\x89PNG\r\n\x1A\n", 8)) == ImageFormat::kPng);
  CHECK(sniff("GIF89a....") == ImageFormat::kGif);
  CHECK(sniff("RIFF\0\0\0\0WEBPVP8 ") == ImageFormat::kUnknown);  // embedded NUL ends the literal
  CHECK(sniff(std::string("RIFF\0\0\0\0WEBPVP8 ", 16)) == ImageFormat::kWebp);
  CHECK(sniff(std::string("\0\0\0\x18"
                          "ftypheic\0\0\0\0mif1heic",
                          24)) == ImageFormat::kHeif);
  CHECK(sniff(std::string("\0\0\0\x1c"
                          "ftypavif\0\0\0\0avifmif1miaf",
                          28)) == ImageFormat::kAvif);
  CHECK(sniff("hello, this is text") == ImageFormat::kUnknown);
  CHECK(sniff("") == ImageFormat::kUnknown);
  // A JPEG saved with a .png name is still a JPEG.
  const auto bytes = ReadBytes(DataDir() / "camera/photoprism-formats/this-is-a-jpeg.png");
  CHECK(SniffFormat(bytes.data(), bytes.size()) == ImageFormat::kJpeg);
}

TEST_CASE("DCT scaling picks the smallest scale above the requested short side", "[decode]") {
  const auto jpeg = EncodedCard(1600, 1200);
  struct Case {
    int min_side;
    int denom;
    int w;
    int h;
  };
  for (const Case& c : {Case{150, 8, 200, 150}, Case{151, 4, 400, 300}, Case{300, 4, 400, 300},
                        Case{301, 2, 800, 600}, Case{601, 1, 1600, 1200}, Case{0, 1, 1600, 1200},
                        Case{5000, 1, 1600, 1200}}) {
    DecodeOptions opt;
    opt.min_short_side = c.min_side;
    auto d = Decode(jpeg.data(), jpeg.size(), opt);
    REQUIRE(d.ok());
    CHECK(d->scale_denom == c.denom);
    CHECK(d->image.width() == c.w);
    CHECK(d->image.height() == c.h);
    CHECK(d->width == 1600);
    CHECK(d->height == 1200);
  }
}

TEST_CASE("min_long_side lowers the short side wanted when the long side is enough", "[decode]") {
  DecodeOptions o;
  o.min_short_side = 360;
  CHECK(ShortSideWanted(o, 3000, 1000) == 360);
  o.min_long_side = 256;
  CHECK(ShortSideWanted(o, 3000, 1000) == 86);  // ceil(256 * 1000 / 3000)
  CHECK(ShortSideWanted(o, 1000, 3000) == 86);
  CHECK(ShortSideWanted(o, 300, 300) == 256);
  o.min_long_side = 1024;
  CHECK(ShortSideWanted(o, 800, 600) == 360);  // the short side is reached first
  o.min_short_side = 0;                        // full size, unless the long side says less
  CHECK(ShortSideWanted(o, 800, 600) == 768);  // more than it has: full size
  CHECK(ShortSideWanted(o, 4000, 3000) == 768);
  // A 1200x3600 strip for a 256 tensor: 1/8 (150x450) reaches 256 on the long side.
  const auto jpeg = EncodedCard(1200, 3600);
  DecodeOptions strip;
  strip.min_long_side = 256;
  auto d = Decode(jpeg.data(), jpeg.size(), strip);
  REQUIRE(d.ok());
  CHECK(d->scale_denom == 8);
  CHECK(d->image.height() == 450);
  strip.min_long_side = 0;  // the 360 short side alone needs 1/2
  d = Decode(jpeg.data(), jpeg.size(), strip);
  REQUIRE(d.ok());
  CHECK(d->scale_denom == 2);
}

TEST_CASE("12 MP phone-sized JPEG decodes at 1/8 by default", "[decode]") {
  const auto jpeg = EncodedCard(4032, 3024);
  auto d = Decode(jpeg.data(), jpeg.size());
  REQUIRE(d.ok());
  CHECK(d->scale_denom == 8);
  CHECK(d->image.width() == 504);
  CHECK(d->image.height() == 378);
}

TEST_CASE("Decoded pixels match the encoded picture", "[decode]") {
  Image card = MakeTestCard(320, 240);
  JpegEncodeOptions o;
  o.quality = 95;
  o.subsample_420 = false;
  const auto jpeg = EncodeJpeg(card.View(), o).value();
  DecodeOptions opt;
  opt.min_short_side = 0;
  opt.fast = false;
  auto d = Decode(jpeg.data(), jpeg.size(), opt);
  REQUIRE(d.ok());
  CHECK(testing::Psnr(d->image.View(), card.View()) > 30);
  const auto png = EncodePng(card.View()).value();
  auto p = Decode(png.data(), png.size(), opt);
  REQUIRE(p.ok());
  CHECK(p->format == ImageFormat::kPng);
  CHECK(MeanAbsDiff(p->image.View(), card.View()) == 0.0);
}

TEST_CASE("Grayscale and CMYK JPEGs decode to RGBA", "[decode]") {
  JpegEncodeOptions gray;
  gray.grayscale = true;
  const auto g = EncodedCard(256, 192, gray);
  auto d = Decode(g.data(), g.size());
  REQUIRE(d.ok());
  CHECK(d->channels == 1);
  const uint8_t* px = d->image.Row(50) + 4 * 60;
  CHECK(px[0] == px[1]);
  CHECK(px[1] == px[2]);
  CHECK(px[3] == 255);
}

TEST_CASE("Adobe CMYK JPEGs decode to the right colours", "[decode]") {
  // Adobe applications store CMYK inverted (255 = no ink) and mark the file
  // with an Adobe APP14 segment, which libjpeg-turbo writes for CMYK input.
  // Storing (R, G, B, 255) that way means "no black ink, R G B of the rest",
  // so the decoder must give the card back.
  Image card = MakeTestCard(128, 96);
  tjhandle tj = tjInitCompress();
  REQUIRE(tj != nullptr);
  unsigned char* buf = nullptr;
  unsigned long len = 0;
  std::vector<uint8_t> cmyk(static_cast<size_t>(card.width()) * card.height() * 4);
  for (int y = 0; y < card.height(); ++y)
    for (int x = 0; x < card.width(); ++x) {
      uint8_t* o = &cmyk[(static_cast<size_t>(y) * card.width() + x) * 4];
      const uint8_t* i = card.Row(y) + 4 * x;
      o[0] = i[0], o[1] = i[1], o[2] = i[2], o[3] = 255;
    }
  REQUIRE(tjCompress2(tj, cmyk.data(), card.width(), 0, card.height(), TJPF_CMYK, &buf, &len,
                      TJSAMP_444, 95, 0) == 0);
  tjDestroy(tj);
  std::vector<uint8_t> jpeg(buf, buf + len);
  tjFree(buf);
  DecodeOptions opt;
  opt.min_short_side = 0;
  auto d = Decode(jpeg.data(), jpeg.size(), opt);
  REQUIRE(d.ok());
  CHECK(d->channels == 4);
  CHECK(MeanAbsDiff(d->image.View(), card.View()) < 4.0);
}

TEST_CASE("All eight EXIF orientations decode to the same upright picture",
          "[decode][orientation]") {
  for (const std::string kind : {"landscape", "portrait"}) {
    const std::string dir = "camera/exif-samples/orientation/";
    DecodeOptions base;
    base.orientation = 2;  // the reference: sample 2, a mirror
    auto ref = DecodeFile(dir + kind + "_2.jpg", base);
    REQUIRE(ref.ok());
    for (int o = 1; o <= 8; ++o) {
      if (o == 2) continue;
      const auto bytes = ReadBytes(DataDir() / (dir + kind + "_" + std::to_string(o) + ".jpg"));
      DecodeOptions opt;
      opt.orientation = o;  // the EXIF stage supplies this in AnalyzePhoto
      auto d = Decode(bytes.data(), bytes.size(), opt);
      REQUIRE(d.ok());
      INFO(kind << " orientation " << o);
      REQUIRE(d->image.width() == ref->image.width());
      REQUIRE(d->image.height() == ref->image.height());
      CHECK(d->upright_width == ref->width);
      // Each sample has its own digit drawn in the centre: compare outside it,
      // and require the right orientation to beat every wrong one clearly.
      const double right = BorderDiff(d->image.View(), ref->image.View());
      CHECK(right < 8.0);
      for (int wrong = 1; wrong <= 8; ++wrong) {
        if (wrong == o) continue;
        DecodeOptions w = opt;
        w.orientation = wrong;
        auto dw = Decode(bytes.data(), bytes.size(), w);
        REQUIRE(dw.ok());
        if (dw->image.width() != ref->image.width()) continue;
        INFO("wrong orientation " << wrong);
        CHECK(BorderDiff(dw->image.View(), ref->image.View()) > 2 * right);
      }
    }
  }
}

TEST_CASE("ApplyOrientation matches the EXIF definitions on a 3x2 image", "[decode][orientation]") {
  Image src = std::move(Image::Create(3, 2, PixelFormat::kGray8)).value();
  // 0 1 2
  // 3 4 5
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x) src.Row(y)[x] = static_cast<uint8_t>(y * 3 + x);
  auto flat = [](const Image& im) {
    std::string s;
    for (int y = 0; y < im.height(); ++y)
      for (int x = 0; x < im.width(); ++x) s += static_cast<char>('0' + im.Row(y)[x]);
    return s;
  };
  const char* expected[9] = {"",       "012345", "210543", "543210", "345012",
                             "031425", "304152", "524130", "251403"};
  for (int o = 1; o <= 8; ++o) {
    auto r = ApplyOrientation(src.View(), o);
    REQUIRE(r.ok());
    INFO("orientation " << o);
    CHECK(flat(r.value()) == expected[o]);
  }
}

TEST_CASE("Display P3 profiles are flagged", "[decode][color]") {
  auto p3 = DecodeFile("camera/photoprism-meta/Iceland-P3.jpg");
  REQUIRE(p3.ok());
  CHECK(p3->icc_present);
  CHECK(p3->color_space == ColorSpace::kDisplayP3);
  auto srgb = DecodeFile("camera/photoprism-meta/Iceland-sRGB.jpg");
  REQUIRE(srgb.ok());
  CHECK(srgb->color_space == ColorSpace::kSrgb);
}

TEST_CASE("PNG screenshots decode and downscale by a box factor", "[decode][png]") {
  int seen = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(DataDir() / "screenshots")) {
    if (!e.is_regular_file()) continue;
    const auto bytes = ReadBytes(e.path());
    if (SniffFormat(bytes.data(), bytes.size()) != ImageFormat::kPng) continue;
    auto d = Decode(bytes.data(), bytes.size());
    INFO(e.path());
    REQUIRE(d.ok());
    CHECK(std::min(d->image.width(), d->image.height()) >=
          std::min(360, std::min(d->width, d->height)));
    ++seen;
  }
  CHECK(seen > 0);
}

TEST_CASE("Header limits are checked before allocating", "[decode][bad]") {
  // Patch a real JPEG's SOF to claim 60000x60000.
  auto jpeg = EncodedCard(64, 48);
  bool patched = false;
  for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (jpeg[i] == 0xFF && (jpeg[i + 1] == 0xC0 || jpeg[i + 1] == 0xC2)) {
      jpeg[i + 5] = 60000 >> 8;
      jpeg[i + 6] = 60000 & 0xFF;
      jpeg[i + 7] = 60000 >> 8;
      jpeg[i + 8] = 60000 & 0xFF;
      patched = true;
      break;
    }
  }
  REQUIRE(patched);
  auto d = Decode(jpeg.data(), jpeg.size());
  REQUIRE(!d.ok());
  CHECK(d.status().code() == StatusCode::kTooLarge);
  // The byte limit applies too.
  DecodeOptions tiny;
  tiny.max_bytes = 100;
  auto t = Decode(jpeg.data(), jpeg.size(), tiny);
  CHECK(t.status().code() == StatusCode::kTooLarge);
}

TEST_CASE("Empty, text and unsupported inputs get clear codes", "[decode][bad]") {
  CHECK(Decode(nullptr, 0).status().code() == StatusCode::kEmpty);
  const std::string text = "this is a text file named photo.jpg\n";
  CHECK(Decode(reinterpret_cast<const uint8_t*>(text.data()), text.size()).status().code() ==
        StatusCode::kUnknownFormat);
  const auto webp = ReadBytes(DataDir() / "duplicates/imagededup/formats_images/ukbench09380.webp");
  CHECK(Decode(webp.data(), webp.size()).status().code() == StatusCode::kUnsupported);
}

TEST_CASE("Truncated JPEGs and PNGs fail cleanly at every cut point", "[decode][bad]") {
  const std::set<StatusCode> allowed = {StatusCode::kTruncated, StatusCode::kCorruptData,
                                        StatusCode::kUnknownFormat, StatusCode::kEmpty};
  for (const std::string rel :
       {"camera/exif-samples/gps/DSCN0010.jpg", "camera/photoprism-meta/Iceland-P3.jpg"}) {
    const auto bytes = ReadBytes(DataDir() / rel);
    REQUIRE(bytes.size() > 1000);
    int cuts = 0;
    for (size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 97) {
      auto d = Decode(bytes.data(), cut);
      INFO(rel << " cut at " << cut);
      REQUIRE(!d.ok());
      CHECK(allowed.count(d.status().code()) == 1);
      ++cuts;
    }
    CHECK(cuts > 90);
  }
  Image card = MakeTestCard(300, 200);
  const auto png = EncodePng(card.View()).value();
  for (size_t cut = 0; cut < png.size() - 12; cut += 1 + png.size() / 101) {
    auto d = Decode(png.data(), cut);
    INFO("png cut at " << cut);
    REQUIRE(!d.ok());
    CHECK(allowed.count(d.status().code()) == 1);
  }
}

TEST_CASE("Raw RGBA input is accepted and downscaled", "[decode]") {
  Image card = MakeTestCard(1000, 800);
  auto d = DecodeRgba(card.data(), card.width(), card.height(), card.stride());
  REQUIRE(d.ok());
  CHECK(d->format == ImageFormat::kRgba);
  CHECK(d->scale_denom == 2);
  CHECK(d->image.width() == 500);
  CHECK(d->image.height() == 400);
  CHECK(DecodeRgba(card.data(), 1000, 800, 10).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("Every file in the corpus decodes or fails with a code", "[decode][corpus]") {
  int ok = 0, failed = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(DataDir())) {
    if (!e.is_regular_file()) continue;
    const auto bytes = ReadBytes(e.path());
    auto d = Decode(bytes.data(), bytes.size());
    if (d.ok()) {
      ++ok;
      CHECK(d->image.width() > 0);
    } else {
      ++failed;
      CHECK(!d.status().message().empty());
    }
  }
  WARN("corpus: " << ok << " decoded, " << failed << " rejected with a reason");
  CHECK(ok > 380);
}

}  // namespace
}  // namespace gemroll
