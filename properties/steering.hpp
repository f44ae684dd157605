#pragma once
// Steering toward the coverage map's unvisited cells (harness.md "Steering", models/cells.hpp).
// The search draws several gene vectors per sequence and runs the one this scores highest: the
// number of reachable cells, not yet visited, that the decoded sequence is predicted to visit.
// The prediction reads the decoded requests only (no target, no model run): a parameter's form
// is exact, a token situation is read from the tokens the sequence reuses, and a pair's status
// before a call is the decoder's guess (properties/guide.hpp). An outcome is never predicted,
// only its class by where the call is sent (the pair's site, its other site, elsewhere): a
// (projection, operation, situation, class) counts while none of its reachable cells was
// visited, so the steering biases toward what was never tried and never scripts an answer.
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harness/run_sequence.hpp"
#include "models/request.hpp"
#include "properties/guide.hpp"

namespace paircheck::properties {

class Steering {
 public:
  // `reachable`: model::reachable_cells() of the run.
  explicit Steering(const std::set<std::string>& reachable);

  // Step-wise steering: what the steps chosen so far for one sequence are predicted to visit.
  struct Plan {
    std::set<std::string> predicted;      // cell prefixes (reachable ones only)
    std::vector<model::Request> earlier;  // the calls so far, for token situations
  };
  // How many reachable cell prefixes, neither visited yet nor predicted by the plan, `step`
  // (on a pair the guide places in `phase`) may visit; add() puts the step into the plan.
  double gain(const Plan& plan, const harness::Step& step, Phase phase) const;
  void add(Plan& plan, const harness::Step& step, Phase phase) const;

  // Cells the decoded sequence may visit that no run of this steering has visited yet.
  // `phases`: the guide's guess of each step's pair before it (SequenceDecoder::decode).
  double score(const harness::Sequence& sequence, const std::vector<Phase>& phases) const;
  // Records what a sequence visited (model::cells_of of each judged step).
  void visit(const harness::SequenceResult& result);

  std::size_t visited() const;

 private:
  // "token|StopDiskReplicaPair|fresh|200" -> "token|StopDiskReplicaPair|fresh": the prefix of
  // a cell without its outcome (form cells have none: the whole key).
  // Status and token cells are steered per outcome class, not per outcome: the key is the
  // prefix and the class ("status|StopDiskReplicaPair|normal|elsewhere").
  static std::string prefix(const std::string& cell);
  static std::string_view outcome_class(std::string_view outcome);
  static std::string_view where_sent(const model::Request& r);
  std::set<std::string> predict(const harness::Sequence& sequence,
                                const std::vector<Phase>& phases) const;
  // The prefixes one step may visit, given the calls before it.
  void predict_step(const harness::Step& step, Phase phase,
                    const std::vector<model::Request>& earlier,
                    std::vector<std::string>& out) const;

  // 1 for a reachable prefix none of whose cells was visited yet, else 0 (with mutex_ held).
  double worth(const std::string& prefix) const;

  std::set<std::string> reachable_prefixes_;
  mutable std::mutex mutex_;
  std::set<std::string> visited_cells_;
  std::set<std::string> visited_prefixes_;
};

}  // namespace paircheck::properties
