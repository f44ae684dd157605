#pragma once
// The run log: one JSON object per line. Lines are written whole, in batches: a line asked to be
// flushed (a resource, a finding, the summary, the start of a sequence) is in the file before
// write returns, with every line before it; the rest reach the file within `flush_every` (a
// thread flushes) or once 1 MiB waits, so that a run killed half-way leaves every completed
// sequence readable and every created resource listed for `cleanup` (docs/run-log.md).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace paircheck::harness {

class RunLog {
 public:
  RunLog() = default;  // a log that writes nowhere (tests, benchmarks)
  // Opens (truncates) `path`; throws std::runtime_error naming the path when it cannot.
  explicit RunLog(const std::string& path,
                  std::chrono::milliseconds flush_every = std::chrono::milliseconds(100));
  ~RunLog();  // flushes what waits
  RunLog(const RunLog&) = delete;
  RunLog& operator=(const RunLog&) = delete;

  // `line` as text with its newline; false when a string in it was not UTF-8 and was written
  // with U+FFFD instead (`read_back` then gets the line as a reader will see it).
  static std::string render(const nlohmann::json& line, bool& exact,
                            std::optional<nlohmann::json>& read_back);
  // Appends rendered lines; `flush`: they (and all before them) are in the file on return.
  void write_text(std::string_view text, bool flush);
  // render + write_text; last_line_read_back() gives the line as read back when it was not exact.
  bool write_line(const nlohmann::json& line, bool flush = true);
  void flush();
  std::optional<nlohmann::json> last_line_read_back() const { return read_back_; }
  const std::string& path() const { return path_; }
  bool enabled() const { return file_ != nullptr; }
  std::uint64_t bytes_written() const { return bytes_; }

 private:
  void flush_locked();
  void flusher(std::chrono::milliseconds every);

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string pending_;  // lines not yet handed to the file
  std::uint64_t bytes_ = 0;
  std::optional<nlohmann::json> read_back_;
  std::thread thread_;  // last: started once the rest is set up
};

}  // namespace paircheck::harness
