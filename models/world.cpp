#include "models/world.hpp"

#include <algorithm>
#include <functional>

namespace paircheck::model {
namespace {

void mix(std::size_t& seed, std::size_t v) {
  seed ^= v + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}
void mix_str(std::size_t& seed, const std::string& s) { mix(seed, std::hash<std::string>{}(s)); }

bool token_less(const TokenEntry& a, std::string_view action, std::string_view token) {
  const std::string_view aa = a.action, at = a.token;
  return aa < action || (aa == action && at < token);
}

}  // namespace

const Pair* World::pair(std::string_view id) const {
  auto it = std::lower_bound(pairs.begin(), pairs.end(), id,
                             [](const Pair& p, std::string_view v) { return p.id < v; });
  return it != pairs.end() && it->id == id ? &*it : nullptr;
}

Pair* World::pair(std::string_view id) {
  const Pair* found = static_cast<const World*>(this)->pair(id);
  if (found == nullptr) return nullptr;
  const auto at = found - pairs->data();
  return &pairs.write()[static_cast<std::size_t>(at)];
}

const TokenEntry* World::token(std::string_view action, std::string_view token) const {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), 0, [&](const TokenEntry& e, int) {
    return token_less(e, action, token);
  });
  return it != tokens.end() && it->action == action && it->token == token ? &*it : nullptr;
}

const std::string* World::instance_of(std::string_view disk) const {
  for (const auto& [d, i] : attached) {
    if (d == disk) return &i;
  }
  return nullptr;
}

const Pair* World::live_pair_with_disk(std::string_view disk) const {
  for (const Pair& p : pairs) {
    if (p.status == PairStatus::kDeleted) continue;
    if (p.source.disk == disk || p.destination.disk == disk) return &p;
  }
  return nullptr;
}

void World::put_pair(Pair p) {
  std::vector<Pair>& all = pairs.write();
  auto it = std::lower_bound(all.begin(), all.end(), p.id,
                             [](const Pair& a, const std::string& v) { return a.id < v; });
  if (it != all.end() && it->id == p.id) {
    *it = std::move(p);
  } else {
    all.insert(it, std::move(p));
  }
}

void World::put_token(TokenEntry e) {
  std::vector<TokenEntry>& all = tokens.write();
  auto it = std::lower_bound(all.begin(), all.end(), 0, [&](const TokenEntry& x, int) {
    return token_less(x, e.action, e.token);
  });
  if (it != all.end() && it->action == e.action && it->token == e.token) {
    *it = std::move(e);
  } else {
    all.insert(it, std::move(e));
  }
}

void World::erase_token(std::string_view action, std::string_view token) {
  if (this->token(action, token) == nullptr) return;  // nothing to erase: stay shared
  std::erase_if(tokens.write(),
                [&](const TokenEntry& e) { return e.action == action && e.token == token; });
}

void World::attach(std::string disk, std::string instance) {
  detach(disk);
  std::vector<std::pair<std::string, std::string>>& all = attached.write();
  all.emplace_back(std::move(disk), std::move(instance));
  std::sort(all.begin(), all.end());
}

void World::detach(std::string_view disk) {
  if (instance_of(disk) == nullptr) return;  // not attached: stay shared
  std::erase_if(attached.write(), [&](const auto& a) { return a.first == disk; });
}

void World::rename_pair(std::string_view from, const std::string& to) {
  const Pair* p = static_cast<const World*>(this)->pair(from);
  if (p == nullptr) return;
  Pair copy = *p;
  std::erase_if(pairs.write(), [&](const Pair& x) { return x.id == from; });
  copy.id = to;
  put_pair(std::move(copy));
  const bool ledger_names_it = std::any_of(tokens.begin(), tokens.end(),
                                           [&](const TokenEntry& e) { return e.pair_id == from; });
  if (!ledger_names_it) return;
  for (TokenEntry& e : tokens.write()) {
    if (e.pair_id == from) e.pair_id = to;
  }
}

std::size_t hash_value(const World& w) {
  std::size_t seed = w.pairs.size();
  for (const Pair& p : w.pairs) {
    mix_str(seed, p.id);
    mix(seed, static_cast<std::size_t>(p.status));
    mix_str(seed, p.source.disk);
    mix_str(seed, p.name);
    mix(seed, static_cast<std::size_t>(p.progress_floor));
    mix(seed, static_cast<std::size_t>(p.recover_point_floor));
    mix(seed, p.synced ? 1 : 2);
    mix(seed, p.last_oneshot ? static_cast<std::size_t>(p.last_oneshot->lo) : 7);
  }
  for (const auto& [d, i] : w.attached) {
    mix_str(seed, d);
    mix_str(seed, i);
  }
  for (const TokenEntry& e : w.tokens) {
    mix_str(seed, e.action);
    mix_str(seed, e.token);
    mix_str(seed, e.pair_id);
  }
  return seed;
}

}  // namespace paircheck::model
