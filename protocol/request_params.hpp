// W1: the parameter set of one request = query string ∪ urlencoded form body (§11: a name in both,
// the body wins), plus what a gateway needs to judge it (path, the query alone for V3, duplicates).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/params.hpp"
#include "protocol/result.hpp"

namespace paircheck::protocol {

// "/?a=1#frag" -> path "/", query "a=1" (a fragment is dropped).
struct SplitTarget {
  std::string_view path;
  std::string_view query;
};
SplitTarget split_target(std::string_view target);

// True for `application/x-www-form-urlencoded` in any case, with or without `; charset=...`.
bool is_form_content_type(std::string_view content_type);

struct MergedParams {
  Params params;  // one entry per name: query order, body-only names appended; body value wins
  std::vector<std::string> duplicate_names;  // names repeated within the query or within the body
};
// Within one source the first occurrence is kept (the repetition is reported, not resolved).
MergedParams merge_params(const Params& query, const Params& form);

struct RequestParams {
  std::string path;  // raw, not decoded
  Params query;      // as sent, duplicates kept (V3 signs these)
  Params form;       // empty unless the body is a urlencoded form
  MergedParams merged;
};
// Decodes the target's query and, when `content_type` is a urlencoded form, the body ('+' is a
// space in both). A malformed %-escape in either -> InvalidParameter error value.
Result<RequestParams> decode_request_params(std::string_view target, std::string_view content_type,
                                            std::string_view body);

}  // namespace paircheck::protocol
