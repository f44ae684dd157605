#include "harness/wire_encoder.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "protocol/iso8601.hpp"

namespace paircheck::harness {
namespace {

constexpr std::string_view kUnparsableTime = "yesterday at noon";

void erase_param(protocol::Params& params, std::string_view name) {
  std::erase_if(params, [&](const auto& p) { return p.first == name; });
}

// Sets a parameter or a header (both are name/value lists), replacing an earlier value.
void set_value(std::vector<std::pair<std::string, std::string>>& list, std::string_view name,
               std::string value) {
  for (auto& [n, v] : list) {
    if (n == name) {
      v = std::move(value);
      return;
    }
  }
  list.emplace_back(std::string(name), std::move(value));
}

// The Timestamp / x-acs-date to send instead of the plain one: unparsable (G5), or with the
// envelope's fraction digits (§11 "G5 fractions"); nullopt: the plain one.
std::optional<std::string> timestamp_text(const model::Envelope& e,
                                          const protocol::SigningInput& input) {
  if (e.timestamp == model::TimestampState::kUnparsable) return std::string(kUnparsableTime);
  if (e.timestamp_fraction_digits == 0) return std::nullopt;
  return protocol::format_iso8601_fraction(input.timestamp, e.timestamp_fraction_digits);
}

// The W1 path rule is checked right after G1: a request to another path keeps its query.
void apply_path(protocol::WireRequest& wire, const std::string& path) {
  if (path == "/") return;
  auto q = wire.target.find('?');
  wire.target = path + (q == std::string::npos ? "" : wire.target.substr(q));
}

}  // namespace

WireEncoder::WireEncoder(const protocol::Fixtures& fixtures, SignatureVersion version,
                         std::string host, std::uint64_t seed)
    : version_(version), host_(std::move(host)), rng_(seed) {
  for (const auto& identity : fixtures.identities) {
    secrets_[identity.access_key_id] = identity.access_key_secret;
  }
}

std::string WireEncoder::fresh_nonce() {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng_()),
                static_cast<unsigned long long>(++counter_));
  return buf;
}

protocol::WireRequest WireEncoder::encode(const model::Request& r) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const model::Envelope& e = r.envelope;
  protocol::SigningKey key{e.access_key_id, "no-such-secret"};  // G3: an unknown key signs too
  if (auto it = secrets_.find(e.access_key_id); it != secrets_.end()) {
    key.access_key_secret = it->second;
  }
  if (e.signature == model::SignatureFault::kWrongSecret) key.access_key_secret += "-wrong";
  protocol::SigningInput input{e.nonce.empty() ? fresh_nonce() : e.nonce,
                               now + std::chrono::seconds{e.timestamp_offset_s}};
  protocol::WireRequest wire =
      version_ == SignatureVersion::kV1 ? encode_v1(r, key, input) : encode_v3(r, key, input);
  apply_path(wire, e.path);
  return wire;
}

protocol::WireRequest WireEncoder::encode_v1(const model::Request& r,
                                             const protocol::SigningKey& key,
                                             const protocol::SigningInput& input) {
  const model::Envelope& e = r.envelope;
  protocol::RpcCall call{r.action, e.version.value_or(""), r.params};
  protocol::Params params = protocol::v1_common_params(call, key, input, e.format.value_or("JSON"));
  if (!e.version) erase_param(params, "Version");
  if (e.access_key_id.empty()) erase_param(params, "AccessKeyId");
  if (auto text = timestamp_text(e, input)) set_value(params, "Timestamp", std::move(*text));
  if (e.signature == model::SignatureFault::kBadSignatureMethod) {
    set_value(params, "SignatureMethod", "HMAC-SHA256");
  }
  if (e.signature == model::SignatureFault::kMalformedAuthorization) {
    set_value(params, "SignatureVersion", "2.0");  // §11 G2: IncompleteSignature
  }
  // GET puts everything in the query; POST alternates the two shapes the official clients use.
  protocol::V1Style style = e.method == "GET"     ? protocol::V1Style::kGetQuery
                            : (counter_ % 2 == 0) ? protocol::V1Style::kPostQuery
                                                  : protocol::V1Style::kPostForm;
  const std::string sign_method = style == protocol::V1Style::kGetQuery ? "GET" : "POST";
  if (e.signature != model::SignatureFault::kMissing) {
    protocol::sign_v1(params, sign_method, key.access_key_secret);
  }
  protocol::WireRequest wire = protocol::place_v1(params, style, host_);
  wire.method = e.method;  // G1: an unsupported method keeps a well-formed body
  return wire;
}

protocol::WireRequest WireEncoder::encode_v3(const model::Request& r,
                                             const protocol::SigningKey& key,
                                             const protocol::SigningInput& input) {
  const model::Envelope& e = r.envelope;
  protocol::Params query = r.params;
  if (e.format) query.emplace_back("Format", *e.format);
  protocol::RpcCall call{r.action, e.version.value_or(""), std::move(query)};
  const bool standard_method = e.method == "GET" || e.method == "POST";
  protocol::WireRequest wire =
      protocol::prepare_v3(call, input, host_, standard_method ? e.method : "POST");
  if (!e.version)
    std::erase_if(wire.headers, [](const auto& h) { return h.first == "x-acs-version"; });
  if (auto text = timestamp_text(e, input)) set_value(wire.headers, "x-acs-date", std::move(*text));
  switch (e.signature) {
    case model::SignatureFault::kMissing:
      break;
    case model::SignatureFault::kMalformedAuthorization:
      wire.headers.emplace_back("authorization",
                                "ACS3-HMAC-SHA256 Credential=" + key.access_key_id);
      break;
    case model::SignatureFault::kBadSignatureMethod:
      protocol::sign_v3(wire, key);  // V3 has no SignatureMethod: the algorithm word is the method
      for (auto& [name, value] : wire.headers) {
        if (name == "authorization") value.replace(0, 16, "ACS3-HMAC-SHA1");
      }
      break;
    default:
      protocol::sign_v3(wire, key);
  }
  wire.method = e.method;
  return wire;
}

}  // namespace paircheck::harness
