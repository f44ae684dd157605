#include "harness/pair_budget.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "harness/sleep_meter.hpp"

namespace paircheck::harness {

std::size_t max_pairs(const model::Universe& universe) {
  std::map<std::string, std::size_t> per_region;
  for (const model::DiskFixture& d : universe.disks) ++per_region[d.region_id];
  std::size_t largest = 0;
  for (const auto& [region, n] : per_region) largest = std::max(largest, n);
  const std::size_t disks = universe.disks.size();
  return std::min(disks / 2, disks - largest);
}

std::size_t creates_in(const Sequence& sequence) {
  std::size_t n = 0;
  for (const Step& step : sequence) {
    if (step.kind == Step::Kind::kCall && step.request.action == "CreateDiskReplicaPair") ++n;
    if (step.kind != Step::Kind::kRace) continue;
    for (const model::Request& r : step.racing) n += r.action == "CreateDiskReplicaPair" ? 1 : 0;
  }
  return n;
}

bool PairBudget::acquire(std::size_t units, const std::atomic<bool>* stop) {
  units = std::min(units, capacity_);
  if (units == 0) return true;
  const SleepMeter::Away away;  // waiting on the other clients, not asleep of its own
  std::unique_lock lock(mutex_);
  while (free_ < units) {
    if (stop != nullptr && stop->load()) return false;
    // A stop is raised without a notify (Ctrl-C, another client's finding): look every 50 ms.
    freed_.wait_for(lock, std::chrono::milliseconds(50));
  }
  if (stop != nullptr && stop->load()) return false;
  free_ -= units;
  return true;
}

void PairBudget::release(std::size_t units) {
  {
    std::lock_guard lock(mutex_);
    free_ = std::min(capacity_, free_ + std::min(units, capacity_));
  }
  freed_.notify_all();
}

}  // namespace paircheck::harness
