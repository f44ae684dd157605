// G1-G11 and the W1 decoding rules of the emulator's gateway, V1 and V3.
#include <functional>

#include <gtest/gtest.h>

#include "protocol/iso8601.hpp"
#include "protocol/v1_signature.hpp"
#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

const Params kDescribe{{"RegionId", "cn-hangzhou"}};

void expect_error(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(code_of(r), code) << r.body;
}

// A V1 request whose common parameters can be edited before signing.
HttpResponse send_v1_edited(Client& c, const std::function<void(Params&)>& edit,
                            const std::string& action = "DescribeDiskReplicaPairs") {
  protocol::RpcCall call{action, "2021-07-30", kDescribe};
  Params p = protocol::v1_common_params(call, {c.access_key_id, c.secret}, c.input());
  edit(p);
  protocol::sign_v1(p, "GET", c.secret);
  return c.send(protocol::place_v1(p, protocol::V1Style::kGetQuery, "ebs.local"));
}

void drop_param(Params& p, const std::string& name) {
  std::erase_if(p, [&](const auto& kv) { return kv.first == name; });
}
void set_param(Params& p, const std::string& name, const std::string& value) {
  drop_param(p, name);
  p.emplace_back(name, value);
}

TEST(EmulatorGateway, V1AndV3StylesAllAccepted) {
  Fixture f;
  EXPECT_EQ(f.client.call("DescribeDiskReplicaPairs", kDescribe).status, 200);
  f.client.v1 = true;
  for (auto style : {protocol::V1Style::kGetQuery, protocol::V1Style::kPostQuery,
                     protocol::V1Style::kPostForm}) {
    f.client.v1_style = style;
    HttpResponse r = f.client.call("DescribeDiskReplicaPairs", kDescribe);
    EXPECT_EQ(r.status, 200) << r.body;
  }
}

TEST(EmulatorGateway, V3WithFormBodyParameters) {
  Fixture f;
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", {}};
  auto w = protocol::prepare_v3(call, f.client.input(), "ebs.local", "POST",
                                "RegionId=cn-hangzhou&Site=backup");
  protocol::sign_v3(w, {"ak-admin", "sk-admin"});
  HttpResponse r = f.client.send(w);
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST(EmulatorGateway, G1_UnsupportedMethod) {
  Fixture f;
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  w.method = "PUT";
  expect_error(f.client.send(w), 400, "UnsupportedHTTPMethod");
  w.target = "/other";  // G1 is checked before the path
  expect_error(f.client.send(w), 400, "UnsupportedHTTPMethod");
}

TEST(EmulatorGateway, W1_PathOtherThanRootIs404AfterG1) {
  Fixture f;
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  w.target.replace(0, 1, "/v1/");
  expect_error(f.client.send(w), 404, "InvalidApi.NotFound");
}

TEST(EmulatorGateway, W1_BodyWinsOverQuery) {
  Fixture f;
  f.created();
  f.client.v1 = true;
  f.client.v1_style = protocol::V1Style::kPostForm;
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  w.target = "/?RegionId=cn-shanghai";  // the signed body says cn-hangzhou
  HttpResponse r = f.client.send(w);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_of(r)["TotalCount"], 1);
}

TEST(EmulatorGateway, W1_MalformedInputIs400InvalidParameter) {
  Fixture f;
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  for (std::string suffix : {"&RegionId=cn-shanghai", "&x=%zz", "&x=%", "&x=%C3%28"}) {
    auto bad = w;
    bad.target += suffix;
    expect_error(f.client.send(bad), 400, "InvalidParameter");
  }
}

TEST(EmulatorGateway, G2_V1MissingAccessKeyIdSignatureNonceOrVersion) {
  Fixture f;
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "AccessKeyId"); }), 400,
               "MissingAccessKeyId");
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
  Params unsigned_params =
      protocol::v1_common_params(call, {"ak-admin", "sk-admin"}, f.client.input());
  expect_error(
      f.client.send(protocol::place_v1(unsigned_params, protocol::V1Style::kGetQuery, "h")), 400,
      "MissingSignature");
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "SignatureNonce"); }), 400,
               "IncompleteSignature");
  expect_error(send_v1_edited(f.client, [](Params& p) { set_param(p, "SignatureVersion", "2.0"); }),
               400, "IncompleteSignature");
}

