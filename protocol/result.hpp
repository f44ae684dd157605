// Errors as values for the wire codecs (W1, W5, W6): a decoded value or the contract error it maps
// to. Nothing in protocol/ throws on bad wire input; only fixture loading throws (FixtureError).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace paircheck::protocol {

// A wire-level problem: `code` is the contract error code a server answers with (e.g.
// "InvalidParameter", "IncompleteSignature", "InvalidTimeStamp.Format"), `message` says what was
// wrong.
struct WireError {
  std::string code;
  std::string message;
  friend bool operator==(const WireError&, const WireError&) = default;
};

// A tiny expected<T, WireError> (std::expected is not available with g++ 12 in C++20 mode).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(WireError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const WireError& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, WireError> v_;
};

}  // namespace paircheck::protocol
