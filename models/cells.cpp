#include "models/cells.hpp"

#include <algorithm>
#include <charconv>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "models/background.hpp"
#include "models/forms.hpp"
#include "models/json_io.hpp"
#include "models/params.hpp"
#include "models/requests.hpp"
#include "models/step.hpp"
#include "models/world.hpp"

namespace paircheck::model {
namespace {

constexpr std::string_view kOk = "200", kGateway = "gateway", kParameter = "parameter",
                           kUnknown = "unknown";
constexpr std::size_t kMaxCodeLength = 80;

char letter(RuleId r) { return to_string(r).front(); }

// An error code as a key part: at most 80 bytes, no '|' (a hostile target cannot break keys).
std::string code_part(std::string_view code) {
  std::string s(code.substr(0, kMaxCodeLength));
  std::replace(s.begin(), s.end(), '|', '/');
  return s;
}

// The class of a refusal decided by `rules` (deciding rule first) with this code.
std::string error_class(const RuleIds& rules, std::string_view code, int http) {
  if (std::any_of(rules.begin(), rules.end(), [](RuleId r) { return letter(r) == 'P'; })) {
    return std::string(kParameter);
  }
  if (!rules.empty() && (letter(rules.front()) == 'G' || letter(rules.front()) == 'W')) {
    return std::string(kGateway);
  }
  if (!code.empty()) return code_part(code);
  return "HTTP " + std::to_string(http);
}

std::string record_class(const StepRecord& r) {
  if (!r.observed) return std::string(kUnknown);
  if (r.observed->code.empty() && r.observed->http_status == 200) return std::string(kOk);
  return error_class(r.verdict.rule_ids, r.observed->code, r.observed->http_status);
}

// Every class a model outcome allows (an error may allow several codes).
std::vector<std::string> outcome_classes(const Outcome& o) {
  if (o.success()) return {std::string(kOk)};
  const std::string first = error_class(o.rule_ids, "", 0);
  if (first == kGateway || first == kParameter) return {first};
  std::vector<std::string> out;
  for (const std::string& code : o.codes) {
    if (code != "(none)") out.push_back(code_part(code));
  }
  return out;
}

// The token situations the rules that shaped a judgement show (cells.hpp).
std::vector<std::string_view> situations(bool has_token, const RuleSet& rules) {
  if (!has_token) return {"none"};
  std::vector<std::string_view> out;
  if (rules.contains(RuleId::kI6)) out.emplace_back("in-flight");
  if (rules.contains(RuleId::kI2)) out.emplace_back("mismatch");
  if (rules.contains(RuleId::kI1)) out.emplace_back("replay-after-success");
  if (rules.contains(RuleId::kI3)) out.emplace_back("replay-after-error");
  if (out.empty()) out.emplace_back("fresh");
  return out;
}

bool has_token(Action a, const Params& params) {
  if (!takes_client_token(a)) return false;
  const auto token = find_param(params, "ClientToken");
  return token && !token->empty();
}

// An answer an idempotency rule decided (a replay, a mismatch, a token in flight) does not
// depend on the pair's status now (I4: the token is checked before the lookup).
bool decided_by_token(const RuleIds& rules) {
  return !rules.empty() && letter(rules.front()) == 'I';
}

// The status and token cells of one answer (or one model outcome) of class `cls`.
template <class Out>
void add_status_token(Out& out, const std::string& op, Action a,
                      const std::vector<std::string_view>& statuses, const std::string& cls,
                      bool by_token, bool token, const RuleSet& rules) {
  if (by_token && cls == kOk) {
    // an exact replay (I1): its answer is the first call's, whatever the pair is now; the token
    // projection has it
  } else if (by_token || cls == kGateway || cls == kParameter || cls == kUnknown) {
    out.insert(out.end(), "status|" + op + "|" + std::string(kCellAnyStatus) + "|" + cls);
  } else if (statuses.empty()) {
    out.insert(out.end(), "status|" + op + "|" + std::string(kCellNoPair) + "|" + cls);
  } else {
    for (std::string_view s : statuses) {
      out.insert(out.end(), "status|" + op + "|" + std::string(s) + "|" + cls);
    }
  }
  if (!takes_client_token(a) || cls == kGateway || cls == kParameter) return;
  for (std::string_view sit : situations(token, rules)) {
    out.insert(out.end(), "token|" + op + "|" + std::string(sit) + "|" + cls);
  }
}

std::string form_cell(Action a, std::string_view param, std::string_view form) {
  return "form|" + std::string(action_name(a)) + "|" + std::string(param) + "|" + std::string(form);
}

// A pair's value of effect field `field` (an index into kEffectFields), as a listing shows it.
std::string field_value(const Pair& p, std::size_t field) {
  switch (field) {
    case 0:
      return p.name;
    case 1:
      return p.description;
    case 2:
      return std::to_string(p.rpo);
    default:
      return std::to_string(p.bandwidth);
  }
}

// ---- the exploration behind reachable_cells ----

constexpr std::int64_t kNow = 10'000'000;  // every explored request is sent at this point in time
constexpr const char* kPairId = "pair-1";
constexpr const char* kToken = "cells-token";

class Explorer {
 public:
  Explorer(const Profile& profile, const Universe& universe, const RunAbilities& run)
      : profile_(profile), universe_(universe), run_(run) {
    for (const Identity& id : universe.identities) {
      if (std::find(id.actions.begin(), id.actions.end(), "*") != id.actions.end()) {
        access_key_ = id.access_key_id;
        break;
      }
    }
    if (access_key_.empty() && !universe.identities.empty()) {
      access_key_ = universe.identities.front().access_key_id;
    }
    for (std::size_t i = 0; i < universe.disks.size() && !src_; ++i) {
      for (std::size_t j = 0; j < universe.disks.size(); ++j) {
        if (universe.disks[i].region_id != universe.disks[j].region_id) {
          src_ = universe.disks[i];
          dst_ = universe.disks[j];
          break;
        }
      }
    }
    for (const DiskFixture& d : universe.disks) {
      regions_.insert(d.region_id);
      if (!spare_ && !src_) spare_ = d;  // a disk to attach when no pair can be made
    }
    if (!universe.instances.empty()) instance_ = universe.instances.front().instance_id;
    if (universe.instances.size() > 1) other_instance_ = universe.instances[1].instance_id;
    home_ = src_ ? src_->region_id : (regions_.empty() ? "cn-hangzhou" : *regions_.begin());
    // A region that is neither of a pair's: a client can send one the fixtures do not have.
    if (regions_.size() < 3) regions_.insert("cn-cells-elsewhere");
    Request walk = requests::describe(home_);
    pages_.emplace("cells-walk", PageWalk{listing_key(walk.params), {}, {}});
  }

