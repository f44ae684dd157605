// Reachability (models/reachability.hpp): which rules a run can exercise at all, and why not.
#include <gtest/gtest.h>

#include <set>

#include "models/reachability.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;

Reach reach(RuleId r, const Profile& p = default_profile(), const Universe& u = universe(),
            RunAbilities run = {}) {
  return reachability(r, p, u, run);
}

Profile v1() {
  Profile p = default_profile();
  p.signature = "v1";
  return p;
}

TEST(Reachability, W5_NeedsAV1Profile) {
  EXPECT_EQ(reach(RuleId::kW5), Reach::kNeedsV1Signing);
  EXPECT_EQ(reason(Reach::kNeedsV1Signing), "V1-only; the profile signs V3");
  EXPECT_EQ(reach(RuleId::kW5, v1()), Reach::kReachable);
}

TEST(Reachability, G4_NeedsAV1Profile) {
  EXPECT_EQ(reach(RuleId::kG4), Reach::kNeedsV1Signing);
  EXPECT_EQ(reach(RuleId::kG4, v1()), Reach::kReachable);
}

TEST(Reachability, W6_NeedsAV3Profile) {
  EXPECT_EQ(reach(RuleId::kW6), Reach::kReachable);
  EXPECT_EQ(reach(RuleId::kW6, v1()), Reach::kNeedsV3Signing);
}

TEST(Reachability, S6_NeedsAsyncFailures) {
  EXPECT_EQ(reach(RuleId::kS6), Reach::kNeedsAsyncFailures);
  Profile p = default_profile();
  p.async_failures = true;
  EXPECT_EQ(reach(RuleId::kS6, p), Reach::kReachable);
}

TEST(Reachability, I5_NeedsATokenTtl) {
  EXPECT_EQ(reach(RuleId::kI5), Reach::kNeedsTokenTtl);
  Profile p = default_profile();
  p.token_ttl_s = 300;
  EXPECT_EQ(reach(RuleId::kI5, p), Reach::kReachable);
}

TEST(Reachability, M2_NeedsUnknownOutcomes) {
  EXPECT_EQ(reach(RuleId::kM2), Reach::kNeedsUnknownOutcome);
  EXPECT_EQ(reach(RuleId::kM2, default_profile(), universe(), {.unknown_outcomes = true}),
            Reach::kReachable);
}

TEST(Reachability, I6_NeedsATokenInFlight) {
  EXPECT_EQ(reach(RuleId::kI6), Reach::kNeedsTokenInFlight);
  EXPECT_EQ(reach(RuleId::kI6, default_profile(), universe(), {.unknown_outcomes = true}),
            Reach::kReachable);
  EXPECT_EQ(reach(RuleId::kI6, default_profile(), universe(), {.concurrent_clients = true}),
            Reach::kReachable);
  Profile off = default_profile();
  off.i6_allowed = false;
  EXPECT_EQ(reach(RuleId::kI6, off, universe(), {.unknown_outcomes = true}), Reach::kOffInProfile);
}

TEST(Reachability, M4_NeedsAFinding) {
  EXPECT_EQ(reach(RuleId::kM4, default_profile(), universe(),
                  {.unknown_outcomes = true, .concurrent_clients = true}),
            Reach::kNeedsFinding);
}

TEST(Reachability, G11_NeedsARestrictedIdentity) {
  EXPECT_EQ(reach(RuleId::kG11), Reach::kReachable);  // ak-readonly
  Universe admins_only = universe();
  admins_only.identities = {{"ak-admin", {"*"}}};
  EXPECT_EQ(reach(RuleId::kG11, default_profile(), admins_only), Reach::kNeedsRestrictedIdentity);
  Universe every_action = admins_only;  // listed one by one, every action is allowed
  Identity all{"ak-all", {}};
  for (int a = 0; a < static_cast<int>(Action::kUnknown); ++a) {
    all.actions.emplace_back(action_name(static_cast<Action>(a)));
  }
  every_action.identities.push_back(all);
  EXPECT_EQ(reach(RuleId::kG11, default_profile(), every_action), Reach::kNeedsRestrictedIdentity);
}

TEST(Reachability, X1_X2_X3_NeedInstances) {
  Universe none = universe();
  none.instances.clear();
  for (RuleId r : {RuleId::kX1, RuleId::kX2, RuleId::kX3}) {
    EXPECT_EQ(reach(r), Reach::kReachable) << to_string(r);
    EXPECT_EQ(reach(r, default_profile(), none), Reach::kNeedsInstances) << to_string(r);
  }
}

TEST(Reachability, S1_PairRulesNeedTwoRegions) {
  Universe one = universe();
  std::erase_if(one.disks, [](const DiskFixture& d) { return d.region_id == kSh; });
  for (RuleId r : {RuleId::kS1, RuleId::kS5, RuleId::kI1, RuleId::kI4, RuleId::kM3, RuleId::kX3}) {
    EXPECT_EQ(reach(r, default_profile(), one), Reach::kNeedsTwoRegions) << to_string(r);
  }
  EXPECT_EQ(reach(RuleId::kO1, default_profile(), one), Reach::kReachable);  // its refusals
}

TEST(Reachability, M1_DefaultRunCanReachAllButTheListedOnes) {
  // The default profile (V3, no async failures, no TTL), the default fixtures, a run that reads
  // every answer: exactly these are out of reach.
  const std::set<RuleId> out = {RuleId::kW5, RuleId::kG4, RuleId::kI5, RuleId::kI6,
                                RuleId::kS6, RuleId::kM2, RuleId::kM4};
  for (const RuleInfo& r : all_rules()) {
    const Reach got = reach(r.rule);
    EXPECT_EQ(got != Reach::kReachable, out.count(r.rule) != 0) << r.id << ": " << reason(got);
  }
}

TEST(Reachability, M4_EveryReachHasAReasonAndAName) {
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(Reach::kNeedsTwoRegions); ++i) {
    const auto r = static_cast<Reach>(i);
    EXPECT_FALSE(reason(r).empty());
    EXPECT_NE(reason(r), "?");
    EXPECT_TRUE(names.insert(to_string(r)).second) << to_string(r);
  }
}

}  // namespace
}  // namespace paircheck::model
