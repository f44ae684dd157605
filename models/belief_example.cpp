// BeliefSet::example: a concrete response some world would give (property tests, bench, fuzzer).
#include <algorithm>

#include "models/belief_set.hpp"
#include "models/params.hpp"

namespace paircheck::model {
namespace {

ObservedPair observed_pair(const Pair& p, const std::string& id, const std::string& site) {
  ObservedPair o;
  o.replica_pair_id = id;
  o.status = std::string(to_string(p.status));
  o.pair_name = p.name;
  o.description = p.description;
  o.source_region = p.source.region;
  o.source_zone_id = p.source.zone;
  o.source_disk_id = p.source.disk;
  o.destination_region = p.destination.region;
  o.destination_zone_id = p.destination.zone;
  o.destination_disk_id = p.destination.disk;
  o.primary_region = p.primary_region;
  o.primary_zone = p.primary_zone;
  o.standby_region = p.standby_region;
  o.standby_zone = p.standby_zone;
  o.rpo = p.rpo;
  o.bandwidth = p.bandwidth;
  o.charge_type = p.charge_type;
  o.site = site;
  o.last_recover_point = p.synced ? std::max<std::int64_t>(p.recover_point_floor, 1) : 0;
  return o;
}

}  // namespace

Observed BeliefSet::example(const Request& request, std::size_t choice) const {
  std::vector<Outcome> outs = allowed(request);
  Observed o;
  o.request_id = "model-" + std::to_string(++example_counter_);
  if (outs.empty()) return o;
  const Outcome& out = outs[choice % outs.size()];
  o.http_status = out.http.front();
  if (!out.success()) {
    o.code = out.codes.front();
    o.message = out.summary();
    return o;
  }
  auto fresh_id = [&]() {
    std::string region = find_param(request.params, "RegionId").value_or("x");
    return profile_.pair_id_prefix + region + "-m" + std::to_string(++example_counter_);
  };
  switch (out.body) {
    case BodyKind::kNone:
      break;
    case BodyKind::kCreate:
      o.replica_pair_id =
          out.pair_id.empty() || out.pair_id[0] == kPendingMark ? fresh_id() : out.pair_id;
      break;
    case BodyKind::kDescribe: {
      const DescribeExpect& d = out.describe;
      std::int64_t n = static_cast<std::int64_t>(d.candidates.size());
      std::int64_t first = 0, count = 0;
      if (d.token_paging) {
        count = std::min(n, d.max_results);
        o.next_token = count < n ? "nt-" + std::to_string(++example_counter_) : "";
      } else {
        first = std::min(n, (d.page_number - 1) * d.page_size);
        count = std::clamp<std::int64_t>(n - first, 0, d.page_size);
        o.page_number = d.page_number;
        o.page_size = d.page_size;
        o.next_token = "";
      }
      for (std::int64_t i = first; i < first + count; ++i) {
        const Pair& p = d.candidates[static_cast<std::size_t>(i)];
        o.pairs.push_back(observed_pair(p, p.pending() ? fresh_id() : p.id, d.site));
      }
      o.total_count = d.total;
      break;
    }
    case BodyKind::kProgress:
      o.progress = out.progress.progress_floor;
      o.recover_point =
          out.progress.synced ? std::max<std::int64_t>(out.progress.recover_floor, 1) : 0;
      break;
  }
  return o;
}

}  // namespace paircheck::model
