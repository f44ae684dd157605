#include "models/rules.hpp"

#include <array>
#include <bit>

namespace paircheck::model {
namespace {

#define PAIRCHECK_RULE(id, kind, title, text) RuleInfo{RuleId::k##id, #id, (#kind)[0], title, text},
constexpr std::array kRules = {
#include "models/rules.def"
};
#undef PAIRCHECK_RULE
static_assert(kRules.size() == kRuleCount);

}  // namespace

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo& info(RuleId rule) { return kRules[static_cast<std::size_t>(rule)]; }

std::string_view to_string(RuleId rule) { return info(rule).id; }

std::string titled(RuleId rule) {
  const RuleInfo& r = info(rule);
  return std::string(r.id) + " " + std::string(r.title);
}

std::optional<RuleId> parse_rule_id(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id == id) return r.rule;
  }
  return std::nullopt;
}

std::optional<RuleId> rule_of_key(std::string_view key) {
  return parse_rule_id(key.substr(0, key.find('.')));
}

const RuleInfo* find_rule(std::string_view id) {
  auto rule = parse_rule_id(id);
  return rule ? &info(*rule) : nullptr;
}

std::string join(const RuleIds& rules, std::string_view sep) {
  std::string out;
  for (RuleId r : rules) {
    if (!out.empty()) out += sep;
    out += to_string(r);
  }
  return out;
}

std::size_t RuleSet::size() const { return static_cast<std::size_t>(std::popcount(bits_)); }

RuleIds RuleSet::list() const {
  RuleIds out;
  for (const RuleInfo& r : kRules) {
    if (contains(r.rule)) out.push_back(r.rule);
  }
  return out;
}

}  // namespace paircheck::model
