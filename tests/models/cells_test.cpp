// The fine coverage map (models/cells.hpp, issue 13): the cells one judged step visits, the cells
// the model says a run can reach, and the sometimes-goals. Names carry the rule the cell is about.
#include "models/cells.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "models/history_gen.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

bool has(const std::vector<std::string>& cells, const std::string& cell) {
  return std::find(cells.begin(), cells.end(), cell) != cells.end();
}

std::size_t count_prefix(const std::vector<std::string>& cells, std::string_view prefix) {
  return static_cast<std::size_t>(std::count_if(
      cells.begin(), cells.end(), [&](const std::string& c) { return c.starts_with(prefix); }));
}

// A judged step: `r` answered with `http`/`code` (or nothing), decided by `rules`.
StepRecord step_record(Request r, std::optional<Observed> observed, RuleIds rules,
                       PairStatusSet before = {}, RuleSet exercised = {}) {
  StepRecord s;
  s.request = std::move(r);
  s.observed = std::move(observed);
  s.verdict.rule_ids = std::move(rules);
  s.verdict.exercised = exercised;
  for (RuleId id : s.verdict.rule_ids) s.verdict.exercised.insert(id);
  s.statuses_before = before;
  return s;
}

const std::set<std::string>& default_reachable() {
  static const std::set<std::string> cells = reachable_cells(default_profile(), universe(), {});
  return cells;
}

TEST(Cells, O2_StatusCellPerPossibleStatusBefore) {
  const StepRecord s =
      step_record(requests::start(kHz, kPair), response(403, "OperationDenied.InvalidStatus"),
                  {RuleId::kO2, RuleId::kO0}, {S::kStopping, S::kNormal});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "status|StartDiskReplicaPair|stopping|OperationDenied.InvalidStatus"));
  EXPECT_TRUE(has(cells, "status|StartDiskReplicaPair|normal|OperationDenied.InvalidStatus"));
  EXPECT_EQ(count_prefix(cells, "status|"), 2u);
  EXPECT_TRUE(has(cells, "token|StartDiskReplicaPair|none|OperationDenied.InvalidStatus"));
  EXPECT_TRUE(has(cells, "form|StartDiskReplicaPair|OneShot|missing"));
  EXPECT_TRUE(has(cells, "form|StartDiskReplicaPair|ClientToken|missing"));
  EXPECT_TRUE(has(cells, "form|StartDiskReplicaPair|RegionId|valid"));
  EXPECT_EQ(count_prefix(cells, "form|"), 4u);  // every parameter Start takes, sent or not
  for (const std::string& c : cells) EXPECT_NE(projection_of(c), "") << c;
}

TEST(Cells, O3_OneShotStartIsAnOperationOfItsOwn) {
  const StepRecord s = step_record(requests::start(kHz, kPair, true, "tok-1"), response(200),
                                   {RuleId::kO3}, {S::kStopped});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "status|StartDiskReplicaPair+OneShot|stopped|200"));
  EXPECT_TRUE(has(cells, "token|StartDiskReplicaPair+OneShot|fresh|200"));
  EXPECT_TRUE(has(cells, "form|StartDiskReplicaPair|OneShot|true"));
  EXPECT_EQ(cell_operation(requests::start(kHz, kPair, false)), "StartDiskReplicaPair");
}

TEST(Cells, G7_GatewayRefusalHasAnyStatusNoTokenNoForms) {
  Request r = requests::stop(kHz, kPair, "tok-1");
  const StepRecord s =
      step_record(r, response(400, "SignatureDoesNotMatch"), {RuleId::kG7}, {S::kNormal});
  EXPECT_EQ(cells_of(s), (std::vector<std::string>{"status|StopDiskReplicaPair|(any)|gateway"}));
}

TEST(Cells, W1_UndecodableValueIsGatewayButKeepsItsForm) {
  Request r = requests::describe("\xef\xbf\xbd");
  const StepRecord s = step_record(r, response(400, "InvalidParameter"), {RuleId::kW1});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "status|DescribeDiskReplicaPairs|(any)|gateway"));
  EXPECT_TRUE(has(cells, "form|DescribeDiskReplicaPairs|RegionId|not-utf8"));
}

