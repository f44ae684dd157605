// Hostile and broken input: every request gets a W3 error body (JSON with Code) or a clean close;
// never a 500, a crash or a hang; and the server keeps serving afterwards.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "tests/emulator/server_test_fixture.hpp"

namespace paircheck::emulator::testing {
namespace {

using namespace std::chrono_literals;

const protocol::Params kDescribe{{"RegionId", "cn-hangzhou"}};

class Robustness : public EmulatorServer {
 protected:
  // The server still answers a good request on a new connection.
  void expect_still_serving() {
    const auto r = round_trip(v1("DescribeDiskReplicaPairs", kDescribe));
    ASSERT_TRUE(r.has_value()) << "server stopped answering";
    EXPECT_EQ(r->status, 200) << r->body;
  }
  // One answer that is a contract error (4xx + JSON with Code), never a 5xx.
  static void expect_contract_error(const std::optional<RawResponse>& r, int status = 0) {
    ASSERT_TRUE(r.has_value()) << "no answer";
    EXPECT_GE(r->status, 400) << r->body;
    EXPECT_LT(r->status, 500) << r->body;
    if (status != 0) {
      EXPECT_EQ(r->status, status) << r->body;
    }
    EXPECT_TRUE(is_contract_body(*r)) << r->body;
  }
  std::string code_of(const RawResponse& r) {
    const auto json = nlohmann::json::parse(r.body, nullptr, false);
    return json.is_object() && json.contains("Code") ? json["Code"].get<std::string>() : "";
  }
};

TEST_F(Robustness, W1_BadPercentEncodingGetsAContractError) {
  for (const char* target : {"/?Action=%zz", "/?%=1", "/?RegionId=cn%2", "/?a=%%"}) {
    RawConnection c = connect();
    ASSERT_TRUE(c.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: h\r\n\r\n"));
    expect_contract_error(c.read_response(), 400);
  }
  RawConnection c = connect();
  ASSERT_TRUE(
      c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
             "Content-Length: 9\r\n\r\nAction=%G"));
  expect_contract_error(c.read_response(), 400);
  expect_still_serving();
}

TEST_F(Robustness, W1_DuplicateParametersGetAContractError) {
  // Signed, so that the duplicate itself is what is judged.
  const auto r = round_trip(
      v1("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}, {"RegionId", "cn-shanghai"}}));
  expect_contract_error(r, 400);
  const auto form =
      round_trip(v1("DescribeDiskReplicaPairs",
                    {{"RegionId", "cn-hangzhou"}, {"MaxResults", "5"}, {"MaxResults", "6"}},
                    protocol::V1Style::kPostForm));
  expect_contract_error(form, 400);
}

TEST_F(Robustness, W1_OneMegabyteParameterInTheQueryIsRefused) {
  RawConnection c = connect();
  const std::string big(1 << 20, 'a');
  c.send("GET /?Action=DescribeDiskReplicaPairs&PairName=" + big + " HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto r = c.read_response();
  expect_contract_error(r, 400);
  EXPECT_EQ(code_of(*r), "InvalidParameter");
  EXPECT_NE(r->body.find("16384"), std::string::npos) << r->body;
  EXPECT_TRUE(c.wait_closed(5s));
  expect_still_serving();
}

TEST_F(Robustness, W1_OneMegabyteParameterInTheBodyIsRefused) {
  auto request = v1("DescribeDiskReplicaPairs", kDescribe, protocol::V1Style::kPostForm);
  request.body += "&Description=" + std::string(1 << 20, 'b');
  RawConnection c = connect();
  c.send(serialize(request));
  const auto r = c.read_response();
  expect_contract_error(r, 400);
  EXPECT_EQ(code_of(*r), "InvalidParameter");
  EXPECT_NE(r->body.find("262144"), std::string::npos) << r->body;
  EXPECT_TRUE(c.wait_closed(5s));
  expect_still_serving();
}

TEST_F(Robustness, W1_OversizedChunkedBodyIsRefused) {
  RawConnection c = connect();
  std::string text =
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n\r\n";
  const std::string chunk(64 * 1024, 'c');
  for (int i = 0; i < 8; ++i) text += "10000\r\n" + chunk + "\r\n";
  text += "0\r\n\r\n";
  c.send(text);
  expect_contract_error(c.read_response(), 400);
  expect_still_serving();
}

TEST_F(Robustness, W1_NonUtf8BytesGetAContractAnswer) {
  // In a signed value (the signature covers the raw bytes), in the query, a header and the body.
  const auto signed_bytes = round_trip(
      v1("DescribeDiskReplicaPairs", {{"RegionId", "cn-\xff\xfe"}, {"PairIds", "\xc3\x28"}}));
  ASSERT_TRUE(signed_bytes.has_value());
  EXPECT_TRUE(is_contract_body(*signed_bytes)) << signed_bytes->body;
  EXPECT_LT(signed_bytes->status, 500);
  for (const std::string& text :
       {std::string("GET /?Action=\xff\xfe%FF HTTP/1.1\r\nHost: h\r\n\r\n"),
        std::string("GET / HTTP/1.1\r\nHost: h\r\nx-acs-action: \xff\xfe\r\n\r\n"),
        std::string(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 10\r\n\r\nAction=\xff\xfe\xfd")}) {
    RawConnection c = connect();
    c.send(text);
    const auto r = c.read_response();
    ASSERT_TRUE(r.has_value());
    EXPECT_LT(r->status, 500) << r->body;
    EXPECT_TRUE(is_contract_body(*r)) << r->body;
  }
  expect_still_serving();
}

TEST_F(Robustness, W1_Http11WithoutHostGetsAContractError) {
  auto request = v1("DescribeDiskReplicaPairs", kDescribe);
  request.headers.clear();  // drops host
  RawConnection c = connect();
  c.send(serialize(request));
  const auto r = c.read_response();
  expect_contract_error(r, 400);
  EXPECT_NE(r->body.find("Host"), std::string::npos) << r->body;
  // The request was well framed: the connection stays usable.
  c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe)));
  const auto next = c.read_response();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200) << next->body;
}

TEST_F(Robustness, W3_GarbageBytesGetA400AndAClose) {
  const std::vector<std::string> garbage = {
      "HELLO\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: h\r\n\r\n",
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n", 26),
      std::string("\0\0\0\0GET / HTTP/1.1\r\n\r\n", 23),
      "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
      "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
  };
  for (const auto& bytes : garbage) {
    RawConnection c = connect();
    c.send(bytes);
    const auto r = c.read_response(5s);
    expect_contract_error(r, 400);
    EXPECT_TRUE(c.wait_closed(5s)) << bytes;
  }
  expect_still_serving();
}

TEST_F(Robustness, W3_RandomBytesNeverCrashOrHang) {
  std::mt19937 rng(12345);
  for (int i = 0; i < 100; ++i) {
    std::string bytes(1 + rng() % 2048, '\0');
    for (char& b : bytes) b = static_cast<char>(rng());
    if (i % 2) bytes = "GET /?" + bytes;  // half of them start like a request
    bytes += "\r\n\r\n";
    RawConnection c = connect();
    c.send(bytes);
    // Either an answer (then it is a contract error) or a close within the read timeout.
    const auto r = c.read_response(kReadTimeout + 3s);
    if (r) {
      EXPECT_LT(r->status, 500) << r->body;
      EXPECT_TRUE(is_contract_body(*r)) << r->body;
    }
    EXPECT_TRUE(c.wait_closed(kReadTimeout + 3s)) << "case " << i;
  }
  expect_still_serving();
}

TEST_F(Robustness, W1_HalfSentRequestIsClosedWithinTheReadTimeout) {
  for (const char* half :
       {"GET /?Action=Desc", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nabc"}) {
    RawConnection c = connect();
    c.send(half);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_TRUE(c.wait_closed(kReadTimeout + 3s)) << half;
    EXPECT_GE(std::chrono::steady_clock::now() - started, kReadTimeout - 200ms) << half;
  }
  expect_still_serving();
}

TEST_F(Robustness, W1_TrickleDoesNotExtendTheReadTimeout) {
  RawConnection c = connect();
  const std::string text = "GET /?Action=DescribeDiskReplicaPairs HTTP/1.1\r\nHost: h\r\n";
  const auto started = std::chrono::steady_clock::now();
  bool closed = false;
  for (char ch : text) {  // one byte every 100 ms: the whole request would need > 5 s
    if (!c.send(std::string(1, ch))) {
      closed = true;
      break;
    }
    std::this_thread::sleep_for(100ms);
    if (std::chrono::steady_clock::now() - started > kReadTimeout + 3s) break;
  }
  EXPECT_TRUE(closed || c.wait_closed(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, kReadTimeout + 4s);
}

TEST_F(Robustness, W1_IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  RawConnection c = connect();
  c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe)));
  ASSERT_TRUE(c.read_response().has_value());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.wait_closed(kIdleTimeout + 3s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, kIdleTimeout - 200ms);
}

TEST_F(Robustness, W1_ClientsThatVanishDoNotHurtTheServer) {
  for (int i = 0; i < 50; ++i) {
    RawConnection c = connect();
    if (i % 3 == 0) c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\npartial");
    if (i % 3 == 1) c.send(serialize(v1("DescribeDiskReplicaPairs", kDescribe)));  // never read
  }
  expect_still_serving();
}

TEST(RobustnessHandler, W3_AThrowingHandlerGivesAnInternalErrorBodyNotACrash) {
  ServerOptions options;
  Server server(options,
                [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("bug"); });
  server.start();
  RawConnection c(server.port());
  c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto r = c.read_response();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 500);
  EXPECT_TRUE(is_contract_body(*r)) << r->body;
  EXPECT_NE(r->body.find("InternalError"), std::string::npos);
}

TEST(RobustnessHandler, W1_StopClosesOpenConnections) {
  Server server(ServerOptions{}, [](const HttpRequest&) {
    return HttpResponse{200, "application/json", "{}", {}};
  });
  server.start();
  RawConnection c(server.port());
  c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_TRUE(c.read_response().has_value());
  server.stop();
  EXPECT_TRUE(c.wait_closed(std::chrono::seconds(3)));
}

}  // namespace
}  // namespace paircheck::emulator::testing
