// Coverage credit (Verdict::exercised, docs/judge.md "Findings"): a rule is credited only when it
// shaped what the judge allowed. One test per credited family, named by the rule it credits.
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

const std::string kP = "pair-cn-hangzhou-cov";

// A listing of the pair in `status`, as some world of `b` would give it.
Observed listing(const BeliefSet& b, const Request& describe, const std::string& status) {
  for (std::size_t i = 0; i < 64; ++i) {
    Observed o = b.example(describe, i);
    if (o.pairs.size() == 1 && o.pairs[0].status == status) return o;
  }
  ADD_FAILURE() << "no world lists the pair as " << status;
  return b.example(describe, 0);
}

// Judges a listing of the pair in `status` and returns its verdict (which must conform).
Verdict describe_as(BeliefSet& b, const std::string& region, const std::string& status) {
  Request d = requests::describe(region);
  Verdict v = b.observe(d, listing(b, d, status));
  EXPECT_TRUE(v.conformant) << v.message;
  return v;
}

Verdict ok(BeliefSet& b, const Request& r) {
  Verdict v = b.observe(r, response(200));
  EXPECT_TRUE(v.conformant) << v.message;
  return v;
}

// A pair created (hangzhou -> shanghai) and seen `created`.
BeliefSet with_created_pair(Profile p = default_profile()) {
  BeliefSet b(universe(), std::move(p));
  EXPECT_TRUE(b.observe(requests::create(hz_to_sh()), created(kP)).conformant);
  describe_as(b, kHz, "created");
  return b;
}

TEST(Coverage, M1_W2_W3_W4_CheckedOnEveryResponse) {
  BeliefSet b(universe(), default_profile());
  Verdict v = b.observe(requests::create(hz_to_sh()), created(kP));
  EXPECT_TRUE(v.exercised.contains(RuleId::kM1));
  EXPECT_TRUE(v.exercised.contains(RuleId::kW2));
  EXPECT_FALSE(v.exercised.contains(RuleId::kW3));
  EXPECT_TRUE(v.exercised.contains(RuleId::kW4));
  Verdict e = b.observe(requests::stop(kHz, "pair-none"), response(404, "NoSuchResource"));
  EXPECT_TRUE(e.exercised.contains(RuleId::kW3));
  EXPECT_FALSE(e.exercised.contains(RuleId::kW2));
  Verdict u = b.observe_unknown(requests::stop(kHz, "pair-none"));
  EXPECT_EQ(u.exercised, RuleSet{RuleId::kM2});
}

TEST(Coverage, O0_DecidingRulesAreCredited) {
  BeliefSet b = with_created_pair();
  Verdict v = b.observe(requests::stop(kHz, kP), response(403, "OperationDenied.InvalidStatus"));
  ASSERT_TRUE(v.conformant) << v.message;
  EXPECT_TRUE(v.exercised.contains(RuleId::kO4));
  EXPECT_TRUE(v.exercised.contains(RuleId::kO0));
  EXPECT_FALSE(v.exercised.contains(RuleId::kO2));
}

TEST(Coverage, S1_CreditedOnlyWhenTheMoveWasNeeded) {
  {  // only `created` accepts Start: the answer needed creating -> created
    BeliefSet b(universe(), default_profile());
    Verdict c = b.observe(requests::create(hz_to_sh()), created(kP));
    EXPECT_FALSE(c.exercised.contains(RuleId::kS1));
    EXPECT_TRUE(ok(b, requests::start(kHz, kP)).exercised.contains(RuleId::kS1));
  }
  {  // a listing that still shows `creating` needed no move
    BeliefSet b(universe(), default_profile());
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(kP)).conformant);
    EXPECT_FALSE(describe_as(b, kHz, "creating").exercised.contains(RuleId::kS1));
    EXPECT_TRUE(describe_as(b, kHz, "created").exercised.contains(RuleId::kS1));
  }
  {  // a Progress both `creating` and `created` explain needed no move
    BeliefSet b(universe(), default_profile());
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(kP)).conformant);
    Observed progress = response(200);
    progress.progress = 0;
    progress.recover_point = 0;
    Verdict v = b.observe(requests::progress(kHz, kP), progress);
    ASSERT_TRUE(v.conformant) << v.message;
    EXPECT_FALSE(v.exercised.contains(RuleId::kS1));
    // The next answer only `created` explains needs the move made before the Progress.
    EXPECT_TRUE(ok(b, requests::start(kHz, kP)).exercised.contains(RuleId::kS1));
  }
  {  // a Start refused as InvalidStatus is explained by `creating`: no move
    BeliefSet b(universe(), default_profile());
    ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(kP)).conformant);
    Verdict v = b.observe(requests::start(kHz, kP), response(403, "OperationDenied.InvalidStatus"));
    ASSERT_TRUE(v.conformant) << v.message;
    EXPECT_FALSE(v.exercised.contains(RuleId::kS1));
  }
}

