// Known answers (W5, W6): paircheck's signer against the official Node SDKs. The vectors come from
// vectors/make_vectors.js (openapi-util getRPCSignature/getAuthorization, and the raw requests
// openapi-client V3/V2 and pop-core GET/POST put on a loopback socket).
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "protocol/authorization.hpp"
#include "protocol/crypto.hpp"
#include "protocol/iso8601.hpp"
#include "protocol/request_params.hpp"
#include "protocol/signed_request.hpp"
#include "protocol/v1_signature.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::protocol {
namespace {

using nlohmann::json;

const json& vectors() {
  static const json v = [] {
    std::ifstream in(PAIRCHECK_SIGNATURE_VECTORS);
    if (!in) throw std::runtime_error("cannot open " PAIRCHECK_SIGNATURE_VECTORS);
    return json::parse(in);
  }();
  return v;
}

Params params_of(const json& entries) {
  Params out;
  for (const auto& e : entries) out.emplace_back(e[0].get<std::string>(), e[1].get<std::string>());
  return out;
}

Headers headers_of(const json& object) {
  Headers out;
  for (const auto& [name, value] : object.items()) out.emplace_back(name, value.get<std::string>());
  return out;
}

std::string header(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

TEST(Signing, W5_VectorsCoverTheCasesAsked) {
  const json& v = vectors();
  EXPECT_GE(v["v1_util"].size(), 16u);
  EXPECT_GE(v["v1_wire"].size(), 24u);
  EXPECT_GE(v["v3_util"].size(), 16u);
  EXPECT_GE(v["v3_wire"].size(), 8u);
  const std::string dump = v.dump();
  for (const char* needle :
       {"复制", "☃", " ", "*", "~", "\"\"", "\"GET\"", "\"POST\"", "post_form"}) {
    EXPECT_NE(dump.find(needle), std::string::npos) << needle;
  }
}

TEST(Signing, W5_MatchesOpenApiUtilGetRpcSignature) {
  for (const auto& c : vectors()["v1_util"]) {
    SCOPED_TRACE(c["case"].get<std::string>());
    const Params p = params_of(c["params"]);
    EXPECT_EQ(v1_signature(c["method"].get<std::string>(), p, c["secret"].get<std::string>()),
              c["signature"].get<std::string>());
  }
}

TEST(Signing, W5_MatchesWhatPopCoreAndOpenApiV2SendOnTheWire) {
  for (const auto& c : vectors()["v1_wire"]) {
    SCOPED_TRACE(c["case"].get<std::string>());
    const json& r = c["request"];
    const Headers h = headers_of(r["headers"]);
    const auto decoded = decode_request_params(
        r["target"].get<std::string>(), header(h, "content-type"), r["body"].get<std::string>());
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded->merged.duplicate_names.empty());
    const Params& wire = decoded->merged.params;
    const std::string method = r["method"].get<std::string>();
    const std::string secret = c["secret"].get<std::string>();
    // Our verifier accepts the SDK's request, and only with the right secret.
    EXPECT_TRUE(verify_v1(method, wire, secret));
    EXPECT_FALSE(verify_v1(method, wire, secret + "x"));
    // Our builder, given the same inputs, computes the SDK's signature.
    const std::string style = c["style"].get<std::string>();
    const V1Style s = style == "get_query"    ? V1Style::kGetQuery
                      : style == "post_query" ? V1Style::kPostQuery
                                              : V1Style::kPostForm;
    const auto timestamp = parse_iso8601(vectors()["timestamp"].get<std::string>());
    ASSERT_TRUE(timestamp.ok());
    const WireRequest ours = build_v1_request(
        {c["action"].get<std::string>(), c["version"].get<std::string>(), params_of(c["params"])},
        {vectors()["access_key_id"].get<std::string>(), secret},
        {c["nonce"].get<std::string>(), timestamp.value()}, s, header(h, "host"),
        c["format"].get<std::string>());
    EXPECT_EQ(ours.method, method);
    const std::string ct = ours.body.empty() ? "" : "application/x-www-form-urlencoded";
    const auto ours_decoded = decode_request_params(ours.target, ct, ours.body);
    ASSERT_TRUE(ours_decoded.ok());
    ASSERT_NE(find_param(wire, "Signature"), nullptr);
    ASSERT_NE(find_param(ours_decoded->merged.params, "Signature"), nullptr);
    EXPECT_EQ(*find_param(ours_decoded->merged.params, "Signature"),
              *find_param(wire, "Signature"));
  }
}

TEST(Signing, W6_MatchesOpenApiUtilGetAuthorization) {
  for (const auto& c : vectors()["v3_util"]) {
    SCOPED_TRACE(c["case"].get<std::string>());
    const Params query = params_of(c["query"]);
    const Headers headers = params_of(c["headers"]);
    Authorization auth;
    auth.access_key_id = vectors()["access_key_id"].get<std::string>();
    auth.signed_headers = v3_default_signed_headers(headers);
    auth.signature = v3_signature(
        c["secret"].get<std::string>(),
        v3_string_to_sign(v3_canonical_request(c["method"].get<std::string>(), "/", query, headers,
                                               auth.signed_headers, sha256_hex(""))));
    EXPECT_EQ(format_authorization(auth), c["authorization"].get<std::string>());
  }
}

TEST(Signing, W6_MatchesWhatOpenApiClientSendsOnTheWire) {
  for (const auto& c : vectors()["v3_wire"]) {
    SCOPED_TRACE(c["case"].get<std::string>());
    const json& r = c["request"];
    const Headers h = headers_of(r["headers"]);
    const std::string method = r["method"].get<std::string>();
    const std::string body = r["body"].get<std::string>();
    const std::string secret = c["secret"].get<std::string>();
    const auto decoded =
        decode_request_params(r["target"].get<std::string>(), header(h, "content-type"), body);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->query, params_of(c["params"]));
    const auto auth = parse_authorization(header(h, "authorization"));
    ASSERT_TRUE(auth.ok());
    // Our verifier accepts the SDK's request, and only with the right secret.
    EXPECT_EQ(verify_v3(method, decoded->path, decoded->query, h, body, *auth, secret),
              V3Verdict::kOk);
    EXPECT_EQ(verify_v3(method, decoded->path, decoded->query, h, body, *auth, secret + "x"),
              V3Verdict::kSignatureMismatch);
    // Our builder, given the same inputs and the SDK's extra header, signs identically.
    const auto timestamp = parse_iso8601(vectors()["timestamp"].get<std::string>());
    ASSERT_TRUE(timestamp.ok());
    WireRequest ours = prepare_v3(
        {c["action"].get<std::string>(), c["version"].get<std::string>(), params_of(c["params"])},
        {c["nonce"].get<std::string>(), timestamp.value()}, header(h, "host"), method);
    ours.headers.emplace_back("x-acs-credentials-provider",
                              header(h, "x-acs-credentials-provider"));
    sign_v3(ours, {vectors()["access_key_id"].get<std::string>(), secret});
    EXPECT_EQ(header(ours.headers, "authorization"), header(h, "authorization"));
  }
}

}  // namespace
}  // namespace paircheck::protocol
