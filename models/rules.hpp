// The rule table (rules.def) as data: every rule ID of docs/contract.md with its D/A mark and text.
// Verdicts, reports and tests look rule IDs up here instead of repeating them.
#pragma once

#include <span>
#include <string_view>

namespace paircheck::model {

struct RuleInfo {
  std::string_view id;
  char kind;  // 'D' documented, 'A' assumed (overridable in a profile)
  std::string_view text;
};

// Every rule, in table order.
std::span<const RuleInfo> all_rules();
// The rule with this ID, or nullptr.
const RuleInfo* find_rule(std::string_view id);

}  // namespace paircheck::model
