// Does a response fit an outcome (M1)? Plus the wire-shape rules W2-W4 that hold for any world.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "models/observed.hpp"
#include "models/outcome.hpp"
#include "models/profile.hpp"
#include "models/verdict.hpp"
#include "models/world.hpp"

namespace paircheck::model {

// True when `observed` is one of the responses `outcome` allows. `after` is the world the
// outcome leads to (for Create: the fresh ID must not name a pair it already has).
bool matches(const Outcome& outcome, const Observed& observed, const World& after,
             const Profile& profile);

// W2/W3/W4 violations (and a body shape error). `seen_request_ids` holds the RequestIds of earlier
// responses.
std::vector<Violation> wire_violations(const Observed& observed,
                                       const std::unordered_set<std::string>& seen_request_ids);

}  // namespace paircheck::model
