// The conformance scorecard of one run (schema "paircheck-scorecard/1", docs/scorecard.md): run
// facts, one result per rule ID of the rule table (pass / fail / untested), the coverage matrix and
// the failures with their minimal sequences. Built by streaming a run log; every format renders it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/run_events.hpp"
#include "reports/coverage.hpp"
#include "reports/waiver.hpp"

namespace paircheck::reports {

inline constexpr const char* kScorecardSchema = "paircheck-scorecard/1";

// One distinct failure: a `finding` line of the run log (shrunk, M4), or, when the run stopped
// before its findings were written, the first failing step of a rule (not shrunk).
struct Failure {
  std::string key;                    // the finding key (model::FindingKey::str())
  std::vector<std::string> rule_ids;  // rules involved, deciding one first
  std::string message;                // "[O9] ..."
  std::vector<std::string> allowed;   // responses the model allowed at the failing step
  nlohmann::json minimal;             // {"steps":[...]} (symbolic), or null when not shrunk
  nlohmann::json records;             // StepRecords of the failing execution (resolved requests)
  std::string replay_file;            // "" when none
  bool shrunk = false;                // minimised at all (shrunk or partly shrunk)
  std::string shrink = "not shrunk";  // shrunk | partly shrunk | not shrunk
  std::size_t original_steps = 0, shrink_runs = 0;
  std::size_t sequence = 0;  // the generated sequence it came from (unshrunk failures)
};

// A finding a baseline waived (reports/baseline.hpp): not counted until its waiver expires.
struct Waived {
  Failure failure;
  Waiver waiver;
};

enum class RuleVerdict { kPass, kFail, kUntested };
const char* to_string(RuleVerdict v);

struct RuleResult {
  std::string id;
  char kind = 'D';  // 'D' documented, 'A' assumed
  std::string text;
  std::string title;
  std::string unreachable;  // why this run cannot exercise it ("" when it can)
  std::uint64_t exercised = 0;
  std::uint64_t failed = 0;
  std::optional<std::size_t> first_failure;  // index into Scorecard::failures
  RuleVerdict verdict() const;
};

struct Scorecard {
  // Run facts (the `run` line).
  std::string format, version, commit, mode, started_at;
  std::string target, fixtures, profile_origin;
  std::vector<std::string> target_faults;
  std::uint64_t seed = 0;
  std::uint64_t sequences_planned = 0, max_steps = 0;
  nlohmann::json profile_knobs = nlohmann::json::object();  // §9 fixed keys
  // The profile's identity (models/profile.hpp): API, API version, its own version.
  std::string profile_api, profile_api_version, profile_version;
  std::vector<std::string> overrides_changed;  // rule IDs whose override differs from the contract

  // Totals. requests: the summary's count (shrinking included) or, without one, the logged steps.
  bool complete = false;        // the log ends with its summary line
  bool torn_last_line = false;  // the last line was cut off (a killed run)
  std::string incomplete_note;  // why the run counts as incomplete, "" when complete
  // --log of the run (steps | findings | none), and, when this log lacks step lines, which and
  // where the rule counts came from ("" when every step is in it, or the report was built live).
  std::string log = "steps";
  std::string steps_note;
  std::uint64_t lines = 0, sequences = 0, steps_logged = 0, requests = 0, executions = 0;
  std::uint64_t unknown_outcomes = 0;
  std::uint64_t unknown_races = 0;    // race steps the linearizability search could not decide
  bool strict = false;                // --strict: they count against conformance
  std::uint64_t shrink_requests = 0;  // of `requests`, judged while shrinking
  std::uint64_t failing_steps = 0;    // non-conformant steps of generated sequences
  bool interrupted = false;
  std::vector<std::string> left_behind;
  bool require_all_rules = false;
  std::vector<std::string> not_reached;  // reachable rules the run did not reach
  std::optional<double> seconds;         // none for an incomplete run
  std::optional<int> exit_code;
  std::string target_error;

  std::vector<RuleResult> rules;  // every rule of the rule table, in table order
  Coverage coverage;
  CellMap cells;  // the fine coverage map and the sometimes-goals
  std::vector<Failure> failures;
  std::uint64_t failures_dropped = 0;  // findings beyond kMaxFailures (counted, not kept)

  // --baseline (reports/baseline.hpp); baseline_path "" without one.
  std::string baseline_path, baseline_now;  // the file, and the day waivers were judged on
  std::size_t baseline_waivers = 0;
  std::vector<Waived> waived;           // taken out of `failures`
  std::vector<Waiver> expired_waivers;  // matched a finding past their date: it fails
  std::vector<Waiver> stale_waivers;    // matched no finding of this run

  std::uint64_t rules_failed() const;
  std::uint64_t rules_untested() const;
  std::optional<double> requests_per_second() const;
  bool conformant() const {
    return complete && failures.empty() && rules_failed() == 0 && target_error.empty() &&
           !interrupted && (!strict || unknown_races == 0);
  }
  // An empty scorecard with one RuleResult per rule of models/rules.def, in table order (index =
  // model::RuleId).
  static Scorecard with_rule_table();
};

inline constexpr std::size_t kMaxFailures = 200;

// Streams the run log at `path` into a scorecard; throws model::UsageError (one line naming the
// file and line) when it is not a run log. A log without its summary gives complete == false.
Scorecard build_scorecard(const std::string& run_log_path);

// The same scorecard, built from the run log's lines as they are written (`paircheck run` feeds
// it from harness::RunLog), so that a run does not read its whole log back at the end. Lines come
// in one at a time, in file order; the builder may move parts out of them.
class LiveScorecard : public events::Handler {
 public:
  LiveScorecard();
  ~LiveScorecard() override;
  LiveScorecard(const LiveScorecard&) = delete;
  LiveScorecard& operator=(const LiveScorecard&) = delete;

  void handle(const events::Event& event) override;
  Scorecard finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::uint64_t lines_ = 0;
};

// The scorecard as its versioned JSON document.
nlohmann::json to_json(const Scorecard& card);

}  // namespace paircheck::reports
