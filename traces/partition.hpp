// How a trace is cut for the judge (docs/traces.md "How check judges"): into epochs at each reset
// of the target, and each epoch into groups that cannot see each other's requests: calls are
// joined when they name the same pair, disk, (Action, ClientToken) or nonce, a pair is joined to
// the disks a Create or a Describe shows it on (O1 makes pairs on one disk interact). A Describe
// spans groups: it goes to every group, projected onto the group's disks (harness/lease.hpp) as a
// lease's reads are. Calls that name nothing of the kind (gateway errors, an unknown pair) form
// one group of their own per epoch. Each group is judged on a belief set of its own.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "traces/trace.hpp"

namespace paircheck::traces {

struct Group {
  std::size_t epoch = 0;
  bool fresh = false;              // the epoch starts at a reset: the target held nothing
  std::vector<std::size_t> calls;  // indices into Trace::calls, in the trace's order
  std::set<std::string> disks;     // the disks the group's pairs and requests use
  std::set<std::string> pairs;     // the pair IDs it names
};

// Calls with a `not_judged` reason and resets belong to no group.
std::vector<Group> partition(const Trace& trace);

}  // namespace paircheck::traces