  std::set<std::string> run() {
    damaged();
    explore_worlds();
    explore_tokens();
    unknown_outcomes();
    forms();
    effects();
    return std::move(cells_);
  }

 private:
  Request ready(Request r) const {
    r.envelope.access_key_id = access_key_;
    requests::at(r, kNow);
    return r;
  }

  StepContext context(const InFlightTokens* in_flight = nullptr,
                      const FailedTokens* failed = nullptr) const {
    return StepContext{universe_, profile_, nullptr, &pages_, in_flight, failed};
  }

  // One well-formed request of each operation on `pair` (or an unknown ID) in `region`.
  std::vector<Request> pair_ops(const std::string& region, const std::string& pair) const {
    std::vector<Request> out = {
        requests::start(region, pair),     requests::start(region, pair, true),
        requests::stop(region, pair),      requests::failover(region, pair),
        requests::reprotect(region, pair), requests::reprotect(region, pair, false),
        requests::remove(region, pair),    requests::modify(region, pair, "cellsName"),
        requests::progress(region, pair)};
    return out;
  }

  std::vector<Request> creates() const {
    std::vector<Request> out;
    if (!src_) {
      if (universe_.disks.size() >= 2) {  // one region only: refused (O1)
        const DiskFixture& a = universe_.disks[0];
        const DiskFixture& b = universe_.disks[1];
        out.push_back(requests::create(
            {a.region_id, a.zone_id, a.disk_id, b.region_id, b.zone_id, b.disk_id, {}, {}, {}}));
      }
      out.push_back(requests::create(
          {home_, "zone-x", "d-cells-unknown", home_, "zone-x", "d-cells-unknown2", {}, {}, {}}));
      return out;
    }
    const DiskFixture &s = *src_, &d = *dst_;
    out.push_back(requests::create(
        {s.region_id, s.zone_id, s.disk_id, d.region_id, d.zone_id, d.disk_id, {}, {}, {}}));
    out.push_back(requests::create({s.region_id,
                                    s.zone_id,
                                    "d-cells-unknown",
                                    d.region_id,
                                    d.zone_id,
                                    d.disk_id,
                                    {},
                                    {},
                                    {}}));
    out.push_back(requests::create(
        {d.region_id, s.zone_id, s.disk_id, d.region_id, d.zone_id, d.disk_id, {}, {}, {}}));
    return out;
  }

