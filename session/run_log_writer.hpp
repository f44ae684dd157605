// The run log as a handler of the event stream: one JSON line per event (events::to_line),
// flushed as written, so that a run killed half-way leaves every completed request readable and
// every created resource listed for `paircheck cleanup`.
#pragma once

#include "events/run_events.hpp"
#include "harness/run_log.hpp"

namespace paircheck::session {

class RunLogWriter : public events::Handler {
 public:
  // `then` (may be null) gets each event as a reader of the file will see it: a line whose
  // strings were not UTF-8 is written with U+FFFD and handed on as read back, so that reports
  // built live equal reports built from the file.
  RunLogWriter(harness::RunLog& log, events::Handler* then) : log_(log), then_(then) {}
  void handle(const events::Event& event) override;

 private:
  harness::RunLog& log_;
  events::Handler* then_;
};

}  // namespace paircheck::session
