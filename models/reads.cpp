// O9 (DescribeDiskReplicaPairs) and O10 (DescribeDiskReplicaPairProgress): no state change.
#include <algorithm>

#include "models/step_internal.hpp"

namespace paircheck::model {

std::string listing_key(const Params& ps) {
  std::string key = str_param(ps, "RegionId").value_or("");
  key += '|' + str_param(ps, "Site").value_or("production") + '|';
  for (const std::string& id : list_param(ps, "PairIds")) key += id + ',';
  key += '|' + str_param(ps, "ReplicaGroupId").value_or("") + '|';
  if (auto name = str_param(ps, "Name"); name && !name->empty()) key += "=" + *name;
  if (auto rg = str_param(ps, "ResourceGroupId"); rg && !rg->empty()) key += "@" + *rg;
  return key;
}

bool listed_by(const Pair& p, const Params& ps) {
  if (p.status == PairStatus::kDeleted) return false;
  const std::string site = str_param(ps, "Site").value_or("production");
  const std::string& region = site == "backup" ? p.destination.region : p.source.region;
  if (region != str_param(ps, "RegionId").value_or("")) return false;
  const std::vector<std::string> ids = list_param(ps, "PairIds");
  if (!ids.empty() && std::find(ids.begin(), ids.end(), p.id) == ids.end()) return false;
  if (auto group = str_param(ps, "ReplicaGroupId"); group && *group != "-") {
    return false;  // the model has no replica groups
  }
  // A resource group filters: a pair is in the one its Create named (empty: none, no filter).
  if (auto rg = str_param(ps, "ResourceGroupId"); rg && !rg->empty() && *rg != p.resource_group) {
    return false;
  }
  const auto name = str_param(ps, "Name");
  return !name || p.name.find(*name) != std::string::npos;
}

}  // namespace paircheck::model

namespace paircheck::model::detail {

Outcome step_describe(Eval& e) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const auto max_results = int_param(ps, "MaxResults");
  const auto next_token = str_param(ps, "NextToken");

  DescribeExpect d;
  d.site = str_param(ps, "Site").value_or("production");
  d.judge_recover_point = prof.o9_last_recover_point;
  for (const Pair& p : e.world.pairs) {
    if (listed_by(p, ps)) d.candidates.push_back(p);
  }
  d.total = static_cast<std::int64_t>(d.candidates.size());
  d.token_paging = max_results.has_value() || next_token.has_value();
  d.max_results = max_results.value_or(prof.max_results_default);
  d.page_number = int_param(ps, "PageNumber").value_or(1);
  d.page_size = int_param(ps, "PageSize").value_or(prof.page_size_default);
  if (next_token) {
    const PageWalk* walk = nullptr;
    if (e.ctx.pages != nullptr) {
      auto it = e.ctx.pages->find(*next_token);
      if (it != e.ctx.pages->end()) walk = &it->second;
    }
    if (walk == nullptr) return error_outcome(prof, "O9.next_token", {RuleId::kO9});
    if (walk->listing != listing_key(ps) || !walk->owes) {
      // §11 O9: a token sent with another query continues no walk: any of its pairs, or none.
      for (const Pair& p : d.candidates) d.optional.insert(p.id);
    } else {
      std::erase_if(d.candidates, [&](const Pair& p) { return walk->returned.contains(p.id); });
      for (const Pair& p : d.candidates) {
        if (!prof.o9_walk_joiners_required && !walk->members.contains(p.id)) {
          d.optional.insert(p.id);  // joined the listing after the walk began
        }
      }
    }
  }
  Outcome o = ok_outcome({RuleId::kO9});
  o.body = BodyKind::kDescribe;
  o.describe = std::move(d);
  return o;
}

Outcome step_progress(Eval& e) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const std::string region = *str_param(ps, "RegionId");
  const Pair* p = e.world.pair(*str_param(ps, "ReplicaPairId"));
  bool exists = p != nullptr && p->status != PairStatus::kDeleted &&
                (region == p->source.region || region == p->destination.region);
  for (Check c : prof.o0_order) {
    if (c == Check::kExistence && !exists)
      return error_outcome(prof, "O0.not_found", {RuleId::kO10, RuleId::kO0});
    if (c == Check::kStatus && exists) {
      auto it = prof.accepted.find("O10");
      if (it == prof.accepted.end() || !it->second.contains(p->status)) {
        return error_outcome(prof, "O0.invalid_status", {RuleId::kO10, RuleId::kO0});
      }
    }
  }
  Outcome o = ok_outcome({RuleId::kO10});
  o.body = BodyKind::kProgress;
  o.progress = ProgressExpect{p->progress_floor, p->synced, p->recover_point_floor};
  return o;
}

}  // namespace paircheck::model::detail
