// The form of a parameter value (issue 13, the coverage map's `form` projection, docs/scorecard.md
// "Cells"): which spelling of a value a request sent, so that coverage shows whether each
// documented value and each off-form a client can send was tried. One fixed vocabulary, shared by
// the contract's A rules on off-forms and the generator that sends them:
//
//   booleans (OneShot, ReverseReplicate, EnableRtc):
//     true false missing empty case digit spaced other
//   integers (MaxResults, PageNumber, PageSize, RPO, Bandwidth, Period):
//     valid missing empty plus minus leading-zero out-of-range spaced not-decimal huge
//   enums (Site, ChargeType): each documented value, missing empty case other
//   lists (PairIds): one several missing empty gaps spaced
//   free strings (everything else: PairName, Description, ClientToken, RegionId, IDs, NextToken):
//     valid missing empty long not-utf8 not-printable invalid
//   and, for the three with a documented rule, the valid values at its edges: below-min (one
//   character short of PairName's and Description's 2), at-min, at-max (128, 256 characters),
//   blank (a ClientToken holding a space: printable, §11 P3), multibyte and wide (a Description
//   holding 2- or 3-byte characters, or a 4-byte one: U+10000 and above)
//
// A value holding U+FFFD counts as not-utf8: the run log writes invalid UTF-8 that way, and the
// scorecard rebuilt from the log must see the form the live run saw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/request.hpp"

namespace paircheck::model {

enum class ParamKind : std::uint8_t { kBool, kInt, kEnum, kList, kString };

// The kind of a parameter by name (its type in contract §3 and §11); kString for a name this
// table does not know.
ParamKind param_kind(std::string_view param);

// The form of `value` (nullopt: the parameter was not sent) for `param` of `action`.
std::string_view form_of(Action action, std::string_view param,
                         const std::optional<std::string>& value);

// Every form `form_of` can give for `param` (of `action`): the vocabulary of its kind, less the
// forms its documentation makes meaningless (`out-of-range` for an integer without a range,
// `invalid` for a string without a documented rule).
std::vector<std::string_view> forms_of(Action action, std::string_view param);

// A value of `param` (of `action`) whose form_of() is `form` (nullopt: leave it out, `missing`),
// built around `valid`, a valid value of the parameter (a placeholder such as `{pair:0}` counts):
// the inverse of form_of(), so that the generator can send every form of forms_of() for every
// parameter of the table (issue 13, docs/harness.md "Steering"). Integers and enums take their
// valid and out-of-range values from the documented range and values, not from `valid`; an empty
// `valid` gets a plain word. A form forms_of() does not list for `param` gives nullopt too.
std::optional<std::string> sample_of_form(Action action, std::string_view param,
                                          std::string_view form, std::string_view valid);

// The values §3 lists for an integer that takes only those (RPO: 900; Bandwidth: 10240, 20480,
// 51200, 102400); empty for any other parameter.
std::vector<std::string> documented_values(std::string_view param);

// The parameters `action` takes (models/params.cpp's table, probed through unknown_param), in a
// fixed order; empty for Action::kUnknown.
const std::vector<std::string>& params_of(Action action);

}  // namespace paircheck::model
