// W6: ACS3-HMAC-SHA256 (V3) canonical request, string-to-sign and signature; the verifier takes
// the signed-header list from the Authorization header (clients sign extra x-acs-* headers).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/authorization.hpp"
#include "protocol/params.hpp"

namespace paircheck::protocol {

// HTTP headers, names lower-case, order kept, repeats kept.
using Headers = std::vector<std::pair<std::string, std::string>>;

// Query parameters sorted by name (byte order, repeats in arrival order), `pct(name)=pct(value)`
// joined by '&'; "" for no parameters.
std::string v3_canonical_query(const Params& query);

// One `name:value\n` line per name in `signed_headers`, in that order; the value is every header
// of that name (case-insensitive), each trimmed, sorted, joined by ','; "" if absent.
std::string v3_canonical_headers(const Headers& headers,
                                 const std::vector<std::string>& signed_headers);

// The names a client signs: every header that is `host`, `content-type` or starts with `x-acs-`,
// lower-cased, deduplicated, sorted (what @alicloud/openapi-util signs).
std::vector<std::string> v3_default_signed_headers(const Headers& headers);

// METHOD \n / \n canonical query \n canonical headers \n a;b;c \n hashed payload
std::string v3_canonical_request(std::string_view method, std::string_view path,
                                 const Params& query, const Headers& headers,
                                 const std::vector<std::string>& signed_headers,
                                 std::string_view hashed_payload);

// "ACS3-HMAC-SHA256\n" + hex(SHA256(canonical_request)).
std::string v3_string_to_sign(std::string_view canonical_request);

// hex(HMAC-SHA256(secret, string_to_sign)); no '&' on the key, unlike V1.
std::string v3_signature(std::string_view secret, std::string_view string_to_sign);

enum class V3Verdict {
  kOk,
  kPayloadHashMismatch,  // x-acs-content-sha256 present and not hex(SHA256(body))
  kSignatureMismatch,
};

// Recomputes the signature over `auth.signed_headers` with the body's real SHA-256.
// `path` is the raw request path ("/"), `query` the decoded query parameters as sent.
V3Verdict verify_v3(std::string_view method, std::string_view path, const Params& query,
                    const Headers& headers, std::string_view body, const Authorization& auth,
                    std::string_view secret);

}  // namespace paircheck::protocol