TEST(Coverage, S1_CreditedAcrossAnUnknownOutcome) {
  // The Start's answer is lost; the pair must have been `created` for the later listing.
  BeliefSet b(universe(), default_profile());
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(kP)).conformant);
  b.observe_unknown(requests::start(kHz, kP, std::nullopt, "t-lost"));
  Verdict v = describe_as(b, kHz, "initial_syncing");
  EXPECT_TRUE(v.exercised.contains(RuleId::kS1));
}

TEST(Coverage, S2_CreditedWhenASyncIsSeenComplete) {
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP));
  EXPECT_FALSE(describe_as(b, kHz, "initial_syncing").exercised.contains(RuleId::kS2));
  Verdict normal = describe_as(b, kHz, "normal");
  EXPECT_TRUE(normal.exercised.contains(RuleId::kS2));
  EXPECT_FALSE(normal.exercised.contains(RuleId::kS1));  // credited once, by the listing before
}

TEST(Coverage, S3_CreditedWhenAOneShotSyncEnds) {
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP, true));
  EXPECT_TRUE(describe_as(b, kHz, "stopped").exercised.contains(RuleId::kS3));
}

TEST(Coverage, S4_S5_CreditedWhenStopFailoverReprotectEnd) {
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP));
  ok(b, requests::failover(kSh, kP));
  Verdict failovered = describe_as(b, kHz, "failovered");
  EXPECT_TRUE(failovered.exercised.contains(RuleId::kS4));
  EXPECT_FALSE(failovered.exercised.contains(RuleId::kS5));
  ok(b, requests::reprotect(kSh, kP));
  Verdict reprotecting = describe_as(b, kSh, "reprotecting");  // swapped: the source is shanghai
  EXPECT_FALSE(reprotecting.exercised.contains(RuleId::kS5));
  Verdict stopped = describe_as(b, kSh, "stopped");
  EXPECT_TRUE(stopped.exercised.contains(RuleId::kS5));
  EXPECT_FALSE(stopped.exercised.contains(RuleId::kS4));
}

TEST(Coverage, S5_CreditedByTheFirstAnswerThatNeedsTheMove) {
  // After a reversing Reprotect the pair's source is shanghai: a production listing of hangzhou
  // is empty whether it is still `reprotecting` or `stopped`, so it credits nothing; the
  // listing that shows `stopped` credits S5 (the settle polls of the run loop do exactly this).
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP));
  ok(b, requests::failover(kSh, kP));
  describe_as(b, kHz, "failovered");
  ok(b, requests::reprotect(kSh, kP));
  Request hz = requests::describe(kHz);
  Observed empty = b.example(hz, 0);
  ASSERT_TRUE(empty.pairs.empty());
  Verdict neither = b.observe(hz, empty);
  ASSERT_TRUE(neither.conformant) << neither.message;
  EXPECT_FALSE(neither.exercised.contains(RuleId::kS5));
  EXPECT_TRUE(describe_as(b, kSh, "stopped").exercised.contains(RuleId::kS5));
}

TEST(Coverage, S6_CreditedOnlyWhenAFailedStatusIsSeen) {
  Profile p = default_profile();
  p.async_failures = true;
  BeliefSet b = with_created_pair(p);
  ok(b, requests::start(kHz, kP));
  ok(b, requests::stop(kHz, kP));
  EXPECT_FALSE(describe_as(b, kHz, "stopped").exercised.contains(RuleId::kS6));
  BeliefSet c = with_created_pair(p);
  ok(c, requests::start(kHz, kP));
  ok(c, requests::stop(kHz, kP));
  Verdict v = describe_as(c, kHz, "stop_failed");
  EXPECT_TRUE(v.exercised.contains(RuleId::kS6));
  EXPECT_FALSE(v.exercised.contains(RuleId::kS4));
}

TEST(Coverage, I1_CreditedWhenAReplayIsAnsweredAsTheFirstCall) {
  BeliefSet b = with_created_pair();
  Request start = requests::start(kHz, kP, std::nullopt, "t-i1");
  EXPECT_FALSE(ok(b, start).exercised.contains(RuleId::kI1));
  Verdict replay = ok(b, start);
  EXPECT_TRUE(replay.exercised.contains(RuleId::kI1));
  EXPECT_FALSE(
      replay.exercised.contains(RuleId::kI4));  // the pair exists: the order did not matter
}

