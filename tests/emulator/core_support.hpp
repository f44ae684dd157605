// Test support for the emulator core: fixtures, a signing client (V3 by default, V1 on request)
// built on protocol/'s signers, and shortcuts to bring a pair into a given status.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "emulator/service.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/signed_request.hpp"

namespace paircheck::emulator::testing {

using Json = nlohmann::json;
using protocol::Params;

// "d-hz-0007" from ("d-hz", 7).
inline std::string disk_id(const std::string& prefix, int n) {
  std::string digits = std::to_string(n);
  return prefix + "-" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

inline protocol::Fixtures test_fixtures() {
  protocol::Fixtures f;
  f.account_id = "1000000000000001";
  f.identities = {{"ak-admin", "sk-admin", {"*"}},
                  {"ak-readonly",
                   "sk-readonly",
                   {"DescribeDiskReplicaPairs", "DescribeDiskReplicaPairProgress"}}};
  for (int i = 1; i <= 40; ++i) {
    f.disks.push_back({disk_id("d-hz", i), "cn-hangzhou", "cn-hangzhou-h"});
    f.disks.push_back({disk_id("d-sh", i), "cn-shanghai", "cn-shanghai-e"});
  }
  f.disks.push_back({"d-hz-other", "cn-hangzhou", "cn-hangzhou-h"});
  f.instances = {{"i-hz-0001", "cn-hangzhou", "cn-hangzhou-h"},
                 {"i-sh-0001", "cn-shanghai", "cn-shanghai-e"}};
  return f;
}

inline ServiceConfig test_config(std::vector<std::string> faults = {}) {
  ServiceConfig c;
  c.control_token = "ctl-token";
  c.faults = std::move(faults);
  return c;
}

inline HttpRequest to_http(const protocol::WireRequest& w) {
  return HttpRequest{w.method, w.target, w.headers, w.body};
}

inline Json body_of(const HttpResponse& r) {
  Json j = Json::parse(r.body, nullptr, false);
  return j;
}

inline std::string code_of(const HttpResponse& r) { return body_of(r).value("Code", ""); }

struct Client {
  Service& service;
  std::string access_key_id = "ak-admin";
  std::string secret = "sk-admin";
  bool v1 = false;
  protocol::V1Style v1_style = protocol::V1Style::kGetQuery;
  int next_nonce = 0;
  int64_t skew_s = 0;  // added to the signing timestamp

  protocol::SigningInput input() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return {"nonce-" + std::to_string(next_nonce++) + "-" + access_key_id,
            now + std::chrono::seconds(skew_s)};
  }

  protocol::WireRequest wire(const std::string& action, Params params,
                             const std::string& version = "2021-07-30") {
    protocol::RpcCall call{action, version, std::move(params)};
    protocol::SigningKey key{access_key_id, secret};
    if (v1) return protocol::build_v1_request(call, key, input(), v1_style, "ebs.local");
    return protocol::build_v3_request(call, key, input(), "ebs.local");
  }

  HttpResponse call(const std::string& action, Params params,
                    const std::string& version = "2021-07-30") {
    return service.handle(to_http(wire(action, std::move(params), version)));
  }
  HttpResponse send(const protocol::WireRequest& w) { return service.handle(to_http(w)); }

  // --- shortcuts (fixture regions: cn-hangzhou = source, cn-shanghai = destination) ---
  std::string create(const std::string& src = "d-hz-0001", const std::string& dst = "d-sh-0001",
                     Params extra = {}) {
    Params p{{"RegionId", "cn-hangzhou"},
             {"SourceZoneId", "cn-hangzhou-h"},
             {"DiskId", src},
             {"DestinationRegionId", "cn-shanghai"},
             {"DestinationZoneId", "cn-shanghai-e"},
             {"DestinationDiskId", dst}};
    p.insert(p.end(), extra.begin(), extra.end());
    HttpResponse r = call("CreateDiskReplicaPair", p);
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r).value("ReplicaPairId", "");
  }
  HttpResponse op(const std::string& action, const std::string& id,
                  const std::string& region = "cn-hangzhou", Params extra = {}) {
    Params p{{"RegionId", region}, {"ReplicaPairId", id}};
    p.insert(p.end(), extra.begin(), extra.end());
    return call(action, p);
  }
  // The pair's Describe record, searching both regions and sites; null when not listed.
  Json describe_one(const std::string& id) {
    for (const char* region : {"cn-hangzhou", "cn-shanghai"}) {
      HttpResponse r = call("DescribeDiskReplicaPairs", {{"RegionId", region}, {"PairIds", id}});
      Json b = body_of(r);
      if (b.contains("ReplicaPairs") && !b["ReplicaPairs"].empty()) return b["ReplicaPairs"][0];
    }
    return nullptr;
  }
  std::string status(const std::string& id) {
    Json p = describe_one(id);
    return p.is_null() ? "<not listed>" : p.value("Status", "");
  }
};

// A service with a client; helpers that walk a pair to a status (virtual clock).
struct Fixture {
  explicit Fixture(std::vector<std::string> faults = {}, ServiceConfig config = test_config())
      : service(
            [&] {
              config.faults = std::move(faults);
              return config;
            }(),
            test_fixtures()),
        client{service} {}
  Service service;
  Client client;

  void settle() { service.advance_clock(10); }  // every transient (<= 3 s) has ended
  std::string created(const std::string& src = "d-hz-0001", const std::string& dst = "d-sh-0001") {
    std::string id = client.create(src, dst);
    settle();
    EXPECT_EQ(client.status(id), "created");
    return id;
  }
  std::string syncing_or_normal(const std::string& src = "d-hz-0001",
                                const std::string& dst = "d-sh-0001") {
    std::string id = created(src, dst);
    EXPECT_EQ(client.op("StartDiskReplicaPair", id).status, 200);
    settle();
    return id;
  }
  std::string stopped(const std::string& src = "d-hz-0001", const std::string& dst = "d-sh-0001") {
    std::string id = syncing_or_normal(src, dst);
    EXPECT_EQ(client.op("StopDiskReplicaPair", id).status, 200);
    settle();
    EXPECT_EQ(client.status(id), "stopped");
    return id;
  }
  std::string failovered(const std::string& src = "d-hz-0001",
                         const std::string& dst = "d-sh-0001") {
    std::string id = syncing_or_normal(src, dst);
    EXPECT_EQ(client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200);
    settle();
    EXPECT_EQ(client.status(id), "failovered");
    return id;
  }
};

}  // namespace paircheck::emulator::testing
