// Diagnosis by A-rule alternatives (models/diagnose.hpp): a failure the default profile cannot
// explain is re-judged under each A rule's other setting; the one that explains it names it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "models/diagnose.hpp"
#include "models/json_io.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;

const std::string kP = "pair-cn-hangzhou-dx";

// Records a history the way the run loop does: one BeliefSet, one StepRecord per answer.
class History {
 public:
  explicit History(Profile p = default_profile()) : beliefs_(universe(), std::move(p)) {}

  const StepRecord& answer(Request r, const Observed& o) {
    records_.push_back(beliefs_.judge(records_.size(), requests::at(r, clock_ += 1000), &o));
    return records_.back();
  }
  const StepRecord& lost(Request r) {
    records_.push_back(beliefs_.judge(records_.size(), requests::at(r, clock_ += 1000), nullptr));
    return records_.back();
  }
  // A listing of the pair in `status`, as some world gives it.
  const StepRecord& listed_as(const std::string& region, const std::string& status) {
    Request d = requests::describe(region);
    requests::at(d, clock_ + 1000);
    for (std::size_t i = 0; i < 32; ++i) {
      Observed o = beliefs_.example(d, i);
      if (o.pairs.size() == 1 && o.pairs[0].status == status) return answer(d, o);
    }
    ADD_FAILURE() << "no world lists the pair as " << status;
    return records_.back();
  }
  // A created pair (hangzhou -> shanghai), seen `created`.
  void created_pair() {
    EXPECT_TRUE(answer(requests::create(hz_to_sh()), created(kP)).verdict.conformant);
    EXPECT_TRUE(listed_as(kHz, "created").verdict.conformant);
  }
  void advance(std::int64_t ms) { clock_ += ms; }

  const std::vector<StepRecord>& records() const { return records_; }
  const Verdict& last() const { return records_.back().verdict; }

 private:
  BeliefSet beliefs_;
  std::vector<StepRecord> records_;
  std::int64_t clock_ = 0;
};

std::optional<RuleId> diagnosed(const History& h) {
  return diagnose(universe(), default_profile(), h.records());
}

TEST(Diagnose, M4_EveryAlternativeIsOneOfAnARule) {
  ASSERT_FALSE(a_rule_alternatives().empty());
  for (const Alternative& a : a_rule_alternatives()) {
    EXPECT_EQ(info(a.rule).kind, 'A') << to_string(a.rule) << ": " << a.what;
    EXPECT_FALSE(a.what.empty());
    Profile p = default_profile();
    a.apply(p);
    EXPECT_NE(nlohmann::json(p), nlohmann::json(default_profile()))
        << to_string(a.rule) << ": " << a.what << " changes nothing";
  }
}

TEST(Diagnose, I3_AFailedTokenThatReplaysItsErrorIsI3) {
  History h;
  h.created_pair();
  Request stop = requests::stop(kHz, kP, "t-failed");
  ASSERT_TRUE(h.answer(stop, response(403, "OperationDenied.InvalidStatus")).verdict.conformant);
  ASSERT_TRUE(h.answer(requests::start(kHz, kP), response(200)).verdict.conformant);
  // Evaluated afresh the Stop is accepted now; the target repeats its first error.
  const StepRecord& again = h.answer(stop, response(403, "OperationDenied.InvalidStatus"));
  ASSERT_FALSE(again.verdict.conformant);
  EXPECT_EQ(again.verdict.violations.front().rule, RuleId::kO4);  // before diagnosis
  EXPECT_TRUE(is_unexplained_answer(again.verdict));
  EXPECT_EQ(diagnosed(h), RuleId::kI3);
  StepRecord failing = h.records().back();
  std::vector<StepRecord> before(h.records().begin(), h.records().end() - 1);
  ASSERT_TRUE(diagnose_and_attribute(universe(), default_profile(), before, failing));
  const Verdict& v = failing.verdict;
  EXPECT_EQ(v.violations.front().rule, RuleId::kI3);
  EXPECT_EQ(v.rule_ids.front(), RuleId::kI3);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kO4));  // still involved
  ASSERT_TRUE(v.key.has_value());
  EXPECT_EQ(v.key->str(), "I3|StopDiskReplicaPair|403|OperationDenied.InvalidStatus");
  EXPECT_EQ(v.message.rfind("[I3] StopDiskReplicaPair: got 403", 0), 0u) << v.message;
  EXPECT_NE(v.message.find("(explained if a ClientToken whose first call failed is consumed"),
            std::string::npos)
      << v.message;
  EXPECT_TRUE(v.exercised.contains(RuleId::kI3));
}

