// Baselines: reading one (every mistake one line, exit 2), writing one from a scorecard, and
// applying one to a finished scorecard (docs/publishing.md "Baselines").
#include "reports/baseline.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/verdict.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

using model::UsageError;
using nlohmann::json;

int number(std::string_view digits) {
  int n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc{} && end == digits.data() + digits.size() ? n : -1;
}

std::string field(const json& w, const char* name, const std::string& where, bool required) {
  const auto it = w.find(name);
  if (it == w.end() || it->is_null()) {
    if (required) throw UsageError(where + ": no \"" + name + "\"");
    return "";
  }
  if (!it->is_string()) throw UsageError(where + ": \"" + name + "\" must be a string");
  return it->get<std::string>();
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

Waiver parse_waiver(const json& w, const std::string& where) {
  if (!w.is_object()) throw UsageError(where + ": expected an object");
  static const std::set<std::string> kFields = {"key", "reason", "owner", "expires", "message"};
  for (const auto& [k, v] : w.items()) {
    if (!kFields.contains(k)) {
      throw UsageError(where + ": unknown field \"" + k +
                       "\" (expected key, reason, owner, expires, message)");
    }
  }
  Waiver out;
  out.key = field(w, "key", where, true);
  if (!model::FindingKey::parse(out.key)) {
    throw UsageError(
        where + ": \"" + out.key +
        "\" is not a finding key (RULE|Action|HTTP status|code, as in scorecard.json)");
  }
  out.reason = field(w, "reason", where, true);
  if (blank(out.reason)) throw UsageError(where + ": \"reason\" is empty");
  out.expires = field(w, "expires", where, true);
  if (!is_date(out.expires)) {
    throw UsageError(where + ": \"expires\" must be a date YYYY-MM-DD, got \"" + out.expires +
                     "\"");
  }
  out.owner = field(w, "owner", where, false);
  out.message = field(w, "message", where, false);
  return out;
}

json waiver_json(const Waiver& w) {
  json j = {{"key", w.key}, {"reason", w.reason}, {"owner", w.owner}, {"expires", w.expires}};
  if (!w.message.empty()) j["message"] = w.message;
  return j;
}

void add_waiver(Baseline& b, const std::string& key, const std::string& message,
                const Waiver& common) {
  const bool listed = std::any_of(b.waivers.begin(), b.waivers.end(),
                                  [&](const Waiver& w) { return w.key == key; });
  if (key.empty() || listed) return;
  Waiver w = common;
  w.key = key;
  w.message = message;
  b.waivers.push_back(std::move(w));
}

bool names(const Failure& f, const std::string& id) {
  return std::find(f.rule_ids.begin(), f.rule_ids.end(), id) != f.rule_ids.end();
}

// The rule counts of the failures taken out, as the scorecard builder made them: the failure's
// first rule, and M4 when its evidence is missing.
void uncount(Scorecard& card, const Failure& f) {
  auto take = [&](const std::string& id) {
    const auto rule = model::parse_rule_id(id);
    if (!rule) return;
    RuleResult& r = card.rules[static_cast<std::size_t>(*rule)];
    if (r.failed > 0) --r.failed;
  };
  if (f.rule_ids.empty()) return;
  take(f.rule_ids.front());
  if (f.rule_ids.front() != "M4" && names(f, "M4")) take("M4");
}

void renumber_first_failures(Scorecard& card) {
  for (RuleResult& r : card.rules) {
    r.first_failure.reset();
    if (r.failed == 0) continue;
    for (std::size_t i = 0; i < card.failures.size(); ++i) {
      const Failure& f = card.failures[i];
      const bool its =
          !f.rule_ids.empty() && (f.rule_ids.front() == r.id || (r.id == "M4" && names(f, "M4")));
      if (its) {
        r.first_failure = i;
        break;
      }
    }
  }
}

std::string waiver_line(const Waiver& w, const char* until) {
  return w.key + " " + until + " " + w.expires +
         (w.owner.empty() ? "" : " (owner " + w.owner + ")") + ": " + w.reason;
}

}  // namespace

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const std::chrono::year_month_day day{
      std::chrono::year{number(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(number(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(number(text.substr(8, 2)))}};
  return day.ok();
}

std::string today_utc() {
  const std::chrono::year_month_day day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string now_or_today(const std::string& now_flag) {
  if (now_flag.empty()) return today_utc();
  if (!is_date(now_flag)) {
    throw UsageError("--now: expected a date YYYY-MM-DD, got '" + now_flag + "'");
  }
  return now_flag;
}

Baseline parse_baseline(std::string_view text, const std::string& path) {
  const std::string where = "baseline " + path;
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) throw UsageError(where + ": not valid JSON");
  if (!j.is_object()) throw UsageError(where + ": expected a JSON object");
  if (j.value("schema", json()) != kBaselineSchema) {
    throw UsageError(where + ": \"schema\" must be \"" + kBaselineSchema + "\"");
  }
  for (const auto& [k, v] : j.items()) {
    if (k != "schema" && k != "waivers") {
      throw UsageError(where + ": unknown field \"" + k + "\" (expected schema, waivers)");
    }
  }
  const auto waivers = j.find("waivers");
  if (waivers == j.end() || !waivers->is_array()) {
    throw UsageError(where + ": \"waivers\" must be an array");
  }
  Baseline out;
  out.path = path;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < waivers->size(); ++i) {
    const std::string at = where + ": waivers[" + std::to_string(i) + "]";
    Waiver w = parse_waiver((*waivers)[i], at);
    if (!keys.insert(w.key).second) throw UsageError(at + ": key \"" + w.key + "\" listed twice");
    out.waivers.push_back(std::move(w));
  }
  return out;
}

Baseline load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("baseline " + path + ": cannot read");
  std::stringstream text;
  text << in.rdbuf();
  return parse_baseline(text.str(), path);
}

