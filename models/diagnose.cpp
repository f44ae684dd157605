#include "models/diagnose.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "models/belief_set.hpp"

namespace paircheck::model {
namespace {

using S = PairStatus;

void order(Profile& p, std::vector<Check> checks) { p.o0_order = std::move(checks); }

// The other settings of the A rules a target plausibly has (docs/profiles.md's knobs), most
// specific first: the first that explains a failure names it. Left out: I6 allowed=false (it only
// removes allowed answers, so it never explains one) and I5 with a short TTL (a forgotten token
// would pass every failure of I1, a D rule, off as an A choice).
constexpr std::array kAlternatives = {
    Alternative{RuleId::kI3,
                "a ClientToken whose first call failed is consumed (replays repeat the error)",
                [](Profile& p) { p.i3_consumed_on_error = true; }},
    Alternative{RuleId::kI2, "a ClientToken reused with other parameters is evaluated afresh",
                [](Profile& p) { p.i2_reject_actions.clear(); }},
    Alternative{RuleId::kI4, "ClientToken is checked after the existence check",
                [](Profile& p) { p.i4_before_lookup = false; }},
    Alternative{RuleId::kO3, "OneShot starts have no cooldown",
                [](Profile& p) { p.manual_sync_cooldown_s = 0; }},
    Alternative{RuleId::kO0, "the status is checked before the site",
                [](Profile& p) {
                  order(p, {Check::kExistence, Check::kStatus, Check::kSite, Check::kDevices,
                            Check::kCooldown});
                }},
    Alternative{RuleId::kO0, "the devices are checked before the status",
                [](Profile& p) {
                  order(p, {Check::kExistence, Check::kSite, Check::kDevices, Check::kStatus,
                            Check::kCooldown});
                }},
    Alternative{RuleId::kO0, "the cooldown is checked before the devices",
                [](Profile& p) {
                  order(p, {Check::kExistence, Check::kSite, Check::kStatus, Check::kCooldown,
                            Check::kDevices});
                }},
    Alternative{RuleId::kO0, "NoSuchResource and InvalidStatus come with another 4xx status",
                [](Profile& p) {
                  const std::vector<int> any = {400, 403, 404, 409};
                  p.errors["O0.not_found"].http = any;
                  p.errors["O0.invalid_status"].http = any;
                }},
    Alternative{RuleId::kO5,
                "Failover is accepted in any status but invalid and deleted (the documented list)",
                [](Profile& p) {
                  PairStatusSet any;
                  for (PairStatus s : all_statuses()) {
                    if (s != S::kInvalid && s != S::kDeleted) any.insert(s);
                  }
                  p.accepted["O5"] = any;
                }},
    Alternative{RuleId::kO5,
                "a Failover of a failovering or failovered pair is refused, not a no-op",
                [](Profile& p) { p.failover_noop = {}; }},
    Alternative{RuleId::kO6, "Reprotect does not check that the source disk is detached",
                [](Profile& p) { p.o6_device_check = false; }},
    Alternative{RuleId::kS5, "reprotecting ends in initial_syncing (the reversed pair syncs)",
                [](Profile& p) { p.reprotect_target = S::kInitialSyncing; }},
    Alternative{RuleId::kS5, "reprotecting ends in created",
                [](Profile& p) { p.reprotect_target = S::kCreated; }},
    Alternative{RuleId::kS6,
                "transient statuses may end in their *_failed status (async_failures on)",
                [](Profile& p) { p.async_failures = true; }},
    Alternative{RuleId::kX3, "a pair's destination disk may be attached in any status",
                [](Profile& p) {
                  PairStatusSet any;
                  for (PairStatus s : all_statuses()) any.insert(s);
                  p.x3_attachable = any;
                }},
    Alternative{RuleId::kP4, "unknown parameters are refused (400 InvalidParameter)",
                [](Profile& p) { p.p4_ignore_unknown = false; }},
};

bool judged_conformant(BeliefSet& b, const StepRecord& r) {
  if (!r.observed) {
    b.observe_unknown(r.request);
    return true;
  }
  return b.observe(r.request, *r.observed).conformant;
}

// Does the profile explain `last` after every record of `before`?
bool explains(const Universe& universe, const Profile& profile, std::span<const StepRecord> before,
              const StepRecord& last) {
  BeliefSet b(universe, profile);
  for (const StepRecord& r : before) {
    if (!judged_conformant(b, r)) return false;
  }
  return judged_conformant(b, last);
}

const Alternative* explaining(const Universe& universe, const Profile& profile,
                              std::span<const StepRecord> before, const StepRecord& last) {
  if (!last.observed || !is_unexplained_answer(last.verdict)) return nullptr;
  for (const Alternative& alt : kAlternatives) {
    Profile p = profile;
    alt.apply(p);
    if (explains(universe, p, before, last)) return &alt;
  }
  return nullptr;
}

}  // namespace

std::span<const Alternative> a_rule_alternatives() { return kAlternatives; }

bool is_unexplained_answer(const Verdict& v) {
  if (v.conformant || v.violations.empty()) return false;
  static const RuleSet kWire = {RuleId::kW2, RuleId::kW3, RuleId::kW4};
  if (kWire.contains(v.violations.front().rule)) return false;
  return std::find(v.rule_ids.begin(), v.rule_ids.end(), RuleId::kM1) != v.rule_ids.end();
}

const Alternative* explaining_alternative(const Universe& universe, const Profile& profile,
                                          const std::vector<StepRecord>& history) {
  if (history.empty()) return nullptr;
  const std::span<const StepRecord> all(history);
  return explaining(universe, profile, all.first(all.size() - 1), all.back());
}

std::optional<RuleId> diagnose(const Universe& universe, const Profile& profile,
                               const std::vector<StepRecord>& history) {
  const Alternative* alt = explaining_alternative(universe, profile, history);
  return alt != nullptr ? std::optional<RuleId>(alt->rule) : std::nullopt;
}

void attribute(Verdict& failing, RuleId rule, std::string_view what) {
  const std::string because = " (explained if " + std::string(what) + ")";
  if (failing.violations.empty()) failing.violations.push_back({rule, ""});
  Violation& primary = failing.violations.front();
  primary.rule = rule;
  primary.evidence += because;
  std::erase(failing.rule_ids, rule);
  failing.rule_ids.insert(failing.rule_ids.begin(), rule);
  if (failing.key) failing.key->rule = rule;
  failing.exercised.insert(rule);
  std::string evidence = failing.message;
  if (evidence.starts_with("[")) {
    if (const auto close = evidence.find("] "); close != std::string::npos) {
      evidence.erase(0, close + 2);
    }
  }
  failing.message = "[" + std::string(to_string(rule)) + "] " + evidence + because;
}

bool diagnose_and_attribute(const Universe& universe, const Profile& profile,
                            const std::vector<StepRecord>& history, StepRecord& failing) {
  const Alternative* alt = explaining(universe, profile, history, failing);
  if (alt == nullptr) return false;
  attribute(failing.verdict, alt->rule, alt->what);
  return true;
}

}  // namespace paircheck::model
