// EditParams: commit (validate + clamp) and the JSON form
// {"version":1,"ops":[{"op":..., "version":..., "params":{...}}]}, one op per
// module as darktable stores a history stack. The parser is a small bounded
// recursive-descent reader: the JSON may come from storage or a URL.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "edit/edit_internal.h"
#include "gemroll/edit.h"

namespace gemroll {
namespace {

constexpr const char* kLookNames[kNumLooks] = {"none",  "bw",    "film",    "warm",  "cool",
                                               "vivid", "faded", "cartoon", "sketch"};

// Smallest crop side, relative: keeps every output at least one pixel and
// the inverse mapping well conditioned.
constexpr float kMinCropSide = 0.01f;
constexpr size_t kMaxJsonBytes = 1 << 20;
constexpr int kMaxJsonDepth = 16;

// ------------------------------------------------------------------ parsing
struct JsonValue {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  double number = 0;
  bool boolean = false;
  std::string string;
  std::vector<std::string> keys;  // kObject: keys[i] names items[i]
  std::vector<JsonValue> items;   // kArray elements or kObject values

  const JsonValue* Get(std::string_view key) const {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &items[i];
    return nullptr;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  Status ParseDocument(JsonValue* v) {
    GEMROLL_RETURN_IF_ERROR(Parse(v, 0));
    SkipSpace();
    if (pos_ != s_.size()) return Error("trailing characters");
    return Status::Ok();
  }

 private:
  Status Error(const char* what) const {
    return InvalidArgument(std::string("edit JSON: ") + what + " at offset " +
                           std::to_string(pos_));
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
      ++pos_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view lit) {
    if (s_.substr(pos_, lit.size()) != lit) return false;
    pos_ += lit.size();
    return true;
  }

  Status Parse(JsonValue* v, int depth) {
    if (depth > kMaxJsonDepth) return Error("nested too deeply");
    SkipSpace();
    if (pos_ >= s_.size()) return Error("unexpected end");
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v->type = JsonValue::kObject;
      if (Consume('}')) return Status::Ok();
      do {
        SkipSpace();
        std::string key;
        GEMROLL_RETURN_IF_ERROR(ParseString(&key));
        if (!Consume(':')) return Error("expected ':'");
        v->keys.push_back(std::move(key));
        v->items.emplace_back();
        GEMROLL_RETURN_IF_ERROR(Parse(&v->items.back(), depth + 1));
      } while (Consume(','));
      if (!Consume('}')) return Error("expected '}'");
      return Status::Ok();
    }
    if (c == '[') {
      ++pos_;
      v->type = JsonValue::kArray;
      if (Consume(']')) return Status::Ok();
      do {
        v->items.emplace_back();
        GEMROLL_RETURN_IF_ERROR(Parse(&v->items.back(), depth + 1));
      } while (Consume(','));
      if (!Consume(']')) return Error("expected ']'");
      return Status::Ok();
    }
    if (c == '"') {
      v->type = JsonValue::kString;
      return ParseString(&v->string);
    }
    if (Literal("true") || Literal("false")) {
      v->type = JsonValue::kBool;
      v->boolean = c == 't';
      return Status::Ok();
    }
    if (Literal("null")) return Status::Ok();
    return ParseNumber(v);
  }

  Status ParseNumber(JsonValue* v) {
    const size_t start = pos_;
    while (pos_ < s_.size() && std::strchr("+-.eE0123456789", s_[pos_]) != nullptr) ++pos_;
    if (pos_ == start || pos_ - start > 64) return Error("expected a value");
    const std::string text(s_.substr(start, pos_ - start));
    char* end = nullptr;
    v->number = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return Error("malformed number");
    v->type = JsonValue::kNumber;
    return Status::Ok();
  }

