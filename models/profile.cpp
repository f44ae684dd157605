#include "models/profile.hpp"

#include <algorithm>

#include "models/error_catalogue.hpp"

namespace paircheck::model {
namespace {

using S = PairStatus;

// An ErrorSpec whose HTTP statuses are the catalogue's for its codes.
ErrorSpec spec(std::vector<std::string> codes) {
  ErrorSpec s;
  for (const std::string& c : codes) {
    for (int h : catalogue_statuses(c)) {
      if (std::find(s.http.begin(), s.http.end(), h) == s.http.end()) s.http.push_back(h);
    }
  }
  std::sort(s.http.begin(), s.http.end());
  s.codes = std::move(codes);
  return s;
}

}  // namespace

std::string_view check_name(Check c) {
  switch (c) {
    case Check::kExistence:
      return "existence";
    case Check::kSite:
      return "site";
    case Check::kStatus:
      return "status";
    case Check::kDevices:
      return "devices";
    case Check::kCooldown:
      return "cooldown";
  }
  return "?";
}

const ErrorSpec& Profile::error(std::string_view key) const {
  static const ErrorSpec kNothing;
  auto it = errors.find(key);
  return it == errors.end() ? kNothing : it->second;
}

Profile default_profile() {
  Profile p;
  auto& e = p.errors;
  e["G1"] = spec({"UnsupportedHTTPMethod"});
  e["W1.path"] = spec({"InvalidApi.NotFound"});
  e["W1.format"] = spec({"InvalidParameter.Format"});
  e["W1.decode"] = spec({"InvalidParameter"});
  e["G2"] = spec({"IncompleteSignature", "MissingSignature", "MissingAccessKeyId"});
  e["G3"] = spec({"InvalidAccessKeyId.NotFound"});
  e["G4"] = spec({"InvalidSignatureMethod"});
  e["G5"] = spec({"InvalidTimeStamp.Format"});
  e["G6"] = spec({"InvalidTimeStamp.Expired"});
  e["G7"] = spec({"SignatureDoesNotMatch"});
  e["G8"] = spec({"SignatureNonceUsed"});
  e["G9"] = spec({"InvalidAction.NotFound", "InvalidApi.NotFound"});
  e["G10"] = spec({"InvalidVersion", "NoSuchVersion"});
  e["G11"] = spec({"Forbidden.Action", "Forbidden"});
  e["P1"] = spec({"MissingParameter", "Missing<Name>"});
  e["P2"] = spec({"InvalidParameter", "Invalid<Name>", "InvalidParameter.Format"});
  e["P3"] = spec({"InvalidClientToken.ValueNotSupported", "InvalidParameter"});
  e["P4"] = spec({"InvalidParameter"});  // used only when overrides.P4.ignore_unknown is false
  e["I2"] = spec({"IdempotentParameterMismatch"});
  e["I6"] = spec({"LastTokenProcessing"});
  e["O0.not_found"] = spec({"NoSuchResource"});
  e["O0.invalid_status"] = spec({"OperationDenied.InvalidStatus"});
  e["O1.disk_not_found"] = spec({"NoSuchResource"});
  e["O1.invalid"] = spec({"InvalidParameter"});
  e["O1.disk_in_pair"] = spec({"OperationDenied"});
  e["O2.device"] = spec({"OperationDenied.StandbyDeviceAttached"});
  e["O3.cooldown"] = spec({"OperationDenied.ManualSyncLimit"});
  e["O5.site"] = spec({"OperationDenied.OperateNotAllowedForPrimary"});
  e["O6.site"] = spec({"OperationDenied.OperateNotAllowedForPrimary"});
  e["O6.device"] = spec({"OperationDenied"});
  e["O7.site"] = spec({"OperationDenied.OperateNotAllowedForStandby"});
  e["O9.next_token"] = spec({"InvalidParameter"});
  e["X1.disk_not_found"] = spec({"InvalidDiskId.NotFound"});
  e["X1.instance_not_found"] = spec({"InvalidInstanceId.NotFound"});
  e["X1.attached"] = spec({"IncorrectDiskStatus"});
  e["X2.disk_not_found"] = spec({"InvalidDiskId.NotFound"});
  e["X2.instance_not_found"] = spec({"InvalidInstanceId.NotFound"});
  e["X2.not_attached"] = spec({"IncorrectDiskStatus"});
  e["X3"] = spec({"IncorrectDiskStatus"});

  p.accepted["O2"] = {S::kCreated, S::kStopped};
  p.accepted["O3"] = {S::kCreated, S::kStopped};
  p.accepted["O4"] = {S::kInitialSyncing, S::kSyncing, S::kManualSyncing, S::kNormal};
  p.accepted["O5"] = {S::kManualSyncing, S::kSyncing,    S::kNormal,        S::kStopping,
                      S::kStopped,       S::kStopFailed, S::kFailoverFailed};
  p.accepted["O6"] = {S::kFailovered};
  p.accepted["O7"] = {S::kStopped, S::kInvalid, S::kFailovered};
  p.accepted["O8"] = {S::kCreated, S::kStopped};
  PairStatusSet any;
  for (PairStatus s : all_statuses()) {
    if (s != S::kDeleted) any.insert(s);
  }
  p.accepted["O10"] = any;
  p.failover_noop = {S::kFailovering, S::kFailovered};
  p.async_failure_of = {{S::kCreating, S::kCreateFailed},
                        {S::kStopping, S::kStopFailed},
                        {S::kFailovering, S::kFailoverFailed},
                        {S::kReprotecting, S::kReprotectFailed},
                        {S::kDeleting, S::kDeleteFailed}};
  p.i2_reject_actions = {"CreateDiskReplicaPair",    "StartDiskReplicaPair",
                         "StopDiskReplicaPair",      "FailoverDiskReplicaPair",
                         "ReprotectDiskReplicaPair", "DeleteDiskReplicaPair",
                         "ModifyDiskReplicaPair"};
  p.o0_order = {Check::kExistence, Check::kSite, Check::kStatus, Check::kDevices, Check::kCooldown};
  p.x3_attachable = {S::kFailovered};
  return p;
}

}  // namespace paircheck::model
