// The fixture (contract §10) as the model sees it: account, identities (G3, G11), disks and
// instances (O1, X1-X3). Std-only; the harness fills it from the fixture file.
#pragma once

#include <string>
#include <vector>

namespace paircheck::model {

struct Identity {
  std::string access_key_id;
  std::vector<std::string> actions;  // action names, or "*" for all
};

struct DiskFixture {
  std::string disk_id;
  std::string region_id;
  std::string zone_id;
};

struct InstanceFixture {
  std::string instance_id;
  std::string region_id;
  std::string zone_id;
};

struct Universe {
  std::string account_id;
  std::vector<Identity> identities;
  std::vector<DiskFixture> disks;
  std::vector<InstanceFixture> instances;

  const Identity* identity(const std::string& access_key_id) const {
    for (const Identity& i : identities) {
      if (i.access_key_id == access_key_id) return &i;
    }
    return nullptr;
  }
  const DiskFixture* disk(const std::string& id) const {
    for (const DiskFixture& d : disks) {
      if (d.disk_id == id) return &d;
    }
    return nullptr;
  }
  const InstanceFixture* instance(const std::string& id) const {
    for (const InstanceFixture& i : instances) {
      if (i.instance_id == id) return &i;
    }
    return nullptr;
  }
};

}  // namespace paircheck::model
