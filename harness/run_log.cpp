#include "harness/run_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace paircheck::harness {
namespace {

constexpr std::size_t kMaxPending = std::size_t{1} << 20;

}  // namespace

RunLog::RunLog(const std::string& path, std::chrono::milliseconds flush_every)
    : file_(std::fopen(path.c_str(), "w")), path_(path) {
  if (file_ == nullptr) {
    throw std::runtime_error("cannot write run log '" + path + "': " + std::strerror(errno));
  }
  thread_ = std::thread([this, flush_every] { flusher(flush_every); });
}

RunLog::~RunLog() {
  if (thread_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  if (file_ != nullptr) {
    flush_locked();
    std::fclose(file_);
  }
}

std::string RunLog::render(const nlohmann::json& line, bool& exact,
                           std::optional<nlohmann::json>& read_back) {
  std::string text;
  exact = true;
  read_back.reset();
  try {
    text = line.dump();
  } catch (const nlohmann::json::type_error&) {
    text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    exact = false;
    read_back = nlohmann::json::parse(text);
  }
  text.push_back('\n');
  return text;
}

void RunLog::write_text(std::string_view text, bool flush) {
  if (file_ == nullptr) return;
  std::lock_guard lock(mutex_);
  pending_.append(text);
  if (flush || pending_.size() >= kMaxPending) flush_locked();
}

bool RunLog::write_line(const nlohmann::json& line, bool flush) {
  bool exact = true;
  const std::string text = render(line, exact, read_back_);
  write_text(text, flush);
  return exact;
}

void RunLog::flush() {
  if (file_ == nullptr) return;
  std::lock_guard lock(mutex_);
  flush_locked();
}

void RunLog::flush_locked() {
  if (pending_.empty()) return;
  std::fwrite(pending_.data(), 1, pending_.size(), file_);
  std::fflush(file_);
  bytes_ += pending_.size();
  pending_.clear();
}

void RunLog::flusher(std::chrono::milliseconds every) {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, every, [this] { return stop_; });
    flush_locked();
  }
}

}  // namespace paircheck::harness
