#include "properties/campaign.hpp"

#include "harness/cleanup.hpp"

namespace paircheck::properties {

SearchReport run_campaign(harness::Target& target, const model::Universe& universe,
                          const model::Profile& profile, const CampaignOptions& options,
                          const CampaignHooks& hooks) {
  std::size_t executions = 0, generated = 0;
  harness::RunOptions run = options.run;
  const bool can_reset = target.can_reset();
  Execute execute = [&](const harness::Sequence& sequence, bool shrinking) {
    if (can_reset) {
      if (auto error = target.reset(); !error.empty()) {
        harness::SequenceResult failed;
        failed.status = harness::SequenceResult::Status::kTargetError;
        failed.target_error = "reset failed: " + error;
        return failed;
      }
    }
    const std::size_t n = generated;
    if (!shrinking) {
      ++generated;
      if (hooks.on_sequence) hooks.on_sequence(n, sequence);
    }
    run.unique_prefix = options.run_id + "-" + std::to_string(executions++);
    model::BeliefSet beliefs(universe, profile);
    harness::SequenceResult result = harness::run_sequence(
        target, beliefs, sequence, run, [&](const model::StepRecord& record) {
          if (hooks.on_record) hooks.on_record(n, shrinking, record);
        });
    if (!can_reset && (!result.created.empty() || !result.attached.empty())) {
      harness::CleanupOptions cleanup;
      cleanup.settle_timeout_s = run.settle_timeout_s;
      cleanup.first_pause_s = run.first_poll_s;
      auto cleaned = harness::clean_up(target, result.created, result.attached, cleanup);
      for (const auto& line : cleaned.failed) {
        if (hooks.on_left_behind) hooks.on_left_behind(line);
      }
    }
    return result;
  };
  return search(SequenceDecoder(universe), options.search, execute, hooks.progress);
}

}  // namespace paircheck::properties
