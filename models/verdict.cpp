#include "models/verdict.hpp"

#include <charconv>

namespace paircheck::model {

std::string FindingKey::str() const {
  return std::string(to_string(rule)) + "|" + action + "|" + std::to_string(http) + "|" + code;
}

std::optional<FindingKey> FindingKey::parse(std::string_view text) {
  std::string_view part[4];
  for (int i = 0; i < 3; ++i) {
    const auto bar = text.find('|');
    if (bar == std::string_view::npos) return std::nullopt;
    part[i] = text.substr(0, bar);
    text.remove_prefix(bar + 1);
  }
  part[3] = text;
  FindingKey key;
  auto rule = parse_rule_id(part[0]);
  if (!rule) return std::nullopt;
  key.rule = *rule;
  key.action = std::string(part[1]);
  const auto [end, error] =
      std::from_chars(part[2].data(), part[2].data() + part[2].size(), key.http);
  if (error != std::errc() || end != part[2].data() + part[2].size()) return std::nullopt;
  key.code = std::string(part[3]);
  return key;
}

std::optional<RuleId> Verdict::primary() const {
  if (!violations.empty()) return violations.front().rule;
  if (!rule_ids.empty()) return rule_ids.front();
  return std::nullopt;
}

}  // namespace paircheck::model
