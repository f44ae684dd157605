// A long run's memory stays bounded: G8 nonces are forgotten once their window has passed, I5
// tokens once past --token-ttl-s, deleted pairs at once; inside the window and the TTL, G8 and I1
// still hold.
#include <chrono>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include "emulator/faults.hpp"
#include "emulator/gateway.hpp"
#include "emulator/nonces.hpp"
#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

const Params kDescribe{{"RegionId", "cn-hangzhou"}};
constexpr int64_t kT0 = 1'800'000'000;  // an injected wall clock (Unix seconds)

TEST(EmulatorNonceStore, RememberedThroughTheWindowThenForgotten) {
  NonceStore store(10);
  EXPECT_FALSE(store.seen_or_record("ak", "n1", kT0));
  EXPECT_TRUE(store.seen_or_record("ak", "n1", kT0 + 10));  // t + window: still a replay
  EXPECT_FALSE(store.seen_or_record("ak", "n2", kT0 + 10));
  EXPECT_FALSE(store.seen_or_record("ak", "n1", kT0 + 11));  // forgotten, recorded afresh
  EXPECT_TRUE(store.seen_or_record("ak", "n1", kT0 + 12));
  EXPECT_TRUE(store.seen_or_record("ak", "n2", kT0 + 20));
  EXPECT_FALSE(store.seen_or_record("ak", "n2", kT0 + 21));
  EXPECT_EQ(store.size(), 2u);  // n1 (at +11) and n2 (at +21)
}

TEST(EmulatorNonceStore, ScopedPerAccessKeyAndUnambiguous) {
  NonceStore store(900);
  EXPECT_FALSE(store.seen_or_record("ak", "x", kT0));
  EXPECT_FALSE(store.seen_or_record("ak2", "x", kT0));
  // Same concatenation, different split: distinct digests.
  EXPECT_NE(NonceStore::digest("ab", "c"), NonceStore::digest("a", "bc"));
  EXPECT_FALSE(store.seen_or_record("a", "kx", kT0));
}

TEST(EmulatorNonceStore, SizeBoundedByRateTimesWindow) {
  NonceStore store(5);
  std::size_t most = 0;
  for (int second = 0; second < 200; ++second) {
    for (int i = 0; i < 100; ++i) {
      ASSERT_FALSE(store.seen_or_record("ak", std::to_string(second) + "-" + std::to_string(i),
                                        kT0 + second));
    }
    most = std::max(most, store.size());
  }
  EXPECT_EQ(most, 600u);  // 100 per second, seconds t-5 .. t
  store.clear();
  EXPECT_EQ(store.size(), 0u);
}

// The gateway on an injected wall clock, with a short G8 window.
struct GatewayAt {
  ServiceConfig config = [] {
    ServiceConfig c = test_config();
    c.nonce_window_s = 30;
    return c;
  }();
  protocol::Fixtures fixtures = test_fixtures();
  FaultSet faults;
  Gateway gateway{config, fixtures, faults};

  // A V3 Describe signed at `signed_at` with `nonce`, checked at `now`: "" when it passed, else
  // the error code.
  std::string check(const std::string& nonce, int64_t signed_at, int64_t now) {
    protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
    protocol::SigningInput in{nonce, std::chrono::sys_seconds(std::chrono::seconds(signed_at))};
    HttpRequest http = to_http(protocol::build_v3_request(call, {"ak-admin", "sk-admin"}, in, "h"));
    auto decoded = decode_request(http, config.max_request_bytes);
    EXPECT_TRUE(std::holds_alternative<protocol::RequestParams>(decoded));
    auto result = gateway.check(http, std::get<protocol::RequestParams>(decoded), now);
    if (auto* err = std::get_if<ApiError>(&result)) return err->code;
    return "";
  }
};

TEST(EmulatorMemory, G8_ReplayInsideTheWindowRejectedAfterItForgotten) {
  GatewayAt g;
  EXPECT_EQ(g.check("n-1", kT0, kT0), "");
  EXPECT_EQ(g.check("n-1", kT0, kT0 + 30), "SignatureNonceUsed");  // within the window
  // Past the window (and within G6's 900 s skew) the nonce is no longer remembered.
  EXPECT_EQ(g.check("n-1", kT0 + 31, kT0 + 31), "");
  EXPECT_EQ(g.check("n-1", kT0 + 31, kT0 + 32), "SignatureNonceUsed");
}

TEST(EmulatorMemory, G8_NoncesHeldStayBoundedOverALongRun) {
  GatewayAt g;
  std::size_t most = 0;
  int n = 0;
  for (int64_t second = 0; second < 120; ++second) {  // 4 windows, 20 requests a second
    for (int i = 0; i < 20; ++i) {
      ASSERT_EQ(g.check("n-" + std::to_string(n++), kT0 + second, kT0 + second), "");
    }
    most = std::max(most, g.gateway.nonces_remembered());
  }
  EXPECT_EQ(most, 31u * 20u);  // the window's 31 seconds (t-30 .. t), not the 2,400 sent
  EXPECT_EQ(g.check("n-" + std::to_string(n - 1), kT0 + 119, kT0 + 119), "SignatureNonceUsed");
}

