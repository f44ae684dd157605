#pragma once
// Leave nothing behind (on a real account every pair costs money): drive each pair a run created
// to `deleted` — detaching, starting, stopping or failing over first where the contract requires
// it — and detach what the run attached. Not judged: it works from what the target answers.
#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "harness/resources.hpp"
#include "harness/target.hpp"

namespace paircheck::harness {

struct CleanupOptions {
  double settle_timeout_s = 120;  // how long to wait for one transient status
  int max_rounds = 12;            // status -> action rounds per pair
  // Pause after an action or a poll, doubling (to 15 s) while the status does not move, from
  // this again when it does. On a real clock the session starts it at a short gap
  // (--read-gap-ms, at least 5 ms): a short transition is seen after a few quick Describes.
  double first_pause_s = 0.5;
  // Raised by Ctrl-C: nothing more is sent, and a pause is cut short. What is not released yet
  // is listed as failed ("not released: interrupted"), for `paircheck cleanup RUN_LOG` to finish.
  const std::atomic<bool>* stop = nullptr;
  // Pair -> the transient status the run last knew it in (SequenceResult::transient_known): seen in
  // another status, it ended (CleanupResult::transient_ended).
  std::map<std::string, std::string> last_transient;
};

// Each resource lands in exactly one list, one line each. Only what cleanup itself deleted or
// detached counts as released: a pair the target lists nowhere (Describe in both regions, both
// sites) or a disk that is not attached is already gone, neither released nor a failure.
struct CleanupResult {
  std::vector<std::string> released;      // "pair-... deleted", "d-... detached from i-..."
  std::vector<std::string> already_gone;  // "pair-...: listed nowhere", ...
  std::vector<std::string> failed;        // what may still be there and why
  // Of `failed`: pairs whose transient status outlived settle_timeout_s while cleanup waited, with
  // that status: evidence of M3 (the run turns it into a finding).
  std::vector<std::pair<std::string, std::string>> stuck;
  // A pair cleanup waited on left its transient status: the target's time moves (a stuck pair is
  // then M3, not a clock nobody moves; transient_watch.hpp).
  bool transient_ended = false;
  bool ok() const { return failed.empty(); }
};

// Duplicates (the same pair ID, the same instance and disk) are cleaned up once.
CleanupResult clean_up(Target& target, const std::vector<CreatedPair>& pairs,
                       const std::vector<Attachment>& attachments,
                       const CleanupOptions& options = {});

}  // namespace paircheck::harness
