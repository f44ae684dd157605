// `paircheck check`: a recorded trace judged by the model with no target (docs/traces.md). Each
// group of partition.hpp is one "sequence" of the run-log event stream, judged in the order of its
// requests' times on a belief set of its own: requests that overlap in time are judged together
// by the linearizability search (models/linearize.hpp), like a lease's race step; a request alone
// like the run loop judges it, failures diagnosed by A-rule alternatives (models/diagnose.hpp),
// so that a fault shows offline under the finding key a live run gives it. A group stops at its
// first failure, as a sequence does. The events go to the same handlers as a run's (the run log,
// the live scorecard), so every report comes out as for `run`.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>

#include "events/run_events.hpp"
#include "models/profile.hpp"
#include "models/universe.hpp"
#include "models/verdict.hpp"
#include "traces/trace.hpp"

namespace paircheck::traces {

struct CheckOptions {
  model::Universe universe;
  model::Profile profile;
  // Most worlds a group that starts mid-life may start with (every status of each pair first seen
  // in the trace); past it the group is not judged.
  std::size_t max_initial_worlds = 6000;
};

struct CheckSummary {
  std::size_t groups = 0, judged = 0, findings = 0, unknown = 0;
  std::set<std::size_t> judged_calls;  // the trace's calls judged at least once (in some group)
  // The trace's calls the model rejected, with the verdict (the first, when judged in two groups).
  std::map<std::size_t, model::Verdict> failed_calls;
  // Why calls (or whole groups) were not judged, with how many calls each.
  std::map<std::string, std::size_t> not_judged;
  int exit_code = 0;
};

// The rules `check` cannot judge for this trace, with why (the `unreachable` of its header).
std::map<std::string, std::string> unjudgeable_rules(const Trace& trace);

// Emits `header`, then the groups' events and the summary, to `out`.
CheckSummary check_trace(const Trace& trace, const CheckOptions& options, events::RunStarted header,
                         events::Handler& out);

}  // namespace paircheck::traces
