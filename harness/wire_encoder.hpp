#pragma once
// Turns the model's abstract request into bytes on the wire: W5 (V1) or W6 (V3) signing, and the
// envelope faults the gateway rules G1-G10 are tested with (missing or bad signature, unknown key,
// expired or unparsable timestamp, reused nonce, wrong version or method).
#include <cstdint>
#include <map>
#include <random>
#include <string>

#include "models/request.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/signed_request.hpp"

namespace paircheck::harness {

enum class SignatureVersion { kV1, kV3 };

class WireEncoder {
 public:
  // `host` is what goes into the (signed) host header, e.g. "127.0.0.1:8080".
  WireEncoder(const protocol::Fixtures& fixtures, SignatureVersion version, std::string host,
              std::uint64_t seed);

  // Signs with the wall clock (as real clients do; the emulator checks G6 against the wall clock
  // in both clock modes) plus the envelope's timestamp offset.
  protocol::WireRequest encode(const model::Request& request);

  SignatureVersion version() const { return version_; }

 private:
  std::string fresh_nonce();
  protocol::WireRequest encode_v1(const model::Request& r, const protocol::SigningKey& key,
                                  const protocol::SigningInput& input);
  protocol::WireRequest encode_v3(const model::Request& r, const protocol::SigningKey& key,
                                  const protocol::SigningInput& input);

  std::map<std::string, std::string, std::less<>> secrets_;
  SignatureVersion version_;
  std::string host_;
  std::mt19937_64 rng_;
  std::uint64_t counter_ = 0;
};

}  // namespace paircheck::harness
