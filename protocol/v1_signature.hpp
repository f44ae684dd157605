// W5: RPC signature V1 (SignatureMethod=HMAC-SHA1, SignatureVersion=1.0): string-to-sign
// `METHOD&%2F&pct(canonical query)`, key `secret&`, Base64. Signing and verifying.
#pragma once

#include <string>
#include <string_view>

#include "protocol/params.hpp"

namespace paircheck::protocol {

inline constexpr std::string_view kV1SignatureMethod = "HMAC-SHA1";
inline constexpr std::string_view kV1SignatureVersion = "1.0";

// Every parameter except `Signature`, sorted by name (byte order; a repeated name keeps its
// arrival order), each `pct(name)=pct(value)`, joined by '&'.
std::string v1_canonical_query(const Params& params);

// `METHOD&%2F&pct(v1_canonical_query(params))`; METHOD is used as given (GET, POST).
std::string v1_string_to_sign(std::string_view method, const Params& params);

// Base64(HMAC-SHA1(secret + "&", v1_string_to_sign(method, params))).
std::string v1_signature(std::string_view method, const Params& params, std::string_view secret);

// True iff `params` holds a `Signature` equal to v1_signature(method, params, secret).
// `params` is the merged set (query ∪ form, W1) as decoded.
bool verify_v1(std::string_view method, const Params& params, std::string_view secret);

}  // namespace paircheck::protocol
