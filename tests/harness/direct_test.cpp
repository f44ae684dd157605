// The direct path (`--target direct`, docs/harness.md "The direct path"): the emulator answers a
// parameter set as it answers the signed request, the requests that exercise the wire go signed,
// and a direct exchange never counts a wire rule as exercised.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/inprocess_target.hpp"
#include "harness/observe.hpp"
#include "models/requests.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

namespace rq = model::requests;

// Every request the signed target answers, the direct one answers alike: status, code, and every
// field the model reads, request after request on two emulators that start alike.
TEST(Direct, AnswersLikeTheSignedPathRequestByRequest) {
  const protocol::Fixtures fixtures = testing::default_fixtures();
  InProcessTarget signed_target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 7);
  InProcessTarget direct_target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 7);
  direct_target.direct(1u << 30);  // every eligible request direct

  model::Request create = rq::create({"cn-hangzhou", "cn-hangzhou-h", "d-hz-0001", "cn-shanghai",
                                      "cn-shanghai-e", "d-sh-0001", "tok-1", "p1", std::nullopt});
  const WireResult created_signed = signed_target.send(create);
  const WireResult created_direct = direct_target.send(create);
  ASSERT_FALSE(created_signed.document);
  ASSERT_TRUE(created_direct.document);
  const std::string pair_signed = observe(create.action, created_signed).replica_pair_id;
  const std::string pair_direct = observe(create.action, created_direct).replica_pair_id;
  ASSERT_FALSE(pair_direct.empty());

  // Each request names the pair as its own target created it.
  using Build = model::Request (*)(const std::string& pair);
  const std::vector<Build> builds = {
      [](const std::string&) { return rq::describe("cn-hangzhou"); },
      [](const std::string& p) { return rq::start("cn-hangzhou", p); },  // still creating
      [](const std::string& p) { return rq::progress("cn-hangzhou", p); },
      [](const std::string& p) { return rq::stop("cn-hangzhou", p, std::string("tok-2")); },
      [](const std::string& p) {
        model::Request r = rq::stop("cn-hangzhou", p, std::string("tok-2"));
        return rq::set_param(r, "RegionId", "cn-shanghai");  // I2: the token's params changed
      },
      [](const std::string& p) { return rq::modify("cn-hangzhou", p, std::string("renamed")); },
      [](const std::string& p) {
        model::Request r = rq::modify("cn-hangzhou", p);
        return rq::set_param(r, "Description", std::string("\xff\xfe", 2));  // W1: not UTF-8
      },
      [](const std::string& p) {
        model::Request r = rq::start("cn-hangzhou", p);
        return rq::erase_param(r, "ReplicaPairId");  // P1
      },
      [](const std::string& p) {
        model::Request r = rq::remove("cn-hangzhou", p);
        r.envelope.access_key_id = "ak-readonly";  // G11
        return r;
      },
      [](const std::string&) {
        model::Request r = rq::describe("cn-hangzhou");
        r.action = "DescribeDisks";  // G9
        return r;
      },
      [](const std::string&) { return rq::describe("cn-hangzhou"); },
  };
  for (std::size_t i = 0; i < builds.size(); ++i) {
    const model::Request a = builds[i](pair_signed);
    const model::Request b = builds[i](pair_direct);
    const WireResult wa = signed_target.send(a);
    const WireResult wb = direct_target.send(b);
    ASSERT_TRUE(wa.ok() && wb.ok()) << i;
    EXPECT_TRUE(wb.document) << "request " << i << " (" << b.action << ") went signed";
    const model::Observed oa = observe(a.action, wa);
    const model::Observed ob = observe(b.action, wb);
    EXPECT_EQ(oa.http_status, ob.http_status) << i << " " << a.action;
    EXPECT_EQ(oa.code, ob.code) << i << " " << a.action;
    EXPECT_EQ(oa.shape_error, ob.shape_error) << i;
    EXPECT_FALSE(ob.request_id.empty()) << i;  // W4 is still judged
    ASSERT_EQ(oa.pairs.size(), ob.pairs.size()) << i;
    for (std::size_t k = 0; k < oa.pairs.size(); ++k) {
      EXPECT_EQ(oa.pairs[k].status, ob.pairs[k].status) << i;
      EXPECT_EQ(oa.pairs[k].pair_name, ob.pairs[k].pair_name) << i;
    }
    EXPECT_EQ(oa.total_count, ob.total_count) << i;
    EXPECT_EQ(oa.progress.has_value(), ob.progress.has_value()) << i;
  }
}

