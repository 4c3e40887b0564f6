// Error reporting for the core: every fallible stage returns a Status or a
// StatusOr<T>; the core never throws, so the same code runs in wasm builds
// without exception support and errors cross the Embind boundary as values.
#ifndef GEMROLL_STATUS_H_
#define GEMROLL_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace gemroll {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable
  kCorruptData,      // bytes claim a known format but cannot be parsed
  kTruncated,        // bytes end before the format says they should
  kUnsupported,      // a format or feature the core does not decode
  kUnknownFormat,    // bytes are not any image format we recognise
  kEmpty,            // zero bytes
  kTooLarge,         // over a configured pixel or byte limit
  kOutOfMemory,
  kCancelled,
  kIo,  // file could not be read (CLI and tests only)
};

// Stable lowercase name used in JSON ("corrupt_data", ...).
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt_data: Premature end of JPEG file".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status CorruptData(std::string m) { return {StatusCode::kCorruptData, std::move(m)}; }
inline Status Truncated(std::string m) { return {StatusCode::kTruncated, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design
  StatusOr(T value) : v_(std::move(value)) {}         // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace gemroll

#define GEMROLL_CONCAT_INNER(a, b) a##b
#define GEMROLL_CONCAT(a, b) GEMROLL_CONCAT_INNER(a, b)

#define GEMROLL_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::gemroll::Status gemroll_status_ = (expr);        \
    if (!gemroll_status_.ok()) return gemroll_status_; \
  } while (0)

#define GEMROLL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#define GEMROLL_ASSIGN_OR_RETURN(lhs, expr) \
  GEMROLL_ASSIGN_OR_RETURN_IMPL(GEMROLL_CONCAT(statusor_, __LINE__), lhs, expr)

#endif  // GEMROLL_STATUS_H_
