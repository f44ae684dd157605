// build_scorecard / LiveScorecard: the run's typed events (events/run_events.hpp) into a
// Scorecard (docs/scorecard.md "How rules are counted"). A rule is credited by the steps whose
// verdict says it shaped the judgement (Verdict::exercised); it fails when a finding names it. The
// failures are the run's findings, nothing else: only a log cut off before its findings (a killed
// run) has its failing steps reported, one per finding key, as not shrunk.
#include <algorithm>
#include <deque>

#include "models/json_io.hpp"
#include "models/profile.hpp"
#include "models/rules.hpp"
#include "reports/run_log_reader.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::reports {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

Failure failure_of(const events::FindingReported& e) {
  Failure f;
  f.key = e.key.str();
  f.rule_ids = {std::string(model::to_string(e.key.rule))};
  for (model::RuleId r : e.verdict.rule_ids) {
    const std::string id(model::to_string(r));
    if (std::find(f.rule_ids.begin(), f.rule_ids.end(), id) == f.rule_ids.end()) {
      f.rule_ids.push_back(id);
    }
  }
  f.message = e.verdict.message;
  f.allowed = e.verdict.allowed;
  f.minimal = e.minimal;
  f.records = nlohmann::json(e.records);
  f.replay_file = e.replay_file;
  f.shrink = events::to_string(e.shrink);
  f.shrunk = e.shrink != events::ShrinkState::kNotShrunk;
  f.sequence = e.sequence;
  f.original_steps = e.original_steps;
  f.shrink_runs = e.shrink_runs;
  return f;
}

class Builder : public events::Handler {
 public:
  void handle(const events::Event& event) override {
    std::visit(Overloaded{[&](const events::RunStarted& e) { on_run(e); },
                          [&](const events::SequenceStarted&) { ++card_.sequences; },
                          [&](const events::StepJudged& e) { on_step(e); },
                          [&](const events::ResourceCreated&) {},
                          [&](const events::FindingReported& e) { on_finding(e); },
                          [&](const events::RunFinished& e) { on_summary(e); }},
               event);
  }

  Scorecard finish(const RunLogEnd& end) {
    card_.lines = end.lines;
    card_.torn_last_line = end.torn_last_line;
    if (!card_.complete && card_.log != "steps") {
      card_.steps_note = steps_absent(std::nullopt) +
                         "; cut off before its summary, so rule counts and coverage are not known";
    }
    if (!card_.complete) {
      card_.requests = card_.steps_logged;
      card_.incomplete_note = "incomplete run: the log ends after " + std::to_string(end.lines) +
                              " lines without its summary line" +
                              (end.torn_last_line ? " (the last line was cut off)" : "");
      if (!saw_finding_) {  // cut off before its findings: the failing steps, one per key
        for (auto& [key, failure] : unshrunk_) card_.failures.push_back(std::move(failure));
      }
    }
    for (std::size_t i = 0; i < card_.failures.size(); ++i) {
      const auto rule = model::parse_rule_id(card_.failures[i].rule_ids.front());
      if (!rule) continue;
      RuleResult& r = card_.rules[static_cast<std::size_t>(*rule)];
      ++r.failed;
      r.exercised = std::max(r.exercised, r.failed);
      if (!r.first_failure) r.first_failure = i;
    }
    RuleResult& m4 = card_.rules[static_cast<std::size_t>(model::RuleId::kM4)];
    m4.failed += m4_failures_;
    for (std::size_t i = 0; i < card_.failures.size() && m4_failures_ > 0 && !m4.first_failure;
         ++i) {
      const auto& ids = card_.failures[i].rule_ids;
      if (std::find(ids.begin(), ids.end(), "M4") != ids.end()) m4.first_failure = i;
    }
    return std::move(card_);
  }

