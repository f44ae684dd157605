// O9 DescribeDiskReplicaPairs (fields, Site, PairIds, both paging styles) and O10 progress.
#include <set>

#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

std::vector<std::string> make_pairs(Fixture& f, int n) {
  std::vector<std::string> ids;
  for (int i = 1; i <= n; ++i)
    ids.push_back(f.client.create(disk_id("d-hz", i), disk_id("d-sh", i)));
  return ids;
}

TEST(EmulatorDescribe, O9_EveryFieldOfSection5) {
  Fixture f;
  const std::string id = f.client.create("d-hz-0001", "d-sh-0001",
                                         {{"PairName", "db1"},
                                          {"Description", "main db"},
                                          {"Tag.1.Key", "env"},
                                          {"Tag.1.Value", "prod"}});
  Json p = f.client.describe_one(id);
  for (const char* field : {"ReplicaPairId",
                            "Status",
                            "PairName",
                            "Description",
                            "SourceRegion",
                            "SourceZoneId",
                            "SourceDiskId",
                            "DestinationRegion",
                            "DestinationZoneId",
                            "DestinationDiskId",
                            "PrimaryRegion",
                            "PrimaryZone",
                            "StandbyRegion",
                            "StandbyZone",
                            "RPO",
                            "Bandwidth",
                            "ChargeType",
                            "CreateTime",
                            "LastRecoverPoint",
                            "ReplicaGroupId",
                            "Site",
                            "Tags"}) {
    EXPECT_TRUE(p.contains(field)) << field;
  }
  EXPECT_FALSE(p.contains("SourceRegionId"));
  EXPECT_EQ(p["Tags"], Json::parse(R"([{"TagKey":"env","TagValue":"prod"}])"));
  EXPECT_EQ(p["PairName"], "db1");
  EXPECT_EQ(p["Site"], "production");
  EXPECT_EQ(p["CreateTime"], f.service.unix_time());
}

TEST(EmulatorDescribe, O9_SiteSelectsSourceOrDestinationRegion) {
  Fixture f;
  const std::string id = f.client.create();
  auto list = [&](const std::string& region, const std::string& site) {
    Params p{{"RegionId", region}};
    if (!site.empty()) p.emplace_back("Site", site);
    return body_of(f.client.call("DescribeDiskReplicaPairs", p));
  };
  EXPECT_EQ(list("cn-hangzhou", "")["TotalCount"], 1) << "production is the default";
  EXPECT_EQ(list("cn-hangzhou", "backup")["TotalCount"], 0);
  EXPECT_EQ(list("cn-shanghai", "")["TotalCount"], 0);
  Json backup = list("cn-shanghai", "backup");
  ASSERT_EQ(backup["TotalCount"], 1);
  EXPECT_EQ(backup["ReplicaPairs"][0]["Site"], "backup");
  EXPECT_EQ(backup["ReplicaPairs"][0]["ReplicaPairId"], id);
}

TEST(EmulatorDescribe, O9_PairIdsFilterSkipsUnknown) {
  Fixture f;
  auto ids = make_pairs(f, 3);
  Json b = body_of(f.client.call(
      "DescribeDiskReplicaPairs",
      {{"RegionId", "cn-hangzhou"}, {"PairIds", ids[0] + ",pair-cn-hangzhou-unknown," + ids[2]}}));
  ASSERT_EQ(b["TotalCount"], 2);
  EXPECT_EQ(b["ReplicaPairs"][0]["ReplicaPairId"], ids[0]);
  EXPECT_EQ(b["ReplicaPairs"][1]["ReplicaPairId"], ids[2]);
}

TEST(EmulatorDescribe, O9_NeverListsDeletedPairs) {
  Fixture f;
  const std::string id = f.stopped();
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id).status, 200);
  EXPECT_EQ(f.client.status(id), "deleting") << "listed while deleting";
  f.settle();
  Json b = body_of(
      f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}, {"PairIds", id}}));
  EXPECT_EQ(b["TotalCount"], 0);
  EXPECT_TRUE(b["ReplicaPairs"].empty());
}

// Follows NextToken to the end; returns the IDs in order.
std::vector<std::string> walk_tokens(Client& c, int max_results, int* pages = nullptr) {
  std::vector<std::string> seen;
  std::string token;
  int n = 0;
  do {
    Params p{{"RegionId", "cn-hangzhou"}, {"MaxResults", std::to_string(max_results)}};
    if (!token.empty()) p.emplace_back("NextToken", token);
    HttpResponse r = c.call("DescribeDiskReplicaPairs", p);
    EXPECT_EQ(r.status, 200) << r.body;
    Json b = body_of(r);
    EXPECT_LE(b["ReplicaPairs"].size(), static_cast<std::size_t>(max_results));
    for (const auto& item : b["ReplicaPairs"]) seen.push_back(item["ReplicaPairId"]);
    token = b.value("NextToken", "");
    if (++n > 100) break;
  } while (!token.empty());
  if (pages) *pages = n;
  return seen;
}

TEST(EmulatorDescribe, O9_NextTokenPagingEveryPairExactlyOnce) {
  Fixture f;
  auto ids = make_pairs(f, 37);
  for (int max : {1, 5, 10, 36, 37, 500}) {
    int pages = 0;
    auto seen = walk_tokens(f.client, max, &pages);
    EXPECT_EQ(seen, ids) << "MaxResults=" << max;
    EXPECT_EQ(pages, (37 + max - 1) / max) << "MaxResults=" << max;
  }
  Json first = body_of(f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}}));
  EXPECT_EQ(first["ReplicaPairs"].size(), 10u) << "MaxResults defaults to 10";
  EXPECT_EQ(first["TotalCount"], 37);
}

