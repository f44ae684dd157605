#pragma once
// Leave nothing behind (on a real account every pair costs money): drive each pair a run created
// to `deleted` — detaching, starting, stopping or failing over first where the contract requires
// it — and detach what the run attached. Not judged: it works from what the target answers.
#include <string>
#include <vector>

#include "harness/resources.hpp"
#include "harness/target.hpp"

namespace paircheck::harness {

struct CleanupOptions {
  double settle_timeout_s = 120;  // how long to wait for one transient status
  int max_rounds = 12;            // status -> action rounds per pair
  double first_pause_s = 0.5;     // pause after an action, doubling while a status is transient
};

struct CleanupResult {
  std::vector<std::string> released;  // "pair-... deleted", "i-... d-... detached"
  std::vector<std::string> failed;    // one line each: what is still there and why
  bool ok() const { return failed.empty(); }
};

CleanupResult clean_up(Target& target, const std::vector<CreatedPair>& pairs,
                       const std::vector<Attachment>& attachments,
                       const CleanupOptions& options = {});

}  // namespace paircheck::harness
