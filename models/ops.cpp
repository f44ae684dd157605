// O1-O8 (contract §6): Create and the pair operations, their checks in O0 order, and their results.
#include <algorithm>

#include "models/step_internal.hpp"

namespace paircheck::model::detail {
namespace {

enum class Tri : std::uint8_t { kNo, kYes, kMaybe };

// O3: is the pair still inside the cooldown of its last accepted OneShot start?
Tri in_cooldown(const Pair& p, const Request& r, const Profile& prof) {
  if (!p.last_oneshot) return Tri::kNo;
  // +1 ms: the harness reads its clock in whole milliseconds.
  std::int64_t tol = r.time.is_point() ? 0 : prof.time_skew_tolerance_s * 1000 + 1;
  std::int64_t max_elapsed = r.time.received_ms - p.last_oneshot->lo + tol;
  std::int64_t min_elapsed = r.time.sent_ms - p.last_oneshot->hi - tol;
  if (max_elapsed < prof.cooldown_ms()) return Tri::kYes;
  if (min_elapsed >= prof.cooldown_ms()) return Tri::kNo;
  return Tri::kMaybe;
}

}  // namespace

RuleId op_rule(Action a, const Params& params) {
  switch (a) {
    case Action::kCreate:
      return RuleId::kO1;
    case Action::kStart:
      return bool_param(params, "OneShot").value_or(false) ? RuleId::kO3 : RuleId::kO2;
    case Action::kStop:
      return RuleId::kO4;
    case Action::kFailover:
      return RuleId::kO5;
    case Action::kReprotect:
      return RuleId::kO6;
    case Action::kDelete:
      return RuleId::kO7;
    case Action::kModify:
      return RuleId::kO8;
    case Action::kDescribe:
      return RuleId::kO9;
    case Action::kProgress:
      return RuleId::kO10;
    case Action::kAttachDisk:
      return RuleId::kX1;
    case Action::kDetachDisk:
      return RuleId::kX2;
    case Action::kUnknown:
      break;
  }
  return RuleId::kG9;
}

bool existence_holds(const World& world, Action a, const Params& params, const Universe& universe) {
  if (a == Action::kCreate) {
    return universe.disk(str_param(params, "DiskId").value_or("")) != nullptr &&
           universe.disk(str_param(params, "DestinationDiskId").value_or("")) != nullptr;
  }
  const std::string region = str_param(params, "RegionId").value_or("");
  const Pair* p = world.pair(str_param(params, "ReplicaPairId").value_or(""));
  return p != nullptr && p->status != PairStatus::kDeleted &&
         (region == p->source.region || region == p->destination.region);
}

Outcome step_create(Eval& e, const std::optional<std::string>& token) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const Universe& u = e.ctx.universe;
  std::string region = *str_param(ps, "RegionId"), zone = *str_param(ps, "SourceZoneId");
  std::string disk = *str_param(ps, "DiskId");
  std::string dregion = *str_param(ps, "DestinationRegionId");
  std::string dzone = *str_param(ps, "DestinationZoneId");
  std::string ddisk = *str_param(ps, "DestinationDiskId");
  const DiskFixture* src = u.disk(disk);
  const DiskFixture* dst = u.disk(ddisk);
  for (Check c : prof.o0_order) {
    switch (c) {
      case Check::kExistence:
        if (src == nullptr || dst == nullptr) {
          return error_outcome(prof, "O1.disk_not_found", {RuleId::kO1, RuleId::kO0});
        }
        if (token && !prof.i4_before_lookup) {
          if (auto o = check_token(e, Action::kCreate, *token)) return *o;
        }
        break;
      case Check::kSite:  // §11 O1: regions and zones must match their disks and differ
        if (src == nullptr || dst == nullptr) break;
        if (region != src->region_id || zone != src->zone_id || dregion != dst->region_id ||
            dzone != dst->zone_id || src->region_id == dst->region_id) {
          return error_outcome(prof, "O1.invalid", {RuleId::kO1, RuleId::kO0});
        }
        break;
      case Check::kStatus:  // neither disk in a live pair
        if (e.world.live_pair_with_disk(disk) != nullptr ||
            e.world.live_pair_with_disk(ddisk) != nullptr) {
          return error_outcome(prof, "O1.disk_in_pair", {RuleId::kO1, RuleId::kO0});
        }
        break;
      case Check::kDevices:
      case Check::kCooldown:
        break;
    }
  }
  Pair p;
  p.id = std::string(kNewPairId);
  p.status = PairStatus::kCreating;
  p.name = str_param(ps, "PairName").value_or("");
  p.description = str_param(ps, "Description").value_or("");
  p.resource_group = str_param(ps, "ResourceGroupId").value_or("");
  p.source = {region, zone, disk};
  p.destination = {dregion, dzone, ddisk};
  p.primary_region = region;
  p.primary_zone = zone;
  p.standby_region = dregion;
  p.standby_zone = dzone;
  p.rpo = int_param(ps, "RPO").value_or(900);
  p.bandwidth = int_param(ps, "Bandwidth").value_or(10240);
  p.charge_type = str_param(ps, "ChargeType").value_or("POSTPAY");
  e.world.put_pair(std::move(p));
  Outcome o = ok_outcome({RuleId::kO1});
  o.body = BodyKind::kCreate;
  o.pair_id = std::string(kNewPairId);
  return o;
}

