#include "models/gateway.hpp"

#include <algorithm>
#include <cstdlib>

namespace paircheck::model {
namespace {

enum class Tri : std::uint8_t { kNo, kYes, kMaybe };

// Well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool is_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += n;
  }
  return true;
}

Rejection g(RuleId rule, std::string why) {
  return Rejection{{rule}, std::string(to_string(rule)), "", std::move(why)};
}

// §11 "G5 fractions" (A): '.' and 1 to the profile's fraction_digits (default 9) digits before
// the 'Z' are a valid Timestamp / x-acs-date.
bool fraction_ok(const Envelope& e, const Profile& p) {
  return e.timestamp_fraction_digits <= p.g5_fraction_digits;
}

// G6: |offset| beyond the window; a band of time_skew_tolerance_s around it on a real clock.
Tri expired(const Request& r, const Profile& p) {
  std::int64_t off = std::llabs(r.envelope.timestamp_offset_s);
  if (r.time.is_point()) return off > p.g6_window_s ? Tri::kYes : Tri::kNo;
  if (off > p.g6_window_s + p.time_skew_tolerance_s) return Tri::kYes;
  if (off <= p.g6_window_s - p.time_skew_tolerance_s) return Tri::kNo;
  return Tri::kMaybe;
}

// G8: the nonce passed signature verification within the window.
Tri nonce_used(const Request& r, const StepContext& ctx) {
  if (r.envelope.nonce_reused) return Tri::kYes;
  if (r.envelope.nonce.empty() || ctx.nonces == nullptr) return Tri::kNo;
  auto it = ctx.nonces->find({r.envelope.access_key_id, r.envelope.nonce});
  if (it == ctx.nonces->end()) return Tri::kNo;
  std::int64_t tol = r.time.is_point() ? 0 : ctx.profile.time_skew_tolerance_s * 1000;
  std::int64_t window = ctx.profile.g8_window_s * 1000;
  std::int64_t age_max = r.time.received_ms - it->second.at.lo + tol;
  std::int64_t age_min = r.time.sent_ms - it->second.at.hi - tol;
  if (age_min > window) return Tri::kNo;
  if (age_max <= window && it->second.certain) return Tri::kYes;
  return Tri::kMaybe;
}

bool decide(Tri t, std::uint32_t bit, std::uint32_t forks, std::uint32_t& ambiguous) {
  if (t == Tri::kMaybe) {
    ambiguous |= bit;
    return (forks & bit) != 0;
  }
  return t == Tri::kYes;
}

bool version_ok(Action a, const std::string& v, const Profile& p) {
  if (is_ecs_action(a)) return v == kEcsVersion || v == kEbsVersion;  // §11 G10, X
  return v == p.api_version;
}

}  // namespace

std::optional<Rejection> check_gateway(const Request& r, const StepContext& ctx,
                                       std::uint32_t forks, std::uint32_t& ambiguous) {
  const Envelope& e = r.envelope;
  const Profile& p = ctx.profile;
  if (e.method != "GET" && e.method != "POST") return g(RuleId::kG1, "method " + e.method);
  if (e.path != "/") {
    return Rejection{{RuleId::kW1}, "W1.path", "", "path " + e.path + " is not /"};
  }
  // §11 W1 (A): parameters that do not decode (here: not UTF-8) are refused before G2.
  for (const auto& [name, value] : r.params) {
    if (!is_utf8(name) || !is_utf8(value)) {
      return Rejection{{RuleId::kW1}, "W1.decode", "", "parameter " + name + " is not UTF-8"};
    }
  }
  if (e.signature == SignatureFault::kMissing ||
      e.signature == SignatureFault::kMalformedAuthorization || e.access_key_id.empty()) {
    return g(RuleId::kG2, "signature missing or incomplete");
  }
  const Identity* id = ctx.universe.identity(e.access_key_id);
  if (id == nullptr) return g(RuleId::kG3, "unknown AccessKeyId " + e.access_key_id);
  if (e.signature == SignatureFault::kBadSignatureMethod)
    return g(RuleId::kG4, "bad SignatureMethod");
  if (e.timestamp == TimestampState::kUnparsable) return g(RuleId::kG5, "timestamp unparsable");
  if (!fraction_ok(e, p)) {
    return g(RuleId::kG5, "timestamp with " + std::to_string(e.timestamp_fraction_digits) +
                              " fraction digits (at most " + std::to_string(p.g5_fraction_digits) +
                              ")");
  }
  if (decide(expired(r, p), kForkG6, forks, ambiguous)) return g(RuleId::kG6, "timestamp expired");
  if (e.signature == SignatureFault::kWrongSecret)
    return g(RuleId::kG7, "signature does not verify");
  if (decide(nonce_used(r, ctx), kForkG8, forks, ambiguous)) return g(RuleId::kG8, "nonce reused");
  Action a = action_from_name(r.action);
  if (a == Action::kUnknown) return g(RuleId::kG9, "unknown action \"" + r.action + "\"");
  if (!e.version || !version_ok(a, *e.version, p)) {
    return g(RuleId::kG10,
             "version " + e.version.value_or("(missing)") + " not served for " + r.action);
  }
  bool allowed = std::any_of(id->actions.begin(), id->actions.end(),
                             [&](const std::string& x) { return x == "*" || x == r.action; });
  if (!allowed) return g(RuleId::kG11, e.access_key_id + " may not call " + r.action);
  return std::nullopt;
}

bool passes_signature(const Request& r, const StepContext& ctx) {
  const Envelope& e = r.envelope;
  if (e.method != "GET" && e.method != "POST") return false;
  if (e.path != "/" || e.access_key_id.empty()) return false;
  for (const auto& kv : r.params) {
    if (!is_utf8(kv.first) || !is_utf8(kv.second)) return false;  // W1.decode comes before G2
  }
  if (e.signature != SignatureFault::kNone) return false;
  if (ctx.universe.identity(e.access_key_id) == nullptr) return false;
  if (e.timestamp != TimestampState::kOk || !fraction_ok(e, ctx.profile)) return false;
  return expired(r, ctx.profile) != Tri::kYes;
}

}  // namespace paircheck::model
