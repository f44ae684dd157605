// The status x operation matrix of contract §6 (O2-O10 with O0's status step), one test per status.
// The expected table is written here from the contract text, not taken from the model's tables.
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

// Cell codes: "403" OperationDenied.InvalidStatus, "404" NoSuchResource, "=" 200 and no change,
// "ok" 200 (reads), otherwise 200 and the pair's new status. Describe: "L" listed, "-" not listed.
struct Row {
  const char* status;
  const char* start_f;
  const char* start_t;
  const char* stop;
  const char* failover;
  const char* reprotect;
  const char* del;
  const char* modify;
  const char* progress;
  const char* describe;
};

const Row kTable[] = {
    {"creating", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"created", "initial_syncing", "manual_syncing", "403", "403", "403", "403", "=", "ok", "L"},
    {"create_failed", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"initial_syncing", "403", "403", "stopping", "403", "403", "403", "403", "ok", "L"},
    {"manual_syncing", "403", "403", "stopping", "failovering", "403", "403", "403", "ok", "L"},
    {"syncing", "403", "403", "stopping", "failovering", "403", "403", "403", "ok", "L"},
    {"normal", "403", "403", "stopping", "failovering", "403", "403", "403", "ok", "L"},
    {"stopping", "403", "403", "403", "failovering", "403", "403", "403", "ok", "L"},
    {"stopped", "initial_syncing", "manual_syncing", "403", "failovering", "403", "deleting", "=",
     "ok", "L"},
    {"stop_failed", "403", "403", "403", "failovering", "403", "403", "403", "ok", "L"},
    {"failovering", "403", "403", "403", "=", "403", "403", "403", "ok", "L"},
    {"failovered", "403", "403", "403", "=", "reprotecting", "deleting", "403", "ok", "L"},
    {"failover_failed", "403", "403", "403", "failovering", "403", "403", "403", "ok", "L"},
    {"reprotecting", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"reprotect_failed", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"deleting", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"deleted", "404", "404", "404", "404", "404", "404", "404", "404", "-"},
    {"delete_failed", "403", "403", "403", "403", "403", "403", "403", "ok", "L"},
    {"invalid", "403", "403", "403", "403", "403", "deleting", "403", "ok", "L"},
};

void expect_cell(const World& before, const Request& r, const std::string& cell) {
  SCOPED_TRACE(r.action + " expecting " + cell);
  Stepper run;
  StepResult res = run(before, r);
  if (cell == "403") {
    EXPECT_EQ(res.outcome.http, std::vector<int>{403});
    EXPECT_EQ(res.outcome.codes, std::vector<std::string>{"OperationDenied.InvalidStatus"});
    EXPECT_EQ(res.world, before);
  } else if (cell == "404") {
    EXPECT_EQ(res.outcome.http, std::vector<int>{404});
    EXPECT_EQ(res.outcome.codes, std::vector<std::string>{"NoSuchResource"});
    EXPECT_EQ(res.world, before);
  } else if (cell == "=" || cell == "ok") {
    EXPECT_TRUE(res.outcome.success()) << res.outcome.summary();
    EXPECT_EQ(res.world.pair(kPair)->status, before.pair(kPair)->status);
  } else {
    EXPECT_TRUE(res.outcome.success()) << res.outcome.summary();
    ASSERT_NE(res.world.pair(kPair), nullptr);
    EXPECT_EQ(to_string(res.world.pair(kPair)->status), cell);
  }
  EXPECT_EQ(res.ambiguous, 0u);
}

class StatusMatrix : public ::testing::TestWithParam<Row> {};

TEST_P(StatusMatrix, O0_O2_O10_MatchContractTable) {
  const Row& row = GetParam();
  auto status = parse_status(row.status);
  ASSERT_TRUE(status.has_value());
  const World w = world_with(*status);
  using namespace requests;
  expect_cell(w, start(kHz, kPair, false), row.start_f);
  expect_cell(w, start(kHz, kPair, true), row.start_t);
  expect_cell(w, stop(kHz, kPair), row.stop);
  expect_cell(w, failover(kSh, kPair), row.failover);    // destination region (O5)
  expect_cell(w, reprotect(kSh, kPair), row.reprotect);  // destination region (O6)
  expect_cell(w, remove(kHz, kPair), row.del);           // source region (O7)
  expect_cell(w, modify(kHz, kPair, "renamed"), row.modify);
  expect_cell(w, progress(kHz, kPair), row.progress);

  Stepper run;
  StepResult d = run(w, describe(kHz));
  ASSERT_TRUE(d.outcome.success());
  ASSERT_EQ(d.outcome.body, BodyKind::kDescribe);
  EXPECT_EQ(d.outcome.describe.candidates.size(), std::string(row.describe) == "L" ? 1u : 0u);
  EXPECT_EQ(d.world, w);
}

INSTANTIATE_TEST_SUITE_P(Operations, StatusMatrix, ::testing::ValuesIn(kTable),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           return std::string(info.param.status);
                         });

TEST(StatusMatrix, O9_BackupSiteListsByDestinationRegion) {
  Stepper run;
  World w = world_with(S::kNormal);
  EXPECT_EQ(run(w, requests::describe(kSh, "backup")).outcome.describe.candidates.size(), 1u);
  EXPECT_EQ(run(w, requests::describe(kSh)).outcome.describe.candidates.size(), 0u);
  EXPECT_EQ(run(w, requests::describe(kHz, "backup")).outcome.describe.candidates.size(), 0u);
}

}  // namespace
}  // namespace paircheck::model
