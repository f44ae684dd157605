// The wire encoder's timestamps (§11 "G5 fractions"): the envelope's fraction digits go on the wire
// in the signed Timestamp (V1) or x-acs-date (V3), the emulator accepts 1-9 of them and refuses 10
// and the unparsable form with G5, as the model says.

#include <gtest/gtest.h>

#include "harness/inprocess_target.hpp"
#include "harness/wire_encoder.hpp"
#include "models/requests.hpp"
#include "protocol/request_params.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

std::string sent_timestamp(const protocol::WireRequest& w) {
  for (const auto& [name, value] : w.headers) {
    if (name == "x-acs-date") return value;
  }
  const std::string* content_type = nullptr;
  for (const auto& [name, value] : w.headers) {
    if (name == "content-type") content_type = &value;
  }
  auto decoded =
      protocol::decode_request_params(w.target, content_type ? *content_type : "", w.body);
  if (!decoded) return "(undecodable)";
  const std::string* t = protocol::find_param(decoded->merged.params, "Timestamp");
  return t ? *t : "(none)";
}

// yyyy-MM-ddTHH:mm:ss, then "." and `digits` digits when digits > 0, then Z (no <regex>: g++ 12
// warns inside it under ASan, and CI builds the tests sanitized).
bool timestamp_shape(const std::string& s, int digits) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd";
  const std::size_t length =
      shape.size() + (digits > 0 ? 1 + static_cast<std::size_t>(digits) : 0) + 1;
  if (s.size() != length || s.back() != 'Z') return false;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? !digit(s[i]) : s[i] != shape[i]) return false;
  }
  if (digits == 0) return true;
  if (s[shape.size()] != '.') return false;
  for (std::size_t i = shape.size() + 1; i + 1 < s.size(); ++i) {
    if (!digit(s[i])) return false;
  }
  return true;
}

TEST(WireEncoder, G5_FractionDigitsAreSentAndJudgedAlike) {
  const auto fixtures = testing::default_fixtures();
  for (auto version : {SignatureVersion::kV1, SignatureVersion::kV3}) {
    const std::string v = version == SignatureVersion::kV1 ? "V1" : "V3";
    WireEncoder encoder(fixtures, version, "127.0.0.1:1", 1);
    InProcessTarget target(emulator::ServiceConfig{}, fixtures, version, 1);
    for (int digits : {0, 1, 3, 9, 10}) {
      model::Request r = model::requests::describe("cn-hangzhou");
      r.envelope.timestamp_fraction_digits = static_cast<std::uint8_t>(digits);
      const std::string sent = sent_timestamp(encoder.encode(r));
      EXPECT_TRUE(timestamp_shape(sent, digits)) << v << " " << digits << ": " << sent;
      const WireResult answer = target.send(r);
      ASSERT_EQ(answer.kind, WireResult::Kind::kResponse) << v << " " << answer.detail;
      if (digits <= 9) {
        EXPECT_EQ(answer.status, 200) << v << " " << digits << ": " << answer.body;
      } else {
        EXPECT_EQ(answer.status, 400) << v << ": " << answer.body;
        EXPECT_NE(answer.body.find("InvalidTimeStamp.Format"), std::string::npos) << answer.body;
      }
    }
    model::Request r = model::requests::describe("cn-hangzhou");
    r.envelope.timestamp = model::TimestampState::kUnparsable;
    r.envelope.timestamp_fraction_digits = 3;  // unparsable wins
    EXPECT_EQ(sent_timestamp(encoder.encode(r)), "yesterday at noon") << v;
    const WireResult answer = target.send(r);
    EXPECT_EQ(answer.status, 400) << v << ": " << answer.body;
    EXPECT_NE(answer.body.find("InvalidTimeStamp.Format"), std::string::npos) << answer.body;
  }
}

}  // namespace
}  // namespace paircheck::harness
