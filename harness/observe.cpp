#include "harness/observe.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "models/json_io.hpp"
#include "models/match.hpp"

namespace paircheck::harness {

model::Observed observe(std::string_view action, const WireResult& wire) {
  model::Observed observed =
      wire.document ? model::parse_observed_document(action, wire.status, *wire.document)
                    : model::parse_observed(action, wire.status, wire.body);
  // Only a body that broke W2/W3 is kept (the judge's own test of them, so the two never differ):
  // a well-formed one is all in the parsed fields, and keeping every body would multiply the
  // run log's size.
  const std::vector<model::Violation> wire_rules = model::wire_violations(observed, {});
  if (std::any_of(wire_rules.begin(), wire_rules.end(), [](const model::Violation& v) {
        return v.rule == model::RuleId::kW2 || v.rule == model::RuleId::kW3;
      })) {
    const std::string text =
        wire.document
            ? wire.document->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            : wire.body;
    observed.body = text.substr(0, model::kMaxKeptBody);
  }
  return observed;
}

void discount_direct(model::Verdict& verdict) {
  using model::RuleId;
  for (RuleId wire : {RuleId::kG1, RuleId::kG2, RuleId::kG4, RuleId::kG5, RuleId::kG6, RuleId::kG7,
                      RuleId::kW1, RuleId::kW2, RuleId::kW3, RuleId::kW5, RuleId::kW6}) {
    verdict.exercised.erase(wire);
  }
}

}  // namespace paircheck::harness
