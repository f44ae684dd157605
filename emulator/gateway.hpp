// The gateway checks G1-G11 (§2 + §11 G2/G8/G10), run in order before anything else, and the
// request decoding that precedes G2 (W1: query ∪ form, path "/", malformed input -> 400).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "emulator/errors.hpp"
#include "emulator/faults.hpp"
#include "emulator/nonces.hpp"
#include "emulator/service.hpp"
#include "emulator/validation.hpp"
#include "protocol/direct.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/request_params.hpp"

namespace paircheck::emulator {

// A request that passed G1-G11.
struct GatewayPass {
  const ActionSpec* action = nullptr;
  const protocol::Identity* identity = nullptr;
  protocol::Params params;  // merged query ∪ form (body wins), one entry per name
};

// G1, the path check, then decoding: bad %-escapes, duplicate names, non-UTF-8 -> 400.
std::variant<protocol::RequestParams, ApiError> decode_request(const HttpRequest& request,
                                                               std::size_t max_bytes);

// First value of a header (names compared case-insensitively), or nullptr.
const std::string* find_header(const HttpRequest& request, std::string_view name);

class Gateway {
 public:
  Gateway(const ServiceConfig& config, const protocol::Fixtures& fixtures, const FaultSet& faults)
      : config_(config), fixtures_(fixtures), faults_(faults), nonces_(config.nonce_window_s) {}

  // G2-G11 on a decoded request; records the nonce once the signature verified (G8).
  // `wall_now` is Unix seconds of the wall clock (clients sign with it, in both clock modes).
  std::variant<GatewayPass, ApiError> check(const HttpRequest& request,
                                            const protocol::RequestParams& decoded,
                                            int64_t wall_now);
  // The direct path (protocol/direct.hpp): the checks a request without a wire still meets, in
  // the same order and with the same errors: W1's UTF-8 and repeated names, G3 (identity), G8
  // (the nonce, recorded as a verified signature's would be), G9 (action), G10 (version), G11.
  std::variant<GatewayPass, ApiError> check_direct(const protocol::DirectRequest& request,
                                                   int64_t wall_now);
  // Forgets every nonce seen (a reset: the state of a freshly started emulator).
  void forget_nonces() { nonces_.clear(); }
  std::size_t nonces_remembered() const { return nonces_.size(); }

 private:
  const ServiceConfig& config_;
  const protocol::Fixtures& fixtures_;
  const FaultSet& faults_;
  NonceStore nonces_;  // G8: the nonces seen within config_.nonce_window_s
};

}  // namespace paircheck::emulator
