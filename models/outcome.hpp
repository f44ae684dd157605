// What a response may look like for one world (judge.md "Outcome"): HTTP statuses, codes, the
// rule IDs that decided it, and the body facts to compare (O1 Create ID, O9 listing, O10 progress).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "models/rules.hpp"
#include "models/world.hpp"

namespace paircheck::model {

enum class BodyKind : std::uint8_t { kNone, kCreate, kDescribe, kProgress };

// The placeholder a fresh Create outcome carries: any fresh, well-formed ReplicaPairId matches.
inline constexpr std::string_view kNewPairId = "?new";

struct DescribeExpect {
  std::vector<Pair> candidates;  // pairs this page may list (already-returned token pages removed)
  // Candidates a walk's last page may leave out (§11 O9: they joined the listing after the walk
  // began, or the NextToken was sent with another listing's query).
  std::set<std::string> optional;
  std::string site = "production";
  bool judge_recover_point = true;  // O9 (§11): Profile::o9_last_recover_point
  bool token_paging = true;         // MaxResults/NextToken mode, else PageNumber/PageSize (§11 O9)
  std::int64_t max_results = 10;
  std::int64_t page_number = 1;
  std::int64_t page_size = 10;
  std::int64_t total = 0;  // TotalCount: the full count
};

struct ProgressExpect {
  std::int64_t progress_floor = 0;
  bool synced = false;
  std::int64_t recover_floor = 0;
};

struct Outcome {
  std::vector<int> http = {200};
  std::vector<std::string> codes;  // empty: success
  RuleIds rule_ids;
  RuleSet also;  // rules whose precondition held here without deciding (I2-I6, P4, W5/W6, X3)
  BodyKind body = BodyKind::kNone;
  std::string pair_id;  // Create: the ID the body must carry (kNewPairId: any fresh)
  DescribeExpect describe;
  ProgressExpect progress;

  bool success() const { return codes.empty(); }
  // Human-readable, e.g. "403 OperationDenied.InvalidStatus [O2]" or "200 [O4]".
  std::string summary() const;
};

}  // namespace paircheck::model
