#pragma once
// A campaign: the search of properties/search.hpp run against one target, each sequence on a
// clean target (reset when the target can, cleaned up after itself when it cannot) and judged by a
// fresh belief set. `paircheck run`, the property tests and the benchmarks all run campaigns.
#include <functional>
#include <string>

#include "harness/run_sequence.hpp"
#include "harness/target.hpp"
#include "models/profile.hpp"
#include "models/universe.hpp"
#include "properties/search.hpp"

namespace paircheck::properties {

struct CampaignOptions {
  SearchOptions search;
  harness::RunOptions run;      // unique_prefix is set per execution from run_id
  std::string run_id = "pc";    // prefix of every ClientToken and nonce of the campaign
};

struct CampaignHooks {
  // A generated (not shrinking) sequence is about to run.
  std::function<void(std::size_t n, const harness::Sequence&)> on_sequence;
  // Every judged request; `n` is the generated sequence it belongs to, `shrinking` whether it ran
  // while shrinking a failure.
  std::function<void(std::size_t n, bool shrinking, const model::StepRecord&)> on_record;
  // Cleanup left something behind (targets without reset).
  std::function<void(const std::string&)> on_left_behind;
  Progress progress;
};

SearchReport run_campaign(harness::Target& target, const model::Universe& universe,
                          const model::Profile& profile, const CampaignOptions& options,
                          const CampaignHooks& hooks = {});

}  // namespace paircheck::properties