json to_json(const Baseline& baseline) {
  json waivers = json::array();
  for (const Waiver& w : baseline.waivers) waivers.push_back(waiver_json(w));
  return {{"schema", kBaselineSchema}, {"waivers", waivers}};
}

Baseline baseline_from_scorecard(const json& scorecard, const std::string& reason,
                                 const std::string& owner, const std::string& expires) {
  if (!scorecard.is_object() || !scorecard.contains("schema") ||
      scorecard["schema"] != kScorecardSchema || !scorecard.contains("failures") ||
      !scorecard["failures"].is_array()) {
    throw UsageError(std::string("--from: not a paircheck scorecard (schema ") + kScorecardSchema +
                     ")");
  }
  const Waiver common{"", reason, owner, expires, ""};
  Baseline out;
  for (const char* list : {"failures", "waived"}) {
    if (!scorecard.contains(list) || !scorecard[list].is_array()) continue;
    for (const json& f : scorecard[list]) {
      if (!f.is_object()) continue;
      add_waiver(out, f.value("key", std::string()), f.value("message", std::string()), common);
    }
  }
  return out;
}

void apply_baseline(Scorecard& card, const Baseline& baseline, const std::string& now) {
  card.baseline_path = baseline.path;
  card.baseline_now = now;
  card.baseline_waivers = baseline.waivers.size();
  std::map<std::string, const Waiver*> by_key;
  for (const Waiver& w : baseline.waivers) by_key.emplace(w.key, &w);
  std::set<std::string> matched;
  std::vector<Failure> kept;
  for (Failure& f : card.failures) {
    const auto it = by_key.find(f.key);
    if (it == by_key.end()) {
      kept.push_back(std::move(f));
      continue;
    }
    const Waiver& w = *it->second;
    const bool first_match = matched.insert(w.key).second;
    if (now <= w.expires) {  // YYYY-MM-DD compares as text; waived through the expiry day
      uncount(card, f);
      card.waived.push_back({std::move(f), w});
    } else {
      if (first_match) card.expired_waivers.push_back(w);
      kept.push_back(std::move(f));
    }
  }
  card.failures = std::move(kept);
  renumber_first_failures(card);
  for (const Waiver& w : baseline.waivers) {
    if (!matched.contains(w.key)) card.stale_waivers.push_back(w);
  }
  // An exit code of 1 stands when something not waived still fails the run.
  if (card.exit_code == 1) {
    const bool fails = !card.failures.empty() || card.failures_dropped > 0 ||
                       (card.require_all_rules && !card.not_reached.empty()) ||
                       (card.strict && card.unknown_races > 0);
    card.exit_code = fails ? 1 : 0;
  }
}

std::string baseline_text(const Scorecard& card) {
  if (card.baseline_path.empty()) return "";
  std::string out = "baseline " + card.baseline_path + " on " + card.baseline_now + ": " +
                    std::to_string(card.baseline_waivers) + " waiver(s); " +
                    std::to_string(card.waived.size()) + " finding(s) waived, " +
                    std::to_string(card.expired_waivers.size()) + " expired, " +
                    std::to_string(card.stale_waivers.size()) + " stale\n";
  for (const Waived& w : card.waived) {
    out += "  waived " + plain_text(waiver_line(w.waiver, "until")) + "\n";
    out += "    " + plain_text(clip(w.failure.message, 160)) + "\n";
  }
  for (const Waiver& w : card.expired_waivers) {
    out += "  EXPIRED waiver (its finding fails): " + plain_text(waiver_line(w, "expired")) + "\n";
  }
  for (const Waiver& w : card.stale_waivers) {
    out +=
        "  stale waiver (matches no finding of this run): " + plain_text(waiver_line(w, "until")) +
        "\n";
  }
  return out;
}

}  // namespace paircheck::reports
