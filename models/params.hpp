// Parameter validation (contract §3: P1-P4, with §11's order: P1, Format, P2 types, P2 ranges, P3)
// and the typed reads the operations use after validation passed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/profile.hpp"
#include "models/request.hpp"
#include "models/rules.hpp"

namespace paircheck::model {

struct Rejection {
  RuleIds rule_ids;       // e.g. {P2} or {W1, P2}
  std::string error_key;  // key into Profile::errors
  std::string param;      // the parameter's name (for <Name> codes)
  std::string why;
};

std::optional<Rejection> validate_params(Action action, const Request& request,
                                         const Profile& profile);
// P4: the first parameter the action does not know (tags aside), or nullopt.
std::optional<std::string> unknown_param(Action action, const Params& p);

// Reads after validation: an absent or (for the §11 exceptions) empty value gives nullopt.
std::optional<std::string> str_param(const Params& p, std::string_view name);
std::optional<std::int64_t> int_param(const Params& p, std::string_view name);
std::optional<bool> bool_param(const Params& p, std::string_view name);
// PairIds: comma-separated IDs; empty means none (no filter).
std::vector<std::string> list_param(const Params& p, std::string_view name);
// I2: business params as sent, sorted, without ClientToken.
Params business_params(const Params& p);

}  // namespace paircheck::model