  // Plain ASCII keys and names are all the edit format uses: escapes other
  // than \" \\ \/ are rejected rather than decoded.
  Status ParseString(std::string* out) {
    if (pos_ >= s_.size() || s_[pos_] != '"') return Error("expected a string");
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char ch = s_[pos_++];
      if (ch == '\\') {
        if (pos_ >= s_.size()) break;
        ch = s_[pos_++];
        if (ch != '"' && ch != '\\' && ch != '/') return Error("unsupported string escape");
      }
      out->push_back(ch);
    }
    if (pos_ >= s_.size()) return Error("unterminated string");
    ++pos_;
    return Status::Ok();
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// Reads params[key] into *out when present; a non-number is an error.
Status ReadNumber(const JsonValue& params, const char* key, float* out) {
  const JsonValue* v = params.Get(key);
  if (v == nullptr || v->type == JsonValue::kNull) return Status::Ok();
  if (v->type != JsonValue::kNumber) {
    return InvalidArgument(std::string("edit JSON: ") + key + " is not a number");
  }
  *out = static_cast<float>(v->number);
  return Status::Ok();
}

// ------------------------------------------------------------------ writing
void Op(JsonWriter& w, const char* name, int version) {
  w.BeginObject().Field("op", std::string(name)).Field("version", version).Key("params");
  w.BeginObject();
}
void EndOp(JsonWriter& w) { w.EndObject().EndObject(); }

float Clamp(float v, float lo, float hi) { return std::min(hi, std::max(lo, v)); }

}  // namespace

const char* LookName(Look l) {
  const int i = static_cast<int>(l);
  return i >= 0 && i < kNumLooks ? kLookNames[i] : "none";
}

bool LookFromName(std::string_view name, Look* out) {
  for (int i = 0; i < kNumLooks; ++i) {
    if (name == kLookNames[i]) {
      *out = static_cast<Look>(i);
      return true;
    }
  }
  return false;
}

StatusOr<EditParams> CommitEdit(const EditParams& in) {
  if (in.version < 1) return InvalidArgument("edit params: version must be >= 1");
  if (in.version > kEditParamsVersion) {
    return Unsupported("edit params version " + std::to_string(in.version) +
                       " is newer than this build (" + std::to_string(kEditParamsVersion) + ")");
  }
  if (static_cast<int>(in.look) >= kNumLooks) return InvalidArgument("edit params: unknown look");
  const float fields[] = {in.exposure_ev, in.temperature,    in.tint,           in.black_point,
                          in.white_point, in.contrast,       in.shadows,        in.highlights,
                          in.vibrance,    in.saturation,     in.local_contrast, in.denoise,
                          in.sharpen,     in.straighten_deg, in.crop.x,         in.crop.y,
                          in.crop.w,      in.crop.h,         in.look_strength};
  for (float f : fields) {
    if (!std::isfinite(f)) return InvalidArgument("edit params: a value is NaN or infinite");
  }
  EditParams p = in;
  p.version = kEditParamsVersion;  // older versions upgrade here (none yet differ)
  p.exposure_ev = Clamp(p.exposure_ev, -4, 4);
  p.temperature = Clamp(p.temperature, -100, 100);
  p.tint = Clamp(p.tint, -100, 100);
  p.black_point = Clamp(p.black_point, 0, 0.5f);
  p.white_point = Clamp(p.white_point, 0.5f, 1);
  p.contrast = Clamp(p.contrast, -1, 1);
  p.shadows = Clamp(p.shadows, -1, 1);
  p.highlights = Clamp(p.highlights, -1, 1);
  p.vibrance = Clamp(p.vibrance, -1, 1);
  p.saturation = Clamp(p.saturation, -1, 1);
  p.local_contrast = Clamp(p.local_contrast, 0, 1);
  p.denoise = Clamp(p.denoise, 0, 1);
  p.sharpen = Clamp(p.sharpen, 0, 1);
  p.straighten_deg = Clamp(p.straighten_deg, -45, 45);
  p.crop.x = Clamp(p.crop.x, 0, 1 - kMinCropSide);
  p.crop.y = Clamp(p.crop.y, 0, 1 - kMinCropSide);
  p.crop.w = Clamp(p.crop.w, kMinCropSide, 1 - p.crop.x);
  p.crop.h = Clamp(p.crop.h, kMinCropSide, 1 - p.crop.y);
  p.look_strength = Clamp(p.look_strength, 0, 1);
  return p;
}

void EditParams::WriteJson(JsonWriter& w) const {
  const EditParams d;
  w.BeginObject().Field("version", version).Key("ops").BeginArray();
  // Listed in the order ApplyEdit runs them.
  if (straighten_deg != d.straighten_deg) {
    Op(w, "straighten", 1);
    w.Field("angleDeg", straighten_deg);
    EndOp(w);
  }
  if (crop.x != d.crop.x || crop.y != d.crop.y || crop.w != d.crop.w || crop.h != d.crop.h) {
    Op(w, "crop", 1);
    w.Field("x", crop.x).Field("y", crop.y).Field("w", crop.w).Field("h", crop.h);
    EndOp(w);
  }
  if (denoise != d.denoise) {
    Op(w, "denoise", 1);
    w.Field("amount", denoise);
    EndOp(w);
  }
  if (exposure_ev != d.exposure_ev) {
    Op(w, "exposure", 1);
    w.Field("ev", exposure_ev);
    EndOp(w);
  }
  if (temperature != d.temperature || tint != d.tint) {
    Op(w, "whiteBalance", 1);
    w.Field("temperature", temperature).Field("tint", tint);
    EndOp(w);
  }
  if (shadows != d.shadows || highlights != d.highlights) {
    Op(w, "shadowsHighlights", 1);
    w.Field("shadows", shadows).Field("highlights", highlights);
    EndOp(w);
  }
  if (black_point != d.black_point || white_point != d.white_point || contrast != d.contrast) {
    Op(w, "toneCurve", 1);
    w.Field("blackPoint", black_point).Field("whitePoint", white_point);
    w.Field("contrast", contrast);
    EndOp(w);
  }
  if (local_contrast != d.local_contrast) {
    Op(w, "localContrast", 1);
    w.Field("amount", local_contrast);
    EndOp(w);
  }
  if (vibrance != d.vibrance || saturation != d.saturation) {
    Op(w, "color", 1);
    w.Field("vibrance", vibrance).Field("saturation", saturation);
    EndOp(w);
  }
  if (look != d.look) {
    Op(w, "look", 1);
    w.Field("name", std::string(LookName(look))).Field("strength", look_strength);
    EndOp(w);
  }
  if (sharpen != d.sharpen) {
    Op(w, "sharpen", 1);
    w.Field("amount", sharpen);
    EndOp(w);
  }
  w.EndArray().EndObject();
}

std::string EditParams::ToJson() const {
  JsonWriter w;
  WriteJson(w);
  return w.Take();
}

StatusOr<EditParams> ParseEditParams(std::string_view json) {
  if (json.size() > kMaxJsonBytes) return TooLarge("edit JSON over 1 MiB");
  JsonValue doc;
  GEMROLL_RETURN_IF_ERROR(JsonReader(json).ParseDocument(&doc));
  if (doc.type != JsonValue::kObject) return InvalidArgument("edit JSON: not an object");
  EditParams p;
  const JsonValue* version = doc.Get("version");
  if (version == nullptr || version->type != JsonValue::kNumber ||
      version->number != std::floor(version->number) || version->number < 1 ||
      version->number > 1e6) {
    return InvalidArgument("edit JSON: missing or bad version");
  }
  p.version = static_cast<int>(version->number);
  if (p.version > kEditParamsVersion) return CommitEdit(p);  // reports kUnsupported
  const JsonValue* ops = doc.Get("ops");
  if (ops == nullptr) return CommitEdit(p);
  if (ops->type != JsonValue::kArray) return InvalidArgument("edit JSON: ops is not an array");
  for (const JsonValue& op : ops->items) {
    if (op.type != JsonValue::kObject) return InvalidArgument("edit JSON: op is not an object");
    const JsonValue* name = op.Get("op");
    if (name == nullptr || name->type != JsonValue::kString) {
      return InvalidArgument("edit JSON: op without a name");
    }
    const JsonValue* op_version = op.Get("version");
    if (op_version != nullptr &&
        (op_version->type != JsonValue::kNumber || op_version->number > 1)) {
      return Unsupported("edit JSON: op " + name->string + " has a newer version");
    }
    static const JsonValue kEmpty = [] {
      JsonValue v;
      v.type = JsonValue::kObject;
      return v;
    }();
    const JsonValue* params = op.Get("params");
    if (params == nullptr) params = &kEmpty;
    if (params->type != JsonValue::kObject) {
      return InvalidArgument("edit JSON: params of " + name->string + " is not an object");
    }
    const std::string& n = name->string;
    if (n == "straighten") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "angleDeg", &p.straighten_deg));
    } else if (n == "crop") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "x", &p.crop.x));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "y", &p.crop.y));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "w", &p.crop.w));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "h", &p.crop.h));
    } else if (n == "denoise") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "amount", &p.denoise));
    } else if (n == "exposure") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "ev", &p.exposure_ev));
    } else if (n == "whiteBalance") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "temperature", &p.temperature));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "tint", &p.tint));
    } else if (n == "shadowsHighlights") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "shadows", &p.shadows));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "highlights", &p.highlights));
    } else if (n == "toneCurve") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "blackPoint", &p.black_point));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "whitePoint", &p.white_point));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "contrast", &p.contrast));
    } else if (n == "localContrast") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "amount", &p.local_contrast));
    } else if (n == "color") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "vibrance", &p.vibrance));
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "saturation", &p.saturation));
    } else if (n == "look") {
      const JsonValue* look = params->Get("name");
      if (look == nullptr || look->type != JsonValue::kString ||
          !LookFromName(look->string, &p.look)) {
        return InvalidArgument("edit JSON: unknown look");
      }
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "strength", &p.look_strength));
    } else if (n == "sharpen") {
      GEMROLL_RETURN_IF_ERROR(ReadNumber(*params, "amount", &p.sharpen));
    }
    // Unknown ops are ignored: a newer app's extra module degrades gracefully.
  }
  return CommitEdit(p);
}

void EditOutputSize(const EditParams& p, int width, int height, int* out_width, int* out_height) {
  const double scale = edit_internal::StraightenScale(width, height, p.straighten_deg);
  *out_width = std::max(1, static_cast<int>(std::lround(p.crop.w * scale * width)));
  *out_height = std::max(1, static_cast<int>(std::lround(p.crop.h * scale * height)));
  *out_width = std::min(*out_width, width);
  *out_height = std::min(*out_height, height);
}

}  // namespace gemroll
