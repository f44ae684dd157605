#pragma once
// THE run loop (architecture.md): send -> judge -> record, for properties, fuzz targets and
// `paircheck run` alike. An unknown outcome (M2) is judged as such and retried with the same
// ClientToken, so the retry must converge (I1); settle steps poll Describe and fail with [M3] when
// a transient status outlives the profile's settle_timeout_s (a target error instead when its clock
// may simply never move: transient_watch.hpp). Nothing here throws.
#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/lease.hpp"
#include "harness/resources.hpp"
#include "harness/sequence.hpp"
#include "harness/target.hpp"
#include "models/belief_set.hpp"

namespace paircheck::harness {

struct RunOptions {
  double settle_timeout_s = 120;  // M3, from the profile
  double first_poll_s = 0.5;      // settle polling backs off from here...
  double max_poll_s = 15;         // ...to here
  int unknown_retries = 3;        // M2: resend the same request this often
  double max_real_wait_s = 1e9;   // a wait step on a real clock sleeps at most this long
  // On a real clock, a wait (a wait step, a settle's pause) is filled with judged reads of what
  // the sequence created (Describe, Progress) instead of sleeping: time passes for the contract
  // as before, while the client keeps looking at the in-between statuses. read_gap_s apart.
  bool fill_waits = false;
  double read_gap_s = 0;
  // Makes {tok:N} and {nonce:N} unique to this sequence, so that sequences sharing one target
  // (a real account, an emulator without reset) never reuse each other's tokens and nonces.
  std::string unique_prefix = "s0";
  // Raised by an interrupt (Ctrl-C): the request in flight finishes, no further step is sent, and
  // a wait or settle on a real clock is cut short. The sequence ends as judged so far.
  const std::atomic<bool>* stop = nullptr;
  // Many clients on one account (lease.hpp): Describe answers are projected onto this lease
  // before they are judged. Null: the sequence owns the whole target.
  const Lease* lease = nullptr;
  // Raised once any sequence of the run saw a transient status end (transient_watch.hpp); shared
  // by every client and job. On a target whose clock the harness cannot move, a settle that times
  // out while it is still down stops the run with a target error naming the likely cause (a
  // virtual clock nobody moves), not an M3 finding. Null: a timeout is always M3.
  std::atomic<bool>* transient_ended = nullptr;
};

struct SequenceResult {
  enum class Status : std::uint8_t { kConformant, kNonConformant, kTargetError };
  Status status = Status::kConformant;
  std::vector<model::StepRecord> records;  // every judged request, in order
  std::vector<std::size_t> record_step;    // for each record: the sequence step that sent it
  std::optional<model::Verdict> failure;   // the first non-conformant verdict
  std::size_t failing_step = 0;            // index into the sequence of the step that failed
  std::string target_error;                // kTargetError: why (unreachable, clock control)
  std::vector<CreatedPair> created;        // pairs this sequence created, in order ({pair:N})
  std::vector<Attachment> attached;        // disks it attached and has not detached
  // Race steps the linearizability check could not decide (model::linearize kUnknown, its node
  // budget spent): counted as conformant, and the sequence ends there, unjudged from then on.
  std::size_t unknown_races = 0;
  // Pairs last known in a transient status, with it (transient_watch.hpp): cleanup seeing one in
  // another status knows that the target's time moves.
  std::map<std::string, std::string> transient_known;

  bool conformant() const { return status == Status::kConformant; }
};

// Called after each judged request (run-log streaming, progress, resource tracking).
using StepObserver = std::function<void(const model::StepRecord&)>;

// M3 broken: a pair stayed in transient `status` past settle_timeout_s (`evidence` says how it
// was seen: a settle step's polls, or the cleanup after a sequence).
model::Verdict stuck_verdict(const std::string& status, const std::string& evidence);

SequenceResult run_sequence(Target& target, model::BeliefSet& beliefs, const Sequence& sequence,
                            const RunOptions& options, const StepObserver& observer = {});

}  // namespace paircheck::harness
