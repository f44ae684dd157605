#pragma once
// A request sequence as generators, shrinking, replay files and the fuzzer see it: calls whose
// parameters may name pairs symbolically, waits, and settle points (M3). Symbolic names are
// resolved by the run loop when the step is sent:
//   {pair:N}  the ReplicaPairId of the N-th pair this sequence created (0-based); a well-formed
//             ID that no target knows when there is no such pair yet
//   {primary:N} / {standby:N}  the region pair N was created in / replicates to (the fixture's
//             first two regions when there is no such pair)
//   {tok:N}   a ClientToken unique to this sequence; {nonce:N} likewise for envelope.nonce
//   {next}    the NextToken of the last DescribeDiskReplicaPairs response ("" when none)
//   {pairs}   every pair this sequence created so far, comma-separated (a PairIds filter), or
//             the unknown ID when none
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "models/request.hpp"

namespace paircheck::harness {

inline constexpr std::string_view kUnknownPairId = "pair-cn-hangzhou-0nosuchpair0";

struct Step {
  enum class Kind : std::uint8_t {
    kCall,    // send `request`
    kWait,    // let `seconds` pass (moves a virtual clock, sleeps on a real one)
    kSettle,  // poll Describe until pair `slot` leaves its transient status (M3)
    kRace,    // send every request of `racing` at once, one thread each; judged as overlapping
  };
  Step() = default;
  Step(Kind k, model::Request r, double s, std::size_t n, std::vector<model::Request> race = {})
      : kind(k), request(std::move(r)), seconds(s), slot(n), racing(std::move(race)) {}

  Kind kind = Kind::kCall;
  model::Request request;
  double seconds = 0;
  std::size_t slot = 0;
  std::vector<model::Request> racing;  // kRace: two or more requests (placeholders as for kCall)
};

using Sequence = std::vector<Step>;

// One line for progress output and reports: "StartDiskReplicaPair RegionId=... OneShot=true";
// a race shows its requests joined by " || ".
std::string show(const Step& step);

// Replay files (`paircheck replay`) hold a sequence as JSON: {"steps": [...]}; a race step is
// {"kind": "race", "requests": [...]}.
nlohmann::json to_json(const Sequence& sequence);
// Returns an error message (one line, naming the step and field) or "" on success.
std::string from_json(const nlohmann::json& j, Sequence& out);

}  // namespace paircheck::harness