TEST(EmulatorMemory, G8_ServiceWindowDefaultIsTheContracts900s) {
  EXPECT_EQ(ServiceConfig{}.nonce_window_s, 900);
  Fixture f;
  for (int i = 0; i < 50; ++i)
    EXPECT_EQ(f.client.call("DescribeDiskReplicaPairs", kDescribe).status, 200);
  EXPECT_EQ(f.service.memory().nonces, 50u);
}

Params create_params(const std::string& token, const std::string& n) {
  return {{"RegionId", "cn-hangzhou"},
          {"SourceZoneId", "cn-hangzhou-h"},
          {"DiskId", disk_id("d-hz", std::stoi(n))},
          {"DestinationRegionId", "cn-shanghai"},
          {"DestinationZoneId", "cn-shanghai-e"},
          {"DestinationDiskId", disk_id("d-sh", std::stoi(n))},
          {"ClientToken", token}};
}

ServiceConfig with_token_ttl(double ttl_s) {
  ServiceConfig c = test_config();
  c.token_ttl_s = ttl_s;
  return c;
}

TEST(EmulatorMemory, I1_ReplayWithinTheTokenTtlStillAnsweredFromTheLedger) {
  Fixture f({}, with_token_ttl(60));
  HttpResponse first = f.client.call("CreateDiskReplicaPair", create_params("tok", "1"));
  ASSERT_EQ(first.status, 200) << first.body;
  f.service.advance_clock(60);  // age exactly the TTL: still remembered
  HttpResponse again = f.client.call("CreateDiskReplicaPair", create_params("tok", "1"));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(body_of(again)["ReplicaPairId"], body_of(first)["ReplicaPairId"]);
  // I2 still applies within the TTL.
  EXPECT_EQ(code_of(f.client.call("CreateDiskReplicaPair", create_params("tok", "2"))),
            "IdempotentParameterMismatch");
  EXPECT_EQ(f.service.memory().tokens, 1u);
}

TEST(EmulatorMemory, I5_TokenPastItsTtlForgotten) {
  Fixture f({}, with_token_ttl(60));
  HttpResponse first = f.client.call("CreateDiskReplicaPair", create_params("tok", "1"));
  ASSERT_EQ(first.status, 200) << first.body;
  f.service.advance_clock(61);
  // The same token with other parameters is no longer a mismatch: it is a fresh call.
  HttpResponse other = f.client.call("CreateDiskReplicaPair", create_params("tok", "2"));
  EXPECT_EQ(other.status, 200) << other.body;
  EXPECT_NE(body_of(other)["ReplicaPairId"], body_of(first)["ReplicaPairId"]);
  EXPECT_EQ(f.service.memory().tokens, 1u);  // only the second call's
}

TEST(EmulatorMemory, I5_TokensHeldStayBoundedWithATtl) {
  Fixture f({}, with_token_ttl(10));
  const std::string id = f.created();
  std::size_t most = 0;
  for (int i = 0; i < 200; ++i) {
    HttpResponse r = f.client.op(
        "ModifyDiskReplicaPair", id, "cn-hangzhou",
        {{"PairName", "p" + std::to_string(i)}, {"ClientToken", "t-" + std::to_string(i)}});
    ASSERT_EQ(r.status, 200) << r.body;
    f.service.advance_clock(1);
    most = std::max(most, f.service.memory().tokens);
  }
  EXPECT_LE(most, 11u);  // recorded at t-10 .. t
  EXPECT_GE(most, 10u);
}

TEST(EmulatorMemory, I5_WithoutATtlEveryTokenIsKept) {
  Fixture f;
  const std::string id = f.created();
  for (int i = 0; i < 30; ++i) {
    ASSERT_EQ(
        f.client
            .op("ModifyDiskReplicaPair", id, "cn-hangzhou",
                {{"PairName", "p" + std::to_string(i)}, {"ClientToken", "t-" + std::to_string(i)}})
            .status,
        200);
    f.service.advance_clock(3600);
  }
  EXPECT_EQ(f.service.memory().tokens, 30u);
}

std::string deleted_pair(Fixture& f) {
  const std::string id = f.stopped();
  EXPECT_EQ(
      f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "del"}}).status,
      200);
  f.settle();
  return id;
}

TEST(EmulatorMemory, DeletedPairDroppedYetAnsweredAsBefore) {
  Fixture f;
  const std::string id = deleted_pair(f);
  EXPECT_EQ(f.service.memory().pairs, 0u);
  EXPECT_EQ(f.client.status(id), "<not listed>");
  EXPECT_EQ(code_of(f.client.op("DescribeDiskReplicaPairProgress", id)), "NoSuchResource");
  EXPECT_EQ(code_of(f.client.op("StartDiskReplicaPair", id)), "NoSuchResource");
  // I1 for a deleted pair (I4): the replayed Delete is still 200.
  EXPECT_EQ(
      f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "del"}}).status,
      200);
  // Its disks are free again.
  EXPECT_FALSE(f.client.create().empty());
}

TEST(EmulatorMemory, DeletedPairKeptForTheFaultsThatShowIt) {
  for (const char* fault : {"deleted-pairs-listed", "check-then-act"}) {
    Fixture f({fault});
    deleted_pair(f);
    EXPECT_EQ(f.service.memory().pairs, 1u) << fault;
  }
}

}  // namespace
}  // namespace paircheck::emulator::testing
