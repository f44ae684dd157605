// Diagnosis of a failure by A-rule alternatives (docs/judge.md "Findings"): when an answer is one
// no kept world explains (M1), the recorded history is judged again under the profile with one
// assumed (A) rule set the other way; if that explains the failing answer, the finding is that
// rule's. An emulator that replays the first error of a failed ClientToken is an I3 finding, not
// one of the operation whose fresh evaluation it contradicts. Runs only on failures.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/universe.hpp"
#include "models/verdict.hpp"

namespace paircheck::model {

// One alternative setting of an A rule (of the profile knobs of docs/profiles.md).
struct Alternative {
  RuleId rule;
  std::string_view what;  // "a ClientToken whose first call failed is consumed"
  void (*apply)(Profile&);
};

// Every alternative, in the order diagnosis tries them (the first that explains wins).
std::span<const Alternative> a_rule_alternatives();

// A failure diagnosis may re-attribute: an answer no kept world explains (the M1 path of
// BeliefSet::observe), not a W2-W4 wire violation, an M3 liveness failure or a conformant step.
bool is_unexplained_answer(const Verdict& verdict);

// The alternative that explains the last record (a failure) of `history`, re-judged from the
// start: every earlier record must still conform under it. nullptr when none does or when the
// last record is not an unexplained answer.
const Alternative* explaining_alternative(const Universe& universe, const Profile& profile,
                                          const std::vector<StepRecord>& history);
// The A rule whose alternative setting explains the last record (a failure) of `history`,
// re-judged from the start; nullopt when none does.
std::optional<RuleId> diagnose(const Universe& universe, const Profile& profile,
                               const std::vector<StepRecord>& history);

// Applies a diagnosis to a failing verdict: the primary violation, rule_ids (front) and key name
// that rule; the message keeps its evidence with the new rule ID first and says
// "(explained if <what>)".
void attribute(Verdict& failing, RuleId rule, std::string_view what);

// Diagnoses `failing` (not yet in `history`: the records before it) and, when an alternative
// explains it, attributes its verdict. Returns whether it did.
bool diagnose_and_attribute(const Universe& universe, const Profile& profile,
                            const std::vector<StepRecord>& history, StepRecord& failing);

}  // namespace paircheck::model
