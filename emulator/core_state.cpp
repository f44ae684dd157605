// The emulator's world (see state.hpp).
#include "emulator/state.hpp"

namespace paircheck::emulator {

std::string_view to_string(PairStatus status) {
  switch (status) {
    case PairStatus::kCreating:
      return "creating";
    case PairStatus::kCreated:
      return "created";
    case PairStatus::kCreateFailed:
      return "create_failed";
    case PairStatus::kInitialSyncing:
      return "initial_syncing";
    case PairStatus::kManualSyncing:
      return "manual_syncing";
    case PairStatus::kSyncing:
      return "syncing";
    case PairStatus::kNormal:
      return "normal";
    case PairStatus::kStopping:
      return "stopping";
    case PairStatus::kStopped:
      return "stopped";
    case PairStatus::kStopFailed:
      return "stop_failed";
    case PairStatus::kFailovering:
      return "failovering";
    case PairStatus::kFailovered:
      return "failovered";
    case PairStatus::kFailoverFailed:
      return "failover_failed";
    case PairStatus::kReprotecting:
      return "reprotecting";
    case PairStatus::kReprotectFailed:
      return "reprotect_failed";
    case PairStatus::kDeleting:
      return "deleting";
    case PairStatus::kDeleted:
      return "deleted";
    case PairStatus::kDeleteFailed:
      return "delete_failed";
    case PairStatus::kInvalid:
      return "invalid";
  }
  return "invalid";
}

Pair* World::find_live_pair(std::string_view id) {
  auto it = pairs.find(std::string(id));
  if (it == pairs.end() || it->second.status == PairStatus::kDeleted) return nullptr;
  return &it->second;
}

Pair* World::pair_using_disk(std::string_view disk_id) {
  for (auto& [id, pair] : pairs) {
    if (pair.status == PairStatus::kDeleted) continue;
    if (pair.source.disk == disk_id || pair.destination.disk == disk_id) return &pair;
  }
  return nullptr;
}

}  // namespace paircheck::emulator
