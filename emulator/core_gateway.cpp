// The gateway checks G1-G11 and request decoding (see gateway.hpp).
#include "emulator/gateway.hpp"

#include <algorithm>
#include <array>

#include "protocol/ascii.hpp"
#include "protocol/authorization.hpp"
#include "protocol/iso8601.hpp"
#include "protocol/v1_signature.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::emulator {
namespace {

using protocol::iequals;

ApiError gateway_error(int status, std::string code, std::string message) {
  return ApiError{status, std::move(code), std::move(message)};
}

ApiError incomplete_signature(std::string_view why) {
  return gateway_error(
      400, "IncompleteSignature",
      "The request signature does not conform to Alibaba Cloud standards: " + std::string(why));
}

// What G2-G10 need, taken from V1 parameters or V3 headers.
struct Credentials {
  bool v3 = false;
  std::string access_key_id, nonce, timestamp, action, version;
  bool has_timestamp = false, has_action = false, has_version = false;
  protocol::Authorization auth;
};

std::variant<Credentials, ApiError> read_v3(const HttpRequest& request, const std::string& header) {
  auto parsed = protocol::parse_authorization(header);
  if (!parsed) return incomplete_signature(parsed.error().message);
  Credentials c;
  c.v3 = true;
  c.auth = *parsed;
  c.access_key_id = c.auth.access_key_id;
  const std::string* nonce = find_header(request, "x-acs-signature-nonce");
  if (nonce == nullptr || nonce->empty()) return incomplete_signature("no x-acs-signature-nonce");
  if (find_header(request, "x-acs-content-sha256") == nullptr) {
    return incomplete_signature("no x-acs-content-sha256");
  }
  static constexpr std::array<std::string_view, 6> kMustSign = {
      "host",       "x-acs-action",          "x-acs-version",
      "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"};
  for (std::string_view name : kMustSign) {
    // §11 G2 vs G5/G9/G10: a header that is absent is judged by its own check later.
    if (name != "host" && find_header(request, name) == nullptr) continue;
    const auto& signed_headers = c.auth.signed_headers;
    if (std::none_of(signed_headers.begin(), signed_headers.end(),
                     [&](const std::string& h) { return iequals(h, name); })) {
      return incomplete_signature("SignedHeaders leaves out " + std::string(name));
    }
  }
  c.nonce = *nonce;
  if (const std::string* v = find_header(request, "x-acs-date")) {
    c.timestamp = *v;
    c.has_timestamp = true;
  }
  if (const std::string* v = find_header(request, "x-acs-action")) {
    c.action = *v;
    c.has_action = true;
  }
  if (const std::string* v = find_header(request, "x-acs-version")) {
    c.version = *v;
    c.has_version = true;
  }
  return c;
}

std::variant<Credentials, ApiError> read_v1(const protocol::Params& params) {
  auto get = [&](std::string_view name) { return protocol::find_param(params, name); };
  Credentials c;
  const std::string* ak = get("AccessKeyId");
  if (ak == nullptr || ak->empty()) {
    return gateway_error(400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
  }
  const std::string* signature = get("Signature");
  if (signature == nullptr || signature->empty()) {
    return gateway_error(400, "MissingSignature", "Signature is mandatory for this action.");
  }
  const std::string* nonce = get("SignatureNonce");
  if (nonce == nullptr || nonce->empty()) return incomplete_signature("no SignatureNonce");
  const std::string* version = get("SignatureVersion");
  if (version == nullptr || *version != protocol::kV1SignatureVersion) {
    return incomplete_signature("SignatureVersion must be 1.0");
  }
  c.access_key_id = *ak;
  c.nonce = *nonce;
  if (const std::string* v = get("Timestamp")) {
    c.timestamp = *v;
    c.has_timestamp = true;
  }
  if (const std::string* v = get("Action")) {
    c.action = *v;
    c.has_action = true;
  }
  if (const std::string* v = get("Version")) {
    c.version = *v;
    c.has_version = true;
  }
  return c;
}

}  // namespace

const std::string* find_header(const HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (iequals(key, name)) return &value;
  }
  return nullptr;
}

std::variant<protocol::RequestParams, ApiError> decode_request(const HttpRequest& request,
                                                               std::size_t max_bytes) {
  if (request.method != "GET" && request.method != "POST") {  // G1
    return gateway_error(400, "UnsupportedHTTPMethod", "The HTTP method is not supported.");
  }
  const auto split = protocol::split_target(request.target);
  if (split.path != "/") {  // §11 W1: right after G1
    return gateway_error(404, "InvalidApi.NotFound", "Specified api is not found.");
  }
  if (request.target.size() + request.body.size() > max_bytes) {
    return invalid_parameter("request", "is too large");
  }
  const std::string* content_type = find_header(request, "content-type");
  auto decoded = protocol::decode_request_params(
      request.target, content_type == nullptr ? std::string_view() : *content_type, request.body);
  if (!decoded) return invalid_parameter("request", decoded.error().message);
  for (const auto& [name, value] : decoded->merged.params) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return invalid_parameter("request", "parameters must be UTF-8");
    }
  }
  if (!decoded->merged.duplicate_names.empty()) {
    return invalid_parameter(decoded->merged.duplicate_names.front(), "is given more than once");
  }
  return std::move(decoded).value();
}

