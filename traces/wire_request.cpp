#include "traces/wire_request.hpp"

#include <array>

#include "protocol/ascii.hpp"
#include "protocol/iso8601.hpp"
#include "protocol/request_params.hpp"

namespace paircheck::traces {
namespace {

// W5's common parameters: the envelope, not business parameters.
bool is_common_param(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "Action",           "Version",        "Format",    "AccessKeyId", "SignatureMethod",
      "SignatureVersion", "SignatureNonce", "Timestamp", "Signature",   "SecurityToken"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

const std::string* header(const protocol::Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (protocol::iequals(n, name)) return &v;
  }
  return nullptr;
}

// The AccessKeyId of `ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=...`.
std::string credential(std::string_view authorization) {
  const std::size_t at = authorization.find("Credential=");
  if (at == std::string_view::npos) return {};
  const std::size_t from = at + 11;
  const std::size_t end = authorization.find(',', from);
  return std::string(authorization.substr(from, end == std::string_view::npos ? end : end - from));
}

void read_timestamp(const std::string* text, model::Envelope& e) {
  if (text == nullptr || !protocol::parse_iso8601(*text)) {
    e.timestamp = model::TimestampState::kUnparsable;
    return;
  }
  e.timestamp = model::TimestampState::kOk;
  const std::size_t dot = text->find('.');
  if (dot != std::string::npos) {
    e.timestamp_fraction_digits = static_cast<std::uint8_t>(text->size() - dot - 2);  // ".123Z"
  }
}

}  // namespace

std::string to_model_request(const WireRequestView& wire, model::Request& out) {
  const std::string* type = header(wire.headers, "content-type");
  auto decoded = protocol::decode_request_params(wire.target, type ? *type : "", wire.body);
  if (!decoded) return "malformed parameters: " + decoded.error().message;
  const protocol::RequestParams& p = decoded.value();
  const protocol::Params& merged = p.merged.params;
  out = model::Request{};
  model::Envelope& e = out.envelope;
  e.method = wire.method;
  e.path = p.path.empty() ? "/" : p.path;
  const std::string* action = protocol::find_param(merged, "Action");
  const std::string* v3_action = header(wire.headers, "x-acs-action");
  const bool v3 = action == nullptr && v3_action != nullptr;
  if (v3) {
    out.action = *v3_action;
    const std::string* version = header(wire.headers, "x-acs-version");
    if (version != nullptr) e.version = *version;
    const std::string* auth = header(wire.headers, "authorization");
    e.access_key_id = auth ? credential(*auth) : "";
    read_timestamp(header(wire.headers, "x-acs-date"), e);
  } else {
    out.action = action ? *action : "";
    const std::string* version = protocol::find_param(merged, "Version");
    if (version != nullptr) e.version = *version;
    const std::string* ak = protocol::find_param(merged, "AccessKeyId");
    e.access_key_id = ak ? *ak : "";
    read_timestamp(protocol::find_param(merged, "Timestamp"), e);
  }
  if (const std::string* format = protocol::find_param(merged, "Format")) e.format = *format;
  // Whether it verifies is not judged (the recording has no secret); the method is on the wire.
  const std::string* method = protocol::find_param(merged, "SignatureMethod");
  e.signature = !v3 && method != nullptr && *method != "HMAC-SHA1"
                    ? model::SignatureFault::kBadSignatureMethod
                    : model::SignatureFault::kNone;
  e.timestamp_offset_s = 0;  // not judged: no server time
  e.nonce.clear();           // not judged: nonces are redacted
  for (const auto& [name, value] : merged) {
    if (!is_common_param(name)) out.params.emplace_back(name, value);
  }
  return {};
}

}  // namespace paircheck::traces
