#include "events/run_events.hpp"

#include "events/step_line.hpp"
#include "models/json_io.hpp"

namespace paircheck::events {
namespace {

using nlohmann::json;

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::kGenerate:
      return "generate";
    case Phase::kShrink:
      return "shrink";
    case Phase::kReplay:
      return "replay";
  }
  return "generate";
}

Phase phase_from(const std::string& s) {
  if (s == "shrink") return Phase::kShrink;
  if (s == "replay") return Phase::kReplay;
  return Phase::kGenerate;
}

ShrinkState shrink_from(const std::string& s) {
  if (s == "partly shrunk") return ShrinkState::kPartlyShrunk;
  if (s == "not shrunk") return ShrinkState::kNotShrunk;
  return ShrinkState::kShrunk;
}

template <class T>
void get(const json& j, const char* key, T& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace

const char* to_string(ShrinkState s) {
  switch (s) {
    case ShrinkState::kShrunk:
      return "shrunk";
    case ShrinkState::kPartlyShrunk:
      return "partly shrunk";
    case ShrinkState::kNotShrunk:
      return "not shrunk";
  }
  return "shrunk";
}

const char* type_name(const Event& e) {
  static constexpr const char* kNames[] = {"run",      "sequence", "step",
                                           "resource", "finding",  "summary"};
  return kNames[e.index()];
}

void to_json(json& j, const TargetInfo& t) {
  j = json{{"kind", t.kind}, {"url", t.url}, {"faults", t.faults}};
}

void from_json(const json& j, TargetInfo& t) {
  if (j.is_string()) {  // run-log/1: "embedded", "inprocess" or the URL
    const auto name = j.get<std::string>();
    t.kind = name == "embedded" || name == "inprocess" ? name : "url";
    t.url = t.kind == "url" ? name : "";
    return;
  }
  get(j, "kind", t.kind);
  get(j, "url", t.url);
  get(j, "faults", t.faults);
}

void to_json(json& j, const RunStarted& e) {
  j = json{{"format", e.format},
           {"version", e.version},
           {"commit", e.commit},
           {"mode", e.mode},
           {"started_at", e.started_at},
           {"seed", e.seed},
           {"target", e.target},
           {"fixtures", e.fixtures_origin},
           {"profile", e.profile},
           {"profile_origin", e.profile_origin},
           {"sequences", e.sequences},
           {"max_steps", e.max_steps},
           {"jobs", e.jobs},
           {"clients", e.clients},
           {"unreachable", e.unreachable},
           {"require_all_rules", e.require_all_rules},
           {"strict", e.strict},
           {"nemesis", e.nemesis},
           {"rules", model::rules_json()}};
  if (e.max_live_pairs > 0) j["max_live_pairs"] = e.max_live_pairs;
  if (!e.reachable_cells.empty()) j["reachable_cells"] = e.reachable_cells;
  j["log"] = e.log;
}

void from_json(const json& j, RunStarted& e) {
  get(j, "format", e.format);
  get(j, "version", e.version);
  get(j, "commit", e.commit);
  get(j, "mode", e.mode);
  get(j, "started_at", e.started_at);
  get(j, "seed", e.seed);
  if (j.contains("target")) e.target = j.at("target").get<TargetInfo>();
  get(j, "fixtures", e.fixtures_origin);
  if (j.contains("profile")) e.profile = j.at("profile");
  get(j, "profile_origin", e.profile_origin);
  get(j, "sequences", e.sequences);
  get(j, "max_steps", e.max_steps);
  get(j, "jobs", e.jobs);
  get(j, "clients", e.clients);
  get(j, "unreachable", e.unreachable);
  get(j, "require_all_rules", e.require_all_rules);
  get(j, "strict", e.strict);
  get(j, "nemesis", e.nemesis);
  get(j, "max_live_pairs", e.max_live_pairs);
  get(j, "reachable_cells", e.reachable_cells);
  get(j, "log", e.log);
}

void to_json(json& j, const SequenceStarted& e) {
  json steps = e.steps;
  compact_sequence(steps);  // /3
  j = json{{"n", e.n}, {"sequence", std::move(steps)}};
}

void from_json(const json& j, SequenceStarted& e) {
  get(j, "n", e.n);
  if (j.contains("sequence")) e.steps = j.at("sequence");
}

void to_json(json& j, const StepJudged& e) {
  // /3: the compact record (events/step_line.hpp); a generated step's phase is left out.
  j = json{{"sequence", e.sequence}, {"record", compact_record(e.record)}};
  if (e.phase != Phase::kGenerate) j["phase"] = phase_name(e.phase);
}

void from_json(const json& j, StepJudged& e) {
  e.sequence = j.at("sequence").get<std::size_t>();
  e.phase = phase_from(j.value("phase", std::string("generate")));
  e.record = j.at("record").get<model::StepRecord>();
}

void to_json(json& j, const ResourceCreated& e) {
  j = json{{"kind", e.kind}};
  if (e.kind == "pair") {
    j.update({{"id", e.id}, {"region", e.region}, {"standby_region", e.standby_region}});
  } else {
    j.update({{"instance", e.instance}, {"disk", e.disk}});
  }
}

void from_json(const json& j, ResourceCreated& e) {
  get(j, "kind", e.kind);
  get(j, "id", e.id);
  get(j, "region", e.region);
  get(j, "standby_region", e.standby_region);
  get(j, "instance", e.instance);
  get(j, "disk", e.disk);
}

void to_json(json& j, const FindingReported& e) {
  j = json{{"number", e.number},
           {"key", e.key.str()},
           {"verdict", e.verdict},
           {"minimal", e.minimal},
           {"records", e.records},
           {"shrink", to_string(e.shrink)},
           {"sequence_number", e.sequence},
           {"original_steps", e.original_steps},
           {"shrink_runs", e.shrink_runs},
           {"replay_file", e.replay_file}};
}

void from_json(const json& j, FindingReported& e) {
  get(j, "number", e.number);
  e.verdict = j.value("verdict", json::object()).get<model::Verdict>();
  const auto key = model::FindingKey::parse(j.value("key", std::string()));
  if (key) {
    e.key = *key;
  } else if (e.verdict.key) {
    e.key = *e.verdict.key;
  } else if (auto rule = e.verdict.primary()) {  // run-log/1: "rules|action|answer"
    e.key.rule = *rule;
  }
  if (j.contains("minimal")) e.minimal = j.at("minimal");
  if (j.contains("records")) e.records = j.at("records").get<std::vector<model::StepRecord>>();
  if (!key && !e.records.empty() && e.records.back().observed) {
    e.key.action = e.records.back().request.action;
    e.key.http = e.records.back().observed->http_status;
    e.key.code = e.records.back().observed->code;
  }
  e.shrink = shrink_from(j.value("shrink", std::string("shrunk")));
  get(j, "sequence_number", e.sequence);
  get(j, "original_steps", e.original_steps);
  get(j, "shrink_runs", e.shrink_runs);
  get(j, "replay_file", e.replay_file);
}

void StepTally::add(const model::StepRecord& record) {
  ++steps;
  if (!record.observed) ++unknown_outcomes;
  if (!record.verdict.conformant) ++failing_steps;
  for (model::RuleId r : record.verdict.exercised.list())
    ++exercised[std::string(model::to_string(r))];
}

void to_json(json& j, const StepTally& t) {
  j = json{{"steps", t.steps},
           {"unknown_outcomes", t.unknown_outcomes},
           {"failing_steps", t.failing_steps},
           {"exercised", t.exercised}};
}

void from_json(const json& j, StepTally& t) {
  get(j, "steps", t.steps);
  get(j, "unknown_outcomes", t.unknown_outcomes);
  get(j, "failing_steps", t.failing_steps);
  get(j, "exercised", t.exercised);
}

void to_json(json& j, const RunFinished& e) {
  j = json{{"sequences", e.sequences},
           {"executions", e.executions},
           {"requests", e.requests},
           {"shrink_requests", e.shrink_requests},
           {"seconds", e.seconds},
           {"findings", e.findings},
           {"target_error", e.target_error},
           {"interrupted", e.interrupted},
           {"left_behind", e.left_behind},
           {"not_reached", e.not_reached},
           {"unknown_races", e.unknown_races},
           {"exit_code", e.exit_code}};
  if (e.asleep_ms) j["asleep_ms"] = *e.asleep_ms;
  if (e.wall_ms) j["wall_ms"] = *e.wall_ms;
  if (e.peak_live_pairs) j["peak_live_pairs"] = *e.peak_live_pairs;
  if (e.step_tally) j["step_tally"] = *e.step_tally;
}

void from_json(const json& j, RunFinished& e) {
  get(j, "sequences", e.sequences);
  get(j, "executions", e.executions);
  get(j, "requests", e.requests);
  get(j, "shrink_requests", e.shrink_requests);
  get(j, "seconds", e.seconds);
  get(j, "findings", e.findings);
  get(j, "target_error", e.target_error);
  get(j, "interrupted", e.interrupted);
  get(j, "left_behind", e.left_behind);
  get(j, "not_reached", e.not_reached);
  get(j, "unknown_races", e.unknown_races);
  get(j, "exit_code", e.exit_code);
  // Absent from logs written before issue 12: left unset, not read as zero.
  if (j.contains("asleep_ms") && !j.at("asleep_ms").is_null())
    e.asleep_ms = j.at("asleep_ms").get<std::int64_t>();
  if (j.contains("wall_ms") && !j.at("wall_ms").is_null())
    e.wall_ms = j.at("wall_ms").get<std::int64_t>();
  if (j.contains("peak_live_pairs") && !j.at("peak_live_pairs").is_null()) {
    e.peak_live_pairs = j.at("peak_live_pairs").get<std::size_t>();
  }
  if (j.contains("step_tally") && !j.at("step_tally").is_null()) {
    e.step_tally = j.at("step_tally").get<StepTally>();
  }
}

json to_line(const Event& e) {
  json line = json::object();
  line["type"] = type_name(e);
  std::visit([&](const auto& event) { line.update(json(event)); }, e);
  return line;
}

std::optional<Event> from_line(const json& line) {
  const std::string type = line.at("type").get<std::string>();
  if (type == "run") return line.get<RunStarted>();
  if (type == "sequence") return line.get<SequenceStarted>();
  if (type == "step") return line.get<StepJudged>();
  if (type == "resource") return line.get<ResourceCreated>();
  if (type == "finding") return line.get<FindingReported>();
  if (type == "summary") return line.get<RunFinished>();
  return std::nullopt;  // left_behind (/1) and types of later versions
}

}  // namespace paircheck::events