 private:
  void on_run(const events::RunStarted& e) {
    if (seen_run_) return;  // only the first line counts
    seen_run_ = true;
    v1_ = e.format == events::kRunLogFormatV1;
    card_.format = e.format;
    card_.version = e.version;
    card_.commit = e.commit;
    card_.mode = e.mode;
    card_.started_at = e.started_at;
    card_.target = e.target.name();
    card_.target_faults = e.target.faults;
    card_.fixtures = e.fixtures_origin;
    card_.profile_origin = e.profile_origin;
    card_.seed = e.seed;
    card_.sequences_planned = e.sequences;
    card_.max_steps = e.max_steps;
    open_limit_ = 2 * std::min<std::size_t>(std::max(e.jobs, e.clients), 1024) + 2;
    card_.require_all_rules = e.require_all_rules;
    card_.cells.set_reachable(e.reachable_cells);
    card_.strict = e.strict;
    card_.log = e.log;
    for (const auto& [id, why] : e.unreachable) {
      if (auto rule = model::parse_rule_id(id)) {
        card_.rules[static_cast<std::size_t>(*rule)].unreachable = why;
      }
    }
    if (e.profile.is_object()) {
      nlohmann::json defaults;
      model::to_json(defaults, model::default_profile());
      for (const auto& [key, value] : e.profile.items()) {
        if (key != "overrides" && key != "api" && key != "profile_version") {
          card_.profile_knobs[key] = value;
        }
      }
      // A log written before profiles named themselves (issue 17): the built-in API, unversioned.
      card_.profile_api = e.profile.value("api", std::string("ebs"));
      card_.profile_api_version = e.profile.value("api_version", std::string());
      card_.profile_version = e.profile.value("profile_version", std::string("unversioned"));
      if (e.profile.contains("overrides") && e.profile["overrides"].is_object()) {
        for (const auto& [id, value] : e.profile["overrides"].items()) {
          if (!defaults["overrides"].contains(id) || defaults["overrides"][id] != value) {
            card_.overrides_changed.push_back(id);
          }
        }
      }
    }
  }

  void on_step(const events::StepJudged& e) {
    if (e.phase == events::Phase::kShrink) return;  // counted in the summary, not per rule
    ++card_.steps_logged;
    const model::StepRecord& record = e.record;
    card_.coverage.add(record, e.sequence);
    card_.cells.add(record);
    model::RuleSet credited = record.verdict.exercised;
    if (v1_) {  // run-log/1 verdicts name only the deciding rules; these were checked as well
      if (record.observed) {
        credited.insert(record.observed->http_status == 200 ? model::RuleId::kW2
                                                            : model::RuleId::kW3);
        credited.insert(model::RuleId::kW4);
        credited.insert(model::RuleId::kM1);
      } else {
        credited.insert(model::RuleId::kM2);
      }
    }
    if (!record.observed) ++card_.unknown_outcomes;
    for (model::RuleId r : credited.list()) {
      ++card_.rules[static_cast<std::size_t>(r)].exercised;
      ++logged_exercised_[static_cast<std::size_t>(r)];
    }
    if (!record.verdict.conformant && record.verdict.key) {
      ++card_.failing_steps;
      const std::string key = record.verdict.key->str();
      if (!unshrunk_.contains(key) && unshrunk_.size() < kMaxFailures) {
        events::FindingReported f;
        f.key = *record.verdict.key;
        f.verdict = record.verdict;
        f.records = records_of(e.sequence);
        f.records.push_back(record);
        f.sequence = e.sequence;
        f.shrink = events::ShrinkState::kNotShrunk;
        unshrunk_.emplace(key, failure_of(f));
      }
    }
    records_of(e.sequence).push_back(record);  // kept for a failure the run did not report
  }

  void on_finding(const events::FindingReported& e) {
    saw_finding_ = true;
    Failure f = failure_of(e);
    // M4: the finding names its rule and the allowed responses, and carries a sequence.
    RuleResult& m4 = card_.rules[static_cast<std::size_t>(model::RuleId::kM4)];
    ++m4.exercised;
    const bool has_steps = e.minimal.is_object() && e.minimal.contains("steps") &&
                           e.minimal["steps"].is_array() && !e.minimal["steps"].empty();
    if (!has_steps || e.verdict.allowed.empty() || e.records.empty()) {
      f.rule_ids.push_back("M4");  // the report itself breaks M4: a failure of its own
      ++m4_failures_;
    }
    if (card_.failures.size() >= kMaxFailures) {
      ++card_.failures_dropped;
      return;
    }
    card_.failures.push_back(std::move(f));
  }

