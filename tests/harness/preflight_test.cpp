// Issue 14: before a run generates anything, the target must speak the API (a 200 of the
// contract's shape to one signed Describe per fixture region) and hold no pair on a fixture disk;
// leftovers are released with --clean-start or reported, never judged.
#include <gtest/gtest.h>

#include <algorithm>

#include "harness/preflight.hpp"
#include "models/json_io.hpp"
#include "models/requests.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

// Answers every request with one fixed HTTP response, as a proxy or another service would.
class FixedAnswerTarget final : public Target {
 public:
  FixedAnswerTarget(int status, std::string body) : status_(status), body_(std::move(body)) {}
  WireResult send(const model::Request&) override {
    return WireResult{WireResult::Kind::kResponse, status_, {}, body_, "", {}, nullptr};
  }
  std::int64_t now_ms() override { return 0; }
  std::string describe() const override { return "http://proxy.test"; }

 private:
  int status_;
  std::string body_;
};

// The emulator as an account that cannot be reset (a real cloud, or a URL without its control
// token): its clock still moves under cleanup, so that --clean-start need not sleep.
class AccountTarget final : public Target {
 public:
  explicit AccountTarget(Target& inner) : inner_(inner) {}
  WireResult send(const model::Request& request) override { return inner_.send(request); }
  std::int64_t now_ms() override { return inner_.now_ms(); }
  ClockControl* clock() override { return inner_.clock(); }
  std::string describe() const override { return "http://account.test"; }

 private:
  Target& inner_;
};

class Preflight : public ::testing::Test {
 protected:
  protocol::Fixtures fixtures = testing::default_fixtures();
  model::Universe universe = universe_from(fixtures);
  InProcessTarget emulator{testing::virtual_config(), fixtures, SignatureVersion::kV3, 1};
  AccountTarget target{emulator};

  std::string leave_a_pair() {
    const WireResult wire = target.send(model::requests::create(
        {"cn-hangzhou", "cn-hangzhou-h", "d-hz-0001", "cn-shanghai", "cn-shanghai-e", "d-sh-0001",
         std::nullopt, std::nullopt, std::nullopt}));
    const model::Observed o =
        model::parse_observed("CreateDiskReplicaPair", wire.status, wire.body);
    EXPECT_EQ(o.http_status, 200) << wire.body;
    return o.replica_pair_id;
  }
};

TEST_F(Preflight, ACleanTargetPasses) {
  const PreflightResult result = preflight(target, universe);
  EXPECT_EQ(result.error, "");
  EXPECT_TRUE(result.released.empty());
}

TEST_F(Preflight, O1_ALeftoverPairIsReportedWithItsStatusAndDisksNotJudged) {
  const std::string pair = leave_a_pair();
  ASSERT_FALSE(pair.empty());
  const PreflightResult result = preflight(target, universe);
  EXPECT_NE(result.error.find("http://account.test already holds 1 pair(s) on fixture disks"),
            std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find(pair + " (creating, d-hz-0001 -> d-sh-0001)"), std::string::npos)
      << result.error;
  EXPECT_NE(result.error.find("--clean-start"), std::string::npos) << result.error;
}

TEST_F(Preflight, O1_CleanStartDeletesLeftoversAndDetachesDisksThenPasses) {
  const std::string pair = leave_a_pair();
  const WireResult attached = target.send(model::requests::attach("i-hz-0002", "d-hz-0003"));
  ASSERT_EQ(attached.status, 200) << attached.body;
  PreflightOptions options;
  options.clean_start = true;
  const PreflightResult result = preflight(target, universe, options);
  EXPECT_EQ(result.error, "");
  const auto has = [&](const std::string& line) {
    return std::find(result.released.begin(), result.released.end(), line) != result.released.end();
  };
  EXPECT_TRUE(has(pair + " deleted"));
  EXPECT_TRUE(has("d-hz-0003 detached from i-hz-0002"));
  EXPECT_EQ(preflight(target, universe).error, "");  // nothing left: a run may start
}

TEST_F(Preflight, ATargetTheRunResetsNeedsNoCleanStart) {
  leave_a_pair();
  EXPECT_EQ(preflight(emulator, universe).error, "");  // the run's reset removes it
}

TEST_F(Preflight, W3_A404WithAnEmptyBodyDoesNotSpeakTheApi) {
  FixedAnswerTarget proxy(404, "");
  EXPECT_EQ(preflight(proxy, universe).error,
            "http://proxy.test does not speak the API: DescribeDiskReplicaPairs in cn-hangzhou got "
            "404 with an empty body");
}

TEST_F(Preflight, W2_A200ThatIsNotTheContractsShapeDoesNotSpeakTheApi) {
  FixedAnswerTarget html(200, "<html><body>It works!</body></html>\n");
  const std::string error = preflight(html, universe).error;
  EXPECT_EQ(error.rfind("http://proxy.test does not speak the API: DescribeDiskReplicaPairs in "
                        "cn-hangzhou got 200 with a body that is not the contract's",
                        0),
            0u)
      << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;  // one line
  FixedAnswerTarget other(200, R"({"RequestId": "x", "Items": []})");
  EXPECT_NE(preflight(other, universe).error.find("does not speak the API"), std::string::npos);
}

TEST_F(Preflight, G3_AContractErrorIsNamedWithItsCodeAndMessage) {
  FixedAnswerTarget refusing(404, R"({"RequestId": "r", "HostId": "h", "Code": )"
                                  R"("InvalidAccessKeyId.NotFound", "Message": "Specified access )"
                                  R"(key is not found."})");
  EXPECT_EQ(preflight(refusing, universe).error,
            "http://proxy.test: DescribeDiskReplicaPairs in cn-hangzhou was refused: 404 "
            "InvalidAccessKeyId.NotFound: Specified access key is not found.");
}

}  // namespace
}  // namespace paircheck::harness
