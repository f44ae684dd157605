// The scorecard from a run log: every rule listed with pass/fail/untested, rules checked on
// every response counted as exercised, the coverage matrix, and incomplete or broken logs.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <random>

#include "models/cells.hpp"
#include "models/rules.hpp"
#include "reports/reports.hpp"
#include "reports/text.hpp"
#include "tests/reports/run_log_fixture.hpp"

namespace paircheck::reports {
namespace {

using testing::FixtureOptions;
using testing::temp_dir;
using testing::write_fixture;

const RuleResult& rule(const Scorecard& card, const std::string& id) {
  auto it = std::find_if(card.rules.begin(), card.rules.end(),
                         [&](const RuleResult& r) { return r.id == id; });
  EXPECT_NE(it, card.rules.end()) << id;
  return *it;
}

Scorecard fixture_card(const FixtureOptions& o = {}) {
  const auto dir = temp_dir("card");
  write_fixture(dir / "run.jsonl", o);
  return build_scorecard((dir / "run.jsonl").string());
}

TEST(Reports, ScorecardListsEveryRuleOfTheTable) {
  const Scorecard card = fixture_card();
  ASSERT_EQ(card.rules.size(), model::all_rules().size());
  for (std::size_t i = 0; i < card.rules.size(); ++i) {
    EXPECT_EQ(card.rules[i].id, model::all_rules()[i].id);
    EXPECT_EQ(card.rules[i].kind, model::all_rules()[i].kind);
  }
  const nlohmann::json j = to_json(card);
  EXPECT_EQ(j["schema"], "paircheck-scorecard/1");
  EXPECT_EQ(j["rules"].size(), model::all_rules().size());
  EXPECT_EQ(j["run"]["seed"], 7);
  EXPECT_EQ(j["run"]["profile"]["origin"], "built-in");
  EXPECT_EQ(j["run"]["profile"]["knobs"]["signature"], "v3");
  EXPECT_TRUE(j["run"]["profile"]["overrides_changed"].empty());
  EXPECT_EQ(j["totals"]["requests"], 5);
  EXPECT_DOUBLE_EQ(j["totals"]["requests_per_second"].get<double>(), 10.0);
  EXPECT_FALSE(j["conformant"].get<bool>());
}

TEST(Reports, RuleVerdictsArePassFailOrUntested) {
  const Scorecard card = fixture_card();
  EXPECT_EQ(rule(card, "O1").verdict(), RuleVerdict::kPass);
  EXPECT_EQ(rule(card, "O2").verdict(), RuleVerdict::kFail);
  EXPECT_EQ(rule(card, "W5").verdict(), RuleVerdict::kUntested);
  ASSERT_TRUE(rule(card, "O2").first_failure);
  const Failure& f = card.failures[*rule(card, "O2").first_failure];
  EXPECT_TRUE(f.shrunk);
  EXPECT_EQ(f.minimal["steps"].size(), 3u);
  EXPECT_EQ(f.replay_file, "report/failure-1.json");
  const nlohmann::json first = to_json(card)["rules"][std::distance(
      card.rules.begin(), std::find_if(card.rules.begin(), card.rules.end(),
                                       [](const RuleResult& r) { return r.id == "O2"; }))]
                                            ["first_failure"];
  EXPECT_EQ(first["sequence"].size(), 3u);
  EXPECT_EQ(first["sequence"][1], "settle {pair:0}");
  EXPECT_EQ(first["replay_command"], "paircheck replay 'report/failure-1.json'");
}

TEST(Reports, RulesCheckedOnEveryResponseCountAsExercised) {
  const Scorecard card = fixture_card();
  EXPECT_EQ(rule(card, "W4").exercised, 5u);  // every response
  EXPECT_EQ(rule(card, "W2").exercised, 2u);  // the two 200s
  EXPECT_EQ(rule(card, "W3").exercised, 3u);  // the errors
  EXPECT_EQ(rule(card, "M1").exercised, 5u);  // every judged response
  // One finding, one failing rule: the rule its key names (O2); M1 judged it, it did not fail.
  EXPECT_EQ(rule(card, "O2").failed, 1u);
  EXPECT_EQ(rule(card, "M1").failed, 0u);
  EXPECT_EQ(rule(card, "M2").verdict(), RuleVerdict::kUntested);
  EXPECT_EQ(rule(card, "M4").exercised, 1u);  // one shrunk finding
  EXPECT_EQ(rule(card, "M4").verdict(), RuleVerdict::kPass);
  EXPECT_EQ(rule(card, "W2").failed, 0u);
}

TEST(Reports, CoverageMatrixCountsStatusOperationOutcome) {
  const Scorecard card = fixture_card();
  const auto& cells = card.coverage.cells();
  // A pair that may be creating or created counts once in each.
  ASSERT_TRUE(cells.contains({"creating", "StopDiskReplicaPair"}));
  EXPECT_EQ(
      cells.at({"created", "StopDiskReplicaPair"}).outcomes.at("OperationDenied.InvalidStatus"),
      1u);
  EXPECT_EQ(cells.at({"created", kStartOneShot}).outcomes.at("200"), 1u);
  EXPECT_EQ(cells.at({kNoPair, "CreateDiskReplicaPair"}).outcomes.at("200"), 1u);
  EXPECT_EQ(cells.at({"manual_syncing", "StartDiskReplicaPair"}).failed, 1u);
  const nlohmann::json cov = to_json(card)["coverage"];
  EXPECT_EQ(cov["rows"].size(), 20u);
  const nlohmann::json& start = cov["operations"]["StartDiskReplicaPair"];
  EXPECT_EQ(start["seen"][testing::kHostile], 1);
  EXPECT_EQ(start["outside_contract"], nlohmann::json::array({testing::kHostile}));
  // Allowed: the model's reported codes plus the contract's table.
  const auto allowed = start["allowed"].get<std::vector<std::string>>();
  for (const char* code :
       {"A", "B", "OperationDenied.StandbyDeviceAttached", "SignatureDoesNotMatch"}) {
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), code), allowed.end()) << code;
  }
  const auto never =
      cov["operations"]["StopDiskReplicaPair"]["never_seen"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(never.begin(), never.end(), "NoSuchResource"), never.end());
}

