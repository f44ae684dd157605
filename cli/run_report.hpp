#pragma once
// What `paircheck run` prints and files beside the run log: the terminal progress line, the
// closing summary, and one replay file per distinct failure.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "properties/search.hpp"

namespace paircheck::cli {

// Per rule ID: how often a verdict named it, and how often in a failure.
struct RuleTally {
  std::size_t exercised = 0;
  std::size_t failed = 0;
};

struct RunStats {
  std::size_t requests = 0;
  std::map<std::string, RuleTally, std::less<>> rules;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double seconds() const;
};

// A progress line on a terminal ("\r"-rewritten), nothing otherwise.
class ProgressLine {
 public:
  explicit ProgressLine(std::size_t total);
  void update(std::size_t done, const RunStats& stats, std::size_t failures);
  void finish();

 private:
  std::size_t total_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// Writes `<dir>/failure-N.json` for each finding (a file `paircheck replay` reads) and returns the
// paths, in findings order.
std::vector<std::string> write_replay_files(const std::string& dir,
                                            const properties::SearchReport& report,
                                            std::uint64_t seed);

// The closing summary, for a terminal or a CI log.
std::string summary_text(const properties::SearchReport& report, const RunStats& stats,
                         const std::vector<std::string>& replay_files, const std::string& target,
                         const std::string& reproduce);

}  // namespace paircheck::cli