  // The requests explored in world `w`: every operation, well-formed, in each region that
  // matters to its checks.
  std::vector<Request> requests_in(const World& w, bool every_region = true) const {
    std::vector<Request> out = creates();
    out.push_back(requests::describe(home_));
    out.push_back(requests::describe(home_, "backup"));
    Request next = requests::describe(home_);
    requests::set_param(next, "NextToken", "cells-walk");
    out.push_back(next);
    requests::set_param(next, "NextToken", "cells-no-walk");
    out.push_back(next);
    for (Request& r : pair_ops(home_, "pair-cells-unknown")) out.push_back(std::move(r));
    for (const Pair& p : w.pairs) {
      std::set<std::string> regions = {p.source.region, p.destination.region};
      for (const std::string& r : regions_) {
        if (every_region && !regions.contains(r)) {
          regions.insert(r);  // a region that is neither: existence fails
          break;
        }
      }
      for (const std::string& region : regions) {
        for (Request& r : pair_ops(region, p.id)) out.push_back(std::move(r));
      }
    }
    std::vector<std::string> disks;
    if (src_) disks = {src_->disk_id, dst_->disk_id};
    if (spare_) disks.push_back(spare_->disk_id);
    const std::string instance = instance_.value_or("i-cells-unknown");
    for (const std::string& disk : disks) {
      out.push_back(requests::attach(instance, disk));
      out.push_back(requests::detach(instance, disk));
      if (other_instance_) out.push_back(requests::detach(*other_instance_, disk));
    }
    out.push_back(requests::attach(instance, "d-cells-unknown"));
    if (!disks.empty()) out.push_back(requests::attach("i-cells-unknown", disks.front()));
    for (Request& r : out) r = ready(std::move(r));
    return out;
  }

  static std::vector<std::string_view> statuses_in(const World& w, const Request& r) {
    std::vector<std::string_view> out;
    if (auto id = find_param(r.params, "ReplicaPairId")) {
      if (const Pair* p = w.pair(*id)) out.push_back(to_string(p->status));
    }
    return out;
  }

  void record(const World& before, const Request& r, const Outcome& o) {
    const Action a = action_from_name(r.action);
    const std::string op = cell_operation(r);
    RuleSet rules = o.also;
    for (RuleId id : o.rule_ids) rules.insert(id);
    for (const std::string& cls : outcome_classes(o)) {
      add_status_token(cells_, op, a, statuses_in(before, r), cls, decided_by_token(o.rule_ids),
                       has_token(a, r.params), rules);
      if (takes_client_token(a) && cls != kGateway && cls != kParameter) {
        for (std::string_view sit : situations(has_token(a, r.params), rules)) {
          situations_[op].insert(std::string(sit));
        }
      }
    }
  }

