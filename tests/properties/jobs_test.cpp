// run_campaign_jobs (`paircheck run --jobs N`): one job is exactly run_campaign; N jobs together
// run every sequence once, on targets of their own, and merge into one verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>

#include "emulator/service.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "protocol/fixtures.hpp"
#include "session/campaign.hpp"

namespace paircheck::properties {
namespace {

using session::CampaignHooks;
using session::CampaignOptions;
using session::run_campaign;
using session::run_campaign_jobs;

struct Jobs {
  explicit Jobs(std::size_t n, std::vector<std::string> faults = {}) {
    emulator::ServiceConfig config;
    config.faults = std::move(faults);
    for (std::size_t i = 0; i < n; ++i) {
      owned.push_back(std::make_unique<harness::InProcessTarget>(
          config, fixtures, harness::SignatureVersion::kV3, 1 + i));
      targets.push_back(owned.back().get());
    }
  }
  protocol::Fixtures fixtures = protocol::default_fixtures();
  model::Universe universe = harness::universe_from(fixtures);
  std::vector<std::unique_ptr<harness::InProcessTarget>> owned;
  std::vector<harness::Target*> targets;
};

CampaignOptions options(std::size_t sequences) {
  CampaignOptions o;
  o.search.seed = 7;
  o.search.sequences = sequences;
  o.search.max_steps = 12;
  return o;
}

TEST(Jobs, M1_OneJobIsExactlyTheSingleCampaign) {
  Jobs one(1), plain(1);
  std::size_t records_jobs = 0, records_plain = 0;
  CampaignHooks count_jobs, count_plain;
  count_jobs.on_record = [&](std::size_t, bool, const model::StepRecord&) { ++records_jobs; };
  count_plain.on_record = [&](std::size_t, bool, const model::StepRecord&) { ++records_plain; };
  const auto a = run_campaign_jobs(one.targets, one.universe, model::default_profile(), options(60),
                                   count_jobs);
  const auto b = run_campaign(*plain.targets[0], plain.universe, model::default_profile(),
                              options(60), count_plain);
  EXPECT_EQ(a.sequences_run, b.sequences_run);
  EXPECT_EQ(a.executions, b.executions);
  EXPECT_EQ(records_jobs, records_plain);
  EXPECT_GT(records_jobs, 60u);
}

TEST(Jobs, M1_TwoJobsRunEverySequenceOnceAndStayConformant) {
  Jobs two(2);
  std::mutex mutex;
  std::multiset<std::size_t> numbers;
  std::size_t records = 0;
  CampaignHooks hooks;
  hooks.on_sequence = [&](std::size_t n, const harness::Sequence&) { numbers.insert(n); };
  hooks.on_record = [&](std::size_t n, bool, const model::StepRecord&) {
    std::lock_guard lock(mutex);
    ++records;
    EXPECT_LT(n, 101u);
  };
  const auto report =
      run_campaign_jobs(two.targets, two.universe, model::default_profile(), options(101), hooks);
  EXPECT_TRUE(report.target_error.empty()) << report.target_error;
  EXPECT_TRUE(report.findings.empty()) << report.findings.front().key;
  EXPECT_EQ(report.sequences_run, 101u);
  ASSERT_EQ(numbers.size(), 101u);
  for (std::size_t n = 0; n < 101; ++n) EXPECT_EQ(numbers.count(n), 1u) << n;
  EXPECT_GT(records, 101u);
}

TEST(Jobs, M4_TwoJobsFindAFaultOnceAndShrinkIt) {
  Jobs two(2, {"error-without-code", "no-signature-check"});
  CampaignOptions o = options(400);
  o.search.max_findings = 4;
  const auto report = run_campaign_jobs(two.targets, two.universe, model::default_profile(), o);
  ASSERT_TRUE(report.target_error.empty()) << report.target_error;
  ASSERT_GE(report.findings.size(), 2u);
  std::set<std::string> keys;
  for (const Finding& f : report.findings) {
    EXPECT_TRUE(keys.insert(f.key).second) << "finding " << f.key << " reported twice";
    EXPECT_LE(call_count(f.minimal), 6u);
    EXPECT_LT(f.sequence_number, 400u);
  }
  EXPECT_TRUE(std::is_sorted(
      report.findings.begin(), report.findings.end(),
      [](const Finding& a, const Finding& b) { return a.sequence_number < b.sequence_number; }));
}

TEST(Jobs, StopAtMaxFindingsEndsEveryJob) {
  Jobs two(2, {"error-without-code"});
  CampaignOptions o = options(5000);
  o.search.max_findings = 1;
  o.search.stop_at_max_findings = true;
  const auto report = run_campaign_jobs(two.targets, two.universe, model::default_profile(), o);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_LT(report.sequences_run, 5000u);
}

}  // namespace
}  // namespace paircheck::properties
