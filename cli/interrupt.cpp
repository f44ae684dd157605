#include "cli/interrupt.hpp"

#include <unistd.h>

#include <csignal>

namespace paircheck::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int /*signal*/) {
  if (g_interrupted.exchange(true)) _exit(130);  // the second Ctrl-C: abort now
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

}  // namespace paircheck::cli
