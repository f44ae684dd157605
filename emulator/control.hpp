// The test-only control endpoint (not part of the contract): GET /_paircheck/health,
// POST /_paircheck/clock/advance?seconds=N and POST /_paircheck/reset, present only when
// ServiceConfig::control_token is set, guarded by x-paircheck-control-token (docs/emulator.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/errors.hpp"
#include "emulator/service.hpp"

namespace paircheck::emulator {

inline constexpr std::string_view kControlPrefix = "/_paircheck/";
inline constexpr std::string_view kControlTokenHeader = "x-paircheck-control-token";

// What the control endpoint asks the service to do after its own checks.
struct ControlRequest {
  enum class Kind { kHealth, kAdvance, kReset } kind = Kind::kHealth;
  double seconds = 0;
};

// True when `request` is for the control endpoint (the token is set and the path matches).
bool is_control_request(const HttpRequest& request, const ServiceConfig& config);

// Token, method, path and `seconds` checks; `virtual_clock` says whether advancing is possible.
std::variant<ControlRequest, ApiError> parse_control(const HttpRequest& request,
                                                     const ServiceConfig& config,
                                                     bool virtual_clock);

// Amounts accepted by Service::advance_clock: finite, >= 0, at most ten years.
bool valid_advance(double seconds);

}  // namespace paircheck::emulator
