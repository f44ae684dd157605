#include "models/reachability.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "models/request.hpp"

namespace paircheck::model {
namespace {

// An identity that is refused some action (G11 needs one to be refused).
bool has_restricted_identity(const Universe& u) {
  for (const Identity& id : u.identities) {
    if (std::find(id.actions.begin(), id.actions.end(), "*") != id.actions.end()) continue;
    for (auto a = static_cast<int>(Action::kCreate); a < static_cast<int>(Action::kUnknown); ++a) {
      const std::string_view name = action_name(static_cast<Action>(a));
      if (std::find(id.actions.begin(), id.actions.end(), name) == id.actions.end()) return true;
    }
  }
  return false;
}

// A pair needs a source and a destination disk in two different regions (O1).
bool has_two_regions(const Universe& u) {
  std::set<std::string> regions;
  for (const DiskFixture& d : u.disks) regions.insert(d.region_id);
  return regions.size() >= 2;
}

}  // namespace

Reach reachability(RuleId rule, const Profile& profile, const Universe& universe,
                   const RunAbilities& run) {
  const bool v1 = profile.signature == "v1";
  switch (rule) {
    case RuleId::kW5:
    case RuleId::kG4:  // SignatureMethod is a V1 common parameter
      return v1 ? Reach::kReachable : Reach::kNeedsV1Signing;
    case RuleId::kW6:
      return v1 ? Reach::kNeedsV3Signing : Reach::kReachable;
    case RuleId::kG11:
      return has_restricted_identity(universe) ? Reach::kReachable
                                               : Reach::kNeedsRestrictedIdentity;
    case RuleId::kI5:
      return profile.token_ttl_s ? Reach::kReachable : Reach::kNeedsTokenTtl;
    case RuleId::kI6:
      if (!profile.i6_allowed) return Reach::kOffInProfile;
      return run.unknown_outcomes || run.concurrent_clients ? Reach::kReachable
                                                            : Reach::kNeedsTokenInFlight;
    case RuleId::kM2:  // (a 5xx of server_error_codes is one too, but the run cannot make one)
      return run.unknown_outcomes ? Reach::kReachable : Reach::kNeedsUnknownOutcome;
    case RuleId::kM4:
      return Reach::kNeedsFinding;
    case RuleId::kS6:
      if (!profile.async_failures) return Reach::kNeedsAsyncFailures;
      return has_two_regions(universe) ? Reach::kReachable : Reach::kNeedsTwoRegions;
    case RuleId::kX1:
    case RuleId::kX2:  // without an instance only the not-found refusals are left
      return universe.instances.empty() ? Reach::kNeedsInstances : Reach::kReachable;
    case RuleId::kX3:
      if (universe.instances.empty()) return Reach::kNeedsInstances;
      return has_two_regions(universe) ? Reach::kReachable : Reach::kNeedsTwoRegions;
    case RuleId::kS1:
    case RuleId::kS2:
    case RuleId::kS3:
    case RuleId::kS4:
    case RuleId::kS5:
    case RuleId::kI1:  // a replay of a success: every tokened success needs a pair
    case RuleId::kI4:  // a replay after the pair is gone
    case RuleId::kM3:  // a pair in a transient status
      return has_two_regions(universe) ? Reach::kReachable : Reach::kNeedsTwoRegions;
    default:
      return Reach::kReachable;
  }
}

std::string_view reason(Reach r) {
  switch (r) {
    case Reach::kReachable:
      return "reachable";
    case Reach::kNeedsV1Signing:
      return "V1-only; the profile signs V3";
    case Reach::kNeedsV3Signing:
      return "V3-only; the profile signs V1";
    case Reach::kNeedsAsyncFailures:
      return "needs async_failures on";
    case Reach::kNeedsTokenTtl:
      return "needs token_ttl_s (null: tokens are never forgotten)";
    case Reach::kNeedsUnknownOutcome:
      return "needs unknown outcomes (a target that drops answers)";
    case Reach::kNeedsTokenInFlight:
      return "needs a token in flight (unknown outcomes or concurrent clients)";
    case Reach::kOffInProfile:
      return "turned off in the profile (overrides.I6.allowed false)";
    case Reach::kNeedsFinding:
      return "about failure reports: a conformant run has none";
    case Reach::kNeedsRestrictedIdentity:
      return "needs an identity in the fixtures that is refused some action";
    case Reach::kNeedsInstances:
      return "needs an instance in the fixtures";
    case Reach::kNeedsTwoRegions:
      return "needs disks in two regions in the fixtures (no pair can be created)";
  }
  return "?";
}

std::string_view to_string(Reach r) {
  switch (r) {
    case Reach::kReachable:
      return "reachable";
    case Reach::kNeedsV1Signing:
      return "needs_v1_signing";
    case Reach::kNeedsV3Signing:
      return "needs_v3_signing";
    case Reach::kNeedsAsyncFailures:
      return "needs_async_failures";
    case Reach::kNeedsTokenTtl:
      return "needs_token_ttl";
    case Reach::kNeedsUnknownOutcome:
      return "needs_unknown_outcome";
    case Reach::kNeedsTokenInFlight:
      return "needs_token_in_flight";
    case Reach::kOffInProfile:
      return "off_in_profile";
    case Reach::kNeedsFinding:
      return "needs_finding";
    case Reach::kNeedsRestrictedIdentity:
      return "needs_restricted_identity";
    case Reach::kNeedsInstances:
      return "needs_instances";
    case Reach::kNeedsTwoRegions:
      return "needs_two_regions";
  }
  return "?";
}

}  // namespace paircheck::model
