// G8's memory (see nonces.hpp).
#include "emulator/nonces.hpp"

#include <cstring>
#include <string>

#include "protocol/crypto.hpp"

namespace paircheck::emulator {

uint64_t NonceStore::digest(std::string_view access_key_id, std::string_view nonce) {
  std::string encoded = std::to_string(access_key_id.size());
  encoded += ':';
  encoded += access_key_id;
  encoded += nonce;
  const std::string sha = protocol::sha256(encoded);
  uint64_t d = 0;
  std::memcpy(&d, sha.data(), sizeof d);
  return d;
}

void NonceStore::expire(int64_t now) {
  while (!seconds_.empty() && seconds_.front().first + window_s_ < now) {
    for (std::size_t i = 0; i < seconds_.front().second; ++i) {
      digests_.erase(order_.front());
      order_.pop_front();
    }
    seconds_.pop_front();
  }
}

bool NonceStore::seen_or_record(std::string_view access_key_id, std::string_view nonce,
                                int64_t now) {
  expire(now);
  const uint64_t d = digest(access_key_id, nonce);
  if (!digests_.insert(d).second) return true;
  order_.push_back(d);
  // A wall clock that stepped back counts the nonce in the latest second: kept a little longer.
  if (!seconds_.empty() && seconds_.back().first >= now) {
    ++seconds_.back().second;
  } else {
    seconds_.emplace_back(now, 1);
  }
  return false;
}

void NonceStore::clear() {
  digests_ = decltype(digests_){};  // a fresh set: also frees the buckets
  order_ = decltype(order_){};
  seconds_ = decltype(seconds_){};
}

}  // namespace paircheck::emulator