  // A world as the exploration keeps it: no token ledger (explore_tokens steps tokens), a new
  // pair bound to kPairId in place of a deleted one, and no body facts (O10 floors), which no
  // outcome class depends on.
  World normal(World w) const {
    w.tokens.reset();
    if (std::as_const(w).pair(kNewPairId) != nullptr) {
      std::erase_if(w.pairs.write(), [](const Pair& p) { return p.id != kNewPairId; });
      w.rename_pair(std::string(kNewPairId), kPairId);
    }
    for (Pair& p : w.pairs.write()) {
      p.synced = false;
      p.recover_point_floor = 0;
      p.progress_floor = 0;
      p.name.clear();
      if (src_ && p.source.disk == dst_->disk_id) {
        // Reversed by a Reprotect: the mirror image of the unreversed world (the explored requests
        // name both regions and both disks, so both give the same cells). Swap the direction and
        // the two disks' attachments.
        std::swap(p.source, p.destination);
        const std::string* at_src = w.instance_of(src_->disk_id);
        const std::string* at_dst = w.instance_of(dst_->disk_id);
        const std::optional<std::string> i_src =
            at_src ? std::optional<std::string>(*at_src) : std::nullopt;
        const std::optional<std::string> i_dst =
            at_dst ? std::optional<std::string>(*at_dst) : std::nullopt;
        w.detach(src_->disk_id);
        w.detach(dst_->disk_id);
        if (i_src) w.attach(dst_->disk_id, *i_src);
        if (i_dst) w.attach(src_->disk_id, *i_dst);
      }
      p.primary_region = p.source.region;  // body facts only (Describe)
      p.primary_zone = p.source.zone;
      p.standby_region = p.destination.region;
      p.standby_zone = p.destination.zone;
    }
    return w;
  }

  // Gateway and parameter refusals: one damaged request of each operation, in the empty world.
  void damaged() {
    const World empty;
    std::vector<Request> base = creates();
    base.resize(std::min<std::size_t>(base.size(), 1));
    for (Request& r : pair_ops(home_, kPairId)) base.push_back(std::move(r));
    base.push_back(requests::describe(home_));
    const std::string disk = src_ ? src_->disk_id : "d-cells-unknown";
    base.push_back(requests::attach(instance_.value_or("i-cells-unknown"), disk));
    base.push_back(requests::detach(instance_.value_or("i-cells-unknown"), disk));
    Request other = requests::describe(home_);
    other.action = "CellsUnknownAction";
    base.push_back(other);
    for (Request& r : base) {
      r = ready(std::move(r));
      Request bad_signature = r;
      bad_signature.envelope.signature = SignatureFault::kWrongSecret;
      Request missing = r;
      if (!missing.params.empty()) missing.params.erase(missing.params.begin());
      for (const Request* q : {&bad_signature, &missing}) {
        for (const StepResult& res : step_all(empty, *q, context())) record(empty, *q, res.outcome);
      }
    }
  }

  void explore_worlds() {
    std::deque<World> todo;
    auto push = [&](World w) {
      if (seen_.insert(w).second) todo.push_back(std::move(w));
    };
    push(World{});
    const StepContext ctx = context();
    while (!todo.empty()) {
      const World w = std::move(todo.front());
      todo.pop_front();
      for (World& next : background_moves(w, profile_)) push(normal(std::move(next)));
      for (const Pair& p : w.pairs) {
        if (!p.last_oneshot) continue;  // time passes: the O3 cooldown ends
        World later = w;
        later.pair(p.id)->last_oneshot.reset();
        push(std::move(later));
      }
      for (const Request& r : requests_in(w)) {
        for (StepResult& res : step_all(w, r, ctx)) {
          record(w, r, res.outcome);
          push(normal(std::move(res.world)));
        }
      }
    }
  }

  // The same call with other business parameters (I2): another name for Create, another region
  // for the pair operations.
  Request mismatch_of(const Request& r) const {
    Request m = r;
    if (r.action == "CreateDiskReplicaPair") {
      requests::set_param(m, "PairName", "cellsOtherName");
      return m;
    }
    const std::string region = find_param(r.params, "RegionId").value_or("");
    for (const std::string& other : regions_) {
      if (other != region) {
        requests::set_param(m, "RegionId", other);
        return m;
      }
    }
    requests::set_param(m, "RegionId", region + "-other");
    return m;
  }

