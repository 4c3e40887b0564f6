// Locates the EXIF block inside JPEG, PNG, TIFF, ISOBMFF (HEIC/AVIF) and WebP
// files. Formats are recognised by their leading bytes only: photo libraries
// are full of files whose extension lies.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "gemroll/exif.h"

namespace gemroll {
namespace {

uint32_t Be16(const uint8_t* p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t Be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
uint32_t Le32(const uint8_t* p) {
  return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}
bool StartsWith(const uint8_t* p, size_t n, std::string_view s) {
  return n >= s.size() && std::memcmp(p, s.data(), s.size()) == 0;
}
bool IsTiffHeader(const uint8_t* p, size_t n) {
  return StartsWith(p, n, std::string_view("II*\0", 4)) ||
         StartsWith(p, n, std::string_view("MM\0*", 4));
}

// Parses one EXIF block found in a container. Many writers keep the JPEG
// "Exif\0\0" preamble even where the container does not need it.
Status ParseBlock(const uint8_t* p, size_t n, uint64_t file_offset, const char* where,
                  ExifData* out) {
  if (!IsTiffHeader(p, n) && StartsWith(p, n, std::string_view("Exif\0", 5)) && n >= 6) {
    constexpr size_t kPreamble = 6;
    p += kPreamble;
    n -= kPreamble;
    file_offset += kPreamble;
  }
  Status s = ParseExifTiff(p, n, file_offset, out);
  if (!s.ok()) return Status(s.code(), std::string(where) + ": " + s.message());
  return s;
}

// JPEG: walk marker segments until the image data starts. EXIF lives in the
// first APP1 segment whose payload starts with "Exif\0".
Status ReadJpeg(const uint8_t* d, size_t n, ExifData* out) {
  size_t pos = 2;
  while (pos + 4 <= n) {
    if (d[pos] != 0xFF) {
      out->warnings.push_back("JPEG marker expected, metadata search stopped");
      break;
    }
    uint8_t marker = d[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    pos += 2;
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
    if (marker == 0xD9 || marker == 0xDA) break;  // EOI or start of scan
    size_t len = Be16(d + pos);
    if (len < 2) {
      out->warnings.push_back("JPEG segment length invalid");
      break;
    }
    size_t payload = pos + 2, want = len - 2, have = std::min(want, n - payload);
    if (marker == 0xE1 && StartsWith(d + payload, have, std::string_view("Exif\0", 5)) &&
        have >= 6) {
      if (have < want) out->warnings.push_back("EXIF segment truncated");
      return ParseBlock(d + payload + 6, have - 6, payload + 6, "JPEG APP1 EXIF", out);
    }
    pos += len;
  }
  return Status::Ok();
}

// Decodes an ImageMagick/exiv2 "Raw profile type exif" text: "\nexif\n
// <length>\n<hex digits with newlines>". The output is at most half the
// input, so its size is bounded by the file, not by the stated length.
std::vector<uint8_t> DecodeRawProfile(std::string_view t) {
  std::vector<uint8_t> bytes;
  size_t i = 0;
  while (i < t.size() && t[i] == '\n') ++i;
  while (i < t.size() && t[i] != '\n') ++i;  // profile name
  uint64_t length = 0;
  while (i < t.size() && (t[i] == '\n' || t[i] == ' ')) ++i;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9' && length < (1u << 30))
    length = length * 10 + (t[i++] - '0');
  auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int hi = -1;
  for (; i < t.size() && bytes.size() < length; ++i) {
    int v = hex(t[i]);
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else {
      bytes.push_back(uint8_t(hi << 4 | v));
      hi = -1;
    }
  }
  return bytes;
}

// PNG: the eXIf chunk (PNG 1.5+), or the older text-chunk hex dump.
Status ReadPng(const uint8_t* d, size_t n, ExifData* out) {
  size_t pos = 8;
  std::vector<uint8_t> raw_profile;
  while (pos + 8 <= n) {
    size_t len = Be32(d + pos);
    std::string_view type(reinterpret_cast<const char*>(d + pos + 4), 4);
    size_t data = pos + 8, have = std::min(len, n - data);
    if (type == "eXIf") {
      if (have < len) out->warnings.push_back("PNG eXIf chunk truncated");
      return ParseBlock(d + data, have, data, "PNG eXIf", out);
    }
    if (type == "IEND") break;
    std::string_view text(reinterpret_cast<const char*>(d + data), have);
    bool is_profile =
        text.rfind("Raw profile type exif", 0) == 0 || text.rfind("Raw profile type APP1", 0) == 0;
    if (is_profile && raw_profile.empty()) {
      // Keyword NUL, then for iTXt: compression flag, method, language NUL,
      // translated keyword NUL.
      size_t k = text.find('\0');
      if (k == std::string_view::npos) {
        // keyword without text: nothing to decode
      } else if (type == "tEXt") {
        raw_profile = DecodeRawProfile(text.substr(k + 1));
      } else if (type == "iTXt" && k + 2 < text.size() && text[k + 1] == 0) {
        size_t lang = text.find('\0', k + 3);
        size_t tr = lang == std::string_view::npos ? lang : text.find('\0', lang + 1);
        if (tr != std::string_view::npos) raw_profile = DecodeRawProfile(text.substr(tr + 1));
      } else {
        out->warnings.push_back("compressed PNG raw EXIF profile not supported");
      }
    }
    if (len > n - data || n - data - len < 4) break;  // chunk or its CRC runs off the end
    pos = data + len + 4;
  }
  if (!raw_profile.empty()) {
    // Offsets into the decoded copy do not map to the file: drop the thumbnail.
    Status s = ParseBlock(raw_profile.data(), raw_profile.size(), 0, "PNG raw profile", out);
    out->thumbnail_offset = out->thumbnail_length = 0;
    return s;
  }
  return Status::Ok();
}

// WebP: RIFF chunks, EXIF in an "EXIF" chunk of the extended format.
Status ReadWebp(const uint8_t* d, size_t n, ExifData* out) {
  size_t pos = 12;
  while (pos + 8 <= n) {
    size_t len = Le32(d + pos + 4);
    size_t data = pos + 8, have = std::min(len, n - data);
    if (std::memcmp(d + pos, "EXIF", 4) == 0) {
      if (have < len) out->warnings.push_back("WebP EXIF chunk truncated");
      return ParseBlock(d + data, have, data, "WebP EXIF", out);
    }
    if (len > n - data) break;
    pos = data + len + (len & 1);  // chunks are padded to even size
  }
  return Status::Ok();
}

// ISOBMFF box header; payload is [begin, end) in file coordinates.
struct Box {
  char type[4];
  size_t begin = 0, end = 0;
};

// Reads the box at *pos within [*pos, limit); false at the end or on a
// malformed size. size 0 means "to the end of the enclosing box".
bool NextBox(const uint8_t* d, size_t* pos, size_t limit, Box* box) {
  size_t p = *pos;
  if (p >= limit || limit - p < 8) return false;
  uint64_t size = Be32(d + p);
  std::memcpy(box->type, d + p + 4, 4);
  size_t header = 8;
  if (size == 1) {
    if (limit - p < 16) return false;
    size = uint64_t(Be32(d + p + 8)) << 32 | Be32(d + p + 12);
    header = 16;
  } else if (size == 0) {
    size = limit - p;
  }
  if (size < header || size > limit - p) return false;
  box->begin = p + header;
  box->end = p + size;
  *pos = box->end;
  return true;
}

bool Is(const Box& b, const char* t) { return std::memcmp(b.type, t, 4) == 0; }

// Big-endian field of 0, 4 or 8 bytes, as iloc uses.
bool ReadSized(const uint8_t* d, size_t* pos, size_t end, int bytes, uint64_t* v) {
  if (end - *pos < size_t(bytes)) return false;
  if (bytes == 0) *v = 0;
  if (bytes == 2) *v = Be16(d + *pos);
  if (bytes == 4) *v = Be32(d + *pos);
  if (bytes == 8) *v = uint64_t(Be32(d + *pos)) << 32 | Be32(d + *pos + 4);
  *pos += bytes;
  return true;
}

// Item id of the first infe entry of type 'Exif', 0 if none.
uint32_t FindExifItem(const uint8_t* d, const Box& iinf) {
  size_t p = iinf.begin;
  if (iinf.end - p < 4) return 0;
  p += d[p] == 0 ? 6 : 8;  // version/flags + entry_count (16 or 32 bit)
  Box infe;
  while (p <= iinf.end && NextBox(d, &p, iinf.end, &infe)) {
    if (!Is(infe, "infe") || infe.end - infe.begin < 12) continue;
    uint8_t version = d[infe.begin];
    if (version < 2) continue;  // v0/v1 entries have no item_type
    size_t q = infe.begin + 4;
    uint32_t id = version == 2 ? Be16(d + q) : Be32(d + q);
    q += (version == 2 ? 2 : 4) + 2;  // item_ID, item_protection_index
    if (q + 4 <= infe.end && std::memcmp(d + q, "Exif", 4) == 0) return id;
  }
  return 0;
}

bool Fail(std::string* err, const char* message) {
  *err = message;
  return false;
}

struct Extent {
  uint64_t offset = 0, length = 0;
};

// Finds the extents of `item` in iloc. Extents of other items are skipped
// arithmetically so a hostile extent_count costs no loop iterations.
bool FindExtents(const uint8_t* d, const Box& iloc, uint32_t item, size_t idat_begin,
                 size_t file_size, std::vector<Extent>* extents, std::string* err) {
  size_t p = iloc.begin, end = iloc.end;
  if (end - p < 8) return false;
  int version = d[p];
  p += 4;
  int offset_size = d[p] >> 4, length_size = d[p] & 15, base_size = d[p + 1] >> 4;
  int index_size = version >= 1 ? d[p + 1] & 15 : 0;
  p += 2;
  for (int s : {offset_size, length_size, base_size, index_size}) {
    if (s != 0 && s != 4 && s != 8) return Fail(err, "iloc field size invalid");
  }
  uint64_t item_count;
  if (!ReadSized(d, &p, end, version < 2 ? 2 : 4, &item_count)) return false;
  for (uint64_t i = 0; i < item_count; ++i) {
    uint64_t id, method = 0, dref, base, extent_count;
    if (!ReadSized(d, &p, end, version < 2 ? 2 : 4, &id)) return false;
    if (version >= 1 && !ReadSized(d, &p, end, 2, &method)) return false;
    if (!ReadSized(d, &p, end, 2, &dref) || !ReadSized(d, &p, end, base_size, &base) ||
        !ReadSized(d, &p, end, 2, &extent_count)) {
      return false;
    }
    size_t extent_bytes = size_t(index_size + offset_size + length_size);
    if (id != item) {
      if (extent_count * extent_bytes > end - p) return false;
      p += extent_count * extent_bytes;
      continue;
    }
    method &= 15;
    if (method > 1) return Fail(err, "Exif item stored by reference not supported");
    if (dref != 0) return Fail(err, "Exif item in an external file");
    uint64_t origin = method == 1 ? idat_begin : 0;
    for (uint64_t e = 0; e < extent_count && e < 64; ++e) {
      uint64_t index, offset, length;
      if (!ReadSized(d, &p, end, index_size, &index) ||
          !ReadSized(d, &p, end, offset_size, &offset) ||
          !ReadSized(d, &p, end, length_size, &length)) {
        return false;
      }
      // Overflow-safe: each term is checked against the file size first.
      if (origin > file_size || base > file_size || offset > file_size)
        return Fail(err, "Exif extent out of range");
      uint64_t start = origin + base + offset;
      if (start > file_size) return Fail(err, "Exif extent out of range");
      if (length == 0 || length > file_size - start) {
        if (length != 0) return Fail(err, "Exif extent out of range");
        length = file_size - start;  // 0 means "to the end of the file"
      }
      extents->push_back({start, length});
    }
    return !extents->empty();
  }
  return false;
}

// HEIF/HEIC/AVIF: meta → iinf finds the 'Exif' item, iloc says where its
// bytes are. The item starts with a 4-byte offset to the TIFF header.
Status ReadIsobmff(const uint8_t* d, size_t n, ExifData* out) {
  size_t pos = 0;
  Box top, meta;
  bool found = false;
  while (NextBox(d, &pos, n, &top)) {
    if (Is(top, "meta")) {
      meta = top;
      found = true;
      break;
    }
  }
  if (!found || meta.end - meta.begin < 4) return Status::Ok();
  Box iinf, iloc, idat, b;
  bool has_iinf = false, has_iloc = false;
  size_t idat_begin = 0;
  pos = meta.begin + 4;  // full box
  while (NextBox(d, &pos, meta.end, &b)) {
    if (Is(b, "iinf")) iinf = b, has_iinf = true;
    if (Is(b, "iloc")) iloc = b, has_iloc = true;
    if (Is(b, "idat")) idat = b, idat_begin = b.begin;
  }
  if (!has_iinf || !has_iloc) return Status::Ok();
  uint32_t item = FindExifItem(d, iinf);
  if (item == 0) return Status::Ok();
  std::vector<Extent> extents;
  std::string err;
  if (!FindExtents(d, iloc, item, idat_begin, n, &extents, &err)) {
    return CorruptData("HEIF Exif item: " +
                       (err.empty() ? std::string("iloc entry missing or truncated") : err));
  }
  const uint8_t* payload = d + extents[0].offset;
  size_t size = extents[0].length;
  uint64_t file_offset = extents[0].offset;
  std::vector<uint8_t> joined;
  if (extents.size() > 1) {
    // Rare; the copy is bounded because each extent lies inside the file and
    // there are at most 64 of them, capped in total at the file size.
    for (const Extent& e : extents) {
      if (e.length > n - joined.size()) break;
      joined.insert(joined.end(), d + e.offset, d + e.offset + e.length);
    }
    payload = joined.data();
    size = joined.size();
  }
  if (size < 4) return CorruptData("HEIF Exif item too short");
  uint64_t skip = uint64_t(Be32(payload)) + 4;
  if (skip > size) return CorruptData("HEIF Exif header offset out of range");
  if (!IsTiffHeader(payload + skip, size - skip) &&
      StartsWith(payload + 4, size - 4, std::string_view("Exif\0\0", 6))) {
    skip = 10;  // some writers count the offset from after the "Exif\0\0"
  }
  Status s = ParseBlock(payload + skip, size - skip, file_offset + skip, "HEIF Exif", out);
  if (extents.size() > 1) out->thumbnail_offset = out->thumbnail_length = 0;
  return s;
}

}  // namespace

StatusOr<ExifData> ReadMetadata(const uint8_t* data, size_t size) {
  if (data == nullptr && size != 0) return InvalidArgument("ReadMetadata: null data");
  ExifData out;
  Status s;
  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
    s = ReadJpeg(data, size, &out);
  } else if (StartsWith(data, size, "\x89PNG\r\n\x1a\n")) {
    s = ReadPng(data, size, &out);
  } else if (IsTiffHeader(data, size)) {
    s = ParseBlock(data, size, 0, "TIFF", &out);
  } else if (size >= 12 && std::memcmp(data + 4, "ftyp", 4) == 0) {
    s = ReadIsobmff(data, size, &out);
  } else if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 &&
             std::memcmp(data + 8, "WEBP", 4) == 0) {
    s = ReadWebp(data, size, &out);
  }
  if (!s.ok()) return s;
  return out;
}

}  // namespace gemroll
