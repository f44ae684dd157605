// G8's memory: the (AccessKeyId, SignatureNonce) pairs seen within the nonce window, kept as 64-bit
// digests so that each costs a few dozen bytes whatever the nonce's length, and forgotten once the
// window has passed, so that a long run holds at most (requests per second × window) of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace paircheck::emulator {

class NonceStore {
 public:
  // A nonce first seen at second t is remembered while now <= t + window_s.
  explicit NonceStore(int64_t window_s) : window_s_(window_s) {}

  // True when (access_key_id, nonce) was seen within the window before `now` (Unix seconds);
  // otherwise records it as seen at `now` and returns false. Entries past the window are dropped
  // first.
  bool seen_or_record(std::string_view access_key_id, std::string_view nonce, int64_t now);

  void clear();
  std::size_t size() const { return digests_.size(); }  // nonces remembered now

  // The first 64 bits of SHA-256 over a length-prefixed (AK, nonce): distinct pairs never share
  // an encoding. Two pairs share a digest with probability 2^-64; a fresh nonce is taken for a
  // replay only if its digest equals one of the n remembered, chance n / 2^64 per request. At the
  // long bench's 4,600 requests/s and the 900 s window, n <= 4.2 million: about 2e-13 per
  // request, 2e-4 over a billion requests. Not keyed: the harness sends random nonces and
  // has no reason to aim for a collision.
  static uint64_t digest(std::string_view access_key_id, std::string_view nonce);

 private:
  void expire(int64_t now);

  struct Identity {  // the digests are uniform already
    std::size_t operator()(uint64_t d) const noexcept { return static_cast<std::size_t>(d); }
  };
  int64_t window_s_;
  std::unordered_set<uint64_t, Identity> digests_;
  std::deque<uint64_t> order_;                           // digests, oldest first
  std::deque<std::pair<int64_t, std::size_t>> seconds_;  // (second seen, how many), oldest first
};

}  // namespace paircheck::emulator
