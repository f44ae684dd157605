// Issue 14: a settle that times out on a target with no clock control is an M3 finding only when
// the run has seen time move there (a transient status end); else a target error with a hint (a
// virtual clock nobody moves). One pair stuck while others move stays M3.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "harness/cleanup.hpp"
#include "harness/run_sequence.hpp"
#include "harness/transient_watch.hpp"
#include "models/json_io.hpp"
#include "models/requests.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

Step call(model::Request r) { return Step{Step::Kind::kCall, std::move(r), 0, 0}; }
Step settle(std::size_t slot) { return Step{Step::Kind::kSettle, {}, 0, slot}; }
Step wait(double seconds) { return Step{Step::Kind::kWait, {}, seconds, 0}; }

model::Request create_first_pair() {
  return model::requests::create({"cn-hangzhou", "cn-hangzhou-h", "d-hz-0001", "cn-shanghai",
                                  "cn-shanghai-e", "d-sh-0001", "{tok:1}", std::nullopt,
                                  std::nullopt});
}

// A virtual-clock emulator whose clock the harness is not given (a URL without its control
// token): time never moves on it, and the harness can only wait on its own clock.
class ClocklessTarget final : public Target {
 public:
  explicit ClocklessTarget(Target& inner) : inner_(inner) {}
  WireResult send(const model::Request& request) override { return inner_.send(request); }
  std::int64_t now_ms() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  std::string describe() const override { return "http://frozen.test"; }

 private:
  Target& inner_;
};

model::Observed describe_answer(const std::string& pair, const std::string& status) {
  model::Observed o;
  o.http_status = 200;
  o.pairs.push_back({});
  o.pairs.back().replica_pair_id = pair;
  o.pairs.back().status = status;
  return o;
}

TEST(TransientWatch, M3_ADescribeShowingAnotherStatusProvesTimeMoves) {
  const model::Profile profile = model::default_profile();
  TransientWatch watch(profile);
  model::Observed created;
  created.http_status = 200;
  created.replica_pair_id = "pair-1";
  EXPECT_FALSE(watch.observe(create_first_pair(), created));  // now known 'creating' (O1)
  const model::Request describe = model::requests::describe("cn-hangzhou");
  EXPECT_FALSE(watch.observe(describe, describe_answer("pair-1", "creating")));
  EXPECT_TRUE(watch.observe(describe, describe_answer("pair-1", "created")));
}

TEST(TransientWatch, M3_AnOperationAcceptedOnlyAfterTheTransientStatusProvesTimeMoves) {
  const model::Profile profile = model::default_profile();
  model::Observed ok;
  ok.http_status = 200;
  const model::Request describe = model::requests::describe("cn-hangzhou");
  {  // Start is accepted from created or stopped only (O2): 'creating' had ended.
    TransientWatch watch(profile);
    watch.observe(describe, describe_answer("pair-1", "creating"));
    EXPECT_TRUE(watch.observe(model::requests::start("cn-hangzhou", "pair-1"), ok));
  }
  {  // Stop is accepted in initial_syncing itself (O4): nothing proven.
    TransientWatch watch(profile);
    watch.observe(describe, describe_answer("pair-1", "initial_syncing"));
    EXPECT_FALSE(watch.observe(model::requests::stop("cn-hangzhou", "pair-1"), ok));
    EXPECT_FALSE(watch.observe(describe, describe_answer("pair-1", "stopping")));
  }
  {  // A refused call proves nothing, and an unknown outcome forgets what was known.
    TransientWatch watch(profile);
    watch.observe(describe, describe_answer("pair-1", "creating"));
    model::Observed refused = ok;
    refused.http_status = 403;
    refused.code = "OperationDenied.InvalidStatus";
    EXPECT_FALSE(watch.observe(model::requests::start("cn-hangzhou", "pair-1"), refused));
    watch.forget("pair-1");
    EXPECT_FALSE(watch.observe(describe, describe_answer("pair-1", "created")));
  }
}

class FrozenClock : public ::testing::Test {
 protected:
  FrozenClock() {
    options.settle_timeout_s = 0.3;
    options.first_poll_s = 0.02;
    options.max_poll_s = 0.05;
    options.transient_ended = &ended;
  }
  protocol::Fixtures fixtures = testing::default_fixtures();
  model::BeliefSet beliefs{universe_from(fixtures), model::default_profile()};
  RunOptions options;
  std::atomic<bool> ended{false};
};

