#include "protocol/v3_signature.hpp"

#include <algorithm>
#include <cctype>

#include "protocol/crypto.hpp"
#include "protocol/percent_encoding.hpp"

namespace paircheck::protocol {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string join(const std::vector<std::string>& items, char sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(sep);
    out += items[i];
  }
  return out;
}

}  // namespace

std::string v3_canonical_query(const Params& query) { return canonical_query(query); }

std::string v3_canonical_headers(const Headers& headers,
                                 const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const std::string& name : signed_headers) {
    const std::string wanted = lower(name);
    std::vector<std::string> values;
    for (const auto& [header, value] : headers) {
      if (lower(header) == wanted) values.emplace_back(trim(value));
    }
    std::sort(values.begin(), values.end());
    out += wanted;
    out.push_back(':');
    out += join(values, ',');
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> v3_default_signed_headers(const Headers& headers) {
  std::vector<std::string> out;
  for (const auto& entry : headers) {
    std::string name = lower(entry.first);
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
  std::vector<std::string> lowered;
  lowered.reserve(signed_headers.size());
  for (const auto& name : signed_headers) lowered.push_back(lower(name));
  out += join(lowered, ';');
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
    if (lower(name) == "x-acs-content-sha256" && lower(trim(value)) != payload_hash) {
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
