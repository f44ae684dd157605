// Certification plans (docs/publishing.md): fixed, versioned sets of runs. A plan is named in
// the bundle's manifest, and `certify --verify` checks the bundle against the plan of that name
// compiled into paircheck, so a bundle cannot claim a plan it did not run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace paircheck::certify {

struct Plan {
  std::string id;                    // "v1"
  std::vector<std::uint64_t> seeds;  // one run per seed
  std::uint64_t sequences = 0;       // per run
  std::uint64_t max_steps = 0;       // per run
  std::uint64_t clients = 1;         // clients per run on one target (--clients)
  // Every rule reachable with the profile and fixtures must be reached by some run of the plan.
  bool require_all_rules = true;
  // False for a demonstration plan (docs/sample-certification/): its bundles verify, but say
  // they certify nothing.
  bool certifies = true;
};

// The plan named `id`; nullopt for a name this paircheck does not know.
std::optional<Plan> find_plan(std::string_view id);
// The plan `certify` runs when none is named.
const Plan& current_plan();
// The names of the known plans, for a line that refuses another.
std::string plan_names();
// "run-seed-1": the bundle's folder of one run.
std::string run_dir(std::uint64_t seed);

nlohmann::json to_json(const Plan& plan);

}  // namespace paircheck::certify
