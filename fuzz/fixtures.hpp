#pragma once
// The built-in fixture file (fixtures/default.json, embedded at build time) of the fuzz targets.
#include "protocol/fixtures.hpp"

namespace paircheck::fuzz {

extern const char* const kDefaultFixtures;

inline protocol::Fixtures default_fixtures() {
  return protocol::parse_fixtures(kDefaultFixtures, "built-in fixtures");
}

}  // namespace paircheck::fuzz
