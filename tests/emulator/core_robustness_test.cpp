// W2-W4 shapes, no 5xx and no escaped exception on garbage, and atomic handling under threads.
#include <atomic>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "protocol/request_id.hpp"
#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

TEST(EmulatorWire, W2_SuccessBodyHasRequestIdAndFields) {
  Fixture f;
  HttpResponse r = f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json;charset=utf-8");
  Json b = body_of(r);
  EXPECT_TRUE(protocol::is_request_id(b["RequestId"].get<std::string>()));
  for (const char* k : {"ReplicaPairs", "NextToken", "TotalCount", "PageNumber", "PageSize"}) {
    EXPECT_TRUE(b.contains(k)) << k;
  }
  const std::string id = f.created();
  r = f.client.op("StartDiskReplicaPair", id);
  EXPECT_EQ(body_of(r), Json({{"RequestId", body_of(r)["RequestId"]}})) << "Start: RequestId only";
}

TEST(EmulatorWire, W3_ErrorBodyHasAllFields) {
  Fixture f;
  HttpResponse r = f.client.op("StartDiskReplicaPair", "pair-cn-hangzhou-none");
  ASSERT_EQ(r.status, 404);
  Json b = body_of(r);
  for (const char* k : {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
    EXPECT_TRUE(b.contains(k)) << k;
  }
  EXPECT_EQ(b["HostId"], "ebs.paircheck.local");
  EXPECT_EQ(b["Code"], "NoSuchResource");
}

TEST(EmulatorWire, W4_RequestIdsUnique) {
  Fixture f;
  std::set<std::string> ids;
  for (int i = 0; i < 500; ++i) {
    HttpResponse r = i % 2
                         ? f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}})
                         : f.service.handle({"GET", "/", {}, ""});
    EXPECT_TRUE(ids.insert(body_of(r)["RequestId"].get<std::string>()).second);
  }
}

// Random bytes, random %-escapes, random parameter soup, broken signatures, odd methods.
HttpRequest garbage(std::mt19937_64& rng, Client& client, const std::string& pair_id) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto bytes = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>(rng() & 0xFF);
    return s;
  };
  static const std::vector<std::string> names = {
      "Action",      "Version",     "RegionId",   "ReplicaPairId",  "ClientToken", "OneShot",
      "MaxResults",  "NextToken",   "PageNumber", "PageSize",       "PairIds",     "Site",
      "Signature",   "AccessKeyId", "Timestamp",  "SignatureNonce", "Format",      "PairName",
      "Description", "Tag.1.Key",   "RPO"};
  std::vector<std::string> values = {pair_id,
                                     pair_id,
                                     "cn-shanghai",
                                     "d-sh-0002",
                                     "i-sh-0001",
                                     "",
                                     "%",
                                     "%zz",
                                     "%C3%28",
                                     "%FF",
                                     "true",
                                     "-1",
                                     "0",
                                     "99999999999999999999999",
                                     "cn-hangzhou",
                                     "pair-cn-hangzhou-x",
                                     "StartDiskReplicaPair",
                                     "DescribeDiskReplicaPairs",
                                     "2021-07-30",
                                     "pc1-5",
                                     "a,b,,c",
                                     "http://x",
                                     std::string(300, 'A'),
                                     "%00",
                                     "+",
                                     "%2B%2B"};
  static const std::vector<std::string> actions = {"CreateDiskReplicaPair",
                                                   "StartDiskReplicaPair",
                                                   "StopDiskReplicaPair",
                                                   "FailoverDiskReplicaPair",
                                                   "ReprotectDiskReplicaPair",
                                                   "DeleteDiskReplicaPair",
                                                   "ModifyDiskReplicaPair",
                                                   "DescribeDiskReplicaPairs",
                                                   "DescribeDiskReplicaPairProgress",
                                                   "AttachDisk",
                                                   "DetachDisk"};
  HttpRequest r;
  switch (pick(5)) {
    case 0: {  // pure bytes
      r.method = pick(2) ? "GET" : bytes(1 + pick(6));
      r.target = (pick(4) ? "/" : "") + bytes(pick(200));
      r.body = bytes(pick(200));
      break;
    }
    case 1: {  // parameter soup, unsigned
      r.method = pick(2) ? "GET" : "POST";
      r.target = "/?";
      for (std::size_t i = 0, n = pick(12); i < n; ++i) {
        r.target += names[pick(names.size())] + "=" + values[pick(values.size())] + "&";
      }
      break;
    }
    default: {  // a signed request, then bent
      Params p;
      if (pick(2))
        p = {{"RegionId", pick(2) ? "cn-hangzhou" : "cn-shanghai"}, {"ReplicaPairId", pair_id}};
      for (std::size_t i = 0, n = pick(4); i < n; ++i) {
        std::string v = values[pick(values.size())];
        p.emplace_back(names[2 + pick(names.size() - 2)], pick(3) ? v : bytes(pick(8)));
      }
      client.v1 = pick(2) == 0;
      client.v1_style = static_cast<protocol::V1Style>(pick(3));
      auto w = client.wire(actions[pick(actions.size())], p, pick(5) ? "2021-07-30" : "2014-05-26");
      r = to_http(w);
      switch (pick(6)) {
        case 0:
          if (!r.target.empty()) r.target[pick(r.target.size())] = static_cast<char>(rng());
          break;
        case 1:
          r.target += "&" + bytes(pick(10));
          break;
        case 2:
          if (!r.headers.empty()) r.headers[pick(r.headers.size())].second = bytes(pick(40));
          break;
        case 3:
          r.body = bytes(pick(50));
          r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
          break;
        default:
          break;  // valid
      }
    }
  }
  return r;
}

