// Reads a run log ("paircheck-run-log/3", and /2 and /1) one line at a time into typed events, so
// that a log of a million requests never sits in memory. A torn last line (a killed run) is
// reported, not fatal; anything else that is not a run log throws model::UsageError naming the file
// and line.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "events/run_events.hpp"

namespace paircheck::reports {

struct RunLogEnd {
  std::uint64_t lines = 0;      // lines handed to the handler
  bool torn_last_line = false;  // the last line was not valid JSON: the run was cut off
};

// Each line becomes an event for `handler`; a line of the wrong shape is a UsageError naming it.
RunLogEnd read_run_log(const std::string& path, events::Handler& handler);

}  // namespace paircheck::reports
