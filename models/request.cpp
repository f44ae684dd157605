#include "models/request.hpp"

#include <array>

namespace paircheck::model {
namespace {

constexpr std::array<std::string_view, 11> kActionNames = {"CreateDiskReplicaPair",
                                                           "StartDiskReplicaPair",
                                                           "StopDiskReplicaPair",
                                                           "FailoverDiskReplicaPair",
                                                           "ReprotectDiskReplicaPair",
                                                           "DeleteDiskReplicaPair",
                                                           "ModifyDiskReplicaPair",
                                                           "DescribeDiskReplicaPairs",
                                                           "DescribeDiskReplicaPairProgress",
                                                           "AttachDisk",
                                                           "DetachDisk"};

}  // namespace

Action action_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kActionNames.size(); ++i) {
    if (kActionNames[i] == name) return static_cast<Action>(i);
  }
  return Action::kUnknown;
}

std::string_view action_name(Action a) {
  auto i = static_cast<std::size_t>(a);
  return i < kActionNames.size() ? kActionNames[i] : std::string_view("Unknown");
}

bool takes_client_token(Action a) {
  switch (a) {
    case Action::kCreate:
    case Action::kStart:
    case Action::kStop:
    case Action::kFailover:
    case Action::kReprotect:
    case Action::kDelete:
    case Action::kModify:
      return true;
    default:
      return false;
  }
}

bool is_ecs_action(Action a) { return a == Action::kAttachDisk || a == Action::kDetachDisk; }

std::optional<std::string> find_param(const Params& params, std::string_view name) {
  std::optional<std::string> out;
  for (const auto& [k, v] : params) {
    if (k == name) out = v;
  }
  return out;
}

}  // namespace paircheck::model
