// An in-process emulator with one planted fault, on a virtual clock: each run starts from a reset
// state, so every run of a sequence answers the same (shrink_batch_test, step_pass_test).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "emulator/service.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/run_sequence.hpp"
#include "harness/universe.hpp"
#include "models/belief_set.hpp"
#include "models/profile.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::properties {

struct FaultRig {
  explicit FaultRig(const std::string& fault) {
    emulator::ServiceConfig config;
    config.faults = {fault};
    target = std::make_unique<harness::InProcessTarget>(config, fixtures,
                                                        harness::SignatureVersion::kV3, 1);
  }
  // One sequence on a fresh emulator state.
  harness::SequenceResult run(const harness::Sequence& sequence) {
    EXPECT_EQ(target->reset(), "");
    model::BeliefSet beliefs(universe, model::default_profile());
    harness::RunOptions options;
    options.unique_prefix = "b" + std::to_string(runs++);
    return harness::run_sequence(*target, beliefs, sequence, options);
  }
  protocol::Fixtures fixtures = protocol::default_fixtures();
  model::Universe universe = harness::universe_from(fixtures);
  std::unique_ptr<harness::InProcessTarget> target;
  std::size_t runs = 0;
};

}  // namespace paircheck::properties
