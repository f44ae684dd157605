// The run loop (harness/run_sequence): judged calls, unknown outcomes and their retry (M2, I1),
// liveness (M3), placeholders.
#include <gtest/gtest.h>

#include "harness/run_sequence.hpp"
#include "models/requests.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

using model::requests::CreateArgs;

Step call(model::Request r) { return Step{Step::Kind::kCall, std::move(r), 0, 0}; }
Step settle(std::size_t slot) { return Step{Step::Kind::kSettle, {}, 0, slot}; }

model::Request create_first_pair(std::optional<std::string> token = "{tok:1}") {
  return model::requests::create({"cn-hangzhou", "cn-hangzhou-h", "d-hz-0001", "cn-shanghai",
                                  "cn-shanghai-e", "d-sh-0001", token, std::nullopt, std::nullopt});
}

// Applies every request on the inner target, but reports the chosen ones as lost (a reset after
// the server acted): the judge must keep both outcomes and the retry must converge.
class LosingTarget final : public Target {
 public:
  LosingTarget(Target& inner, std::vector<std::size_t> lose)
      : inner_(inner), lose_(std::move(lose)) {}
  WireResult send(const model::Request& request) override {
    WireResult result = inner_.send(request);
    if (std::find(lose_.begin(), lose_.end(), sent_++) != lose_.end()) {
      return WireResult{WireResult::Kind::kUnknown, 0,  {},     {},
                        "connection reset (test)",  {}, nullptr};
    }
    return result;
  }
  std::int64_t now_ms() override { return inner_.now_ms(); }
  ClockControl* clock() override { return inner_.clock(); }
  std::string describe() const override { return "losing"; }

 private:
  Target& inner_;
  std::vector<std::size_t> lose_;
  std::size_t sent_ = 0;
};

class RunLoop : public ::testing::Test {
 protected:
  protocol::Fixtures fixtures = testing::default_fixtures();
  model::BeliefSet beliefs{universe_from(fixtures), model::default_profile()};
  RunOptions options;
};

TEST_F(RunLoop, O1_CreateThenSettleIsConformant) {
  InProcessTarget target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  auto result = run_sequence(target, beliefs, {call(create_first_pair()), settle(0)}, options);
  ASSERT_TRUE(result.conformant())
      << (result.failure ? result.failure->message : result.target_error);
  ASSERT_EQ(result.created.size(), 1u);
  EXPECT_EQ(result.created[0].region, "cn-hangzhou");
  EXPECT_GE(result.records.size(), 2u);  // the Create and at least one settle poll
}

TEST_F(RunLoop, M2_LostCreateIsRetriedWithTheSameTokenAndConverges) {
  InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  LosingTarget target(inner, {0});  // the first Create is applied, its answer lost
  auto result = run_sequence(target, beliefs, {call(create_first_pair()), settle(0)}, options);
  ASSERT_TRUE(result.conformant())
      << (result.failure ? result.failure->message : result.target_error);
  ASSERT_GE(result.records.size(), 2u);
  EXPECT_FALSE(result.records[0].observed.has_value());  // judged as unknown (M2)
  ASSERT_TRUE(result.records[1].observed.has_value());   // the retry (I1)
  EXPECT_EQ(result.records[1].observed->http_status, 200);
  EXPECT_EQ(result.created.size(), 1u);  // one pair, not two
}

TEST_F(RunLoop, I1_RetryWithoutTokenOfAnAppliedCreateIsCaughtWhenItRepeats) {
  // Without a ClientToken the retry is a new Create on the same disks: the target refuses it
  // (disks in a live pair), which the model allows because the first may have been applied.
  InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  LosingTarget target(inner, {0});
  auto result = run_sequence(target, beliefs, {call(create_first_pair(std::nullopt))}, options);
  ASSERT_TRUE(result.conformant())
      << (result.failure ? result.failure->message : result.target_error);
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[1].observed->code, "OperationDenied");
}

TEST_F(RunLoop, M3_StatusThatNeverEndsFailsLiveness) {
  InProcessTarget target(testing::virtual_config({"stop-never-completes"}), fixtures,
                         SignatureVersion::kV3, 1);
  Sequence s{call(create_first_pair()), settle(0),
             call(model::requests::start("{primary:0}", "{pair:0}", true, "{tok:2}")),
             call(model::requests::stop("{primary:0}", "{pair:0}", "{tok:3}")), settle(0)};
  auto result = run_sequence(target, beliefs, s, options);
  ASSERT_EQ(result.status, SequenceResult::Status::kNonConformant);
  ASSERT_TRUE(result.failure.has_value());
  EXPECT_EQ(result.failure->rule_ids, model::RuleIds{model::RuleId::kM3});
  EXPECT_EQ(result.failure->message.rfind("[M3]", 0), 0u) << result.failure->message;
  EXPECT_EQ(result.failing_step, 4u);
}

TEST_F(RunLoop, O2_WrongStatusAcceptedIsNamed) {
  InProcessTarget target(testing::virtual_config({"start-ignores-status"}), fixtures,
                         SignatureVersion::kV1, 1);
  Sequence s{call(create_first_pair()), settle(0),
             call(model::requests::start("{primary:0}", "{pair:0}", false, "{tok:2}")),
             call(model::requests::start("{standby:0}", "{pair:0}", false, "{tok:3}"))};
  auto result = run_sequence(target, beliefs, s, options);
  ASSERT_EQ(result.status, SequenceResult::Status::kNonConformant);
  EXPECT_EQ(result.failing_step, 3u);
  EXPECT_NE(std::find(result.failure->allowed.begin(), result.failure->allowed.end(),
                      "403 OperationDenied.InvalidStatus [O2 O0]"),
            result.failure->allowed.end())
      << result.failure->message;
}

TEST_F(RunLoop, PlaceholdersResolveToThisSequencesPairAndRegions) {
  InProcessTarget target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  options.unique_prefix = "abc";
  auto result = run_sequence(
      target, beliefs,
      {call(create_first_pair()), call(model::requests::progress("{standby:0}", "{pair:0}"))},
      options);
  ASSERT_TRUE(result.conformant()) << (result.failure ? result.failure->message : "");
  const auto& create = result.records[0].request;
  EXPECT_EQ(model::find_param(create.params, "ClientToken"), "abc-t1");
  EXPECT_EQ(create.envelope.nonce, "");
  const auto& progress = result.records[1].request;
  EXPECT_EQ(model::find_param(progress.params, "RegionId"), "cn-shanghai");
  EXPECT_EQ(model::find_param(progress.params, "ReplicaPairId"), result.created[0].id);
}

// CI met it: an off-form token "9{tok:4}" went out literally, the same string in every sequence,
// and a second client replaying it with another pair got IdempotentParameterMismatch.
TEST_F(RunLoop, PlaceholdersResolveInsideOffFormsAndListItems) {
  InProcessTarget target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  options.unique_prefix = "abc";
  model::Request describe = model::requests::describe("{primary:0}");
  describe.params.emplace_back("PairIds", " {pair:0},,x{tok:2}{");
  auto result = run_sequence(
      target, beliefs,
      {call(create_first_pair()),
       call(model::requests::stop("{primary:0}", "{pair:0}", "9{tok:4}")), call(describe)},
      options);
  ASSERT_EQ(result.records.size(), 3u);
  EXPECT_EQ(model::find_param(result.records[1].request.params, "ClientToken"), "9abc-t4");
  EXPECT_EQ(model::find_param(result.records[2].request.params, "PairIds"),
            " " + result.created[0].id + ",,xabc-t2{");
}

}  // namespace
}  // namespace paircheck::harness
