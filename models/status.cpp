#include "models/status.hpp"

#include <array>

namespace paircheck::model {
namespace {

constexpr std::array<std::string_view, kStatusCount> kNames = {
    "creating",    "created",    "create_failed",   "initial_syncing", "manual_syncing",
    "syncing",     "normal",     "stopping",        "stopped",         "stop_failed",
    "failovering", "failovered", "failover_failed", "reprotecting",    "reprotect_failed",
    "deleting",    "deleted",    "delete_failed",   "invalid"};

}  // namespace

std::string_view to_string(PairStatus s) { return kNames[static_cast<std::size_t>(s)]; }

std::optional<PairStatus> parse_status(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<PairStatus>(i);
  }
  return std::nullopt;
}

bool is_transient(PairStatus s) {
  switch (s) {
    case PairStatus::kCreating:
    case PairStatus::kInitialSyncing:
    case PairStatus::kManualSyncing:
    case PairStatus::kSyncing:
    case PairStatus::kStopping:
    case PairStatus::kFailovering:
    case PairStatus::kReprotecting:
    case PairStatus::kDeleting:
      return true;
    default:
      return false;
  }
}

bool is_failure(PairStatus s) {
  switch (s) {
    case PairStatus::kCreateFailed:
    case PairStatus::kStopFailed:
    case PairStatus::kFailoverFailed:
    case PairStatus::kReprotectFailed:
    case PairStatus::kDeleteFailed:
    case PairStatus::kInvalid:
      return true;
    default:
      return false;
  }
}

std::vector<PairStatus> all_statuses() {
  std::vector<PairStatus> out;
  out.reserve(kStatusCount);
  for (int i = 0; i < kStatusCount; ++i) out.push_back(static_cast<PairStatus>(i));
  return out;
}

std::vector<PairStatus> PairStatusSet::list() const {
  std::vector<PairStatus> out;
  for (PairStatus s : all_statuses()) {
    if (contains(s)) out.push_back(s);
  }
  return out;
}

std::string PairStatusSet::to_string() const {
  std::string out;
  for (PairStatus s : list()) {
    if (!out.empty()) out += ' ';
    out += model::to_string(s);
  }
  return out;
}

}  // namespace paircheck::model