  // Each token situation stepped from every explored world: a fresh token, then an exact replay
  // and a mismatch after it succeeded or failed (also after background moves), and a token still
  // in flight when the run can leave one so.
  void explore_tokens() {
    const bool in_flight_possible =
        profile_.i6_allowed && (run_.unknown_outcomes || run_.concurrent_clients);
    for (const World& w : seen_) {
      const bool cooling = std::any_of(w.pairs.begin(), w.pairs.end(),
                                       [](const Pair& p) { return p.last_oneshot.has_value(); });
      // A region that is neither of the pair's fails existence as an unknown ID does: left out.
      for (Request r : requests_in(w, true)) {
        const Action a = action_from_name(r.action);
        if (!takes_client_token(a)) continue;
        // The cooldown matters to a OneShot Start only; the same world without it is explored.
        if (cooling && cell_operation(r) != kCellStartOneShot) continue;
        requests::set_param(r, "ClientToken", kToken);
        const std::pair<std::string, std::string> key{r.action, kToken};
        if (in_flight_possible) {
          const InFlightTokens flying = {key};
          for (const StepResult& res : step_all(w, r, context(&flying))) record(w, r, res.outcome);
        }
        for (StepResult& res : step_all(w, r, context())) {
          record(w, r, res.outcome);
          const std::string cls = outcome_classes(res.outcome).front();
          if (cls == kGateway || cls == kParameter) continue;  // the token was not looked at
          FailedTokens failed_tokens;
          if (!res.outcome.success()) failed_tokens.insert(key);
          const StepContext after = context(nullptr, &failed_tokens);
          const Request mismatch = mismatch_of(r);
          for (const StepResult& again : step_all(res.world, mismatch, after)) {
            record(res.world, mismatch, again.outcome);
          }
          // The exact replay, also after the pair moved on by itself (I1, I3, I4).
          std::vector<World> later = {std::move(res.world)};
          close_under_background(later, profile_);
          for (const World& l : later) {
            for (const StepResult& again : step_all(l, r, after)) record(l, r, again.outcome);
          }
        }
      }
    }
  }

  // No answer (M2): the nemesis drops answers of mutations (harness/nemesis.hpp), never of
  // Describes; such a step is in every token situation its operation can be in.
  void unknown_outcomes() {
    if (!run_.unknown_outcomes) return;
    std::set<std::string> ops;
    for (const std::string& cell : cells_) {
      if (!cell.starts_with("status|")) continue;
      const std::string op = cell.substr(7, cell.find('|', 7) - 7);
      const Action a = action_from_name(op == kCellStartOneShot ? "StartDiskReplicaPair" : op);
      if (a != Action::kUnknown && a != Action::kDescribe && a != Action::kProgress) ops.insert(op);
    }
    for (const std::string& op : ops) {
      cells_.insert("status|" + op + "|" + std::string(kCellAnyStatus) + "|" +
                    std::string(kUnknown));
      for (const std::string& sit : situations_[op]) {
        cells_.insert("token|" + op + "|" + sit + "|" + std::string(kUnknown));
      }
    }
  }

  void forms() {
    for (auto i = static_cast<int>(Action::kCreate); i < static_cast<int>(Action::kUnknown); ++i) {
      const auto a = static_cast<Action>(i);
      for (const std::string& p : params_of(a)) {
        for (std::string_view f : forms_of(a, p)) cells_.insert(form_cell(a, p, f));
      }
    }
  }

  // An effect can be read back when a listing can be answered and, in some explored world, a
  // Modify the model accepts gives the field another value: each form of the field and each value
  // §3 lists is tried (RPO's one documented value is its default: no accepted Modify changes it).
  void effects() {
    const std::string listing =
        "status|DescribeDiskReplicaPairs|" + std::string(kCellNoPair) + "|200";
    if (!cells_.contains(listing)) return;
    const StepContext ctx = context();
    for (std::size_t f = 0; f < kEffectFields.size(); ++f) {
      const std::string field(kEffectFields[f]);
      // Every form of the field, and every value §3 lists for it.
      std::vector<std::string> values = documented_values(field);
      for (std::string_view form : forms_of(Action::kModify, field)) {
        if (auto v = sample_of_form(Action::kModify, field, form, "cellsValue")) {
          values.push_back(std::move(*v));
        }
      }
      auto changes = [&](const World& w, const Pair& p) {
        for (const std::string& value : values) {
          Request r = requests::modify(p.source.region, p.id);
          requests::set_param(r, field, value);
          r = ready(std::move(r));
          for (const StepResult& res : step_all(w, r, ctx)) {
            const Pair* after = res.world.pair(p.id);
            if (res.outcome.success() && after && field_value(*after, f) != field_value(p, f)) {
              return true;
            }
          }
        }
        return false;
      };
      const bool reachable = std::any_of(seen_.begin(), seen_.end(), [&](const World& w) {
        return std::any_of(w.pairs.begin(), w.pairs.end(),
                           [&](const Pair& p) { return changes(w, p); });
      });
      if (reachable) cells_.insert(effect_cell(field));
    }
  }

