#include "session/run_log_writer.hpp"

#include <algorithm>

namespace paircheck::session {

std::optional<LogLevel> parse_log_level(std::string_view name) {
  if (name == "steps") return LogLevel::kSteps;
  if (name == "findings") return LogLevel::kFindings;
  if (name == "none") return LogLevel::kNone;
  return std::nullopt;
}

const char* to_string(LogLevel level) {
  switch (level) {
    case LogLevel::kSteps:
      return "steps";
    case LogLevel::kFindings:
      return "findings";
    case LogLevel::kNone:
      return "none";
  }
  return "steps";
}

void RunLogWriter::handle(const events::Event& event) {
  if (const auto* run = std::get_if<events::RunStarted>(&event)) {
    pending_limit_ = 2 * std::min<std::size_t>(std::max(run->jobs, run->clients), 1024) + 2;
    write(event, true);
    return;
  }
  if (const auto* seq = std::get_if<events::SequenceStarted>(&event)) {
    // A job starts its next sequence once its last one is done: what waits is complete.
    if (level_ == LogLevel::kSteps) {
      log_.flush();
      write(event, false);
    } else if (level_ == LogLevel::kFindings) {
      keep_if_failing(event, seq->n, false);
    } else if (then_ != nullptr) {
      then_->handle(event);
    }
    return;
  }
  if (const auto* step = std::get_if<events::StepJudged>(&event)) {
    const bool failing = !step->record.verdict.conformant;
    if (level_ != LogLevel::kSteps && step->phase != events::Phase::kShrink) {
      tally_.add(step->record);
    }
    if (level_ == LogLevel::kSteps) {
      write(event, failing);  // a failing step at once: tools watch the file for it
    } else if (level_ == LogLevel::kFindings) {
      keep_if_failing(event, step->sequence, failing);
    } else if (then_ != nullptr) {
      then_->handle(event);
    }
    return;
  }
  if (const auto* summary = std::get_if<events::RunFinished>(&event);
      summary != nullptr && level_ != LogLevel::kSteps) {
    events::RunFinished with_tally = *summary;
    with_tally.step_tally = tally_;
    bool exact = true;
    std::optional<nlohmann::json> read_back;
    log_.write_text(harness::RunLog::render(events::to_line(with_tally), exact, read_back), true);
    if (read_back) read_back->erase("step_tally");  // the handler counted the steps themselves
    hand_on(event, exact, read_back);
    return;
  }
  write(event, true);  // resources (a killed run must not leak them), findings, the summary
}

void RunLogWriter::write(const events::Event& event, bool flush) {
  bool exact = true;
  std::optional<nlohmann::json> read_back;
  log_.write_text(harness::RunLog::render(events::to_line(event), exact, read_back), flush);
  hand_on(event, exact, read_back);
}

void RunLogWriter::hand_on(const events::Event& event, bool exact,
                           const std::optional<nlohmann::json>& read_back) {
  if (then_ == nullptr) return;
  if (exact) {
    then_->handle(event);
  } else if (read_back) {
    if (auto e = events::from_line(*read_back)) then_->handle(*e);
  }
}

void RunLogWriter::keep_if_failing(const events::Event& event, std::size_t sequence, bool failing) {
  bool exact = true;
  std::optional<nlohmann::json> read_back;
  std::string text = harness::RunLog::render(events::to_line(event), exact, read_back);
  hand_on(event, exact, read_back);
  Pending& p = pending(sequence);
  if (p.failed) {
    log_.write_text(text, failing);
    return;
  }
  p.text += text;
  if (!failing) return;
  p.failed = true;  // its lines so far, and from now on each as it comes
  log_.write_text(p.text, true);
  p.text.clear();
  p.text.shrink_to_fit();
}

RunLogWriter::Pending& RunLogWriter::pending(std::size_t sequence) {
  if (auto it = pending_.find(sequence); it != pending_.end()) return it->second;
  // Parallel jobs (or clients) interleave their sequences; the oldest beyond twice their number
  // have ended, and unless they failed their lines are dropped.
  while (pending_.size() >= pending_limit_ && !pending_order_.empty()) {
    pending_.erase(pending_order_.front());
    pending_order_.pop_front();
  }
  pending_order_.push_back(sequence);
  return pending_[sequence];
}

}  // namespace paircheck::session