// The fine coverage map (issue 13, docs/scorecard.md "Cells"): the run line's reachable cells
// against the cells the logged steps visited, per projection, with the unvisited ones listed.
TEST(Reports, O0_CellsCountReachableAndVisitedPerProjection) {
  FixtureOptions o;
  o.reachable_cells = {"status|CreateDiskReplicaPair|(no pair)|200",
                       "status|StopDiskReplicaPair|created|OperationDenied.InvalidStatus",
                       "status|StopDiskReplicaPair|normal|200",
                       "token|CreateDiskReplicaPair|fresh|200",
                       "token|CreateDiskReplicaPair|replay-after-success|200",
                       "form|StartDiskReplicaPair|OneShot|true",
                       "form|StartDiskReplicaPair|OneShot|false"};
  const Scorecard card = fixture_card(o);
  const nlohmann::json cells = to_json(card)["cells"];
  EXPECT_EQ(cells["reachable"], 7);
  EXPECT_EQ(cells["visited"], 4);
  EXPECT_EQ(cells["by_projection"]["status"]["reachable"], 3);
  EXPECT_EQ(cells["by_projection"]["status"]["visited"], 2);
  EXPECT_EQ(cells["by_projection"]["token"]["visited"], 1);
  EXPECT_EQ(cells["by_projection"]["form"]["visited"], 1);
  EXPECT_EQ(cells["unvisited"],
            nlohmann::json::array({"form|StartDiskReplicaPair|OneShot|false",
                                   "status|StopDiskReplicaPair|normal|200",
                                   "token|CreateDiskReplicaPair|replay-after-success|200"}));
  EXPECT_EQ(cells["unvisited_dropped"], 0);
  // Visited but not listed reachable: the Stop on a pair that may be creating, the failure.
  const auto outside = cells["outside_reachable"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(outside.begin(), outside.end(),
                      "status|StopDiskReplicaPair|creating|OperationDenied.InvalidStatus"),
            outside.end());
  const std::string text = reach_summary(card);
  EXPECT_NE(text.find("cells: 4/7 reachable visited (status 2/3, token 1/2, form 1/2, effect 0/0)"),
            std::string::npos)
      << text;
}

