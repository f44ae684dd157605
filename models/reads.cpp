// O9 (DescribeDiskReplicaPairs) and O10 (DescribeDiskReplicaPairProgress): no state change.
#include <algorithm>

#include "models/step_internal.hpp"

namespace paircheck::model::detail {

Outcome step_describe(Eval& e) {
  const Params& ps = e.request.params;
  const Profile& prof = e.ctx.profile;
  const std::string region = *str_param(ps, "RegionId");
  const std::string site = str_param(ps, "Site").value_or("production");
  const std::vector<std::string> ids = list_param(ps, "PairIds");
  const auto group = str_param(ps, "ReplicaGroupId");
  const auto name = str_param(ps, "Name");
  const auto max_results = int_param(ps, "MaxResults");
  const auto next_token = str_param(ps, "NextToken");

  DescribeExpect d;
  d.site = site;
  for (const Pair& p : e.world.pairs) {
    if (p.status == PairStatus::kDeleted) continue;
    const std::string& r = site == "backup" ? p.destination.region : p.source.region;
    if (r != region) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), p.id) == ids.end()) continue;
    if (group && *group != "-") continue;  // the model has no replica groups
    if (name && p.name.find(*name) == std::string::npos) continue;
    d.candidates.push_back(p);
  }
  d.total = static_cast<std::int64_t>(d.candidates.size());
  d.token_paging = max_results.has_value() || next_token.has_value();
  d.max_results = max_results.value_or(prof.max_results_default);
  d.page_number = int_param(ps, "PageNumber").value_or(1);
  d.page_size = int_param(ps, "PageSize").value_or(prof.page_size_default);
  if (next_token) {
    const std::set<std::string>* returned = nullptr;
    if (e.ctx.pages != nullptr) {
      auto it = e.ctx.pages->find(*next_token);
      if (it != e.ctx.pages->end()) returned = &it->second;
    }
    if (returned == nullptr) return error_outcome(prof, "O9.next_token", {RuleId::kO9});
    std::erase_if(d.candidates, [&](const Pair& p) { return returned->count(p.id) != 0; });
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
