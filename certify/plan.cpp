#include "certify/plan.hpp"

namespace paircheck::certify {
namespace {

// v1: three seeds of 200 sequences (about 2 s each against the bundled emulator) reach every
// rule the default profile and fixtures make reachable (measured: docs/publishing.md).
const Plan kV1{"v1", {1, 2, 3}, 200, 20, 1, true, true};
// sample-v1: one seed of 12 short sequences, small enough to keep a bundle in the repository
// (docs/sample-certification/); it reaches most rules, not all, and certifies nothing.
const Plan kSampleV1{"sample-v1", {1}, 12, 12, 1, false, false};

}  // namespace

std::optional<Plan> find_plan(std::string_view id) {
  for (const Plan* plan : {&kV1, &kSampleV1}) {
    if (id == plan->id) return *plan;
  }
  return std::nullopt;
}

std::string plan_names() { return kV1.id + ", " + kSampleV1.id; }

const Plan& current_plan() { return kV1; }

std::string run_dir(std::uint64_t seed) { return "run-seed-" + std::to_string(seed); }

nlohmann::json to_json(const Plan& plan) {
  return {{"id", plan.id},
          {"seeds", plan.seeds},
          {"sequences", plan.sequences},
          {"max_steps", plan.max_steps},
          {"clients", plan.clients},
          {"require_all_rules", plan.require_all_rules},
          {"certifies", plan.certifies}};
}

}  // namespace paircheck::certify