TEST(Diagnose, O0_InvalidStatusWithAnotherHttpStatusIsO0) {
  History h;
  h.created_pair();
  const StepRecord& r =
      h.answer(requests::stop(kHz, kP), response(400, "OperationDenied.InvalidStatus"));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(r.verdict.violations.front().rule, RuleId::kO4);
  EXPECT_EQ(diagnosed(h), RuleId::kO0);
}

TEST(Diagnose, O0_StatusCheckedBeforeTheSiteIsO0) {
  History h;
  h.created_pair();
  // Failover of a `created` pair in its primary region: the site check answers first.
  const StepRecord& r =
      h.answer(requests::failover(kHz, kP), response(403, "OperationDenied.InvalidStatus"));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(r.verdict.violations.front().rule, RuleId::kO5);
  EXPECT_EQ(diagnosed(h), RuleId::kO0);
}

TEST(Diagnose, O3_OneShotStartsWithoutCooldownAreO3) {
  History h;
  h.created_pair();
  ASSERT_TRUE(h.answer(requests::start(kHz, kP, true), response(200)).verdict.conformant);
  ASSERT_TRUE(h.listed_as(kHz, "stopped").verdict.conformant);
  const StepRecord& r = h.answer(requests::start(kHz, kP, true), response(200));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(diagnosed(h), RuleId::kO3);
}

TEST(Diagnose, I4_AReplayedDeleteRefusedAfterThePairIsGoneIsI4) {
  History h;
  h.created_pair();
  ASSERT_TRUE(h.answer(requests::start(kHz, kP), response(200)).verdict.conformant);
  ASSERT_TRUE(h.answer(requests::stop(kHz, kP), response(200)).verdict.conformant);
  ASSERT_TRUE(h.listed_as(kHz, "stopped").verdict.conformant);
  Request del = requests::remove(kHz, kP, "t-del");
  ASSERT_TRUE(h.answer(del, response(200)).verdict.conformant);
  Observed none = response(200);
  none.total_count = 0;
  none.next_token = "";
  ASSERT_TRUE(h.answer(requests::describe(kHz), none).verdict.conformant);
  const StepRecord& r = h.answer(del, response(404, "NoSuchResource"));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(r.verdict.violations.front().rule, RuleId::kI1);
  EXPECT_EQ(diagnosed(h), RuleId::kI4);
}

TEST(Diagnose, S5_ReprotectEndingElsewhereIsS5) {
  History h;
  h.created_pair();
  ASSERT_TRUE(h.answer(requests::start(kHz, kP), response(200)).verdict.conformant);
  ASSERT_TRUE(h.listed_as(kHz, "normal").verdict.conformant);
  ASSERT_TRUE(h.answer(requests::failover(kSh, kP), response(200)).verdict.conformant);
  ASSERT_TRUE(h.listed_as(kHz, "failovered").verdict.conformant);
  ASSERT_TRUE(h.answer(requests::reprotect(kSh, kP), response(200)).verdict.conformant);
  // The reversed pair syncs at once: Stop is accepted, which `reprotecting`/`stopped` refuse.
  const StepRecord& r = h.answer(requests::stop(kSh, kP), response(200));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(diagnosed(h), RuleId::kS5);
}

