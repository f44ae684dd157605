// The control endpoint (see control.hpp).
#include "emulator/control.hpp"

#include <cmath>
#include <cstdlib>
#include <variant>

#include "emulator/gateway.hpp"
#include "protocol/params.hpp"
#include "protocol/request_params.hpp"

namespace paircheck::emulator {

bool is_control_request(const HttpRequest& request, const ServiceConfig& config) {
  return !config.control_token.empty() &&
         protocol::split_target(request.target).path.starts_with(kControlPrefix);
}

bool valid_advance(double seconds) {
  return std::isfinite(seconds) && seconds >= 0 && seconds <= 10.0 * 366 * 24 * 3600;
}

std::variant<ControlRequest, ApiError> parse_control(const HttpRequest& request,
                                                     const ServiceConfig& config,
                                                     bool virtual_clock) {
  const std::string* token = find_header(request, kControlTokenHeader);
  if (token == nullptr || *token != config.control_token) {
    return ApiError{403, "Forbidden", "The control token is missing or wrong."};
  }
  const auto split = protocol::split_target(request.target);
  if (split.path == "/_paircheck/health") {
    if (request.method != "GET") {
      return ApiError{400, "UnsupportedHTTPMethod", "Use GET for /_paircheck/health."};
    }
    return ControlRequest{ControlRequest::Kind::kHealth, 0};
  }
  if (split.path == "/_paircheck/reset") {  // back to the fixture's initial state
    if (request.method != "POST") {
      return ApiError{400, "UnsupportedHTTPMethod", "Use POST for /_paircheck/reset."};
    }
    return ControlRequest{ControlRequest::Kind::kReset, 0};
  }
  if (split.path != "/_paircheck/clock/advance") {
    return ApiError{404, "InvalidApi.NotFound", "Specified api is not found."};
  }
  if (request.method != "POST") {
    return ApiError{400, "UnsupportedHTTPMethod", "Use POST for /_paircheck/clock/advance."};
  }
  if (!virtual_clock) {
    return invalid_parameter("seconds", "the clock is real and cannot be advanced");
  }
  auto query = protocol::parse_urlencoded(split.query);
  const std::string* text = query ? protocol::find_param(*query, "seconds") : nullptr;
  if (text == nullptr || text->empty() || text->size() > 32) {
    return invalid_parameter("seconds", "must be a number of seconds");
  }
  char* end = nullptr;
  const double seconds = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size() || !valid_advance(seconds)) {
    return invalid_parameter("seconds", "must be a finite number between 0 and ten years");
  }
  return ControlRequest{ControlRequest::Kind::kAdvance, seconds};
}

}  // namespace paircheck::emulator
