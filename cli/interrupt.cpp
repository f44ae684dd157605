#include "cli/interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <ctime>

namespace paircheck::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<std::int64_t> g_first_ms{0};  // CLOCK_MONOTONIC of the first signal
std::atomic<pid_t> g_group{0};            // killed on abort (kill_on_abort)
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "used in a signal handler");

std::int64_t monotonic_ms() {  // clock_gettime is async-signal-safe; std::chrono is not said to be
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

extern "C" void on_interrupt(int /*signal*/) {
  const std::int64_t now = monotonic_ms();
  if (g_interrupted.exchange(true)) {
    // One Ctrl-C can arrive twice: `timeout -s INT` signals the child and then its whole process
    // group, and a terminal signals every process of the foreground group. A second signal within
    // half a second is the same interrupt; a later one is the user asking to abort now.
    if (now - g_first_ms.load() >= 500) {
      if (const pid_t group = g_group.load(); group > 0) kill(-group, SIGKILL);
      _exit(130);
    }
    return;
  }
  g_first_ms.store(now);
  constexpr char kLine[] =
      "\npaircheck: interrupted; finishing the request in flight and writing the reports "
      "(Ctrl-C again to abort)\n";
  [[maybe_unused]] const auto written = write(STDERR_FILENO, kLine, sizeof kLine - 1);
}

}  // namespace

const std::atomic<bool>& interrupt_flag() {
  static const bool kInstalled = [] {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
  }();
  (void)kInstalled;
  return g_interrupted;
}

void kill_on_abort(pid_t group) { g_group.store(group); }

}  // namespace paircheck::cli