TEST(Cells, P2_ParameterRefusalHasAnyStatusAndItsForms) {
  Request r = requests::start(kHz, kPair, std::nullopt, "tok-1");
  requests::set_param(r, "OneShot", "True");
  const StepRecord s =
      step_record(r, response(400, "InvalidParameter"), {RuleId::kP2}, {S::kStopped});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "status|StartDiskReplicaPair|(any)|parameter"));
  EXPECT_TRUE(has(cells, "form|StartDiskReplicaPair|OneShot|case"));
  EXPECT_EQ(count_prefix(cells, "token|"), 0u);  // the token was never looked at
}

TEST(Cells, I1_ExactReplayIsATokenCellNotAStatusCell) {
  const StepRecord s =
      step_record(requests::stop(kHz, kPair, "tok-1"), response(200), {RuleId::kI1}, {S::kStopped});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "token|StopDiskReplicaPair|replay-after-success|200"));
  EXPECT_EQ(count_prefix(cells, "status|"), 0u);
}

TEST(Cells, I2_I3_I6_TokenSituationsFromTheVerdict) {
  const Request r = requests::remove(kHz, kPair, "tok-1");
  EXPECT_TRUE(has(cells_of(step_record(r, response(400, "IdempotentParameterMismatch"),
                                       {RuleId::kI2}, {S::kStopped})),
                  "token|DeleteDiskReplicaPair|mismatch|IdempotentParameterMismatch"));
  EXPECT_TRUE(has(cells_of(step_record(r, response(400, "IdempotentParameterMismatch"),
                                       {RuleId::kI2}, {S::kStopped})),
                  "status|DeleteDiskReplicaPair|(any)|IdempotentParameterMismatch"));
  EXPECT_TRUE(
      has(cells_of(step_record(r, response(200), {RuleId::kO7}, {S::kStopped}, {RuleId::kI3})),
          "token|DeleteDiskReplicaPair|replay-after-error|200"));
  const auto flying =
      cells_of(step_record(r, response(403, "LastTokenProcessing"), {RuleId::kI6}, {S::kStopped}));
  EXPECT_TRUE(has(flying, "token|DeleteDiskReplicaPair|in-flight|LastTokenProcessing"));
  // No token, an empty token (none, §11), a fresh one.
  EXPECT_TRUE(has(cells_of(step_record(requests::remove(kHz, kPair), response(200), {RuleId::kO7},
                                       {S::kStopped})),
                  "token|DeleteDiskReplicaPair|none|200"));
  EXPECT_TRUE(has(cells_of(step_record(requests::remove(kHz, kPair, ""), response(200),
                                       {RuleId::kO7}, {S::kStopped})),
                  "token|DeleteDiskReplicaPair|none|200"));
  EXPECT_TRUE(has(cells_of(step_record(r, response(200), {RuleId::kO7}, {S::kStopped})),
                  "token|DeleteDiskReplicaPair|fresh|200"));
  // Describe takes no token: no token cell.
  EXPECT_EQ(
      count_prefix(cells_of(step_record(requests::describe(kHz), response(200), {RuleId::kO9})),
                   "token|"),
      0u);
}

TEST(Cells, M2_NoAnswerIsTheUnknownClass) {
  const StepRecord s =
      step_record(requests::stop(kHz, kPair, "tok-1"), std::nullopt, {RuleId::kO4}, {S::kNormal});
  const auto cells = cells_of(s);
  EXPECT_TRUE(has(cells, "status|StopDiskReplicaPair|(any)|unknown"));
  EXPECT_TRUE(has(cells, "token|StopDiskReplicaPair|fresh|unknown"));
}

TEST(Cells, M1_AHostileCodeCannotBreakTheKey) {
  const StepRecord s = step_record(requests::describe(kHz),
                                   response(400, "a|b" + std::string(200, 'c')), {RuleId::kO9});
  const std::string cell = cells_of(s).front();
  EXPECT_EQ(std::count(cell.begin(), cell.end(), '|'), 3);
  EXPECT_LT(cell.size(), 200u);
}

