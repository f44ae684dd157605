#include "models/background.hpp"

#include <unordered_map>

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
    case S::kStopping:
      out.push_back(S::kStopped);
      break;  // S3 (kManualSyncing), S4 (kStopping)
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

namespace {

// S1-S6: the rule behind a move from `from` to `to`.
RuleId move_rule(PairStatus from, PairStatus to) {
  if (is_failure(to)) return RuleId::kS6;
  switch (from) {
    case S::kCreating:
      return RuleId::kS1;
    case S::kManualSyncing:
      return RuleId::kS3;
    case S::kStopping:
    case S::kFailovering:
    case S::kDeleting:
      return RuleId::kS4;
    case S::kReprotecting:
      return RuleId::kS5;
    default:
      return RuleId::kS2;
  }
}

struct Move {
  World world;
  RuleId rule;
};

// A deleted pair answers nothing but NoSuchResource and is never listed: only its ID, status and
// disks (O1's "pairs on one disk") still matter. Its other fields go back to their defaults, so
// that worlds that differ only in what a deleted pair once was are one world: a trace of one disk
// pair's many lifecycles would otherwise keep ~3x the worlds per deleted pair (docs/traces.md).
void forget_all_but_identity(Pair& p) {
  Pair blank;
  blank.id = std::move(p.id);
  blank.status = p.status;
  blank.source = std::move(p.source);
  blank.destination = std::move(p.destination);
  blank.primary_region = std::move(p.primary_region);
  blank.primary_zone = std::move(p.primary_zone);
  blank.standby_region = std::move(p.standby_region);
  blank.standby_zone = std::move(p.standby_zone);
  p = std::move(blank);
}

std::vector<Move> moves_of(const World& world, const Profile& profile) {
  std::vector<Move> out;
  for (std::size_t i = 0; i < world.pairs.size(); ++i) {
    const Pair& p = world.pairs[i];
    for (PairStatus next : next_statuses(p.status, profile)) {
      World w = world;
      Pair& q = w.pairs.write()[i];
      bool completes_sync = (p.status == S::kInitialSyncing || p.status == S::kSyncing ||
                             p.status == S::kManualSyncing) &&
                            !is_failure(next);
      if (completes_sync) {
        q.synced = true;  // O10: RecoverPoint now > 0
        // O10 (§11): a completed sync leaves Progress at 100 until the next one starts.
        q.progress_floor = profile.o10_progress_full_after_sync ? 100 : 0;
      } else if (p.status == S::kNormal && next == S::kSyncing) {
        q.progress_floor = 0;  // O10: Progress restarts with each sync
      }
      q.status = next;
      if (next == S::kDeleted) forget_all_but_identity(q);
      out.push_back(Move{std::move(w), move_rule(p.status, next)});
    }
  }
  return out;
}

}  // namespace

std::vector<World> background_moves(const World& world, const Profile& profile) {
  std::vector<World> out;
  for (Move& m : moves_of(world, profile)) out.push_back(std::move(m.world));
  return out;
}

void close_under_background(std::vector<World>& worlds, const Profile& profile,
                            std::vector<RuleSet>* moved) {
  std::unordered_map<World, std::size_t, WorldHash> index;  // world -> its place in `out`
  std::vector<World> out;
  std::vector<RuleSet> masks;
  std::vector<std::size_t> todo;
  auto add = [&](World w, RuleSet mask) {
    auto [it, fresh] = index.try_emplace(w, out.size());
    if (!fresh) {  // reached again: the moves of the shorter explanation are the needed ones
      masks[it->second].intersect(mask);
      return;
    }
    todo.push_back(out.size());
    out.push_back(std::move(w));
    masks.push_back(mask);
  };
  for (std::size_t i = 0; i < worlds.size(); ++i) {
    add(std::move(worlds[i]), moved != nullptr && i < moved->size() ? (*moved)[i] : RuleSet{});
  }
  while (!todo.empty()) {
    const std::size_t at = todo.back();
    todo.pop_back();
    for (Move& m : moves_of(out[at], profile)) {
      RuleSet mask = masks[at];
      mask.insert(m.rule);
      add(std::move(m.world), mask);
    }
  }
  worlds = std::move(out);
  if (moved != nullptr) *moved = std::move(masks);
}

}  // namespace paircheck::model
