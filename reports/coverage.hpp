// Contract coverage (docs/scorecard.md "coverage"): the status x operation x outcome matrix of a
// run, and per operation the error codes seen against those the contract allows (the model's
// `allowed` lists of the run, plus the contract's own table of codes per operation).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/cells.hpp"
#include "models/verdict.hpp"

namespace paircheck::reports {

// The matrix row of a request with no pair (Create, Describe, disks) or an unknown pair.
inline constexpr const char* kNoPair = "(no pair)";
// Operation column of a StartDiskReplicaPair with OneShot=true (O3).
inline constexpr const char* kStartOneShot = "StartDiskReplicaPair+OneShot";
inline constexpr const char* kOtherAction = "(other action)";
inline constexpr const char* kOtherCode = "(other code)";
inline constexpr const char* kUnknownOutcome = "unknown";  // no response (M2)
// Distinct outcomes kept per operation; a hostile target cannot grow the report past this.
inline constexpr std::size_t kMaxCodesPerOperation = 64;

struct Cell {
  std::map<std::string, std::uint64_t> outcomes;  // "200", an error code, "unknown"
  std::uint64_t total = 0;
  std::uint64_t failed = 0;  // non-conformant verdicts in this cell
  // An example to look at: the generated sequence that first visited the cell (none when the
  // caller does not know it), and the finding keys of its failing steps (reports link to those).
  std::optional<std::size_t> first_sequence;
  std::set<std::string> failure_keys;
};

// Finding keys kept per cell; a hostile target cannot grow the report past this.
inline constexpr std::size_t kMaxFailureKeysPerCell = 8;

struct OperationCodes {
  std::map<std::string, std::uint64_t> seen;  // outcomes seen (errors and "200")
  std::set<std::string> model_allowed;        // codes the model allowed at some step
};

class Coverage {
 public:
  // Adds one judged step of generated sequence `sequence` (none: not known). A request whose pair
  // could be in several statuses counts once in each.
  void add(const model::StepRecord& record, std::optional<std::size_t> sequence = std::nullopt);

  const std::map<std::pair<std::string, std::string>, Cell>& cells() const { return cells_; }
  const std::map<std::string, OperationCodes>& operations() const { return ops_; }
  // The error codes the contract allows for `operation`: its table plus what the model allowed.
  std::set<std::string> contract_codes(const std::string& operation) const;

 private:
  std::map<std::pair<std::string, std::string>, Cell> cells_;  // (status, operation)
  std::map<std::string, OperationCodes> ops_;
};

// Column order: the contract's operations (O1-O10 with Start split by OneShot, X), then others.
const std::vector<std::string>& operation_columns();
// Row order: kNoPair, then the 19 statuses of contract §5.
const std::vector<std::string>& status_rows();
// "Create", "Start", "Start OneShot", "Describe", "Progress", "AttachDisk", ...
std::string short_operation(const std::string& operation);
// The operation of a request: its action, kStartOneShot, or kOtherAction.
std::string operation_of(const model::Request& request);
// "200", the error code, "HTTP <n>" for an error without a code, or kUnknownOutcome.
std::string outcome_of(const std::optional<model::Observed>& observed);
// The codes of one `allowed` entry of a verdict ("400/403 A|B [G1]" -> {A, B}; "200 ..." -> {200}).
std::vector<std::string> codes_of_allowed(const std::string& entry);

nlohmann::json to_json(const Coverage& coverage);

// Distinct visited cells kept; a hostile target's codes cannot grow the report past this.
inline constexpr std::size_t kMaxVisitedCells = 20000;
// Unvisited reachable cells (and visited cells outside the reachable ones) listed in the JSON.
inline constexpr std::size_t kMaxCellsListed = 500;

struct ProjectionCount {
  std::size_t reachable = 0, visited = 0;  // visited: of the reachable (all, when not known)
};

// The fine coverage map of a run (models/cells.hpp, docs/scorecard.md "Cells"): the cells the
// run could visit (the run line's reachable_cells), the cells its judged steps visited, and how
// many steps reached each sometimes-goal.
class CellMap {
 public:
  // The run line's reachable cells; an empty list (logs before issue 13) leaves them unknown.
  void set_reachable(const std::vector<std::string>& cells);
  // Adds one judged step: its cells and its goals. Steps come in the order they were sent (the
  // effect cells depend on the steps before).
  void add(const model::StepRecord& record);

  bool reachable_known() const { return reachable_known_; }
  const std::set<std::string>& reachable() const { return reachable_; }
  const std::set<std::string>& visited() const { return visited_; }
  // Visited cells among the reachable ones (every visited cell when those are not known).
  std::size_t visited_reachable() const;
  // "status", "token", "form", "effect", each with its counts.
  std::map<std::string, ProjectionCount> by_projection() const;
  // Reachable cells no step visited, sorted.
  std::vector<std::string> unvisited() const;
  // Visited cells the model did not list as reachable (a step whose pair could be in several
  // statuses, a target answering outside the contract), sorted.
  std::vector<std::string> outside() const;
  std::uint64_t goal_count(std::string_view id) const;
  // Why the run cannot reach the goal ("" when it can, or when the reachable cells are unknown).
  std::string goal_unreachable(std::string_view id) const;

 private:
  bool reachable_known_ = false;
  std::set<std::string> reachable_;
  std::set<std::string> visited_;
  std::uint64_t visited_dropped_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> goals_;
  model::EffectTracker effects_;
};

// {"reachable", "visited", "by_projection", "unvisited", "unvisited_dropped", "outside_reachable",
// "outside_dropped"} (docs/scorecard.md).
nlohmann::json cells_json(const CellMap& cells);
// [{"id", "text", "reached", "unreachable"}] for every goal of model::goals().
nlohmann::json goals_json(const CellMap& cells);

}  // namespace paircheck::reports
