// The pair operations O1-O8 and the disk operations X (§6, §7, §11), each checked in the O0 order:
// existence -> site -> status -> devices -> cooldown. Describe/Progress (O9, O10): describe.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/errors.hpp"
#include "emulator/faults.hpp"
#include "emulator/lifecycle.hpp"
#include "emulator/service.hpp"
#include "emulator/state.hpp"
#include "protocol/params.hpp"

namespace paircheck::emulator {

// Everything one operation may read or change; built per request under the service lock.
struct OpContext {
  World& world;
  Lifecycle& lifecycle;
  const FaultSet& faults;
  const ServiceConfig& config;
  double now;        // clock seconds
  int64_t unix_now;  // Unix seconds of `now`
  const protocol::Params& params;
  // Set by the check-then-act fault: called by a state-changing operation between its checks and
  // its action; lets go of the service lock for a while, takes it again, and refreshes `now`.
  std::function<void(OpContext&)> between_check_and_act;

  std::string param(std::string_view name) const;  // "" when absent
  bool has(std::string_view name) const;           // present and non-empty
};

// O0 existence: a live pair whose source or destination region is RegionId, else 404.
std::variant<Pair*, ApiError> locate_pair(OpContext& ctx);

OpResult create_pair(OpContext& ctx);     // O1
OpResult start_pair(OpContext& ctx);      // O2, O3
OpResult stop_pair(OpContext& ctx);       // O4
OpResult failover_pair(OpContext& ctx);   // O5
OpResult reprotect_pair(OpContext& ctx);  // O6
OpResult delete_pair(OpContext& ctx);     // O7
OpResult modify_pair(OpContext& ctx);     // O8
OpResult attach_disk(OpContext& ctx);     // X
OpResult detach_disk(OpContext& ctx);     // X

}  // namespace paircheck::emulator
