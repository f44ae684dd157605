// ClientToken idempotency I1-I5: the ledger of successful calls, keyed by (account, Action, token),
// comparing business parameters as sent (§11 I2). I5: a token is kept for the whole run, or, with a
// TTL (--token-ttl-s), forgotten once it is older than the TTL on the emulator's clock.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/errors.hpp"
#include "protocol/params.hpp"

namespace paircheck::emulator {

// Everything but the W5/W6 common parameters and ClientToken, sorted by name then value.
using BusinessParams = std::vector<std::pair<std::string, std::string>>;
BusinessParams business_params(const protocol::Params& params);

class TokenLedger {
 public:
  struct Entry {
    BusinessParams params;
    std::optional<ApiError> error;  // only with the failed-token-consumed fault
    nlohmann::json fields;          // the first success's body without RequestId
    std::string request_id;         // the first call's RequestId
    double recorded_at = 0;         // clock seconds of the first call (set by record)
  };
  using Key = std::tuple<std::string, std::string, std::string>;  // account, Action, token

  // nullopt: every token is kept for the whole run (I5's default). Otherwise a token recorded at
  // clock second t is kept while now <= t + ttl_s, and forgotten after.
  explicit TokenLedger(std::optional<double> ttl_s = std::nullopt) : ttl_s_(ttl_s) {}

  // Forgets the tokens past the TTL as of `now` (clock seconds), then looks `key` up.
  const Entry* find(const Key& key, double now);
  // First call wins; later records are ignored. `now`: clock seconds.
  void record(const Key& key, Entry entry, double now);
  void forget(const Key& key);  // the lost-answer-reexecutes fault only
  std::size_t size() const { return entries_.size(); }

 private:
  void expire(double now);

  std::optional<double> ttl_s_;
  std::map<Key, Entry> entries_;
  std::deque<std::pair<double, Key>> order_;  // with a TTL: (recorded_at, key), oldest first
};

}  // namespace paircheck::emulator
