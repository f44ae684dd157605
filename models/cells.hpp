// The fine coverage map (issue 13, docs/scorecard.md "Cells"): a union of four projections of
// the judged steps, each cell a short stable string key.
//
//   status|<op>|<status before>|<outcome>  status|StopDiskReplicaPair|normal|200
//   token|<op>|<situation>|<outcome>       token|CreateDiskReplicaPair|replay-after-success|200
//   form|<Action>|<param>|<form>           form|StartDiskReplicaPair|OneShot|false
//   effect|<Action>|<field>|read-back      effect|ModifyDiskReplicaPair|Bandwidth|read-back
//
// <op> is the action, or StartDiskReplicaPair+OneShot for a Start with OneShot=true (O3), or
// "(other action)" for a name outside the contract. <status before> is each status the request's
// pair could have had (StepRecord::statuses_before), "(no pair)" for a request that names no known
// pair; a gateway or parameter refusal, or no answer, does not depend on the pair: "(any)".
// <outcome> is the outcome class: "200"; the error code of an operation, idempotency or disk rule
// (O*, I*, X*, S*, M*: OperationDenied.InvalidStatus, IdempotentParameterMismatch, ...); "gateway"
// for any refusal decided by a G or W rule; "parameter" for any refusal decided by a P rule;
// "unknown" for no answer (M2).
//
// The token projection covers the operations that take ClientToken (contract §4), for answers that
// got past G and P (the token was looked at). The situation is read from the verdict (the rules
// that shaped the judgement in some world that explains the answer, Verdict::exercised, and the
// deciding rules): I6 "in-flight", I2 "mismatch", I1 "replay-after-success", I3
// "replay-after-error"; a token none of these applied to is "fresh"; no ClientToken (or an empty
// one, which means none, §11) is "none". A step can be in several situations at once (one world
// replays, another evaluates afresh): it visits each.
//
// The form projection covers every parameter the action takes (models/forms.hpp), sent or
// missing, for requests the gateway did not refuse.
//
// The effect projection covers what an accepted call changed and a later listing read back: an
// effect cell is visited by a DescribeDiskReplicaPairs answered 200 that lists a pair after a
// ModifyDiskReplicaPair answered 200 set one of its listed fields (kEffectFields) to a value
// other than the one last known for it (from the Create, or an earlier Modify). The
// other projections see a Modify accepted and a listing judged, but not the two in that order, so
// a target that accepts a Modify and keeps the old value was found only by luck. Status changes
// need no such cell: the status projection sees every later call in the status it left.
#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/profile.hpp"
#include "models/reachability.hpp"
#include "models/universe.hpp"
#include "models/verdict.hpp"

namespace paircheck::model {

inline constexpr std::string_view kCellNoPair = "(no pair)";
inline constexpr std::string_view kCellAnyStatus = "(any)";
inline constexpr std::string_view kCellStartOneShot = "StartDiskReplicaPair+OneShot";
inline constexpr std::string_view kCellOtherAction = "(other action)";

// The cells one judged step visits. A step whose pair could be in several statuses visits one
// status cell per status. The effect cells depend on the steps before: EffectTracker.
std::vector<std::string> cells_of(const StepRecord& record);

// The fields of a pair a ModifyDiskReplicaPair sets and a listing shows (O8, O9): the request
// parameter names. EnableRtc is accepted but not listed (§5), so no effect of it can be read.
inline constexpr std::array<std::string_view, 4> kEffectFields = {"PairName", "Description", "RPO",
                                                                  "Bandwidth"};
std::string effect_cell(
    std::string_view field);  // "effect|ModifyDiskReplicaPair|<field>|read-back"

// The effect cells of a stream of judged steps, fed in the order they were sent (steps of other
// sequences may come between: pairs are told apart by their IDs). Bounded: a target that invents
// pair IDs cannot grow it past kMaxPairs (the oldest knowledge is dropped, never a wrong cell).
class EffectTracker {
 public:
  static constexpr std::size_t kMaxPairs = 4096;
  // The effect cells `record` visits (none for most steps).
  std::vector<std::string> cells_of(const StepRecord& record);

 private:
  struct Field {
    std::string known;     // the value last known ("" unknown); integers in canonical form
    bool pending = false;  // set by an accepted Modify, not yet read back
  };
  std::unordered_map<std::string, std::array<Field, kEffectFields.size()>> pairs_;
};

// cells_of(record) and the effect cells `effects` says it visits: every cell of one judged step.
std::vector<std::string> cells_of(const StepRecord& record, EffectTracker& effects);

// The cells a run with this profile, these fixtures and these abilities can visit, computed by
// exploring the model: breadth-first over the worlds one pair of the fixtures can reach from the
// empty world (step(), background moves S1-S6, time passing the O3 cooldown), each operation sent
// in its well-formed variants and its damaged ones (a signature that does not verify, a required
// parameter left out); the token situations stepped from each world; the form cells from the
// parameter table. Deterministic in its inputs.
std::set<std::string> reachable_cells(const Profile& profile, const Universe& universe,
                                      const RunAbilities& run);

// "status", "token", "form" or "effect": the projection of a cell key ("" for anything else).
std::string_view projection_of(std::string_view cell);

// The operation of a request as the map names it (<op> above).
std::string cell_operation(const Request& request);

// Sometimes-goals (issue 13 item 4): what must happen at least once in a run, each a predicate
// over judged steps. A goal is reachable when the cells that witness it are (reachable_cells).
struct Goal {
  std::string_view id;    // "goal:start-while-stopping"
  std::string_view text;  // one line
};
const std::vector<Goal>& goals();
// The goals one judged step reaches (IDs from goals()), given its cells (cells_of(record)).
std::vector<std::string_view> goals_of(const StepRecord& record,
                                       const std::vector<std::string>& cells);
// Whether a run whose reachable cells are `reachable` can reach the goal.
bool goal_reachable(std::string_view id, const std::set<std::string>& reachable);

}  // namespace paircheck::model
