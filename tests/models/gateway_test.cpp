// G1-G11 and the §11 W1 path rule: each gateway error, its codes, and the order of the checks.
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;

Request good() { return requests::describe(kHz); }

Outcome gw(Request r, std::int64_t ms = 1000, const NonceLedger* nonces = nullptr) {
  static const Universe u = universe();
  static const Profile p = default_profile();
  requests::at(r, ms);
  StepContext ctx{u, p, nonces};
  return step(World{}, r, ctx).outcome;
}

TEST(Gateway, G1_UnsupportedMethodRejected) {
  Request r = good();
  r.envelope.method = "PUT";
  Outcome o = gw(r);
  EXPECT_EQ(o.http, (std::vector<int>{400, 403}));
  EXPECT_TRUE(has_code(o, "UnsupportedHTTPMethod"));
  EXPECT_EQ(o.rule_ids.front(), RuleId::kG1);
  r.envelope.method = "GET";
  EXPECT_TRUE(gw(r).success());
}

TEST(Gateway, G1_PathRuleComesRightAfterMethod) {
  Request r = good();
  r.envelope.path = "/v2";
  r.envelope.signature = SignatureFault::kMissing;  // G2 would fire too: the path rule is first
  Outcome o = gw(r);
  EXPECT_EQ(o.http, std::vector<int>{404});
  EXPECT_TRUE(has_code(o, "InvalidApi.NotFound"));
  EXPECT_EQ(o.rule_ids.front(), RuleId::kW1);
  r.envelope.method = "DELETE";
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG1);
}

TEST(Gateway, G1_UndecodableParamsRejectedBeforeG2) {
  Request r = good();
  requests::set_param(r, "Name", std::string("\xff\xfe"));
  r.envelope.signature = SignatureFault::kMissing;
  Outcome o = gw(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kW1);
  EXPECT_TRUE(has_code(o, "InvalidParameter"));
  requests::set_param(r, "Name", "caf\xc3\xa9");  // valid UTF-8: on to G2
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG2);
}

TEST(Gateway, G2_MissingSignatureRejected) {
  for (SignatureFault f : {SignatureFault::kMissing, SignatureFault::kMalformedAuthorization}) {
    Request r = good();
    r.envelope.signature = f;
    r.envelope.access_key_id = "ak-nobody";  // G2 comes before G3
    Outcome o = gw(r);
    EXPECT_EQ(o.rule_ids.front(), RuleId::kG2);
    EXPECT_EQ(o.http, std::vector<int>{400});
    EXPECT_TRUE(has_code(o, "IncompleteSignature") && has_code(o, "MissingSignature"));
  }
  Request r = good();
  r.envelope.access_key_id = "";
  EXPECT_TRUE(has_code(gw(r), "MissingAccessKeyId"));
}

TEST(Gateway, G3_UnknownAccessKeyRejected) {
  Request r = good();
  r.envelope.access_key_id = "ak-nobody";
  r.envelope.signature = SignatureFault::kWrongSecret;
  Outcome o = gw(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kG3);
  EXPECT_EQ(o.http, (std::vector<int>{400, 404}));
  EXPECT_TRUE(has_code(o, "InvalidAccessKeyId.NotFound"));
}

TEST(Gateway, G4_BadSignatureMethodRejected) {
  Request r = good();
  r.envelope.signature = SignatureFault::kBadSignatureMethod;
  r.envelope.timestamp = TimestampState::kUnparsable;  // G5 comes after G4
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG4);
  EXPECT_TRUE(has_code(gw(r), "InvalidSignatureMethod"));
}

TEST(Gateway, G5_UnparsableTimestampRejected) {
  Request r = good();
  r.envelope.timestamp = TimestampState::kUnparsable;
  r.envelope.timestamp_offset_s = 5000;  // G6 comes after G5
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG5);
  EXPECT_TRUE(has_code(gw(r), "InvalidTimeStamp.Format"));
}

// §11 "G5 fractions" (A): 1-9 fraction digits are a valid timestamp (the older official JS SDK
// sends 3, toISOString); more than the profile's G5 fraction_digits is G5.
TEST(Gateway, G5_FractionalSecondsAllowed) {
  Request r = good();
  for (std::uint8_t digits : {1, 3, 6, 9}) {
    r.envelope.timestamp_fraction_digits = digits;
    EXPECT_TRUE(gw(r).success()) << int(digits);
  }
  r.envelope.timestamp_fraction_digits = 10;
  r.envelope.timestamp_offset_s = 5000;  // G6 comes after G5
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG5);
  EXPECT_TRUE(has_code(gw(r), "InvalidTimeStamp.Format"));
  // An unparsable timestamp stays G5 whatever its digits.
  r.envelope.timestamp_fraction_digits = 3;
  r.envelope.timestamp = TimestampState::kUnparsable;
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG5);
  // A fraction does not excuse a skewed clock.
  r.envelope.timestamp = TimestampState::kOk;
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG6);
}

