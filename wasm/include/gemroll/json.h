// A minimal streaming JSON writer for the CLI and the tests. The core's result
// structs know how to describe themselves through it, so the native CLI, the
// wasm build and the JS package emit the same field names.
#ifndef GEMROLL_JSON_H_
#define GEMROLL_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gemroll {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view s);  // invalid UTF-8 is replaced by U+FFFD
  JsonWriter& Number(double v);            // NaN/Inf are written as null
  JsonWriter& Int(int64_t v);
  JsonWriter& Uint(uint64_t v);
  JsonWriter& Bool(bool b);
  JsonWriter& Null();
  // Writes a 64-bit hash as a 16-digit lowercase hex string (JS numbers lose bits).
  JsonWriter& Hex64(uint64_t v);

  // Convenience: Key(k) followed by a value.
  template <typename T>
  JsonWriter& Field(std::string_view k, const T& v);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separator();
  std::string out_;
  std::vector<bool> first_;  // per nesting level: no element written yet
  bool after_key_ = false;
};

template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const std::string& v) {
  return Key(k).String(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const bool& v) {
  return Key(k).Bool(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const int& v) {
  return Key(k).Int(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const unsigned& v) {
  return Key(k).Uint(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const int64_t& v) {
  return Key(k).Int(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const uint64_t& v) {
  return Key(k).Uint(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const float& v) {
  return Key(k).Number(v);
}
template <>
inline JsonWriter& JsonWriter::Field(std::string_view k, const double& v) {
  return Key(k).Number(v);
}

}  // namespace gemroll

#endif  // GEMROLL_JSON_H_
