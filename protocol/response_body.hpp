// W2/W3: the JSON bodies of a success (RequestId + fields) and of an error (RequestId, HostId,
// Code, Message, Recommend; Code never absent).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace paircheck::protocol {

inline constexpr std::string_view kJsonContentType = "application/json;charset=utf-8";

// W2: `fields` must be a JSON object (or null for none); RequestId is put first and overrides a
// RequestId in `fields`.
std::string success_body(std::string_view request_id, const nlohmann::json& fields = nullptr);

struct ErrorBody {
  std::string request_id;
  std::string host_id;  // e.g. "ebs.cn-hangzhou.aliyuncs.com"
  std::string code;     // never empty on the wire (W3)
  std::string message;
  std::string recommend;  // omitted from the JSON when empty
  friend bool operator==(const ErrorBody&, const ErrorBody&) = default;
};

// W3. An empty `code` is written as "InternalError" so that no error body ever lacks Code.
std::string error_body(const ErrorBody& error);

// The troubleshooting link newer gateways put in Recommend.
std::string recommend_url(std::string_view code, std::string_view request_id,
                          std::string_view product = "Ebs");

// Client side: a JSON object with a string `Code` -> the error fields (missing strings empty);
// anything else (not JSON, not an object, no Code) -> nullopt.
std::optional<ErrorBody> parse_error_body(std::string_view body);

}  // namespace paircheck::protocol
