#include "models/step.hpp"

#include <algorithm>

#include "models/gateway.hpp"
#include "models/step_internal.hpp"

namespace paircheck::model {
namespace detail {

Outcome error_outcome(const Profile& p, std::string_view key, RuleIds rules,
                      std::string_view param) {
  Outcome o;
  const ErrorSpec& s = p.error(key);
  o.http = s.http;
  for (std::string code : s.codes) {
    if (auto pos = code.find("<Name>"); pos != std::string::npos) {
      if (param.empty()) continue;
      code.replace(pos, 6, param);
    }
    o.codes.push_back(std::move(code));
  }
  if (o.codes.empty()) o.codes.push_back("(none)");  // a spec that allows nothing
  o.rule_ids = std::move(rules);
  return o;
}

Outcome rejection_outcome(const Profile& p, const Rejection& r) {
  return error_outcome(p, r.error_key, r.rule_ids, r.param);
}

Outcome ok_outcome(RuleIds rules) {
  Outcome o;
  o.rule_ids = std::move(rules);
  return o;
}

std::optional<Outcome> check_token(Eval& e, Action a, const std::string& token) {
  const Profile& p = e.ctx.profile;
  std::string action(action_name(a));
  const TokenEntry* entry = e.world.token(action, token);
  if (entry == nullptr) return std::nullopt;
  RuleSet also;
  if (p.token_ttl_s) {  // I5: remembered at least the TTL; later, maybe forgotten
    std::int64_t tol =
        e.request.time.is_point() ? 0 : p.time_skew_tolerance_s * 1000 + 1;  // +1: ms
    std::int64_t age_max = e.request.time.received_ms - entry->at.lo + tol;
    if (age_max >= *p.token_ttl_s * 1000) {
      e.ambiguous |= kForkI5;
      also.insert(RuleId::kI5);
      if ((e.forks & kForkI5) != 0) {
        e.world.erase_token(action, token);
        e.also.insert(also);
        return std::nullopt;
      }
    }
  }
  if (business_params(e.request.params) == entry->params) {
    if (!entry->error_codes.empty()) {  // I3 overridden: the first error is replayed
      Outcome o;
      o.http = entry->error_http;
      o.codes = entry->error_codes;
      o.rule_ids = {RuleId::kI3};
      o.also = also;
      return o;
    }
    Outcome o = ok_outcome({RuleId::kI1});
    o.also = also;
    if (a == Action::kCreate) {
      o.body = BodyKind::kCreate;
      o.pair_id = entry->pair_id;
    }
    return o;
  }
  if (p.i2_reject_actions.count(action) != 0) {
    Outcome o = error_outcome(p, "I2", {RuleId::kI2});
    o.also = also;
    return o;
  }
  also.insert(RuleId::kI2);  // a mismatch, evaluated afresh (I2 off for this action)
  e.also.insert(also);
  return std::nullopt;
}

}  // namespace detail

StepResult step(const World& world, const Request& request, const StepContext& ctx,
                std::uint32_t forks) {
  using namespace detail;
  Eval e{request, ctx, forks, 0, world, {}};
  auto finish = [&](Outcome o) {
    o.also.insert(e.also);
    return StepResult{std::move(o), std::move(e.world), e.ambiguous};
  };
  if (passes_signature(request, ctx)) {  // the signature scheme verified (W5 V1, W6 V3)
    e.also.insert(ctx.profile.signature == "v1" ? RuleId::kW5 : RuleId::kW6);
  }

  if (auto g = check_gateway(request, ctx, forks, e.ambiguous)) {
    return finish(rejection_outcome(ctx.profile, *g));
  }
  Action a = action_from_name(request.action);
  if (auto bad = validate_params(a, request, ctx.profile)) {
    return finish(rejection_outcome(ctx.profile, *bad));
  }
  if (ctx.profile.p4_ignore_unknown && unknown_param(a, request.params)) {
    e.also.insert(RuleId::kP4);  // an unknown parameter, ignored
  }
  if (is_ecs_action(a)) return finish(step_disk_op(e, a));
  if (a == Action::kDescribe) return finish(step_describe(e));
  if (a == Action::kProgress) return finish(step_progress(e));

  std::optional<std::string> token = str_param(request.params, "ClientToken");
  if (token && ctx.in_flight != nullptr && ctx.profile.i6_allowed &&
      ctx.in_flight->count({request.action, *token}) != 0) {  // I6
    e.ambiguous |= kForkI6;
    e.also.insert(RuleId::kI6);
    if ((forks & kForkI6) != 0) return finish(error_outcome(ctx.profile, "I6", {RuleId::kI6}));
  }
  if (token && ctx.failed_tokens != nullptr && e.world.token(request.action, *token) == nullptr &&
      ctx.failed_tokens->count({request.action, *token}) != 0) {
    e.also.insert(RuleId::kI3);  // the token's earlier call failed: evaluated afresh
  }
  if (token && ctx.profile.i4_before_lookup) {  // I4: after G and P, before lookup
    if (auto o = check_token(e, a, *token)) {
      // I4 shaped the answer when the existence check, had it come before the token (I4's
      // alternative order), would have refused the request: a replay after the pair is gone.
      if (!existence_holds(world, a, request.params, ctx.universe)) e.also.insert(RuleId::kI4);
      return finish(std::move(*o));
    }
  }
  Outcome o = a == Action::kCreate ? step_create(e, token) : step_pair_op(e, a, token);
  if (token && o.success() &&
      std::find(o.rule_ids.begin(), o.rule_ids.end(), RuleId::kI1) == o.rule_ids.end()) {
    TokenEntry entry{request.action,
                     *token,
                     business_params(request.params),
                     o.body == BodyKind::kCreate ? o.pair_id : std::string(),
                     MsInterval{request.time.sent_ms, request.time.received_ms},
                     {},
                     {}};
    e.world.put_token(std::move(entry));
  } else if (token && !o.success() && ctx.profile.i3_consumed_on_error && !o.http.empty() &&
             o.http.front() < 500 && o.rule_ids.front() != RuleId::kI2 &&
             o.rule_ids.front() != RuleId::kI6 && o.rule_ids.front() != RuleId::kI3) {
    TokenEntry entry{request.action,
                     *token,
                     business_params(request.params),
                     "",
                     MsInterval{request.time.sent_ms, request.time.received_ms},
                     o.http,
                     o.codes};
    e.world.put_token(std::move(entry));
  }
  return finish(std::move(o));
}

std::vector<StepResult> step_all(const World& world, const Request& request,
                                 const StepContext& ctx) {
  std::vector<StepResult> out;
  std::vector<std::uint32_t> todo = {0};
  std::vector<std::uint32_t> seen = {0};
  while (!todo.empty()) {
    std::uint32_t forks = todo.back();
    todo.pop_back();
    StepResult r = step(world, request, ctx, forks);
    for (std::uint32_t bit = 1; bit <= kForkI6; bit <<= 1) {
      if ((r.ambiguous & bit) == 0 || (forks & bit) != 0) continue;
      std::uint32_t next = forks | bit;
      if (std::find(seen.begin(), seen.end(), next) == seen.end()) {
        seen.push_back(next);
        todo.push_back(next);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace paircheck::model
