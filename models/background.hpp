// Background moves S1-S6 (contract §5): what may happen to a world with no request.
#pragma once

#include <vector>

#include "models/profile.hpp"
#include "models/world.hpp"

namespace paircheck::model {

// Every world one background move away (one pair, one hop).
std::vector<World> background_moves(const World& world, const Profile& profile);
// Closes the set under background moves (to a fixpoint) and removes duplicates.
void close_under_background(std::vector<World>& worlds, const Profile& profile);

}  // namespace paircheck::model
