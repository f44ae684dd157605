// X: AttachDisk / DetachDisk on the fixture disks and instances (see operations.hpp).
#include "emulator/operations.hpp"

namespace paircheck::emulator {
namespace {

struct DiskAndInstance {
  Disk* disk = nullptr;
  std::optional<ApiError> error;
};

// §11 X: the disk is checked before the instance; zones (and regions) are not checked.
DiskAndInstance find_both(OpContext& ctx) {
  auto disk = ctx.world.disks.find(ctx.param("DiskId"));
  if (disk == ctx.world.disks.end()) {
    return {nullptr, ApiError{404, "InvalidDiskId.NotFound", "The specified disk does not exist."}};
  }
  if (ctx.world.instances.count(ctx.param("InstanceId")) == 0) {
    return {nullptr,
            ApiError{404, "InvalidInstanceId.NotFound", "The specified instance does not exist."}};
  }
  return {&disk->second, std::nullopt};
}

}  // namespace

OpResult attach_disk(OpContext& ctx) {
  auto found = find_both(ctx);
  if (found.error) return OpResult::fail(*found.error);
  Disk& disk = *found.disk;
  if (!disk.attached_to.empty()) {
    return OpResult::fail(incorrect_disk_status("The disk is already attached."));
  }
  const Pair* pair = ctx.world.pair_using_disk(disk.id);
  if (pair != nullptr && pair->destination.disk == disk.id &&
      pair->status != PairStatus::kFailovered) {
    return OpResult::fail(
        incorrect_disk_status("The disk is the destination of a replication pair."));
  }
  disk.attached_to = ctx.param("InstanceId");
  return OpResult::ok();
}

OpResult detach_disk(OpContext& ctx) {
  auto found = find_both(ctx);
  if (found.error) return OpResult::fail(*found.error);
  Disk& disk = *found.disk;
  if (disk.attached_to != ctx.param("InstanceId")) {
    return OpResult::fail(incorrect_disk_status("The disk is not attached to this instance."));
  }
  disk.attached_to.clear();
  return OpResult::ok();
}

}  // namespace paircheck::emulator
