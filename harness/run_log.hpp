#pragma once
// The run log: one JSON object per line, flushed as it is written, so that a run killed half-way
// leaves every completed request readable (and every created resource listed for `cleanup`).
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace paircheck::harness {

class RunLog {
 public:
  RunLog() = default;  // a log that writes nowhere (tests, benchmarks)
  // Opens (truncates) `path`; throws std::runtime_error naming the path when it cannot.
  explicit RunLog(const std::string& path);
  ~RunLog();
  RunLog(const RunLog&) = delete;
  RunLog& operator=(const RunLog&) = delete;

  // Writes `line` as one line; false when a string in it was not UTF-8 and was written with
  // U+FFFD instead (last_line_read_back() then gives the line as a reader will see it).
  bool write_line(const nlohmann::json& line);
  std::optional<nlohmann::json> last_line_read_back() const { return read_back_; }
  const std::string& path() const { return path_; }
  bool enabled() const { return file_ != nullptr; }

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  std::string path_;
  std::optional<nlohmann::json> read_back_;
};

}  // namespace paircheck::harness