TEST(Reports, O0_CellsOfALogWithoutReachableCellsAreVisitedOnly) {
  const Scorecard card = fixture_card();
  const nlohmann::json json = to_json(card);
  const nlohmann::json& cells = json["cells"];
  EXPECT_TRUE(cells["reachable"].is_null());
  EXPECT_GT(cells["visited"].get<std::size_t>(), 10u);
  EXPECT_TRUE(cells["unvisited"].empty());
  EXPECT_NE(reach_summary(card).find("does not list its reachable cells"), std::string::npos);
  // A named json: `for (g : to_json(card)["goals"])` iterates a temporary already destroyed.
  for (const auto& g : json["goals"]) EXPECT_TRUE(g["unreachable"].is_null());
}

// Sometimes-goals (issue 13 item 4): each listed with how many steps reached it; a goal the run
// cannot reach (by the reachable cells) is unreachable, not missed.
TEST(Reports, M1_GoalsListedReachedMissedOrUnreachable) {
  FixtureOptions o;
  o.reachable_cells = {"status|StartDiskReplicaPair|stopping|OperationDenied.InvalidStatus",
                       "token|CreateDiskReplicaPair|replay-after-success|200",
                       "form|StartDiskReplicaPair|OneShot|true"};
  const Scorecard card = fixture_card(o);
  const nlohmann::json goals = to_json(card)["goals"];
  ASSERT_EQ(goals.size(), model::goals().size());
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& g : goals) by_id[g["id"]] = g;
  EXPECT_TRUE(by_id["goal:start-while-stopping"]["unreachable"].is_null());
  EXPECT_EQ(by_id["goal:start-while-stopping"]["reached"], 0);
  EXPECT_TRUE(by_id["goal:replay-create"]["unreachable"].is_null());
  EXPECT_TRUE(by_id["goal:failover-failovered"]["unreachable"].is_string());
  const std::string text = reach_summary(card);
  EXPECT_NE(text.find("goals: 0/2 reached; missed: goal:start-while-stopping goal:replay-create"),
            std::string::npos)
      << text;
  const std::size_t line = text.find("goals unreachable in this run: goal:failover-failovered");
  ASSERT_NE(line, std::string::npos) << text;
  const std::string unreachable = text.substr(line, text.find('\n', line) - line);
  EXPECT_NE(unreachable.find(" goal:page-boundary"), std::string::npos) << text;
  EXPECT_EQ(unreachable.find("goal:replay-create"), std::string::npos) << text;
}

TEST(Reports, AllowedEntriesGiveTheirCodes) {
  EXPECT_EQ(codes_of_allowed("400/403 UnsupportedHTTPMethod [G1]"),
            std::vector<std::string>{"UnsupportedHTTPMethod"});
  EXPECT_EQ(codes_of_allowed("400 MissingParameter|MissingRegionId [P1]"),
            (std::vector<std::string>{"MissingParameter", "MissingRegionId"}));
  EXPECT_EQ(codes_of_allowed("200 ReplicaPairs=[] TotalCount=0 [O9]"),
            std::vector<std::string>{"200"});
  EXPECT_TRUE(
      codes_of_allowed("a status other than 'creating' within settle_timeout_s [M3]").empty());
}

TEST(Reports, TruncatedRunLogIsReported) {
  FixtureOptions o;
  o.summary = false;
  o.torn_tail = true;
  const Scorecard card = fixture_card(o);
  EXPECT_FALSE(card.complete);
  EXPECT_TRUE(card.torn_last_line);
  EXPECT_NE(card.incomplete_note.find("incomplete run"), std::string::npos);
  EXPECT_EQ(card.requests, 5u);
  EXPECT_FALSE(card.seconds);
  // The failing step still fails its rules, with the unshrunk sequence as evidence.
  ASSERT_TRUE(rule(card, "O2").first_failure);
  const Failure& f = card.failures[*rule(card, "O2").first_failure];
  EXPECT_FALSE(f.shrunk);
  EXPECT_EQ(f.records.size(), 5u);
  EXPECT_FALSE(rule(card, "M1").first_failure);  // one failure, one rule: its key's
  EXPECT_EQ(card.failures.size(), 1u);
  for (Format f : {Format::kJson, Format::kJunit, Format::kHtml, Format::kMarkdown}) {
    EXPECT_NE(render(card, f).find("incomplete run"), std::string::npos) << file_name(f);
  }
  EXPECT_FALSE(to_json(card)["conformant"].get<bool>());
}

