// The rule table as types (models/rules.hpp) and the finding key (models/verdict.hpp): every rule
// has an ID, a kind and a title; IDs parse back; a finding key survives its text form.
#include <gtest/gtest.h>

#include <set>

#include "models/rules.hpp"
#include "models/verdict.hpp"

namespace paircheck::model {
namespace {

TEST(Rules, M4_EveryRuleParsesBackFromItsId) {
  std::set<std::string_view> ids;
  for (const RuleInfo& r : all_rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate ID " << r.id;
    EXPECT_EQ(to_string(r.rule), r.id);
    EXPECT_EQ(parse_rule_id(r.id), r.rule) << r.id;
    EXPECT_EQ(&info(r.rule), &r) << r.id;
  }
  EXPECT_EQ(ids.size(), kRuleCount);
  EXPECT_EQ(parse_rule_id("O2"), RuleId::kO2);
  EXPECT_EQ(parse_rule_id("O10"), RuleId::kO10);
  EXPECT_FALSE(parse_rule_id("Q9").has_value());
  EXPECT_FALSE(parse_rule_id("o2").has_value());  // IDs are case-sensitive
  EXPECT_FALSE(parse_rule_id("").has_value());
  EXPECT_FALSE(parse_rule_id("W1.decode").has_value());  // a profile sub-key is not an ID
  EXPECT_EQ(rule_of_key("W1.decode"), RuleId::kW1);
  EXPECT_EQ(rule_of_key("O1"), RuleId::kO1);
  EXPECT_FALSE(rule_of_key("Q9.x").has_value());
}

TEST(Rules, M4_EveryRuleHasATitleAndAStatement) {
  for (const RuleInfo& r : all_rules()) {
    EXPECT_FALSE(r.title.empty()) << r.id;
    EXPECT_FALSE(r.text.empty()) << r.id;
    EXPECT_LE(r.title.size(), 80u) << r.id << ": a title is short";
    EXPECT_TRUE(r.kind == 'D' || r.kind == 'A') << r.id;
  }
}

TEST(Rules, M4_TitledPutsTheIdBeforeTheTitle) {
  EXPECT_EQ(titled(RuleId::kO2), "O2 Start only from created or stopped");
  for (const RuleInfo& r : all_rules()) {
    EXPECT_EQ(titled(r.rule), std::string(r.id) + " " + std::string(r.title));
  }
}

TEST(Rules, M4_JoinListsIdsInOrder) {
  EXPECT_EQ(join({RuleId::kO2, RuleId::kO0}), "O2 O0");
  EXPECT_EQ(join({RuleId::kW4, RuleId::kM1}, ","), "W4,M1");
  EXPECT_EQ(join({}), "");
}

TEST(Rules, M1_RuleSetIsASetInTableOrder) {
  RuleSet s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.size(), 0u);
  s.insert(RuleId::kX3);
  s.insert(RuleId::kW1);
  s.insert(RuleId::kX3);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.contains(RuleId::kW1));
  EXPECT_FALSE(s.contains(RuleId::kO2));
  EXPECT_EQ(s.list(), (RuleIds{RuleId::kW1, RuleId::kX3}));  // table order, not insertion order
  RuleSet t = {RuleId::kO2, RuleId::kX3};
  RuleSet u = s;
  u.insert(t);
  EXPECT_EQ(u.list(), (RuleIds{RuleId::kW1, RuleId::kO2, RuleId::kX3}));
  u.intersect(t);
  EXPECT_EQ(u, t);
  u.erase(RuleId::kO2);
  EXPECT_EQ(u.list(), RuleIds{RuleId::kX3});
  RuleSet every;
  for (const RuleInfo& r : all_rules()) every.insert(r.rule);
  EXPECT_EQ(every.size(), kRuleCount);  // the first and the last rule fit
  EXPECT_TRUE(every.contains(RuleId::kW1) && every.contains(RuleId::kX3));
}

TEST(FindingKey, M4_TextFormRoundTrips) {
  const FindingKey key{RuleId::kO2, "StartDiskReplicaPair", 200, ""};
  EXPECT_EQ(key.str(), "O2|StartDiskReplicaPair|200|");
  EXPECT_EQ(FindingKey::parse(key.str()), key);
  const FindingKey error{RuleId::kO0, "StopDiskReplicaPair", 400, "OperationDenied.InvalidStatus"};
  EXPECT_EQ(error.str(), "O0|StopDiskReplicaPair|400|OperationDenied.InvalidStatus");
  EXPECT_EQ(FindingKey::parse(error.str()), error);
  const FindingKey m3{RuleId::kM3, "DescribeDiskReplicaPairs", 0, "stopping"};  // no response
  EXPECT_EQ(FindingKey::parse(m3.str()), m3);
  EXPECT_LT(error, key);  // ordered by rule (table order) first: O0 before O2
}

TEST(FindingKey, M4_BadTextGivesNothing) {
  EXPECT_FALSE(FindingKey::parse("").has_value());
  EXPECT_FALSE(FindingKey::parse("O2|StartDiskReplicaPair|200").has_value());   // three fields
  EXPECT_FALSE(FindingKey::parse("Q9|StartDiskReplicaPair|200|").has_value());  // no such rule
  EXPECT_FALSE(FindingKey::parse("O2|StartDiskReplicaPair|2x0|").has_value());  // not a number
  EXPECT_FALSE(FindingKey::parse("O2|StartDiskReplicaPair||").has_value());
  EXPECT_FALSE(FindingKey::parse("O2,O0|StartDiskReplicaPair|200|").has_value());  // old key
}

TEST(Verdict, M4_PrimaryIsTheViolatedRuleElseTheDecidingOne) {
  Verdict ok;
  EXPECT_FALSE(ok.primary().has_value());
  ok.rule_ids = {RuleId::kO2, RuleId::kO0};
  EXPECT_EQ(ok.primary(), RuleId::kO2);
  Verdict bad = ok;
  bad.conformant = false;
  bad.violations = {{RuleId::kW4, "the response has no RequestId"}};
  EXPECT_EQ(bad.primary(), RuleId::kW4);
}

}  // namespace
}  // namespace paircheck::model
