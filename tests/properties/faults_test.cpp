// Proof that the harness finds bugs: each of the emulator's fault switches (a plausible vendor
// bug) is found by a campaign, named by a rule ID, with a minimal sequence of at most 6 requests.
#include <gtest/gtest.h>

#include <chrono>

#include "emulator/service.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "properties/campaign.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::properties {
namespace {

class Faults : public ::testing::TestWithParam<std::string> {};

TEST_P(Faults, IsFoundWithAShortSequenceNamingARule) {
  const auto fixtures = protocol::load_fixtures(PAIRCHECK_SOURCE_DIR "/fixtures/default.json");
  emulator::ServiceConfig config;
  config.faults = {GetParam()};
  harness::InProcessTarget target(config, fixtures, harness::SignatureVersion::kV3, 1);
  CampaignOptions options;
  options.search.seed = 1;
  options.search.sequences = 5000;
  options.search.max_findings = 1;
  options.search.stop_at_max_findings = true;
  const auto start = std::chrono::steady_clock::now();
  const auto report =
      run_campaign(target, harness::universe_from(fixtures), model::default_profile(), options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(report.target_error.empty()) << report.target_error;
  ASSERT_EQ(report.findings.size(), 1u)
      << GetParam() << " not found in " << report.sequences_run << " sequences";
  const Finding& f = report.findings[0];
  ASSERT_TRUE(f.result.failure.has_value());
  EXPECT_FALSE(f.result.failure->rule_ids.empty());
  EXPECT_EQ(f.result.failure->message.front(), '[') << f.result.failure->message;
  EXPECT_LE(call_count(f.minimal), 6u) << f.result.failure->message;
  std::printf("[fault] %-27s found after %4zu sequences, %.2f s, minimal %zu requests: %s\n",
              GetParam().c_str(), f.sequence_number + 1, seconds, call_count(f.minimal),
              f.result.failure->message.substr(0, 90).c_str());
}

std::vector<std::string> fault_names() {
  std::vector<std::string> names;
  for (const auto& [name, description] : emulator::Service::list_faults()) names.push_back(name);
  return names;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += c == '-' ? '_' : c;
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryEmulatorFault, Faults, ::testing::ValuesIn(fault_names()), test_name);

TEST(Faults, ListHasAtLeastTwelve) { EXPECT_GE(fault_names().size(), 12u); }

}  // namespace
}  // namespace paircheck::properties
