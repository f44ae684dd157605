// The typed events of one run (docs/run-log.md): a Session emits them, the run log is their JSON
// lines ("paircheck-run-log/3"), and the progress line, the terminal summary and the reports are
// handlers of the same stream, so that every output tells the same numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/verdict.hpp"

namespace paircheck::events {

inline constexpr const char* kRunLogFormat = "paircheck-run-log/3";
inline constexpr const char* kRunLogFormatV2 = "paircheck-run-log/2";  // still read
inline constexpr const char* kRunLogFormatV1 = "paircheck-run-log/1";  // still read

// What a run was pointed at: enough to run again against the same kind of target (never a
// secret or a control token).
struct TargetInfo {
  std::string kind = "embedded";    // embedded | inprocess | direct | url
  std::string url;                  // kind url: the URL(s), comma-separated
  std::vector<std::string> faults;  // embedded / inprocess: the bundled emulator's faults
  // "embedded", "inprocess" or the URL, as --target takes it.
  std::string name() const { return kind == "url" ? url : kind; }
};

struct RunStarted {
  std::string format = kRunLogFormat;
  std::string version, commit;  // paircheck's
  std::string mode = "run";     // run | fuzz | replay
  std::string started_at;       // UTC, ISO 8601
  std::uint64_t seed = 0;
  TargetInfo target;
  std::string fixtures_origin;  // a path, or "built-in"
  nlohmann::json profile;       // model::to_json(Profile): every knob and override in force
  std::string profile_origin;
  std::uint64_t sequences = 0, max_steps = 0, jobs = 1;
  std::uint64_t clients = 1;  // --clients: sequences at once on ONE target, each on its lease
  // Rules this run cannot exercise at all, with why (model::reachability): "S6" -> "needs ...".
  std::map<std::string, std::string> unreachable;
  // The coverage map's cells this run can visit (model::reachable_cells for this profile, these
  // fixtures and what the run can do), sorted; empty (not written) in logs before issue 13.
  std::vector<std::string> reachable_cells;
  bool require_all_rules = false;  // --require-all-rules: a reachable rule not reached fails
  bool strict = false;             // --strict: an unknown race verdict fails too
  std::string nemesis;             // --nemesis: what the client did to the network, "" none
  // --max-live-pairs: the most pairs of the run on the account at once; 0 (not written): no cap.
  std::uint64_t max_live_pairs = 0;
  // --log: which lines the file keeps (steps | findings | none); "steps" in logs before /3.
  std::string log = "steps";
};

struct SequenceStarted {
  std::size_t n = 0;
  nlohmann::json steps;  // harness::to_json(Sequence): {"steps": [...]}
};

// Generated sequences and replays are judged steps of the run; shrinking re-runs are counted
// (RunFinished::shrink_requests) but not logged one by one.
enum class Phase : std::uint8_t { kGenerate, kShrink, kReplay };

struct StepJudged {
  std::size_t sequence = 0;
  Phase phase = Phase::kGenerate;
  model::StepRecord record;
};

// A resource the run created, logged the moment the answer arrives (paircheck cleanup).
struct ResourceCreated {
  std::string kind;                        // pair | attachment
  std::string id, region, standby_region;  // pair
  std::string instance, disk;              // attachment
};

// How far a finding's sequence was minimised (docs/run-log.md).
enum class ShrinkState : std::uint8_t {
  kShrunk,        // no smaller candidate fails the same way
  kPartlyShrunk,  // the shrink budget was spent first
  kNotShrunk,     // the run stopped first (interrupt, target error, another job's stop)
};
const char* to_string(ShrinkState s);

struct FindingReported {
  std::size_t number = 0;  // 1-based, the order of every output
  model::FindingKey key;
  model::Verdict verdict;                  // the failing step's
  nlohmann::json minimal;                  // harness::to_json(Sequence) of the kept sequence
  std::vector<model::StepRecord> records;  // its run, the failing step last
  ShrinkState shrink = ShrinkState::kShrunk;
  std::size_t sequence = 0;        // the generated sequence that first failed this way
  std::size_t original_steps = 0;  // steps of that sequence
  std::size_t shrink_runs = 0;
  std::string replay_file;  // "" when none was written
};

// What every generated step of the run credited, for a log that does not keep them all (--log
// findings or none): the reports count rules from it instead of from the step lines.
struct StepTally {
  std::size_t steps = 0;                         // generated (and replayed) steps judged
  std::size_t unknown_outcomes = 0;              // of which without an answer (M2)
  std::size_t failing_steps = 0;                 // of which not conformant
  std::map<std::string, std::size_t> exercised;  // rule ID -> steps that exercised it
  void add(const model::StepRecord& record);
};

struct RunFinished {
  std::size_t sequences = 0, executions = 0;
  std::size_t requests = 0;         // every judged request, shrinking included
  std::size_t shrink_requests = 0;  // of which while shrinking
  double seconds = 0;
  std::size_t findings = 0;
  std::string target_error;
  bool interrupted = false;
  std::vector<std::string> left_behind;  // what cleanup could not release
  std::vector<std::string> not_reached;  // reachable rules no judged step exercised
  // Race steps whose linearizability search spent its node budget: neither pass nor failure.
  std::size_t unknown_races = 0;
  int exit_code = 0;
  // Wall time of the run, and of it how long every active client slept at once (nothing in
  // flight: harness/sleep_meter.hpp). Unset in logs written before they were recorded.
  std::optional<std::int64_t> asleep_ms, wall_ms;
  // The most pairs the run had on the account at once: from a Create's accepted answer until the
  // cleanup after its sequence saw it gone (or the next reset). Unset in older logs.
  std::optional<std::size_t> peak_live_pairs;
  // Written by the run-log writer when --log dropped step lines (unset otherwise, and in older
  // logs).
  std::optional<StepTally> step_tally;
};

using Event = std::variant<RunStarted, SequenceStarted, StepJudged, ResourceCreated,
                           FindingReported, RunFinished>;

// The "type" of its run-log line: run, sequence, step, resource, finding, summary.
const char* type_name(const Event& e);

void to_json(nlohmann::json& j, const TargetInfo& t);
void from_json(const nlohmann::json& j, TargetInfo& t);
void to_json(nlohmann::json& j, const RunStarted& e);
void from_json(const nlohmann::json& j, RunStarted& e);
void to_json(nlohmann::json& j, const SequenceStarted& e);
void from_json(const nlohmann::json& j, SequenceStarted& e);
void to_json(nlohmann::json& j, const StepJudged& e);
void from_json(const nlohmann::json& j, StepJudged& e);
void to_json(nlohmann::json& j, const ResourceCreated& e);
void from_json(const nlohmann::json& j, ResourceCreated& e);
void to_json(nlohmann::json& j, const FindingReported& e);
void from_json(const nlohmann::json& j, FindingReported& e);
void to_json(nlohmann::json& j, const StepTally& t);
void from_json(const nlohmann::json& j, StepTally& t);
void to_json(nlohmann::json& j, const RunFinished& e);
void from_json(const nlohmann::json& j, RunFinished& e);

// One run-log line: the event's JSON with its "type" first.
nlohmann::json to_line(const Event& e);
// The event of one run-log line (format /3; /2 and /1 where they differ); nullopt for a type this
// version does not know (skipped by readers). Throws nlohmann::json::exception on a bad shape.
std::optional<Event> from_line(const nlohmann::json& line);

// A receiver of the stream. Handlers are called one event at a time, in emission order.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void handle(const Event& e) = 0;
};

}  // namespace paircheck::events