  void on_summary(const events::RunFinished& e) {
    card_.complete = true;
    card_.requests = e.requests;
    card_.shrink_requests = e.shrink_requests;
    card_.executions = e.executions;
    card_.seconds = e.seconds;
    card_.exit_code = e.exit_code;
    card_.interrupted = e.interrupted;
    card_.target_error = e.target_error;
    card_.left_behind = e.left_behind;
    card_.not_reached = e.not_reached;
    card_.unknown_races = e.unknown_races;
    if (e.step_tally) use_tally(*e.step_tally, e.sequences);
  }

  // A log written with --log findings or none: the rules are counted from the writer's tally of
  // every step, in place of the steps this log holds; the coverage map cannot be.
  void use_tally(const events::StepTally& t, std::size_t sequences) {
    for (const auto& [id, n] : t.exercised) {
      const auto rule = model::parse_rule_id(id);
      if (!rule) continue;
      const auto i = static_cast<std::size_t>(*rule);
      card_.rules[i].exercised += n - std::min<std::uint64_t>(n, logged_exercised_[i]);
    }
    card_.unknown_outcomes = t.unknown_outcomes;
    card_.failing_steps = t.failing_steps;
    card_.sequences = sequences;
    card_.steps_note = steps_absent(t.steps) +
                       "; rule counts come from the summary's tally of every step, and the "
                       "coverage matrix and cells show only the steps logged";
  }

  std::string steps_absent(std::optional<std::size_t> judged) const {
    const std::string what =
        card_.log == "none" ? "no step lines" : "only the steps of failing sequences";
    return "this log was written with --log " + card_.log + " and holds " + what + " (" +
           std::to_string(card_.steps_logged) + " of " +
           (judged ? std::to_string(*judged) : std::string("an unknown number of")) +
           " judged steps)";
  }

  std::vector<model::StepRecord>& records_of(std::size_t sequence) {
    if (auto it = open_records_.find(sequence); it != open_records_.end()) return it->second;
    if (open_records_.size() >= open_limit_) {
      open_records_.erase(open_order_.front());
      open_order_.pop_front();
    }
    open_order_.push_back(sequence);
    return open_records_[sequence];
  }

  Scorecard card_ = Scorecard::with_rule_table();
  bool seen_run_ = false, v1_ = false, saw_finding_ = false;
  std::uint64_t m4_failures_ = 0;                          // findings that lack their evidence (M4)
  std::map<std::size_t, std::uint64_t> logged_exercised_;  // per rule, from the logged steps
  std::map<std::string, Failure> unshrunk_;                // first failing step per finding key
  // The records of the sequences in progress. Parallel jobs (or clients) interleave their steps,
  // so up to 2 x jobs are open at once; older ones are dropped to keep memory flat.
  std::size_t open_limit_ = 4;
  std::map<std::size_t, std::vector<model::StepRecord>> open_records_;
  std::deque<std::size_t> open_order_;  // the keys of open_records_, oldest first
};

}  // namespace

Scorecard build_scorecard(const std::string& run_log_path) {
  Builder builder;
  const RunLogEnd end = read_run_log(run_log_path, builder);
  return builder.finish(end);
}

class LiveScorecard::Impl : public Builder {};

LiveScorecard::LiveScorecard() : impl_(std::make_unique<Impl>()) {}
LiveScorecard::~LiveScorecard() = default;

void LiveScorecard::handle(const events::Event& event) {
  ++lines_;
  impl_->handle(event);
}

Scorecard LiveScorecard::finish() {
  RunLogEnd end;
  end.lines = lines_;
  return impl_->finish(end);
}

}  // namespace paircheck::reports
