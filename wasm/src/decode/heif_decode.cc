// HEIC/HEIF decoding through libheif + libde265. The primary image's own
// rotation and mirroring (irot/imir) are read here and applied at analysis
// scale, like an EXIF orientation, instead of by libheif on the full-size
// image; a thumbnail item large enough for the analysis replaces the full
// decode (a 12 MP iPhone photo costs ~40x less through its thumbnail).
#include <libheif/heif.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "decode/decode_internal.h"
#include "decode/row_downscaler.h"
#include "gemroll/decode.h"

namespace gemroll {
namespace {

// ------------------------------------------------ item properties (irot/imir)
// libheif 1.15 applies irot/imir/clap but does not expose them, so the few
// boxes that say which properties an item has are walked here, bounds-checked.

uint32_t Be16(const uint8_t* p) { return uint32_t{p[0]} << 8 | p[1]; }
uint32_t Be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

struct Box {
  char type[4];
  size_t begin, end;  // payload
};

bool NextBox(const uint8_t* d, size_t* pos, size_t limit, Box* box) {
  if (limit - *pos < 8) return false;
  uint64_t size = Be32(d + *pos);
  size_t header = 8;
  if (size == 1) {
    if (limit - *pos < 16) return false;
    size = uint64_t{Be32(d + *pos + 8)} << 32 | Be32(d + *pos + 12);
    header = 16;
  } else if (size == 0) {
    size = limit - *pos;
  }
  if (size < header || size > limit - *pos) return false;
  std::memcpy(box->type, d + *pos + 4, 4);
  box->begin = *pos + header;
  box->end = *pos + static_cast<size_t>(size);
  *pos = box->end;
  return true;
}

bool Is(const Box& b, const char* t) { return std::memcmp(b.type, t, 4) == 0; }

// 2x2 integer matrices acting on (x, y) with y down: upright = M * stored.
struct Mat {
  int a, b, c, d;
};
Mat Mul(const Mat& m, const Mat& n) {
  return {m.a * n.a + m.b * n.c, m.a * n.b + m.b * n.d, m.c * n.a + m.d * n.c,
          m.c * n.b + m.d * n.d};
}
// EXIF orientations 1..8 as matrices (index 0 unused).
constexpr Mat kOrientation[9] = {{1, 0, 0, 1},   {1, 0, 0, 1},   {-1, 0, 0, 1},
                                 {-1, 0, 0, -1}, {1, 0, 0, -1},  {0, 1, 1, 0},
                                 {0, -1, 1, 0},  {0, -1, -1, 0}, {0, 1, -1, 0}};
int OrientationOf(const Mat& m) {
  for (int o = 1; o <= 8; ++o) {
    const Mat& k = kOrientation[o];
    if (k.a == m.a && k.b == m.b && k.c == m.c && k.d == m.d) return o;
  }
  return 1;
}

struct ItemTransforms {
  bool any = false;   // the item has an irot or imir property (even an identity one)
  bool clap = false;  // a clean-aperture crop, which only libheif applies
  int orientation = 1;
};

// Transform properties of `item`, in the order ipma lists them (the order
// they apply in). Anything malformed reads as "no transforms": libheif, which
// parses the same boxes, then reports the damage.
ItemTransforms ReadItemTransforms(const uint8_t* d, size_t n, uint32_t item) {
  ItemTransforms out;
  size_t pos = 0;
  Box meta{}, b{};
  bool found = false;
  while (NextBox(d, &pos, n, &b)) {
    if (Is(b, "meta")) {
      meta = b;
      found = true;
      break;
    }
  }
  if (!found || meta.end - meta.begin < 4) return out;
  Box iprp{}, ipco{}, ipma{};
  bool has_iprp = false, has_ipco = false, has_ipma = false;
  pos = meta.begin + 4;  // full box
  while (NextBox(d, &pos, meta.end, &b)) {
    if (Is(b, "iprp")) iprp = b, has_iprp = true;
  }
  if (!has_iprp) return out;
  pos = iprp.begin;
  while (NextBox(d, &pos, iprp.end, &b)) {
    if (Is(b, "ipco") && !has_ipco) ipco = b, has_ipco = true;
    if (Is(b, "ipma") && !has_ipma) ipma = b, has_ipma = true;
  }
  if (!has_ipco || !has_ipma || ipma.end - ipma.begin < 8) return out;
  // Property boxes, 1-based as ipma indexes them.
  constexpr int kMaxProperties = 4096;
  std::vector<Box> props;
  pos = ipco.begin;
  while (props.size() < kMaxProperties && NextBox(d, &pos, ipco.end, &b)) props.push_back(b);

  const uint8_t version = d[ipma.begin];
  const bool wide_index = d[ipma.begin + 3] & 1;
  size_t p = ipma.begin + 4;
  const uint32_t entries = Be32(d + p);
  p += 4;
  Mat m{1, 0, 0, 1};
  for (uint32_t e = 0; e < entries; ++e) {
    const size_t id_bytes = version < 1 ? 2 : 4;
    if (ipma.end - p < id_bytes + 1) return ItemTransforms{};
    const uint32_t id = version < 1 ? Be16(d + p) : Be32(d + p);
    p += id_bytes;
    const int count = d[p++];
    const size_t assoc_bytes = wide_index ? 2 : 1;
    if (ipma.end - p < static_cast<size_t>(count) * assoc_bytes) return ItemTransforms{};
    if (id != item) {
      p += static_cast<size_t>(count) * assoc_bytes;
      continue;
    }
    for (int i = 0; i < count; ++i, p += assoc_bytes) {
      const uint32_t index = wide_index ? Be16(d + p) & 0x7FFF : d[p] & 0x7F;
      if (index == 0 || index > props.size()) continue;
      const Box& prop = props[index - 1];
      if (Is(prop, "irot") && prop.end > prop.begin) {
        // Anticlockwise quarter turns, as libheif reads them.
        static constexpr Mat kCcw[4] = {{1, 0, 0, 1}, {0, 1, -1, 0}, {-1, 0, 0, -1}, {0, -1, 1, 0}};
        m = Mul(kCcw[d[prop.begin] & 3], m);
        out.any = true;
      } else if (Is(prop, "imir") && prop.end > prop.begin) {
        // libheif 1.15: axis bit set = left-right flip, clear = top-bottom flip.
        m = Mul((d[prop.begin] & 1) ? kOrientation[2] : kOrientation[4], m);
        out.any = true;
      } else if (Is(prop, "clap")) {
        out.clap = true;
      }
    }
    break;
  }
  out.orientation = OrientationOf(m);
  return out;
}

// ------------------------------------------------------------------ libheif

struct ContextFree {
  void operator()(heif_context* c) const { heif_context_free(c); }
};
struct HandleRelease {
  void operator()(heif_image_handle* h) const { heif_image_handle_release(h); }
};
struct ImageRelease {
  void operator()(heif_image* i) const { heif_image_release(i); }
};
struct OptionsFree {
  void operator()(heif_decoding_options* o) const { heif_decoding_options_free(o); }
};
using Context = std::unique_ptr<heif_context, ContextFree>;
using Handle = std::unique_ptr<heif_image_handle, HandleRelease>;
using HeifImage = std::unique_ptr<heif_image, ImageRelease>;

// Where the item data the file points at runs past its end, libheif says
// "end of data" while parsing, or the HEVC decoder fails on the short
// stream; either way the file was cut short.
Status FromHeifError(const heif_error& e, const char* what, bool cut_short) {
  const std::string msg = std::string("HEIF ") + what + ": " + (e.message ? e.message : "error");
  switch (e.code) {
    case heif_error_Memory_allocation_error:
      if (e.subcode == heif_suberror_Security_limit_exceeded) return TooLarge(msg);
      return Status(StatusCode::kOutOfMemory, msg);
    case heif_error_Unsupported_filetype:
    case heif_error_Unsupported_feature:
      if (cut_short) break;
      return Unsupported(msg);
    default:
      break;
  }
  if (e.subcode == heif_suberror_Security_limit_exceeded) return TooLarge(msg);
  if (e.subcode == heif_suberror_End_of_data || cut_short) {
    return Truncated(msg + " (the file was cut short)");
  }
  return CorruptData(msg);
}

// True when some item's data (iloc extent) would lie beyond the buffer: the
// strongest sign that a decode failure is a truncated file. Parses only iloc.
bool ItemsRunPastEnd(const uint8_t* d, size_t n) {
  size_t pos = 0;
  Box b{}, meta{};
  bool found = false;
  while (pos < n) {
    // A top-level box whose size runs past the end: the file is cut inside it.
    if (!NextBox(d, &pos, n, &b)) return true;
    if (Is(b, "meta")) {
      meta = b;
      found = true;
      break;
    }
  }
  if (!found || meta.end - meta.begin < 4) return false;
  pos = meta.begin + 4;
  Box iloc{};
  bool has_iloc = false;
  while (NextBox(d, &pos, meta.end, &b)) {
    if (Is(b, "iloc")) iloc = b, has_iloc = true;
  }
  if (!has_iloc || iloc.end - iloc.begin < 8) return false;
  size_t p = iloc.begin;
  const int version = d[p];
  p += 4;
  const int offset_size = d[p] >> 4, length_size = d[p] & 15, base_size = d[p + 1] >> 4;
  const int index_size = version >= 1 ? d[p + 1] & 15 : 0;
  p += 2;
  auto read = [&](int bytes, uint64_t* v) {
    if (bytes != 0 && bytes != 4 && bytes != 8) return false;
    if (iloc.end - p < static_cast<size_t>(bytes)) return false;
    *v = 0;
    for (int i = 0; i < bytes; ++i) *v = *v << 8 | d[p + i];
    p += bytes;
    return true;
  };
  uint64_t items = 0;
  if (!read(version < 2 ? 0 : 4, &items)) return false;
  if (version < 2) {
    if (iloc.end - p < 2) return false;
    items = Be16(d + p);
    p += 2;
  }
  for (uint64_t i = 0; i < items; ++i) {
    uint64_t skip, method = 0, base, extents;
    if (!read(version < 2 ? 0 : 4, &skip)) return false;
    if (version < 2) {
      if (iloc.end - p < 2) return false;
      p += 2;  // item id
    }
    if (version >= 1) {
      if (iloc.end - p < 2) return false;
      method = Be16(d + p) & 15;
      p += 2;
    }
    if (iloc.end - p < 2) return false;
    p += 2;  // data reference index
    if (!read(base_size, &base)) return false;
    if (iloc.end - p < 2) return false;
    extents = Be16(d + p);
    p += 2;
    for (uint64_t x = 0; x < extents; ++x) {
      uint64_t index, offset = 0, length = 0;
      if (!read(index_size, &index) || !read(offset_size, &offset) || !read(length_size, &length)) {
        return false;
      }
      if (method == 0 && (base + offset > n || length > n - std::min<uint64_t>(n, base + offset))) {
        return true;
      }
    }
  }
  return false;
}

ColorSpace FromNclx(const heif_color_profile_nclx& nclx) {
  switch (nclx.color_primaries) {
    case heif_color_primaries_ITU_R_BT_709_5:
    case heif_color_primaries_unspecified:
      return ColorSpace::kSrgb;
    case heif_color_primaries_SMPTE_EG_432_1:  // Display P3 (D65)
    case heif_color_primaries_SMPTE_RP_431_2:  // DCI P3
      return ColorSpace::kDisplayP3;
    default:
      return ColorSpace::kOtherIcc;  // e.g. BT.2020 in HDR captures
  }
}

void ReadColor(heif_image_handle* h, bool keep_icc, DecodedImage* out) {
  switch (heif_image_handle_get_color_profile_type(h)) {
    case heif_color_profile_type_prof:
    case heif_color_profile_type_rICC: {
      const size_t size = heif_image_handle_get_raw_color_profile_size(h);
      if (size == 0 || size > (4u << 20)) return;
      std::vector<uint8_t> icc(size);
      if (heif_image_handle_get_raw_color_profile(h, icc.data()).code != heif_error_Ok) return;
      out->icc_present = true;
      out->color_space = ClassifyIccProfile(icc.data(), icc.size(), &out->icc_description);
      if (keep_icc) out->icc_profile = std::move(icc);
      return;
    }
    case heif_color_profile_type_nclx: {
      heif_color_profile_nclx* nclx = nullptr;
      if (heif_image_handle_get_nclx_color_profile(h, &nclx).code != heif_error_Ok) return;
      out->color_space = FromNclx(*nclx);
      heif_nclx_color_profile_free(nclx);
      return;
    }
    default:
      return;
  }
}

struct Thumbnail {
  Handle handle;
  heif_item_id id = 0;
};

// The smallest thumbnail usable for an analysis of at least min_short_side, if
// any: its short side must reach it and its shape match the primary's.
Thumbnail PickThumbnail(heif_image_handle* primary, int upright_w, int upright_h,
                        int min_short_side) {
  Thumbnail best;
  if (min_short_side <= 0) return best;
  heif_item_id ids[8];
  const int n = heif_image_handle_get_list_of_thumbnail_IDs(primary, ids, 8);
  for (int i = 0; i < n; ++i) {
    heif_image_handle* t = nullptr;
    if (heif_image_handle_get_thumbnail(primary, ids[i], &t).code != heif_error_Ok) continue;
    Handle th(t);
    const int w = heif_image_handle_get_width(t), h = heif_image_handle_get_height(t);
    if (std::min(w, h) < min_short_side) continue;
    // Same shape within 2% (which way up is checked by the caller).
    const double a = double(std::max(w, h)) / std::min(w, h);
    const double full = double(std::max(upright_w, upright_h)) / std::min(upright_w, upright_h);
    if (std::abs(a / full - 1) > 0.02) continue;
    if (!best.handle ||
        w * int64_t{h} < heif_image_handle_get_width(best.handle.get()) *
                             int64_t{heif_image_handle_get_height(best.handle.get())}) {
      best.handle = std::move(th);
      best.id = ids[i];
    }
  }
  return best;
}

}  // namespace

StatusOr<DecodedImage> DecodeHeif(const uint8_t* data, size_t size, const DecodeOptions& opt,
                                  int exif_orientation) {
  DecodedImage out;
  out.format = ImageFormat::kHeif;
  Context ctx(heif_context_alloc());
  if (!ctx) return Status(StatusCode::kOutOfMemory, "libheif init failed");
  // libheif's own guard: every image (and grid) side must stay below this.
  constexpr uint64_t kMaxSide = 32768;
  heif_context_set_maximum_image_size_limit(
      ctx.get(), static_cast<int>(std::clamp<uint64_t>(opt.max_pixels, 1, kMaxSide)));
  heif_error e = heif_context_read_from_memory_without_copy(ctx.get(), data, size, nullptr);
  if (e.code != heif_error_Ok) {
    return FromHeifError(e, "container", ItemsRunPastEnd(data, size));
  }
  heif_image_handle* raw = nullptr;
  e = heif_context_get_primary_image_handle(ctx.get(), &raw);
  if (e.code != heif_error_Ok) return FromHeifError(e, "primary image", false);
  Handle primary(raw);
  heif_item_id primary_id = 0;
  if (heif_context_get_primary_image_ID(ctx.get(), &primary_id).code != heif_error_Ok) {
    return CorruptData("HEIF: no primary image");
  }

  // Stored size from ispe, before any transform; checked before decoding.
  out.width = heif_image_handle_get_ispe_width(primary.get());
  out.height = heif_image_handle_get_ispe_height(primary.get());
  if (out.width <= 0 || out.height <= 0) return CorruptData("HEIF: primary image has no size");
  const uint64_t pixels = uint64_t(out.width) * uint64_t(out.height);
  if (pixels > opt.max_pixels) {
    return TooLarge("HEIF is " + std::to_string(out.width) + "x" + std::to_string(out.height) +
                    ", over the " + std::to_string(opt.max_pixels / 1000000) + " MP limit");
  }
  // Grids are allocated at the grid's declared size: keep it to the ispe's.
  heif_context_set_maximum_image_size_limit(
      ctx.get(),
      static_cast<int>(std::min<uint64_t>(std::max(out.width, out.height) + 1, kMaxSide)));
  out.has_alpha = heif_image_handle_has_alpha_channel(primary.get());
  out.channels = out.has_alpha ? 4 : 3;
  out.bit_depth = std::max(8, heif_image_handle_get_luma_bits_per_pixel(primary.get()));
  ReadColor(primary.get(), opt.keep_icc_profile, &out);

  // HEIF's own transforms are authoritative and EXIF orientation is ignored
  // (ISO/IEC 23008-12); but writers that set no irot/imir at all (e.g. iOS 11
  // third-party camera apps) rely on the EXIF value, so it applies then.
  const ItemTransforms tf = ReadItemTransforms(data, size, primary_id);
  const int orientation = tf.any ? tf.orientation : std::clamp(exif_orientation, 1, 8);
  const bool swap = orientation >= 5;
  out.upright_width = swap ? out.height : out.width;
  out.upright_height = swap ? out.width : out.height;
  // A clean-aperture crop is left to libheif, which then also rotates.
  const bool libheif_transforms = tf.clap;
  if (libheif_transforms) {
    out.upright_width = heif_image_handle_get_width(primary.get());
    out.upright_height = heif_image_handle_get_height(primary.get());
  }

  Thumbnail thumb;
  if (!libheif_transforms) {
    thumb = PickThumbnail(
        primary.get(), out.upright_width, out.upright_height,
        opt.thumbnail_only ? 1 : ShortSideWanted(opt, out.upright_width, out.upright_height));
  }
  heif_image_handle* source = primary.get();
  int source_orientation = orientation;
  if (thumb.handle) {
    // The thumbnail item has its own transforms (iPhones rotate it too).
    const ItemTransforms ttf = ReadItemTransforms(data, size, thumb.id);
    const int to = ttf.any ? ttf.orientation : orientation;
    const int tw = heif_image_handle_get_ispe_width(thumb.handle.get());
    const int th = heif_image_handle_get_ispe_height(thumb.handle.get());
    const int uw = to >= 5 ? th : tw, uh = to >= 5 ? tw : th;
    // Use it only if, turned its own way, it comes out the primary's way up.
    if (!ttf.clap && (uw >= uh) == (out.upright_width >= out.upright_height)) {
      source = thumb.handle.get();
      source_orientation = to;
      out.from_thumbnail = true;
    }
  }
  if (opt.thumbnail_only && !out.from_thumbnail) {
    return Status(StatusCode::kUnsupported, "HEIF: no usable thumbnail item");
  }

  std::unique_ptr<heif_decoding_options, OptionsFree> options(heif_decoding_options_alloc());
  if (!options) return Status(StatusCode::kOutOfMemory, "libheif init failed");
  options->ignore_transformations = libheif_transforms ? 0 : 1;
  options->convert_hdr_to_8bit = 1;
  heif_image* decoded_raw = nullptr;
  e = heif_decode_image(source, &decoded_raw, heif_colorspace_RGB, heif_chroma_interleaved_RGBA,
                        options.get());
  if (e.code != heif_error_Ok) {
    return FromHeifError(e, out.from_thumbnail ? "thumbnail" : "image",
                         ItemsRunPastEnd(data, size));
  }
  HeifImage decoded(decoded_raw);
  const int w = heif_image_get_width(decoded.get(), heif_channel_interleaved);
  const int h = heif_image_get_height(decoded.get(), heif_channel_interleaved);
  int stride = 0;
  const uint8_t* plane =
      heif_image_get_plane_readonly(decoded.get(), heif_channel_interleaved, &stride);
  if (!plane || w <= 0 || h <= 0 || stride < w * 4) {
    return CorruptData("HEIF: decoder returned no RGBA image");
  }
  if (!out.from_thumbnail && !libheif_transforms && (w != out.width || h != out.height)) {
    // The coded image disagrees with its ispe box; the pixels win.
    out.warnings.push_back("HEIF: decoded size " + std::to_string(w) + "x" + std::to_string(h) +
                           " differs from the declared " + std::to_string(out.width) + "x" +
                           std::to_string(out.height));
    out.width = w;
    out.height = h;
    out.upright_width = source_orientation >= 5 ? h : w;
    out.upright_height = source_orientation >= 5 ? w : h;
  }
  const int factor = opt.thumbnail_only ? 1 : BoxFactor(w, h, ShortSideWanted(opt, w, h));
  GEMROLL_ASSIGN_OR_RETURN(RowDownscaler scaler, RowDownscaler::Create(w, h, factor));
  for (int y = 0; y < h; ++y) scaler.AddRow(plane + static_cast<size_t>(y) * stride);
  decoded.reset();
  out.image = scaler.Take();
  // How much smaller than the full image the analysis image is (rounded).
  const int full_short = std::min(out.upright_width, out.upright_height);
  const int analysis_short = std::min(out.image.width(), out.image.height());
  out.scale_denom = std::max(1, (full_short + analysis_short / 2) / analysis_short);
  // Turned upright at analysis scale (Decode() leaves HEIF images alone).
  if (!libheif_transforms && source_orientation >= 2) {
    GEMROLL_ASSIGN_OR_RETURN(out.image, ApplyOrientation(out.image.View(), source_orientation));
  }
  out.orientation = orientation;
  return out;
}

}  // namespace gemroll
