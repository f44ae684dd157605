// The judge's answer to one response (M1, M4), its typed failures, the finding key that names a
// failure across a run (docs/judge.md "Findings"), and one run-log step (StepRecord).
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/observed.hpp"
#include "models/request.hpp"
#include "models/rules.hpp"
#include "models/status.hpp"

namespace paircheck::model {

// One way a response broke the contract: the rule its evidence points to, and the evidence.
struct Violation {
  RuleId rule;
  std::string evidence;  // "the response has no RequestId", "got 200 OK, which no state explains"
  friend bool operator==(const Violation&, const Violation&) = default;
};

// What makes two failures the same finding: the rule the evidence points to, the action, and the
// observed HTTP status and code (0 and "" for no response; M3: the status that never ended).
// Two bugs under one rule stay two findings when they answer differently.
struct FindingKey {
  RuleId rule = RuleId::kM1;
  std::string action;
  int http = 0;
  std::string code;

  // "O2|StartDiskReplicaPair|200|" (the documented, stable text form).
  std::string str() const;
  static std::optional<FindingKey> parse(std::string_view text);
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of the synthesized <=>
  friend auto operator<=>(const FindingKey&, const FindingKey&) = default;
};

struct Verdict {
  bool conformant = true;
  // Conformant: the rules that decided the allowed outcome. Not conformant: the rules involved,
  // the one the evidence points to (violations.front().rule) first.
  RuleIds rule_ids;
  // The rules that shaped what the judge allowed in some kept world (coverage, docs/scorecard.md):
  // the deciding rules, the checks made on every response (W2/W3, W4, M1), a background move (S)
  // needed to explain the answer, an I rule whose precondition held. For a failure: the rules
  // involved.
  RuleSet exercised;
  std::vector<Violation> violations;  // empty iff conformant
  std::vector<std::string> allowed;   // e.g. "403 OperationDenied.InvalidStatus [O2 O0]"
  std::string message;                // starts with the primary rule ID: "[O2] ..."
  std::optional<FindingKey> key;      // set iff not conformant

  // The rule the evidence points to (not conformant), else the first deciding rule.
  std::optional<RuleId> primary() const;
};

struct StepRecord {
  std::size_t index = 0;
  // The position in its sequence of the step that sent it (a settle's polls, a wait's reads, a
  // retry and a race's requests share their step): the step numbering of every report. Unset in
  // run logs written before it was recorded.
  std::optional<std::size_t> step;
  Request request;
  std::optional<Observed> observed;  // nullopt: unknown outcome (M2)
  Verdict verdict;
  std::string target_pair;        // ReplicaPairId of the request, if any
  PairStatusSet statuses_before;  // what the target pair could have been before the step
};

}  // namespace paircheck::model
