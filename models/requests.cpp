#include "models/requests.hpp"

#include <algorithm>

namespace paircheck::model::requests {
namespace {

Request base(std::string action, std::string_view version) {
  Request r;
  r.action = std::move(action);
  r.envelope.version = std::string(version);
  return r;
}

void opt(Request& r, const char* name, const std::optional<std::string>& v) {
  if (v) r.params.emplace_back(name, *v);
}

void opt_bool(Request& r, const char* name, std::optional<bool> v) {
  if (v) r.params.emplace_back(name, *v ? "true" : "false");
}

Request pair_op(const char* action, const std::string& region, const std::string& pair,
                const std::optional<std::string>& token) {
  Request r = base(action, kEbsVersion);
  r.params = {{"RegionId", region}, {"ReplicaPairId", pair}};
  opt(r, "ClientToken", token);
  return r;
}

}  // namespace

Request create(const CreateArgs& a) {
  Request r = base("CreateDiskReplicaPair", kEbsVersion);
  r.params = {{"RegionId", a.region},
              {"SourceZoneId", a.zone},
              {"DiskId", a.disk},
              {"DestinationRegionId", a.dest_region},
              {"DestinationZoneId", a.dest_zone},
              {"DestinationDiskId", a.dest_disk}};
  opt(r, "PairName", a.name);
  opt(r, "Description", a.description);
  opt(r, "ClientToken", a.token);
  return r;
}

Request start(const std::string& region, const std::string& pair, std::optional<bool> one_shot,
              const std::optional<std::string>& token) {
  Request r = pair_op("StartDiskReplicaPair", region, pair, token);
  opt_bool(r, "OneShot", one_shot);
  return r;
}

Request stop(const std::string& region, const std::string& pair,
             const std::optional<std::string>& token) {
  return pair_op("StopDiskReplicaPair", region, pair, token);
}

Request failover(const std::string& region, const std::string& pair,
                 const std::optional<std::string>& token) {
  return pair_op("FailoverDiskReplicaPair", region, pair, token);
}

Request reprotect(const std::string& region, const std::string& pair, std::optional<bool> reverse,
                  const std::optional<std::string>& token) {
  Request r = pair_op("ReprotectDiskReplicaPair", region, pair, token);
  opt_bool(r, "ReverseReplicate", reverse);
  return r;
}

Request remove(const std::string& region, const std::string& pair,
               const std::optional<std::string>& token) {
  return pair_op("DeleteDiskReplicaPair", region, pair, token);
}

Request modify(const std::string& region, const std::string& pair,
               const std::optional<std::string>& name, const std::optional<std::string>& token) {
  Request r = pair_op("ModifyDiskReplicaPair", region, pair, token);
  opt(r, "PairName", name);
  return r;
}

Request describe(const std::string& region, const std::optional<std::string>& site) {
  Request r = base("DescribeDiskReplicaPairs", kEbsVersion);
  r.params = {{"RegionId", region}};
  opt(r, "Site", site);
  return r;
}

Request progress(const std::string& region, const std::string& pair) {
  return pair_op("DescribeDiskReplicaPairProgress", region, pair, std::nullopt);
}

Request attach(const std::string& instance, const std::string& disk) {
  Request r = base("AttachDisk", kEcsVersion);
  r.params = {{"InstanceId", instance}, {"DiskId", disk}};
  return r;
}

Request detach(const std::string& instance, const std::string& disk) {
  Request r = base("DetachDisk", kEcsVersion);
  r.params = {{"InstanceId", instance}, {"DiskId", disk}};
  return r;
}

Request& set_param(Request& r, const std::string& name, const std::string& value) {
  erase_param(r, name);
  r.params.emplace_back(name, value);
  return r;
}

Request& erase_param(Request& r, const std::string& name) {
  std::erase_if(r.params, [&](const auto& kv) { return kv.first == name; });
  return r;
}

Request& at(Request& r, std::int64_t ms) {
  r.time = TimeInterval{ms, ms};
  return r;
}

}  // namespace paircheck::model::requests
