// The deterministic step (judge.md): step(World, Request) -> (Outcome, World), checks in contract
// precedence: G1..G11 (W1 path after G1) -> P (P1, Format, P2 types, P2 ranges, P3) -> I -> O0
// order (existence, site, status, devices, cooldown). Time rules (G6, G8, I5, O3, I6) that are
// ambiguous inside the request's interval are "forks": step_all returns every branch.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "models/outcome.hpp"
#include "models/profile.hpp"
#include "models/request.hpp"
#include "models/universe.hpp"
#include "models/world.hpp"

namespace paircheck::model {

// G8: when a nonce passed signature verification; certain=false after an unknown outcome (M2).
struct NonceRecord {
  MsInterval at;
  bool certain = true;
};
using NonceLedger = std::map<std::pair<std::string, std::string>, NonceRecord>;  // (AK, nonce)
// O9: a NextToken walk, kept under each NextToken it has handed out.
struct PageWalk {
  std::string listing;             // listing_key() of the query the walk pages through
  std::set<std::string> members;   // pairs that query listed in every world when the walk began
  std::set<std::string> returned;  // pairs its pages have returned so far
  bool owes = true;  // false once a page was asked with another query's token: nothing is owed
  friend bool operator==(const PageWalk&, const PageWalk&) = default;
};
using PageLedger = std::map<std::string, PageWalk, std::less<>>;

// O9: what a DescribeDiskReplicaPairs request lists, apart from paging: RegionId, Site, PairIds,
// ReplicaGroupId and Name ("cn-hangzhou|production|p1,p2||"); and whether it lists `pair`.
std::string listing_key(const Params& params);
bool listed_by(const Pair& pair, const Params& params);
// I6: (Action, ClientToken) whose first call had an unknown outcome and may still be processing.
using InFlightTokens = std::set<std::pair<std::string, std::string>>;
// I3: (Action, ClientToken) whose call was answered with an error (coverage of I3).
using FailedTokens = std::set<std::pair<std::string, std::string>>;

struct StepContext {
  const Universe& universe;
  const Profile& profile;
  const NonceLedger* nonces = nullptr;
  const PageLedger* pages = nullptr;
  const InFlightTokens* in_flight = nullptr;
  const FailedTokens* failed_tokens = nullptr;
};

// Fork bits: set = take the "rule fires" branch of an ambiguous time rule.
enum Fork : std::uint32_t {
  kForkG6 = 1u << 0,  // timestamp expired
  kForkG8 = 1u << 1,  // nonce reused
  kForkI5 = 1u << 2,  // token forgotten (TTL passed)
  kForkO3 = 1u << 3,  // still in cooldown
  kForkI6 = 1u << 4,  // LastTokenProcessing
};

struct StepResult {
  Outcome outcome;
  World world;
  std::uint32_t ambiguous = 0;  // forks this evaluation met (bits that could go either way)
};

// One deterministic evaluation; `forks` picks the branch of each ambiguous time rule.
StepResult step(const World& world, const Request& request, const StepContext& ctx,
                std::uint32_t forks = 0);
// Every branch (distinct fork choices); with a point interval and no in-flight token, exactly one.
std::vector<StepResult> step_all(const World& world, const Request& request,
                                 const StepContext& ctx);

}  // namespace paircheck::model