TEST(Coverage, I2_CreditedWhenATokenIsReusedWithOtherParameters) {
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP, std::nullopt, "t-i2"));
  Verdict v = b.observe(requests::start(kHz, kP, true, "t-i2"),
                        response(400, "IdempotentParameterMismatch"));
  ASSERT_TRUE(v.conformant) << v.message;
  EXPECT_TRUE(v.exercised.contains(RuleId::kI2));
  // I2 off for Start: the mismatch is evaluated afresh, and I2 still shaped the answer.
  Profile p = default_profile();
  p.i2_reject_actions.erase("StartDiskReplicaPair");
  BeliefSet c = with_created_pair(p);
  ok(c, requests::start(kHz, kP, std::nullopt, "t-i2"));
  Verdict w = c.observe(requests::start(kHz, kP, true, "t-i2"),
                        response(403, "OperationDenied.InvalidStatus"));
  ASSERT_TRUE(w.conformant) << w.message;
  EXPECT_TRUE(w.exercised.contains(RuleId::kI2));
}

TEST(Coverage, I3_CreditedWhenAFailedTokenIsReused) {
  BeliefSet b(universe(), default_profile());
  Request stop = requests::stop(kHz, "pair-none", "t-i3");
  Verdict first = b.observe(stop, response(404, "NoSuchResource"));
  ASSERT_TRUE(first.conformant) << first.message;
  EXPECT_FALSE(first.exercised.contains(RuleId::kI3));
  Verdict again = b.observe(stop, response(404, "NoSuchResource"));  // evaluated afresh
  ASSERT_TRUE(again.conformant) << again.message;
  EXPECT_TRUE(again.exercised.contains(RuleId::kI3));
  // Another token, never failed: no I3.
  Verdict other =
      b.observe(requests::stop(kHz, "pair-none", "t-other"), response(404, "NoSuchResource"));
  EXPECT_FALSE(other.exercised.contains(RuleId::kI3));
}

TEST(Coverage, I3_CreditedWhenTheProfileReplaysTheFirstError) {
  Profile p = default_profile();
  p.i3_consumed_on_error = true;
  BeliefSet b = with_created_pair(p);
  Request stop = requests::stop(kHz, kP, "t-i3c");  // `created`: Stop is refused
  ASSERT_TRUE(b.observe(stop, response(403, "OperationDenied.InvalidStatus")).conformant);
  Verdict again = b.observe(stop, response(403, "OperationDenied.InvalidStatus"));
  ASSERT_TRUE(again.conformant) << again.message;
  EXPECT_TRUE(again.exercised.contains(RuleId::kI3));
}

TEST(Coverage, I4_CreditedWhenAReplayOfADeleteFindsThePairGone) {
  BeliefSet b = with_created_pair();
  ok(b, requests::start(kHz, kP));
  ok(b, requests::stop(kHz, kP));
  describe_as(b, kHz, "stopped");
  Request del = requests::remove(kHz, kP, "t-i4");
  EXPECT_FALSE(ok(b, del).exercised.contains(RuleId::kI4));
  Request d = requests::describe(kHz);
  Observed none = b.example(d, 0);
  for (std::size_t i = 0; i < 8 && !none.pairs.empty(); ++i) none = b.example(d, i);
  ASSERT_TRUE(none.pairs.empty());
  ASSERT_TRUE(b.observe(d, none).conformant);  // deleted: listed nowhere
  Verdict replay = ok(b, del);
  EXPECT_TRUE(replay.exercised.contains(RuleId::kI4));
  EXPECT_TRUE(replay.exercised.contains(RuleId::kI1));
}

TEST(Coverage, I4_NotCreditedWhenThePairStillExists) {
  // `deleting` is refused by a fresh Delete (status), but the existence check passes: whether
  // the token comes before or after it, the replay answers 200.
  Stepper run;
  World w = world_with(S::kStopped);
  Request del = requests::remove(kHz, kPair, "t-i4b");
  World deleting = run(w, del).world;
  ASSERT_EQ(deleting.pair(kPair)->status, S::kDeleting);
  StepResult replay = run(deleting, del);
  ASSERT_TRUE(replay.outcome.success());
  EXPECT_FALSE(replay.outcome.also.contains(RuleId::kI4));
  World gone = deleting;
  gone.pair(kPair)->status = S::kDeleted;
  EXPECT_TRUE(run(gone, del).outcome.also.contains(RuleId::kI4));
}

TEST(Coverage, I5_CreditedWhenATokenMayHaveBeenForgotten) {
  Profile p = default_profile();
  p.token_ttl_s = 60;
  BeliefSet b = with_created_pair(p);
  Request start = requests::start(kHz, kP, std::nullopt, "t-i5");
  ok(b, requests::at(start, 1000));
  Verdict soon = ok(b, requests::at(start, 2000));
  EXPECT_FALSE(soon.exercised.contains(RuleId::kI5));
  Verdict late = ok(b, requests::at(start, 120000));  // remembered or forgotten: both allowed
  EXPECT_TRUE(late.exercised.contains(RuleId::kI5));
}

