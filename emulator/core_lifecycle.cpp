// Status changes and background moves S1-S6 (see lifecycle.hpp).
#include "emulator/lifecycle.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace paircheck::emulator {

bool is_sync_status(PairStatus status) {
  return status == PairStatus::kInitialSyncing || status == PairStatus::kManualSyncing ||
         status == PairStatus::kSyncing;
}

Lifecycle::Lifecycle(const ServiceConfig& config, const FaultSet& faults, int64_t epoch_unix)
    : config_(config),
      faults_(faults),
      epoch_(epoch_unix),
      cycle_(std::max(config.sync_cycle_s, 0.001)),
      rng_(config.seed) {}

double Lifecycle::transient_duration() {
  const double lo = std::max(0.0, config_.transient_min_s);
  const double hi = std::max(lo, config_.transient_max_s);
  if (hi <= lo) return lo;
  return std::uniform_real_distribution<double>(lo, hi)(rng_);
}

void Lifecycle::enter(Pair& pair, PairStatus status, double now) {
  if (pair.in_sync && !is_sync_status(status)) {  // O10: an interrupted sync freezes its progress
    pair.frozen_progress = progress(pair, now);
    pair.in_sync = false;
  }
  pair.status = status;
  pair.move_at.reset();
  switch (status) {
    case PairStatus::kNormal:
    case PairStatus::kSyncing:
      pair.move_at = now + cycle_;  // S2
      break;
    case PairStatus::kStopping:
      if (faults_.has(Fault::kStopNeverCompletes)) break;
      pair.move_at = now + transient_duration();
      break;
    case PairStatus::kCreating:
    case PairStatus::kInitialSyncing:
    case PairStatus::kManualSyncing:
    case PairStatus::kFailovering:
    case PairStatus::kReprotecting:
    case PairStatus::kDeleting:
      pair.move_at = now + transient_duration();
      break;
    default:
      break;
  }
  if (is_sync_status(status)) {
    pair.in_sync = true;
    pair.sync_start = now;
    pair.sync_end = pair.move_at.value_or(now);
  }
}

void Lifecycle::finish(Pair& pair, double at) {
  const bool may_fail =
      config_.async_failures && std::uniform_real_distribution<double>(0.0, 1.0)(rng_) <
                                    config_.async_failure_probability;  // S6
  PairStatus next = pair.status;
  switch (pair.status) {
    case PairStatus::kCreating:  // S1
      next = may_fail ? PairStatus::kCreateFailed : PairStatus::kCreated;
      break;
    case PairStatus::kInitialSyncing:  // S2
    case PairStatus::kSyncing:
      next = PairStatus::kNormal;
      break;
    case PairStatus::kNormal:
      next = PairStatus::kSyncing;
      break;
    case PairStatus::kManualSyncing:  // S3
      next = PairStatus::kStopped;
      break;
    case PairStatus::kStopping:  // S4
      next = may_fail ? PairStatus::kStopFailed : PairStatus::kStopped;
      break;
    case PairStatus::kFailovering:
      next = may_fail ? PairStatus::kFailoverFailed : PairStatus::kFailovered;
      break;
    case PairStatus::kDeleting:
      next = may_fail ? PairStatus::kDeleteFailed : PairStatus::kDeleted;
      break;
    case PairStatus::kReprotecting:  // S5
      next = may_fail ? PairStatus::kReprotectFailed : PairStatus::kStopped;
      break;
    default:
      pair.move_at.reset();
      return;
  }
  if (is_sync_status(pair.status)) {  // a completed sync: O10 recover point
    pair.recover_point =
        std::max(pair.recover_point, epoch_ + static_cast<int64_t>(std::floor(at)));
    pair.frozen_progress = 100;
    pair.in_sync = false;
  }
  enter(pair, next, at);
}

// S2 forever: skip whole normal+syncing cycles arithmetically instead of one move at a time.
void Lifecycle::fast_forward_cycle(Pair& pair, double now) {
  const double at = *pair.move_at;
  const double whole = std::floor((now - at) / (2 * cycle_)) - 1;
  if (whole < 1) return;
  const double moved = at + whole * 2 * cycle_;
  pair.move_at = moved;
  if (pair.status == PairStatus::kNormal) {  // this normal began when the last sync ended
    pair.recover_point = epoch_ + static_cast<int64_t>(std::floor(moved - cycle_));
  } else {
    pair.sync_start = moved - cycle_;
    pair.sync_end = moved;
    pair.recover_point = epoch_ + static_cast<int64_t>(std::floor(moved - 2 * cycle_));
  }
}

void Lifecycle::settle(World& world, double now) {
  // A deleted pair answers like an unknown ID everywhere (O0 existence, O9, O10), so it is dropped
  // and a long run holds only the live pairs. Two faults still need it: deleted-pairs-listed lists
  // it, and check-then-act may act on it after it was deleted between check and act.
  const bool keep_deleted =
      faults_.has(Fault::kDeletedPairsListed) || faults_.has(Fault::kCheckThenAct);
  for (auto it = world.pairs.begin(); it != world.pairs.end();) {
    Pair& pair = it->second;
    while (pair.move_at && *pair.move_at <= now) {
      if (pair.status == PairStatus::kNormal || pair.status == PairStatus::kSyncing) {
        fast_forward_cycle(pair, now);
      }
      finish(pair, *pair.move_at);
    }
    it = pair.status == PairStatus::kDeleted && !keep_deleted ? world.pairs.erase(it)
                                                              : std::next(it);
  }
}

int Lifecycle::progress(const Pair& pair, double now) const {
  if (!pair.in_sync) return pair.frozen_progress;
  const double span = pair.sync_end - pair.sync_start;
  if (span <= 0) return 99;
  const double done = std::floor(100.0 * (now - pair.sync_start) / span);
  return static_cast<int>(std::clamp(done, 0.0, 99.0));
}

}  // namespace paircheck::emulator
