// The action table and parameter validation P1-P4 (§3, §11 order: P1, Format, P2 types, P2 ranges,
// P3), plus the served versions per action (G9, G10).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "emulator/errors.hpp"
#include "emulator/faults.hpp"
#include "protocol/params.hpp"

namespace paircheck::emulator {

enum class ParamType { kString, kInteger, kBoolean };

// A P2 range check: nullptr when the value is in range, else why not.
using RangeCheck = const char* (*)(std::string_view value);

struct ParamSpec {
  const char* name;
  ParamType type;
  bool required;
  RangeCheck range;
};

struct ActionSpec {
  const char* name;
  bool ecs;          // AttachDisk/DetachDisk: 2014-05-26 (2021-07-30 tolerated); else 2021-07-30
  bool takes_token;  // I1-I5 apply
  std::vector<ParamSpec> params;  // P4: names not listed here are ignored
};

const ActionSpec* find_action(std::string_view action);                 // G9: nullptr when unknown
bool serves_version(const ActionSpec& spec, std::string_view version);  // G10

// P1-P3 in the §11 order; the first failure wins.
std::optional<ApiError> validate_params(const ActionSpec& spec, const protocol::Params& params,
                                        const FaultSet& faults);

std::optional<int64_t> parse_integer(std::string_view text);  // decimal, optional '-'
std::optional<bool> parse_boolean(std::string_view text);     // exactly "true"/"false"
bool is_valid_utf8(std::string_view text);
std::vector<std::string> split_pair_ids(std::string_view text);  // comma list, blanks dropped

}  // namespace paircheck::emulator
