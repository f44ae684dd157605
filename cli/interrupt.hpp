// Ctrl-C (SIGINT, and SIGTERM): the first one raises a flag the Session reads (stop generating, let
// the request in flight finish, report what was judged, exit 130); a second one at least 0.5 s
// later exits at once (one sooner is the same interrupt delivered twice, e.g. by `timeout -s INT`).
#pragma once

#include <sys/types.h>

#include <atomic>

namespace paircheck::cli {

// Installs the handler (once) and returns the flag it raises.
const std::atomic<bool>& interrupt_flag();

// A process group the abort (the second Ctrl-C) kills before exiting, so that no child outlives
// paircheck (fuzz: libFuzzer and its workers); 0: none.
void kill_on_abort(pid_t group);

}  // namespace paircheck::cli
