// P1-P4 (contract §3 with §11's order: P1, Format, P2 types, P2 ranges, P3).
#include <gtest/gtest.h>

#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using requests::set_param;

Outcome on_normal(Request r) {
  return Stepper{}(world_with(PairStatus::kNormal), std::move(r)).outcome;
}

TEST(Params, P1_MissingRequiredParameterRejected) {
  Request r = requests::stop(kHz, kPair);
  requests::erase_param(r, "ReplicaPairId");
  Outcome o = on_normal(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kP1);
  EXPECT_EQ(o.http, std::vector<int>{400});
  EXPECT_TRUE(has_code(o, "MissingParameter"));
  EXPECT_TRUE(has_code(o, "MissingReplicaPairId"));
  set_param(r, "ReplicaPairId", "");  // empty counts as missing
  EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP1);
}

TEST(Params, P1_ComesBeforeFormatAndTypes) {
  Request r = requests::start(kHz, kPair, std::nullopt);
  set_param(r, "OneShot", "yes");
  r.envelope.format = "YAML";
  requests::erase_param(r, "RegionId");
  EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP1);
  requests::set_param(r, "RegionId", kHz);
  Outcome f = on_normal(r);  // then Format
  EXPECT_TRUE(has_code(f, "InvalidParameter.Format"));
  EXPECT_TRUE(has_rule(f.rule_ids, RuleId::kP2));
  r.envelope.format = "json";
  EXPECT_TRUE(has_code(on_normal(r), "InvalidOneShot"));
}

TEST(Params, P2_WrongTypeRejected) {
  Request r = requests::start(kHz, kPair);
  set_param(r, "OneShot", "TRUE");
  Outcome o = on_normal(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kP2);
  EXPECT_TRUE(has_code(o, "InvalidParameter") && has_code(o, "InvalidOneShot"));
  set_param(r, "OneShot", "");  // §11: an optional param sent empty is validated
  EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP2);
  Request d = requests::describe(kHz);
  set_param(d, "MaxResults", "1e3");
  EXPECT_EQ(on_normal(d).rule_ids.front(), RuleId::kP2);
}

TEST(Params, P2_TypesBeforeRanges) {
  Request c = requests::create(hz_to_sh());
  set_param(c, "RPO", "60");          // out of range
  set_param(c, "Bandwidth", "fast");  // wrong type: reported first
  EXPECT_TRUE(has_code(on_normal(c), "InvalidBandwidth"));
}

TEST(Params, P2_OutOfRangeRejected) {
  struct Case {
    const char* name;
    const char* bad;
    const char* good;
  };
  for (Case c : {Case{"PairName", "1abc", "ab:c_d.e-f"}, Case{"PairName", "x", "xy"},
                 Case{"PairName", "http://a", "ahttp"}, Case{"Description", "https://x.y", "ok"},
                 Case{"RPO", "901", "900"}, Case{"Bandwidth", "10000", "20480"},
                 Case{"ChargeType", "prepay", "PREPAY"}}) {
    SCOPED_TRACE(c.name + std::string("=") + c.bad);
    Request r = requests::create(hz_to_sh());
    set_param(r, c.name, c.bad);
    EXPECT_EQ(Stepper{}(World{}, r).outcome.rule_ids.front(), RuleId::kP2);
    set_param(r, c.name, c.good);
    EXPECT_TRUE(Stepper{}(World{}, r).outcome.success());
  }
  for (Case c : {Case{"MaxResults", "501", "500"}, Case{"MaxResults", "0", "1"},
                 Case{"PageSize", "101", "100"}, Case{"Site", "primary", "backup"}}) {
    SCOPED_TRACE(c.name + std::string("=") + c.bad);
    Request r = requests::describe(kHz);
    set_param(r, c.name, c.bad);
    EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP2);
    set_param(r, c.name, c.good);
    EXPECT_TRUE(on_normal(r).success());
  }
  std::string ids;
  for (int i = 0; i < 101; ++i) ids += (i ? "," : "") + std::string("pair-") + std::to_string(i);
  Request d = requests::describe(kHz);
  set_param(d, "PairIds", ids);
  EXPECT_EQ(on_normal(d).rule_ids.front(), RuleId::kP2);
  set_param(d, "PairIds", "");  // §11: empty means none
  EXPECT_TRUE(on_normal(d).success());
}

TEST(Params, P3_BadClientTokenRejected) {
  Request r = requests::stop(kHz, kPair, std::string(65, 't'));
  Outcome o = on_normal(r);
  EXPECT_EQ(o.rule_ids.front(), RuleId::kP3);
  EXPECT_TRUE(has_code(o, "InvalidClientToken.ValueNotSupported"));
  set_param(r, "ClientToken", "tok\x7f");
  EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP3);
  set_param(r, "ClientToken", std::string(64, '~'));
  EXPECT_TRUE(on_normal(r).success());
}

TEST(Params, P3_ComesAfterP2) {
  Request r = requests::start(kHz, kPair, std::nullopt, std::string(65, 't'));
  set_param(r, "OneShot", "maybe");
  EXPECT_EQ(on_normal(r).rule_ids.front(), RuleId::kP2);
}

TEST(Params, P4_UnknownParametersIgnored) {
  Request r = requests::stop(kHz, kPair);
  set_param(r, "Colour", "blue");
  set_param(r, "OneShot", "not-a-bool");  // not a Stop param: ignored too
  EXPECT_TRUE(on_normal(r).success());
  Profile strict = default_profile();
  strict.p4_ignore_unknown = false;
  Stepper run{universe(), strict};
  EXPECT_EQ(run(world_with(PairStatus::kNormal), r).outcome.rule_ids.front(), RuleId::kP4);
}

TEST(Params, P2_ParamsCheckedBeforeState) {
  Request r = requests::stop(kHz, "pair-unknown");
  set_param(r, "RegionId", kHz);
  set_param(r, "ClientToken", std::string(70, 'x'));
  EXPECT_EQ(Stepper{}(World{}, r).outcome.rule_ids.front(), RuleId::kP3);  // not 404
}

}  // namespace
}  // namespace paircheck::model
