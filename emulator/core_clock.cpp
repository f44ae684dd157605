// The emulator's time (see clock.hpp).
#include "emulator/clock.hpp"

#include <cmath>

namespace paircheck::emulator {

Clock::Clock(ClockMode mode, int64_t epoch_unix)
    : mode_(mode),
      epoch_(epoch_unix != 0 ? epoch_unix : wall_unix_now()),
      start_(std::chrono::steady_clock::now()) {}

double Clock::now() const {
  if (mode_ == ClockMode::kVirtual) return virtual_now_;
  const auto elapsed = std::chrono::steady_clock::now() - start_;
  return std::chrono::duration<double>(elapsed).count();
}

int64_t Clock::unix_at(double clock_seconds) const {
  return epoch_ + static_cast<int64_t>(std::floor(clock_seconds));
}

int64_t wall_unix_now() {
  using std::chrono::system_clock;
  return std::chrono::duration_cast<std::chrono::seconds>(system_clock::now().time_since_epoch())
      .count();
}

}  // namespace paircheck::emulator