TEST(Coverage, I6_CreditedWhileATokenIsInFlight) {
  BeliefSet b = with_created_pair();
  Request start = requests::start(kHz, kP, std::nullopt, "t-i6");
  b.observe_unknown(start);
  Verdict v = b.observe(start, response(403, "LastTokenProcessing"));
  ASSERT_TRUE(v.conformant) << v.message;
  EXPECT_TRUE(v.exercised.contains(RuleId::kI6));
  Verdict retry = ok(b, start);
  EXPECT_TRUE(retry.exercised.contains(RuleId::kI6));  // LastTokenProcessing was allowed too
  Verdict after = ok(b, start);                        // answered: no longer in flight
  EXPECT_FALSE(after.exercised.contains(RuleId::kI6));
}

TEST(Coverage, W6_CreditedWhenAV3SignatureVerifies) {
  BeliefSet b(universe(), default_profile());
  Verdict v = b.observe(requests::describe(kHz), b.example(requests::describe(kHz), 0));
  EXPECT_TRUE(v.exercised.contains(RuleId::kW6));
  EXPECT_FALSE(v.exercised.contains(RuleId::kW5));
  Request wrong = requests::describe(kHz);
  wrong.envelope.signature = SignatureFault::kWrongSecret;
  Verdict g7 = b.observe(wrong, response(400, "SignatureDoesNotMatch"));
  ASSERT_TRUE(g7.conformant) << g7.message;
  EXPECT_TRUE(g7.exercised.contains(RuleId::kG7));
  EXPECT_FALSE(g7.exercised.contains(RuleId::kW6));
}

TEST(Coverage, W5_CreditedWhenAV1SignatureVerifies) {
  Profile p = default_profile();
  p.signature = "v1";
  BeliefSet b(universe(), p);
  Verdict v = b.observe(requests::describe(kHz), b.example(requests::describe(kHz), 0));
  EXPECT_TRUE(v.exercised.contains(RuleId::kW5));
  EXPECT_FALSE(v.exercised.contains(RuleId::kW6));
  Request unknown_key = requests::describe(kHz);
  unknown_key.envelope.access_key_id = "ak-nobody";
  Verdict g3 = b.observe(unknown_key, response(404, "InvalidAccessKeyId.NotFound"));
  ASSERT_TRUE(g3.conformant) << g3.message;
  EXPECT_FALSE(g3.exercised.contains(RuleId::kW5));
}

TEST(Coverage, P4_CreditedWhenAnUnknownParameterIsIgnored) {
  BeliefSet b(universe(), default_profile());
  Request plain = requests::describe(kHz);
  EXPECT_FALSE(b.observe(plain, b.example(plain, 0)).exercised.contains(RuleId::kP4));
  Request extra = requests::describe(kHz);
  extra.params.emplace_back("UnknownExtra", "1");
  Verdict v = b.observe(extra, b.example(extra, 0));
  ASSERT_TRUE(v.conformant) << v.message;
  EXPECT_TRUE(v.exercised.contains(RuleId::kP4));
  // A request refused before P4 is looked at does not credit it.
  Request missing = extra;
  requests::erase_param(missing, "RegionId");
  Verdict p1 = b.observe(missing, response(400, "MissingRegionId"));
  ASSERT_TRUE(p1.conformant) << p1.message;
  EXPECT_FALSE(p1.exercised.contains(RuleId::kP4));
  // P4 overridden (unknown parameters refused): the refusal credits it as the deciding rule.
  Profile strict = default_profile();
  strict.p4_ignore_unknown = false;
  BeliefSet c(universe(), strict);
  Verdict r = c.observe(extra, response(400, "InvalidParameter"));
  ASSERT_TRUE(r.conformant) << r.message;
  EXPECT_TRUE(r.exercised.contains(RuleId::kP4));
}

TEST(Coverage, X3_CreditedWhenADestinationDiskIsAttachedOrRefused) {
  BeliefSet b = with_created_pair();
  Verdict refused =
      b.observe(requests::attach("i-sh-1", "d-sh-1"), response(403, "IncorrectDiskStatus"));
  ASSERT_TRUE(refused.conformant) << refused.message;
  EXPECT_TRUE(refused.exercised.contains(RuleId::kX3));
  Verdict other = ok(b, requests::attach("i-sh-1", "d-sh-2"));  // in no pair
  EXPECT_FALSE(other.exercised.contains(RuleId::kX3));
  EXPECT_TRUE(other.exercised.contains(RuleId::kX1));
  // Failed over: the destination disk may be attached, and X3 allowed it.
  Stepper run;
  StepResult attach = run(world_with(S::kFailovered), requests::attach("i-sh-1", "d-sh-1"));
  ASSERT_TRUE(attach.outcome.success());
  EXPECT_TRUE(attach.outcome.also.contains(RuleId::kX3));
}

}  // namespace
}  // namespace paircheck::model
