// The pair operations O1-O8 in the O0 order (see operations.hpp).
#include "emulator/operations.hpp"

#include <algorithm>
#include <initializer_list>
#include <random>

#include "emulator/validation.hpp"

namespace paircheck::emulator {
namespace {

bool status_in(PairStatus status, std::initializer_list<PairStatus> accepted) {
  return std::find(accepted.begin(), accepted.end(), status) != accepted.end();
}

std::string random_chars(std::mt19937_64& rng, std::size_t n, std::string_view alphabet) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += alphabet[pick(rng)];
  return out;
}

bool disk_attached(const World& world, const std::string& disk_id) {
  auto it = world.disks.find(disk_id);
  return it != world.disks.end() && !it->second.attached_to.empty();
}

// O1 checks after existence: site, zones, regions differ, disks free.
std::optional<ApiError> check_create(OpContext& ctx, const Disk& src, const Disk& dst) {
  if (ctx.param("RegionId") != src.region) {
    return invalid_parameter("RegionId", "must be the source disk's region");
  }
  if (ctx.param("SourceZoneId") != src.zone) {
    return invalid_parameter("SourceZoneId", "does not match the source disk");
  }
  if (ctx.param("DestinationRegionId") != dst.region) {
    return invalid_parameter("DestinationRegionId", "must be the destination disk's region");
  }
  if (ctx.param("DestinationZoneId") != dst.zone) {
    return invalid_parameter("DestinationZoneId", "does not match the destination disk");
  }
  if (src.region == dst.region) {
    return invalid_parameter("DestinationRegionId", "must differ from the source region");
  }
  if (ctx.world.pair_using_disk(src.id) != nullptr ||
      ctx.world.pair_using_disk(dst.id) != nullptr) {
    return operation_denied("", "The disk is already in a replication pair.");
  }
  return std::nullopt;
}

// The check-then-act fault: the checks passed; the service lock is let go for a while, and the
// operation then acts on the pair as it is by then, without checking again. Null when the pair is
// gone (a reset in between).
Pair* act_on(OpContext& ctx, Pair& checked) {
  if (!ctx.between_check_and_act) return &checked;
  const std::string id = checked.id;
  ctx.between_check_and_act(ctx);
  auto it = ctx.world.pairs.find(id);
  return it == ctx.world.pairs.end() ? nullptr : &it->second;
}

}  // namespace

std::string OpContext::param(std::string_view name) const {
  const std::string* v = protocol::find_param(params, name);
  return v == nullptr ? std::string() : *v;
}

bool OpContext::has(std::string_view name) const {
  const std::string* v = protocol::find_param(params, name);
  return v != nullptr && !v->empty();
}

std::variant<Pair*, ApiError> locate_pair(OpContext& ctx) {
  Pair* pair = ctx.world.find_live_pair(ctx.param("ReplicaPairId"));
  const std::string region = ctx.param("RegionId");
  if (pair == nullptr || (pair->source.region != region && pair->destination.region != region)) {
    return no_such_resource();
  }
  return pair;
}

OpResult create_pair(OpContext& ctx) {
  auto src_it = ctx.world.disks.find(ctx.param("DiskId"));
  auto dst_it = ctx.world.disks.find(ctx.param("DestinationDiskId"));
  if (src_it == ctx.world.disks.end() || dst_it == ctx.world.disks.end()) {
    return OpResult::fail(no_such_resource());
  }
  const Disk& src = src_it->second;
  const Disk& dst = dst_it->second;
  if (auto err = check_create(ctx, src, dst)) return OpResult::fail(*err);

  auto& rng = ctx.lifecycle.rng();
  std::string id;
  do {
    id = "pair-" + src.region + "-" + random_chars(rng, 8, "abcdefghijklmnopqrstuvwxyz0123456789");
  } while (ctx.world.pairs.count(id) != 0);
  Pair pair;
  pair.id = id;
  pair.seq = ctx.world.next_seq++;
  pair.name = ctx.param("PairName");
  pair.description = ctx.param("Description");
  pair.source = {src.region, src.zone, src.id};
  pair.destination = {dst.region, dst.zone, dst.id};
  pair.primary_region = src.region;
  pair.primary_zone = src.zone;
  pair.standby_region = dst.region;
  pair.standby_zone = dst.zone;
  if (ctx.has("RPO")) pair.rpo = parse_integer(ctx.param("RPO")).value_or(900);
  if (ctx.has("Bandwidth")) pair.bandwidth = parse_integer(ctx.param("Bandwidth")).value_or(10240);
  if (ctx.has("ChargeType")) pair.charge_type = ctx.param("ChargeType");
  pair.resource_group_id = ctx.param("ResourceGroupId");
  pair.enable_rtc = ctx.param("EnableRtc") == "true";
  pair.create_time = ctx.unix_now;
  for (const auto& [index, fields] : protocol::collect_object_list(ctx.params, "Tag")) {
    auto key = fields.find("Key");
    if (key == fields.end() || key->second.empty()) continue;
    auto value = fields.find("Value");
    pair.tags.emplace_back(key->second, value == fields.end() ? "" : value->second);
  }
  ctx.lifecycle.enter(pair, PairStatus::kCreating, ctx.now);  // O1 -> S1
  ctx.world.pairs.emplace(id, std::move(pair));
  return OpResult::ok({{"ReplicaPairId", id}, {"OrderId", random_chars(rng, 15, "0123456789")}});
}

