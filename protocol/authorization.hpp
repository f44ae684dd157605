// W6/G2: the V3 `Authorization` header,
// `ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<a;b;c>,Signature=<hex>`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "protocol/result.hpp"

namespace paircheck::protocol {

inline constexpr std::string_view kV3Algorithm = "ACS3-HMAC-SHA256";

struct Authorization {
  std::string access_key_id;                // Credential
  std::vector<std::string> signed_headers;  // SignedHeaders split on ';', as sent
  std::string signature;                    // lower-case hex as sent
  friend bool operator==(const Authorization&, const Authorization&) = default;
};

// Accepts the algorithm `ACS3-HMAC-SHA256`, then the three fields in any order separated by ','
// (spaces around them tolerated). Another algorithm, a missing/empty/repeated field, an unknown
// field, or an empty entry in SignedHeaders -> error value IncompleteSignature (G2).
Result<Authorization> parse_authorization(std::string_view header);

std::string format_authorization(const Authorization& auth);

}  // namespace paircheck::protocol
