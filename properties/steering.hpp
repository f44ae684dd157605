#pragma once
// Steering toward the coverage map's unvisited cells (harness.md "Steering", models/cells.hpp).
// The search draws several gene vectors per sequence and runs the one this scores highest: the
// number of reachable cells, not yet visited, that the decoded sequence is predicted to visit.
// The prediction reads the decoded requests only (no target, no model run): a parameter's form
// is exact, a token situation is read from the tokens the sequence reuses, and a pair's status
// before a call is the decoder's guess (properties/guide.hpp). An outcome is never predicted,
// only its class by where the call is sent (the pair's site, its other site, elsewhere): a
// (projection, operation, situation, class) counts while none of its reachable cells was
// visited, so the steering biases toward what was never tried and never scripts an answer. An
// effect cell is predicted for a listing after a Modify of the same sequence that sent the field;
// such a Modify is worth kMoveWorth while the effect was never read back.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
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
    std::vector<bool> predicted;          // by prefix index (reachable prefixes only)
    std::vector<model::Request> earlier;  // the calls so far, for token situations
  };
  // How many reachable cell prefixes, neither visited yet nor predicted by the plan, `step`
  // (on a pair the guide places in `phase`) may visit; add() puts the step into the plan.
  // `damaged`: the step was decoded with a part the target must refuse (the decoder's flag): its
  // answer does not depend on the pair, so it is predicted to visit no status cell.
  double gain(const Plan& plan, const harness::Step& step, Phase phase, bool damaged = false) const;
  void add(Plan& plan, const harness::Step& step, Phase phase, bool damaged = false) const;
  // What moving a pair from `phase` to `next` is worth to a step-wise choice: kMoveWorth when
  // `next` is another phase one of whose statuses still has a status cell prefix not visited,
  // else 0. A settle or a lifecycle step visits little itself, but without it the greedy choice
  // kept a pair in a passing status, sending damaged calls with new forms, and never got deep.
  double move_worth(Phase phase, Phase next) const;
  static constexpr double kMoveWorth = 0.5;

  // Cells the decoded sequence may visit that no run of this steering has visited yet.
  // `phases`: the guide's guess of each step's pair before it, `damaged` (if given) each step's
  // damage flag (SequenceDecoder::decode).
  double score(const harness::Sequence& sequence, const std::vector<Phase>& phases,
               const std::vector<bool>* damaged = nullptr) const;
  // Records what a sequence visited (model::cells_of of each judged step).
  void visit(const harness::SequenceResult& result);

  std::size_t visited() const;

 private:
  // "token|StopDiskReplicaPair|fresh|200" -> "token|StopDiskReplicaPair|fresh": the prefix of
  // a cell without its outcome (form and effect cells have none: the whole key).
  // Status and token cells are steered per outcome class, not per outcome: the key is the
  // prefix and the class ("status|StopDiskReplicaPair|normal|elsewhere").
  static std::string prefix(const std::string& cell);
  static std::string_view outcome_class(std::string_view outcome);
  static std::string_view where_sent(const model::Request& r);
  // The reachable prefixes one step may visit, given the calls before it, as indices into
  // prefixes_ (a prediction builds each key in one buffer and looks it up: no set of strings
  // per candidate, which made steering a fifth of an in-process run's CPU).
  void predict_step(const harness::Step& step, Phase phase, bool damaged,
                    const std::vector<model::Request>& earlier,
                    std::vector<std::uint32_t>& out) const;
  std::optional<std::uint32_t> index_of(std::string_view prefix) const;

  // 1 for a reachable prefix none of whose cells was visited yet, else 0 (with mutex_ held).
  double worth(std::uint32_t prefix) const { return visited_prefixes_[prefix] ? 0 : 1; }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> prefixes_;  // the reachable prefixes, sorted
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
  mutable std::mutex mutex_;
  std::set<std::string> visited_cells_;
  std::vector<bool> visited_prefixes_;  // by index
  // By pair status ("stopping"): the status cell prefixes of that status.
  std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>> by_status_;
};

}  // namespace paircheck::properties
