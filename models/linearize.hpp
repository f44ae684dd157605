// Linearizability of overlapping requests (harness.md "Leases and races"): requests of one lease
// that overlap in time are conformant iff some order consistent with real time explains every
// answer. Wing & Gong's search with Lowe's memoization, over belief sets: the state of the search
// is (requests linearized so far, belief set after them); a node budget, not a time budget, keeps a
// re-judge deterministic, and a search past its budget is kUnknown, never a pass.
// The history is first cut where no call is in flight (every call before the cut was answered
// before any call after it was sent); each piece is searched on its own, at most 64 calls each
// (the memo's bitmask); a longer piece is kUnknown. docs/judge.md "Overlapping requests".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/belief_set.hpp"
#include "models/observed.hpp"
#include "models/request.hpp"
#include "models/step.hpp"
#include "models/verdict.hpp"

namespace paircheck::model {

// One request of a concurrent history: request.time holds its [sent, received] interval on the
// target's clock; no observed answer is an unknown outcome (M2), which may take effect at any
// point after `sent`, or never.
struct TimedCall {
  Request request;
  std::optional<Observed> observed;
};

struct LinearizeOptions {
  std::size_t node_budget = 20000;  // search nodes (one per candidate applied), all pieces
};

struct Linearized {
  enum class Result : std::uint8_t { kLinearizable, kNotLinearizable, kUnknown };
  Result result = Result::kLinearizable;
  // kLinearizable: one witness order (indices into the calls).
  std::vector<std::size_t> order;
  // One record per call, in input order (index = position in calls): judged in the witness order
  // when linearizable; otherwise each call as judged in the order that got furthest (for
  // kUnknown, the deepest the search reached), the calls that order did not reach judged after
  // it in order of `sent`. Only a kLinearizable result's records are verdicts.
  std::vector<StepRecord> records;
  // kNotLinearizable: the failing verdict of the order that got furthest, with its rule IDs and
  // key.
  Verdict failure;
  std::size_t nodes = 0;  // search nodes spent
  std::string reason;     // kUnknown: why ("node budget of N spent ...", "N calls overlap ...")
};

// Judges `calls` against `beliefs`. On kLinearizable, `beliefs` becomes the union of the belief
// sets after every complete linearization; otherwise it is left unchanged. `first_index` numbers
// the records (StepRecord::index) from there.
Linearized linearize(BeliefSet& beliefs, const std::vector<TimedCall>& calls,
                     const LinearizeOptions& options = {}, std::size_t first_index = 0);

}  // namespace paircheck::model
