#pragma once
// The model's coverage as libFuzzer extra counters: one slot per (status before x operation x
// outcome code) of each judged step, and one per cell of the coverage map it visits
// (models/cells.hpp: token situations, parameter forms, effects read back), hashed into
// kModelCoverageSlots, so that the search is guided by the contract even where the target is a
// black box.
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/cells.hpp"
#include "models/verdict.hpp"

namespace paircheck::fuzz {

inline constexpr std::size_t kModelCoverageSlots = 4096;

// Bumps the slots of one judged step (each status the pair may have had before it), and of the
// effect cells `effects` (one tracker per input: the emulator may reuse a pair ID in the next
// one) says it visits.
void count_model_coverage(const model::StepRecord& record, model::EffectTracker* effects = nullptr);
// The slot a triple lands in (tests and the campaign's summary).
std::size_t model_coverage_slot(std::uint32_t status_bit, const std::string& action,
                                const std::string& code);
// Slots that are non-zero right now (libFuzzer clears them before every input).
std::size_t model_coverage_hits();

}  // namespace paircheck::fuzz
