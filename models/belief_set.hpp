// The judge (M1, M2; judge.md): every World the history can explain, closed under background
// moves S1-S6, narrowed by each response. Verdicts name rule IDs (M4); liveness helpers for M3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "models/observed.hpp"
#include "models/outcome.hpp"
#include "models/profile.hpp"
#include "models/request.hpp"
#include "models/status.hpp"
#include "models/step.hpp"
#include "models/universe.hpp"
#include "models/verdict.hpp"
#include "models/world.hpp"

namespace paircheck::model {

class BeliefSet {
 public:
  BeliefSet(Universe universe, Profile profile);
  // A history that starts mid-life (a recorded trace, docs/traces.md): every world of `initial`
  // is possible at the start (deduplicated, closed under background moves).
  BeliefSet(Universe universe, Profile profile, std::vector<World> initial);

  // Judges one response and narrows the set to the worlds that explain it (M1).
  Verdict observe(const Request& request, const Observed& observed);
  // No response (timeout, reset): applied and not applied both stay (M2).
  Verdict observe_unknown(const Request& request);
  // One run-log step: the target pair's possible statuses before, then observe() or, with
  // observed == nullptr, observe_unknown().
  StepRecord judge(std::size_t index, const Request& request, const Observed* observed);

  std::size_t size() const { return worlds_.size(); }
  const std::vector<World>& worlds() const { return worlds_; }
  // Distinct outcomes some world allows for this request.
  std::vector<Outcome> allowed(const Request& request) const;
  // A concrete response some world would give (choice picks among allowed outcomes, modulo).
  Observed example(const Request& request, std::size_t choice) const;
  // Statuses the pair may have now (empty if no world knows the ID).
  PairStatusSet possible_statuses(std::string_view pair_id) const;
  // M3: some world has this pair in a transient status that must end (all but `syncing`, whose
  // normal <-> syncing cycle (S2) goes on forever).
  bool may_be_transient(std::string_view pair_id) const;
  // Pair IDs some world knows (bound, not pending), sorted.
  std::vector<std::string> known_pair_ids() const;
  // The StepRecord of a judged step (statuses of the request's pair before the step).
  StepRecord record(std::size_t index, const Request& request, const Observed* observed,
                    const Verdict& verdict, PairStatusSet statuses_before) const;

  // Linearizability search (models/linearize.hpp). A fingerprint for its memo: every field of
  // every world, whatever their order, plus the ledgers two orders of the same calls can leave
  // different and a later step reads (nonces G8, pages O9, in-flight tokens I6). Request IDs and
  // failed tokens are left out: any order of the same calls records the same entries.
  std::uint64_t hash() const;
  // Adds the worlds of `other` this set lacks (a world in both keeps the moves both needed, as
  // close_under_background does) and unions the ledgers: a nonce both know keeps the widest
  // interval, certain only if both are; a page both know keeps the IDs both returned. For the
  // end states of two orders of the same calls on one set (same universe and profile).
  void merge(const BeliefSet& other);

  const Universe& universe() const { return universe_; }
  const Profile& profile() const { return profile_; }

 private:
  struct Candidate {
    Outcome outcome;
    World world;
    std::size_t source;  // index into worlds_ of the world it was stepped from
  };
  std::vector<Candidate> candidates(const Request& request, const Observed* observed) const;
  StepContext context() const;
  // Makes `v` a failure led by these W2-W4 violations.
  static void lead_with_wire(Verdict& v, const std::vector<Violation>& wire, const Request& request,
                             const Observed& observed);
  void remember_pages(const Request& request, const Observed& observed);

  Universe universe_;
  Profile profile_;
  std::vector<World> worlds_;   // closed under background moves
  std::vector<RuleSet> moved_;  // per world: the S moves that reached it, not yet credited
  NonceLedger nonces_;
  PageLedger pages_;
  InFlightTokens in_flight_;
  FailedTokens failed_tokens_;
  std::unordered_set<std::string> request_ids_;
  std::size_t pending_counter_ = 0;
  mutable std::uint64_t example_counter_ = 0;
};

}  // namespace paircheck::model
