#include "protocol/request_params.hpp"

#include "protocol/ascii.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace paircheck::protocol {
SplitTarget split_target(std::string_view target) {
  const std::size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

bool is_form_content_type(std::string_view content_type) {
  const std::size_t semi = content_type.find(';');
  return iequals(trim_blanks(content_type.substr(0, semi)), "application/x-www-form-urlencoded");
}

MergedParams merge_params(const Params& query, const Params& form) {
  MergedParams out;
  std::unordered_map<std::string, std::size_t> index;  // name -> position in out.params
  std::set<std::string> reported;
  auto add = [&](const Params& source, bool overrides) {
    std::set<std::string> seen_here;
    for (const auto& [name, value] : source) {
      if (!seen_here.insert(name).second) {
        if (reported.insert(name).second) out.duplicate_names.push_back(name);
        continue;  // first occurrence within one source is kept
      }
      const auto it = index.find(name);
      if (it == index.end()) {
        index.emplace(name, out.params.size());
        out.params.emplace_back(name, value);
      } else if (overrides) {
        out.params[it->second].second = value;
      }
    }
  };
  add(query, false);
  add(form, true);
  return out;
}

Result<RequestParams> decode_request_params(std::string_view target, std::string_view content_type,
                                            std::string_view body) {
  const SplitTarget split = split_target(target);
  RequestParams out;
  out.path = std::string(split.path);
  auto query = parse_urlencoded(split.query, PlusMode::kSpace);
  if (!query) return query.error();
  out.query = std::move(query).value();
  if (!body.empty() && is_form_content_type(content_type)) {
    auto form = parse_urlencoded(body, PlusMode::kSpace);
    if (!form) return form.error();
    out.form = std::move(form).value();
  }
  out.merged = merge_params(out.query, out.form);
  return out;
}

}  // namespace paircheck::protocol
