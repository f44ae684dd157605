#pragma once
// What a run leaves on a target, recorded as it is created so that cleanup can undo it (issue:
// "leave nothing behind"): pairs it created and disks it attached.
#include <string>
#include <vector>

namespace paircheck::harness {

struct CreatedPair {
  std::string id;
  std::string region;          // RegionId of the Create call (the primary)
  std::string standby_region;  // its DestinationRegionId
};

struct Attachment {
  std::string instance;
  std::string disk;
  friend bool operator==(const Attachment&, const Attachment&) = default;
};

}  // namespace paircheck::harness
