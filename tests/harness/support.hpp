#pragma once
// Shared by the harness tests: the default fixture file, an in-process target and a belief set.
#include <fstream>
#include <sstream>
#include <string>

#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "models/belief_set.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::testing {

inline protocol::Fixtures default_fixtures() {
  return protocol::load_fixtures(PAIRCHECK_SOURCE_DIR "/fixtures/default.json");
}

inline emulator::ServiceConfig virtual_config(std::vector<std::string> faults = {}) {
  emulator::ServiceConfig config;
  config.faults = std::move(faults);
  return config;
}

}  // namespace paircheck::testing
