#include "protocol/v1_signature.hpp"

#include <algorithm>

#include "protocol/crypto.hpp"
#include "protocol/percent_encoding.hpp"

namespace paircheck::protocol {

std::string v1_canonical_query(const Params& params) {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  sorted.reserve(params.size());
  for (const auto& entry : params) {
    if (entry.first != "Signature") sorted.push_back(&entry);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  for (const auto* entry : sorted) {
    if (!out.empty()) out.push_back('&');
    out += percent_encode(entry->first);
    out.push_back('=');
    out += percent_encode(entry->second);
  }
  return out;
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
