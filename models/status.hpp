// The 19 pair statuses of contract §5 (S), transient ones, and a small set type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paircheck::model {

enum class PairStatus : std::uint8_t {
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
  kInvalid,
};
inline constexpr int kStatusCount = 19;

std::string_view to_string(PairStatus s);
std::optional<PairStatus> parse_status(std::string_view name);
// creating initial_syncing manual_syncing syncing stopping failovering reprotecting deleting (§5).
bool is_transient(PairStatus s);
// create_failed stop_failed failover_failed reprotect_failed delete_failed invalid (S6).
bool is_failure(PairStatus s);
std::vector<PairStatus> all_statuses();

// A set of statuses (bit i = status i).
class PairStatusSet {
 public:
  PairStatusSet() = default;
  PairStatusSet(std::initializer_list<PairStatus> list) {
    for (PairStatus s : list) insert(s);
  }
  void insert(PairStatus s) { bits_ |= bit(s); }
  void erase(PairStatus s) { bits_ &= ~bit(s); }
  bool contains(PairStatus s) const { return (bits_ & bit(s)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::uint32_t bits() const { return bits_; }
  std::vector<PairStatus> list() const;
  std::string to_string() const;  // "created stopped"
  PairStatusSet& operator|=(PairStatusSet o) {
    bits_ |= o.bits_;
    return *this;
  }
  friend bool operator==(PairStatusSet, PairStatusSet) = default;

 private:
  static std::uint32_t bit(PairStatus s) { return 1u << static_cast<unsigned>(s); }
  std::uint32_t bits_ = 0;
};

}  // namespace paircheck::model
