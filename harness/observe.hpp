#pragma once
// The wire answer as the judge sees it (W2, W3): the parsed Observed, plus the raw body, clipped,
// when it broke W2/W3 (a shape error, an error without Code, a Code on a success), so that a
// finding about a malformed answer carries its evidence.
#include <string_view>

#include "harness/http_client.hpp"
#include "models/observed.hpp"
#include "models/request.hpp"
#include "models/verdict.hpp"

namespace paircheck::harness {

// wire.kind must be kResponse.
model::Observed observe(std::string_view action, const WireResult& wire);

// An exchange on the direct path (WireResult::document) never met the wire: its verdict does not
// count the rules of the wire (G1, G2, G4-G7, W1-W3, W5, W6) as exercised, so that a rule only the
// direct path reached shows as not reached, never as passed.
void discount_direct(model::Verdict& verdict);

}  // namespace paircheck::harness
