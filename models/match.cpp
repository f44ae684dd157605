#include "models/match.hpp"

#include <algorithm>
#include <set>

namespace paircheck::model {
namespace {

template <typename T>
bool same(const std::optional<T>& seen, const T& want) {
  return !seen || *seen == want;
}

// O10's RecoverPoint and O9's LastRecoverPoint (§11), "the last completed replication": 0 before
// the first, > 0 after it, never below what was seen before.
bool recover_point_matches(std::int64_t seen, bool synced, std::int64_t floor) {
  return synced ? (seen > 0 && seen >= floor) : seen == 0;
}

bool pair_matches(const ObservedPair& o, const Pair& p, const DescribeExpect& d) {
  const std::string& site = d.site;
  if (d.judge_recover_point && o.last_recover_point &&
      !recover_point_matches(*o.last_recover_point, p.synced, p.recover_point_floor)) {
    return false;
  }
  return o.status == to_string(p.status) && same(o.pair_name, p.name) &&
         same(o.description, p.description) && same(o.source_region, p.source.region) &&
         same(o.source_zone_id, p.source.zone) && same(o.source_disk_id, p.source.disk) &&
         same(o.destination_region, p.destination.region) &&
         same(o.destination_zone_id, p.destination.zone) &&
         same(o.destination_disk_id, p.destination.disk) &&
         same(o.primary_region, p.primary_region) && same(o.primary_zone, p.primary_zone) &&
         same(o.standby_region, p.standby_region) && same(o.standby_zone, p.standby_zone) &&
         same(o.rpo, p.rpo) && same(o.bandwidth, p.bandwidth) &&
         same(o.charge_type, p.charge_type) && same(o.site, site);
}

bool describe_matches(const DescribeExpect& d, const Observed& o) {
  std::set<std::string> ids;
  for (const ObservedPair& item : o.pairs) {
    if (!ids.insert(item.replica_pair_id).second) return false;  // each pair once
    auto it = std::find_if(d.candidates.begin(), d.candidates.end(),
                           [&](const Pair& p) { return p.id == item.replica_pair_id; });
    if (it == d.candidates.end() || !pair_matches(item, *it, d)) return false;
  }
  if (o.partial) return true;  // a page of a shared account, projected: its items are right
  if (o.total_count && *o.total_count != d.total) return false;
  auto n = static_cast<std::int64_t>(o.pairs.size());
  auto remaining = static_cast<std::int64_t>(d.candidates.size());
  if (d.token_paging) {
    if (n > d.max_results) return false;
    bool more = o.next_token && !o.next_token->empty();
    if (more) return n == d.max_results;
    if (d.optional.empty()) return n == remaining;
    for (const Pair& p : d.candidates) {  // the last page: every pair the walk owes is listed
      if (!d.optional.contains(p.id) && !ids.contains(p.id)) return false;
    }
    return true;
  }
  if (o.page_number && *o.page_number != d.page_number) return false;
  if (o.page_size && *o.page_size != d.page_size) return false;
  std::int64_t before = (d.page_number - 1) * d.page_size;
  std::int64_t want = std::clamp<std::int64_t>(d.total - before, 0, d.page_size);
  return n == want;
}

}  // namespace

bool matches(const Outcome& outcome, const Observed& o, const World& after,
             const Profile& profile) {
  if (o.http_status_known &&
      std::find(outcome.http.begin(), outcome.http.end(), o.http_status) == outcome.http.end()) {
    return false;
  }
  if (outcome.success()) {
    if (!o.code.empty()) return false;
  } else if (std::find(outcome.codes.begin(), outcome.codes.end(), o.code) == outcome.codes.end()) {
    return false;
  }
  switch (outcome.body) {
    case BodyKind::kNone:
      return true;
    case BodyKind::kCreate:
      if (outcome.pair_id != kNewPairId) return o.replica_pair_id == outcome.pair_id;
      return !o.replica_pair_id.empty() && o.replica_pair_id[0] != kPendingMark &&
             o.replica_pair_id.rfind(profile.pair_id_prefix, 0) == 0 &&
             after.pair(o.replica_pair_id) == nullptr;
    case BodyKind::kDescribe:
      return describe_matches(outcome.describe, o);
    case BodyKind::kProgress: {
      const ProgressExpect& p = outcome.progress;
      if (!o.progress || *o.progress < p.progress_floor || *o.progress > 100) return false;
      return recover_point_matches(o.recover_point.value_or(0), p.synced, p.recover_floor);
    }
  }
  return false;
}

std::vector<Violation> wire_violations(const Observed& o,
                                       const std::unordered_set<std::string>& seen) {
  std::vector<Violation> out;
  if (!o.shape_error.empty()) {
    out.push_back({o.http_status == 200 ? RuleId::kW2 : RuleId::kW3, o.shape_error});
  }
  if (o.request_id.empty()) {
    out.push_back({RuleId::kW4, "the response has no RequestId"});
  } else if (seen.count(o.request_id) != 0) {
    out.push_back({RuleId::kW4, "RequestId " + o.request_id + " repeats an earlier response's"});
  }
  if (!o.http_status_known) return out;  // W2/W3's status parts: nothing to compare
  if (o.code.empty() && o.http_status != 200) {
    if (o.http_status >= 400) {
      out.push_back(
          {RuleId::kW3, "HTTP " + std::to_string(o.http_status) + " error body without Code"});
    } else {
      out.push_back(
          {RuleId::kW2, "success with HTTP " + std::to_string(o.http_status) + ", not 200"});
    }
  }
  if (!o.code.empty() && o.http_status < 400) {
    out.push_back({RuleId::kW3, "Code " + o.code + " with HTTP " + std::to_string(o.http_status) +
                                    " (errors are 4xx/5xx)"});
  }
  return out;
}

}  // namespace paircheck::model