TEST(EmulatorRobustness, TenThousandGarbageRequestsNeverYield5xx) {
  Fixture f;
  const std::string id = f.created();
  std::mt19937_64 rng(20261125);
  int accepted = 0;
  std::set<std::string> codes;
  for (int i = 0; i < 10000; ++i) {
    HttpRequest req = garbage(rng, f.client, id);
    HttpResponse r = f.service.handle(req);
    ASSERT_GE(r.status, 200) << req.method << " " << req.target;
    ASSERT_LT(r.status, 500) << req.method << " " << req.target << " -> " << r.body;
    Json b = Json::parse(r.body, nullptr, false);
    ASSERT_TRUE(b.is_object()) << r.body;
    ASSERT_TRUE(b.contains("RequestId"));
    if (r.status >= 400) {
      ASSERT_TRUE(b.contains("Code")) << r.body;
      ASSERT_TRUE(b.contains("HostId")) << r.body;
      codes.insert(b["Code"].get<std::string>());
    } else {
      ++accepted;
    }
    if (i % 1000 == 0) f.service.advance_clock(5);
  }
  EXPECT_EQ(f.service.internal_error_count(), 0u) << "an exception reached handle()'s catch-all";
  EXPECT_GT(accepted, 0) << "the generator also reaches the operations";
  std::string all;
  for (const auto& c : codes) all += c + " ";
  EXPECT_GE(codes.size(), 12u) << "the generator reaches many checks: " << all;
  EXPECT_TRUE(codes.count("SignatureDoesNotMatch") && codes.count("NoSuchResource") &&
              codes.count("OperationDenied.InvalidStatus"))
      << all;
}

TEST(EmulatorRobustness, HugeRequestIs400) {
  Fixture f;
  auto w = f.client.wire("DescribeDiskReplicaPairs",
                         {{"RegionId", "cn-hangzhou"}, {"Name", std::string(2 << 20, 'n')}});
  HttpResponse r = f.client.send(w);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(code_of(r), "InvalidParameter");
  HttpResponse big_value =
      f.client.call("DescribeDiskReplicaPairs", {{"RegionId", std::string(100000, 'r')}});
  EXPECT_EQ(big_value.status, 200) << "a long value is just a value";
  EXPECT_EQ(f.service.internal_error_count(), 0u);
}

TEST(EmulatorConcurrency, TwoConcurrentStartsExactlyOneSucceeds) {
  for (int trial = 0; trial < 20; ++trial) {
    Fixture f;
    const std::string id = f.created();
    std::atomic<int> ok{0}, denied{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        Client c{f.service};
        c.next_nonce = 1000 * (t + 1);
        HttpResponse r = c.op("StartDiskReplicaPair", id, "cn-hangzhou",
                              {{"ClientToken", "thread-" + std::to_string(t)}});
        (r.status == 200 ? ok : denied).fetch_add(1);
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(denied.load(), 1);
  }
}

TEST(EmulatorConcurrency, ManyThreadsCreateDistinctPairs) {
  Fixture f;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Client c{f.service};
      c.next_nonce = 100000 * (t + 1);
      for (int i = 0; i < 5; ++i) {
        const std::string src = disk_id("d-hz", t * 5 + i + 1);
        const std::string dst = disk_id("d-sh", t * 5 + i + 1);
        Params p{{"RegionId", "cn-hangzhou"},
                 {"SourceZoneId", "cn-hangzhou-h"},
                 {"DiskId", src},
                 {"DestinationRegionId", "cn-shanghai"},
                 {"DestinationZoneId", "cn-shanghai-e"},
                 {"DestinationDiskId", dst}};
        if (c.call("CreateDiskReplicaPair", p).status == 200) ok.fetch_add(1);
        c.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
  Json b = body_of(f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}}));
  EXPECT_EQ(b["TotalCount"], 40);
}

}  // namespace
}  // namespace paircheck::emulator::testing
