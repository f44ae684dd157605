// Proof that the harness finds bugs: each of the emulator's fault switches (a plausible vendor
// bug) is found by a campaign with a minimal sequence of at most 6 requests, and its finding key
// names the rule the evidence points to (after diagnosis by A-rule alternatives).
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "emulator/service.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "models/verdict.hpp"
#include "protocol/fixtures.hpp"
#include "session/campaign.hpp"

namespace paircheck::properties {
namespace {

using session::CampaignHooks;
using session::CampaignOptions;
using session::run_campaign;
using session::run_campaign_jobs;

// The rule of each fault's finding (seed 1). Where it is not the rule the fault description
// names, the minimal evidence is explained by an A rule's other setting, which is what it shows:
// - reprotect-keeps-direction: the Describe after a reversing Reprotect lists the pair with its
//   old direction (O9's listed fields).
// - check-then-act (a race, not seeded): any of O2-O10, see the test.
// - swap-404-403: an unknown AccessKeyId's 404 (G3) answered 403, met before a NoSuchResource.
// - no-site-check: a Failover sent to the primary of a pair Failover is refused from answers
//   InvalidStatus where the check order (O0: site before status) owes OperateNotAllowedForPrimary.
// (Both since issue 13's wider generation changed which sequence of seed 1 meets the fault first.)
const std::map<std::string, model::RuleId> kFaultRules = {
    {"start-ignores-status", model::RuleId::kO2},
    {"invalid-status-as-400", model::RuleId::kO0},  // O0 owns the shared InvalidStatus error
    {"replay-reexecutes", model::RuleId::kI1},
    {"token-mismatch-ignored", model::RuleId::kI2},
    {"failed-token-consumed", model::RuleId::kI3},
    {"no-manual-sync-cooldown", model::RuleId::kO3},
    {"no-standby-device-check", model::RuleId::kO2},  // a OneShot start: O3 "as O2"
    {"missing-parameter-accepted", model::RuleId::kP1},
    {"swap-404-403", model::RuleId::kG3},
    {"stop-never-completes", model::RuleId::kM3},
    {"describe-skips-pair", model::RuleId::kO9},
    {"no-site-check", model::RuleId::kO0},
    {"no-signature-check", model::RuleId::kG7},
    {"nonce-not-checked", model::RuleId::kG8},
    {"error-without-code", model::RuleId::kW3},
    {"replay-reuses-request-id", model::RuleId::kW4},
    {"reprotect-keeps-direction", model::RuleId::kO9},
    {"deleted-pairs-listed", model::RuleId::kO9},
    {"check-then-act", model::RuleId::kO2},  // Start||Start: both accepted
    // Found over HTTP with the nemesis (tests/harness/nemesis_test.cpp): a retried Create runs
    // again and is refused, where a replay ([I1]) or a first Create ([O1]) was allowed.
    {"lost-answer-reexecutes", model::RuleId::kO1},
};

// Faults one in-process client cannot show, each found by its own test instead.
const std::map<std::string, std::string> kNotInProcess = {
    {"lost-answer-reexecutes", "needs an answer lost on a wire: tests/harness/nemesis_test.cpp"},
};

// Faults only a race shows: their campaign generates race steps (SearchOptions::races).
const std::set<std::string> kRaceFaults = {"check-then-act"};

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
  options.search.races = kRaceFaults.count(GetParam()) != 0;
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
  const model::Verdict& failure = *f.result.failure;
  const auto key = model::FindingKey::parse(f.key);
  ASSERT_TRUE(key.has_value()) << f.key;
  ASSERT_TRUE(failure.key.has_value());
  EXPECT_EQ(*failure.key, *key);
  const auto want = kFaultRules.find(GetParam());
  ASSERT_NE(want, kFaultRules.end()) << "no expected rule for fault " << GetParam();
  if (kRaceFaults.contains(GetParam())) {
    // Thread scheduling is not seeded: which racing call meets the corrupted state first varies
    // from run to run; it is one of the lifecycle rules (O2-O10), never a wire or token rule.
    const std::string rule(to_string(key->rule));
    EXPECT_TRUE(rule.size() >= 2 && rule[0] == 'O' && rule != "O0" && rule != "O1") << rule;
  } else {
    EXPECT_EQ(to_string(key->rule), to_string(want->second)) << failure.message;
  }
  EXPECT_EQ(failure.primary(), key->rule);
  ASSERT_FALSE(failure.rule_ids.empty());
  EXPECT_EQ(failure.rule_ids.front(), key->rule);
  EXPECT_EQ(failure.message.rfind("[" + std::string(to_string(key->rule)) + "]", 0), 0u)
      << failure.message;
  EXPECT_LE(call_count(f.minimal), 6u) << f.result.failure->message;
  std::printf("[fault] %-27s found after %4zu sequences, %.2f s, minimal %zu requests: %s\n",
              GetParam().c_str(), f.sequence_number + 1, seconds, call_count(f.minimal),
              f.result.failure->message.substr(0, 90).c_str());
}

// Every fault but those one in-process client cannot show (kNotInProcess names their own tests).
std::vector<std::string> fault_names() {
  std::vector<std::string> names;
  for (const auto& [name, description] : emulator::Service::list_faults()) {
    if (!kNotInProcess.contains(name)) names.push_back(name);
  }
  return names;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += c == '-' ? '_' : c;
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryEmulatorFault, Faults, ::testing::ValuesIn(fault_names()), test_name);

TEST(Faults, ListHasAtLeastTwelve) { EXPECT_GE(fault_names().size(), 12u); }

TEST(Faults, EveryFaultHasItsExpectedRule) {
  const auto faults = emulator::Service::list_faults();  // the in-process campaign's and the rest
  for (const auto& [name, description] : faults) EXPECT_EQ(kFaultRules.count(name), 1u) << name;
  EXPECT_EQ(kFaultRules.size(), faults.size());
}

}  // namespace
}  // namespace paircheck::properties
