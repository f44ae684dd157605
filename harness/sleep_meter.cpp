#include "harness/sleep_meter.hpp"

#include <thread>

namespace paircheck::harness {
namespace {

thread_local SleepMeter* current = nullptr;

std::int64_t to_ms(SleepMeter::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

SleepMeter::Client::Client(SleepMeter& meter) : meter_(meter), previous_(current) {
  current = &meter_;
  std::lock_guard lock(meter_.mutex_);
  meter_.change(+1, 0);
}

SleepMeter::Client::~Client() {
  {
    std::lock_guard lock(meter_.mutex_);
    meter_.change(-1, 0);
  }
  current = previous_;
}

SleepMeter::Away::Away() : meter_(current) {
  if (meter_ == nullptr) return;
  std::lock_guard lock(meter_->mutex_);
  meter_->change(-1, 0);
}

SleepMeter::Away::~Away() {
  if (meter_ == nullptr) return;
  std::lock_guard lock(meter_->mutex_);
  meter_->change(+1, 0);
}

void SleepMeter::change(int active, int asleep) {
  active_ += active;
  asleep_ += asleep;
  const bool all = active_ > 0 && asleep_ >= active_;
  if (all == all_asleep_) return;
  const Clock::time_point now = Clock::now();
  if (all) {
    since_ = now;
  } else {
    total_ += now - since_;
  }
  all_asleep_ = all;
}

void SleepMeter::sleep_for(Clock::duration d) {
  {
    std::lock_guard lock(mutex_);
    change(0, +1);
  }
  std::this_thread::sleep_for(d);
  std::lock_guard lock(mutex_);
  change(0, -1);
}

std::int64_t SleepMeter::asleep_ms() const {
  std::lock_guard lock(mutex_);
  return to_ms(total_ + (all_asleep_ ? Clock::now() - since_ : Clock::duration{}));
}

std::int64_t SleepMeter::wall_ms() const { return to_ms(Clock::now() - start_); }

void sleep_for(std::chrono::duration<double> seconds) {
  if (seconds.count() <= 0) return;
  const auto d = std::chrono::duration_cast<SleepMeter::Clock::duration>(seconds);
  if (current != nullptr) {
    current->sleep_for(d);
  } else {
    std::this_thread::sleep_for(d);
  }
}

}  // namespace paircheck::harness
