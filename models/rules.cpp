#include "models/rules.hpp"

#include <array>

namespace paircheck::model {
namespace {

#define PAIRCHECK_RULE(id, kind, text) RuleInfo{#id, (#kind)[0], text},
constexpr std::array kRules = {
#include "models/rules.def"
};
#undef PAIRCHECK_RULE

}  // namespace

std::span<const RuleInfo> all_rules() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace paircheck::model
