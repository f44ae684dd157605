// The emulator's time (S1-S6, O3, O10): virtual (moves only when told to) or real (steady clock).
// Clock seconds count from the service's start; Unix time = epoch + clock seconds.
#pragma once

#include <chrono>
#include <cstdint>

#include "emulator/service.hpp"

namespace paircheck::emulator {

class Clock {
 public:
  Clock(ClockMode mode, int64_t epoch_unix);
  double now() const;
  int64_t unix_at(double clock_seconds) const;
  int64_t unix_now() const { return unix_at(now()); }
  ClockMode mode() const { return mode_; }
  int64_t epoch() const { return epoch_; }
  // Virtual clock only; the caller checks the mode and the amount.
  void advance(double seconds) { virtual_now_ += seconds; }

 private:
  ClockMode mode_;
  int64_t epoch_;
  double virtual_now_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// Wall-clock Unix seconds: the gateway's time for G6/G8 in both modes (clients sign with it).
int64_t wall_unix_now();

}  // namespace paircheck::emulator
