// Background moves S1-S6 (contract §5): what may happen to a world with no request.
#pragma once

#include <vector>

#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/world.hpp"

namespace paircheck::model {

// Every world one background move away (one pair, one hop).
std::vector<World> background_moves(const World& world, const Profile& profile);
// Closes the set under background moves (to a fixpoint) and removes duplicates. Adds every world
// reachable by background moves. `moved`, when given, holds for each world the S rules already
// applied to reach it (parallel to `worlds`, missing entries empty) and comes back parallel to the
// closed set: the moves each world needed (coverage credits S1-S6 by it).
void close_under_background(std::vector<World>& worlds, const Profile& profile,
                            std::vector<RuleSet>* moved = nullptr);

}  // namespace paircheck::model
