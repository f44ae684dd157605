// X1-X3 (contract §7): AttachDisk and DetachDisk on the fixture's disks and instances.
#include "models/step_internal.hpp"

namespace paircheck::model::detail {

Outcome step_disk_op(Eval& e, Action a) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const std::string disk = *str_param(ps, "DiskId");
  const std::string instance = *str_param(ps, "InstanceId");
  const RuleId rule = a == Action::kAttachDisk ? RuleId::kX1 : RuleId::kX2;
  const std::string key(to_string(rule));
  // §11 X: the disk is checked before the instance; zones are not checked.
  if (e.ctx.universe.disk(disk) == nullptr)
    return error_outcome(prof, key + ".disk_not_found", {rule});
  if (e.ctx.universe.instance(instance) == nullptr) {
    return error_outcome(prof, key + ".instance_not_found", {rule});
  }
  const std::string* at = e.world.instance_of(disk);
  if (a == Action::kAttachDisk) {
    if (at != nullptr) return error_outcome(prof, "X1.attached", {RuleId::kX1});
    for (const Pair& p : e.world.pairs) {  // X3: a destination disk stays detached
      if (p.status == PairStatus::kDeleted || p.destination.disk != disk) continue;
      if (!prof.x3_attachable.contains(p.status)) {
        return error_outcome(prof, "X3", {RuleId::kX3, RuleId::kX1});
      }
      e.also.insert(RuleId::kX3);  // a destination disk, attachable in this status
    }
    e.world.attach(disk, instance);
    return ok_outcome({RuleId::kX1});
  }
  if (at == nullptr || *at != instance)
    return error_outcome(prof, "X2.not_attached", {RuleId::kX2});
  e.world.detach(disk);
  return ok_outcome({RuleId::kX2});
}

}  // namespace paircheck::model::detail
