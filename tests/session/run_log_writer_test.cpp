// The run-log writer (docs/run-log.md): the compact /3 step record reads back as the record, the
// --log levels keep what they say, resource lines reach the file at once and the others within
// the flush period, and a report from a log without its steps counts rules as the run did.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "events/step_line.hpp"
#include "harness/run_log.hpp"
#include "harness/sequence.hpp"
#include "models/json_io.hpp"
#include "models/rules.hpp"
#include "reports/scorecard.hpp"
#include "session/run_log_writer.hpp"

namespace paircheck {
namespace {

using nlohmann::json;

std::filesystem::path temp_file(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("paircheck-session-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir / "run.jsonl";
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<json> read_lines(const std::filesystem::path& path) {
  std::vector<json> out;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

std::size_t count_type(const std::vector<json>& lines, const std::string& type) {
  std::size_t n = 0;
  for (const json& j : lines) n += j.at("type") == type ? 1 : 0;
  return n;
}

model::StepRecord step_record(std::size_t index, bool conformant) {
  model::StepRecord r;
  r.index = index;
  r.step = index;
  r.request.action = "StartDiskReplicaPair";
  r.request.params = {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-cn-hangzhou-1"}};
  r.request.envelope.version = "2021-07-30";
  r.request.envelope.nonce = "pc1x2-0-n" + std::to_string(index);
  model::Observed o;
  o.http_status = 403;
  o.code = "OperationDenied.InvalidStatus";
  o.request_id = "req-" + std::to_string(index);
  o.message = "The operation is not permitted in the current status.";
  r.observed = o;
  r.verdict.conformant = conformant;
  r.verdict.rule_ids = {model::RuleId::kO2, model::RuleId::kO0};
  for (model::RuleId id : {model::RuleId::kW3, model::RuleId::kW4, model::RuleId::kO2,
                           model::RuleId::kO0, model::RuleId::kM1}) {
    r.verdict.exercised.insert(id);
  }
  r.verdict.allowed = {"403 OperationDenied.InvalidStatus [O2 O0]"};
  r.verdict.message = "[O2] StartDiskReplicaPair: 403 OperationDenied.InvalidStatus conforms";
  if (!conformant) {
    r.verdict.violations.push_back({model::RuleId::kO2, "no state explains it"});
    r.verdict.key = model::FindingKey{model::RuleId::kO2, "StartDiskReplicaPair", 403, o.code};
  }
  r.target_pair = "pair-cn-hangzhou-1";
  r.statuses_before = {model::PairStatus::kSyncing};
  return r;
}

// A run of `sequences` sequences of 3 steps; sequence 1's last step fails; each sequence's first
// step "creates" a pair.
std::vector<events::Event> run_events(std::size_t sequences) {
  std::vector<events::Event> out;
  events::RunStarted run;
  run.seed = 1;
  out.emplace_back(run);
  std::size_t index = 0;
  for (std::size_t n = 0; n < sequences; ++n) {
    out.emplace_back(events::SequenceStarted{n, json{{"steps", json::array()}}});
    for (std::size_t i = 0; i < 3; ++i) {
      out.emplace_back(events::StepJudged{n, events::Phase::kGenerate,
                                          step_record(index++, !(n == 1 && i == 2))});
      if (i == 0) {
        events::ResourceCreated pair;
        pair.kind = "pair";
        pair.id = "pair-" + std::to_string(n);
        out.emplace_back(pair);
      }
    }
  }
  events::FindingReported finding;
  finding.number = 1;
  finding.key = *step_record(0, false).verdict.key;
  finding.verdict = step_record(0, false).verdict;
  finding.minimal = json{{"steps", json::array({json::object()})}};
  finding.records = {step_record(0, false)};
  out.emplace_back(finding);
  events::RunFinished summary;
  summary.sequences = sequences;
  summary.requests = 3 * sequences;
  summary.findings = 1;
  summary.exit_code = 1;
  out.emplace_back(summary);
  return out;
}

reports::Scorecard write_run(const std::filesystem::path& path, session::LogLevel level,
                             std::size_t sequences) {
  reports::LiveScorecard live;
  {
    harness::RunLog log(path.string());
    session::RunLogWriter writer(log, &live, level);
    for (events::Event e : run_events(sequences)) {
      if (auto* run = std::get_if<events::RunStarted>(&e)) run->log = session::to_string(level);
      writer.handle(e);
    }
  }
  return live.finish();
}

TEST(RunLogV3, ACompactStepRecordReadsBackAsTheRecord) {
  for (bool conformant : {true, false}) {
    model::StepRecord r = step_record(4, conformant);
    r.request.envelope.signature = model::SignatureFault::kWrongSecret;
    r.request.envelope.timestamp_offset_s = -901;
    r.request.time = {1000, 1042};
    const json line = events::to_line(events::StepJudged{7, events::Phase::kGenerate, r});
    const auto back = events::from_line(json::parse(line.dump()));
    ASSERT_TRUE(back.has_value());
    const auto& step = std::get<events::StepJudged>(*back);
    EXPECT_EQ(step.sequence, 7u);
    EXPECT_EQ(step.phase, events::Phase::kGenerate);
    // Everything a reader uses comes back; on a conformant step the messages are left out.
    model::Request want = r.request;
    want.time = {};  // not read back, in /2 either
    EXPECT_EQ(json(step.record.request).dump(), json(want).dump());
    EXPECT_EQ(step.record.verdict.conformant, conformant);
    EXPECT_EQ(step.record.verdict.exercised.list(), r.verdict.exercised.list());
    EXPECT_EQ(step.record.verdict.rule_ids, r.verdict.rule_ids);
    EXPECT_EQ(step.record.verdict.allowed, r.verdict.allowed);
    EXPECT_EQ(step.record.verdict.key.has_value(), !conformant);
    EXPECT_EQ(step.record.statuses_before, r.statuses_before);
    EXPECT_EQ(step.record.target_pair, r.target_pair);
    EXPECT_EQ(step.record.step, r.step);
    ASSERT_TRUE(step.record.observed.has_value());
    EXPECT_EQ(step.record.observed->code, r.observed->code);
    EXPECT_EQ(step.record.observed->request_id, r.observed->request_id);
    EXPECT_EQ(step.record.verdict.message, conformant ? "" : r.verdict.message);
    EXPECT_EQ(step.record.observed->message, conformant ? "" : r.observed->message);
    // The times stay in the line (the real-clock bench reads them).
    EXPECT_EQ(line.at("record").at("request").at("time").at("received_ms"), 1042);
  }
}

TEST(RunLogV3, AConformantStepLineIsUnderTwoThirdsOfItsV2Size) {
  const model::StepRecord r = step_record(0, true);
  const std::string v3 = events::to_line(events::StepJudged{0, events::Phase::kGenerate, r}).dump();
  const std::string v2 =
      json{{"type", "step"}, {"sequence", 0}, {"phase", "generate"}, {"record", r}}.dump();
  EXPECT_LT(3 * v3.size(), 2 * v2.size()) << v3.size() << " bytes against " << v2.size();
}

TEST(RunLogV3, AnUnknownOutcomeSaysSo) {
  model::StepRecord r = step_record(0, true);
  r.observed.reset();
  const json line = events::to_line(events::StepJudged{0, events::Phase::kGenerate, r});
  EXPECT_EQ(line.at("record").at("unknown"), true);
  const auto back = events::from_line(line);
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(std::get<events::StepJudged>(*back).record.observed.has_value());
}

TEST(RunLogV3, ACompactSequenceLineReadsBackAsTheSequence) {
  model::Request plain = step_record(0, true).request;
  model::Request odd = plain;
  odd.envelope.method = "GET";
  odd.envelope.signature = model::SignatureFault::kMissing;
  odd.envelope.timestamp = model::TimestampState::kUnparsable;
  odd.envelope.version.reset();
  odd.envelope.nonce_reused = true;
  harness::Sequence sequence;
  sequence.emplace_back(harness::Step::Kind::kCall, plain, 0, 0);
  sequence.emplace_back(harness::Step::Kind::kWait, model::Request{}, 2.5, 0);
  sequence.emplace_back(harness::Step::Kind::kRace, model::Request{}, 0, 0,
                        std::vector<model::Request>{odd, plain});
  const json full = harness::to_json(sequence);
  const json line = events::to_line(events::SequenceStarted{3, full});
  EXPECT_LT(line.dump().size(), full.dump().size());
  EXPECT_FALSE(
      line.at("sequence").at("steps").at(0).at("request").at("envelope").contains("method"));
  const auto back = events::from_line(json::parse(line.dump()));
  ASSERT_TRUE(back.has_value());
  harness::Sequence read;
  ASSERT_EQ(harness::from_json(std::get<events::SequenceStarted>(*back).steps, read), "");
  EXPECT_EQ(harness::to_json(read).dump(), full.dump());
}

TEST(RunLogWriter, StepsKeepsEveryLine) {
  const auto path = temp_file("steps");
  write_run(path, session::LogLevel::kSteps, 4);
  const auto lines = read_lines(path);
  EXPECT_EQ(lines.front().at("format"), "paircheck-run-log/3");
  EXPECT_EQ(count_type(lines, "sequence"), 4u);
  EXPECT_EQ(count_type(lines, "step"), 12u);
  EXPECT_EQ(count_type(lines, "resource"), 4u);
  EXPECT_FALSE(lines.back().contains("step_tally"));
}

TEST(RunLogWriter, FindingsKeepsOnlyTheFailingSequence) {
  const auto path = temp_file("findings");
  write_run(path, session::LogLevel::kFindings, 4);
  const auto lines = read_lines(path);
  EXPECT_EQ(count_type(lines, "sequence"), 1u);
  EXPECT_EQ(count_type(lines, "step"), 3u);
  for (const json& j : lines) {
    if (j.at("type") == "step") {
      EXPECT_EQ(j.at("sequence"), 1) << j.dump();
    }
    if (j.at("type") == "sequence") {
      EXPECT_EQ(j.at("n"), 1) << j.dump();
    }
  }
  EXPECT_EQ(count_type(lines, "resource"), 4u);
  EXPECT_EQ(count_type(lines, "finding"), 1u);
  EXPECT_EQ(lines.back().at("step_tally").at("steps"), 12);
}

TEST(RunLogWriter, NoneKeepsHeaderResourcesFindingsAndSummary) {
  const auto path = temp_file("none");
  write_run(path, session::LogLevel::kNone, 4);
  const auto lines = read_lines(path);
  EXPECT_EQ(lines.size(), 1u + 4u + 1u + 1u);
  EXPECT_EQ(count_type(lines, "run"), 1u);
  EXPECT_EQ(count_type(lines, "resource"), 4u);
  EXPECT_EQ(count_type(lines, "finding"), 1u);
  const json& tally = lines.back().at("step_tally");
  EXPECT_EQ(tally.at("steps"), 12);
  EXPECT_EQ(tally.at("failing_steps"), 1);
  EXPECT_EQ(tally.at("exercised").at("O2"), 12);
}

TEST(RunLogWriter, AReportWithoutTheStepsCountsAsTheRunAndSaysSo) {
  for (session::LogLevel level : {session::LogLevel::kFindings, session::LogLevel::kNone}) {
    const auto path = temp_file(std::string("report-") + session::to_string(level));
    const reports::Scorecard live = write_run(path, level, 4);
    const reports::Scorecard steps =
        write_run(temp_file("report-steps"), session::LogLevel::kSteps, 4);
    const reports::Scorecard rebuilt = reports::build_scorecard(path.string());
    EXPECT_TRUE(live.steps_note.empty());
    EXPECT_NE(rebuilt.steps_note.find(std::string("--log ") + session::to_string(level)),
              std::string::npos)
        << rebuilt.steps_note;
    for (std::size_t i = 0; i < live.rules.size(); ++i) {
      EXPECT_EQ(live.rules[i].exercised, steps.rules[i].exercised) << live.rules[i].id;
      EXPECT_EQ(rebuilt.rules[i].exercised, live.rules[i].exercised) << live.rules[i].id;
      EXPECT_EQ(rebuilt.rules[i].failed, live.rules[i].failed) << live.rules[i].id;
    }
    EXPECT_EQ(rebuilt.failing_steps, live.failing_steps);
    EXPECT_EQ(rebuilt.sequences, live.sequences);
    EXPECT_EQ(rebuilt.requests, live.requests);
  }
}

TEST(RunLog, AResourceLineIsInTheFileAtOnceWithEveryLineBeforeIt) {
  const auto path = temp_file("at-once");
  harness::RunLog log(path.string(), std::chrono::minutes(10));
  session::RunLogWriter writer(log, nullptr);
  const auto events = run_events(1);
  writer.handle(events[0]);  // run: at once
  writer.handle(events[1]);  // sequence: batched
  writer.handle(events[2]);  // step: batched
  EXPECT_EQ(read_lines(path).size(), 1u);
  writer.handle(events[3]);  // resource: at once, with every line before it
  EXPECT_EQ(read_lines(path).size(), 4u);
  EXPECT_EQ(read_text(path).back(), '\n');
}

TEST(RunLog, BatchedLinesReachTheFileWithinThePeriod) {
  const auto path = temp_file("period");
  harness::RunLog log(path.string(), std::chrono::milliseconds(20));
  session::RunLogWriter writer(log, nullptr);
  const auto events = run_events(1);
  writer.handle(events[0]);
  writer.handle(events[1]);
  writer.handle(events[2]);
  for (int i = 0; i < 200 && read_lines(path).size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(read_lines(path).size(), 3u);
}

TEST(RunLog, ANewSequenceFlushesTheLastOne) {
  const auto path = temp_file("sequence");
  harness::RunLog log(path.string(), std::chrono::minutes(10));
  session::RunLogWriter writer(log, nullptr);
  const auto events = run_events(2);
  std::size_t second = 0;  // the index of sequence 1's line
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto* s = std::get_if<events::SequenceStarted>(&events[i]);
    if (s != nullptr && s->n == 1) second = i;
  }
  for (std::size_t i = 0; i <= second; ++i) {
    if (!std::holds_alternative<events::ResourceCreated>(events[i])) writer.handle(events[i]);
  }
  // Sequence 0 (its line and three steps) is complete and in the file; sequence 1's line waits.
  const auto lines = read_lines(path);
  EXPECT_EQ(count_type(lines, "step"), 3u);
  EXPECT_EQ(count_type(lines, "sequence"), 1u);
}

}  // namespace
}  // namespace paircheck
