// ClientToken idempotency I1-I5 (see idempotency.hpp).
#include "emulator/idempotency.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace paircheck::emulator {
namespace {

bool is_common_param(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kCommon = {
      "Action",          "Version",          "Format",         "AccessKeyId",
      "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp",
      "Signature",       "SecurityToken",    "ClientToken"};
  return std::find(kCommon.begin(), kCommon.end(), name) != kCommon.end();
}

}  // namespace

BusinessParams business_params(const protocol::Params& params) {
  BusinessParams out;
  for (const auto& [name, value] : params) {
    if (!is_common_param(name)) out.emplace_back(name, value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const TokenLedger::Entry* TokenLedger::find(const Key& key, double now) {
  expire(now);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void TokenLedger::record(const Key& key, Entry entry, double now) {
  expire(now);
  entry.recorded_at = now;
  if (entries_.emplace(key, std::move(entry)).second && ttl_s_) order_.emplace_back(now, key);
}

void TokenLedger::forget(const Key& key) { entries_.erase(key); }

void TokenLedger::expire(double now) {
  while (!order_.empty() && order_.front().first + *ttl_s_ < now) {
    auto it = entries_.find(order_.front().second);
    // Unless the token was forgotten (lost-answer fault) and recorded again since.
    if (it != entries_.end() && it->second.recorded_at == order_.front().first) entries_.erase(it);
    order_.pop_front();
  }
}

}  // namespace paircheck::emulator
