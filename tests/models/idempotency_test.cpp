// I1-I6 (contract §4): ClientToken replays, mismatches, failed first calls, order, TTL, in flight.
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

TEST(Idempotency, I1_ReplayReturnsSameResultWithoutStateChange) {
  Stepper run;
  World w = world_with(S::kCreated);
  Request r = requests::start(kHz, kPair, false, "t1");
  StepResult first = run(w, r);
  ASSERT_TRUE(first.outcome.success());
  World moved = first.world;
  moved.pair(kPair)->status = S::kStopped;  // the state moved on (e.g. a Stop)
  StepResult replay = run(moved, r);
  EXPECT_TRUE(replay.outcome.success());
  EXPECT_TRUE(has_rule(replay.outcome.rule_ids, RuleId::kI1));
  EXPECT_EQ(replay.world, moved);  // not restarted
}

TEST(Idempotency, I1_CreateReplayReturnsSameReplicaPairId) {
  BeliefSet b(universe(), default_profile());
  Request c = requests::create(hz_to_sh("ct"));
  ASSERT_TRUE(b.observe(c, created("pair-cn-hangzhou-a1")).conformant);
  EXPECT_TRUE(b.observe(c, created("pair-cn-hangzhou-a1")).conformant);
  Verdict v = b.observe(c, created("pair-cn-hangzhou-zz"));
  EXPECT_FALSE(v.conformant);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kI1));
}

TEST(Idempotency, I1_ReplayedDeleteSucceedsAfterPairIsGone) {
  Stepper run;
  World w = world_with(S::kStopped);
  Request d = requests::remove(kHz, kPair, "del");
  StepResult first = run(w, d);
  ASSERT_TRUE(first.outcome.success());
  World gone = first.world;
  gone.pair(kPair)->status = S::kDeleted;
  StepResult replay = run(gone, d);
  EXPECT_TRUE(replay.outcome.success());
  EXPECT_EQ(replay.world, gone);
}

TEST(Idempotency, I2_MismatchedParamsRejected) {
  Stepper run;
  World w = run(world_with(S::kCreated), requests::start(kHz, kPair, false, "t1")).world;
  Request other = requests::start(kHz, kPair, true, "t1");
  StepResult r = run(w, other);
  EXPECT_EQ(r.outcome.http, std::vector<int>{400});
  EXPECT_TRUE(has_code(r.outcome, "IdempotentParameterMismatch"));
  EXPECT_EQ(r.world, w);
  // §11 I2: absent is not equal to a default.
  World w2 = run(world_with(S::kCreated), requests::start(kHz, kPair, std::nullopt, "t2")).world;
  EXPECT_TRUE(has_code(run(w2, requests::start(kHz, kPair, false, "t2")).outcome,
                       "IdempotentParameterMismatch"));
}

TEST(Idempotency, I2_TokenScopeIsActionAndCaseSensitive) {
  Stepper run;
  World w = run(world_with(S::kNormal), requests::stop(kHz, kPair, "tok")).world;
  w.pair(kPair)->status = S::kStopped;
  EXPECT_TRUE(run(w, requests::remove(kHz, kPair, "tok")).outcome.success());  // other action
  EXPECT_FALSE(
      run(w, requests::stop(kHz, kPair, "TOK")).outcome.success());  // fresh: InvalidStatus
}

TEST(Idempotency, I2_OverrideEvaluatesAfresh) {
  Profile p = default_profile();
  p.i2_reject_actions.erase("StartDiskReplicaPair");
  Stepper run{universe(), p};
  World w = run(world_with(S::kCreated), requests::start(kHz, kPair, false, "t1")).world;
  Outcome o = run(w, requests::start(kHz, kPair, true, "t1")).outcome;
  EXPECT_TRUE(has_code(o, "OperationDenied.InvalidStatus"));
}

TEST(Idempotency, I3_FailedFirstCallDoesNotConsumeToken) {
  Stepper run;
  World w = world_with(S::kNormal);
  Request s = requests::start(kHz, kPair, false, "t3");
  StepResult denied = run(w, s);
  ASSERT_FALSE(denied.outcome.success());
  World stopped = denied.world;
  stopped.pair(kPair)->status = S::kStopped;
  StepResult again = run(stopped, s);
  EXPECT_TRUE(again.outcome.success());
  EXPECT_EQ(again.world.pair(kPair)->status, S::kInitialSyncing);
}

TEST(Idempotency, I3_OverrideReplaysTheFirstError) {
  Profile p = default_profile();
  p.i3_consumed_on_error = true;
  Stepper run{universe(), p};
  Request s = requests::start(kHz, kPair, false, "t3");
  World w = run(world_with(S::kNormal), s).world;
  w.pair(kPair)->status = S::kStopped;
  Outcome o = run(w, s).outcome;
  EXPECT_TRUE(has_code(o, "OperationDenied.InvalidStatus"));
  EXPECT_EQ(o.rule_ids.front(), RuleId::kI3);
}

TEST(Idempotency, I4_TokenCheckedBeforeResourceLookup) {
  Stepper run;
  World w = run(world_with(S::kStopped), requests::modify(kHz, kPair, "nm", "m1")).world;
  w.pair(kPair)->status = S::kDeleted;
  EXPECT_TRUE(run(w, requests::modify(kHz, kPair, "nm", "m1")).outcome.success());
  Profile after = default_profile();
  after.i4_before_lookup = false;
  Stepper late{universe(), after};
  EXPECT_TRUE(
      has_code(late(w, requests::modify(kHz, kPair, "nm", "m1")).outcome, "NoSuchResource"));
}

TEST(Idempotency, I5_TokenForgottenOnlyAfterTtl) {
  Profile p = default_profile();
  p.token_ttl_s = 60;
  Universe u = universe();
  StepContext ctx{u, p};
  Stepper run{u, p};
  Request s = requests::start(kHz, kPair, false, "t5");
  World w = run(world_with(S::kCreated), s, 0).world;
  w.pair(kPair)->status = S::kNormal;
  requests::at(s, 59'000);
  auto within = step_all(w, s, ctx);
  ASSERT_EQ(within.size(), 1u);
  EXPECT_TRUE(within[0].outcome.success());  // still remembered: I1
  requests::at(s, 61'000);
  auto after = step_all(w, s, ctx);
  ASSERT_EQ(after.size(), 2u);  // replay or forgotten (then InvalidStatus)
  EXPECT_NE(after[0].outcome.success(), after[1].outcome.success());
}

TEST(Idempotency, I6_InFlightTokenMayAnswerLastTokenProcessing) {
  BeliefSet b(universe(), default_profile());
  Request c = requests::create(hz_to_sh("t6"));
  b.observe_unknown(c);
  Verdict v = b.observe(c, response(403, "LastTokenProcessing"));
  EXPECT_TRUE(v.conformant) << v.message;
  Verdict v2 = b.observe(c, created("pair-cn-hangzhou-x6"));
  EXPECT_TRUE(v2.conformant) << v2.message;
  Request other = requests::create(hz_to_sh("t7", "d-hz-2", "d-sh-2"));
  EXPECT_FALSE(b.observe(other, response(403, "LastTokenProcessing")).conformant);
}

}  // namespace
}  // namespace paircheck::model