Outcome step_pair_op(Eval& e, Action a, const std::optional<std::string>& token) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const RuleId rule = op_rule(a, ps);
  const std::string key(to_string(rule));  // profile keys
  const std::string region = *str_param(ps, "RegionId");
  const std::string id = *str_param(ps, "ReplicaPairId");
  const Pair* found = e.world.pair(id);
  const bool exists = existence_holds(e.world, a, ps, e.ctx.universe);
  bool noop = false;
  for (Check c : prof.o0_order) {
    if (c != Check::kExistence && !exists) continue;  // existence fails whatever the order
    switch (c) {
      case Check::kExistence:
        if (!exists) return error_outcome(prof, "O0.not_found", {rule, RuleId::kO0});
        if (token && !prof.i4_before_lookup) {
          if (auto o = check_token(e, a, *token)) return *o;
          found = e.world.pair(id);
        }
        break;
      case Check::kSite:
        if ((a == Action::kFailover || a == Action::kReprotect) &&
            region != found->destination.region) {
          return error_outcome(prof, key + ".site", {rule, RuleId::kO0});
        }
        if (a == Action::kDelete && region != found->source.region) {
          return error_outcome(prof, key + ".site", {rule, RuleId::kO0});
        }
        break;
      case Check::kStatus: {
        if (a == Action::kFailover && prof.failover_noop.contains(found->status)) {
          noop = true;
          break;
        }
        auto it = prof.accepted.find(key);
        if (it == prof.accepted.end() || !it->second.contains(found->status)) {
          return error_outcome(prof, "O0.invalid_status", {rule, RuleId::kO0});
        }
        break;
      }
      case Check::kDevices:
        if (a == Action::kStart && e.world.instance_of(found->destination.disk) != nullptr) {
          // O2's device check, which O3 ("as O2") shares: O2 leads for a OneShot start too.
          return error_outcome(prof, "O2.device",
                               rule == RuleId::kO2 ? RuleIds{RuleId::kO2, RuleId::kO0}
                                                   : RuleIds{RuleId::kO2, rule, RuleId::kO0});
        }
        if (a == Action::kReprotect && prof.o6_device_check &&
            e.world.instance_of(found->source.disk) != nullptr) {
          return error_outcome(prof, "O6.device", {rule, RuleId::kO0});
        }
        break;
      case Check::kCooldown:
        if (rule == RuleId::kO3) {
          Tri t = in_cooldown(*found, e.request, prof);
          if (t == Tri::kMaybe) e.ambiguous |= kForkO3;
          if (t == Tri::kYes || (t == Tri::kMaybe && (e.forks & kForkO3) != 0)) {
            return error_outcome(prof, "O3.cooldown", {rule, RuleId::kO0});
          }
        }
        break;
    }
  }
  Pair p = *found;
  if (noop) return ok_outcome({rule});
  switch (a) {
    case Action::kStart:
      p.status = rule == RuleId::kO3 ? PairStatus::kManualSyncing : PairStatus::kInitialSyncing;
      p.progress_floor = 0;
      if (rule == RuleId::kO3)
        p.last_oneshot = MsInterval{e.request.time.sent_ms, e.request.time.received_ms};
      break;
    case Action::kStop:
      p.status = PairStatus::kStopping;
      break;
    case Action::kFailover:
      p.status = PairStatus::kFailovering;
      break;
    case Action::kReprotect:
      p.status = PairStatus::kReprotecting;
      if (bool_param(ps, "ReverseReplicate").value_or(true)) std::swap(p.source, p.destination);
      break;
    case Action::kDelete:
      p.status = PairStatus::kDeleting;
      break;
    case Action::kModify:
      if (auto v = str_param(ps, "PairName")) p.name = *v;
      if (auto v = str_param(ps, "Description")) p.description = *v;
      if (auto v = int_param(ps, "RPO")) p.rpo = *v;
      if (auto v = int_param(ps, "Bandwidth")) p.bandwidth = *v;
      break;
    default:
      break;
  }
  e.world.put_pair(std::move(p));
  return ok_outcome({rule});
}

}  // namespace paircheck::model::detail
