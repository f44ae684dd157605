// P1-P4 (contract §3 with §11's order: P1, Format, P2 types, P2 ranges, P3).
#include <gtest/gtest.h>

#include "models/params.hpp"
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

// §11 "P2 booleans": true/false only; another case or blanks only with a knob; digits and other
// words never.
TEST(Params, P2_BooleanOffForms) {
  Request r = requests::start(kHz, kPair);
  Profile lax = default_profile();
  lax.p2_forms.bool_case_insensitive = true;
  lax.p2_forms.trim_spaces = true;
  Stepper strict_run, lax_run{universe(), lax};
  const World w = world_with(PairStatus::kStopped);
  for (const char* v : {"true", "false"}) {
    set_param(r, "OneShot", v);
    EXPECT_TRUE(strict_run(w, r).outcome.success()) << v;
  }
  for (const char* v : {"True", "TRUE", "fALSE", " true", "false "}) {
    set_param(r, "OneShot", v);
    EXPECT_EQ(strict_run(w, r).outcome.rule_ids.front(), RuleId::kP2) << v;
    EXPECT_TRUE(lax_run(w, r).outcome.success()) << v;
  }
  for (const char* v : {"1", "0", "yes", "on", ""}) {
    set_param(r, "OneShot", v);
    EXPECT_EQ(strict_run(w, r).outcome.rule_ids.front(), RuleId::kP2) << v;
    EXPECT_EQ(lax_run(w, r).outcome.rule_ids.front(), RuleId::kP2) << v;
  }
  // An accepted off-form keeps its meaning: TRUE is a OneShot start (O3), fALSE a full one (O2).
  set_param(r, "OneShot", "TRUE");
  EXPECT_EQ(lax_run(w, r).world.pair(kPair)->status, PairStatus::kManualSyncing);
  set_param(r, "OneShot", " fALSE ");
  EXPECT_EQ(lax_run(w, r).world.pair(kPair)->status, PairStatus::kInitialSyncing);
}

// §11 "P2 integers": base-10 int64 with an optional '-'; leading zeros accepted (knob), '+' and
// blanks refused (knobs), then the documented ranges compare the number.
TEST(Params, P2_IntegerOffForms) {
  Request d = requests::describe(kHz);
  auto describe_rule = [&](const Stepper& run, const char* name, const char* v) {
    set_param(d, name, v);
    Outcome o = run(world_with(PairStatus::kNormal), d).outcome;
    requests::erase_param(d, name);
    return o.success() ? std::string("ok") : std::string(to_string(o.rule_ids.front()));
  };
  Stepper run;
  EXPECT_EQ(describe_rule(run, "MaxResults", "010"), "ok");
  EXPECT_EQ(describe_rule(run, "MaxResults", "0000000000000000000000010"), "ok");
  EXPECT_EQ(describe_rule(run, "PageNumber", "-0"), "P2");  // 0 < 1
  EXPECT_EQ(describe_rule(run, "PageSize", "-1"), "P2");
  for (const char* v : {"+10", " 10", "10 ", "1e3", "0x10", "10.0", "abc", "-", "+", "1 0",
                        "99999999999999999999", "501", "0"}) {
    EXPECT_EQ(describe_rule(run, "MaxResults", v), "P2") << v;
  }
  Profile lax = default_profile();
  lax.p2_forms.int_plus_sign = true;
  lax.p2_forms.trim_spaces = true;
  Stepper lax_run{universe(), lax};
  EXPECT_EQ(describe_rule(lax_run, "MaxResults", "+10"), "ok");
  EXPECT_EQ(describe_rule(lax_run, "MaxResults", " 10 "), "ok");
  EXPECT_EQ(describe_rule(lax_run, "MaxResults", "+-1"), "P2");
  Profile no_zeros = default_profile();
  no_zeros.p2_forms.int_leading_zeros = false;
  Stepper strict_run{universe(), no_zeros};
  EXPECT_EQ(describe_rule(strict_run, "MaxResults", "010"), "P2");
  EXPECT_EQ(describe_rule(strict_run, "MaxResults", "10"), "ok");
  EXPECT_EQ(describe_rule(strict_run, "PageNumber", "0"), "P2");  // a range miss, not a zero
  // The range compares the number: 0900 is RPO 900, 010240 Bandwidth 10240.
  Request c = requests::create(hz_to_sh());
  set_param(c, "RPO", "0900");
  set_param(c, "Bandwidth", "010240");
  StepResult made = run(World{}, c);
  ASSERT_TRUE(made.outcome.success());
  EXPECT_EQ(made.world.pairs->front().rpo, 900);
  EXPECT_EQ(made.world.pairs->front().bandwidth, 10240);
  // Period is checked for type only: -1 and 19 digits within int64 pass, 20 digits do not.
  for (const char* v : {"-1", "-0", "1000000000000000000", "-9223372036854775808"}) {
    set_param(c, "Period", v);
    EXPECT_TRUE(run(World{}, c).outcome.success()) << v;
  }
  for (const char* v : {"9223372036854775808", "99999999999999999999", "+1"}) {
    set_param(c, "Period", v);
    EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2) << v;
  }
}

