// Client side of W5/W6: build a complete signed HTTP request for one RPC call. Each builder is
// prepare + sign, and both halves are public so a test can break a request between the two.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "protocol/params.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::protocol {

struct RpcCall {
  std::string action;   // "StartDiskReplicaPair"
  std::string version;  // "2021-07-30"
  Params params;        // business parameters (already flattened, W1)
};

struct SigningKey {
  std::string access_key_id;
  std::string access_key_secret;
};

struct SigningInput {
  std::string nonce;                   // SignatureNonce / x-acs-signature-nonce
  std::chrono::sys_seconds timestamp;  // Timestamp / x-acs-date
};

// What goes on the wire. Header names lower-case; `host` is always present.
struct WireRequest {
  std::string method;  // "GET" or "POST"
  std::string target;  // "/?..." or "/"
  Headers headers;
  std::string body;
};

enum class V1Style {
  kGetQuery,   // GET, everything in the query (pop-core GET)
  kPostQuery,  // POST, everything in the query, empty body (openapi-client signatureAlgorithm v2)
  kPostForm,   // POST to "/", everything in a urlencoded body (pop-core POST)
};

// W5 common parameters followed by the business parameters:
// Action, Version, Format, AccessKeyId, SignatureMethod, SignatureVersion, SignatureNonce,
// Timestamp.
Params v1_common_params(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                        std::string_view format = "JSON");

// Appends `Signature` computed over `params` for `method`.
void sign_v1(Params& params, std::string_view method, std::string_view secret);

// Places already signed parameters on the wire per `style`.
WireRequest place_v1(const Params& signed_params, V1Style style, std::string_view host);

// v1_common_params + sign_v1 + place_v1.
WireRequest build_v1_request(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                             V1Style style, std::string_view host,
                             std::string_view format = "JSON");

// W6 as openapi-client sends it: business parameters in the query, empty body unless `body` is
// given (then content-type application/x-www-form-urlencoded), headers host, x-acs-action,
// x-acs-version, x-acs-date, x-acs-signature-nonce, x-acs-content-sha256; not yet signed.
WireRequest prepare_v3(const RpcCall& call, const SigningInput& input, std::string_view host,
                       std::string_view method = "POST", std::string body = {});

// Adds `authorization`, signing every host/content-type/x-acs-* header present (any previous
// authorization header is replaced).
void sign_v3(WireRequest& request, const SigningKey& key);

// prepare_v3 + sign_v3.
WireRequest build_v3_request(const RpcCall& call, const SigningKey& key, const SigningInput& input,
                             std::string_view host, std::string_view method = "POST");

}  // namespace paircheck::protocol
