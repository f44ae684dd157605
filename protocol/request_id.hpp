// W4: a fresh RequestId for every response, UUID-like upper-case hex (8-4-4-4-12).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace paircheck::protocol {

// Thread-safe. Unique within one generator (a bijective mix of a counter); two generators differ
// by their seed (random by default, fixed for reproducible runs).
class RequestIdGenerator {
 public:
  RequestIdGenerator();                             // random seed
  explicit RequestIdGenerator(std::uint64_t seed);  // deterministic sequence
  std::string next();

 private:
  std::uint64_t seed_;
  std::atomic<std::uint64_t> counter_{0};
};

// True for 8-4-4-4-12 upper-case hex.
bool is_request_id(std::string_view text);

}  // namespace paircheck::protocol