TEST(Gateway, G5_FractionDigitsKnob) {
  static const Universe u = universe();
  Profile strict = default_profile();
  strict.g5_fraction_digits = 0;  // the documented yyyy-MM-ddTHH:mm:ssZ only
  Profile millis = default_profile();
  millis.g5_fraction_digits = 3;
  auto judge = [&](std::uint8_t digits, const Profile& p) {
    Request r = good();
    r.envelope.timestamp_fraction_digits = digits;
    requests::at(r, 1000);
    StepContext ctx{u, p, nullptr};
    return step(World{}, r, ctx).outcome;
  };
  EXPECT_TRUE(judge(0, strict).success());
  EXPECT_EQ(judge(1, strict).rule_ids.front(), RuleId::kG5);
  EXPECT_TRUE(judge(3, millis).success());
  EXPECT_EQ(judge(4, millis).rule_ids.front(), RuleId::kG5);
}

TEST(Gateway, G6_ExpiredTimestampRejected) {
  Request r = good();
  r.envelope.timestamp_offset_s = 901;
  r.envelope.signature = SignatureFault::kWrongSecret;  // G7 comes after G6
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG6);
  EXPECT_TRUE(has_code(gw(r), "InvalidTimeStamp.Expired"));
  r.envelope.timestamp_offset_s = -900;
  r.envelope.signature = SignatureFault::kNone;
  EXPECT_TRUE(gw(r).success());
}

TEST(Gateway, G6_BoundaryIsAmbiguousOnARealClock) {
  static const Universe u = universe();
  static const Profile p = default_profile();
  Request r = good();
  r.envelope.timestamp_offset_s = 903;  // within time_skew_tolerance_s of 900
  r.time = TimeInterval{1000, 1200};
  auto all = step_all(World{}, r, StepContext{u, p});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NE(all[0].outcome.success(), all[1].outcome.success());
}

TEST(Gateway, G7_BadSignatureRejected) {
  Request r = good();
  r.envelope.signature = SignatureFault::kWrongSecret;
  Outcome o = gw(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kG7);
  EXPECT_EQ(o.http, (std::vector<int>{400, 403}));
  EXPECT_TRUE(has_code(o, "SignatureDoesNotMatch"));
}

TEST(Gateway, G8_ReusedNonceRejected) {
  NonceLedger nonces;
  nonces[{"ak-admin", "n1"}] = NonceRecord{MsInterval{1000, 1000}, true};
  Request r = good();
  r.envelope.nonce = "n1";
  EXPECT_EQ(gw(r, 2000, &nonces).rule_ids.front(), RuleId::kG8);
  EXPECT_TRUE(has_code(gw(r, 2000, &nonces), "SignatureNonceUsed"));
  EXPECT_TRUE(gw(r, 1000 + 901 * 1000, &nonces).success());  // outside 15 min
  r.envelope.nonce = "n2";
  EXPECT_TRUE(gw(r, 2000, &nonces).success());
  r.envelope.nonce_reused = true;
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG8);
}

TEST(Gateway, G8_NonceRecordedOnlyAfterSignatureVerified) {
  BeliefSet b(universe(), default_profile());
  Request bad = good();
  bad.envelope.nonce = "n-1";
  bad.envelope.signature = SignatureFault::kWrongSecret;
  EXPECT_TRUE(b.observe(bad, response(400, "SignatureDoesNotMatch")).conformant);
  Request r = good();
  r.envelope.nonce = "n-1";
  Observed ok = response(200);
  ok.total_count = 0;
  EXPECT_TRUE(b.observe(r, ok).conformant);  // not recorded by the failed request
  Verdict v = b.observe(r, ok);              // recorded now: the replay must be G8
  EXPECT_FALSE(v.conformant);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kG8));
}

TEST(Gateway, G9_UnknownActionRejected) {
  Request r = good();
  r.action = "DescribeEverything";
  r.envelope.version = "1999-01-01";  // G10 comes after G9
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG9);
  EXPECT_EQ(gw(r).http, std::vector<int>{404});
  r.action = "";
  EXPECT_TRUE(has_code(gw(r), "InvalidAction.NotFound"));
}

TEST(Gateway, G10_WrongOrMissingVersionRejected) {
  Request r = good();
  r.envelope.version = "2014-05-26";  // served only for AttachDisk/DetachDisk (§11)
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG10);
  r.envelope.version.reset();
  EXPECT_TRUE(has_code(gw(r), "InvalidVersion"));
  Request a = requests::attach("i-hz-1", "d-hz-2");
  EXPECT_TRUE(gw(a).success());
  a.envelope.version = "2021-07-30";  // tolerated for the ECS calls
  EXPECT_TRUE(gw(a).success());
}

TEST(Gateway, G11_ForbiddenActionRejected) {
  Request r = requests::start(kHz, kPair);
  r.envelope.access_key_id = "ak-readonly";
  Outcome o = gw(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kG11);
  EXPECT_EQ(o.http, std::vector<int>{403});
  EXPECT_TRUE(has_code(o, "Forbidden.Action"));
  Request d = good();
  d.envelope.access_key_id = "ak-readonly";
  EXPECT_TRUE(gw(d).success());
}

TEST(Gateway, G11_GatewayComesBeforeParams) {
  Request r = requests::start(kHz, kPair);
  requests::erase_param(r, "RegionId");  // P1 would fire, but G11 is first
  r.envelope.access_key_id = "ak-readonly";
  EXPECT_EQ(gw(r).rule_ids.front(), RuleId::kG11);
}

}  // namespace
}  // namespace paircheck::model