void expect_one_line_error(const std::string& content, const std::string& expected) {
  const auto dir = temp_dir("bad");
  const auto path = dir / "run.jsonl";
  std::ofstream(path, std::ios::binary) << content;
  try {
    build_scorecard(path.string());
    ADD_FAILURE() << "no error for: " << content.substr(0, 40);
  } catch (const model::UsageError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    EXPECT_NE(what.find(path.string()), std::string::npos) << what;
    EXPECT_NE(what.find(expected), std::string::npos) << what;
  }
}

TEST(Reports, NotARunLogIsAOneLineError) {
  expect_one_line_error("", "empty file");
  expect_one_line_error("\x01\x02garbage\xff\n", "not a paircheck run log");
  expect_one_line_error("{\"type\":\"step\"}\n", "not a paircheck run log");
  expect_one_line_error("[1,2]\n", "not a paircheck run log");
  expect_one_line_error("{\"type\":\"run\",\"format\":\"paircheck-run-log/9\"}\n", "unsupported");
  expect_one_line_error("{\"type\":\"run\",\"format\":\"paircheck-run-log/1\"}\nnot json\n{}\n",
                        ":2: not valid JSON");
  expect_one_line_error(
      "{\"type\":\"run\",\"format\":\"paircheck-run-log/"
      "1\"}\n{\"type\":\"step\",\"sequence\":\"x\"}\n",
      ":2: malformed \"step\" line");
  expect_one_line_error("{\"type\":\"run\",\"format\":\"paircheck-run-log/1\"}\n{\"type\":3}\n",
                        ":2:");
  try {
    build_scorecard("/nonexistent/run.jsonl");
    ADD_FAILURE();
  } catch (const model::UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read"), std::string::npos);
  }
}

TEST(Reports, MangledRunLogsGiveAReportOrAOneLineError) {
  const auto dir = temp_dir("mangled");
  write_fixture(dir / "good.jsonl");
  const std::string good = testing::read_text(dir / "good.jsonl");
  std::mt19937 rng(12345);
  int errors = 0, reports = 0;
  for (int i = 0; i < 400; ++i) {
    std::string text = good;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0:
          text[at] = static_cast<char>(rng() % 256);
          break;  // flip a byte
        case 1:
          text.erase(at, 1 + rng() % 40);
          break;  // drop some
        case 2:
          text.resize(at);
          break;  // cut off
        case 3:
          text.insert(at, "{\"type\":\"step\",\"record\":[]}\n");
          break;
      }
      if (text.empty()) text = "x";
    }
    const auto path = dir / "mangled.jsonl";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
    try {
      const Scorecard card = build_scorecard(path.string());
      for (Format f : {Format::kJson, Format::kJunit, Format::kHtml, Format::kMarkdown}) {
        EXPECT_FALSE(render(card, f).empty());
      }
      ++reports;
    } catch (const model::UsageError& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
      ++errors;
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_GT(reports, 0);
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(Reports, LargeRunLogIsStreamedInBoundedMemory) {
  const auto dir = temp_dir("large");
  const auto path = dir / "run.jsonl";
  write_fixture(path, FixtureOptions{false, false, false, {}});
  const auto records = testing::fixture_records(FixtureOptions{});
  std::string block;
  for (int i = 0; i < 200; ++i) {
    for (const auto& r : records) block += testing::line("step", {{"sequence", i}, {"record", r}});
  }
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    for (int i = 0; i < 120; ++i) out << block;  // 120k steps, ~100 MB
  }
  const auto size_mb = static_cast<long>(std::filesystem::file_size(path) / (1024 * 1024));
  ASSERT_GT(size_mb, 60);
  const long before = max_rss_kb();
  const Scorecard card = build_scorecard(path.string());
  const long grown_mb = (max_rss_kb() - before) / 1024;
  EXPECT_EQ(card.steps_logged, 120u * 200u * records.size() + 4u);
#if defined(__SANITIZE_ADDRESS__)
  (void)grown_mb;  // ASan's quarantine keeps freed memory: RSS says nothing there
#else
  EXPECT_LT(grown_mb, 40) << "the reader kept the log (" << size_mb << " MB) in memory";
#endif
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace paircheck::reports
