// The bundled emulator's public surface: one thread-safe entry point that answers an HTTP request
// the way docs/contract.md says a target must (W, G, P, I, S, O, X), plus the fault switches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/direct.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::emulator {

struct HttpRequest {
  std::string method;
  std::string target;                                        // raw path + "?" + query
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json;charset=utf-8";
  std::string body;
  // Called (once, on a server thread) when the server finds that the client left before this
  // answer was written or that writing it failed. Set by the lost-answer-reexecutes fault only.
  std::function<void()> on_undelivered;
};

enum class ClockMode { kVirtual, kReal };

struct ServiceConfig {
  ClockMode clock = ClockMode::kVirtual;
  double transient_min_s = 1, transient_max_s = 3;
  double sync_cycle_s = 2;  // normal <-> syncing (S2)
  int64_t manual_sync_cooldown_s = 450;
  std::string control_token;  // empty: control endpoint off
  std::vector<std::string> faults;
  uint64_t seed = 1;
  std::string host_id = "ebs.paircheck.local";
  bool async_failures = false;
  // --- beyond the agreed shape (all optional) ---
  double async_failure_probability = 0.25;  // S6: chance a transient ends in *_failed
  int64_t timestamp_skew_s = 900;           // G6 window (wall clock)
  int64_t nonce_window_s = 900;             // G8 window (wall clock); older nonces are forgotten
  // I5: a ClientToken is forgotten once older than this on the emulator's clock; nullopt: kept for
  // the whole run (the contract's default). Run it with a profile whose token_ttl_s is <= this.
  std::optional<double> token_ttl_s;
  std::size_t max_request_bytes = 1 << 20;  // target + body; larger -> 400 InvalidParameter
  int64_t virtual_epoch_unix = 0;           // Unix time of virtual t=0; 0: wall clock at start
  // check-then-act fault: how long a state-changing operation sleeps, lock released, between its
  // checks and its action. Wall-clock time on either clock: the window is for threads to meet in,
  // so a virtual clock does not move during it.
  double check_then_act_pause_s = 0.02;
};

class Service {
 public:
  Service(ServiceConfig config, protocol::Fixtures fixtures);  // unknown fault -> invalid_argument
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  HttpResponse handle(const HttpRequest& request);  // thread-safe; never throws
  // The direct path (protocol/direct.hpp): the same state machine without the wire: no
  // decoding, no signature or timestamp (G1, G2, G4-G7), the answer not printed.
  // Thread-safe; never throws.
  protocol::DirectAnswer handle_direct(const protocol::DirectRequest& request);

  // name, one-line description; the names ServiceConfig::faults accepts.
  static std::vector<std::pair<std::string, std::string>> list_faults();

  // Moves the virtual clock forward and applies due background moves (S1-S6).
  // Real clock or a negative/non-finite amount -> std::invalid_argument.
  void advance_clock(double seconds);

  // Back to the fixture's initial state: no pairs, every disk detached, no idempotency tokens.
  // No nonces seen (G8) either; the clock carries on. Also POST /_paircheck/reset (control
  // endpoint).
  void reset();

  // What the service holds now (tests and benches watch that a long run's memory stays bounded):
  // nonces seen within the G8 window, ClientTokens remembered (I5), pairs (deleted ones only
  // while a fault keeps them).
  struct Memory {
    std::size_t nonces = 0, tokens = 0, pairs = 0;
  };
  Memory memory() const;

  double clock_seconds() const;           // seconds since the service started (virtual or real)
  int64_t unix_time() const;              // the Unix time the pairs' timestamps use
  uint64_t internal_error_count() const;  // exceptions caught by handle(): always a bug

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace paircheck::emulator
