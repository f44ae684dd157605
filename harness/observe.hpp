#pragma once
// The wire answer as the judge sees it (W2, W3): the parsed Observed, plus the raw body, clipped,
// when it broke W2/W3 (a shape error, an error without Code, a Code on a success), so that a
// finding about a malformed answer carries its evidence.
#include <string_view>

#include "harness/http_client.hpp"
#include "models/observed.hpp"

namespace paircheck::harness {

// wire.kind must be kResponse.
model::Observed observe(std::string_view action, const WireResult& wire);

}  // namespace paircheck::harness