TEST(Cells, O0_ReachableCellsOfTheDefaultProfileComeFromTheModel) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::set<std::string> cells = reachable_cells(default_profile(), universe(), {});
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 5000.0);  // about 50 ms optimised; sanitizer builds are slower
  for (const char* c :
       {"status|StartDiskReplicaPair+OneShot|stopped|OperationDenied.ManualSyncLimit",  // O3
        "status|StartDiskReplicaPair|stopped|OperationDenied.StandbyDeviceAttached",    // O2
        "status|FailoverDiskReplicaPair|failovered|200",                                // O5
        "status|ReprotectDiskReplicaPair|failovered|OperationDenied",                   // O6
        "status|DeleteDiskReplicaPair|stopped|OperationDenied.OperateNotAllowedForStandby",
        "status|CreateDiskReplicaPair|(no pair)|OperationDenied",      // O1
        "status|DescribeDiskReplicaPairs|(no pair)|InvalidParameter",  // O9 bad NextToken
        "status|AttachDisk|(no pair)|IncorrectDiskStatus",             // X1, X3
        "status|StopDiskReplicaPair|(any)|gateway", "status|StopDiskReplicaPair|(any)|parameter",
        "status|(other action)|(any)|gateway",
        "token|CreateDiskReplicaPair|replay-after-success|200",              // I1
        "token|ModifyDiskReplicaPair|mismatch|IdempotentParameterMismatch",  // I2
        "token|StopDiskReplicaPair|replay-after-error|200",                  // I3
        "form|StartDiskReplicaPair|OneShot|false", "form|DescribeDiskReplicaPairs|PairIds|gaps",
        "effect|ModifyDiskReplicaPair|Bandwidth|read-back",  // O8 then O9
        "effect|ModifyDiskReplicaPair|PairName|read-back"}) {
    EXPECT_TRUE(cells.contains(c)) << c;
  }
  for (const std::string& c : cells) {
    EXPECT_NE(projection_of(c), "") << c;
    EXPECT_EQ(c.find("_failed"), std::string::npos) << c;  // S6: async_failures off
    EXPECT_EQ(c.find("|invalid|"), std::string::npos) << c;
    EXPECT_FALSE(c.ends_with("|unknown")) << c;              // M2: every answer is read
    EXPECT_EQ(c.find("in-flight"), std::string::npos) << c;  // I6: nothing in flight
    EXPECT_EQ(c.find("LastTokenProcessing"), std::string::npos) << c;
  }
  // Never a Start accepted from a status O2 does not accept.
  EXPECT_FALSE(cells.contains("status|StartDiskReplicaPair|normal|200"));
  EXPECT_FALSE(cells.contains("status|ModifyDiskReplicaPair|normal|200"));
  // RPO's one documented value is its default: no accepted Modify changes it (O8).
  EXPECT_FALSE(cells.contains("effect|ModifyDiskReplicaPair|RPO|read-back"));
  EXPECT_EQ(reachable_cells(default_profile(), universe(), {}), cells);  // deterministic
}

TEST(Cells, S6_AsyncFailuresMakeFailedStatusesReachable) {
  Profile p = default_profile();
  p.async_failures = true;
  const std::set<std::string> cells = reachable_cells(p, universe(), {});
  EXPECT_TRUE(std::any_of(cells.begin(), cells.end(), [](const std::string& c) {
    return c.starts_with("status|FailoverDiskReplicaPair|stop_failed|");
  }));
  EXPECT_GT(cells.size(), default_reachable().size());
}

TEST(Cells, I6_M2_InFlightAndUnknownNeedTheRunToLoseAnswers) {
  RunAbilities run;
  run.unknown_outcomes = true;
  const std::set<std::string> cells = reachable_cells(default_profile(), universe(), run);
  EXPECT_TRUE(cells.contains("token|CreateDiskReplicaPair|in-flight|LastTokenProcessing"));
  EXPECT_TRUE(cells.contains("status|StopDiskReplicaPair|(any)|unknown"));
  EXPECT_TRUE(cells.contains("token|CreateDiskReplicaPair|replay-after-success|unknown"));
  EXPECT_FALSE(cells.contains("status|DescribeDiskReplicaPairs|(any)|unknown"));  // not dropped
  Profile off = default_profile();
  off.i6_allowed = false;
  const std::set<std::string> no_i6 = reachable_cells(off, universe(), run);
  EXPECT_FALSE(no_i6.contains("token|CreateDiskReplicaPair|in-flight|LastTokenProcessing"));
}

