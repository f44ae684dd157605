#pragma once
// A campaign: the search of properties/search.hpp run against one target, each sequence on a
// clean target (reset when the target can, cleaned up after itself when it cannot) and judged by a
// fresh belief set. `paircheck run`, the property tests and the benchmarks all run campaigns.
#include <functional>
#include <string>
#include <vector>

#include "harness/run_sequence.hpp"
#include "harness/target.hpp"
#include "models/profile.hpp"
#include "models/universe.hpp"
#include "properties/search.hpp"

namespace paircheck::properties {

struct CampaignOptions {
  SearchOptions search;
  harness::RunOptions run;    // unique_prefix is set per execution from run_id
  std::string run_id = "pc";  // prefix of every ClientToken and nonce of the campaign
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

// The same campaign on targets.size() jobs at once, one thread each; job j runs on targets[j],
// which must hold state of its own (its own emulator, or its own account): jobs never share pairs,
// disks or tokens. Job j generates every N-th sequence (n = k * N + j) from its own seed (job 0
// from options.search.seed, so one job is exactly run_campaign); the hooks get those global
// sequence numbers. on_record is called on the job threads at once (it must be thread-safe: it
// is the hot one, and the run log serializes each record in parallel); the other hooks are
// called one at a time. The reports merge into one: findings in the order of
// the sequence that found them, one per failure key, at most max_findings; a target error or
// reaching max_findings (stop_at_max_findings) ends every job.
SearchReport run_campaign_jobs(const std::vector<harness::Target*>& targets,
                               const model::Universe& universe, const model::Profile& profile,
                               const CampaignOptions& options, const CampaignHooks& hooks = {});

}  // namespace paircheck::properties
