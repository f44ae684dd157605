// The campaign API of the tests and bench programs, on a Session: run_campaign is one job,
// run_campaign_jobs one job per target. The hooks are handlers of the session's events.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "session/session.hpp"

namespace paircheck::session {

struct CampaignOptions {
  properties::SearchOptions search;
  harness::RunOptions run;    // unique_prefix is set per execution from run_id
  std::string run_id = "pc";  // prefix of every ClientToken and nonce of the campaign
};

struct CampaignHooks {
  // A generated sequence is about to run (global sequence number).
  std::function<void(std::size_t n, const harness::Sequence&)> on_sequence;
  // Every judged request of a generated sequence (shrinking runs are counted, not shown).
  std::function<void(std::size_t n, bool shrinking, const model::StepRecord&)> on_record;
  // Cleanup left something behind (targets without reset), once per line at the end.
  std::function<void(const std::string&)> on_left_behind;
};

properties::SearchReport run_campaign(harness::Target& target, const model::Universe& universe,
                                      const model::Profile& profile, const CampaignOptions& options,
                                      const CampaignHooks& hooks = {});

properties::SearchReport run_campaign_jobs(const std::vector<harness::Target*>& targets,
                                           const model::Universe& universe,
                                           const model::Profile& profile,
                                           const CampaignOptions& options,
                                           const CampaignHooks& hooks = {});

}  // namespace paircheck::session