TEST(Cells, O1_OneRegionFixturesReachNoPair) {
  Universe u = universe();
  u.disks = {{"d-hz-1", kHz, kHzZone}, {"d-hz-2", kHz, kHzZone}};
  const std::set<std::string> cells = reachable_cells(default_profile(), u, {});
  EXPECT_FALSE(cells.contains("status|CreateDiskReplicaPair|(no pair)|200"));
  EXPECT_TRUE(cells.contains("status|CreateDiskReplicaPair|(no pair)|InvalidParameter"));
  EXPECT_TRUE(cells.contains("status|StopDiskReplicaPair|(no pair)|NoSuchResource"));
  for (const std::string& c : cells) {
    if (!c.starts_with("status|")) continue;
    EXPECT_TRUE(c.find("|(no pair)|") != std::string::npos ||
                c.find("|(any)|") != std::string::npos)
        << c;
  }
}

// The exploration against the judge: the cells the model's own answers visit (a long random
// history judged step by step) are all among the reachable cells. A step whose pair could be in
// several statuses is left out: it visits a cell for each, only one of which explains its answer.
TEST(Cells, M1_JudgedStepsVisitOnlyReachableCells) {
  const std::set<std::string>& reachable = default_reachable();
  BeliefSet judge(universe(), default_profile());
  WordStream words(7);
  std::int64_t now = 1000;
  std::set<std::string> outside;
  std::size_t visited = 0;
  EffectTracker effects;
  for (std::size_t i = 0; i < 3000; ++i) {
    const Request r = make_request(judge, words.words(), now);
    now += static_cast<std::int64_t>(words.next() % 400'000);
    const Observed o = judge.example(r, words.next());
    const StepRecord s = judge.judge(i, r, &o);
    if (!s.verdict.conformant || s.statuses_before.list().size() > 1) continue;
    std::vector<std::string> cells = cells_of(s);
    for (std::string& c : effects.cells_of(s)) cells.push_back(std::move(c));
    for (const std::string& c : cells) {
      ++visited;
      if (!reachable.contains(c)) outside.insert(c);
    }
    if (judge.size() > 64) judge = BeliefSet(universe(), default_profile());
  }
  EXPECT_GT(visited, 3000u);
  std::string list;
  for (const std::string& c : outside) list += c + "\n";
  EXPECT_TRUE(outside.empty()) << list;
}

// An effect is read back by a listing after an accepted Modify set a field to a new value: once,
// for the field it set, never for a refused Modify nor for the value the pair had already (what
// its Create sent, else the model's default, or what an earlier Modify set).
TEST(Cells, O8_AnAcceptedModifyReadBackVisitsItsEffectCell) {
  auto modify = [](std::optional<Observed> answer, std::optional<std::string> name,
                   std::optional<std::string> bandwidth = std::nullopt) {
    Request r = requests::modify(kHz, kPair, std::move(name));
    if (bandwidth) r.params.emplace_back("Bandwidth", *bandwidth);
    StepRecord s = step_record(std::move(r), std::move(answer), {RuleId::kO8}, {S::kStopped});
    s.target_pair = kPair;
    return s;
  };
  auto listing = [] {
    Observed o = response(200);
    ObservedPair p;
    p.replica_pair_id = kPair;  // the run log keeps a listed pair's ID and status only
    p.status = "stopped";
    o.pairs.push_back(p);
    return step_record(requests::describe(kHz), o, {RuleId::kO9});
  };
  const std::string name_cell = "effect|ModifyDiskReplicaPair|PairName|read-back";
  const std::string bandwidth_cell = "effect|ModifyDiskReplicaPair|Bandwidth|read-back";
  EffectTracker t;
  Observed created = response(200);
  created.replica_pair_id = kPair;
  EXPECT_TRUE(
      t.cells_of(step_record(requests::create(hz_to_sh()), created, {RuleId::kO1})).empty());
  EXPECT_TRUE(t.cells_of(listing()).empty());
  EXPECT_TRUE(t.cells_of(modify(response(200), "new")).empty());  // set, not yet read
  EXPECT_EQ(t.cells_of(listing()), std::vector<std::string>{name_cell});
  EXPECT_TRUE(t.cells_of(listing()).empty());  // read back once
  // The same name again is no change; "010240" is the default 10240 (O1), no change either.
  EXPECT_TRUE(t.cells_of(modify(response(200), "new", "010240")).empty());
  EXPECT_TRUE(t.cells_of(listing()).empty());
  // A refused Modify changes nothing.
  EXPECT_TRUE(
      t.cells_of(modify(response(403, "OperationDenied.InvalidStatus"), "x", "20480")).empty());
  EXPECT_TRUE(t.cells_of(listing()).empty());
  // RPO=900 is the default (its one documented value).
  StepRecord rpo = modify(response(200), std::nullopt);
  rpo.request.params.emplace_back("RPO", "900");
  EXPECT_TRUE(t.cells_of(rpo).empty());
  EXPECT_TRUE(t.cells_of(listing()).empty());
  EXPECT_TRUE(t.cells_of(modify(response(200), std::nullopt, "20480")).empty());
  EXPECT_EQ(t.cells_of(listing()), std::vector<std::string>{bandwidth_cell});
  EXPECT_EQ(projection_of(bandwidth_cell), "effect");
}

TEST(Goals, M1_GoalsAreStepPredicatesWithStableIds) {
  ASSERT_GE(goals().size(), 12u);
  std::set<std::string_view> ids;
  for (const Goal& g : goals()) {
    EXPECT_TRUE(g.id.starts_with("goal:")) << g.id;
    EXPECT_FALSE(g.text.empty());
    ids.insert(g.id);
  }
  EXPECT_EQ(ids.size(), goals().size());
}

TEST(Goals, O2_StartWhileStopping) {
  const StepRecord s =
      step_record(requests::start(kHz, kPair), response(403, "OperationDenied.InvalidStatus"),
                  {RuleId::kO2, RuleId::kO0}, {S::kStopping});
  const auto reached = goals_of(s, cells_of(s));
  EXPECT_NE(std::find(reached.begin(), reached.end(), "goal:start-while-stopping"), reached.end());
  const StepRecord other =
      step_record(requests::start(kHz, kPair), response(200), {RuleId::kO2}, {S::kStopped});
  EXPECT_TRUE(goals_of(other, cells_of(other)).empty());
}

TEST(Goals, O9_PageBoundaryNeedsANextTokenAnswered200) {
  Request r = requests::describe(kHz);
  requests::set_param(r, "NextToken", "t-2");
  const StepRecord ok = step_record(r, response(200), {RuleId::kO9});
  auto reached = goals_of(ok, cells_of(ok));
  EXPECT_EQ(reached, (std::vector<std::string_view>{"goal:page-boundary"}));
  const StepRecord refused = step_record(r, response(400, "InvalidParameter"), {RuleId::kO9});
  EXPECT_TRUE(goals_of(refused, cells_of(refused)).empty());
}

TEST(Goals, I1_ReplayOfEachMutatingOperation) {
  const StepRecord s =
      step_record(requests::create(hz_to_sh("tok-1")), response(200), {RuleId::kI1});
  const auto reached = goals_of(s, cells_of(s));
  EXPECT_EQ(reached, (std::vector<std::string_view>{"goal:replay-create"}));
  const StepRecord keep = step_record(requests::reprotect(kSh, kPair, false, "tok-2"),
                                      response(200), {RuleId::kO6}, {S::kFailovered});
  const auto kept = goals_of(keep, cells_of(keep));
  EXPECT_NE(std::find(kept.begin(), kept.end(), "goal:reprotect-keep-direction"), kept.end());
}

TEST(Goals, M2_ReachabilityFollowsTheCells) {
  for (const Goal& g : goals()) {
    EXPECT_EQ(goal_reachable(g.id, default_reachable()), g.id != "goal:token-in-flight") << g.id;
  }
  RunAbilities run;
  run.concurrent_clients = true;
  EXPECT_TRUE(
      goal_reachable("goal:token-in-flight", reachable_cells(default_profile(), universe(), run)));
  Universe one_region = universe();
  one_region.disks = {{"d-hz-1", kHz, kHzZone}, {"d-hz-2", kHz, kHzZone}};
  const auto none = reachable_cells(default_profile(), one_region, {});
  EXPECT_FALSE(goal_reachable("goal:replay-create", none));
  EXPECT_FALSE(goal_reachable("goal:page-boundary", none));
  EXPECT_FALSE(goal_reachable("goal:no-such-goal", default_reachable()));
}

}  // namespace
}  // namespace paircheck::model
