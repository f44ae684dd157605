#pragma once
// Races on purpose (harness.md "Races"): the requests of one race step leave at the same moment,
// one thread and one target handle (Target::fork) each, so that a target that checks and then acts
// without holding its lock shows it. The run loop judges the answers together (model::linearize).
#include <cstdint>
#include <optional>
#include <vector>

#include "harness/lease.hpp"
#include "harness/target.hpp"
#include "models/linearize.hpp"
#include "models/request.hpp"
#include "models/verdict.hpp"

namespace paircheck::harness {

struct RaceSent {
  model::Request request;  // as sent, with request.time its [sent, received] interval
  WireResult wire;
};

// handles[i] sends requests[i], all released at once by one latch (handles[0] on the calling
// thread, the others on threads of their own); returns when every answer is in. Each interval is
// read from the handle that sent it, or is `instant` for all of them (a virtual clock: no time
// passes while the requests are in flight). Needs handles.size() == requests.size().
std::vector<RaceSent> send_at_once(const std::vector<Target*>& handles,
                                   std::vector<model::Request> requests,
                                   std::optional<std::int64_t> instant);

// The history the model judges: each answer parsed (a Describe projected onto `lease` when there
// is one, as the run loop does for a single call); no answer is an unknown outcome (M2).
std::vector<model::TimedCall> timed_calls(const std::vector<RaceSent>& sent, const Lease* lease);

// The failure of a race no order explains: the verdict of the order that got furthest, its
// message saying that the calls overlapped and naming their intervals.
model::Verdict race_failure(const model::Linearized& judged,
                            const std::vector<model::TimedCall>& calls);

// What a race whose search gave up (kUnknown) leaves in each record: no verdict either way
// (conformant, no rules), its message saying why.
model::Verdict race_unknown(const model::Linearized& judged);

}  // namespace paircheck::harness
