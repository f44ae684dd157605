// Parameter validation (contract §3: P1-P4, with §11's order: P1, Format, P2 types, P2 ranges, P3)
// and the typed reads the operations use after validation passed. The off-forms of each parameter
// type (§11 rows "P2 booleans", "P2 integers", "P2 enums", "P2 lists", "P1, P2 strings") are
// accepted or refused as the profile's ParamForms knobs say; the typed reads are lenient (they
// read every form some profile may accept), so validation alone decides.
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

// §11 P2 integers: an optional '-' (a '+' if forms.int_plus_sign) and base-10 digits (leading
// zeros only if forms.int_leading_zeros; blanks at either end only if forms.trim_spaces) that fit
// in 64 bits; nullopt otherwise.
std::optional<std::int64_t> parse_int(std::string_view v, const ParamForms& forms);
// §11 P2 booleans: true/false (any case if forms.bool_case_insensitive, blanks if trim_spaces).
std::optional<bool> parse_bool(std::string_view v, const ParamForms& forms);

// Reads after validation: an absent or (for the §11 exceptions) empty value gives nullopt. An enum
// (Site, ChargeType) reads as its documented spelling, an integer or boolean in any form some
// profile accepts.
std::optional<std::string> str_param(const Params& p, std::string_view name);
std::optional<std::int64_t> int_param(const Params& p, std::string_view name);
std::optional<bool> bool_param(const Params& p, std::string_view name);
// PairIds: comma-separated IDs, each trimmed of blanks, gaps skipped; empty means none.
std::vector<std::string> list_param(const Params& p, std::string_view name);
// I2: business params as sent, sorted, without ClientToken.
Params business_params(const Params& p);

}  // namespace paircheck::model
