#include "protocol/v1_signature.hpp"

#include <algorithm>

#include "protocol/crypto.hpp"
#include "protocol/percent_encoding.hpp"

namespace paircheck::protocol {

std::string v1_canonical_query(const Params& params) {
  return canonical_query(params, "Signature");  // Signature itself is not signed
}

std::string v1_string_to_sign(std::string_view method, const Params& params) {
  std::string out(method);
  out += "&%2F&";
  out += percent_encode(v1_canonical_query(params));
  return out;
}

std::string v1_signature(std::string_view method, const Params& params, std::string_view secret) {
  std::string key(secret);
  key.push_back('&');
  return base64_encode(hmac_sha1(key, v1_string_to_sign(method, params)));
}

bool verify_v1(std::string_view method, const Params& params, std::string_view secret) {
  const std::string* given = find_param(params, "Signature");
  if (given == nullptr) return false;
  return constant_time_equal(*given, v1_signature(method, params, secret));
}

}  // namespace paircheck::protocol
