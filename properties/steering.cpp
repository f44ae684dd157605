#include "properties/steering.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "models/cells.hpp"
#include "models/forms.hpp"
#include "models/params.hpp"
#include "models/request.hpp"

namespace paircheck::properties {
namespace {

// The statuses the model may hold for a pair the guide places in `phase`.
std::vector<std::string_view> statuses(Phase phase) {
  switch (phase) {
    case Phase::kNone:
      return {};
    case Phase::kCreating:
      return {"creating", "created"};
    case Phase::kCreated:
      return {"created"};
    case Phase::kSyncing:
      return {"initial_syncing", "normal", "syncing"};
    case Phase::kManual:
      return {"manual_syncing", "stopped"};
    case Phase::kStopping:
      return {"stopping", "stopped"};
    case Phase::kStopped:
      return {"stopped"};
    case Phase::kFailingOver:
      return {"failovering", "failovered"};
    case Phase::kFailovered:
      return {"failovered"};
    case Phase::kReprotecting:
      return {"reprotecting", "stopped", "normal"};
    case Phase::kDeleting:
      return {"deleting", "deleted"};
    case Phase::kDeleted:
      return {"deleted"};
  }
  return {};
}

// Business parameters as the token rules compare them (I2): everything but the token itself.
bool same_business_params(const model::Params& a, const model::Params& b) {
  auto business = [](const std::pair<std::string, std::string>& p) {
    return p.first != "ClientToken";
  };
  auto i = a.begin(), j = b.begin();
  for (;;) {
    i = std::find_if(i, a.end(), business);
    j = std::find_if(j, b.end(), business);
    if (i == a.end() || j == b.end()) return i == a.end() && j == b.end();
    if (*i != *j) return false;
    ++i, ++j;
  }
}

}  // namespace

// The outcome class a call is predicted to get by where it is sent: a pair call whose pair or
// region is not one of the sequence's placeholders goes "elsewhere"; Failover and Reprotect
// sent to the primary, or Delete to the standby, go to the wrong "site" (the guess assumes the
// pair's first direction: after a reversing Reprotect it is the other way round, a bias only);
// everything else "here".
std::string_view Steering::where_sent(const model::Request& r) {
  const auto pair = model::find_param(r.params, "ReplicaPairId");
  if (!pair) return "here";
  const std::string region = model::find_param(r.params, "RegionId").value_or("");
  const bool primary = region.starts_with("{primary:");
  if (!pair->starts_with("{pair:") || (!primary && !region.starts_with("{standby:"))) {
    return "elsewhere";
  }
  if (r.action == "FailoverDiskReplicaPair" || r.action == "ReprotectDiskReplicaPair") {
    return primary ? "site" : "here";
  }
  if (r.action == "DeleteDiskReplicaPair") return primary ? "here" : "site";
  return "here";
}

Steering::Steering(const std::set<std::string>& reachable) {
  std::set<std::string> prefixes;
  for (const std::string& cell : reachable) prefixes.insert(prefix(cell));
  prefixes_.assign(prefixes.begin(), prefixes.end());
  index_.reserve(prefixes_.size());
  for (std::uint32_t i = 0; i < prefixes_.size(); ++i) {
    index_.emplace(prefixes_[i], i);
    const std::string& p = prefixes_[i];
    if (!p.starts_with("status|")) continue;
    const std::size_t op_end = p.find('|', 7);
    const std::size_t status_end = p.find('|', op_end + 1);
    if (op_end == std::string::npos || status_end == std::string::npos) continue;
    by_status_[p.substr(op_end + 1, status_end - op_end - 1)].push_back(i);
  }
  visited_prefixes_.assign(prefixes_.size(), false);
}

double Steering::move_worth(Phase phase, Phase next) const {
  if (next == phase) return 0;
  std::lock_guard lock(mutex_);
  for (std::string_view s : statuses(next)) {
    const auto it = by_status_.find(s);
    if (it == by_status_.end()) continue;
    for (const std::uint32_t i : it->second) {
      if (!visited_prefixes_[i]) return kMoveWorth;
    }
  }
  return 0;
}

std::optional<std::uint32_t> Steering::index_of(std::string_view prefix) const {
  const auto it = index_.find(prefix);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

// Outcomes in three classes, by where the call was sent: "here" (the pair's own site, or no
// pair), "elsewhere" (404 NoSuchResource: another region, an unknown or deleted pair) and "site"
// (the pair's other site, O5-O7). A (projection, operation, situation) with a "here" answer
// visited still has its cells of the other classes to give, which one prefix per status hid:
// 57 of the 94 status cells a default run left unvisited were NoSuchResource answers.
std::string_view Steering::outcome_class(std::string_view outcome) {
  if (outcome == "NoSuchResource") return "elsewhere";
  if (outcome.starts_with("OperationDenied.OperateNotAllowedFor")) return "site";
  return "here";
}

// worth() is binary: a prefix with one of its outcomes visited is worth nothing more. Worth by
// the share of outcomes not yet visited was tried and lost a quarter of the cells: the greedy
// choice kept calling where one outcome was missing (often one a step earlier in the lifecycle
// gives), and stopped walking pairs deep.

std::string Steering::prefix(const std::string& cell) {
  if (cell.starts_with("form|") || cell.starts_with("effect|")) return cell;
  const auto last = cell.rfind('|');
  if (last == std::string::npos) return cell;
  return cell.substr(0, last + 1) +
         std::string(outcome_class(std::string_view(cell).substr(last + 1)));
}

void Steering::predict_step(const harness::Step& step, Phase phase, bool damaged,
                            const std::vector<model::Request>& earlier,
                            std::vector<std::uint32_t>& out) const {
  std::string key;  // each key is built here, then looked up: one buffer for the whole step
  key.reserve(128);
  auto add = [&] {
    if (const auto i = index_of(key)) out.push_back(*i);
  };
  auto predict_call = [&](const model::Request& r) {
    const std::string op = model::cell_operation(r);
    const model::Action action = model::action_from_name(r.action);
    const std::string_view where = where_sent(r);
    // "status|StartDiskReplicaPair|normal|here", "token|...|fresh|here"
    auto cell = [&](std::string_view projection, std::string_view situation) {
      key.assign(projection).append("|").append(op).append("|").append(situation);
      key.append("|").append(where);
      add();
    };
    // Forms: every parameter the action takes, sent or missing (placeholders count as valid).
    for (const std::string& param : model::params_of(action)) {
      key.assign("form|").append(r.action).append("|").append(param).append("|");
      key.append(model::form_of(action, param, model::find_param(r.params, param)));
      add();
    }
    // Effects read back: a listing after this sequence's Modifies may show what they set.
    if (action == model::Action::kDescribe && !damaged) {
      for (const model::Request& e : earlier) {
        if (e.action != "ModifyDiskReplicaPair") continue;
        for (std::string_view field : model::kEffectFields) {
          if (!model::find_param(e.params, field)) continue;
          key = model::effect_cell(field);
          add();
        }
      }
    }
    // Status before: the guide's guess for a call on a pair, "(no pair)" otherwise; none for a
    // damaged call (refused whatever the pair's status: a damaged call that promised a status
    // cell kept winning the steps a pair spends in a passing status).
    if (damaged) {
      // no status cell
    } else if (model::find_param(r.params, "ReplicaPairId") && phase != Phase::kNone) {
      for (std::string_view s : statuses(phase)) cell("status", s);
    } else {
      cell("status", "(no pair)");
    }
    // Token situation: from the tokens this sequence used before (outcomes are not predicted).
    if (!model::takes_client_token(action)) return;
    const auto token = model::find_param(r.params, "ClientToken");
    if (!token || token->empty()) {
      cell("token", "none");
      return;
    }
    const model::Request* same_token = nullptr;
    for (auto e = earlier.rbegin(); e != earlier.rend() && same_token == nullptr; ++e) {
      if (e->action == r.action && model::find_param(e->params, "ClientToken") == token)
        same_token = &*e;
    }
    if (same_token == nullptr) {
      cell("token", "fresh");
    } else if (same_business_params(same_token->params, r.params)) {
      cell("token", "replay-after-success");
      cell("token", "replay-after-error");
    } else {
      cell("token", "mismatch");
    }
  };
  if (step.kind == harness::Step::Kind::kCall) predict_call(step.request);
  if (step.kind == harness::Step::Kind::kRace) {
    for (const model::Request& r : step.racing) predict_call(r);
  }
}

double Steering::gain(const Plan& plan, const harness::Step& step, Phase phase,
                      bool damaged) const {
  std::vector<std::uint32_t> keys;
  predict_step(step, phase, damaged, plan.earlier, keys);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::lock_guard lock(mutex_);
  double sum = 0;
  for (const std::uint32_t k : keys) {
    if (k >= plan.predicted.size() || !plan.predicted[k]) sum += worth(k);
  }
  // A Modify the pair's status allows (O8) sets up an effect a later listing can read back: worth
  // what a move is (it visits no effect cell itself, so the greedy choice never made it for that).
  if (step.kind == harness::Step::Kind::kCall && !damaged &&
      step.request.action == "ModifyDiskReplicaPair" &&
      (phase == Phase::kCreated || phase == Phase::kStopped)) {
    for (std::string_view field : model::kEffectFields) {
      if (!model::find_param(step.request.params, field)) continue;
      const auto k = index_of(model::effect_cell(field));
      if (k && (*k >= plan.predicted.size() || !plan.predicted[*k])) sum += kMoveWorth * worth(*k);
    }
  }
  return sum;
}

void Steering::add(Plan& plan, const harness::Step& step, Phase phase, bool damaged) const {
  std::vector<std::uint32_t> keys;
  predict_step(step, phase, damaged, plan.earlier, keys);
  if (plan.predicted.size() < prefixes_.size()) plan.predicted.resize(prefixes_.size(), false);
  for (const std::uint32_t k : keys) plan.predicted[k] = true;
  if (step.kind == harness::Step::Kind::kCall) plan.earlier.push_back(step.request);
  if (step.kind == harness::Step::Kind::kRace) {
    for (const model::Request& r : step.racing) plan.earlier.push_back(r);
  }
}

double Steering::score(const harness::Sequence& sequence, const std::vector<Phase>& phases,
                       const std::vector<bool>* damaged) const {
  Plan plan;
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    add(plan, sequence[i], i < phases.size() ? phases[i] : Phase::kNone,
        damaged != nullptr && i < damaged->size() && (*damaged)[i]);
  }
  std::lock_guard lock(mutex_);
  double sum = 0;
  for (std::uint32_t i = 0; i < plan.predicted.size(); ++i) {
    if (plan.predicted[i]) sum += worth(i);
  }
  return sum;
}

void Steering::visit(const harness::SequenceResult& result) {
  std::vector<std::string> cells;
  model::EffectTracker effects;  // a sequence's pairs are its own
  for (const model::StepRecord& record : result.records) {
    for (std::string& c : model::cells_of(record, effects)) cells.push_back(std::move(c));
  }
  std::lock_guard lock(mutex_);
  for (std::string& c : cells) {
    if (const auto i = index_of(prefix(c))) visited_prefixes_[*i] = true;
    visited_cells_.insert(std::move(c));
  }
}

std::size_t Steering::visited() const {
  std::lock_guard lock(mutex_);
  return visited_cells_.size();
}

}  // namespace paircheck::properties
