// A small synthetic run log for the report tests, written with the models' own to_json so that
// it has the shape `paircheck run` writes: a run line, sequences, judged steps (one of them a
// failure whose response carries hostile text), one finding and the summary.
#pragma once

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "models/json_io.hpp"
#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/verdict.hpp"

namespace paircheck::reports::testing {

inline constexpr const char* kHostile = "<script>alert('x')</script>&\"";

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("paircheck-reports-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline model::StepRecord record(std::size_t index, const std::string& action, model::Params params,
                                int http, const std::string& code, std::vector<std::string> rules,
                                std::vector<std::string> allowed, model::PairStatusSet before = {},
                                bool conformant = true) {
  model::StepRecord r;
  r.index = index;
  r.request.action = action;
  r.request.params = std::move(params);
  model::Observed o;
  o.http_status = http;
  o.code = code;
  o.request_id = "req-" + std::to_string(index);
  r.observed = o;
  r.verdict.conformant = conformant;
  for (const std::string& id : rules) {
    r.verdict.rule_ids.push_back(*model::parse_rule_id(id));
    r.verdict.exercised.insert(*model::parse_rule_id(id));
  }
  r.verdict.allowed = std::move(allowed);
  r.verdict.message = "[" + rules.front() + "] " + action + ": " + std::to_string(http) + " " +
                      code + (conformant ? " conforms" : ", which no state explains");
  if (!conformant) {
    r.verdict.violations.push_back({r.verdict.rule_ids.front(), "no state explains it"});
    r.verdict.key = model::FindingKey{r.verdict.rule_ids.front(), action, http, code};
  }
  r.statuses_before = before;
  return r;
}

inline std::string line(const std::string& type, nlohmann::json fields) {
  fields["type"] = type;
  return fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct FixtureOptions {
  bool summary = true;
  bool torn_tail = false;  // a half-written line at the end
  bool failure = true;     // O2 fails with a hostile code
  // The run line's reachable_cells (models/cells.hpp); empty: not written (logs before issue 13).
  std::vector<std::string> reachable_cells;
};

// The records of the fixture's one sequence.
inline std::vector<model::StepRecord> fixture_records(const FixtureOptions& o) {
  using model::PairStatus;
  const model::Params create = {{"RegionId", "cn-hangzhou"},
                                {"DiskId", "d-hz-0001"},
                                {"DestinationRegionId", "cn-shanghai"},
                                {"DestinationDiskId", "d-sh-0001"},
                                {"ClientToken", "tok-1"}};
  const model::Params start = {{"RegionId", "cn-hangzhou"},
                               {"ReplicaPairId", "pair-cn-hangzhou-1"}};
  std::vector<model::StepRecord> r;
  r.push_back(record(0, "CreateDiskReplicaPair", create, 200, "", {"O1"},
                     {"200 ReplicaPairId=<fresh> [O1]"}));
  r.push_back(record(1, "StopDiskReplicaPair", start, 403, "OperationDenied.InvalidStatus", {"O4"},
                     {"403 OperationDenied.InvalidStatus [O4]"},
                     {PairStatus::kCreating, PairStatus::kCreated}));
  model::Params one_shot = start;
  one_shot.emplace_back("OneShot", "true");
  r.push_back(record(2, "StartDiskReplicaPair", one_shot, 200, "", {"O3"}, {"200 [O3]"},
                     {PairStatus::kCreated}));
  r.push_back(record(3, "DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}}, 400,
                     "InvalidTimeStamp.Format", {"G5"}, {"400 InvalidTimeStamp.Format [G5]"}));
  if (o.failure) {
    r.push_back(record(4, "StartDiskReplicaPair", start, 409, kHostile, {"O2", "M1"},
                       {"403 OperationDenied.InvalidStatus [O2]", "400/403 A|B [G1]"},
                       {PairStatus::kManualSyncing}, false));
  }
  return r;
}

// Writes the fixture run log to `path`.
inline void write_fixture(const std::filesystem::path& path, const FixtureOptions& o = {}) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  nlohmann::json profile;
  model::to_json(profile, model::default_profile());
  nlohmann::json run = {{"format", "paircheck-run-log/1"},
                        {"seed", 7},
                        {"target", "http://127.0.0.1:9/"},
                        {"fixtures", "built-in"},
                        {"profile", profile},
                        {"profile_origin", "built-in"},
                        {"sequences", 2},
                        {"max_steps", 20},
                        {"rules", model::rules_json()}};
  if (!o.reachable_cells.empty()) run["reachable_cells"] = o.reachable_cells;
  out << line("run", run);
  out << line("sequence", {{"n", 0}, {"sequence", {{"steps", nlohmann::json::array()}}}});
  const auto records = fixture_records(o);
  for (const auto& r : records) out << line("step", {{"sequence", 0}, {"record", r}});
  out << line("resource", {{"kind", "pair"}, {"id", "pair-cn-hangzhou-1"}});
  if (o.failure && o.summary) {
    nlohmann::json minimal = {
        {"steps",
         nlohmann::json::array({{{"kind", "call"}, {"request", records[0].request}},
                                {{"kind", "settle"}, {"slot", 0}},
                                {{"kind", "call"}, {"request", records.back().request}}})}};
    out << line("finding", {{"key", records.back().verdict.key->str()},
                            {"verdict", records.back().verdict},
                            {"minimal", minimal},
                            {"records", records},
                            {"replay_file", "report/failure-1.json"}});
  }
  if (o.summary) {
    out << line("summary", {{"sequences", 2},
                            {"executions", 3},
                            {"requests", records.size()},
                            {"seconds", 0.5},
                            {"findings", o.failure ? 1 : 0},
                            {"target_error", ""},
                            {"rules", nlohmann::json::object()},
                            {"exit_code", o.failure ? 1 : 0}});
  }
  if (o.torn_tail) out << R"({"record":{"index":5,"observed":{"code":"","http_s)";
}

}  // namespace paircheck::reports::testing
