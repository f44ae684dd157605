// build_scorecard / LiveScorecard: stream the run log into a Scorecard (docs/scorecard.md "How
// rules are counted"). Keeps per-rule counters, the coverage matrix, the findings, and only the
// records of the few sequences in progress (to show a failure that the run did not get to shrink).
#include <algorithm>
#include <deque>

#include "models/json_io.hpp"
#include "models/profile.hpp"
#include "models/rules.hpp"
#include "reports/run_log_reader.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::reports {
namespace {

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

class Builder : public RunLogHandler {
 public:
  void on_line(const std::string& type, nlohmann::json& line) override {
    if (type == "run") {
      on_run(line);
    } else if (type == "sequence") {
      ++card_.sequences;
    } else if (type == "step") {
      const auto sequence = line.at("sequence").get<std::size_t>();
      on_step(sequence, line.at("record"));
      records_of(sequence).push_back(std::move(line["record"]));  // kept for an unshrunk failure
    } else if (type == "finding") {
      on_finding(line);
    } else if (type == "summary") {
      on_summary(line);
    }  // resource, left_behind and future types carry nothing for reports
  }

  Scorecard finish(const RunLogEnd& end) {
    card_.lines = end.lines;
    card_.torn_last_line = end.torn_last_line;
    if (!card_.complete) {
      card_.requests = card_.steps_logged;
      card_.incomplete_note = "incomplete run: the log ends after " + std::to_string(end.lines) +
                              " lines without its summary line" +
                              (end.torn_last_line ? " (the last line was cut off)" : "");
    }
    std::map<std::string, std::size_t> unshrunk_index;
    for (RuleResult& rule : card_.rules) {
      for (std::size_t i = 0; i < card_.failures.size() && !rule.first_failure; ++i) {
        for (const std::string& id : card_.failures[i].rule_ids) {  // "W1.decode" names W1
          if (id == rule.id || id.substr(0, id.find('.')) == rule.id) rule.first_failure = i;
        }
      }
      if (rule.first_failure) {
        rule.failed = std::max<std::uint64_t>(rule.failed, 1);
        rule.exercised = std::max(rule.exercised, rule.failed);
      } else if (auto it = unshrunk_.find(rule.id); it != unshrunk_.end()) {
        // One unshrunk failure (one dedup key, one sequence) may serve several rules.
        const std::string key = it->second.key + "#" + std::to_string(it->second.sequence);
        auto [added, inserted] = unshrunk_index.try_emplace(key, card_.failures.size());
        if (inserted) card_.failures.push_back(std::move(it->second));
        rule.first_failure = added->second;
      }
    }
    return std::move(card_);
  }

 private:
  void on_run(const nlohmann::json& line) {
    if (seen_run_) return;  // only the first line counts
    seen_run_ = true;
    card_.target = line.value("target", std::string());
    card_.fixtures = line.value("fixtures", std::string());
    card_.profile_origin = line.value("profile_origin", std::string());
    card_.seed = line.value("seed", std::uint64_t{0});
    card_.sequences_planned = line.value("sequences", std::uint64_t{0});
    open_limit_ = 2 * std::min<std::size_t>(line.value("jobs", std::size_t{1}), 1024) + 2;
    card_.max_steps = line.value("max_steps", std::uint64_t{0});
    if (line.contains("profile") && line["profile"].is_object()) {
      nlohmann::json defaults;
      model::to_json(defaults, model::default_profile());
      for (const auto& [key, value] : line["profile"].items()) {
        if (key != "overrides") card_.profile_knobs[key] = value;
      }
      if (line["profile"].contains("overrides") && line["profile"]["overrides"].is_object()) {
        for (const auto& [id, value] : line["profile"]["overrides"].items()) {
          if (!defaults["overrides"].contains(id) || defaults["overrides"][id] != value) {
            card_.overrides_changed.push_back(id);
          }
        }
      }
    }
    if (line.contains("rules") && line["rules"].is_array() && !line["rules"].empty()) {
      for (const auto& r : line["rules"]) {
        const std::string kind = r.value("kind", std::string("D"));
        add_rule(r.at("id").get<std::string>(), kind.empty() ? 'D' : kind[0],
                 r.value("text", std::string()));
      }
    } else {
      for (const model::RuleInfo& r : model::all_rules()) {
        add_rule(std::string(r.id), r.kind, std::string(r.text));
      }
    }
  }

  void add_rule(std::string id, char kind, std::string text) {
    if (index_.contains(id)) return;
    index_[id] = card_.rules.size();
    RuleResult r;
    r.id = std::move(id);
    r.kind = kind;
    r.text = std::move(text);
    card_.rules.push_back(std::move(r));
  }

  // "W1.decode" (a profile key) counts for W1; unknown IDs are ignored.
  RuleResult* rule(const std::string& id) {
    auto it = index_.find(id);
    if (it == index_.end()) it = index_.find(id.substr(0, id.find('.')));
    return it == index_.end() ? nullptr : &card_.rules[it->second];
  }

