#include "harness/lease.hpp"

#include <algorithm>
#include <map>

namespace paircheck::harness {
namespace {

template <typename Item>
std::map<std::string, std::vector<const Item*>> by_region(const std::vector<Item>& items) {
  std::map<std::string, std::vector<const Item*>> out;
  for (const Item& item : items) out[item.region_id].push_back(&item);
  return out;
}

}  // namespace

std::vector<Lease> make_leases(const model::Universe& universe, std::size_t n) {
  std::vector<Lease> leases(std::max<std::size_t>(n, 1));
  for (std::size_t i = 0; i < leases.size(); ++i) {
    leases[i].number = i;
    leases[i].universe.account_id = universe.account_id;
    leases[i].universe.identities = universe.identities;
  }
  // Round-robin within each region: lease i takes the region's disks i, i+n, i+2n, ..., in the
  // fixture's order (so a lease sees the regions in the order the whole fixture lists them).
  std::map<std::string, std::size_t> dealt;
  for (const model::DiskFixture& d : universe.disks) {
    Lease& lease = leases[dealt[d.region_id]++ % leases.size()];
    lease.universe.disks.push_back(d);
    lease.mine.insert(d.disk_id);
  }
  dealt.clear();
  for (const model::InstanceFixture& i : universe.instances) {
    leases[dealt[i.region_id]++ % leases.size()].universe.instances.push_back(i);
  }
  std::set<std::string> all;
  for (const model::DiskFixture& d : universe.disks) all.insert(d.disk_id);
  for (Lease& lease : leases) lease.fixture = all;
  return leases;
}

std::size_t max_leases(const model::Universe& universe) {
  // Dealt round-robin, every lease gets >= 2 disks of a region iff the region has >= 2n disks;
  // every lease holds two disks in each of two regions (one pair, and a free disk to try a second
  // one or a disk-in-use error on) iff the second-largest region does.
  std::vector<std::size_t> sizes;
  for (const auto& [region, disks] : by_region(universe.disks)) sizes.push_back(disks.size());
  if (sizes.size() < 2) return 1;
  std::sort(sizes.rbegin(), sizes.rend());
  return std::max<std::size_t>(sizes[1] / 2, 1);
}

Projection project(const Lease& lease, const model::Request& request, model::Observed& observed) {
  Projection p;
  const bool token_paging = model::find_param(request.params, "MaxResults").has_value() ||
                            model::find_param(request.params, "NextToken").has_value();
  const bool more_tokens = observed.next_token && !observed.next_token->empty();
  const bool more_pages =
      token_paging
          ? more_tokens
          : more_tokens || (observed.page_number && *observed.page_number != 1) ||
                (observed.total_count &&
                 *observed.total_count != static_cast<std::int64_t>(observed.pairs.size()));
  p.complete = !more_pages;
  auto keep = [&](const model::ObservedPair& item) {
    const std::string source = item.source_disk_id.value_or("");
    const std::string destination = item.destination_disk_id.value_or("");
    if (lease.mine.contains(source) || lease.mine.contains(destination)) return true;
    const bool foreign = !lease.fixture.contains(source) && !lease.fixture.contains(destination);
    return foreign && lease.foreign == ForeignPairs::kReport;
  };
  const std::size_t before = observed.pairs.size();
  std::erase_if(observed.pairs, [&](const model::ObservedPair& item) { return !keep(item); });
  p.dropped = before - observed.pairs.size();
  observed.total_count.reset();  // counts everyone's pairs: not this lease's to judge
  observed.partial = !p.complete;
  return p;
}

}  // namespace paircheck::harness
