// What a recording never keeps (docs/traces.md "Redaction"): signatures, nonces, secrets and
// tokens of the session, wherever they sit: V1 in the query or the form body, V3 in headers. The
// AccessKeyId stays (not a secret; `diff` picks the identity by it) and so does the ClientToken
// (an idempotency key, which the judge needs for I1-I6).
#pragma once

#include <string>
#include <string_view>

#include "protocol/v3_signature.hpp"

namespace paircheck::traces {

inline constexpr std::string_view kRedacted = "REDACTED";

// Parameter names whose value is replaced (V1: Signature, SignatureNonce, AccessKeySecret,
// SecurityToken; compared without case).
bool is_secret_param(std::string_view name);
// Header names (lower-case) whose value is replaced; `authorization` is rewritten instead.
bool is_secret_header(std::string_view name);

// A query string or urlencoded form with the secret parameters' values replaced, everything else
// byte for byte as it was.
std::string redact_query(std::string_view query);
// A V3 `authorization` value with its Signature replaced and its Credential (the AccessKeyId) kept;
// any other scheme is replaced whole.
std::string redact_authorization(std::string_view value);
// Every header of `headers` as a recording keeps it.
protocol::Headers redact_headers(const protocol::Headers& headers);

}  // namespace paircheck::traces
