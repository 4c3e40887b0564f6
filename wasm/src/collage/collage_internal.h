// Pieces shared by the collage stage's files: message formatting, reasons,
// cell bookkeeping and the resampler.
#ifndef GEMROLL_SRC_COLLAGE_COLLAGE_INTERNAL_H_
#define GEMROLL_SRC_COLLAGE_COLLAGE_INTERNAL_H_

#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include "gemroll/collage.h"
#include "gemroll/decode.h"
#include "gemroll/json.h"

namespace gemroll::collage_internal {

template <typename T>
auto FmtArg(T v) {
  if constexpr (std::is_arithmetic_v<T>) {
    return static_cast<double>(v);  // every number is printed with a %f/%g
  } else {
    return v;  // const char*
  }
}

// snprintf where every numeric argument is a double (%.0f for counts).
template <typename... A>
std::string Fmt(const char* fmt, A... args) {
  char buf[256];
  std::snprintf(buf, sizeof(buf), fmt, FmtArg(args)...);
  return buf;
}

// Fills source, draw rect, crop loss and reasons of a placed cell.
void FinishCell(const CollagePhoto& photo, CollageCell* c);
// Recomputes crop loss and the cell's reasons after its source changed.
void UpdateCellReasons(size_t keep_boxes, CollageCell* c);
// Mean/worst crop loss and the layout's summary reasons.
void Summarise(CollageLayoutResult* r);

// Pass 1 of composing (CPU and GPU alike): each source's EXIF orientation
// and, where the caller did not give it, its upright size from the smallest
// decode the format allows. An error names the photo.
Status ProbeSources(const std::vector<CollageSource>& sources, const CollageComposeOptions& options,
                    std::vector<int>* orientation, std::vector<CollagePhoto>* photos);

// Pass 2 of composing (CPU and GPU alike): photo `index` decoded at the
// smallest scale that covers its cell (export quality), with the cell's
// reasons for a size that differs from the one given and a scaled decode.
// An error names the photo.
StatusOr<DecodedImage> DecodeForCell(const CollageSource& source, const CollagePhoto& photo,
                                     int orientation, size_t index,
                                     const CollageComposeOptions& options, CollageCell* cell);

// Resamples the rectangle (sx, sy, sw, sh) of src (pixels, fractional) to
// exactly dw x dh: an exact area average where it shrinks, bilinear where it
// enlarges, per axis. RGBA8 in and out.
StatusOr<Image> ResampleRect(const ImageView& src, double sx, double sy, double sw, double sh,
                             int dw, int dh);

}  // namespace gemroll::collage_internal

#endif  // GEMROLL_SRC_COLLAGE_COLLAGE_INTERNAL_H_