TEST(Diagnose, O2_AStartNoAlternativeExplainsStaysUndiagnosed) {
  History h;
  h.created_pair();
  ASSERT_TRUE(h.answer(requests::start(kHz, kP), response(200)).verdict.conformant);
  ASSERT_TRUE(h.listed_as(kHz, "normal").verdict.conformant);
  const StepRecord& r = h.answer(requests::start(kHz, kP), response(200));
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(r.verdict.violations.front().rule, RuleId::kO2);
  EXPECT_FALSE(diagnosed(h).has_value());
}

TEST(Diagnose, M2_HistoriesWithUnknownOutcomesAreReplayedAsUnknown) {
  History h;
  h.created_pair();
  Request stop = requests::stop(kHz, kP, "t-failed");
  ASSERT_TRUE(h.answer(stop, response(403, "OperationDenied.InvalidStatus")).verdict.conformant);
  h.lost(requests::start(kHz, kP, std::nullopt, "t-start"));
  ASSERT_TRUE(h.answer(requests::start(kHz, kP, std::nullopt, "t-start"), response(200))
                  .verdict.conformant);
  ASSERT_FALSE(h.answer(stop, response(403, "OperationDenied.InvalidStatus")).verdict.conformant);
  EXPECT_EQ(diagnosed(h), RuleId::kI3);
}

TEST(Diagnose, W4_WireViolationsAreNotDiagnosed) {
  History h;
  Observed o = response(404, "NoSuchResource");
  ASSERT_TRUE(h.answer(requests::stop(kHz, "pair-none"), o).verdict.conformant);
  const StepRecord& r = h.answer(requests::stop(kHz, "pair-none"), o);  // the same RequestId
  ASSERT_FALSE(r.verdict.conformant);
  EXPECT_EQ(r.verdict.violations.front().rule, RuleId::kW4);
  EXPECT_FALSE(is_unexplained_answer(r.verdict));
  EXPECT_FALSE(diagnosed(h).has_value());
}

TEST(Diagnose, M1_ConformantAndLivenessVerdictsAreNotDiagnosed) {
  History h;
  h.created_pair();
  EXPECT_FALSE(is_unexplained_answer(h.last()));
  EXPECT_FALSE(diagnosed(h).has_value());
  Verdict m3;
  m3.conformant = false;
  m3.rule_ids = {RuleId::kM3};
  m3.violations = {{RuleId::kM3, "pair p still 'stopping' after 130 s"}};
  EXPECT_FALSE(is_unexplained_answer(m3));
  EXPECT_FALSE(diagnose(universe(), default_profile(), {}).has_value());
}

TEST(Diagnose, M4_AttributeRenamesThePrimaryRuleAndKeepsTheEvidence) {
  Verdict v;
  v.conformant = false;
  v.rule_ids = {RuleId::kO2, RuleId::kO0, RuleId::kM1};
  v.violations = {{RuleId::kO2, "got 200, which no state explains"}};
  v.message =
      "[O2] StartDiskReplicaPair: got 200, which no state explains; allowed: {403 x [O2 O0]}";
  v.key = FindingKey{RuleId::kO2, "StartDiskReplicaPair", 200, ""};
  attribute(v, RuleId::kO0, "the status is checked before the site");
  EXPECT_EQ(v.rule_ids, (RuleIds{RuleId::kO0, RuleId::kO2, RuleId::kM1}));
  EXPECT_EQ(v.violations.front().rule, RuleId::kO0);
  EXPECT_EQ(v.key->str(), "O0|StartDiskReplicaPair|200|");
  EXPECT_EQ(v.message,
            "[O0] StartDiskReplicaPair: got 200, which no state explains; allowed: {403 x [O2 O0]}"
            " (explained if the status is checked before the site)");
  EXPECT_FALSE(v.conformant);
}

}  // namespace
}  // namespace paircheck::model
