#include "reports/diff.hpp"

#include <fstream>
#include <map>
#include <sstream>

#include "models/profile.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::reports {
namespace {

// Rule ID -> verdict, in the order of the rules array.
std::vector<std::pair<std::string, std::string>> verdicts(const nlohmann::json& card) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : card.at("rules")) {
    out.emplace_back(r.at("id").get<std::string>(), r.at("verdict").get<std::string>());
  }
  return out;
}

}  // namespace

nlohmann::json load_scorecard(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw model::UsageError("scorecard " + path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw model::UsageError("scorecard " + path + ": not a JSON object");
  }
  if (j.value("schema", nlohmann::json()) != kScorecardSchema) {
    throw model::UsageError("scorecard " + path + ": \"schema\" is not \"" +
                            std::string(kScorecardSchema) + "\"");
  }
  try {
    for (const auto& [id, verdict] : verdicts(j)) {
      if (verdict != "pass" && verdict != "fail" && verdict != "untested") {
        throw model::UsageError("scorecard " + path + ": rule " + id + " has verdict \"" + verdict +
                                "\"");
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw model::UsageError("scorecard " + path + ": malformed \"rules\": " + e.what());
  }
  return j;
}

ScorecardDiff diff_scorecards(const nlohmann::json& old_card, const nlohmann::json& new_card) {
  std::map<std::string, std::string> before;
  for (auto& [id, verdict] : verdicts(old_card)) before[id] = verdict;
  std::vector<std::pair<std::string, std::string>> after = verdicts(new_card);
  for (const auto& [id, verdict] : before) {  // rules that left the table count as untested now
    bool present = false;
    for (const auto& a : after) present = present || a.first == id;
    if (!present) after.emplace_back(id, "untested");
  }
  ScorecardDiff diff;
  for (const auto& [id, to] : after) {
    auto it = before.find(id);
    const std::string from = it == before.end() ? "untested" : it->second;
    if (from == to) continue;
    RuleChange change{id, from, to};
    if (from == "pass" && to == "fail") {
      diff.regressed.push_back(change);
    } else if (from == "fail" && to == "pass") {
      diff.fixed.push_back(change);
    } else if (from == "untested") {
      diff.became_tested.push_back(change);
    } else {
      diff.no_longer_tested.push_back(change);
    }
  }
  return diff;
}

nlohmann::json to_json(const ScorecardDiff& diff) {
  auto list = [](const std::vector<RuleChange>& changes) {
    nlohmann::json a = nlohmann::json::array();
    for (const RuleChange& c : changes) a.push_back({{"id", c.id}, {"from", c.from}, {"to", c.to}});
    return a;
  };
  return {{"schema", "paircheck-scorecard-diff/1"},
          {"regressed", list(diff.regressed)},
          {"fixed", list(diff.fixed)},
          {"became_tested", list(diff.became_tested)},
          {"no_longer_tested", list(diff.no_longer_tested)},
          {"has_regression", diff.has_regression()}};
}

std::string to_text(const ScorecardDiff& diff) {
  std::string s;
  auto section = [&](const char* title, const std::vector<RuleChange>& changes) {
    for (const RuleChange& c : changes)
      s += std::string(title) + " " + c.id + ": " + c.from + " -> " + c.to + "\n";
  };
  section("regressed", diff.regressed);
  section("fixed", diff.fixed);
  section("became tested", diff.became_tested);
  section("no longer tested", diff.no_longer_tested);
  s += std::to_string(diff.regressed.size()) + " regressed, " + std::to_string(diff.fixed.size()) +
       " fixed, " + std::to_string(diff.became_tested.size()) + " became tested, " +
       std::to_string(diff.no_longer_tested.size()) + " no longer tested\n";
  return s;
}

}  // namespace paircheck::reports