  const Profile& profile_;
  const Universe& universe_;
  const RunAbilities run_;
  std::string access_key_ = "ak-admin";
  std::optional<DiskFixture> src_, dst_, spare_;
  std::optional<std::string> instance_, other_instance_;
  std::set<std::string> regions_;
  std::string home_;
  PageLedger pages_;
  std::unordered_set<World, WorldHash> seen_;
  std::map<std::string, std::set<std::string>> situations_;  // op -> situations seen
  std::set<std::string> cells_;
};

}  // namespace

std::string cell_operation(const Request& request) {
  const Action a = action_from_name(request.action);
  if (a == Action::kUnknown) return std::string(kCellOtherAction);
  if (a == Action::kStart && find_param(request.params, "OneShot") == "true") {
    return std::string(kCellStartOneShot);
  }
  return request.action;
}

std::vector<std::string> cells_of(const StepRecord& record) {
  std::vector<std::string> out;
  const Request& r = record.request;
  const Action a = action_from_name(r.action);
  const std::string cls = record_class(record);
  std::vector<std::string_view> statuses;
  for (PairStatus s : record.statuses_before.list()) statuses.push_back(to_string(s));
  RuleSet rules = record.verdict.exercised;
  for (RuleId id : record.verdict.rule_ids) rules.insert(id);
  add_status_token(out, cell_operation(r), a, statuses, cls,
                   decided_by_token(record.verdict.rule_ids), has_token(a, r.params), rules);
  const bool gateway_refused =
      !record.verdict.rule_ids.empty() && letter(record.verdict.rule_ids.front()) == 'G';
  if (a != Action::kUnknown && !gateway_refused) {
    for (const std::string& p : params_of(a)) {
      out.push_back(form_cell(a, p, form_of(a, p, find_param(r.params, p))));
    }
  }
  return out;
}

std::vector<std::string> cells_of(const StepRecord& record, EffectTracker& effects) {
  std::vector<std::string> out = cells_of(record);
  for (std::string& c : effects.cells_of(record)) out.push_back(std::move(c));
  return out;
}

std::string effect_cell(std::string_view field) {
  return "effect|ModifyDiskReplicaPair|" + std::string(field) + "|read-back";
}

namespace {

bool answered_ok(const StepRecord& r) {
  return r.observed && r.observed->http_status == 200 && r.observed->code.empty();
}

// A parameter as a listing would show it: integers in canonical form ("010" and "10" are one
// value), anything else as sent.
std::string canonical_value(std::size_t field, const std::string& text) {
  if (kEffectFields[field] != "RPO" && kEffectFields[field] != "Bandwidth") return text;
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  return ec == std::errc() && ptr == end ? std::to_string(v) : text;
}

}  // namespace

std::vector<std::string> EffectTracker::cells_of(const StepRecord& record) {
  std::vector<std::string> out;
  if (!answered_ok(record)) return out;
  auto fields_of = [&](const std::string& id) -> std::array<Field, kEffectFields.size()>& {
    if (!pairs_.contains(id) && pairs_.size() >= kMaxPairs) pairs_.clear();
    return pairs_[id];
  };
  const Action a = action_from_name(record.request.action);
  if (a == Action::kCreate && !record.observed->replica_pair_id.empty()) {
    // What the pair starts with: what the Create sent, else the model's default (O1; an empty
    // name or description is "unknown", as before any Create).
    auto& fields = fields_of(record.observed->replica_pair_id);
    const Pair defaults;
    for (std::size_t i = 0; i < kEffectFields.size(); ++i) {
      const auto sent = find_param(record.request.params, kEffectFields[i]);
      fields[i].known = sent ? canonical_value(i, *sent) : field_value(defaults, i);
    }
  } else if (a == Action::kModify && !record.target_pair.empty()) {
    auto& fields = fields_of(record.target_pair);
    for (std::size_t i = 0; i < kEffectFields.size(); ++i) {
      const auto sent = find_param(record.request.params, kEffectFields[i]);
      if (!sent) continue;
      std::string value = canonical_value(i, *sent);
      if (fields[i].known.empty() || fields[i].known != value) fields[i].pending = true;
      fields[i].known = std::move(value);
    }
  } else if (a == Action::kDescribe) {
    // A listed pair is read back whole (O9 compares every field it shows). Only its ID counts:
    // the run log keeps a listed pair's ID and status, and the report rebuilt from the log must
    // visit what the live run visited.
    for (const ObservedPair& listed : record.observed->pairs) {
      const auto it = pairs_.find(listed.replica_pair_id);
      if (it == pairs_.end()) continue;
      for (std::size_t i = 0; i < kEffectFields.size(); ++i) {
        if (it->second[i].pending) out.push_back(effect_cell(kEffectFields[i]));
        it->second[i].pending = false;
      }
    }
  }
  return out;
}

std::set<std::string> reachable_cells(const Profile& profile, const Universe& universe,
                                      const RunAbilities& run) {
  // The exploration takes tens of ms; a run asks for the same inputs more than once (the run
  // header, the steering), so the last few answers are kept.
  nlohmann::json key;
  to_json(key["profile"], profile);
  for (const Identity& i : universe.identities) key["ids"].push_back({i.access_key_id, i.actions});
  for (const DiskFixture& d : universe.disks)
    key["disks"].push_back({d.disk_id, d.region_id, d.zone_id});
  for (const InstanceFixture& i : universe.instances) {
    key["instances"].push_back({i.instance_id, i.region_id, i.zone_id});
  }
  key["run"] = {run.unknown_outcomes, run.concurrent_clients};
  const std::string text = key.dump();
  static std::mutex mutex;
  static std::deque<std::pair<std::string, std::set<std::string>>> cache;
  {
    std::lock_guard lock(mutex);
    for (const auto& [k, cells] : cache) {
      if (k == text) return cells;
    }
  }
  std::set<std::string> cells = Explorer(profile, universe, run).run();
  std::lock_guard lock(mutex);
  cache.emplace_back(text, cells);
  if (cache.size() > 4) cache.pop_front();
  return cells;
}

std::string_view projection_of(std::string_view cell) {
  for (std::string_view p : {"status", "token", "form", "effect"}) {
    if (cell.size() > p.size() && cell.starts_with(p) && cell[p.size()] == '|') return p;
  }
  return "";
}

namespace {

enum class GoalKind : std::uint8_t {
  kPrefix,    // a cell starting with one of the ';'-separated prefixes
  kToken,     // a token cell in this situation
  kCode,      // a status cell with this outcome
  kPage,      // a Describe that continued a NextToken walk, answered 200
  kKeepSide,  // a Reprotect with ReverseReplicate=false, answered 200
};

struct GoalDef {
  Goal goal;
  GoalKind kind;
  std::string_view arg;
};

const std::vector<GoalDef>& goal_defs() {
  static const std::vector<GoalDef> kGoals = {
      {{"goal:start-while-stopping", "a Start (O2/O3) sent while its pair may be stopping"},
       GoalKind::kPrefix,
       "status|StartDiskReplicaPair|stopping|;status|StartDiskReplicaPair+OneShot|stopping|"},
      {{"goal:failover-failovered", "a Failover of a failovered pair (O5's 200 no-op)"},
       GoalKind::kPrefix,
       "status|FailoverDiskReplicaPair|failovered|"},
      {{"goal:page-boundary", "a Describe that continued a NextToken walk, answered 200 (O9)"},
       GoalKind::kPage,
       ""},
      {{"goal:replay-after-error", "a token replayed after its call failed (I3)"},
       GoalKind::kToken,
       "replay-after-error"},
      {{"goal:token-mismatch", "a token reused with other parameters (I2)"},
       GoalKind::kToken,
       "mismatch"},
      {{"goal:token-in-flight", "a token sent again while its first call may be in flight (I6)"},
       GoalKind::kToken,
       "in-flight"},
      {{"goal:replay-create", "an exact replay of a successful CreateDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|CreateDiskReplicaPair|replay-after-success|"},
      {{"goal:replay-start", "an exact replay of a successful StartDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|StartDiskReplicaPair|replay-after-success|;"
       "token|StartDiskReplicaPair+OneShot|replay-after-success|"},
      {{"goal:replay-stop", "an exact replay of a successful StopDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|StopDiskReplicaPair|replay-after-success|"},
      {{"goal:replay-failover", "an exact replay of a successful FailoverDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|FailoverDiskReplicaPair|replay-after-success|"},
      {{"goal:replay-reprotect", "an exact replay of a successful ReprotectDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|ReprotectDiskReplicaPair|replay-after-success|"},
      {{"goal:replay-delete", "an exact replay of a successful DeleteDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|DeleteDiskReplicaPair|replay-after-success|"},
      {{"goal:replay-modify", "an exact replay of a successful ModifyDiskReplicaPair (I1)"},
       GoalKind::kPrefix,
       "token|ModifyDiskReplicaPair|replay-after-success|"},
      {{"goal:reprotect-keep-direction",
        "a Reprotect with ReverseReplicate=false accepted (O6 keeps the direction)"},
       GoalKind::kKeepSide,
       ""},
      {{"goal:manual-sync-limit", "a OneShot Start refused inside its cooldown (O3)"},
       GoalKind::kCode,
       "OperationDenied.ManualSyncLimit"},
      {{"goal:standby-device-attached",
        "a Start refused because the destination disk is attached (O2 device check)"},
       GoalKind::kCode,
       "OperationDenied.StandbyDeviceAttached"},
  };
  return kGoals;
}

bool matches(const GoalDef& g, const std::string& cell) {
  switch (g.kind) {
    case GoalKind::kPrefix: {
      std::string_view rest = g.arg;
      while (!rest.empty()) {
        const std::size_t semi = rest.find(';');
        if (cell.starts_with(rest.substr(0, semi))) return true;
        rest = semi == std::string_view::npos ? "" : rest.substr(semi + 1);
      }
      return false;
    }
    case GoalKind::kToken:
      return cell.starts_with("token|") &&
             cell.find("|" + std::string(g.arg) + "|") != std::string::npos;
    case GoalKind::kCode:
      return cell.starts_with("status|") && cell.ends_with("|" + std::string(g.arg));
    case GoalKind::kPage:
    case GoalKind::kKeepSide:
      break;
  }
  return false;
}

}  // namespace

const std::vector<Goal>& goals() {
  static const std::vector<Goal> kList = [] {
    std::vector<Goal> out;
    for (const GoalDef& g : goal_defs()) out.push_back(g.goal);
    return out;
  }();
  return kList;
}

std::vector<std::string_view> goals_of(const StepRecord& record,
                                       const std::vector<std::string>& cells) {
  std::vector<std::string_view> out;
  const Request& r = record.request;
  const bool ok =
      record.observed && record.observed->http_status == 200 && record.observed->code.empty();
  for (const GoalDef& g : goal_defs()) {
    bool hit = false;
    if (g.kind == GoalKind::kPage) {
      const auto token = find_param(r.params, "NextToken");
      hit = ok && r.action == "DescribeDiskReplicaPairs" && token && !token->empty();
    } else if (g.kind == GoalKind::kKeepSide) {
      hit = ok && r.action == "ReprotectDiskReplicaPair" &&
            find_param(r.params, "ReverseReplicate") == "false";
    } else {
      hit = std::any_of(cells.begin(), cells.end(),
                        [&](const std::string& c) { return matches(g, c); });
    }
    if (hit) out.push_back(g.goal.id);
  }
  return out;
}

bool goal_reachable(std::string_view id, const std::set<std::string>& reachable) {
  for (const GoalDef& g : goal_defs()) {
    if (g.goal.id != id) continue;
    switch (g.kind) {
      case GoalKind::kPage:  // a walk needs a pair listed and Describe answered
        return reachable.contains("status|CreateDiskReplicaPair|(no pair)|200") &&
               reachable.contains("status|DescribeDiskReplicaPairs|(no pair)|200");
      case GoalKind::kKeepSide:
        return reachable.contains("status|ReprotectDiskReplicaPair|failovered|200");
      default:
        return std::any_of(reachable.begin(), reachable.end(),
                           [&](const std::string& c) { return matches(g, c); });
    }
  }
  return false;
}

}  // namespace paircheck::model
