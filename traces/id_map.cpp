#include "traces/id_map.hpp"

namespace paircheck::traces {
namespace {

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string map_tokens(const std::string& value,
                       const std::map<std::string, std::string, std::less<>>& map) {
  if (map.empty()) return value;
  std::string out;
  out.reserve(value.size());
  std::size_t at = 0;
  while (at < value.size()) {
    if (!id_char(value[at])) {
      out.push_back(value[at++]);
      continue;
    }
    std::size_t end = at;
    while (end < value.size() && id_char(value[end])) ++end;
    const std::string_view token(value.data() + at, end - at);
    auto it = map.find(token);
    out.append(it != map.end() ? std::string_view(it->second) : token);
    at = end;
  }
  return out;
}

bool IdMap::add(const std::string& recorded, const std::string& fresh) {
  if (recorded.empty() || fresh.empty()) return false;
  auto f = forward_.find(recorded);
  auto b = backward_.find(fresh);
  if (f != forward_.end() || b != backward_.end()) {
    return f != forward_.end() && b != backward_.end() && f->second == fresh;
  }
  forward_.emplace(recorded, fresh);
  backward_.emplace(fresh, recorded);
  return true;
}

std::optional<std::string> IdMap::to_new(std::string_view recorded) const {
  auto it = forward_.find(recorded);
  if (it == forward_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> IdMap::to_recorded(std::string_view fresh) const {
  auto it = backward_.find(fresh);
  if (it == backward_.end()) return std::nullopt;
  return it->second;
}

model::Params IdMap::to_new(const model::Params& params) const {
  model::Params out = params;
  for (auto& [name, value] : out) value = map_tokens(value, forward_);
  return out;
}

void IdMap::to_recorded(model::Observed& answer) const {
  answer.replica_pair_id = map_tokens(answer.replica_pair_id, backward_);
  for (model::ObservedPair& p : answer.pairs) {
    p.replica_pair_id = map_tokens(p.replica_pair_id, backward_);
  }
}

void IdMap::clear() {
  forward_.clear();
  backward_.clear();
}

}  // namespace paircheck::traces
