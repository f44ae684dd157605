// The run log as a handler of the event stream: one JSON line per event (events::to_line). What
// the file keeps is the --log level; whatever it keeps, every completed sequence is readable and
// every created resource is listed for `paircheck cleanup` after a kill (harness/run_log.hpp),
// and the handler behind it gets every event.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "events/run_events.hpp"
#include "harness/run_log.hpp"

namespace paircheck::session {

// --log: steps (every line, the default), findings (the sequence and step lines only of
// sequences with a non-conformant step), none (no sequence or step lines). The header, the
// resources, the findings and the summary are always written.
enum class LogLevel : std::uint8_t { kSteps, kFindings, kNone };
std::optional<LogLevel> parse_log_level(std::string_view name);
const char* to_string(LogLevel level);

class RunLogWriter : public events::Handler {
 public:
  // `then` (may be null) gets each event as a reader of the file will see it: a line whose
  // strings were not UTF-8 is written with U+FFFD and handed on as read back, so that reports
  // built live equal reports built from the file. Events the file does not keep are handed on
  // as they are.
  RunLogWriter(harness::RunLog& log, events::Handler* then, LogLevel level = LogLevel::kSteps)
      : log_(log), then_(then), level_(level) {}
  void handle(const events::Event& event) override;

 private:
  // A sequence of a findings log whose lines wait until it fails (written) or ends (dropped).
  struct Pending {
    std::string text;  // its rendered lines
    bool failed = false;
  };

  void write(const events::Event& event, bool flush);
  void hand_on(const events::Event& event, bool exact,
               const std::optional<nlohmann::json>& read_back);
  void keep_if_failing(const events::Event& event, std::size_t sequence, bool failing);
  Pending& pending(std::size_t sequence);

  harness::RunLog& log_;
  events::Handler* then_;
  LogLevel level_;
  events::StepTally tally_;  // every step, for a log that does not keep them all
  std::map<std::size_t, Pending> pending_;
  std::deque<std::size_t> pending_order_;  // keys of pending_, oldest first
  std::size_t pending_limit_ = 4;          // 2 x the sequences in flight at once, + 2
};

}  // namespace paircheck::session