TEST(Direct, G8_ANonceSeenOnTheDirectPathIsRefusedTheSecondTime) {
  InProcessTarget target(testing::virtual_config(), testing::default_fixtures(),
                         SignatureVersion::kV3, 3);
  target.direct(1u << 30);
  model::Request r = rq::describe("cn-hangzhou");
  r.envelope.nonce = "n-1";
  EXPECT_EQ(observe(r.action, target.send(r)).http_status, 200);
  const model::Observed again = observe(r.action, target.send(r));
  EXPECT_EQ(again.code, "SignatureNonceUsed");
  ASSERT_TRUE(target.reset().empty());  // a reset forgets the nonces, as on the signed path
  EXPECT_EQ(observe(r.action, target.send(r)).http_status, 200);
}

TEST(Direct, RequestsThatExerciseTheWireGoSigned) {
  model::Request clean = rq::describe("cn-hangzhou");
  EXPECT_TRUE(InProcessTarget::direct_eligible(clean));
  auto with = [&](auto change) {
    model::Request r = clean;
    change(r);
    return InProcessTarget::direct_eligible(r);
  };
  EXPECT_FALSE(
      with([](model::Request& r) { r.envelope.signature = model::SignatureFault::kWrongSecret; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.method = "PUT"; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.path = "/x"; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.version.reset(); }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.access_key_id.clear(); }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.timestamp_offset_s = 1200; }));
  EXPECT_FALSE(
      with([](model::Request& r) { r.envelope.timestamp = model::TimestampState::kUnparsable; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.timestamp_fraction_digits = 10; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.nonce_reused = true; }));
  EXPECT_FALSE(with([](model::Request& r) { r.envelope.format = "XML"; }));
  EXPECT_FALSE(with([](model::Request& r) { rq::set_param(r, "Signature", "x"); }));
  EXPECT_FALSE(with([](model::Request& r) { rq::set_param(r, "Name", std::string(20000, 'n')); }));
  EXPECT_TRUE(
      with([](model::Request& r) { r.envelope.access_key_id = "ak-nobody"; }));  // G3 is judged
}

TEST(Direct, EveryNthEligibleRequestGoesSigned) {
  InProcessTarget target(testing::virtual_config(), testing::default_fixtures(),
                         SignatureVersion::kV3, 5);
  target.direct(4);
  std::vector<bool> direct;
  for (int i = 0; i < 8; ++i)
    direct.push_back(target.send(rq::describe("cn-hangzhou")).document != nullptr);
  EXPECT_EQ(direct, (std::vector<bool>{true, true, true, false, true, true, true, false}));
  auto fork = target.fork();
  EXPECT_TRUE(fork->send(rq::describe("cn-hangzhou")).document);  // a fork keeps the setting
}

TEST(Direct, AWireRuleIsNeverCountedAsExercisedByADirectExchange) {
  model::Verdict v;
  for (model::RuleId r :
       {model::RuleId::kG2, model::RuleId::kG3, model::RuleId::kG7, model::RuleId::kG8,
        model::RuleId::kW2, model::RuleId::kW4, model::RuleId::kO2}) {
    v.exercised.insert(r);
  }
  discount_direct(v);
  EXPECT_EQ(v.exercised, (model::RuleSet{model::RuleId::kG3, model::RuleId::kG8, model::RuleId::kW4,
                                         model::RuleId::kO2}));
}

}  // namespace
}  // namespace paircheck::harness
