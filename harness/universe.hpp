#pragma once
// The model's view of a fixture file (contract §10): the harness reads the file once with
// protocol::load_fixtures and hands the model a std-only Universe.
#include "models/universe.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::harness {

model::Universe universe_from(const protocol::Fixtures& fixtures);

}  // namespace paircheck::harness
