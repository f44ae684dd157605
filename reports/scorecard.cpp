// The scorecard's JSON form, schema "paircheck-scorecard/1" (docs/scorecard.md).
#include "reports/scorecard.hpp"

#include "models/rules.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {

const char* to_string(RuleVerdict v) {
  switch (v) {
    case RuleVerdict::kPass:
      return "pass";
    case RuleVerdict::kFail:
      return "fail";
    case RuleVerdict::kUntested:
      return "untested";
  }
  return "untested";
}

RuleVerdict RuleResult::verdict() const {
  if (failed > 0) return RuleVerdict::kFail;
  return exercised > 0 ? RuleVerdict::kPass : RuleVerdict::kUntested;
}

Scorecard Scorecard::with_rule_table() {
  Scorecard card;
  for (const model::RuleInfo& r : model::all_rules()) {
    RuleResult result;
    result.id = std::string(r.id);
    result.kind = r.kind;
    result.text = std::string(r.text);
    result.title = std::string(r.title);
    card.rules.push_back(std::move(result));
  }
  return card;
}

std::uint64_t Scorecard::rules_failed() const {
  std::uint64_t n = 0;
  for (const RuleResult& r : rules) n += r.verdict() == RuleVerdict::kFail;
  return n;
}

std::uint64_t Scorecard::rules_untested() const {
  std::uint64_t n = 0;
  for (const RuleResult& r : rules) n += r.verdict() == RuleVerdict::kUntested;
  return n;
}

std::optional<double> Scorecard::requests_per_second() const {
  if (!seconds || *seconds <= 0) return std::nullopt;
  return static_cast<double>(requests) / *seconds;
}

