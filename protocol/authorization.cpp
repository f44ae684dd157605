#include "protocol/authorization.hpp"

namespace paircheck::protocol {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

WireError malformed(std::string_view why) {
  return WireError{"IncompleteSignature",
                   "The Authorization header is malformed: " + std::string(why) + "."};
}

}  // namespace

Result<Authorization> parse_authorization(std::string_view header) {
  header = trim(header);
  const std::size_t space = header.find(' ');
  if (space == std::string_view::npos) return malformed("no algorithm and credential");
  if (header.substr(0, space) != kV3Algorithm) return malformed("unsupported algorithm");
  std::string_view rest = header.substr(space + 1);

  Authorization out;
  bool have_credential = false, have_headers = false, have_signature = false;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view field = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t eq = field.find('=');
    if (eq == std::string_view::npos) return malformed("a field without '='");
    const std::string_view name = field.substr(0, eq);
    const std::string_view value = field.substr(eq + 1);
    if (value.empty()) return malformed("an empty field");
    if (name == "Credential") {
      if (have_credential) return malformed("Credential repeated");
      have_credential = true;
      out.access_key_id = std::string(value);
    } else if (name == "SignedHeaders") {
      if (have_headers) return malformed("SignedHeaders repeated");
      have_headers = true;
      std::string_view list = value;
      while (true) {
        const std::size_t semi = list.find(';');
        const std::string_view item = list.substr(0, semi);
        if (item.empty()) return malformed("an empty name in SignedHeaders");
        out.signed_headers.emplace_back(item);
        if (semi == std::string_view::npos) break;
        list = list.substr(semi + 1);
      }
    } else if (name == "Signature") {
      if (have_signature) return malformed("Signature repeated");
      have_signature = true;
      out.signature = std::string(value);
    } else {
      return malformed("unknown field");
    }
  }
  if (!have_credential) return malformed("no Credential");
  if (!have_headers) return malformed("no SignedHeaders");
  if (!have_signature) return malformed("no Signature");
  return out;
}

std::string format_authorization(const Authorization& auth) {
  std::string out(kV3Algorithm);
  out += " Credential=" + auth.access_key_id + ",SignedHeaders=";
  for (std::size_t i = 0; i < auth.signed_headers.size(); ++i) {
    if (i > 0) out.push_back(';');
    out += auth.signed_headers[i];
  }
  out += ",Signature=" + auth.signature;
  return out;
}

}  // namespace paircheck::protocol
