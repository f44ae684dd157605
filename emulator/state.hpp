// The emulator's world (§5, §7, §10): pairs with their statuses and fields, fixture disks (attached
// or not), instances and identities. Plain values; the Service serialises access with one mutex.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace paircheck::emulator {

enum class PairStatus {
  kCreating,
  kCreated,
  kCreateFailed,
  kInitialSyncing,
  kManualSyncing,
  kSyncing,
  kNormal,
  kStopping,
  kStopped,
  kStopFailed,
  kFailovering,
  kFailovered,
  kFailoverFailed,
  kReprotecting,
  kReprotectFailed,
  kDeleting,
  kDeleted,
  kDeleteFailed,
  kInvalid
};

std::string_view to_string(PairStatus status);  // the wire spelling (S): "initial_syncing", ...

struct Side {
  std::string region, zone, disk;
};

struct Pair {
  std::string id;
  uint64_t seq = 0;  // creation order: Describe lists and pages by it (O9)
  PairStatus status = PairStatus::kCreating;
  std::string name, description;
  Side source, destination;                  // the current direction (O5-O7)
  std::string primary_region, primary_zone;  // the initial direction, never changes
  std::string standby_region, standby_zone;
  int64_t rpo = 900, bandwidth = 10240;
  std::string charge_type = "POSTPAY";
  std::string resource_group_id;
  bool enable_rtc = false;
  int64_t create_time = 0;
  std::vector<std::pair<std::string, std::string>> tags;
  std::optional<double> last_oneshot_at;  // O3: the last accepted OneShot start (clock seconds)
  std::optional<double> move_at;          // S: when the current status ends on its own
  // O10: the current or last sync.
  bool in_sync = false;
  double sync_start = 0, sync_end = 0;
  int frozen_progress = 0;
  int64_t recover_point = 0;
};

struct Disk {
  std::string id, region, zone;
  std::string attached_to;  // instance ID, empty when detached
};

struct Instance {
  std::string id, region, zone;
};

struct World {
  std::map<std::string, Disk> disks;
  std::map<std::string, Instance> instances;
  std::map<std::string, Pair> pairs;  // by ReplicaPairId; deleted ones dropped (Lifecycle::settle)
  uint64_t next_seq = 1;

  Pair* find_live_pair(std::string_view id);  // nullptr when unknown or deleted
  // The live pair that uses `disk_id` on either side, or nullptr.
  Pair* pair_using_disk(std::string_view disk_id);
};

}  // namespace paircheck::emulator
