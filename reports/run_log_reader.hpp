// Reads a run log (harness/run_log.hpp, "paircheck-run-log/1") one line at a time, so that a log
// of a million requests never sits in memory. A torn last line (a killed run) is reported, not
// fatal; anything else that is not a run log throws model::UsageError naming the file and line.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace paircheck::reports {

class RunLogHandler {
 public:
  virtual ~RunLogHandler() = default;
  // One parsed line; `type` is its "type" field. The handler may move parts out of `line`. A
  // nlohmann::json exception thrown here (a field of the wrong type) becomes a UsageError naming
  // the line.
  virtual void on_line(const std::string& type, nlohmann::json& line) = 0;
};

struct RunLogEnd {
  std::uint64_t lines = 0;      // lines handed to the handler
  bool torn_last_line = false;  // the last line was not valid JSON: the run was cut off
};

RunLogEnd read_run_log(const std::string& path, RunLogHandler& handler);

}  // namespace paircheck::reports
