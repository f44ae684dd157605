// Reachability (docs/judge.md "Findings"): whether a run can exercise a rule at all, given the
// profile, the fixtures and what the run can do, and if not, why. A scorecard shows a rule a run
// could not reach as "not reachable: <reason>", not as a coverage gap. Whether the generator
// actually reaches a reachable rule is a separate question (the run's exercised rules answer it).
#pragma once

#include <cstdint>
#include <string_view>

#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/universe.hpp"

namespace paircheck::model {

enum class Reach : std::uint8_t {
  kReachable,
  kNeedsV1Signing,           // W5, G4 under a V3 profile
  kNeedsV3Signing,           // W6 under a V1 profile
  kNeedsAsyncFailures,       // S6
  kNeedsTokenTtl,            // I5
  kNeedsUnknownOutcome,      // M2
  kNeedsTokenInFlight,       // I6: an unknown outcome or concurrent clients
  kOffInProfile,             // I6 with overrides.I6.allowed false
  kNeedsFinding,             // M4: it is about the failure report
  kNeedsRestrictedIdentity,  // G11
  kNeedsInstances,           // X1-X3
  kNeedsTwoRegions,          // no pair can be created: S1-S6, I1, I4, M3, X3
};

// What the run can do beyond sending requests one at a time and reading every answer.
struct RunAbilities {
  bool unknown_outcomes =
      false;  // the target can drop answers (a nemesis), so outcomes are unknown
  bool concurrent_clients = false;  // several clients send at once (tokens can be in flight)
};

Reach reachability(RuleId rule, const Profile& profile, const Universe& universe,
                   const RunAbilities& run);

// One short line: "V1-only; the profile signs V3", "needs async_failures on".
std::string_view reason(Reach r);
// A stable token for files: "reachable", "needs_v1_signing", ...
std::string_view to_string(Reach r);

}  // namespace paircheck::model
