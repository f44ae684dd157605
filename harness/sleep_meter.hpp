// How long a run spent asleep with nothing in flight (issue 12 item 1). Every place paircheck
// sleeps on a real clock (a wait slice, cleanup's pause, the nemesis delay) calls
// harness::sleep_for, which reports to the meter of the calling client's thread. The meter counts
// the wall time during which EVERY active client is asleep: a client that has finished leaves the
// set, and a client blocked on other clients (Away: waiting for --max-live-pairs room) is out of
// the set while it waits, so a wait on others' sleeping counts as asleep and a wait on others'
// requests does not.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace paircheck::harness {

class SleepMeter {
 public:
  using Clock = std::chrono::steady_clock;
  SleepMeter() : start_(Clock::now()) {}
  SleepMeter(const SleepMeter&) = delete;
  SleepMeter& operator=(const SleepMeter&) = delete;

  // A client of the run on this thread, from construction to destruction: its sleeps (through
  // harness::sleep_for) are this meter's. One per thread at a time; they nest (the inner wins).
  class Client {
   public:
    explicit Client(SleepMeter& meter);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

   private:
    SleepMeter& meter_;
    SleepMeter* previous_;
  };

  // The calling thread's client steps out of the set while it waits for the others (no-op on a
  // thread without a client).
  class Away {
   public:
    Away();
    ~Away();
    Away(const Away&) = delete;
    Away& operator=(const Away&) = delete;

   private:
    SleepMeter* meter_;
  };

  // Sleeps for `d` as the calling thread's client (a thread with no client just sleeps).
  void sleep_for(Clock::duration d);

  std::int64_t asleep_ms() const;  // so far, every active client asleep at once
  std::int64_t wall_ms() const;    // since construction

 private:
  void change(int active, int asleep);  // under mutex_

  const Clock::time_point start_;
  mutable std::mutex mutex_;
  int active_ = 0, asleep_ = 0;
  bool all_asleep_ = false;
  Clock::time_point since_{};
  Clock::duration total_{};
};

// The one way paircheck sleeps on a real clock: through the meter of this thread's client.
void sleep_for(std::chrono::duration<double> seconds);

}  // namespace paircheck::harness
