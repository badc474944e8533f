// Status and StatusOr<T>: how every fallible call in guihua reports failure.
// No exceptions cross a module boundary; library exceptions are caught at the edge and turned into a
// Status whose message is one line, ready to print after "FILE: ".
#ifndef GUIHUA_COMMON_STATUS_H_
#define GUIHUA_COMMON_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace guihua {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // the user's input is unusable: bad file, bad arguments, bad rule file
  kNotFound,      // a file, document or rule that does not exist
  kInternal,      // a bug or an environment failure
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that says why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_ = Status::Internal("StatusOr holds no value");
};

}  // namespace guihua

#endif  // GUIHUA_COMMON_STATUS_H_
