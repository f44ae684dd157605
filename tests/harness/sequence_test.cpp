// Sequence files (replay) and the endpoint parser: what a user hands paircheck on the command line.
#include <gtest/gtest.h>

#include "harness/http_client.hpp"
#include "harness/sequence.hpp"
#include "models/json_io.hpp"
#include "models/requests.hpp"

namespace paircheck::harness {
namespace {

TEST(SequenceFile, RoundTripsEveryStepKindAndEnvelope) {
  model::Request r = model::requests::start("{primary:0}", "{pair:0}", true, "{tok:1}");
  r.envelope.signature = model::SignatureFault::kWrongSecret;
  r.envelope.timestamp_offset_s = -1200;
  r.envelope.timestamp_fraction_digits = 3;
  r.envelope.format = "XML";
  r.envelope.version.reset();
  Sequence s{{Step::Kind::kCall, r, 0, 0},
             {Step::Kind::kWait, {}, 460, 0},
             {Step::Kind::kSettle, {}, 0, 2}};
  Sequence back;
  ASSERT_EQ(from_json(nlohmann::json::parse(to_json(s).dump()), back), "");
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].request.params, r.params);
  EXPECT_EQ(back[0].request.envelope.signature, model::SignatureFault::kWrongSecret);
  EXPECT_EQ(back[0].request.envelope.timestamp_offset_s, -1200);
  EXPECT_EQ(back[0].request.envelope.timestamp_fraction_digits, 3);
  EXPECT_EQ(back[0].request.envelope.format, "XML");
  EXPECT_FALSE(back[0].request.envelope.version.has_value());
  EXPECT_EQ(back[1].seconds, 460);
  EXPECT_EQ(back[2].slot, 2u);
}

TEST(SequenceFile, MalformedFilesGiveOneLineNamingTheField) {
  Sequence s;
  EXPECT_EQ(from_json(nlohmann::json::parse(R"([1,2])"), s),
            "expected an object with a \"steps\" array");
  EXPECT_EQ(from_json(nlohmann::json::parse(R"({"steps":[{"kind":"jump"}]})"), s),
            "steps[0].kind: unknown kind \"jump\"");
  EXPECT_EQ(from_json(nlohmann::json::parse(R"({"steps":[{"kind":"wait","seconds":-1}]})"), s),
            "steps[0].seconds: expected a number >= 0");
  EXPECT_EQ(
      from_json(nlohmann::json::parse(
                    R"({"steps":[{"kind":"call","request":{"action":"X","params":[["a",1]]}}]})"),
                s),
      "steps[0].request.params: expected an array of [name, value] strings");
  EXPECT_EQ(
      from_json(nlohmann::json::parse(
                    R"({"steps":[{"kind":"call","request":{"envelope":{"signature":"x"}}}]})"),
                s),
      "steps[0].request.envelope.signature: unknown value \"x\"");
}

TEST(Endpoint, ParsesHttpHttpsAndIpv6) {
  auto a = parse_endpoint("http://127.0.0.1:8080");
  ASSERT_EQ(a.error, "");
  EXPECT_FALSE(a.endpoint.tls);
  EXPECT_EQ(a.endpoint.port, "8080");
  auto b = parse_endpoint("https://ebs.cn-hangzhou.aliyuncs.com/");
  ASSERT_EQ(b.error, "");
  EXPECT_TRUE(b.endpoint.tls);
  EXPECT_EQ(b.endpoint.port, "443");
  auto c = parse_endpoint("http://[::1]:9000");
  ASSERT_EQ(c.error, "");
  EXPECT_EQ(c.endpoint.host, "::1");
}

TEST(Endpoint, RejectsWhatItCannotReach) {
  EXPECT_NE(parse_endpoint("ftp://x:1").error, "");
  EXPECT_NE(parse_endpoint("http://:80").error, "");
  EXPECT_NE(parse_endpoint("http://host:99999").error, "");
  EXPECT_NE(parse_endpoint("http://host:80/some/path").error, "");
  EXPECT_NE(parse_endpoint("http://[::1").error, "");
}

}  // namespace
}  // namespace paircheck::harness
