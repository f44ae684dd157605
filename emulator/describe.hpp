// The read operations: DescribeDiskReplicaPairs (O9: Site, PairIds, MaxResults/NextToken and
// PageNumber/PageSize paging, TotalCount, never deleted pairs) and DescribeDiskReplicaPairProgress
// (O10).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/operations.hpp"

namespace paircheck::emulator {

OpResult describe_pairs(OpContext& ctx);     // O9
OpResult describe_progress(OpContext& ctx);  // O10

// One ReplicaPairs[] item with every §5 field (sources.md §1.2 names).
nlohmann::json pair_to_json(const Pair& pair, std::string_view site);

// NextToken: "pc1-<seq of the last pair returned>"; nullopt when malformed.
std::string encode_next_token(uint64_t seq);
std::optional<uint64_t> decode_next_token(std::string_view token);

}  // namespace paircheck::emulator
