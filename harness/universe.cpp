#include "harness/universe.hpp"

namespace paircheck::harness {

model::Universe universe_from(const protocol::Fixtures& fixtures) {
  model::Universe u;
  u.account_id = fixtures.account_id;
  for (const auto& i : fixtures.identities) u.identities.push_back({i.access_key_id, i.actions});
  for (const auto& d : fixtures.disks) u.disks.push_back({d.disk_id, d.region_id, d.zone_id});
  for (const auto& i : fixtures.instances) {
    u.instances.push_back({i.instance_id, i.region_id, i.zone_id});
  }
  return u;
}

}  // namespace paircheck::harness
