// Internals of step(): the per-operation evaluators (O1-O10, X1-X3) and outcome builders.
// Not a public header: include only from models/*.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/outcome.hpp"
#include "models/params.hpp"
#include "models/step.hpp"

namespace paircheck::model::detail {

// The state a single evaluation threads through: the world being changed and the fork choices.
struct Eval {
  const Request& request;
  const StepContext& ctx;
  std::uint32_t forks;
  std::uint32_t ambiguous = 0;
  World world;
  RuleSet also;  // preconditions met along the way (Outcome::also)
};

Outcome error_outcome(const Profile& p, std::string_view key, RuleIds rules,
                      std::string_view param = "");
Outcome rejection_outcome(const Profile& p, const Rejection& r);
Outcome ok_outcome(RuleIds rules);

// I1-I5 for one token: a replay or mismatch outcome, or nullopt to go on (may forget the entry).
std::optional<Outcome> check_token(Eval& e, Action a, const std::string& token);

Outcome step_create(Eval& e, const std::optional<std::string>& token);
Outcome step_pair_op(Eval& e, Action a, const std::optional<std::string>& token);
Outcome step_describe(Eval& e);
Outcome step_progress(Eval& e);
Outcome step_disk_op(Eval& e, Action a);

// The operation rule of a pair operation request (O2 vs O3 from OneShot).
RuleId op_rule(Action a, const Params& params);

// O0's existence check for Create (both disks exist) and the pair operations (the pair exists,
// is not deleted, and RegionId is one of its regions).
bool existence_holds(const World& world, Action a, const Params& params, const Universe& universe);

}  // namespace paircheck::model::detail
