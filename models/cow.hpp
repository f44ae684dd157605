// Cow<T>: a value shared between copies until one of them changes it (copy on write). The judge
// copies a World for every outcome it considers and every background move (judge.md "World"), and
// most of those copies change one pair or nothing: the pairs, attachments and ledger they did not
// change stay shared (issue 15 item 2; docs/performance.md "The judge").
//
// Reads go through the const members (a container's begin/end/size/[] are forwarded); a write goes
// through write(), which first copies the value if another Cow still shares it. Not a thread-safe
// object: one Cow is used by one thread at a time, as any value; two Cows sharing a value may be
// used by two threads (the count is atomic and a shared value is never written).
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace paircheck::model {

template <class T>
class Cow {
 public:
  Cow() = default;
  // Implicit, so that a World is built from its vectors as before.
  Cow(T value) : value_(std::make_shared<T>(std::move(value))) {}

  const T& get() const { return value_ ? *value_ : empty_value(); }
  const T& operator*() const { return get(); }
  const T* operator->() const { return &get(); }

  // The value, for writing: copied first if another Cow shares it.
  T& write() {
    if (!value_) {
      value_ = std::make_shared<T>();
    } else if (value_.use_count() > 1) {
      value_ = std::make_shared<T>(*value_);
    }
    return *value_;
  }

  void reset() { value_.reset(); }  // the empty value

  // A container's read interface.
  auto begin() const { return get().begin(); }
  auto end() const { return get().end(); }
  std::size_t size() const { return get().size(); }
  bool empty() const { return get().empty(); }
  decltype(auto) operator[](std::size_t i) const { return get()[i]; }

  friend bool operator==(const Cow& a, const Cow& b) {
    return a.value_ == b.value_ || a.get() == b.get();
  }

 private:
  static const T& empty_value() {
    static const T kEmpty{};
    return kEmpty;
  }
  std::shared_ptr<T> value_;  // null: the empty value
};

}  // namespace paircheck::model
