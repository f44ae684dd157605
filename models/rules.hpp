// The rule table (rules.def) as types and data: `enum class RuleId` (one enumerator per rule ID of
// docs/contract.md, so a mistyped ID is a compile error), its D/A mark, short title and statement,
// and RuleSet, a set of rules. Rule IDs are strings only at file boundaries (JSON, profiles).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace paircheck::model {

enum class RuleId : std::uint8_t {
#define PAIRCHECK_RULE(id, kind, title, text) k##id,
#include "models/rules.def"
#undef PAIRCHECK_RULE
};

namespace detail {
inline constexpr RuleId kRuleIdsInOrder[] = {
#define PAIRCHECK_RULE(id, kind, title, text) RuleId::k##id,
#include "models/rules.def"
#undef PAIRCHECK_RULE
};
}  // namespace detail

inline constexpr std::size_t kRuleCount = std::size(detail::kRuleIdsInOrder);

struct RuleInfo {
  RuleId rule;
  std::string_view id;     // "O2"
  char kind;               // 'D' documented, 'A' assumed (overridable in a profile)
  std::string_view title;  // "Start only from created or stopped"
  std::string_view text;   // the statement, as in docs/contract.md
};

// Every rule, in table order.
std::span<const RuleInfo> all_rules();
const RuleInfo& info(RuleId rule);
// "O2".
std::string_view to_string(RuleId rule);
// "O2 Start only from created or stopped".
std::string titled(RuleId rule);
// The rule with this ID ("O2"); a profile key's sub-key is not a rule ID ("W1.decode": nullopt).
std::optional<RuleId> parse_rule_id(std::string_view id);
// The rule a profile key or rule ID names: "W1.decode" and "W1" both name W1.
std::optional<RuleId> rule_of_key(std::string_view key);
// The rule with this ID, or nullptr (file boundaries: JSON of other versions).
const RuleInfo* find_rule(std::string_view id);

using RuleIds = std::vector<RuleId>;
// "O2 O0" (IDs separated by `sep`).
std::string join(const RuleIds& rules, std::string_view sep = " ");

// A set of rules (coverage: the rules a step exercised).
class RuleSet {
 public:
  RuleSet() = default;
  RuleSet(std::initializer_list<RuleId> rules) {
    for (RuleId r : rules) insert(r);
  }
  void insert(RuleId r) { bits_ |= bit(r); }
  void insert(const RuleSet& other) { bits_ |= other.bits_; }
  void erase(RuleId r) { bits_ &= ~bit(r); }
  void intersect(const RuleSet& other) { bits_ &= other.bits_; }
  bool contains(RuleId r) const { return (bits_ & bit(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::size_t size() const;
  RuleIds list() const;  // in table order
  friend bool operator==(const RuleSet&, const RuleSet&) = default;

 private:
  static std::uint64_t bit(RuleId r) { return std::uint64_t{1} << static_cast<unsigned>(r); }
  std::uint64_t bits_ = 0;
};
static_assert(kRuleCount <= 64, "RuleSet holds at most 64 rules");

}  // namespace paircheck::model
