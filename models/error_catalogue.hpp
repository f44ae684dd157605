// The error catalogue: every error code the contract names (G, P, I, O, X rows) with the HTTP
// statuses it may come with. default_profile() builds its ErrorSpecs from it.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace paircheck::model {

struct CatalogueEntry {
  std::string_view code;  // "Missing<Name>" / "Invalid<Name>" are templates
  std::vector<int> http;
};

std::span<const CatalogueEntry> error_catalogue();
// Allowed HTTP statuses of a code (templates match their expansions); empty if unknown.
std::vector<int> catalogue_statuses(std::string_view code);

}  // namespace paircheck::model
