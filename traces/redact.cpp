#include "traces/redact.hpp"

#include <array>

#include "protocol/ascii.hpp"
#include "protocol/percent_encoding.hpp"

namespace paircheck::traces {
bool is_secret_param(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kNames = {"Signature", "SignatureNonce",
                                                             "AccessKeySecret", "SecurityToken"};
  for (std::string_view n : kNames) {
    if (protocol::iequals(name, n)) return true;
  }
  return false;
}

bool is_secret_header(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kNames = {
      "x-acs-signature-nonce", "x-acs-security-token", "x-paircheck-control-token", "cookie"};
  for (std::string_view n : kNames) {
    if (protocol::iequals(name, n)) return true;
  }
  return false;
}

std::string redact_query(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view part = query.substr(start, end - start);
    const std::size_t eq = part.find('=');
    const std::string_view raw_name = part.substr(0, eq);
    auto name = protocol::percent_decode(raw_name);
    if (eq != std::string_view::npos && is_secret_param(name ? name.value() : raw_name)) {
      out.append(raw_name).append("=").append(kRedacted);
    } else {
      out.append(part);
    }
    if (end == query.size()) break;
    out.push_back('&');
    start = end + 1;
  }
  return out;
}

std::string redact_authorization(std::string_view value) {
  const std::size_t at = value.find("Signature=");
  if (value.rfind("ACS3-", 0) != 0 || at == std::string_view::npos) return std::string(kRedacted);
  std::size_t end = value.find(',', at);
  std::string out(value.substr(0, at));
  out.append("Signature=").append(kRedacted);
  if (end != std::string_view::npos) out.append(value.substr(end));
  return out;
}

protocol::Headers redact_headers(const protocol::Headers& headers) {
  protocol::Headers out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    if (protocol::iequals(name, "authorization")) {
      out.emplace_back(name, redact_authorization(value));
    } else if (is_secret_header(name)) {
      out.emplace_back(name, std::string(kRedacted));
    } else {
      out.emplace_back(name, value);
    }
  }
  return out;
}

}  // namespace paircheck::traces
