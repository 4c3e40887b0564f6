// Title text for collages through stb_truetype (Debian's libstb, header only),
// so node and every browser rasterise the same font (DejaVu Sans Bold, shipped
// with the package) into the same pixels. The font is the package's own asset,
// never a user file: stb_truetype trusts the font it is given.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gemroll/collage.h"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace gemroll {
namespace {

// Decodes UTF-8 into code points; malformed bytes become U+FFFD.
std::vector<int> Utf8ToCodepoints(std::string_view s) {
  std::vector<int> out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int cp = 0xFFFD, len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (i + len > s.size()) {
      out.push_back(0xFFFD);
      break;
    }
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    out.push_back(ok ? cp : 0xFFFD);
    i += ok ? len : 1;
  }
  return out;
}

}  // namespace

bool DrawText(Image* canvas, const uint8_t* font, size_t font_size, std::string_view text, int x,
              int y, int w, int h, Rgba colour) {
  if (!font || font_size < 12 || w <= 0 || h <= 0 || !canvas || canvas->empty()) return false;
  stbtt_fontinfo info;
  const int offset = stbtt_GetFontOffsetForIndex(font, 0);
  if (offset < 0 || static_cast<size_t>(offset) >= font_size) return false;
  if (!stbtt_InitFont(&info, font, offset)) return false;
  const std::vector<int> cps = Utf8ToCodepoints(text);
  if (cps.empty()) return true;

  // Size: the band's height, shrunk until the line fits 92% of the width.
  int ascent, descent, gap;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  float px = h * 0.8f;
  float scale = stbtt_ScaleForPixelHeight(&info, px);
  auto line_width = [&](float sc) {
    double width = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
      int adv, lsb;
      stbtt_GetCodepointHMetrics(&info, cps[i], &adv, &lsb);
      width += adv * sc;
      if (i + 1 < cps.size())
        width += sc * stbtt_GetCodepointKernAdvance(&info, cps[i], cps[i + 1]);
    }
    return width;
  };
  const double wanted = 0.92 * w;
  const double lw = line_width(scale);
  if (lw > wanted) scale *= static_cast<float>(wanted / lw);
  const double width = line_width(scale);
  const double text_h = (ascent - descent) * scale;
  const double baseline = y + (h - text_h) / 2 + ascent * scale;
  double pen = x + (w - width) / 2;

  std::vector<unsigned char> glyph;
  const int W = canvas->width(), H = canvas->height();
  for (size_t i = 0; i < cps.size(); ++i) {
    const float shift = static_cast<float>(pen - std::floor(pen));
    int x0, y0, x1, y1;
    stbtt_GetCodepointBitmapBoxSubpixel(&info, cps[i], scale, scale, shift, 0, &x0, &y0, &x1, &y1);
    const int gw = x1 - x0, gh = y1 - y0;
    if (gw > 0 && gh > 0 && gw < 4096 && gh < 4096) {
      glyph.assign(static_cast<size_t>(gw) * gh, 0);
      stbtt_MakeCodepointBitmapSubpixel(&info, glyph.data(), gw, gh, gw, scale, scale, shift, 0,
                                        cps[i]);
      const int ox = static_cast<int>(std::floor(pen)) + x0;
      const int oy = static_cast<int>(std::lround(baseline)) + y0;
      for (int gy = 0; gy < gh; ++gy) {
        const int cy = oy + gy;
        if (cy < 0 || cy >= H) continue;
        uint8_t* row = canvas->Row(cy);
        for (int gx = 0; gx < gw; ++gx) {
          const int cx = ox + gx;
          if (cx < 0 || cx >= W) continue;
          const float a = glyph[static_cast<size_t>(gy) * gw + gx] / 255.0f;
          if (a <= 0) continue;
          uint8_t* p = row + 4 * cx;
          p[0] = static_cast<uint8_t>(std::lround(p[0] + (colour.r - p[0]) * a));
          p[1] = static_cast<uint8_t>(std::lround(p[1] + (colour.g - p[1]) * a));
          p[2] = static_cast<uint8_t>(std::lround(p[2] + (colour.b - p[2]) * a));
        }
      }
    }
    int adv, lsb;
    stbtt_GetCodepointHMetrics(&info, cps[i], &adv, &lsb);
    pen += adv * scale;
    if (i + 1 < cps.size()) pen += scale * stbtt_GetCodepointKernAdvance(&info, cps[i], cps[i + 1]);
  }
  return true;
}

}  // namespace gemroll
