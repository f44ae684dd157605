// A recording as HAR 1.2 (docs/traces.md "Recording"), streamed so that a killed run stays
// readable: the log's head on the first line, then one entry per line, each written whole and
// flushed (`,` leading every entry but the first), and the closing `]}}` when the writer closes.
// A file cut off mid-run is missing only its close and perhaps a partial last line, which
// traces/har_reader.hpp repairs. Signatures, nonces and secrets are redacted on the way in
// (traces/redact.hpp).
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/signed_request.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::traces {

inline constexpr const char* kTraceFormat = "paircheck-trace/1";

// One request and what came back, as it went over the wire (or into the in-process emulator).
struct Exchange {
  std::chrono::system_clock::time_point started;
  double wall_ms = 0;             // until the answer (or the give-up) came
  std::string scheme = "http";    // http | https
  protocol::WireRequest request;  // as sent: secrets still in, redacted by har_entry
  bool answered = false;          // false: no (complete) answer (M2), `error` says why
  int status = 0;
  protocol::Headers response_headers;
  std::string response_body;
  std::string error;
  nlohmann::json paircheck;  // the entry's `_paircheck` field (null: none)
};

// The HAR 1.2 entry of one exchange, redacted. An exchange without an answer has status 0 and
// `_error` (as browsers write a failed request).
nlohmann::json har_entry(const Exchange& exchange);
// "2026-12-02T17:00:00.123Z".
std::string iso8601_ms(std::chrono::system_clock::time_point t);

class HarWriter {
 public:
  // Truncates `path` and writes the head; `paircheck` becomes the log's `_paircheck` field. Throws
  // std::runtime_error naming the path when it cannot be written.
  HarWriter(const std::string& path, const nlohmann::json& paircheck);
  ~HarWriter();  // closes the entries array and the log
  HarWriter(const HarWriter&) = delete;
  HarWriter& operator=(const HarWriter&) = delete;

  // Thread-safe: one whole line per entry, flushed.
  void write(const nlohmann::json& entry);
  std::size_t entries() const;
  // Microseconds of the steady clock since the writer opened: the `_paircheck.wall_us` interval
  // of an entry, which tells overlapping requests apart when the target's clock stood still.
  std::int64_t micros() const;
  const std::string& path() const { return path_; }

 private:
  mutable std::mutex mutex_;
  std::FILE* file_ = nullptr;
  std::string path_;
  std::size_t entries_ = 0;
  std::chrono::steady_clock::time_point origin_ = std::chrono::steady_clock::now();
};

}  // namespace paircheck::traces
