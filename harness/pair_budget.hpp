// --max-live-pairs (issue 12 item 7): at most N replication pairs of the run on the account at
// once. A counting semaphore in units of pairs: before a sequence, its client takes as many units
// as the sequence can create pairs (its Create calls, at most as many as its disks can form at
// once, max_pairs); it gives them back once the sequence's cleanup has confirmed its pairs gone.
// No client ever holds units while waiting for more, and no client needs more than N (the run is
// refused when a lease's disks can form more pairs than N), so no wait lasts for ever.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>

#include "harness/sequence.hpp"
#include "models/universe.hpp"

namespace paircheck::harness {

// The most replica pairs these disks can form at once (O1: the two disks of a pair are in
// different regions, and a disk is in at most one live pair): a largest matching of disks across
// regions, min(disks / 2, disks outside the largest region).
std::size_t max_pairs(const model::Universe& universe);

// How many pairs `sequence` can create: its CreateDiskReplicaPair calls (race steps included).
std::size_t creates_in(const Sequence& sequence);

class PairBudget {
 public:
  explicit PairBudget(std::size_t capacity) : free_(capacity), capacity_(capacity) {}

  // Blocks until `units` (<= capacity) are free and takes them; false when `stop` was raised
  // first (nothing taken).
  bool acquire(std::size_t units, const std::atomic<bool>* stop);
  void release(std::size_t units);
  std::size_t capacity() const { return capacity_; }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t free_;
  const std::size_t capacity_;
};

}  // namespace paircheck::harness
