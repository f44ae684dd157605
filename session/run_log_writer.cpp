#include "session/run_log_writer.hpp"

namespace paircheck::session {

void RunLogWriter::handle(const events::Event& event) {
  const bool exact = log_.write_line(events::to_line(event));
  if (then_ == nullptr) return;
  if (exact) {
    then_->handle(event);
    return;
  }
  if (auto reread = log_.last_line_read_back()) {
    if (auto e = events::from_line(*reread)) then_->handle(*e);
  }
}

}  // namespace paircheck::session
