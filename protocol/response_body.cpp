#include "protocol/response_body.hpp"

#include "protocol/percent_encoding.hpp"

namespace paircheck::protocol {

std::string success_body(std::string_view request_id, const nlohmann::json& fields) {
  // ordered_json keeps RequestId first, as the vendor's responses do.
  nlohmann::ordered_json out;
  out["RequestId"] = request_id;
  if (fields.is_object()) {
    for (const auto& [name, value] : fields.items()) {
      if (name != "RequestId") out[name] = value;
    }
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string error_body(const ErrorBody& error) {
  nlohmann::ordered_json out;
  out["RequestId"] = error.request_id;
  out["HostId"] = error.host_id;
  out["Code"] = error.code.empty() ? std::string("InternalError") : error.code;
  out["Message"] = error.message;
  if (!error.recommend.empty()) out["Recommend"] = error.recommend;
  // `replace`: a message that echoes non-UTF-8 input must not make dump() throw.
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string recommend_url(std::string_view code, std::string_view request_id,
                          std::string_view product) {
  return "https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=" + percent_encode(code) +
         "&product=" + percent_encode(product) + "&requestId=" + percent_encode(request_id);
}

std::optional<ErrorBody> parse_error_body(std::string_view body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  const auto code = json.find("Code");
  if (code == json.end() || !code->is_string()) return std::nullopt;
  auto text = [&](const char* name) {
    const auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return ErrorBody{text("RequestId"), text("HostId"), code->get<std::string>(), text("Message"),
                   text("Recommend")};
}

}  // namespace paircheck::protocol