OpResult start_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (!status_in(pair.status, {PairStatus::kCreated, PairStatus::kStopped}) &&
      !ctx.faults.has(Fault::kStartIgnoresStatus)) {
    return OpResult::fail(invalid_status());
  }
  if (disk_attached(ctx.world, pair.destination.disk) &&  // O2 devices
      !ctx.faults.has(Fault::kNoStandbyDeviceCheck)) {
    return OpResult::fail({400, "OperationDenied.StandbyDeviceAttached",
                           "The standby disk is attached to an instance."});
  }
  const bool one_shot = ctx.param("OneShot") == "true";
  if (one_shot && pair.last_oneshot_at && !ctx.faults.has(Fault::kNoManualSyncCooldown) &&
      ctx.now - *pair.last_oneshot_at < static_cast<double>(ctx.config.manual_sync_cooldown_s)) {
    return OpResult::fail(operation_denied(  // O3 cooldown
        "ManualSyncLimit", "One-shot synchronization was started too recently; try later."));
  }
  Pair* acting = act_on(ctx, pair);
  if (acting == nullptr) return OpResult::ok();
  if (one_shot) acting->last_oneshot_at = ctx.now;
  ctx.lifecycle.enter(*acting, one_shot ? PairStatus::kManualSyncing : PairStatus::kInitialSyncing,
                      ctx.now);
  return OpResult::ok();
}

OpResult stop_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (!status_in(pair.status, {PairStatus::kInitialSyncing, PairStatus::kSyncing,
                               PairStatus::kManualSyncing, PairStatus::kNormal})) {
    return OpResult::fail(invalid_status());
  }
  if (Pair* acting = act_on(ctx, pair))
    ctx.lifecycle.enter(*acting, PairStatus::kStopping, ctx.now);
  return OpResult::ok();
}

OpResult failover_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (ctx.param("RegionId") != pair.destination.region && !ctx.faults.has(Fault::kNoSiteCheck)) {
    return OpResult::fail(operation_denied("OperateNotAllowedForPrimary",
                                           "The operation is not allowed on the primary site."));
  }
  if (status_in(pair.status, {PairStatus::kFailovering, PairStatus::kFailovered})) {
    return OpResult::ok();  // O5: 200 no-op
  }
  if (!status_in(pair.status, {PairStatus::kManualSyncing, PairStatus::kSyncing,
                               PairStatus::kNormal, PairStatus::kStopping, PairStatus::kStopped,
                               PairStatus::kStopFailed, PairStatus::kFailoverFailed})) {
    return OpResult::fail(invalid_status());
  }
  if (Pair* acting = act_on(ctx, pair)) {
    ctx.lifecycle.enter(*acting, PairStatus::kFailovering, ctx.now);
  }
  return OpResult::ok();
}

OpResult reprotect_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (ctx.param("RegionId") != pair.destination.region && !ctx.faults.has(Fault::kNoSiteCheck)) {
    return OpResult::fail(operation_denied("OperateNotAllowedForPrimary",
                                           "The operation is not allowed on the primary site."));
  }
  if (pair.status != PairStatus::kFailovered) return OpResult::fail(invalid_status());
  if (disk_attached(ctx.world, pair.source.disk)) {  // O6 devices (A)
    return OpResult::fail(operation_denied("", "The source disk must be detached first."));
  }
  const bool reverse = ctx.param("ReverseReplicate") != "false";
  Pair* acting = act_on(ctx, pair);
  if (acting == nullptr) return OpResult::ok();
  if (reverse && !ctx.faults.has(Fault::kReprotectKeepsDirection)) {
    std::swap(acting->source, acting->destination);  // §11 O6: visible at once
  }
  ctx.lifecycle.enter(*acting, PairStatus::kReprotecting, ctx.now);
  return OpResult::ok();
}

OpResult delete_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (ctx.param("RegionId") != pair.source.region && !ctx.faults.has(Fault::kNoSiteCheck)) {
    return OpResult::fail(operation_denied("OperateNotAllowedForStandby",
                                           "The operation is not allowed on the standby site."));
  }
  if (!status_in(pair.status,
                 {PairStatus::kStopped, PairStatus::kInvalid, PairStatus::kFailovered})) {
    return OpResult::fail(invalid_status());
  }
  if (Pair* acting = act_on(ctx, pair))
    ctx.lifecycle.enter(*acting, PairStatus::kDeleting, ctx.now);
  return OpResult::ok();
}

OpResult modify_pair(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  Pair& pair = *std::get<Pair*>(located);
  if (!status_in(pair.status, {PairStatus::kCreated, PairStatus::kStopped})) {
    return OpResult::fail(invalid_status());
  }
  if (ctx.has("PairName")) pair.name = ctx.param("PairName");
  if (ctx.has("Description")) pair.description = ctx.param("Description");
  if (ctx.has("RPO")) pair.rpo = parse_integer(ctx.param("RPO")).value_or(pair.rpo);
  if (ctx.has("Bandwidth")) {
    pair.bandwidth = parse_integer(ctx.param("Bandwidth")).value_or(pair.bandwidth);
  }
  if (ctx.has("EnableRtc")) pair.enable_rtc = ctx.param("EnableRtc") == "true";
  return OpResult::ok();
}

}  // namespace paircheck::emulator