TEST_F(FrozenClock, M3_NoTransientEndedAnywhereIsATargetErrorWithAHint) {
  InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  ClocklessTarget target(inner);
  auto result = run_sequence(target, beliefs, {call(create_first_pair()), settle(0)}, options);
  ASSERT_EQ(result.status, SequenceResult::Status::kTargetError)
      << (result.failure ? result.failure->message : "conformant");
  EXPECT_EQ(result.target_error.rfind("no transient status ended in ", 0), 0u)
      << result.target_error;
  EXPECT_NE(result.target_error.find(" s on http://frozen.test: is the target on a virtual clock "
                                     "without a control token? (paircheck-emulator --clock real, "
                                     "or pass --control-token)"),
            std::string::npos)
      << result.target_error;
  EXPECT_FALSE(ended.load());
}

TEST_F(FrozenClock, M3_OnePairStuckWhileAnotherMovedIsStillAFinding) {
  InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  ClocklessTarget target(inner);
  ended = true;  // another client of the run saw a pair leave a transient status
  auto result = run_sequence(target, beliefs, {call(create_first_pair()), settle(0)}, options);
  ASSERT_EQ(result.status, SequenceResult::Status::kNonConformant) << result.target_error;
  EXPECT_EQ(result.failure->rule_ids, model::RuleIds{model::RuleId::kM3});
}

// stop-never-completes on a real clock: 'creating' and 'initial_syncing' end, 'stopping' never
// does. The sequence itself shows time moving, even with no Describe between the Create and the
// Start (an accepted Start proves 'creating' had ended), so the stuck Stop is M3.
TEST_F(FrozenClock, M3_StopNeverCompletesOnARealClockIsStillFound) {
  emulator::ServiceConfig config = testing::virtual_config({"stop-never-completes"});
  config.clock = emulator::ClockMode::kReal;
  config.transient_min_s = config.transient_max_s = 0.01;
  InProcessTarget target(config, fixtures, SignatureVersion::kV3, 1);
  ASSERT_EQ(target.clock(), nullptr);
  Sequence s{call(create_first_pair()), wait(0.2),
             call(model::requests::start("{primary:0}", "{pair:0}", false, "{tok:2}")),
             call(model::requests::stop("{primary:0}", "{pair:0}", "{tok:3}")), settle(0)};
  auto result = run_sequence(target, beliefs, s, options);
  ASSERT_EQ(result.status, SequenceResult::Status::kNonConformant) << result.target_error;
  EXPECT_EQ(result.failure->rule_ids, model::RuleIds{model::RuleId::kM3});
  EXPECT_TRUE(ended.load());
}

// Cleanup goes on from what the run knew: a pair the sequence left 'creating' and cleanup finds
// 'created' shows time moving, even if cleanup never saw it 'creating' itself; on a clock nobody
// moves it stays 'creating', and cleanup reports it stuck with no such proof.
TEST_F(FrozenClock, M3_CleanupTellsWhetherTheTransientStatusTheRunLeftEnded) {
  const std::vector<Attachment> none;
  CleanupOptions cleanup;
  cleanup.settle_timeout_s = 0.3;
  cleanup.first_pause_s = 0.02;
  {
    emulator::ServiceConfig config = testing::virtual_config();
    config.clock = emulator::ClockMode::kReal;
    config.transient_min_s = config.transient_max_s = 0.01;
    InProcessTarget target(config, fixtures, SignatureVersion::kV3, 1);
    auto result = run_sequence(target, beliefs, {call(create_first_pair()), wait(0.2)}, options);
    ASSERT_EQ(result.transient_known.at(result.created.at(0).id), "creating");
    ASSERT_FALSE(ended.load());  // nothing of the sequence saw the pair again
    cleanup.last_transient = result.transient_known;
    const CleanupResult cleaned = clean_up(target, result.created, none, cleanup);
    EXPECT_TRUE(cleaned.ok());
    EXPECT_TRUE(cleaned.transient_ended);
  }
  {
    model::BeliefSet fresh{universe_from(fixtures), model::default_profile()};
    InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
    ClocklessTarget target(inner);
    auto result = run_sequence(target, fresh, {call(create_first_pair())}, options);
    cleanup.last_transient = result.transient_known;
    const CleanupResult cleaned = clean_up(target, result.created, none, cleanup);
    ASSERT_EQ(cleaned.stuck.size(), 1u);
    EXPECT_EQ(cleaned.stuck[0].second, "creating");
    EXPECT_FALSE(cleaned.transient_ended);
  }
}

}  // namespace
}  // namespace paircheck::harness
