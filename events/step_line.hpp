// The compact step record of run-log/3 (docs/run-log.md "step"): model::StepRecord's JSON
// (models/json_io.hpp) without what a reader restores by default, so that a step line is a few
// hundred bytes, not ~1.2 KB. model::from_json(StepRecord) reads it as it reads /2 records.
#pragma once

#include <nlohmann/json.hpp>

#include "models/verdict.hpp"

namespace paircheck::events {

// Left out: envelope fields at their defaults (POST, "/", ak-admin, signature none, timestamp ok,
// offset 0, nonce not reused), a zero `time`, `unknown` unless true, an absent `observed`, an
// empty `code`, `target_pair` and `statuses_before`; and on a conformant step the verdict's and
// the answer's `message` and of each pair a Describe showed all but its ID and Status (what the
// reports use; a failing step keeps them all, and so do the records of a finding line).
nlohmann::json compact_record(const model::StepRecord& record);

// A `sequence` line's steps (harness::to_json(Sequence)) with the same envelope and time fields
// left out of each request: harness::from_json(Sequence) reads them back the same.
void compact_sequence(nlohmann::json& steps);

}  // namespace paircheck::events
