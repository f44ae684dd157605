#pragma once
// Before a run generates anything (issue 14): does the target speak the API, and is it clean?
// One signed DescribeDiskReplicaPairs per fixture region must come back as the contract's 200
// (W2: ReplicaPairs, TotalCount); and no listed pair may use a fixture disk, since the model
// starts from an account with none (a leftover of an earlier run or replay would be judged as an
// [O1] finding; a target the run resets is exempt). Leftovers are released with consent
// (--clean-start) through clean_up, else reported. Not judged: nothing here is a finding.
#include <string>
#include <vector>

#include "harness/cleanup.hpp"
#include "harness/target.hpp"
#include "models/universe.hpp"

namespace paircheck::harness {

struct PreflightOptions {
  bool clean_start = false;  // release leftovers (and detach every fixture disk), then go on
  CleanupOptions cleanup;    // how clean_start waits for transient statuses
};

struct PreflightResult {
  std::string error;                  // non-empty: the run must not start (one line, exit 2)
  std::vector<std::string> released;  // clean_start: what it deleted or detached
};

PreflightResult preflight(Target& target, const model::Universe& universe,
                          const PreflightOptions& options = {});

}  // namespace paircheck::harness
