#include "protocol/v3_signature.hpp"

#include <algorithm>

#include "protocol/ascii.hpp"
#include "protocol/crypto.hpp"
#include "protocol/percent_encoding.hpp"

namespace paircheck::protocol {

std::string v3_canonical_query(const Params& query) { return canonical_query(query); }

std::string v3_canonical_headers(const Headers& headers,
                                 const std::vector<std::string>& signed_headers) {
  std::string out;
  std::vector<std::string_view> values;
  for (const std::string& name : signed_headers) {
    values.clear();
    for (const auto& [header, value] : headers) {
      if (iequals(header, name)) values.push_back(trim_blanks(value));
    }
    std::sort(values.begin(), values.end());
    for (char c : name) out.push_back(ascii_lower(c));
    out.push_back(':');
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out.push_back(',');
      out += values[i];
    }
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> v3_default_signed_headers(const Headers& headers) {
  std::vector<std::string> out;
  for (const auto& entry : headers) {
    std::string name = ascii_lower(entry.first);
    if (name == "host" || name == "content-type" || name.rfind("x-acs-", 0) == 0) {
      out.push_back(std::move(name));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string v3_canonical_request(std::string_view method, std::string_view path,
                                 const Params& query, const Headers& headers,
                                 const std::vector<std::string>& signed_headers,
                                 std::string_view hashed_payload) {
  std::string out(method);
  out.push_back('\n');
  out += path;
  out.push_back('\n');
  out += v3_canonical_query(query);
  out.push_back('\n');
  out += v3_canonical_headers(headers, signed_headers);
  out.push_back('\n');
  for (std::size_t i = 0; i < signed_headers.size(); ++i) {
    if (i > 0) out.push_back(';');
    for (char c : signed_headers[i]) out.push_back(ascii_lower(c));
  }
  out.push_back('\n');
  out += hashed_payload;
  return out;
}

std::string v3_string_to_sign(std::string_view canonical_request) {
  std::string out(kV3Algorithm);
  out.push_back('\n');
  out += sha256_hex(canonical_request);
  return out;
}

std::string v3_signature(std::string_view secret, std::string_view string_to_sign) {
  return hex_encode(hmac_sha256(secret, string_to_sign));
}

V3Verdict verify_v3(std::string_view method, std::string_view path, const Params& query,
                    const Headers& headers, std::string_view body, const Authorization& auth,
                    std::string_view secret) {
  const std::string payload_hash = sha256_hex(body);
  for (const auto& [name, value] : headers) {
    if (iequals(name, "x-acs-content-sha256") && !iequals(trim_blanks(value), payload_hash)) {
      return V3Verdict::kPayloadHashMismatch;
    }
  }
  const std::string expected =
      v3_signature(secret, v3_string_to_sign(v3_canonical_request(
                               method, path, query, headers, auth.signed_headers, payload_hash)));
  return constant_time_equal(auth.signature, expected) ? V3Verdict::kOk
                                                       : V3Verdict::kSignatureMismatch;
}

}  // namespace paircheck::protocol