TEST(EmulatorGateway, G2_NoSignatureAtAll) {
  Fixture f;
  expect_error(f.service.handle({"GET", "/?Action=DescribeDiskReplicaPairs&RegionId=x", {}, ""}),
               400, "MissingAccessKeyId");
}

TEST(EmulatorGateway, G2_V3MalformedOrIncompleteAuthorization) {
  Fixture f;
  auto base = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  auto with_header = [&](const std::string& name, const std::string& value) {
    auto w = base;
    for (auto& [k, v] : w.headers) {
      if (k == name) v = value;
    }
    return w;
  };
  expect_error(f.client.send(with_header("authorization", "ACS3-HMAC-SHA256 Credential=ak-admin")),
               400, "IncompleteSignature");
  expect_error(f.client.send(with_header("authorization", "Basic Zm9vOmJhcg==")), 400,
               "IncompleteSignature");
  auto no_nonce = base;
  std::erase_if(no_nonce.headers, [](auto& h) { return h.first == "x-acs-signature-nonce"; });
  expect_error(f.client.send(no_nonce), 400, "IncompleteSignature");
  auto no_hash = base;
  std::erase_if(no_hash.headers, [](auto& h) { return h.first == "x-acs-content-sha256"; });
  expect_error(f.client.send(no_hash), 400, "IncompleteSignature");
  // A SignedHeaders list that leaves out host.
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
  auto w = protocol::prepare_v3(call, f.client.input(), "ebs.local");
  std::string host;
  for (auto& [k, v] : w.headers)
    if (k == "host") host = v;
  std::erase_if(w.headers, [](auto& h) { return h.first == "host"; });
  protocol::sign_v3(w, {"ak-admin", "sk-admin"});
  w.headers.emplace_back("host", host);
  expect_error(f.client.send(w), 400, "IncompleteSignature");
}

TEST(EmulatorGateway, G3_UnknownAccessKeyId) {
  Fixture f;
  f.client.access_key_id = "ak-nobody";
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 404,
               "InvalidAccessKeyId.NotFound");
  f.client.v1 = true;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 404,
               "InvalidAccessKeyId.NotFound");
}

TEST(EmulatorGateway, G4_V1SignatureMethodOtherThanHmacSha1) {
  Fixture f;
  expect_error(
      send_v1_edited(f.client, [](Params& p) { set_param(p, "SignatureMethod", "HMAC-SHA256"); }),
      400, "InvalidSignatureMethod");
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "SignatureMethod"); }), 400,
               "InvalidSignatureMethod");
}

TEST(EmulatorGateway, G5_TimestampUnparsableOrMissing) {
  Fixture f;
  expect_error(send_v1_edited(f.client, [](Params& p) { set_param(p, "Timestamp", "yesterday"); }),
               400, "InvalidTimeStamp.Format");
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "Timestamp"); }), 400,
               "InvalidTimeStamp.Format");
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
  auto w = protocol::prepare_v3(call, f.client.input(), "ebs.local");
  for (auto& [k, v] : w.headers)
    if (k == "x-acs-date") v = "2026-13-01T00:00:00Z";
  protocol::sign_v3(w, {"ak-admin", "sk-admin"});
  expect_error(f.client.send(w), 400, "InvalidTimeStamp.Format");
  std::erase_if(w.headers,
                [](auto& h) { return h.first == "x-acs-date" || h.first == "authorization"; });
  protocol::sign_v3(w, {"ak-admin", "sk-admin"});
  expect_error(f.client.send(w), 400, "InvalidTimeStamp.Format");
}