namespace {

// G9-G11, once the caller is known (G3): the action, the version it is served in, the identity's
// permission. A null `action` or `version` is one the request did not carry.
std::variant<GatewayPass, ApiError> authorize(const protocol::Identity& identity,
                                              const std::string* action_name,
                                              const std::string* version,
                                              const protocol::Params& params) {
  const ActionSpec* action = action_name != nullptr ? find_action(*action_name) : nullptr;  // G9
  if (action == nullptr) {
    return gateway_error(404, "InvalidAction.NotFound", "Specified api is not found.");
  }
  if (version == nullptr || !serves_version(*action, *version)) {  // G10
    return gateway_error(400, "InvalidVersion", "Specified parameter Version is not valid.");
  }
  if (!identity.allows(action->name)) {  // G11
    return gateway_error(403, "Forbidden.Action", "User is not authorized to operate this action.");
  }
  return GatewayPass{action, &identity, params};
}

}  // namespace

std::variant<GatewayPass, ApiError> Gateway::check(const HttpRequest& request,
                                                   const protocol::RequestParams& decoded,
                                                   int64_t wall_now) {
  const protocol::Params& params = decoded.merged.params;
  const std::string* auth_header = find_header(request, "authorization");
  auto read = auth_header != nullptr ? read_v3(request, *auth_header) : read_v1(params);  // G2
  if (auto* err = std::get_if<ApiError>(&read)) return *err;
  const Credentials& c = std::get<Credentials>(read);

  const protocol::Identity* identity = fixtures_.find_identity(c.access_key_id);  // G3
  if (identity == nullptr) {
    return gateway_error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (!c.v3) {  // G4
    const std::string* method = protocol::find_param(params, "SignatureMethod");
    if (method == nullptr || *method != protocol::kV1SignatureMethod) {
      return gateway_error(400, "InvalidSignatureMethod",
                           "Specified signature method is not valid.");
    }
  }
  auto when = protocol::parse_iso8601(c.timestamp);  // G5; §11 "G5 fractions": 1-9 digits
  if (!c.has_timestamp || !when) {
    return gateway_error(400, "InvalidTimeStamp.Format",
                         "Specified time stamp or date value is not well formatted.");
  }
  const int64_t signed_at = when->time_since_epoch().count();
  if (signed_at > wall_now + config_.timestamp_skew_s ||  // G6
      signed_at < wall_now - config_.timestamp_skew_s) {
    return gateway_error(400, "InvalidTimeStamp.Expired",
                         "Specified time stamp or date value is expired.");
  }
  if (!faults_.has(Fault::kNoSignatureCheck)) {  // G7
    const bool ok =
        c.v3 ? protocol::verify_v3(request.method, decoded.path, decoded.query, request.headers,
                                   request.body, c.auth,
                                   identity->access_key_secret) == protocol::V3Verdict::kOk
             : protocol::verify_v1(request.method, params, identity->access_key_secret);
    if (!ok) {
      return gateway_error(400, "SignatureDoesNotMatch",
                           "Specified signature is not matched with our calculation.");
    }
  }
  if (nonces_.seen_or_record(c.access_key_id, c.nonce, wall_now) &&  // G8: recorded only after G7
      !faults_.has(Fault::kNonceNotChecked)) {
    return gateway_error(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  return authorize(*identity, c.has_action ? &c.action : nullptr,
                   c.has_version ? &c.version : nullptr, params);
}

std::variant<GatewayPass, ApiError> Gateway::check_direct(const protocol::DirectRequest& request,
                                                          int64_t wall_now) {
  for (const auto& [name, value] : request.params) {  // W1, as decode_request
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return invalid_parameter("request", "parameters must be UTF-8");
    }
  }
  if (const auto repeated = protocol::duplicate_names(request.params); !repeated.empty()) {
    return invalid_parameter(repeated.front(), "is given more than once");
  }
  const protocol::Identity* identity = fixtures_.find_identity(request.access_key_id);  // G3
  if (identity == nullptr) {
    return gateway_error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (!request.nonce.empty() &&  // G8, as check() after G7
      nonces_.seen_or_record(request.access_key_id, request.nonce, wall_now) &&
      !faults_.has(Fault::kNonceNotChecked)) {
    return gateway_error(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  return authorize(*identity, &request.action, request.version ? &*request.version : nullptr,
                   request.params);
}

}  // namespace paircheck::emulator
