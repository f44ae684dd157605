#pragma once
// Whether the target's time moves at all (issue 14): a pair seen leaving a transient status
// proves it does. Without that proof, a settle that times out on a target with no clock control
// is more likely a virtual clock nobody moves than an M3 finding (run_sequence.hpp).
#include <map>
#include <string>

#include "models/observed.hpp"
#include "models/profile.hpp"
#include "models/request.hpp"

namespace paircheck::harness {

class TransientWatch {
 public:
  explicit TransientWatch(const model::Profile& profile) : profile_(profile) {}
  // One accepted or refused answer, conformant as judged. Returns true when it shows that a
  // transient status ended: a Describe lists a pair in another status than the transient one it
  // was last known in, or an operation was accepted that the profile accepts in no such status.
  bool observe(const model::Request& request, const model::Observed& observed);
  // The same, for a pair's status as one Describe listed it.
  bool seen(const std::string& pair_id, const std::string& status);
  // A call on the pair whose outcome is not known (M2, or a race step whose order is open): what
  // its status is now says nothing about time.
  void forget(const std::string& pair_id) { transient_.erase(pair_id); }
  // Pair -> the transient status it was last known in (cleanup goes on from there).
  const std::map<std::string, std::string>& known() const { return transient_; }

 private:
  const model::Profile& profile_;
  std::map<std::string, std::string> transient_;  // pair -> the transient status it was last in
};

// What a run stops with, instead of an M3 finding, when a settle or cleanup timed out on a
// target whose clock it cannot move (`url`) and no transient status has ended in the whole run.
std::string frozen_clock_hint(const std::string& url, double settle_timeout_s);

}  // namespace paircheck::harness
