// The judge's answer to one response (M1, M4) and one run-log line (StepRecord).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/observed.hpp"
#include "models/request.hpp"
#include "models/status.hpp"

namespace paircheck::model {

struct Verdict {
  bool conformant = true;
  std::vector<std::string> rule_ids;  // rules involved (deciding rules when conformant)
  std::vector<std::string> allowed;   // e.g. "403 OperationDenied.InvalidStatus [O2]"
  std::string message;                // starts with the first rule ID: "[O2] ..."
  std::string dedup_key;              // rule IDs + action + observed code: buckets failures
};

struct StepRecord {
  std::size_t index = 0;
  Request request;
  std::optional<Observed> observed;  // nullopt: unknown outcome (M2)
  Verdict verdict;
  std::string target_pair;        // ReplicaPairId of the request, if any
  PairStatusSet statuses_before;  // what the target pair could have been before the step
};

}  // namespace paircheck::model
