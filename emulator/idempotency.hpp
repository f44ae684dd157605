// ClientToken idempotency I1-I5: the ledger of successful calls, keyed by (account, Action, token),
// comparing business parameters as sent (§11 I2). Tokens are kept for the whole run (I5).
#pragma once

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
  };
  using Key = std::tuple<std::string, std::string, std::string>;  // account, Action, token

  const Entry* find(const Key& key) const;
  void record(const Key& key, Entry entry);  // first call wins; later records are ignored
  void forget(const Key& key);               // the lost-answer-reexecutes fault only

 private:
  std::map<Key, Entry> entries_;
};

}  // namespace paircheck::emulator
