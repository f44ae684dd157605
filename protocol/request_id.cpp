#include "protocol/request_id.hpp"

#include <cstdio>
#include <random>
#include <string_view>

namespace paircheck::protocol {
namespace {

// SplitMix64's finalizer: a bijection on 64-bit values.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::uint64_t random_seed() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

RequestIdGenerator::RequestIdGenerator() : seed_(random_seed()) {}
RequestIdGenerator::RequestIdGenerator(std::uint64_t seed) : seed_(seed) {}

std::string RequestIdGenerator::next() {
  const std::uint64_t n = counter_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t high = mix(seed_ ^ 0x5DEECE66DULL);  // per generator
  const std::uint64_t low = mix(n + seed_);                // unique per call (bijection)
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08X-%04X-%04X-%04X-%012llX", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return buf;
}

bool is_request_id(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace paircheck::protocol
