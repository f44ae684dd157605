// paircheck report --diff OLD.json NEW.json: rule verdicts of two scorecards compared. A rule that
// went pass -> fail is a regression (exit 1); fail -> pass is fixed; untested -> pass/fail became
// tested; pass/fail -> untested is no longer tested. A rule missing from one side counts as
// untested.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace paircheck::reports {

struct RuleChange {
  std::string id;
  std::string from, to;  // "pass" / "fail" / "untested"
};

struct ScorecardDiff {
  std::vector<RuleChange> regressed, fixed, became_tested, no_longer_tested;
  bool has_regression() const { return !regressed.empty(); }
};

// Reads a scorecard.json; throws model::UsageError (one line) when it is not a
// "paircheck-scorecard/1" document.
nlohmann::json load_scorecard(const std::string& path);

ScorecardDiff diff_scorecards(const nlohmann::json& old_card, const nlohmann::json& new_card);

// Human-readable lines, one per change, ending with a one-line verdict.
std::string to_text(const ScorecardDiff& diff);

// The same as JSON (`report --diff --format json`): {"schema": "paircheck-scorecard-diff/1",
// "regressed": [{"id", "from", "to"}...], "fixed", "became_tested", "no_longer_tested",
// "has_regression"}.
nlohmann::json to_json(const ScorecardDiff& diff);

}  // namespace paircheck::reports
