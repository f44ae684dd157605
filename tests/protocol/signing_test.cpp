// W5 (V1) and W6 (V3) signing and verifying, the Authorization header (G2), request builders.
#include <gtest/gtest.h>

#include "protocol/authorization.hpp"
#include "protocol/crypto.hpp"
#include "protocol/request_params.hpp"
#include "protocol/signed_request.hpp"
#include "protocol/v1_signature.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::protocol {
namespace {

const SigningKey kKey{"ak-admin", "sk-admin"};
const SigningInput kInput{"nonce-1", std::chrono::sys_seconds{std::chrono::seconds{1795548862}}};
const RpcCall kCall{"StartDiskReplicaPair",
                    "2021-07-30",
                    {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-1"}, {"Name", "a b*~ä"}}};

const std::string* header(const WireRequest& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return &v;
  }
  return nullptr;
}

RequestParams decode(const WireRequest& r) {
  const std::string* ct = header(r, "content-type");
  auto p = decode_request_params(r.target, ct ? *ct : "", r.body);
  EXPECT_TRUE(p.ok());
  return p.value();
}

TEST(Signing, W5_KnownDigests) {
  // RFC 2202 / FIPS 180-2 test values.
  EXPECT_EQ(hex_encode(hmac_sha1("key", "The quick brown fox jumps over the lazy dog")),
            "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

TEST(Signing, W5_StringToSignSortsEncodesAndSkipsSignature) {
  const Params p{{"b", "2 3"}, {"a", "x*"}, {"Signature", "zzz"}, {"A", "~"}};
  EXPECT_EQ(v1_canonical_query(p), "A=~&a=x%2A&b=2%203");
  EXPECT_EQ(v1_string_to_sign("GET", p), "GET&%2F&A%3D~%26a%3Dx%252A%26b%3D2%25203");
}

TEST(Signing, W5_EveryV1StyleVerifies) {
  for (const V1Style style : {V1Style::kGetQuery, V1Style::kPostQuery, V1Style::kPostForm}) {
    const WireRequest r = build_v1_request(kCall, kKey, kInput, style, "ebs.example");
    const RequestParams p = decode(r);
    EXPECT_TRUE(verify_v1(r.method, p.merged.params, kKey.access_key_secret));
    EXPECT_FALSE(verify_v1(r.method, p.merged.params, "wrong"));
    EXPECT_FALSE(
        verify_v1(r.method == "GET" ? "POST" : "GET", p.merged.params, kKey.access_key_secret));
    EXPECT_EQ(*find_param(p.merged.params, "Timestamp"), "2026-11-24T19:34:22Z");
    EXPECT_EQ(*find_param(p.merged.params, "SignatureMethod"), "HMAC-SHA1");
  }
}

TEST(Signing, W5_TamperedOrUnsignedParametersFail) {
  const WireRequest r = build_v1_request(kCall, kKey, kInput, V1Style::kGetQuery, "h");
  Params p = decode(r).merged.params;
  Params tampered = p;
  tampered[1].second += "x";
  EXPECT_FALSE(verify_v1("GET", tampered, kKey.access_key_secret));
  Params extra = p;
  extra.emplace_back("Extra", "1");
  EXPECT_FALSE(verify_v1("GET", extra, kKey.access_key_secret));
  std::erase_if(p, [](const auto& e) { return e.first == "Signature"; });
  EXPECT_FALSE(verify_v1("GET", p, kKey.access_key_secret));
}

TEST(Signing, W6_AuthorizationParses) {
  const auto a = parse_authorization(
      "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=abc");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->access_key_id, "ak");
  EXPECT_EQ(a->signed_headers, (std::vector<std::string>{"host", "x-acs-date"}));
  EXPECT_EQ(a->signature, "abc");
  EXPECT_EQ(format_authorization(*a),
            "ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=abc");
  const auto spaced =
      parse_authorization("ACS3-HMAC-SHA256 Signature=abc, Credential=ak, SignedHeaders=host");
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(spaced->access_key_id, "ak");
}

TEST(Signing, G2_MalformedAuthorizationIsAnErrorValue) {
  for (const char* bad : {"", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 ", "Bearer x",
                          "ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=s",
                          "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host",
                          "ACS3-HMAC-SHA256 Credential=a,Signature=s",
                          "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=s",
                          "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=s",
                          "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=s",
                          "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=s,Extra=1",
                          "ACS3-HMAC-SHA256 Credential=a,Credential=b,SignedHeaders=h,Signature=s",
                          "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature"}) {
    const auto a = parse_authorization(bad);
    ASSERT_FALSE(a.ok()) << bad;
    EXPECT_EQ(a.error().code, "IncompleteSignature") << bad;
  }
}

TEST(Signing, W6_BuiltRequestVerifies) {
  const WireRequest r = build_v3_request(kCall, kKey, kInput, "ebs.example");
  const auto auth = parse_authorization(*header(r, "authorization"));
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->signed_headers,
            (std::vector<std::string>{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                                      "x-acs-signature-nonce", "x-acs-version"}));
  const RequestParams p = decode(r);
  EXPECT_EQ(verify_v3(r.method, p.path, p.query, r.headers, r.body, *auth, kKey.access_key_secret),
            V3Verdict::kOk);
  EXPECT_EQ(verify_v3(r.method, p.path, p.query, r.headers, r.body, *auth, "wrong"),
            V3Verdict::kSignatureMismatch);
  EXPECT_EQ(verify_v3("GET", p.path, p.query, r.headers, r.body, *auth, kKey.access_key_secret),
            V3Verdict::kSignatureMismatch);
}

TEST(Signing, W6_VerifierUsesTheSignedHeaderListAndCoversTheBody) {
  WireRequest r = prepare_v3(kCall, kInput, "h", "POST", "RegionId=cn-shanghai");
  r.headers.emplace_back("x-acs-credentials-provider", "static_ak");  // an extra signed header
  r.headers.emplace_back("user-agent", "unsigned");
  sign_v3(r, kKey);
  const auto auth = parse_authorization(*header(r, "authorization"));
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->signed_headers.size(), 8u);  // + content-type, x-acs-credentials-provider
  const RequestParams p = decode(r);
  EXPECT_EQ(*find_param(p.merged.params, "RegionId"), "cn-shanghai");  // the body wins (W1)
  EXPECT_EQ(verify_v3("POST", "/", p.query, r.headers, r.body, *auth, "sk-admin"), V3Verdict::kOk);

  Headers changed_unsigned = r.headers;
  changed_unsigned.emplace_back("x-other", "1");
  for (auto& [n, v] : changed_unsigned) {
    if (n == "user-agent") v = "changed";
  }
  EXPECT_EQ(verify_v3("POST", "/", p.query, changed_unsigned, r.body, *auth, "sk-admin"),
            V3Verdict::kOk);
  Headers changed_signed = r.headers;
  for (auto& [n, v] : changed_signed) {
    if (n == "x-acs-credentials-provider") v = "other";
  }
  EXPECT_EQ(verify_v3("POST", "/", p.query, changed_signed, r.body, *auth, "sk-admin"),
            V3Verdict::kSignatureMismatch);
  EXPECT_EQ(verify_v3("POST", "/", p.query, r.headers, "RegionId=cn-beijing", *auth, "sk-admin"),
            V3Verdict::kPayloadHashMismatch);
  Params q = p.query;
  q.emplace_back("Extra", "");
  EXPECT_EQ(verify_v3("POST", "/", q, r.headers, r.body, *auth, "sk-admin"),
            V3Verdict::kSignatureMismatch);
}

TEST(Signing, W6_CanonicalHeadersTrimSortAndJoinRepeats) {
  const Headers h{{"X-Acs-B", " 2 "}, {"x-acs-b", "1"}, {"host", "h"}};
  EXPECT_EQ(v3_canonical_headers(h, {"host", "x-acs-b", "x-acs-missing"}),
            "host:h\nx-acs-b:1,2\nx-acs-missing:\n");
  EXPECT_EQ(v3_default_signed_headers(h), (std::vector<std::string>{"host", "x-acs-b"}));
  EXPECT_EQ(v3_canonical_query({{"b", "2"}, {"a", "x y"}, {"a", ""}}), "a=x%20y&a=&b=2");
}

}  // namespace
}  // namespace paircheck::protocol
