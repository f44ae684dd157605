// Status changes and the background moves S1-S6 (creating -> created, syncs, normal <-> syncing,
// stopping/failovering/deleting/reprotecting ending, *_failed with async_failures), and the O10
// progress bookkeeping that rides on them. Applied lazily: settle() before each request.
#pragma once

#include <cstdint>
#include <random>

#include "emulator/faults.hpp"
#include "emulator/service.hpp"
#include "emulator/state.hpp"

namespace paircheck::emulator {

class Lifecycle {
 public:
  Lifecycle(const ServiceConfig& config, const FaultSet& faults, int64_t epoch_unix);

  // Every status change goes through here: schedules the status's own end (S) and keeps the
  // sync/progress fields (O10) right. `now` is clock seconds.
  void enter(Pair& pair, PairStatus status, double now);

  // Applies every background move due at or before `now`, in time order per pair.
  void settle(World& world, double now);

  // O10: 0-100, restarts at each sync, frozen when a sync is interrupted.
  int progress(const Pair& pair, double now) const;

  std::mt19937_64& rng() { return rng_; }

 private:
  void finish(Pair& pair, double at);  // the current status ends on its own at `at`
  void fast_forward_cycle(Pair& pair, double now);
  double transient_duration();

  const ServiceConfig& config_;
  const FaultSet& faults_;
  int64_t epoch_;
  double cycle_;
  std::mt19937_64 rng_;
};

bool is_sync_status(PairStatus status);  // initial_syncing, manual_syncing, syncing

}  // namespace paircheck::emulator