// §11 "P2 enums": the documented spellings exactly; another case only with a knob, read as the
// documented value.
TEST(Params, P2_EnumOffForms) {
  Request d = requests::describe(kHz);
  const World w = world_with(PairStatus::kNormal);
  Profile lax = default_profile();
  lax.p2_forms.enum_case_insensitive = true;
  Stepper run, lax_run{universe(), lax};
  for (const char* v : {"Production", "BACKUP", "", "primary", " backup"}) {
    set_param(d, "Site", v);
    EXPECT_EQ(run(w, d).outcome.rule_ids.front(), RuleId::kP2) << v;
  }
  set_param(d, "Site", "BACKUP");
  Outcome o = lax_run(w, d).outcome;
  ASSERT_TRUE(o.success());
  EXPECT_EQ(o.describe.site, "backup");
  EXPECT_TRUE(o.describe.candidates.empty());  // hangzhou is the pair's source, not its backup
  set_param(d, "Site", "Production");
  EXPECT_EQ(lax_run(w, d).outcome.describe.candidates.size(), 1u);
  Request c = requests::create(hz_to_sh());
  set_param(c, "ChargeType", "prepay");
  EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2);
  StepResult made = lax_run(World{}, c);
  ASSERT_TRUE(made.outcome.success());
  EXPECT_EQ(made.world.pairs->front().charge_type, "PREPAY");
}

// §11 "P2 lists": gaps skipped and blanks around an ID trimmed (knobs: false = 400).
TEST(Params, P2_ListOffForms) {
  Request d = requests::describe(kHz);
  const World w = world_with(PairStatus::kNormal);
  Profile strict = default_profile();
  strict.p2_forms.list_gaps = false;
  strict.p2_forms.list_spaces = false;
  Stepper run, strict_run{universe(), strict};
  const std::string id = kPair;
  for (const std::string& v : {id, id + ",pair-other", id + ",,pair-other", id + ",", "," + id,
                               "pair-other, " + id, " " + id + " "}) {
    set_param(d, "PairIds", v);
    Outcome o = run(w, d).outcome;
    ASSERT_TRUE(o.success()) << v;
    EXPECT_EQ(o.describe.candidates.size(), 1u) << v;  // the pair, by its trimmed ID
  }
  set_param(d, "PairIds", ",");  // commas only: no filter
  EXPECT_EQ(run(w, d).outcome.describe.candidates.size(), 1u);
  for (const std::string& v : {id + ",,pair-other", id + ",", "pair-other, " + id}) {
    set_param(d, "PairIds", v);
    EXPECT_EQ(strict_run(w, d).outcome.rule_ids.front(), RuleId::kP2) << v;
  }
  set_param(d, "PairIds", id + ",pair-other");
  EXPECT_TRUE(strict_run(w, d).outcome.success());
  EXPECT_EQ(list_param(d.params, "PairIds"), (std::vector<std::string>{id, "pair-other"}));
}

// §11 "P1, P2 strings": taken as sent; Description counts characters; an empty group or name
// filter is no filter; control characters only where a documented rule forbids them.
TEST(Params, P2_StringOffForms) {
  Stepper run;
  Request c = requests::create(hz_to_sh());
  std::string accents;
  for (int i = 0; i < 256; ++i) accents += "\xc3\xa9";  // 256 characters, 512 bytes
  set_param(c, "Description", accents);
  EXPECT_TRUE(run(World{}, c).outcome.success());
  set_param(c, "Description", accents + "\xc3\xa9");
  EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2);
  set_param(c, "Description", "tab\x01here");  // no character rule for Description
  EXPECT_TRUE(run(World{}, c).outcome.success());
  set_param(c, "PairName", "pc\x01name");  // PairName's character set
  EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2);
  set_param(c, "PairName", " pcname");  // no trimming: starts with a blank
  EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2);
  set_param(c, "PairName", "");
  EXPECT_EQ(run(World{}, c).outcome.rule_ids.front(), RuleId::kP2);
  Request d = requests::describe(kHz);
  const World w = world_with(PairStatus::kNormal);
  for (const char* name : {"ReplicaGroupId", "ResourceGroupId", "Name"}) {
    set_param(d, name, "");
    Outcome o = run(w, d).outcome;
    ASSERT_TRUE(o.success()) << name;
    EXPECT_EQ(o.describe.candidates.size(), 1u) << name << " empty is no filter";
    requests::erase_param(d, name);
  }
  set_param(d, "ReplicaGroupId", "rg-1");
  EXPECT_TRUE(run(w, d).outcome.describe.candidates.empty());
}

}  // namespace
}  // namespace paircheck::model
