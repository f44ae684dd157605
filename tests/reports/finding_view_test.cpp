// One finding step by step (reports/finding_view.hpp): reason phrases, titled rules with D/A, the
// evidence of a malformed body (W2/W3), the shrink state, and one numbering for the terminal
// summary and `paircheck replay` (a settle's polls lettered under their step).
#include <gtest/gtest.h>

#include <algorithm>

#include "models/json_io.hpp"
#include "models/rules.hpp"
#include "reports/finding_view.hpp"
#include "reports/markdown.hpp"
#include "reports/scorecard.hpp"
#include "tests/reports/run_log_fixture.hpp"

namespace paircheck::reports {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

model::Request request(const std::string& action, model::Params params) {
  model::Request r;
  r.action = action;
  r.params = std::move(params);
  r.envelope.version = std::string(model::kEbsVersion);
  return r;
}

// A judged request of step `step`, as the run loop records it.
json record(std::size_t index, std::size_t step, model::Request req, model::Observed observed,
            bool conformant = true, std::vector<std::string> allowed = {"200 [M1]"},
            std::vector<model::RuleId> rules = {model::RuleId::kM1}) {
  model::StepRecord r;
  r.index = index;
  r.step = step;
  r.request = std::move(req);
  r.observed = std::move(observed);
  r.verdict.conformant = conformant;
  r.verdict.rule_ids = std::move(rules);
  r.verdict.allowed = std::move(allowed);
  return json(r);
}

model::Observed answer(int http, std::string code = "", std::string message = "") {
  model::Observed o;
  o.http_status = http;
  o.code = std::move(code);
  o.message = std::move(message);
  o.request_id = "req";
  return o;
}

model::Observed listing(const std::string& pair, const std::string& status, std::size_t n = 1) {
  model::Observed o = answer(200);
  for (std::size_t i = 0; i < n; ++i) {
    model::ObservedPair p;
    p.replica_pair_id = i == 0 ? pair : pair + "-" + std::to_string(i);
    p.status = status;
    o.pairs.push_back(p);
  }
  o.total_count = static_cast<std::int64_t>(n);
  return o;
}

// Create, settle (four polls), Reprotect refused with O0's 403: the shape of a real finding.
Failure reprotect_finding(const std::string& shrink = "shrunk") {
  const model::Params region = {{"RegionId", "cn-hangzhou"}};
  const model::Request create =
      request("CreateDiskReplicaPair", {{"RegionId", "cn-hangzhou"}, {"DiskId", "d-hz-0001"}});
  const model::Request poll =
      request("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}, {"PairIds", "pair-1"}});
  const model::Request reprotect = request(
      "ReprotectDiskReplicaPair", {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-1"}});
  model::Observed created = answer(200);
  created.replica_pair_id = "pair-1";
  Failure f;
  f.key = "O0|ReprotectDiskReplicaPair|403|OperationDenied.InvalidStatus";
  f.rule_ids = {"O0", "M1"};
  f.message =
      "[O0] ReprotectDiskReplicaPair: got 403 OperationDenied.InvalidStatus, which no state "
      "explains; allowed: {200 [O6]}";
  f.allowed = {"200 [O6]"};
  f.minimal = {{"steps", json::array({{{"kind", "call"}, {"request", create}},
                                      {{"kind", "settle"}, {"slot", 0}},
                                      {{"kind", "call"}, {"request", reprotect}}})}};
  f.records = json::array(
      {record(0, 0, create, created), record(1, 1, poll, listing("pair-1", "creating")),
       record(2, 1, poll, listing("pair-1", "creating")),
       record(3, 1, poll, listing("pair-1", "creating")),
       record(4, 1, poll, listing("pair-1", "created")),
       record(5, 2, reprotect, answer(403, "OperationDenied.InvalidStatus", "not in this status"),
              false, {"200 [O6]"}, {model::RuleId::kO0, model::RuleId::kM1})});
  f.shrink = shrink;
  f.shrunk = shrink != "not shrunk";
  f.original_steps = 31;
  f.shrink_runs = 212;
  return f;
}

TEST(FindingView, ReasonPhrasesComeFromTheStatus) {
  EXPECT_EQ(status_text(200), "200 OK");
  EXPECT_EQ(status_text(400), "400 Bad Request");
  EXPECT_EQ(status_text(403), "403 Forbidden");
  EXPECT_EQ(status_text(404), "404 Not Found");
  EXPECT_EQ(status_text(500), "500 Internal Server Error");
  EXPECT_EQ(status_text(299), "299");  // no phrase rather than a wrong one
  const ResponseView r = response_view(json(answer(404, "InvalidReplicaPairId.NotFound")), 6);
  EXPECT_EQ(r.status, "404 Not Found");
  EXPECT_EQ(allowed_text("403 OperationDenied.InvalidStatus [O2 O0]"),
            "403 Forbidden OperationDenied.InvalidStatus [O2 O0]");
  EXPECT_EQ(allowed_text("400/403 A|B [G1]"), "400/403 A|B [G1]");
}

TEST(FindingView, M4_RulesCarryTitleAndKind) {
  EXPECT_EQ(titled_rule("O2"), "O2 Start only from created or stopped (D)");
  EXPECT_EQ(titled_rule("Z9"), "Z9");  // another version's ID, as it is
  const std::string text =
      joined(finding_lines(finding_view(reprotect_finding(), 6), true, TextOptions{}));
  const model::RuleInfo& o0 = model::info(model::RuleId::kO0);
  EXPECT_NE(text.find("rules: O0 " + std::string(o0.title) + " (" + o0.kind + ")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(kKindLegend), std::string::npos) << text;
  EXPECT_EQ(joined(finding_lines(finding_view(reprotect_finding(), 6), false, TextOptions{}))
                .find(kKindLegend),
            std::string::npos);
}

TEST(FindingView, EachStepShowsItsActualResponse) {
  const FindingView v = finding_view(reprotect_finding(), 6);
  EXPECT_EQ(v.headline,
            "[O0] ReprotectDiskReplicaPair: got 403 OperationDenied.InvalidStatus, which no state "
            "explains");
  ASSERT_EQ(v.steps.size(), 3u);
  EXPECT_EQ(v.steps[1].records.size(), 4u);
  EXPECT_TRUE(v.steps[2].failing);
  const std::string text = joined(step_lines(v, TextOptions{}));
  EXPECT_NE(text.find("1. CreateDiskReplicaPair RegionId=cn-hangzhou DiskId=d-hz-0001\n"
                      "   -> 200 OK ReplicaPairId=pair-1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2. settle {pair:0}\n"), std::string::npos) << text;
  EXPECT_NE(text.find("2a-2d 4 requests, all allowed; the last -> 200 OK TotalCount=1 "
                      "ReplicaPairs (1): pair-1 created"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("3. ReprotectDiskReplicaPair RegionId=cn-hangzhou ReplicaPairId=pair-1\n"
                      "   -> 403 Forbidden OperationDenied.InvalidStatus \"not in this status\"\n"
                      "   NOT ALLOWED [O0 M1]; the model allowed: {200 OK [O6]}"),
            std::string::npos)
      << text;
  const std::string all = joined(finding_lines(v, false, TextOptions{}));
  EXPECT_NE(all.find("minimal sequence (2 requests; shrunk from 31 steps in 212 runs):"),
            std::string::npos)
      << all;
}

// O9 judges a listed pair's LastRecoverPoint: an answer shows it where it has one.
TEST(FindingView, ListedPairsShowTheirRecoverPoint) {
  Failure f = reprotect_finding();
  const model::Request poll =
      request("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}, {"PairIds", "pair-1"}});
  model::Observed l = listing("pair-1", "created");
  l.pairs.at(0).last_recover_point = 1'700'000'000;
  f.records[4] = record(4, 1, poll, l);
  const std::string text = joined(step_lines(finding_view(f, 6), TextOptions{}));
  EXPECT_NE(text.find("ReplicaPairs (1): pair-1 created LastRecoverPoint=1700000000"),
            std::string::npos)
      << text;
}

TEST(FindingView, HeadlineKeepsTheDiagnosis) {
  EXPECT_EQ(finding_headline("[O0] Reprotect: got 403 X, which no state explains; allowed: {403 Y "
                             "[O6 O0]} {200 [O6]} (explained if the status is checked first)",
                             {"403 Y [O6 O0]", "200 [O6]"}),
            "[O0] Reprotect: got 403 X, which no state explains (explained if the status is "
            "checked first)");
  EXPECT_EQ(finding_headline("[W3] HTTP 404 error body without Code\x1b[2J", {}),
            "[W3] HTTP 404 error body without Code [2J");
}

TEST(FindingView, ShrinkStateIsSaid) {
  const std::string partly =
      joined(finding_lines(finding_view(reprotect_finding("partly shrunk"), 6), false, {}));
  EXPECT_NE(partly.find("partly shrunk sequence"), std::string::npos) << partly;
  EXPECT_NE(partly.find("may hold steps that do not matter"), std::string::npos) << partly;
  EXPECT_EQ(partly.find("minimal"), std::string::npos) << partly;
  const std::string none =
      joined(finding_lines(finding_view(reprotect_finding("not shrunk"), 6), false, {}));
  EXPECT_NE(none.find("sequence, not shrunk"), std::string::npos) << none;
}

TEST(FindingView, W3_MalformedBodyIsShown) {
  model::Observed o = answer(403);
  o.shape_error = "[W3] error without Code";
  o.body = "{\"RequestId\":\"r\",\"Message\":\"denied\"\n}\x1b[2J";
  // The run log keeps it (models/record_io.cpp) ...
  model::Observed back = json(o).get<model::Observed>();
  EXPECT_EQ(back.body, o.body);
  // ... and the finding shows it, on one line, with nothing raw from the target.
  const json r = record(0, 0, request("StopDiskReplicaPair", {{"RegionId", "cn-hangzhou"}}), o,
                        false, {"403 OperationDenied.InvalidStatus [O4]"}, {model::RuleId::kW3});
  const RecordView view = record_view(r, "1", 6);
  EXPECT_EQ(view.response.body, o.body);
  const std::string text = joined(record_lines(view, true, TextOptions{}));
  EXPECT_NE(text.find("-> 403 Forbidden"), std::string::npos) << text;
  EXPECT_NE(text.find("malformed: [W3] error without Code"), std::string::npos) << text;
  EXPECT_NE(
      text.find(R"(body (41 bytes): "{\"RequestId\":\"r\",\"Message\":\"denied\"\n}\u001b[2J")"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  // A well-formed body is not logged: older logs and success read without one.
  EXPECT_FALSE(json(answer(200)).contains("body"));
}

TEST(FindingView, LongDescribeListingIsClippedWithACount) {
  const ResponseView r = response_view(json(listing("pair-1", "normal", 40)), 6);
  EXPECT_EQ(r.pairs.size(), 6u);
  EXPECT_EQ(r.pairs_listed, 40u);
  model::StepRecord s;
  s.request = request("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
  s.observed = listing("pair-1", "normal", 40);
  const std::string text = joined(record_lines(record_view(json(s), "1", 6), true, {}));
  EXPECT_NE(text.find("ReplicaPairs (40): pair-1 normal, pair-1-1 normal"), std::string::npos)
      << text;
  EXPECT_NE(text.find("(+34 more)"), std::string::npos) << text;
}

// The summary and `paircheck replay` print the same labels and lines for the same requests.
TEST(FindingView, SummaryAndReplayNumberStepsAlike) {
  const Failure f = reprotect_finding();
  TextOptions full;
  full.compact = false;
  const std::vector<std::string> summary = step_lines(finding_view(f, full.max_pairs), full);
  StepStream stream(f.minimal["steps"], full);
  std::vector<std::string> replay;
  for (const json& r : f.records) {
    for (std::string& line : stream.add(r)) replay.push_back(std::move(line));
  }
  EXPECT_EQ(joined(replay), joined(summary));
  EXPECT_NE(joined(replay).find("   2d DescribeDiskReplicaPairs"), std::string::npos)
      << joined(replay);
  // Compact, the summary keeps the labels: 2a-2d, then step 3.
  const std::string compact = joined(step_lines(finding_view(f, 6), TextOptions{}));
  EXPECT_NE(compact.find("2a-2d "), std::string::npos) << compact;
  EXPECT_NE(compact.find("\n3. ReprotectDiskReplicaPair"), std::string::npos) << compact;
  // A second try of the replay numbers from 1 again.
  stream.restart();
  EXPECT_EQ(stream.add(f.records[0]).front().rfind("1. CreateDiskReplicaPair", 0), 0u);
}

TEST(FindingView, StepsAfterTheFailureAreNotRun) {
  Failure f = reprotect_finding("partly shrunk");
  f.minimal["steps"].push_back({{"kind", "wait"}, {"seconds", 30}});
  f.minimal["steps"].push_back({{"kind", "settle"}, {"slot", 0}});
  const FindingView v = finding_view(f, 6);
  ASSERT_EQ(v.steps.size(), 5u);
  EXPECT_FALSE(v.steps[3].ran);
  const std::string text = joined(step_lines(v, TextOptions{}));
  EXPECT_NE(text.find("4-5. not run: the sequence stopped at step 3"), std::string::npos) << text;
}

TEST(FindingView, OlderRecordsAreNumberedByRequest) {
  Failure f = reprotect_finding();
  for (json& r : f.records) r.erase("step");
  const FindingView v = finding_view(f, 6);
  EXPECT_TRUE(v.numbered_by_request);
  ASSERT_EQ(v.steps.size(), 6u);
  EXPECT_TRUE(v.steps[5].failing);
  EXPECT_EQ(v.steps[5].records.front().label, "6");
}

TEST(FindingView, M3_StuckSettleFailsAtItsStep) {
  Failure f = reprotect_finding();
  f.records.erase(f.records.size() - 1);  // the settle's polls conformed; the status never ended
  f.records.erase(f.records.size() - 1);
  f.allowed = {"a status other than 'creating' within settle_timeout_s [M3]"};
  f.rule_ids = {"M3"};
  const FindingView v = finding_view(f, 6);
  EXPECT_TRUE(v.steps[1].failing);
  EXPECT_FALSE(v.steps[2].ran);
  const std::string text = joined(step_lines(v, TextOptions{}));
  EXPECT_NE(text.find("NOT ALLOWED here; the model allowed: {a status other than 'creating'"),
            std::string::npos)
      << text;
}

TEST(FindingView, MarkdownShowsTheSteps) {
  Scorecard card = Scorecard::with_rule_table();
  card.complete = true;
  card.failures.push_back(reprotect_finding());
  const std::string md = markdown_summary(card);
  EXPECT_NE(md.find("-&gt; 403 Forbidden OperationDenied.InvalidStatus"), std::string::npos) << md;
  EXPECT_NE(md.find("O0 " + std::string(model::info(model::RuleId::kO0).title)), std::string::npos)
      << md;
  EXPECT_NE(md.find("<pre>\n"), std::string::npos) << md;
}

}  // namespace
}  // namespace paircheck::reports