// §11 "G5 fractions" (A): a Timestamp / x-acs-date with '.' and 1-9 digits before the 'Z' is valid;
// the older official JS SDK (aliyun-sdk 1.12.10, toISOString) signs AttachDisk/DetachDisk so, as
// a POST form under 2014-05-26.
TEST(EmulatorGateway, G5_FractionalSecondsAccepted) {
  Fixture f;
  const auto now = f.client.input().timestamp;
  for (int digits : {1, 3, 6, 9}) {
    const std::string ts = protocol::format_iso8601_fraction(now, digits);
    HttpResponse r = send_v1_edited(f.client, [&](Params& p) { set_param(p, "Timestamp", ts); });
    EXPECT_EQ(r.status, 200) << ts << ": " << r.body;
    protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
    auto w = protocol::prepare_v3(call, f.client.input(), "ebs.local");
    for (auto& [k, v] : w.headers)
      if (k == "x-acs-date") v = ts;
    protocol::sign_v3(w, {"ak-admin", "sk-admin"});
    r = f.client.send(w);
    EXPECT_EQ(r.status, 200) << "x-acs-date " << ts << ": " << r.body;
  }
  // AttachDisk then DetachDisk as aliyun-sdk sends them: a POST form, milliseconds.
  for (const char* action : {"AttachDisk", "DetachDisk"}) {
    protocol::RpcCall call{
        action, "2014-05-26", {{"InstanceId", "i-hz-0001"}, {"DiskId", "d-hz-0001"}}};
    Params p = protocol::v1_common_params(call, {"ak-admin", "sk-admin"}, f.client.input());
    set_param(p, "Timestamp", protocol::format_iso8601_fraction(now, 3, "123"));
    protocol::sign_v1(p, "POST", "sk-admin");
    HttpResponse r =
        f.client.send(protocol::place_v1(p, protocol::V1Style::kPostForm, "ecs.local"));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }
}

TEST(EmulatorGateway, G5_MalformedFractionsRefused) {
  Fixture f;
  const auto now = f.client.input().timestamp;
  const std::string base = protocol::format_iso8601(now).substr(0, 19);  // yyyy-MM-ddTHH:mm:ss
  for (const std::string& ts :
       {protocol::format_iso8601_fraction(now, 10), base + ".Z", base + ",123Z", base + ".12aZ",
        base + ".123", base + ".123+00:00", base + ".123z", base + " .123Z"}) {
    expect_error(send_v1_edited(f.client, [&](Params& p) { set_param(p, "Timestamp", ts); }), 400,
                 "InvalidTimeStamp.Format");
    protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
    auto w = protocol::prepare_v3(call, f.client.input(), "ebs.local");
    for (auto& [k, v] : w.headers)
      if (k == "x-acs-date") v = ts;
    protocol::sign_v3(w, {"ak-admin", "sk-admin"});
    expect_error(f.client.send(w), 400, "InvalidTimeStamp.Format");
  }
  // A fraction does not excuse a skewed clock (G6 reads the whole seconds).
  const std::string late = protocol::format_iso8601_fraction(now + std::chrono::minutes(16), 3);
  expect_error(send_v1_edited(f.client, [&](Params& p) { set_param(p, "Timestamp", late); }), 400,
               "InvalidTimeStamp.Expired");
}

TEST(EmulatorGateway, G6_TimestampMoreThan15MinutesOff) {
  Fixture f;
  f.client.skew_s = -16 * 60;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 400,
               "InvalidTimeStamp.Expired");
  f.client.skew_s = 16 * 60;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 400,
               "InvalidTimeStamp.Expired");
  f.client.skew_s = 14 * 60;
  EXPECT_EQ(f.client.call("DescribeDiskReplicaPairs", kDescribe).status, 200);
}

TEST(EmulatorGateway, G7_SignatureDoesNotMatch) {
  Fixture f;
  f.client.secret = "wrong";
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 400, "SignatureDoesNotMatch");
  f.client.v1 = true;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 400, "SignatureDoesNotMatch");
  f.client.secret = "sk-admin";
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  w.method = "POST";  // V1 signed for GET
  expect_error(f.client.send(w), 400, "SignatureDoesNotMatch");
  f.client.v1 = false;
  auto v3 = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  v3.target += "&Site=backup";  // a parameter added after signing
  expect_error(f.client.send(v3), 400, "SignatureDoesNotMatch");
  v3 = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  v3.body = "RegionId=cn-shanghai";  // body does not match x-acs-content-sha256
  v3.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  expect_error(f.client.send(v3), 400, "SignatureDoesNotMatch");
}

TEST(EmulatorGateway, G8_NonceReuseWithin15Minutes) {
  Fixture f;
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  EXPECT_EQ(f.client.send(w).status, 200);
  expect_error(f.client.send(w), 400, "SignatureNonceUsed");
}

TEST(EmulatorGateway, G8_NonceRecordedOnlyAfterSignatureVerified) {
  Fixture f;
  Client bad{f.service, "ak-admin", "wrong"};
  bad.next_nonce = 7;
  expect_error(bad.call("DescribeDiskReplicaPairs", kDescribe), 400, "SignatureDoesNotMatch");
  f.client.next_nonce = 7;  // same nonce, now correctly signed
  EXPECT_EQ(f.client.call("DescribeDiskReplicaPairs", kDescribe).status, 200);
}

