// Synthetic images for the features and verdict tests: a phone UI with
// status and navigation bars, a noisy natural texture, a page of type.
#ifndef GEMROLL_TESTS_UNIT_SYNTHETIC_IMAGES_H_
#define GEMROLL_TESTS_UNIT_SYNTHETIC_IMAGES_H_

#include <algorithm>
#include <cstdint>
#include <utility>

#include "gemroll/image.h"

namespace gemroll::testing {

inline Image Blank(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
  Image img = std::move(Image::Create(w, h, PixelFormat::kRGBA8)).value();
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.Row(y) + 4 * x;
      p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
    }
  }
  return img;
}

inline void Fill(Image& img, int x0, int y0, int x1, int y1, uint8_t r, uint8_t g, uint8_t b) {
  for (int y = std::max(0, y0); y < std::min(img.height(), y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(img.width(), x1); ++x) {
      uint8_t* p = img.Row(y) + 4 * x;
      p[0] = r, p[1] = g, p[2] = b;
    }
  }
}

// Lines of "type": short strokes of 1-2 px with gaps, like glyphs.
inline void Type(Image& img, int x0, int y0, int x1, int line_h, int lines, uint8_t ink) {
  uint32_t s = 12345;
  for (int l = 0; l < lines; ++l) {
    const int y = y0 + l * line_h;
    for (int x = x0; x < x1; x += 6) {
      s = s * 1664525u + 1013904223u;
      if ((s >> 29) == 0) continue;                                            // word gap
      Fill(img, x, y, x + 2, y + line_h / 2, ink, ink, ink);                   // vertical stem
      Fill(img, x, y + line_h / 4, x + 4, y + line_h / 4 + 1, ink, ink, ink);  // bar
    }
  }
}

// A phone screen: dark status bar with clock and icons, white page, a tinted
// app bar, lines of text and a dark navigation bar with a pill.
inline Image MakeUiScreenshot(int w, int h) {
  Image img = Blank(w, h, 250, 250, 252);
  const int bar = h * 3 / 100, nav = h * 5 / 100;
  Fill(img, 0, 0, w, bar, 20, 20, 24);
  Fill(img, w / 20, bar / 3, w / 20 + w / 12, bar * 2 / 3, 240, 240, 240);        // clock
  Fill(img, w - w / 5, bar / 3, w - w / 5 + w / 20, bar * 2 / 3, 240, 240, 240);  // icons
  Fill(img, w - w / 10, bar / 3, w - w / 10 + w / 30, bar * 2 / 3, 240, 240, 240);
  Fill(img, 0, bar, w, bar + h / 14, 98, 0, 238);         // app bar
  Fill(img, 0, h / 3, w, h / 3 + h / 10, 225, 230, 240);  // card
  Type(img, w / 12, bar + h / 8, w - w / 12, 10, 8, 40);
  Type(img, w / 12, h / 2, w - w / 12, 10, 12, 40);
  Fill(img, 0, h - nav, w, h, 10, 10, 10);
  const int icon = h / 60;  // back, home and recents buttons
  for (int k = 0; k < 3; ++k) {
    const int cx = w * (k + 1) / 4;
    Fill(img, cx - icon / 2, h - nav / 2 - icon / 2, cx + icon / 2, h - nav / 2 + icon / 2, 200,
         200, 200);
  }
  return img;
}

// Foliage-like texture: noise on smooth colour gradients.
inline Image MakeNaturalTexture(int w, int h) {
  Image img = std::move(Image::Create(w, h, PixelFormat::kRGBA8)).value();
  uint32_t s = 7;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      s = s * 1664525u + 1013904223u;
      const int n = static_cast<int>(s >> 26) - 32;
      uint8_t* p = img.Row(y) + 4 * x;
      p[0] = static_cast<uint8_t>(std::clamp(60 + x * 80 / w + n, 0, 255));
      p[1] = static_cast<uint8_t>(std::clamp(110 + y * 60 / h + n / 2, 0, 255));
      p[2] = static_cast<uint8_t>(std::clamp(40 + (x + y) * 40 / (w + h) + n, 0, 255));
      p[3] = 255;
    }
  }
  return img;
}

// A white page with type, lying on a dark desk.
inline Image MakePage(int w, int h) {
  // A wooden desk is textured, never a flat fill.
  Image img = Blank(w, h, 70, 55, 45);
  uint32_t s = 99;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      s = s * 1664525u + 1013904223u;
      const int n = static_cast<int>(s >> 27) - 16 + ((y / 3) % 4) * 4;
      uint8_t* p = img.Row(y) + 4 * x;
      for (int c = 0; c < 3; ++c) p[c] = static_cast<uint8_t>(std::clamp(p[c] + n, 0, 255));
    }
  }
  Fill(img, w / 8, h / 10, w - w / 8, h - h / 10, 245, 245, 240);
  Type(img, w / 8 + 12, h / 10 + 16, w - w / 8 - 12, 9, (h * 8 / 10 - 32) / 9, 30);
  return img;
}

}  // namespace gemroll::testing

#endif  // GEMROLL_TESTS_UNIT_SYNTHETIC_IMAGES_H_
