// Status and Result<T>: how errors travel between rooms.
//
// Why our own type: clang 14 (fuzzers, clang-tidy) cannot compile std::expected,
// and exceptions are reserved for bugs. A Status carries a code, a one-line
// human message, and whether retrying the same operation later may succeed.
// Result<T> is shaped like std::expected<T, Status> so the switch is easy later.
//
// Thread safety: values; safe to copy between threads, not to mutate concurrently.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace newsvault::core {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable (bad URL, bad flag)
  kNotFound,         // no such URL, capture, payload, file
  kAlreadyExists,
  kIoError,            // local file system / OS failure
  kCorruption,         // stored data or an input file is damaged
  kBusy,               // a resource is held by someone else (archive lock)
  kNetworkError,       // DNS, connect, TLS, reset
  kTimeout,            // a network or time budget ran out
  kTooManyRedirects,   // redirect limit or a redirect loop
  kResourceExhausted,  // a size limit was hit
  kUnsupported,        // a scheme, encoding or schema version we do not handle
  kPermissionDenied,   // a policy refused it (private address, robots.txt)
  kCancelled,          // abandoned on request (shutdown)
  kInternal,           // a bug: an invariant did not hold
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status Busy(std::string msg) { return {StatusCode::kBusy, std::move(msg), true}; }
  static Status NetworkError(std::string msg, bool retryable = true) {
    return {StatusCode::kNetworkError, std::move(msg), retryable};
  }
  static Status Timeout(std::string msg) { return {StatusCode::kTimeout, std::move(msg), true}; }
  static Status TooManyRedirects(std::string msg) {
    return {StatusCode::kTooManyRedirects, std::move(msg)};
  }
  static Status ResourceExhausted(std::string msg) {
    return {StatusCode::kResourceExhausted, std::move(msg)};
  }
  static Status Unsupported(std::string msg) { return {StatusCode::kUnsupported, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) {
    return {StatusCode::kPermissionDenied, std::move(msg)};
  }
  static Status Cancelled(std::string msg) { return {StatusCode::kCancelled, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // True when the same operation may succeed if tried again later.
  bool retryable() const { return retryable_; }
  // "NetworkError: connection refused" (or "OK").
  std::string ToString() const;

  // Returns a copy whose message is "context: message".
  Status WithContext(std::string_view context) const;

  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsBusy() const { return code_ == StatusCode::kBusy; }

 private:
  Status(StatusCode code, std::string msg, bool retryable = false)
      : code_(code), message_(std::move(msg)), retryable_(retryable) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  bool retryable_ = false;
};

// Result<T>: a T or a non-OK Status. Accessing the value of an error is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result built from an OK Status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  bool has_value() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; Status::Ok() when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }
  const Status& error() const {
    assert(!ok());
    return std::get<Status>(v_);
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<T>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace newsvault::core

#define NV_CONCAT_INNER_(a, b) a##b
#define NV_CONCAT_(a, b) NV_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::newsvault::core::Status nv_status_ = (expr); \
    if (!nv_status_.ok()) return nv_status_;       \
  } while (false)

#define NV_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.error();              \
  lhs = std::move(tmp).value()

// ASSIGN_OR_RETURN(auto x, MakeX()); declares x or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  NV_ASSIGN_OR_RETURN_IMPL_(NV_CONCAT_(nv_result_, __LINE__), lhs, expr)
