// traces/actiontrail_reader: an ActionTrail export (docs/traces.md "ActionTrail") read from its
// documented event fields and judged offline: answers with no HTTP status, events of one second
// judged as overlapping, other services not judged, a bad export one line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "harness/universe.hpp"
#include "models/profile.hpp"
#include "protocol/fixtures.hpp"
#include "traces/actiontrail_reader.hpp"
#include "traces/offline_judge.hpp"

namespace paircheck::traces {
namespace {

using nlohmann::json;

std::string data(const std::string& name) {
  std::ifstream in(std::string(PAIRCHECK_SOURCE_DIR) + "/tests/data/traces/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Trace parse(const std::string& name) {
  return parse_actiontrail(data(name), name, model::default_profile());
}

class Collect : public events::Handler {
 public:
  void handle(const events::Event& e) override {
    if (const auto* f = std::get_if<events::FindingReported>(&e)) keys.push_back(f->key.str());
  }
  std::vector<std::string> keys;
};

std::vector<std::string> judge(const Trace& trace, CheckSummary* out = nullptr,
                               const model::Profile& profile = model::default_profile()) {
  CheckOptions options;
  options.universe = harness::universe_from(protocol::default_fixtures());
  options.profile = profile;
  Collect collect;
  const CheckSummary s = check_trace(trace, options, {}, collect);
  if (out != nullptr) *out = s;
  return collect.keys;
}

TEST(ActionTrail, EventsBecomeRequestsWithSecondIntervalsAndAnswersWithoutStatus) {
  const Trace t = parse("actiontrail-ok.json");
  EXPECT_EQ(t.source, "ActionTrail");
  ASSERT_EQ(t.calls.size(), 8U);
  const TraceCall& create = t.calls[0];
  EXPECT_EQ(create.request.action, "CreateDiskReplicaPair");
  EXPECT_EQ(create.request.envelope.version, "2021-07-30");
  EXPECT_EQ(create.request.envelope.access_key_id, "ak-admin");
  EXPECT_EQ(create.request.envelope.timestamp, model::TimestampState::kOk);
  EXPECT_EQ(model::find_param(create.request.params, "DiskId"), "d-hz-0001");
  EXPECT_EQ(model::find_param(create.request.params, "ClientToken"), "dr-create-1");
  // W5's common parameters are the envelope, not business parameters.
  EXPECT_EQ(model::find_param(create.request.params, "Action"), std::nullopt);
  EXPECT_EQ(model::find_param(create.request.params, "AccessKeyId"), std::nullopt);
  ASSERT_TRUE(create.observed);
  EXPECT_FALSE(create.observed->http_status_known);
  EXPECT_EQ(create.observed->replica_pair_id, "pair-cn-hangzhou-at0001");
  EXPECT_EQ(create.observed->request_id, "R-AT-0001");  // from the event's requestId
  // A list of IDs is sent comma-separated.
  EXPECT_EQ(model::find_param(t.calls[1].request.params, "PairIds"), "pair-cn-hangzhou-at0001");
  EXPECT_EQ(t.calls[1].observed->pairs.size(), 1U);
  // The rejected Start: its code; the status is the profile's for the key, not judged.
  const TraceCall& rejected = t.calls[5];
  ASSERT_TRUE(rejected.observed);
  EXPECT_EQ(rejected.observed->code, "OperationDenied.InvalidStatus");
  EXPECT_FALSE(rejected.observed->http_status_known);
  EXPECT_EQ(rejected.observed->http_status, 403);
  // Second resolution: [second, second + 1 s); two events of one second share it.
  EXPECT_EQ(create.request.time.sent_ms, 0);
  EXPECT_EQ(create.request.time.received_ms, 1000);
  EXPECT_EQ(rejected.request.time.sent_ms, 40000);
  EXPECT_EQ(t.calls[6].request.time.sent_ms, 40000);
  EXPECT_EQ(t.calls[6].request.time.received_ms, 41000);
  // Nor an event with no AccessKeyId (its identity is unknown), nor one not an API call.
  json events = json::parse(data("actiontrail-ok.json"));
  events[2]["userIdentity"].erase("accessKeyId");
  events[3]["eventType"] = "ConsoleSignin";
  const Trace u = parse_actiontrail(events.dump(), "x", model::default_profile());
  EXPECT_EQ(u.calls[2].not_judged,
            "no userIdentity.accessKeyId: the identity (G3, G11) is unknown");
  EXPECT_EQ(u.calls[3].not_judged, "an event of type 'ConsoleSignin', not an API call");
  // An ECS event of another action is not judged.
  EXPECT_EQ(t.calls[7].not_judged, "'DescribeDisks' is not an action of the contract");
  EXPECT_EQ(t.first_time, "2026-12-02T10:00:00Z");
  EXPECT_EQ(t.last_time, "2026-12-02T10:00:41Z");
}

TEST(ActionTrail, AConformantExportIsJudgedConformant) {
  CheckSummary s;
  EXPECT_EQ(judge(parse("actiontrail-ok.json"), &s), std::vector<std::string>{});
  EXPECT_EQ(s.judged, 7U);  // all but DescribeDisks
  EXPECT_EQ(s.not_judged.count("'DescribeDisks' is not an action of the contract"), 1U);
  EXPECT_EQ(s.exit_code, 0);
}

TEST(ActionTrail, EventsOfOneSecondOverlapSoTheOrderThatExplainsThemIsFound) {
  // The file lists the rejected Start before the accepted one, in the same second: only
  // accepted-then-rejected explains both (the pair was listed stopped), and it is found.
  EXPECT_EQ(judge(parse("actiontrail-ok.json")), std::vector<std::string>{});
  // The same answers a second apart are ordered: a stopped pair rejecting a Start is O2's finding.
  EXPECT_EQ(judge(parse("actiontrail-apart.json")),
            std::vector<std::string>{"O2|StartDiskReplicaPair|403|OperationDenied.InvalidStatus"});
}

TEST(ActionTrail, AnAnswerBreakingARuleIsNonConformantWithItsKey) {
  // JSON lines: the pair listed stopped, then a Stop accepted (O4 accepts no stopped pair).
  CheckSummary s;
  EXPECT_EQ(judge(parse("actiontrail-bad.jsonl"), &s),
            std::vector<std::string>{"O4|StopDiskReplicaPair|200|"});
  EXPECT_EQ(s.exit_code, 1);
}

TEST(ActionTrail, AnUnknownStatusIsNotJudgedTheCodeIs) {
  Trace t = parse("actiontrail-ok.json");
  // A code whose status the profile does not pin down: 0, not compared.
  t.calls[5].observed->http_status = 0;
  EXPECT_EQ(judge(t), std::vector<std::string>{});
  // The same status taken as known is judged (W3: a Code with no error status).
  t.calls[5].observed->http_status_known = true;
  EXPECT_NE(judge(t), std::vector<std::string>{});
  // And a wrong code with the status unknown is still a finding.
  t = parse("actiontrail-ok.json");
  t.calls[5].observed->code = "OperationDenied.ManualSyncLimit";
  EXPECT_NE(judge(t), std::vector<std::string>{});
  // A server error code (M2.server_error_codes) with no status is an unknown outcome: the Stop
  // answered InternalError may or may not have applied, so the pair listed stopped conforms.
  t = parse("actiontrail-ok.json");
  t.calls[3].observed->code = "InternalError";
  t.calls[3].observed->http_status = 0;
  EXPECT_NE(judge(t), std::vector<std::string>{});  // not a code the default profile allows
  model::Profile cloud = model::default_profile();
  cloud.server_error_codes = {"InternalError"};
  EXPECT_EQ(judge(t, nullptr, cloud), std::vector<std::string>{});
}

TEST(ActionTrail, TheThreeFormsReadTheSameEvents) {
  const json events = json::parse(data("actiontrail-ok.json"));
  std::string lines;
  for (const json& e : events) lines += e.dump() + "\n";
  const std::string lookup = json{{"RequestId", "R-L"}, {"Events", events}}.dump();
  for (const std::string& text : {events.dump(), lines, lookup}) {
    EXPECT_EQ(detect_trace_format(text, "x"), TraceFormat::kActionTrail) << text.substr(0, 40);
    const Trace t = parse_actiontrail(text, "x", model::default_profile());
    ASSERT_EQ(t.calls.size(), events.size());
    EXPECT_EQ(judge(t), std::vector<std::string>{});
  }
  EXPECT_EQ(detect_trace_format(R"({"log":{"version":"1.2","entries":[]}})", "x"),
            TraceFormat::kHar);
  EXPECT_EQ(detect_trace_format("{\n  \"log\": {\"entries\": [", "x"), TraceFormat::kHar);
}

TEST(ActionTrail, ABadExportIsOneLineNamingTheFileAndTheEvent) {
  json events = json::parse(data("actiontrail-ok.json"));
  json no_name = events, bad_time = events;
  no_name[1].erase("eventName");
  bad_time[2]["eventTime"] = "2026-12-02 10:00:10";
  const std::string text = events.dump();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {data("actiontrail-no-time.json"), "event 3 has no eventTime"},
      {no_name.dump(), "event 2 has no eventName"},
      {bad_time.dump(), "event 3: eventTime '2026-12-02 10:00:10' is not an ISO 8601 time"},
      {text.substr(0, text.size() / 2), "not JSON"},
      {"{\"eventName\":\"StopDiskReplicaPair\"}\n{\"eventName\":", "line 2 is not a JSON event"},
      {R"({"Events":{}})", "Events is not a list"},
      {R"([1])", "event 1 is not an object"},
  };
  for (const auto& [bad, want] : cases) {
    try {
      (void)parse_actiontrail(bad, "bad.json", model::default_profile());
      ADD_FAILURE() << "accepted: " << bad.substr(0, 80);
    } catch (const model::UsageError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_EQ(what.rfind("bad.json: ", 0), 0U) << what;
      EXPECT_NE(what.find(want), std::string::npos) << what;
    }
  }
  for (const char* bad : {"not a trace at all", "", R"({"something":"else"})"}) {
    try {
      (void)detect_trace_format(bad, "bad.json");
      ADD_FAILURE() << "detected: " << bad;
    } catch (const model::UsageError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_NE(what.find("neither a HAR file nor an ActionTrail export"), std::string::npos)
          << what;
    }
  }
}

}  // namespace
}  // namespace paircheck::traces
