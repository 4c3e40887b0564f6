// Pieces shared by the edit stage's files: the transfer function, the white
// balance model (ApplyEdit renders it, AutoEnhance inverts it) and reason
// helpers.
#ifndef GEMROLL_SRC_EDIT_EDIT_INTERNAL_H_
#define GEMROLL_SRC_EDIT_EDIT_INTERNAL_H_

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "gemroll/classify.h"
#include "gemroll/edit.h"
#include "gemroll/json.h"

namespace gemroll::edit_internal {

// White balance: temperature and tint at +-100 move the red/blue and green
// gains by this many stops, before the gains are normalised to keep Rec.709
// luminance.
constexpr double kTemperatureStops = 0.5;
constexpr double kTintStops = 0.5;

constexpr float kLumaR = 0.2126f, kLumaG = 0.7152f, kLumaB = 0.0722f;

inline double SrgbToLinear(double v) {
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
inline double LinearToSrgb(double v) {
  if (v <= 0) return 0;
  return v <= 0.0031308 ? v * 12.92 : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
}

// Linear-light channel gains for a temperature/tint pair.
inline void WhiteBalanceGains(double temperature, double tint, double gains[3]) {
  const double t = temperature / 100 * kTemperatureStops;
  const double m = tint / 100 * kTintStops;
  gains[0] = std::exp2(t);
  gains[1] = std::exp2(-m);
  gains[2] = std::exp2(-t);
  const double luma = kLumaR * gains[0] + kLumaG * gains[1] + kLumaB * gains[2];
  for (int c = 0; c < 3; ++c) gains[c] /= luma;
}

// The temperature/tint whose gains make an illuminant of linear colour
// (r, g, b) neutral (the exact inverse of WhiteBalanceGains' ratios).
inline void WhiteBalanceForIlluminant(double r, double g, double b, double* temperature,
                                      double* tint) {
  const double a = std::log2(g / r), c = std::log2(g / b);  // gains wanted on red, blue
  *temperature = 100 * (a - c) / (2 * kTemperatureStops);
  *tint = 100 * (a + c) / (2 * kTintStops);
}

constexpr double kPi = 3.14159265358979323846;

// Straightening rotates the picture and keeps the largest centred rectangle
// of the original aspect ratio inside it: that rectangle's size relative to
// the original.
inline double StraightenScale(int width, int height, double degrees) {
  const double theta = std::fabs(degrees) * kPi / 180;
  if (!(theta > 0)) return 1;
  const double c = std::cos(theta), s = std::sin(theta);
  const double w = width, h = height;
  return std::min(w / (w * c + h * s), h / (w * s + h * c));
}

inline void AddReason(std::vector<Reason>& v, const char* code, std::string text, float weight) {
  v.push_back(Reason{code, std::move(text), weight});
}

inline void SortReasons(std::vector<Reason>& v) {
  std::stable_sort(v.begin(), v.end(), [](const Reason& a, const Reason& b) {
    return std::fabs(a.weight) > std::fabs(b.weight);
  });
}

}  // namespace gemroll::edit_internal

#endif  // GEMROLL_SRC_EDIT_EDIT_INTERNAL_H_
