// The parameter set of an RPC request (W1): ordered name/value pairs, urlencoded text in and out,
// and the Name.N / Name.N.Field list flattening.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/percent_encoding.hpp"
#include "protocol/result.hpp"

namespace paircheck::protocol {

// Order as received, duplicates kept.
using Params = std::vector<std::pair<std::string, std::string>>;

// Parses a query string (without '?') or an application/x-www-form-urlencoded body:
// `a=1&b=&c` -> (a,1) (b,"") (c,""); empty segments (`a=1&&b=2`) are skipped; only the first '='
// splits. Malformed %-escapes -> error value (InvalidParameter).
Result<Params> parse_urlencoded(std::string_view text, PlusMode plus = PlusMode::kSpace);

// `pct(name)=pct(value)` joined by '&', order kept (W5 encoding, so '+' never appears).
std::string to_urlencoded(const Params& params);

// The first value of `name`, or nullptr.
const std::string* find_param(const Params& params, std::string_view name);

// Names that occur more than once, each reported once, in order of first repetition.
std::vector<std::string> duplicate_names(const Params& params);

// W1 flattening (1-based): append_list(p, "PairIds", {"a","b"}) adds PairIds.1=a, PairIds.2=b.
void append_list(Params& params, std::string_view name, const std::vector<std::string>& values);

// append_object_list(p, "Tag", {{{"Key","k"},{"Value","v"}}}) adds Tag.1.Key=k, Tag.1.Value=v.
using ParamObject = std::vector<std::pair<std::string, std::string>>;
void append_object_list(Params& params, std::string_view name,
                        const std::vector<ParamObject>& items);

// The reverse: `Name.N` entries by N (N a positive decimal without leading zeros; other
// spellings are not list entries). First value wins for a repeated index.
std::map<int, std::string> collect_list(const Params& params, std::string_view name);

// `Name.N.Field` entries grouped by N, then by Field.
std::map<int, std::map<std::string, std::string>> collect_object_list(const Params& params,
                                                                      std::string_view name);

}  // namespace paircheck::protocol