TEST(EmulatorDescribe, O9_PagingStableWhilePairsComeAndGo) {
  Fixture f;
  auto ids = make_pairs(f, 12);
  Json page1 = body_of(f.client.call("DescribeDiskReplicaPairs",
                                     {{"RegionId", "cn-hangzhou"}, {"MaxResults", "5"}}));
  // Remove a listed pair and add a new one between pages.
  const std::string gone = ids[1];
  f.settle();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", gone).status, 200);
  f.settle();
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", gone).status, 200);
  f.settle();
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", gone).status, 200);
  f.settle();
  const std::string added = f.client.create("d-hz-0030", "d-sh-0030");
  std::vector<std::string> seen;
  for (const auto& item : page1["ReplicaPairs"]) seen.push_back(item["ReplicaPairId"]);
  std::string token = page1["NextToken"];
  while (!token.empty()) {
    Json b = body_of(
        f.client.call("DescribeDiskReplicaPairs",
                      {{"RegionId", "cn-hangzhou"}, {"MaxResults", "5"}, {"NextToken", token}}));
    for (const auto& item : b["ReplicaPairs"]) seen.push_back(item["ReplicaPairId"]);
    token = b["NextToken"];
  }
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "no pair twice";
  for (const auto& id : ids) EXPECT_TRUE(unique.count(id)) << id;
  EXPECT_TRUE(unique.count(added));
}

TEST(EmulatorDescribe, O9_PageNumberPageSize) {
  Fixture f;
  auto ids = make_pairs(f, 23);
  std::vector<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    Json b = body_of(f.client.call(
        "DescribeDiskReplicaPairs",
        {{"RegionId", "cn-hangzhou"}, {"PageNumber", std::to_string(page)}, {"PageSize", "10"}}));
    EXPECT_EQ(b["PageNumber"], page);
    EXPECT_EQ(b["PageSize"], 10);
    EXPECT_EQ(b["TotalCount"], 23);
    for (const auto& item : b["ReplicaPairs"]) seen.push_back(item["ReplicaPairId"]);
  }
  EXPECT_EQ(seen, ids);
  Json beyond = body_of(f.client.call("DescribeDiskReplicaPairs",
                                      {{"RegionId", "cn-hangzhou"}, {"PageNumber", "9"}}));
  EXPECT_TRUE(beyond["ReplicaPairs"].empty());
  EXPECT_EQ(beyond["TotalCount"], 23);
  // MaxResults present: PageNumber/PageSize are ignored.
  Json mixed = body_of(f.client.call(
      "DescribeDiskReplicaPairs",
      {{"RegionId", "cn-hangzhou"}, {"PageNumber", "3"}, {"PageSize", "2"}, {"MaxResults", "4"}}));
  ASSERT_EQ(mixed["ReplicaPairs"].size(), 4u);
  EXPECT_EQ(mixed["ReplicaPairs"][0]["ReplicaPairId"], ids[0]);
  EXPECT_EQ(mixed["TotalCount"], 23);
}

TEST(EmulatorDescribe, O9_MalformedNextTokenIs400) {
  Fixture f;
  make_pairs(f, 2);
  for (const char* bad : {"garbage", "pc1-", "pc1-x", "pc1--1", "pc1-99999999999999999999"}) {
    HttpResponse r = f.client.call("DescribeDiskReplicaPairs",
                                   {{"RegionId", "cn-hangzhou"}, {"NextToken", bad}});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(code_of(r), "InvalidParameter") << bad;
  }
}

TEST(EmulatorDescribe, O10_ProgressRestartsPerSyncAndFreezesOnStop) {
  Fixture f;
  const std::string id = f.created();
  auto progress = [&](const std::string& region = "cn-hangzhou") {
    return body_of(f.client.op("DescribeDiskReplicaPairProgress", id, region));
  };
  Json p = progress();
  EXPECT_EQ(p["Progress"], 0);
  EXPECT_EQ(p["RecoverPoint"], 0) << "no completed sync yet";
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  int last = 0;
  for (int i = 0; i < 12 && f.client.status(id) == "initial_syncing"; ++i) {
    const int now = progress("cn-shanghai")["Progress"];
    EXPECT_GE(now, last) << "never decreases within one sync";
    EXPECT_LE(now, 100);
    last = now;
    f.service.advance_clock(0.25);
  }
  f.settle();
  const int64_t recover = progress()["RecoverPoint"];
  EXPECT_GT(recover, 0);
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", id).status, 200);
  const int frozen = progress()["Progress"];
  f.settle();
  EXPECT_EQ(progress()["Progress"], frozen) << "frozen on Stop";
  EXPECT_GE(progress()["RecoverPoint"].get<int64_t>(), recover) << "never decreases";
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  EXPECT_EQ(progress()["Progress"], 0) << "restarts at each sync";
  EXPECT_GE(progress()["RecoverPoint"].get<int64_t>(), recover);
}

TEST(EmulatorDescribe, O10_DeletedPairIs404) {
  Fixture f;
  const std::string id = f.stopped();
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id).status, 200);
  EXPECT_EQ(f.client.op("DescribeDiskReplicaPairProgress", id).status, 200) << "deleting";
  f.settle();
  EXPECT_EQ(f.client.op("DescribeDiskReplicaPairProgress", id).status, 404);
}

}  // namespace
}  // namespace paircheck::emulator::testing
