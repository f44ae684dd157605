// Contract errors as values (W3) and the result of one handled operation (W2): the codes and HTTP
// statuses this emulator picks among the ones §2-§7 allow.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace paircheck::emulator {

struct ApiError {
  int status = 400;
  std::string code;
  std::string message;
};

// What an operation produced: either an error or the success fields (W2, without RequestId).
struct OpResult {
  std::optional<ApiError> error;
  nlohmann::json fields = nlohmann::json::object();

  static OpResult fail(ApiError e) { return OpResult{std::move(e), nlohmann::json::object()}; }
  static OpResult ok(nlohmann::json f = nlohmann::json::object()) {
    return OpResult{std::nullopt, std::move(f)};
  }
};

// Frequent errors, one place for their code, status and message.
ApiError missing_parameter(std::string_view name);                        // P1: 400 Missing<Name>
ApiError invalid_parameter(std::string_view name, std::string_view why);  // P2: 400
ApiError no_such_resource();                                              // O0: 404 NoSuchResource
ApiError invalid_status();  // O0: 403 OperationDenied.InvalidStatus
ApiError operation_denied(std::string_view code_suffix, std::string_view message);  // 403
ApiError incorrect_disk_status(std::string_view message);  // X: 403 IncorrectDiskStatus

}  // namespace paircheck::emulator