namespace {

nlohmann::json optional_number(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json failure_json(const Failure& f, const Scorecard& card) {
  nlohmann::json steps = nlohmann::json::array();
  std::string curl;
  if (f.records.is_array()) {
    for (const auto& r : f.records) {
      if (!r.is_object()) continue;
      const nlohmann::json verdict = r.value("verdict", nlohmann::json::object());
      steps.push_back({{"request", describe_step(r.value("request", nlohmann::json()))},
                       {"response", describe_response(r.value("observed", nlohmann::json()))},
                       {"conformant", verdict.value("conformant", true)},
                       {"rule_ids", verdict.value("rule_ids", nlohmann::json::array())},
                       {"allowed", verdict.value("allowed", nlohmann::json::array())}});
      if (!verdict.value("conformant", true) && curl.empty()) {
        curl = curl_command(r.value("request", nlohmann::json::object()), card.target,
                            card.profile_knobs.value("signature", std::string("v3")));
      }
    }
  }
  return {{"key", f.key},
          {"rule_ids", f.rule_ids},
          {"message", f.message},
          {"allowed", f.allowed},
          {"shrunk", f.shrunk},
          {"sequence", failure_steps(f)},
          {"minimal", f.minimal},
          {"steps", steps},
          {"replay_file", f.replay_file.empty() ? nlohmann::json() : nlohmann::json(f.replay_file)},
          {"replay_command", replay_command(f.replay_file)},
          {"curl", curl}};
}

nlohmann::json waiver_json(const Waiver& w) {
  return {{"key", w.key}, {"reason", w.reason}, {"owner", w.owner}, {"expires", w.expires}};
}

// --baseline: the waived findings (each a failure with its waiver) and the baseline's facts.
nlohmann::json waived_json(const Scorecard& card) {
  nlohmann::json out = nlohmann::json::array();
  for (const Waived& w : card.waived) {
    nlohmann::json f = failure_json(w.failure, card);
    f["waiver"] = waiver_json(w.waiver);
    out.push_back(std::move(f));
  }
  return out;
}

nlohmann::json baseline_json(const Scorecard& card) {
  if (card.baseline_path.empty()) return nullptr;
  nlohmann::json expired = nlohmann::json::array(), stale = nlohmann::json::array();
  for (const Waiver& w : card.expired_waivers) expired.push_back(waiver_json(w));
  for (const Waiver& w : card.stale_waivers) stale.push_back(waiver_json(w));
  return {{"file", card.baseline_path},
          {"now", card.baseline_now},
          {"waivers", card.baseline_waivers},
          {"waived", card.waived.size()},
          {"expired", expired},
          {"stale", stale}};
}

}  // namespace

namespace {

nlohmann::json scorecard_json(const Scorecard& card) {
  nlohmann::json rules = nlohmann::json::array();
  std::uint64_t pass = 0;
  for (const RuleResult& r : card.rules) {
    nlohmann::json first = nullptr;
    if (r.first_failure) {
      const Failure& f = card.failures[*r.first_failure];
      first = {{"failure", *r.first_failure},  {"key", f.key},
               {"message", f.message},         {"shrunk", f.shrunk},
               {"sequence", failure_steps(f)}, {"replay_command", replay_command(f.replay_file)}};
    }
    pass += r.verdict() == RuleVerdict::kPass;
    rules.push_back(
        {{"id", r.id},
         {"kind", std::string(1, r.kind)},
         {"title", r.title},
         {"text", r.text},
         {"verdict", to_string(r.verdict())},
         {"unreachable", r.unreachable.empty() ? nlohmann::json() : nlohmann::json(r.unreachable)},
         {"exercised", r.exercised},
         {"failed", r.failed},
         {"first_failure", first}});
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const Failure& f : card.failures) failures.push_back(failure_json(f, card));
  return {{"schema", kScorecardSchema},
          {"run",
           {{"target", card.target},
            {"paircheck", {{"version", card.version}, {"commit", card.commit}}},
            {"mode", card.mode},
            {"started_at", card.started_at},
            {"emulator_faults", card.target_faults},
            {"require_all_rules", card.require_all_rules},
            {"fixtures", card.fixtures},
            {"seed", card.seed},
            {"profile",
             {{"origin", card.profile_origin},
              {"api", card.profile_api},
              {"api_version", card.profile_api_version},
              {"version", card.profile_version},
              {"knobs", card.profile_knobs},
              {"overrides_changed", card.overrides_changed}}},
            {"sequences_planned", card.sequences_planned},
            {"max_steps", card.max_steps},
            {"complete", card.complete},
            {"incomplete_note", card.incomplete_note},
            {"torn_last_line", card.torn_last_line},
            {"target_error", card.target_error},
            {"exit_code", card.exit_code ? nlohmann::json(*card.exit_code) : nlohmann::json()}}},
          {"totals",
           {{"duration_s", optional_number(card.seconds)},
            {"requests", card.requests},
            {"requests_per_second", optional_number(card.requests_per_second())},
            {"steps_logged", card.steps_logged},
            {"sequences", card.sequences},
            {"executions", card.executions},
            {"unknown_outcomes", card.unknown_outcomes},
            {"unknown_races", card.unknown_races},
            {"findings", card.failures.size() + card.failures_dropped},
            {"findings_dropped", card.failures_dropped},
            {"waived", card.waived.size()}}},
          {"conformant", card.conformant()},
          {"rules_summary",
           {{"total", card.rules.size()},
            {"pass", pass},
            {"fail", card.rules_failed()},
            {"untested", card.rules_untested()}}},
          {"rules", rules},
          {"coverage", to_json(card.coverage)},
          {"cells", cells_json(card.cells)},
          {"goals", goals_json(card.cells)},
          {"failures", failures},
          {"baseline", baseline_json(card)},
          {"waived", waived_json(card)}};
}

}  // namespace

nlohmann::json to_json(const Scorecard& card) {
  nlohmann::json out = scorecard_json(card);
  // Only for a run that did not log every step, so that the reports of older logs stay byte for
  // byte what they were (certify --verify rebuilds them).
  if (card.log != "steps") out["run"]["log"] = card.log;
  if (!card.steps_note.empty()) out["run"]["steps_note"] = card.steps_note;
  return out;
}

}  // namespace paircheck::reports
