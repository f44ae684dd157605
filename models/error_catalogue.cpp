#include "models/error_catalogue.hpp"

#include <string>

namespace paircheck::model {
namespace {

const std::vector<CatalogueEntry>& entries() {
  static const std::vector<CatalogueEntry> kEntries = {
      {"UnsupportedHTTPMethod", {400, 403}},                   // G1
      {"InvalidApi.NotFound", {404}},                          // W1 path, G9
      {"IncompleteSignature", {400}},                          // G2
      {"MissingSignature", {400}},                             // G2
      {"MissingAccessKeyId", {400}},                           // G2
      {"InvalidAccessKeyId.NotFound", {400, 404}},             // G3
      {"InvalidSignatureMethod", {400}},                       // G4
      {"InvalidTimeStamp.Format", {400}},                      // G5
      {"InvalidTimeStamp.Expired", {400}},                     // G6
      {"SignatureDoesNotMatch", {400, 403}},                   // G7
      {"SignatureNonceUsed", {400}},                           // G8
      {"InvalidAction.NotFound", {404}},                       // G9
      {"InvalidVersion", {400}},                               // G10
      {"NoSuchVersion", {400}},                                // G10
      {"Forbidden.Action", {403}},                             // G11
      {"Forbidden", {403}},                                    // G11
      {"MissingParameter", {400}},                             // P1
      {"Missing<Name>", {400}},                                // P1
      {"InvalidParameter", {400}},                             // P2, O1, O9
      {"Invalid<Name>", {400}},                                // P2
      {"InvalidParameter.Format", {400}},                      // P2, W1 Format
      {"InvalidClientToken.ValueNotSupported", {400}},         // P3
      {"IdempotentParameterMismatch", {400}},                  // I2
      {"LastTokenProcessing", {403}},                          // I6
      {"NoSuchResource", {404}},                               // O0 existence, O1
      {"OperationDenied", {403}},                              // O1, O6
      {"OperationDenied.InvalidStatus", {403}},                // O0 status
      {"OperationDenied.StandbyDeviceAttached", {400}},        // O2, O3
      {"OperationDenied.ManualSyncLimit", {403}},              // O3
      {"OperationDenied.OperateNotAllowedForPrimary", {403}},  // O5, O6
      {"OperationDenied.OperateNotAllowedForStandby", {403}},  // O7
      {"InvalidDiskId.NotFound", {404}},                       // X1, X2
      {"InvalidInstanceId.NotFound", {404}},                   // X1, X2
      {"IncorrectDiskStatus", {403}},                          // X1-X3
  };
  return kEntries;
}

bool template_matches(std::string_view pattern, std::string_view code) {
  auto pos = pattern.find("<Name>");
  if (pos == std::string_view::npos) return pattern == code;
  std::string_view prefix = pattern.substr(0, pos);
  return code.size() > prefix.size() && code.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::span<const CatalogueEntry> error_catalogue() { return entries(); }

std::vector<int> catalogue_statuses(std::string_view code) {
  for (const CatalogueEntry& e : entries()) {
    if (e.code == code) return e.http;
  }
  for (const CatalogueEntry& e : entries()) {
    if (template_matches(e.code, code)) return e.http;
  }
  return {};
}

}  // namespace paircheck::model
