#include "harness/transient_watch.hpp"

#include "models/status.hpp"

namespace paircheck::harness {
namespace {

// The profile's key of the statuses an accepted operation may start from (profile.hpp
// `accepted`); "" for calls that do not need one.
std::string accepted_key(const model::Request& request) {
  const std::string& a = request.action;
  if (a == "StartDiskReplicaPair") {
    return model::find_param(request.params, "OneShot").value_or("") == "true" ? "O3" : "O2";
  }
  if (a == "StopDiskReplicaPair") return "O4";
  if (a == "FailoverDiskReplicaPair") return "O5";
  if (a == "ReprotectDiskReplicaPair") return "O6";
  if (a == "DeleteDiskReplicaPair") return "O7";
  if (a == "ModifyDiskReplicaPair") return "O8";
  return "";
}

}  // namespace

bool TransientWatch::seen(const std::string& pair_id, const std::string& status) {
  bool ended = false;
  if (auto it = transient_.find(pair_id); it != transient_.end()) {
    ended = it->second != status;
  }
  const auto parsed = model::parse_status(status);
  if (parsed && model::is_transient(*parsed)) {
    transient_[pair_id] = status;
  } else {
    transient_.erase(pair_id);
  }
  return ended;
}

bool TransientWatch::observe(const model::Request& request, const model::Observed& observed) {
  if (!observed.code.empty() || observed.http_status != 200) return false;
  if (request.action == "CreateDiskReplicaPair") {
    if (!observed.replica_pair_id.empty()) transient_[observed.replica_pair_id] = "creating";  // O1
    return false;
  }
  if (request.action == "DescribeDiskReplicaPairs") {
    bool ended = false;
    for (const model::ObservedPair& p : observed.pairs) {
      ended = seen(p.replica_pair_id, p.status) || ended;
    }
    return ended;
  }
  const std::string key = accepted_key(request);
  const std::string pair_id = model::find_param(request.params, "ReplicaPairId").value_or("");
  const auto it = transient_.find(pair_id);
  if (key.empty() || it == transient_.end()) return false;
  // Accepted: the pair had left the transient status it was last seen in, unless the profile
  // accepts the operation there (Stop from initial_syncing) or makes it a no-op (O5).
  const auto status = model::parse_status(it->second);
  transient_.erase(it);  // its status now is what the operation made of it
  if (!status) return false;
  const auto accepted = profile_.accepted.find(key);
  const bool from_there =
      (accepted != profile_.accepted.end() && accepted->second.contains(*status)) ||
      (key == "O5" && profile_.failover_noop.contains(*status));
  return !from_there;
}

std::string frozen_clock_hint(const std::string& url, double settle_timeout_s) {
  return "no transient status ended in " +
         std::to_string(static_cast<long long>(settle_timeout_s)) + " s on " + url +
         ": is the target on a virtual clock without a control token? (paircheck-emulator "
         "--clock real, or pass --control-token)";
}

}  // namespace paircheck::harness