  void on_step(std::size_t sequence, const nlohmann::json& record) {
    ++card_.steps_logged;
    card_.coverage.add(record);

    const nlohmann::json& verdict = record.at("verdict");
    const bool conformant = verdict.value("conformant", true);
    const std::vector<std::string> named = strings(verdict.value("rule_ids", nlohmann::json()));
    std::vector<std::string> checked = named;
    const auto observed = record.find("observed");
    const bool responded = observed != record.end() && observed->is_object();
    if (responded) {
      const int http = observed->value("http_status", 0);
      checked.insert(checked.end(), {http == 200 ? "W2" : "W3", "W4", "M1"});
    }
    if (!responded || record.value("unknown", false)) {
      ++card_.unknown_outcomes;
      checked.push_back("M2");
    }
    std::sort(checked.begin(), checked.end());
    checked.erase(std::unique(checked.begin(), checked.end()), checked.end());
    std::vector<RuleResult*> counted;
    for (const std::string& id : checked) {
      RuleResult* r = rule(id);
      if (r == nullptr || std::find(counted.begin(), counted.end(), r) != counted.end()) continue;
      counted.push_back(r);
      ++r->exercised;
      const bool named_here = std::find(named.begin(), named.end(), id) != named.end();
      if (conformant || !named_here) continue;
      ++r->failed;
      if (!unshrunk_.contains(r->id)) unshrunk_[r->id] = unshrunk_failure(sequence, record);
    }
  }

  // The failing step `record` with the records of its sequence before it.
  Failure unshrunk_failure(std::size_t sequence, const nlohmann::json& record) {
    const nlohmann::json& verdict = record.at("verdict");
    Failure f;
    f.key = verdict.value("dedup_key", std::string());
    f.rule_ids = strings(verdict.value("rule_ids", nlohmann::json()));
    f.message = verdict.value("message", std::string());
    f.allowed = strings(verdict.value("allowed", nlohmann::json()));
    f.minimal = nullptr;
    f.records = records_of(sequence);
    f.records.push_back(record);
    f.sequence = sequence;
    return f;
  }

  void on_finding(const nlohmann::json& line) {
    const nlohmann::json verdict = line.value("verdict", nlohmann::json::object());
    Failure f;
    f.key = line.value("key", std::string());
    f.rule_ids = strings(verdict.value("rule_ids", nlohmann::json()));
    f.message = verdict.value("message", std::string());
    f.allowed = strings(verdict.value("allowed", nlohmann::json()));
    f.minimal = line.value("minimal", nlohmann::json());
    f.records = line.value("records", nlohmann::json::array());
    f.replay_file = line.value("replay_file", std::string());
    f.shrunk = true;
    // M4: the finding names rule IDs and allowed responses and carries a non-empty sequence.
    if (RuleResult* m4 = rule("M4")) {
      ++m4->exercised;
      const bool has_steps = f.minimal.is_object() && f.minimal.contains("steps") &&
                             f.minimal["steps"].is_array() && !f.minimal["steps"].empty();
      if (!has_steps || f.rule_ids.empty() || f.allowed.empty() || !f.records.is_array() ||
          f.records.empty()) {
        ++m4->failed;
        f.rule_ids.push_back("M4");
      }
    }
    if (card_.failures.size() >= kMaxFailures) {
      ++card_.failures_dropped;
      return;
    }
    card_.failures.push_back(std::move(f));
  }

  void on_summary(const nlohmann::json& line) {
    card_.complete = true;
    card_.requests = line.value("requests", std::uint64_t{0});
    card_.executions = line.value("executions", std::uint64_t{0});
    if (line.contains("seconds") && line["seconds"].is_number()) {
      card_.seconds = line["seconds"].get<double>();
    }
    if (line.contains("exit_code") && line["exit_code"].is_number_integer()) {
      card_.exit_code = line["exit_code"].get<int>();
    }
    card_.target_error = line.value("target_error", std::string());
  }

  Scorecard card_;
  bool seen_run_ = false;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, Failure> unshrunk_;  // first failing step per rule, not shrunk
  // The records of the sequences in progress. Parallel jobs (`run --jobs N`) interleave their
  // sequences' steps, so up to N are open at once; older ones are dropped to keep memory flat.
  std::size_t open_limit_ = 4;
  std::map<std::size_t, nlohmann::json> open_records_;
  std::deque<std::size_t> open_order_;  // the keys of open_records_, oldest first

  nlohmann::json& records_of(std::size_t sequence) {
    if (auto it = open_records_.find(sequence); it != open_records_.end()) return it->second;
    if (open_records_.size() >= open_limit_) {
      open_records_.erase(open_order_.front());
      open_order_.pop_front();
    }
    open_order_.push_back(sequence);
    return open_records_.emplace(sequence, nlohmann::json::array()).first->second;
  }
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

void LiveScorecard::add(const std::string& type, nlohmann::json& line) {
  ++lines_;
  impl_->on_line(type, line);
}

Scorecard LiveScorecard::finish() {
  RunLogEnd end;
  end.lines = lines_;
  return impl_->finish(end);
}

}  // namespace paircheck::reports
