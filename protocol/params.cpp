#include "protocol/params.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

namespace paircheck::protocol {
namespace {

// "12" -> 12; rejects "", "0", "012", "+1", overflow.
std::optional<int> parse_index(std::string_view text) {
  if (text.empty() || text.size() > 9 || text[0] == '0') return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// If `full` is `name.` + rest, returns rest.
std::optional<std::string_view> after_prefix(std::string_view full, std::string_view name) {
  if (full.size() <= name.size() + 1 || full.substr(0, name.size()) != name ||
      full[name.size()] != '.') {
    return std::nullopt;
  }
  return full.substr(name.size() + 1);
}

}  // namespace

Result<Params> parse_urlencoded(std::string_view text, PlusMode plus) {
  Params out;
  while (!text.empty()) {
    const std::size_t amp = text.find('&');
    const std::string_view segment = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
    if (segment.empty()) continue;
    const std::size_t eq = segment.find('=');
    auto name = percent_decode(segment.substr(0, eq), plus);
    if (!name) return name.error();
    std::string value;
    if (eq != std::string_view::npos) {
      auto decoded = percent_decode(segment.substr(eq + 1), plus);
      if (!decoded) return decoded.error();
      value = std::move(decoded).value();
    }
    out.emplace_back(std::move(name).value(), std::move(value));
  }
  return out;
}

std::string to_urlencoded(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(name);
    out.push_back('=');
    out += percent_encode(value);
  }
  return out;
}

const std::string* find_param(const Params& params, std::string_view name) {
  for (const auto& entry : params) {
    if (entry.first == name) return &entry.second;
  }
  return nullptr;
}

std::vector<std::string> duplicate_names(const Params& params) {
  std::set<std::string_view> seen;
  std::set<std::string_view> reported;
  std::vector<std::string> out;
  for (const auto& entry : params) {
    if (!seen.insert(entry.first).second && reported.insert(entry.first).second) {
      out.push_back(entry.first);
    }
  }
  return out;
}

void append_list(Params& params, std::string_view name, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    params.emplace_back(std::string(name) + "." + std::to_string(i + 1), values[i]);
  }
}

void append_object_list(Params& params, std::string_view name,
                        const std::vector<ParamObject>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = std::string(name) + "." + std::to_string(i + 1) + ".";
    for (const auto& [field, value] : items[i]) params.emplace_back(prefix + field, value);
  }
}

std::map<int, std::string> collect_list(const Params& params, std::string_view name) {
  std::map<int, std::string> out;
  for (const auto& [full, value] : params) {
    const auto rest = after_prefix(full, name);
    if (!rest) continue;
    if (const auto index = parse_index(*rest)) out.emplace(*index, value);
  }
  return out;
}

std::map<int, std::map<std::string, std::string>> collect_object_list(const Params& params,
                                                                      std::string_view name) {
  std::map<int, std::map<std::string, std::string>> out;
  for (const auto& [full, value] : params) {
    const auto rest = after_prefix(full, name);
    if (!rest) continue;
    const std::size_t dot = rest->find('.');
    if (dot == std::string_view::npos || dot + 1 == rest->size()) continue;
    if (const auto index = parse_index(rest->substr(0, dot))) {
      out[*index].emplace(std::string(rest->substr(dot + 1)), value);
    }
  }
  return out;
}

}  // namespace paircheck::protocol
