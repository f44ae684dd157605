#include "models/belief_set.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "models/background.hpp"
#include "models/gateway.hpp"
#include "models/match.hpp"
#include "models/params.hpp"

namespace paircheck::model {
namespace {

// IDs a request or its response mentions: a pending pair may turn out to be one of them.
std::vector<std::string> mentioned_ids(const Request& r, const Observed* o) {
  std::vector<std::string> ids = list_param(r.params, "PairIds");
  if (auto id = find_param(r.params, "ReplicaPairId")) ids.push_back(*id);
  if (o != nullptr) {
    if (!o->replica_pair_id.empty()) ids.push_back(o->replica_pair_id);
    for (const ObservedPair& p : o->pairs) ids.push_back(p.replica_pair_id);
  }
  std::erase_if(ids, [](const std::string& s) { return s.empty() || s[0] == kPendingMark; });
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// The world itself plus, for each pending pair and each unknown mentioned ID, the world where the
// pending pair is that ID (M2: a Create whose response was lost shows its ID later).
template <class Visit>
void for_each_binding(const World& w, const std::vector<std::string>& ids, const Visit& visit) {
  visit(w);  // as it is (the common case: no pending pair, no copy)
  for (const Pair& p : w.pairs) {
    if (!p.pending()) continue;
    for (const std::string& id : ids) {
      if (w.pair(id) != nullptr) continue;
      World v = w;
      v.rename_pair(p.id, id);
      visit(v);
    }
  }
}

// §11 G8: a request rejected at or before G7 (or by the W1 path rule) leaves its nonce unrecorded.
bool is_signature_rejection(const Outcome& o) {
  if (o.success() || o.rule_ids.empty()) return false;
  static const RuleSet kBefore = {RuleId::kG1, RuleId::kG2, RuleId::kG3, RuleId::kG4,
                                  RuleId::kG5, RuleId::kG6, RuleId::kG7};
  return kBefore.contains(o.rule_ids.front()) || o.rule_ids == RuleIds{RuleId::kW1};
}

void add_rules(RuleIds& into, const RuleIds& rules) {
  for (RuleId r : rules) {
    if (std::find(into.begin(), into.end(), r) == into.end()) into.push_back(r);
  }
}

// splitmix64's finalizer: spreads a combined value over all 64 bits.
std::uint64_t spread(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Fingerprint {
  std::uint64_t h = 0x84222325cbf29ce4ULL;
  void add(std::uint64_t v) { h = spread(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2))); }
  void add(std::string_view s) { add(std::hash<std::string_view>{}(s)); }
  void add(const MsInterval& i) {
    add(static_cast<std::uint64_t>(i.lo));
    add(static_cast<std::uint64_t>(i.hi));
  }
  void add(const Endpoint& e) {
    add(e.region);
    add(e.zone);
    add(e.disk);
  }
};

// Every field of a world (WorldHash skips some, which a memo key cannot afford).
std::uint64_t fingerprint(const World& w) {
  Fingerprint f;
  f.add(w.pairs.size());
  for (const Pair& p : w.pairs) {
    f.add(p.id);
    f.add(static_cast<std::uint64_t>(p.status));
    f.add(p.name);
    f.add(p.description);
    f.add(p.resource_group);
    f.add(p.source);
    f.add(p.destination);
    for (const std::string* s :
         {&p.primary_region, &p.primary_zone, &p.standby_region, &p.standby_zone, &p.charge_type}) {
      f.add(*s);
    }
    f.add(static_cast<std::uint64_t>(p.rpo));
    f.add(static_cast<std::uint64_t>(p.bandwidth));
    f.add(p.last_oneshot ? 1u : 0u);
    if (p.last_oneshot) f.add(*p.last_oneshot);
    f.add(p.synced ? 1u : 0u);
    f.add(static_cast<std::uint64_t>(p.recover_point_floor));
    f.add(static_cast<std::uint64_t>(p.progress_floor));
  }
  f.add(w.attached.size());
  for (const auto& [disk, instance] : w.attached) {
    f.add(disk);
    f.add(instance);
  }
  f.add(w.tokens.size());
  for (const TokenEntry& e : w.tokens) {
    f.add(e.action);
    f.add(e.token);
    f.add(e.params.size());
    for (const auto& [k, v] : e.params) {
      f.add(k);
      f.add(v);
    }
    f.add(e.pair_id);
    f.add(e.at);
    for (int http : e.error_http) f.add(static_cast<std::uint64_t>(http));
    for (const std::string& c : e.error_codes) f.add(c);
  }
  return f.h;
}

// "200 OK", "403 OperationDenied.InvalidStatus".
std::string answer_text(const Observed& o) {
  if (!o.http_status_known) return o.code.empty() ? "success (no HTTP status)" : o.code;
  return std::to_string(o.http_status) + (o.code.empty() ? std::string() : " " + o.code);
}

// A client error: a 4xx, or a code when no HTTP status is known (a server error code has been
// judged as an unknown outcome before this is asked).
bool client_error(const Observed& o) {
  if (!o.http_status_known) return !o.code.empty();
  return o.http_status >= 400 && o.http_status < 500;
}

}  // namespace

BeliefSet::BeliefSet(Universe universe, Profile profile)
    : universe_(std::move(universe)), profile_(std::move(profile)), worlds_{World{}}, moved_(1) {}

BeliefSet::BeliefSet(Universe universe, Profile profile, std::vector<World> initial)
    : universe_(std::move(universe)), profile_(std::move(profile)) {
  std::unordered_set<World, WorldHash> seen;
  for (World& w : initial) {
    if (seen.insert(w).second) worlds_.push_back(std::move(w));
  }
  if (worlds_.empty()) worlds_.push_back(World{});
  moved_.resize(worlds_.size());
  close_under_background(worlds_, profile_, &moved_);
}

StepContext BeliefSet::context() const {
  return StepContext{universe_, profile_, &nonces_, &pages_, &in_flight_, &failed_tokens_};
}

std::vector<BeliefSet::Candidate> BeliefSet::candidates(const Request& request,
                                                        const Observed* observed) const {
  std::vector<Candidate> out;
  const StepContext ctx = context();
  const std::vector<std::string> ids = mentioned_ids(request, observed);
  for (std::size_t i = 0; i < worlds_.size(); ++i) {
    for_each_binding(worlds_[i], ids, [&](const World& v) {
      for (StepResult& r : step_all(v, request, ctx)) {
        out.push_back(Candidate{std::move(r.outcome), std::move(r.world), i});
      }
    });
  }
  return out;
}

Verdict BeliefSet::observe(const Request& request, const Observed& observed) {
  Verdict v;
  const std::vector<Violation> wire = wire_violations(observed, request_ids_);
  const auto& server = profile_.server_error_codes;
  if ((observed.http_status >= 500 || (!observed.http_status_known && !observed.code.empty())) &&
      std::find(server.begin(), server.end(), observed.code) != server.end()) {
    if (!observed.request_id.empty()) request_ids_.insert(observed.request_id);
    Verdict u = observe_unknown(request);  // M2: a server error may or may not have applied
    u.exercised.insert(RuleId::kW3);
    u.exercised.insert(RuleId::kW4);
    if (!wire.empty()) {
      lead_with_wire(u, wire, request, observed);
      for (const Violation& x : u.violations) u.exercised.insert(x.rule);
      u.key = FindingKey{wire.front().rule, request.action, observed.http_status, observed.code};
    }
    return u;
  }
  std::vector<Candidate> cands = candidates(request, &observed);
  std::vector<World> keep;
  std::vector<RuleSet> keep_moves;  // per kept world: the moves its source was reached by
  RuleIds matched_rules, all_rules;
  RuleSet exercised;
  // S1-S6 needed: the moves every explaining world needed (one that needed none credits none).
  std::optional<RuleSet> needed_moves;
  bool signature_failed = false;
  for (Candidate& c : cands) {
    add_rules(all_rules, c.outcome.rule_ids);
    std::string summary = c.outcome.summary();
    if (std::find(v.allowed.begin(), v.allowed.end(), summary) == v.allowed.end()) {
      v.allowed.push_back(summary);
    }
    if (!matches(c.outcome, observed, c.world, profile_)) continue;
    add_rules(matched_rules, c.outcome.rule_ids);
    for (RuleId r : c.outcome.rule_ids) exercised.insert(r);
    exercised.insert(c.outcome.also);
    if (needed_moves) {
      needed_moves->intersect(moved_[c.source]);
    } else {
      needed_moves = moved_[c.source];
    }
    signature_failed = signature_failed || is_signature_rejection(c.outcome);
    World w = std::move(c.world);
    if (c.outcome.body == BodyKind::kCreate && c.outcome.pair_id == kNewPairId) {
      w.rename_pair(kNewPairId, observed.replica_pair_id);  // bind the target's chosen ID
    }
    if (c.outcome.body == BodyKind::kProgress) {  // O10: what was seen is the new floor
      if (Pair* p = w.pair(*find_param(request.params, "ReplicaPairId"))) {
        p->progress_floor = std::max<std::int64_t>(p->progress_floor, *observed.progress);
        p->recover_point_floor =
            std::max<std::int64_t>(p->recover_point_floor, observed.recover_point.value_or(0));
      }
    }
    if (c.outcome.body == BodyKind::kDescribe && c.outcome.describe.judge_recover_point) {
      for (const ObservedPair& item : observed.pairs) {  // O9 (§11): the same floor as O10's
        Pair* p = item.last_recover_point ? w.pair(item.replica_pair_id) : nullptr;
        if (p != nullptr) {
          p->recover_point_floor = std::max(p->recover_point_floor, *item.last_recover_point);
        }
      }
    }
    keep.push_back(std::move(w));
    keep_moves.push_back(moved_[c.source]);
  }
  const bool explained = !keep.empty();
  if (needed_moves) exercised.insert(*needed_moves);
  if (explained) {
    // A move not credited yet stays with the worlds it reached: an answer both `reprotecting`
    // and `stopped` explain does not credit S5, the later one only `stopped` explains does.
    for (RuleSet& m : keep_moves) {
      for (RuleId r : needed_moves->list()) m.erase(r);
    }
    worlds_ = std::move(keep);
    moved_ = std::move(keep_moves);
  } else {  // not conformant: carry on as if the outcome were unknown (M2), so judging continues
    for (Candidate& c : cands) {
      c.world.rename_pair(kNewPairId,
                          std::string(1, kPendingMark) + std::to_string(++pending_counter_));
      worlds_.push_back(std::move(c.world));
      const RuleSet source_moves = moved_[c.source];
      moved_.push_back(source_moves);
    }
  }
  close_under_background(worlds_, profile_, &moved_);

  if (!observed.request_id.empty()) request_ids_.insert(observed.request_id);
  if (passes_signature(request, context()) && !signature_failed &&
      !request.envelope.nonce.empty()) {
    nonces_[{request.envelope.access_key_id, request.envelope.nonce}] =
        NonceRecord{MsInterval{request.time.sent_ms, request.time.received_ms}, true};
  }
  if (explained) remember_pages(request, observed);
  if (auto t = str_param(request.params, "ClientToken");
      t && observed.code != "LastTokenProcessing") {
    in_flight_.erase({request.action, *t});
    if (client_error(observed)) {
      failed_tokens_.insert({request.action, *t});
    }
  }

  v.conformant = explained;
  v.rule_ids = explained ? matched_rules : all_rules;
  exercised.insert(RuleId::kM1);  // checked on every response
  exercised.insert(RuleId::kW4);
  exercised.insert(observed.http_status == 200 ? RuleId::kW2 : RuleId::kW3);
  v.exercised = exercised;
  const std::string got = answer_text(observed);
  if (!explained) {  // the evidence points to the rule the allowed outcomes name first
    v.rule_ids.push_back(RuleId::kM1);
    v.violations.push_back({v.rule_ids.front(), "got " + got + ", which no state explains"});
    v.message = "[" + std::string(to_string(v.rule_ids.front())) + "] " + request.action +
                ": got " + got + ", which no state explains; allowed:";
    for (const std::string& a : v.allowed) v.message += " {" + a + "}";
  }
  if (!wire.empty()) lead_with_wire(v, wire, request, observed);
  if (v.conformant) {
    v.message = "[" +
                std::string(to_string(v.rule_ids.empty() ? RuleId::kM1 : v.rule_ids.front())) +
                "] " + request.action + ": " + got + " conforms";
  } else {
    for (const Violation& x : v.violations) v.exercised.insert(x.rule);
    v.key =
        FindingKey{v.violations.front().rule, request.action, observed.http_status, observed.code};
  }
  return v;
}

void BeliefSet::lead_with_wire(Verdict& v, const std::vector<Violation>& wire,
                               const Request& request, const Observed& observed) {
  // W2-W4 hold whatever state the target was in: they lead the verdict.
  v.conformant = false;
  v.violations.insert(v.violations.begin(), wire.begin(), wire.end());
  for (auto it = wire.rbegin(); it != wire.rend(); ++it) {
    std::erase(v.rule_ids, it->rule);
    v.rule_ids.insert(v.rule_ids.begin(), it->rule);
  }
  v.message = "[" + std::string(to_string(wire.front().rule)) + "] " + wire.front().evidence +
              " (" + request.action + ": " + answer_text(observed) + ")";
}

Verdict BeliefSet::observe_unknown(const Request& request) {
  std::vector<Candidate> cands = candidates(request, nullptr);
  std::string pending = std::string(1, kPendingMark) + std::to_string(++pending_counter_);
  for (Candidate& c : cands) {
    c.world.rename_pair(kNewPairId, pending);
    worlds_.push_back(std::move(c.world));
    const RuleSet source_moves = moved_[c.source];  // the moves its source needed still count
    moved_.push_back(source_moves);
  }
  close_under_background(worlds_, profile_, &moved_);
  if (passes_signature(request, context()) && !request.envelope.nonce.empty()) {
    auto key = std::make_pair(request.envelope.access_key_id, request.envelope.nonce);
    if (nonces_.count(key) == 0) {
      nonces_[key] = NonceRecord{MsInterval{request.time.sent_ms, request.time.received_ms}, false};
    }
  }
  if (auto t = str_param(request.params, "ClientToken")) in_flight_.insert({request.action, *t});
  Verdict v;
  v.rule_ids = {RuleId::kM2};
  v.exercised = {RuleId::kM2};
  v.message = "[M2] " + request.action + ": unknown outcome, applied and not applied both kept";
  return v;
}

StepRecord BeliefSet::judge(std::size_t index, const Request& request, const Observed* observed) {
  PairStatusSet before;
  if (auto id = find_param(request.params, "ReplicaPairId")) before = possible_statuses(*id);
  Verdict v = observed != nullptr ? observe(request, *observed) : observe_unknown(request);
  return record(index, request, observed, v, before);
}

void BeliefSet::remember_pages(const Request& request, const Observed& observed) {
  if (request.action != "DescribeDiskReplicaPairs" || !observed.code.empty()) return;
  if (!observed.next_token || observed.next_token->empty()) return;
  const std::string listing = listing_key(request.params);
  PageWalk walk;
  auto earlier = pages_.end();
  if (auto t = str_param(request.params, "NextToken")) earlier = pages_.find(*t);
  if (earlier != pages_.end()) {
    walk = earlier->second;
    if (walk.listing != listing) {  // §11 O9: the token went with another query; owed: nothing
      walk.listing = listing;
      walk.members.clear();
      walk.owes = false;
    }
  } else {  // a walk begins: its members are the pairs the query lists in every world
    walk.listing = listing;
    for (std::size_t i = 0; i < worlds_.size(); ++i) {
      std::set<std::string> here;
      for (const Pair& p : worlds_[i].pairs) {
        if (listed_by(p, request.params) && (i == 0 || walk.members.contains(p.id))) {
          here.insert(p.id);
        }
      }
      walk.members = std::move(here);
    }
  }
  for (const ObservedPair& p : observed.pairs) walk.returned.insert(p.replica_pair_id);
  pages_[*observed.next_token] = std::move(walk);
}

std::uint64_t BeliefSet::hash() const {
  // Worlds: a sum of spread fingerprints, so their order does not matter.
  std::uint64_t worlds = 0;
  for (const World& w : worlds_) worlds += spread(fingerprint(w));
  Fingerprint f;
  f.add(worlds);
  f.add(worlds_.size());
  f.add(nonces_.size());
  for (const auto& [key, record] : nonces_) {
    f.add(key.first);
    f.add(key.second);
    f.add(record.at);
    f.add(record.certain ? 1u : 0u);
  }
  f.add(pages_.size());
  for (const auto& [token, walk] : pages_) {
    f.add(token);
    f.add(walk.listing);
    f.add(walk.owes ? 1u : 0u);
    f.add(walk.members.size());
    for (const std::string& id : walk.members) f.add(id);
    f.add(walk.returned.size());
    for (const std::string& id : walk.returned) f.add(id);
  }
  f.add(in_flight_.size());
  for (const auto& [action, token] : in_flight_) {
    f.add(action);
    f.add(token);
  }
  return f.h;
}

void BeliefSet::merge(const BeliefSet& other) {
  std::unordered_multimap<std::uint64_t, std::size_t> here;  // fingerprint -> index in worlds_
  for (std::size_t i = 0; i < worlds_.size(); ++i) here.emplace(fingerprint(worlds_[i]), i);
  for (std::size_t j = 0; j < other.worlds_.size(); ++j) {
    const World& w = other.worlds_[j];
    const std::uint64_t h = fingerprint(w);
    std::optional<std::size_t> found;
    for (auto [it, end] = here.equal_range(h); it != end && !found; ++it) {
      if (worlds_[it->second] == w) found = it->second;
    }
    if (found) {  // reached both ways: the moves of the shorter explanation are the needed ones
      moved_[*found].intersect(other.moved_[j]);
      continue;
    }
    here.emplace(h, worlds_.size());
    worlds_.push_back(w);
    moved_.push_back(other.moved_[j]);
  }
  for (const auto& [key, record] : other.nonces_) {
    auto [it, fresh] = nonces_.try_emplace(key, record);
    if (fresh) continue;
    NonceRecord& mine = it->second;
    mine.at.lo = std::min(mine.at.lo, record.at.lo);
    mine.at.hi = std::max(mine.at.hi, record.at.hi);
    mine.certain = mine.certain && record.certain;
  }
  // A walk both know has returned what both saw returned and owes what both say it owes.
  for (const auto& entry : other.pages_) {
    const auto& walk = entry.second;  // a plain reference: lambdas below capture it
    auto [it, fresh] = pages_.try_emplace(entry.first, walk);
    if (fresh) continue;
    it->second.owes = it->second.owes && walk.owes;
    std::erase_if(it->second.returned,
                  [&](const std::string& id) { return !walk.returned.contains(id); });
    std::erase_if(it->second.members,
                  [&](const std::string& id) { return !walk.members.contains(id); });
  }
  in_flight_.insert(other.in_flight_.begin(), other.in_flight_.end());
  failed_tokens_.insert(other.failed_tokens_.begin(), other.failed_tokens_.end());
  request_ids_.insert(other.request_ids_.begin(), other.request_ids_.end());
  pending_counter_ = std::max(pending_counter_, other.pending_counter_);
}

std::vector<Outcome> BeliefSet::allowed(const Request& request) const {
  std::vector<Outcome> out;
  std::vector<std::string> seen;
  for (Candidate& c : candidates(request, nullptr)) {
    std::string s = c.outcome.summary();
    if (std::find(seen.begin(), seen.end(), s) != seen.end()) continue;
    seen.push_back(std::move(s));
    out.push_back(std::move(c.outcome));
  }
  return out;
}

PairStatusSet BeliefSet::possible_statuses(std::string_view pair_id) const {
  PairStatusSet out;
  for (const World& w : worlds_) {
    if (const Pair* p = w.pair(pair_id)) out.insert(p->status);
  }
  return out;
}

bool BeliefSet::may_be_transient(std::string_view pair_id) const {
  for (PairStatus s : possible_statuses(pair_id).list()) {
    if (is_transient(s) && s != PairStatus::kSyncing) return true;  // S2's cycle never settles
  }
  return false;
}

std::vector<std::string> BeliefSet::known_pair_ids() const {
  std::set<std::string> ids;
  for (const World& w : worlds_) {
    for (const Pair& p : w.pairs) {
      if (!p.pending()) ids.insert(p.id);
    }
  }
  return {ids.begin(), ids.end()};
}

StepRecord BeliefSet::record(std::size_t index, const Request& request, const Observed* observed,
                             const Verdict& verdict, PairStatusSet statuses_before) const {
  StepRecord r;
  r.index = index;
  r.request = request;
  if (observed != nullptr) r.observed = *observed;
  r.verdict = verdict;
  r.target_pair = find_param(request.params, "ReplicaPairId").value_or("");
  r.statuses_before = statuses_before;
  return r;
}

}  // namespace paircheck::model
