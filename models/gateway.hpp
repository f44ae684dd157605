// Gateway checks G1-G11 in contract order, with §11's W1 path rule right after G1.
// World-independent: the same answer for every world of a belief set.
#pragma once

#include <cstdint>
#include <optional>

#include "models/params.hpp"
#include "models/request.hpp"
#include "models/step.hpp"

namespace paircheck::model {

// The first G rule the request breaks, or nullopt. Ambiguous time rules (G6, G8) set their bit in
// `ambiguous` and follow `forks`.
std::optional<Rejection> check_gateway(const Request& request, const StepContext& ctx,
                                       std::uint32_t forks, std::uint32_t& ambiguous);

// §11 G8: a nonce is recorded once the signature verified (the request got past G7).
bool passes_signature(const Request& request, const StepContext& ctx);

}  // namespace paircheck::model
