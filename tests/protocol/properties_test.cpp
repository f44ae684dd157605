// Properties over random input (RapidCheck): W1 encode/decode round trips, W5/W6 signed requests
// verify and stop verifying after any change, and the decoders never fail on what the encoders
// make.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "protocol/authorization.hpp"
#include "protocol/iso8601.hpp"
#include "protocol/request_params.hpp"
#include "protocol/signed_request.hpp"
#include "protocol/v1_signature.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::protocol {
namespace {

// Names like the API's (letters, digits, dots), values of any bytes.
rc::Gen<std::string> gen_name() {
  return rc::gen::nonEmpty(rc::gen::container<std::string>(
      rc::gen::oneOf(rc::gen::inRange('A', static_cast<char>('Z' + 1)),
                     rc::gen::inRange('a', static_cast<char>('z' + 1)),
                     rc::gen::inRange('0', static_cast<char>('9' + 1)), rc::gen::just('.'))));
}

rc::Gen<Params> gen_params() {
  return rc::gen::container<Params>(rc::gen::pair(gen_name(), rc::gen::arbitrary<std::string>()));
}

// Business parameters with unique names that do not collide with the W5 common parameters.
Params unique_business(const Params& raw) {
  Params out;
  for (const auto& [name, value] : raw) {
    const std::string n = "P" + name;
    if (find_param(out, n) == nullptr) out.emplace_back(n, value);
  }
  return out;
}

std::string header_of(const WireRequest& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

RC_GTEST_PROP(WireFormat, W1_UrlencodedRoundTrips, ()) {
  const Params p = *rc::gen::container<Params>(
      rc::gen::pair(rc::gen::arbitrary<std::string>(), rc::gen::arbitrary<std::string>()));
  // Empty names vanish as empty segments would; keep them out of the comparison.
  Params expected;
  for (const auto& e : p) {
    if (!e.first.empty() || !e.second.empty()) expected.push_back(e);
  }
  const auto decoded = parse_urlencoded(to_urlencoded(expected));
  RC_ASSERT(decoded.ok());
  RC_ASSERT(decoded.value() == expected);
}

RC_GTEST_PROP(WireFormat, W1_DecodingArbitraryTextNeverThrows, (const std::string& text)) {
  const auto r = decode_request_params("/?" + text, "application/x-www-form-urlencoded", text);
  if (!r.ok()) RC_ASSERT(r.error().code == "InvalidParameter");
  (void)parse_authorization(text);
  (void)parse_iso8601(text);
}

RC_GTEST_PROP(Signing, W5_SignedRequestsVerifyAndTamperingBreaksThem, ()) {
  const Params business = unique_business(*gen_params());
  const std::string secret = *rc::gen::arbitrary<std::string>();
  const auto style = *rc::gen::element(V1Style::kGetQuery, V1Style::kPostQuery, V1Style::kPostForm);
  const std::int64_t t = *rc::gen::inRange<std::int64_t>(0, 4102444800);
  const WireRequest r = build_v1_request(
      {"DescribeDiskReplicaPairs", "2021-07-30", business}, {"ak", secret},
      {*rc::gen::arbitrary<std::string>(), std::chrono::sys_seconds{std::chrono::seconds{t}}},
      style, "h");
  const auto decoded = decode_request_params(r.target, header_of(r, "content-type"), r.body);
  RC_ASSERT(decoded.ok());
  Params params = decoded->merged.params;
  RC_ASSERT(verify_v1(r.method, params, secret));
  // Change one signed value (not the Signature itself).
  const std::size_t i = *rc::gen::inRange<std::size_t>(0, params.size() - 1);
  params[i].second += "x";
  RC_ASSERT(!verify_v1(r.method, params, secret));
}

RC_GTEST_PROP(Signing, W6_SignedRequestsVerifyAndTamperingBreaksThem, ()) {
  const Params business = unique_business(*gen_params());
  const std::string secret = *rc::gen::arbitrary<std::string>();
  const std::string body = *rc::gen::arbitrary<std::string>();
  WireRequest r = prepare_v3(
      {"StartDiskReplicaPair", "2021-07-30", business},
      {*gen_name(), std::chrono::sys_seconds{std::chrono::seconds{1795548862}}}, "h", "POST", body);
  sign_v3(r, {"ak", secret});
  const auto split = split_target(r.target);
  const auto query = parse_urlencoded(split.query);
  RC_ASSERT(query.ok());
  const auto auth = parse_authorization(header_of(r, "authorization"));
  RC_ASSERT(auth.ok());
  RC_ASSERT(verify_v3("POST", split.path, query.value(), r.headers, r.body, *auth, secret) ==
            V3Verdict::kOk);
  RC_ASSERT(verify_v3("POST", split.path, query.value(), r.headers, r.body + "x", *auth, secret) ==
            V3Verdict::kPayloadHashMismatch);
  RC_ASSERT(verify_v3("POST", split.path, query.value(), r.headers, r.body, *auth, secret + "x") ==
            V3Verdict::kSignatureMismatch);
  if (!query->empty()) {
    Params changed = query.value();
    changed.back().second += "x";
    RC_ASSERT(verify_v3("POST", split.path, changed, r.headers, r.body, *auth, secret) ==
              V3Verdict::kSignatureMismatch);
  }
}

RC_GTEST_PROP(WireFormat, W5_TimestampsRoundTrip, ()) {
  const std::int64_t t = *rc::gen::inRange<std::int64_t>(0, 253402300800);  // to 9999-12-31
  const std::chrono::sys_seconds time{std::chrono::seconds{t}};
  const auto parsed = parse_iso8601(format_iso8601(time));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed.value() == time);
}

// §11 "G5 fractions": 1-9 digits of any value read back as the whole second.
RC_GTEST_PROP(WireFormat, G5_FractionalTimestampsReadAsTheWholeSecond, ()) {
  const std::int64_t t = *rc::gen::inRange<std::int64_t>(0, 253402300800);
  const std::chrono::sys_seconds time{std::chrono::seconds{t}};
  const int n = *rc::gen::inRange(1, kMaxFractionDigits + 1);
  const std::string digits = *rc::gen::container<std::string>(9, rc::gen::inRange('0', ':'));
  const auto parsed = parse_iso8601(format_iso8601_fraction(time, n, digits));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed.value() == time);
}

}  // namespace
}  // namespace paircheck::protocol