TEST(EmulatorGateway, G8_LaterFailureDoesNotFreeNonce) {
  Fixture f;
  f.client.next_nonce = 3;
  expect_error(f.client.call("NoSuchAction", kDescribe), 404, "InvalidAction.NotFound");
  f.client.next_nonce = 3;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe), 400, "SignatureNonceUsed");
}

TEST(EmulatorGateway, G8_NonceScopeIsPerAccessKey) {
  Fixture f;
  Client other{f.service, "ak-readonly", "sk-readonly"};
  auto w = f.client.wire("DescribeDiskReplicaPairs", kDescribe);
  EXPECT_EQ(f.client.send(w).status, 200);
  other.next_nonce = 0;
  // Same nonce text for another AccessKeyId.
  protocol::RpcCall call{"DescribeDiskReplicaPairs", "2021-07-30", kDescribe};
  protocol::SigningInput in = f.client.input();
  in.nonce = "shared-nonce";
  EXPECT_EQ(
      f.client.send(protocol::build_v3_request(call, {"ak-admin", "sk-admin"}, in, "h")).status,
      200);
  in.timestamp += std::chrono::seconds(1);
  EXPECT_EQ(
      other.send(protocol::build_v3_request(call, {"ak-readonly", "sk-readonly"}, in, "h")).status,
      200);
}

TEST(EmulatorGateway, G9_UnknownOrMissingAction) {
  Fixture f;
  expect_error(f.client.call("StartDiskReplicaGroup", kDescribe), 404, "InvalidAction.NotFound");
  expect_error(f.client.call("describediskreplicapairs", kDescribe), 404, "InvalidAction.NotFound");
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "Action"); }), 404,
               "InvalidAction.NotFound");
}

TEST(EmulatorGateway, G10_VersionPerAction) {
  Fixture f;
  expect_error(f.client.call("DescribeDiskReplicaPairs", kDescribe, "2014-05-26"), 400,
               "InvalidVersion");
  expect_error(send_v1_edited(f.client, [](Params& p) { drop_param(p, "Version"); }), 400,
               "InvalidVersion");
  const Params attach{{"InstanceId", "i-hz-0001"}, {"DiskId", "d-hz-0001"}};
  EXPECT_EQ(f.client.call("AttachDisk", attach, "2014-05-26").status, 200);
  EXPECT_EQ(f.client.call("DetachDisk", attach, "2021-07-30").status, 200);
  expect_error(f.client.call("AttachDisk", attach, "2016-01-01"), 400, "InvalidVersion");
}

TEST(EmulatorGateway, G11_IdentityNotAllowedTheAction) {
  Fixture f;
  Client ro{f.service, "ak-readonly", "sk-readonly"};
  EXPECT_EQ(ro.call("DescribeDiskReplicaPairs", kDescribe).status, 200);
  expect_error(ro.op("StartDiskReplicaPair", "pair-x"), 403, "Forbidden.Action");
  expect_error(ro.call("AttachDisk", {{"InstanceId", "i"}, {"DiskId", "d"}}, "2014-05-26"), 403,
               "Forbidden.Action");
}

TEST(EmulatorGateway, G_OrderFirstFailingCheckWins) {
  Fixture f;
  // Unknown AK and bad timestamp: G3 before G5.
  Client nobody{f.service, "ak-nobody", "x"};
  nobody.skew_s = 3600;
  expect_error(nobody.call("NoSuchAction", kDescribe), 404, "InvalidAccessKeyId.NotFound");
  // Bad signature and unknown action: G7 before G9.
  Client wrong{f.service, "ak-admin", "wrong"};
  expect_error(wrong.call("NoSuchAction", kDescribe), 400, "SignatureDoesNotMatch");
  // Unknown action and wrong version: G9 before G10.
  expect_error(f.client.call("NoSuchAction", kDescribe, "1999-01-01"), 404,
               "InvalidAction.NotFound");
  // Wrong version and forbidden: G10 before G11.
  Client ro{f.service, "ak-readonly", "sk-readonly"};
  expect_error(ro.call("StartDiskReplicaPair", kDescribe, "1999-01-01"), 400, "InvalidVersion");
  // Gateway before parameters: a forbidden call with missing parameters is G11.
  expect_error(ro.call("StartDiskReplicaPair", {}), 403, "Forbidden.Action");
}

}  // namespace
}  // namespace paircheck::emulator::testing
