// Frequent contract errors (see errors.hpp).
#include "emulator/errors.hpp"

namespace paircheck::emulator {

ApiError missing_parameter(std::string_view name) {
  std::string n(name);
  // Missing<Name> for plain names; list entries (Tag.1.Key) get the generic code.
  const bool plain = n.find('.') == std::string::npos;
  return {400, plain ? "Missing" + n : "MissingParameter", n + " is mandatory for this action."};
}

ApiError invalid_parameter(std::string_view name, std::string_view why) {
  return {400, "InvalidParameter",
          "The parameter " + std::string(name) + " is invalid: " + std::string(why)};
}

ApiError no_such_resource() {
  return {404, "NoSuchResource", "The specified resource does not exist."};
}

ApiError invalid_status() {
  return {403, "OperationDenied.InvalidStatus", "The operation is not allowed in current status."};
}

ApiError operation_denied(std::string_view code_suffix, std::string_view message) {
  std::string code = "OperationDenied";
  if (!code_suffix.empty()) code += "." + std::string(code_suffix);
  return {403, code, std::string(message)};
}

ApiError incorrect_disk_status(std::string_view message) {
  return {403, "IncorrectDiskStatus", std::string(message)};
}

}  // namespace paircheck::emulator
