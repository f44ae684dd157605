// The server's HTTP behaviour: keep-alive, many connections, pipelining, HEAD, 100-continue, and
// the atomicity of concurrent requests on one pair.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "tests/emulator/server_test_fixture.hpp"

namespace paircheck::emulator::testing {
namespace {

const protocol::Params kDescribe{{"RegionId", "cn-hangzhou"}};

TEST_F(EmulatorServer, W2_KeepAliveServesManyRequestsOnOneConnection) {
  RawConnection c = connect();
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    const auto style = i % 3 == 0   ? protocol::V1Style::kGetQuery
                       : i % 3 == 1 ? protocol::V1Style::kPostQuery
                                    : protocol::V1Style::kPostForm;
    ASSERT_TRUE(c.send(serialize(i % 2 ? v3("DescribeDiskReplicaPairs", kDescribe)
                                       : v1("DescribeDiskReplicaPairs", kDescribe, style))));
    const auto r = c.read_response();
    ASSERT_TRUE(r.has_value()) << "request " << i;
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_TRUE(is_contract_body(*r)) << r->body;
    EXPECT_EQ(r->header("content-type"), "application/json;charset=utf-8");
    EXPECT_NE(r->header("connection"), "close");
    ids.insert(nlohmann::json::parse(r->body)["RequestId"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 50u);  // W4
}

TEST_F(EmulatorServer, W4_SixtyFourConcurrentKeepAliveConnectionsAllAnswered) {
  constexpr int kConnections = 64, kRequests = 20;
  // Sign on this thread (the fixture's helpers are not meant for 64 threads), send on 64.
  std::vector<std::vector<std::string>> wire(kConnections);
  for (auto& requests : wire) {
    for (int i = 0; i < kRequests; ++i) {
      requests.push_back(serialize(v1("DescribeDiskReplicaPairs", kDescribe)));
    }
  }
  std::vector<RawConnection> connections;
  for (int i = 0; i < kConnections; ++i) connections.push_back(connect());
  std::vector<std::vector<std::string>> ids(kConnections);
  std::vector<int> failures(kConnections, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& request : wire[t]) {
        const auto r = connections[t].send(request) ? connections[t].read_response() : std::nullopt;
        if (!r || r->status != 200 || !is_contract_body(*r)) {
          ++failures[t];
          continue;
        }
        ids[t].push_back(nlohmann::json::parse(r->body)["RequestId"].get<std::string>());
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (int t = 0; t < kConnections; ++t) {
    EXPECT_EQ(failures[t], 0) << "connection " << t;
    all.insert(ids[t].begin(), ids[t].end());
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kConnections * kRequests));
}

TEST_F(EmulatorServer, O2_ConcurrentStartsOnOnePairExactlyOneSucceeds) {
  const std::string pair = create_pair(1);
  ASSERT_FALSE(pair.empty());
  for (int round = 0; round < 10; ++round) {
    const protocol::Params start{{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", pair}};
    const std::string a = serialize(v3("StartDiskReplicaPair", start));
    const std::string b = serialize(v1("StartDiskReplicaPair", start));
    RawConnection ca = connect(), cb = connect();
    std::optional<RawResponse> ra, rb;
    std::thread ta([&] { ra = ca.send(a) ? ca.read_response() : std::nullopt; });
    std::thread tb([&] { rb = cb.send(b) ? cb.read_response() : std::nullopt; });
    ta.join();
    tb.join();
    ASSERT_TRUE(ra && rb);
    EXPECT_EQ((ra->status == 200) + (rb->status == 200), 1)
        << "round " << round << ": " << ra->body << " / " << rb->body;
    const RawResponse& loser = ra->status == 200 ? *rb : *ra;
    EXPECT_EQ(loser.status, 403) << loser.body;
    EXPECT_NE(loser.body.find("OperationDenied.InvalidStatus"), std::string::npos) << loser.body;
    // Back to `stopped` for the next round.
    settle();
    const auto stop = round_trip(v3("StopDiskReplicaPair", start));
    ASSERT_TRUE(stop.has_value());
    ASSERT_EQ(stop->status, 200) << stop->body;
    settle();
  }
}

TEST_F(EmulatorServer, W1_PipelinedRequestsAreAnsweredInOrder) {
  RawConnection c = connect();
  const std::string health =
      "GET /_paircheck/health HTTP/1.1\r\nHost: h\r\nx-paircheck-control-token: test-token\r\n\r\n";
  const std::string bad = "GET /?Action=%zz HTTP/1.1\r\nHost: h\r\n\r\n";
  ASSERT_TRUE(c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe)) + health + bad + health));
  const auto r1 = c.read_response(), r2 = c.read_response(), r3 = c.read_response(),
             r4 = c.read_response();
  ASSERT_TRUE(r1 && r2 && r3 && r4);
  EXPECT_EQ(r1->status, 200);
  EXPECT_NE(r1->body.find("ReplicaPairs"), std::string::npos) << r1->body;
  EXPECT_EQ(r2->status, 200);
  EXPECT_NE(r2->body.find("\"Status\":\"ok\""), std::string::npos) << r2->body;
  EXPECT_EQ(r3->status, 400);
  EXPECT_TRUE(is_contract_body(*r3)) << r3->body;
  EXPECT_EQ(r4->status, 200);
}

TEST_F(EmulatorServer, G1_HeadGetsHeadersOnlyAndTheConnectionStaysUsable) {
  RawConnection c = connect();
  ASSERT_TRUE(c.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"));
  const auto head = c.read_response(std::chrono::seconds(5), /*head=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_GE(head->status, 400);
  EXPECT_LT(head->status, 500);
  EXPECT_NE(head->header("content-length"), "0");
  ASSERT_TRUE(c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe))));
  const auto next = c.read_response();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200) << next->body;
  // The server's own answers (here: no Host) follow the HEAD rule too.
  ASSERT_TRUE(c.send("HEAD / HTTP/1.1\r\n\r\n"));
  const auto no_host = c.read_response(std::chrono::seconds(5), /*head=*/true);
  ASSERT_TRUE(no_host.has_value());
  EXPECT_EQ(no_host->status, 400);
  ASSERT_TRUE(c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe))));
  const auto last = c.read_response();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->status, 200) << last->body;
}

TEST_F(EmulatorServer, W1_ExpectContinueIsHonoured) {
  protocol::WireRequest r = v1("DescribeDiskReplicaPairs", kDescribe, protocol::V1Style::kPostForm);
  std::string text = serialize(r, {"Expect: 100-continue"});
  const std::size_t split = text.find("\r\n\r\n") + 4;
  RawConnection c = connect();
  ASSERT_TRUE(c.send(text.substr(0, split)));
  const auto interim = c.read_response(std::chrono::seconds(5), /*head=*/true);
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.send(text.substr(split)));
  const auto final_response = c.read_response();
  ASSERT_TRUE(final_response.has_value());
  EXPECT_EQ(final_response->status, 200) << final_response->body;
}

TEST_F(EmulatorServer, W1_Http10ConnectionClosesAfterTheAnswer) {
  RawConnection c = connect();
  ASSERT_TRUE(
      c.send("GET /_paircheck/health HTTP/1.0\r\nx-paircheck-control-token: test-token\r\n\r\n"));
  const auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(c.wait_closed(std::chrono::seconds(5)));
}

TEST_F(EmulatorServer, W1_ConnectionCloseIsHonoured) {
  RawConnection c = connect();
  ASSERT_TRUE(c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe), {"Connection: close"})));
  const auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(c.wait_closed(std::chrono::seconds(5)));
}

}  // namespace
}  // namespace paircheck::emulator::testing
