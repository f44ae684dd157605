// What `run`, `fuzz` and `replay` share around a Session: the report directory (only paircheck's
// own files are replaced), the run-started header with what a replay needs, the failure files,
// and the handlers of the event stream: the run log, the live scorecard, the progress line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli/target_setup.hpp"
#include "events/run_events.hpp"
#include "properties/search.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::cli {

// Makes `dir` ready for a run: creates it, removes the files an earlier paircheck run wrote there
// (run.jsonl, failure-N.json, the reports, and `extra` names), keeps the `keep` names, and refuses
// (UsageError, exit 2) a directory that holds anything else.
void prepare_report_dir(const std::string& dir, const std::vector<std::string>& extra = {},
                        const std::vector<std::string>& keep = {});

// The run log's first line for this setup (no secret, no control token).
events::RunStarted run_header(const Args& args, const Setup& setup, std::string mode,
                              std::uint64_t seed);
// Sets header.reachable_cells (model::reachable_cells): the profile, the fixtures, and what the
// run can do as its header says (a nemesis that drops answers: unknown outcomes; clients or
// `races`: calls at once).
void set_reachable_cells(events::RunStarted& header, const Setup& setup, bool races);

// Writes `<dir>/failure-<number>.json`: the sequence plus what `paircheck replay FILE` needs to
// run it again against the same kind of target; returns the path.
std::string write_failure_file(const std::string& dir, const events::RunStarted& header,
                               const properties::Finding& finding, std::size_t number);

// The progress line on a terminal ("\r"-rewritten), nothing otherwise: a handler of the stream.
class ProgressLine : public events::Handler {
 public:
  explicit ProgressLine(std::size_t total, bool quiet);
  void handle(const events::Event& event) override;
  void finish();

 private:
  std::size_t total_, sequences_ = 0, requests_ = 0;
  std::vector<std::string> failing_keys_;
  bool tty_;
  bool colour_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

// The closing summary, rendered from the same scorecard as every report file.
std::string summary_text(const reports::Scorecard& card, const std::string& reproduce);

}  // namespace paircheck::cli
