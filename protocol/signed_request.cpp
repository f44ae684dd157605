#include "protocol/signed_request.hpp"

#include <algorithm>

#include "protocol/authorization.hpp"
#include "protocol/crypto.hpp"
#include "protocol/iso8601.hpp"
#include "protocol/request_params.hpp"
#include "protocol/v1_signature.hpp"

namespace paircheck::protocol {

Params v1_common_params(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                        std::string_view format) {
  Params out{
      {"Action", call.action},
      {"Version", call.version},
      {"Format", std::string(format)},
      {"AccessKeyId", key.access_key_id},
      {"SignatureMethod", std::string(kV1SignatureMethod)},
      {"SignatureVersion", std::string(kV1SignatureVersion)},
      {"SignatureNonce", input.nonce},
      {"Timestamp", format_iso8601(input.timestamp)},
  };
  out.insert(out.end(), call.params.begin(), call.params.end());
  return out;
}

void sign_v1(Params& params, std::string_view method, std::string_view secret) {
  params.emplace_back("Signature", v1_signature(method, params, secret));
}

WireRequest place_v1(const Params& signed_params, V1Style style, std::string_view host) {
  WireRequest out;
  out.headers.emplace_back("host", std::string(host));
  const std::string encoded = to_urlencoded(signed_params);
  switch (style) {
    case V1Style::kGetQuery:
      out.method = "GET";
      out.target = "/?" + encoded;
      break;
    case V1Style::kPostQuery:
      out.method = "POST";
      out.target = "/?" + encoded;
      break;
    case V1Style::kPostForm:
      out.method = "POST";
      out.target = "/";
      out.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
      out.body = encoded;
      break;
  }
  return out;
}

WireRequest build_v1_request(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                             V1Style style, std::string_view host, std::string_view format) {
  Params params = v1_common_params(call, key, input, format);
  sign_v1(params, style == V1Style::kGetQuery ? "GET" : "POST", key.access_key_secret);
  return place_v1(params, style, host);
}

WireRequest prepare_v3(const RpcCall& call, const SigningInput& input, std::string_view host,
                       std::string_view method, std::string body) {
  WireRequest out;
  out.method = std::string(method);
  out.target = call.params.empty() ? "/" : "/?" + to_urlencoded(call.params);
  out.headers = {
      {"host", std::string(host)},
      {"x-acs-action", call.action},
      {"x-acs-version", call.version},
      {"x-acs-date", format_iso8601(input.timestamp)},
      {"x-acs-signature-nonce", input.nonce},
      {"x-acs-content-sha256", sha256_hex(body)},
  };
  if (!body.empty()) {
    out.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  }
  out.body = std::move(body);
  return out;
}

void sign_v3(WireRequest& request, const SigningKey& key) {
  std::erase_if(request.headers, [](const auto& h) { return h.first == "authorization"; });
  const SplitTarget split = split_target(request.target);
  // The target was produced with W5 encoding, so it always decodes; fall back to no query.
  auto query = parse_urlencoded(split.query, PlusMode::kSpace);
  const Params no_query;
  const Params& q = query ? query.value() : no_query;
  Authorization auth;
  auth.access_key_id = key.access_key_id;
  auth.signed_headers = v3_default_signed_headers(request.headers);
  const std::string canonical = v3_canonical_request(request.method, split.path, q, request.headers,
                                                     auth.signed_headers, sha256_hex(request.body));
  auth.signature = v3_signature(key.access_key_secret, v3_string_to_sign(canonical));
  request.headers.emplace_back("authorization", format_authorization(auth));
}

WireRequest build_v3_request(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                             std::string_view host, std::string_view method) {
  WireRequest out = prepare_v3(call, input, host, method);
  sign_v3(out, key);
  return out;
}

}  // namespace paircheck::protocol
