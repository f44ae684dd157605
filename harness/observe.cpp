#include "harness/observe.hpp"

#include <algorithm>

#include "models/json_io.hpp"
#include "models/match.hpp"

namespace paircheck::harness {

model::Observed observe(std::string_view action, const WireResult& wire) {
  model::Observed observed = model::parse_observed(action, wire.status, wire.body);
  // Only a body that broke W2/W3 is kept (the judge's own test of them, so the two never differ):
  // a well-formed one is all in the parsed fields, and keeping every body would multiply the
  // run log's size.
  const std::vector<model::Violation> wire_rules = model::wire_violations(observed, {});
  if (std::any_of(wire_rules.begin(), wire_rules.end(), [](const model::Violation& v) {
        return v.rule == model::RuleId::kW2 || v.rule == model::RuleId::kW3;
      })) {
    observed.body = wire.body.substr(0, model::kMaxKeptBody);
  }
  return observed;
}

}  // namespace paircheck::harness
