// Baselines (`--baseline FILE`, schema "paircheck-baseline/1", docs/publishing.md): a committed
// list of known findings, each waived until its expiry date. Applied to a finished scorecard: a
// matched finding moves to `waived` and no longer counts for the exit code; past its date it
// fails like any other; a waiver that matches nothing is reported as stale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/scorecard.hpp"
#include "reports/waiver.hpp"

namespace paircheck::reports {

inline constexpr const char* kBaselineSchema = "paircheck-baseline/1";

struct Baseline {
  std::string path;  // the file it was read from
  std::vector<Waiver> waivers;
};

// A baseline document; throws model::UsageError with one line naming the file, the waiver and
// the field (a waiver without a reason or an expiry date, a key that is not a finding key, a key
// listed twice, an unknown field).
Baseline parse_baseline(std::string_view text, const std::string& path);
Baseline load_baseline(const std::string& path);
nlohmann::json to_json(const Baseline& baseline);

// True for a calendar date written YYYY-MM-DD.
bool is_date(std::string_view text);
// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();
// `--now DATE` when given (checked: UsageError otherwise), else today_utc().
std::string now_or_today(const std::string& now_flag);

// A baseline of every finding of a scorecard document (scorecard.json: its `failures`, and its
// `waived` ones, so that a baseline can be renewed), each with this reason, owner and expiry.
// Throws model::UsageError when `scorecard` is not a paircheck scorecard.
Baseline baseline_from_scorecard(const nlohmann::json& scorecard, const std::string& reason,
                                 const std::string& owner, const std::string& expires);

// Applies `baseline` on `now` (YYYY-MM-DD): moves each failure whose key an unexpired waiver
// names into card.waived (rule counts and first failures follow), records expired and stale
// waivers, and recomputes an exit code of 1 that only waived findings caused.
void apply_baseline(Scorecard& card, const Baseline& baseline, const std::string& now);

// The terminal's lines about the baseline ("" without one): what was waived, expired, stale.
std::string baseline_text(const Scorecard& card);

}  // namespace paircheck::reports
