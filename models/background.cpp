#include "models/background.hpp"

#include <unordered_set>

namespace paircheck::model {
namespace {

using S = PairStatus;

// The documented next status of a transient one (S1-S5), or nullopt.
std::vector<PairStatus> next_statuses(PairStatus s, const Profile& p) {
  std::vector<PairStatus> out;
  switch (s) {
    case S::kCreating:
      out.push_back(S::kCreated);
      break;  // S1
    case S::kInitialSyncing:
      out.push_back(S::kNormal);
      break;  // S2
    case S::kNormal:
      out.push_back(S::kSyncing);
      break;  // S2
    case S::kSyncing:
      out.push_back(S::kNormal);
      break;  // S2
    case S::kManualSyncing:
      out.push_back(S::kStopped);
      break;  // S3
    case S::kStopping:
      out.push_back(S::kStopped);
      break;  // S4
    case S::kFailovering:
      out.push_back(S::kFailovered);
      break;  // S4
    case S::kDeleting:
      out.push_back(S::kDeleted);
      break;  // S4
    case S::kReprotecting:
      out.push_back(p.reprotect_target);
      break;  // S5
    default:
      break;
  }
  if (p.async_failures) {  // S6
    auto it = p.async_failure_of.find(s);
    if (it != p.async_failure_of.end()) out.push_back(it->second);
  }
  return out;
}

}  // namespace

std::vector<World> background_moves(const World& world, const Profile& profile) {
  std::vector<World> out;
  for (std::size_t i = 0; i < world.pairs.size(); ++i) {
    const Pair& p = world.pairs[i];
    for (PairStatus next : next_statuses(p.status, profile)) {
      World w = world;
      Pair& q = w.pairs[i];
      bool completes_sync = (p.status == S::kInitialSyncing || p.status == S::kSyncing ||
                             p.status == S::kManualSyncing) &&
                            !is_failure(next);
      if (completes_sync) q.synced = true;  // O10: RecoverPoint now > 0
      if (p.status == S::kNormal || p.status == S::kSyncing || p.status == S::kInitialSyncing) {
        q.progress_floor = 0;  // O10: Progress restarts with each sync
      }
      q.status = next;
      out.push_back(std::move(w));
    }
  }
  return out;
}

void close_under_background(std::vector<World>& worlds, const Profile& profile) {
  std::unordered_set<World, WorldHash> seen;
  std::vector<World> out;
  std::vector<World> todo;
  for (World& w : worlds) {
    if (seen.insert(w).second) todo.push_back(std::move(w));
  }
  while (!todo.empty()) {
    World w = std::move(todo.back());
    todo.pop_back();
    for (World& n : background_moves(w, profile)) {
      if (seen.insert(n).second) todo.push_back(std::move(n));
    }
    out.push_back(std::move(w));
  }
  worlds = std::move(out);
}

}  // namespace paircheck::model
