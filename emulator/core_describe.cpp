// O9 DescribeDiskReplicaPairs and O10 DescribeDiskReplicaPairProgress (see describe.hpp).
#include "emulator/describe.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <vector>

#include "emulator/validation.hpp"

namespace paircheck::emulator {
namespace {

constexpr std::string_view kTokenPrefix = "pc1-";

bool has_tags(const Pair& pair, const protocol::Params& params) {
  for (const auto& entry : protocol::collect_object_list(params, "Tag")) {
    const auto& fields = entry.second;  // not a structured binding: clang 14 cannot capture one
    auto key = fields.find("Key");
    if (key == fields.end() || key->second.empty()) continue;
    auto value = fields.find("Value");
    const bool match = std::any_of(pair.tags.begin(), pair.tags.end(), [&](const auto& tag) {
      return tag.first == key->second && (value == fields.end() || tag.second == value->second);
    });
    if (!match) return false;
  }
  return true;
}

// Every listed pair in creation order, after the Site/region and filter parameters.
std::vector<const Pair*> matching_pairs(OpContext& ctx, bool backup) {
  const std::string region = ctx.param("RegionId");
  std::set<std::string> ids;
  for (auto& id : split_pair_ids(ctx.param("PairIds"))) ids.insert(std::move(id));
  const std::string group = ctx.param("ReplicaGroupId");
  const std::string resource_group = ctx.param("ResourceGroupId");
  const std::string name = ctx.param("Name");
  std::vector<const Pair*> out;
  for (const auto& [id, pair] : ctx.world.pairs) {
    if (pair.status == PairStatus::kDeleted && !ctx.faults.has(Fault::kDeletedPairsListed)) {
      continue;
    }
    if ((backup ? pair.destination.region : pair.source.region) != region) continue;
    if (!ids.empty() && ids.count(id) == 0) continue;  // unknown IDs are simply skipped
    if (!group.empty() && group != "-") continue;      // no pair belongs to a group here
    if (!resource_group.empty() && pair.resource_group_id != resource_group) continue;
    if (!name.empty() && pair.name.find(name) == std::string::npos) continue;
    if (!has_tags(pair, ctx.params)) continue;
    out.push_back(&pair);
  }
  std::sort(out.begin(), out.end(), [](const Pair* a, const Pair* b) { return a->seq < b->seq; });
  return out;
}

}  // namespace

std::string encode_next_token(uint64_t seq) {
  return std::string(kTokenPrefix) + std::to_string(seq);
}

std::optional<uint64_t> decode_next_token(std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) return std::nullopt;
  token.remove_prefix(kTokenPrefix.size());
  if (token.empty() || token.size() > 19) return std::nullopt;
  uint64_t seq = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), seq);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return seq;
}

nlohmann::json pair_to_json(const Pair& pair, std::string_view site) {
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& [key, value] : pair.tags) tags.push_back({{"TagKey", key}, {"TagValue", value}});
  return {
      {"ReplicaPairId", pair.id},
      {"PairName", pair.name},
      {"Description", pair.description},
      {"Status", std::string(to_string(pair.status))},
      {"StatusMessage", ""},
      {"SourceRegion", pair.source.region},
      {"SourceZoneId", pair.source.zone},
      {"SourceDiskId", pair.source.disk},
      {"DestinationRegion", pair.destination.region},
      {"DestinationZoneId", pair.destination.zone},
      {"DestinationDiskId", pair.destination.disk},
      {"PrimaryRegion", pair.primary_region},
      {"PrimaryZone", pair.primary_zone},
      {"StandbyRegion", pair.standby_region},
      {"StandbyZone", pair.standby_zone},
      {"RPO", pair.rpo},
      {"Bandwidth", pair.bandwidth},
      {"LastRecoverPoint", pair.recover_point},
      {"CreateTime", pair.create_time},
      {"ExpiredTime", 0},
      {"ChargeType", pair.charge_type},
      {"ReplicaGroupId", ""},
      {"ReplicaGroupName", ""},
      {"Site", std::string(site)},
      {"EnableRtc", pair.enable_rtc},
      {"ResourceGroupId", pair.resource_group_id},
      {"Tags", std::move(tags)},
  };
}

OpResult describe_pairs(OpContext& ctx) {
  const bool backup = ctx.param("Site") == "backup";
  const auto pairs = matching_pairs(ctx, backup);
  const std::size_t total = pairs.size();
  std::size_t start = 0, size = 10, page_number = 1;
  if (ctx.has("MaxResults") || ctx.has("NextToken")) {  // §11 O9: token paging
    if (ctx.has("MaxResults"))
      size = static_cast<std::size_t>(*parse_integer(ctx.param("MaxResults")));
    if (ctx.has("NextToken")) {
      const auto after = decode_next_token(ctx.param("NextToken"));
      if (!after) return OpResult::fail(invalid_parameter("NextToken", "is malformed"));
      while (start < total && pairs[start]->seq <= *after) ++start;
      if (ctx.faults.has(Fault::kDescribeSkipsPair) && start < total) ++start;
    }
    page_number = start / size + 1;
  } else {
    if (ctx.has("PageSize")) size = static_cast<std::size_t>(*parse_integer(ctx.param("PageSize")));
    if (ctx.has("PageNumber")) {
      const auto number = static_cast<uint64_t>(*parse_integer(ctx.param("PageNumber")));
      page_number = static_cast<std::size_t>(std::min<uint64_t>(number, total + 1));
      start = std::min(total, (page_number - 1) * size);
      page_number = static_cast<std::size_t>(number);
    }
  }
  const std::size_t end = std::min(total, start + size);
  nlohmann::json items = nlohmann::json::array();
  const std::string site = backup ? "backup" : "production";
  for (std::size_t i = start; i < end; ++i) items.push_back(pair_to_json(*pairs[i], site));
  const std::string next = end < total && end > start ? encode_next_token(pairs[end - 1]->seq) : "";
  return OpResult::ok({{"ReplicaPairs", std::move(items)},
                       {"NextToken", next},
                       {"TotalCount", total},
                       {"PageNumber", page_number},
                       {"PageSize", size}});
}

OpResult describe_progress(OpContext& ctx) {
  auto located = locate_pair(ctx);
  if (auto* err = std::get_if<ApiError>(&located)) return OpResult::fail(*err);
  const Pair& pair = *std::get<Pair*>(located);
  return OpResult::ok(
      {{"Progress", ctx.lifecycle.progress(pair, ctx.now)}, {"RecoverPoint", pair.recover_point}});
}

}  // namespace paircheck::emulator
