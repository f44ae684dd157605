// Profiles (contract §9): the built-in default is the contract; overrides of A rules and
// multi-code rows change the judge; bad files are UsageErrors naming the key.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/error_catalogue.hpp"
#include "models/json_io.hpp"
#include "models/rules.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

std::string expect_usage_error(const std::string& text) {
  try {
    parse_profile(text);
  } catch (const UsageError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no UsageError for " << text;
  return "";
}

TEST(Profile, M1_DefaultIsTheContract) {
  Profile p = default_profile();
  EXPECT_EQ(p.api_version, "2021-07-30");
  EXPECT_EQ(p.signature, "v3");
  EXPECT_EQ(p.manual_sync_cooldown_s, 450);
  EXPECT_FALSE(p.token_ttl_s.has_value());
  EXPECT_FALSE(p.async_failures);
  EXPECT_EQ(p.settle_timeout_s, 120);
  EXPECT_EQ(p.time_skew_tolerance_s, 5);
  EXPECT_EQ(p.error("G3").http, (std::vector<int>{400, 404}));
  EXPECT_EQ(p.reprotect_target, S::kStopped);
}

TEST(Profile, M1_ShippedFilesLoad) {
  Profile d = load_profile(std::string(PAIRCHECK_SOURCE_DIR) + "/profiles/default.json");
  EXPECT_EQ(nlohmann::json(d), nlohmann::json(default_profile()));
  Profile r = load_profile(std::string(PAIRCHECK_SOURCE_DIR) + "/profiles/real-cloud.json");
  EXPECT_TRUE(r.async_failures);
  EXPECT_EQ(r.settle_timeout_s, 3600);
  EXPECT_FALSE(r.server_error_codes.empty());
}

TEST(Profile, ProfilesCarryTheirIdentity) {
  EXPECT_EQ(default_profile().api, "ebs");
  EXPECT_EQ(default_profile().profile_version, "1");
  const Profile old = parse_profile(R"({"signature": "v3"})");  // written before issue 17
  EXPECT_EQ(old.api, "ebs");
  EXPECT_EQ(old.profile_version, "unversioned");
  const Profile p = parse_profile(R"({"api": "ebs", "profile_version": "cloud-3"})");
  EXPECT_EQ(p.profile_version, "cloud-3");
  EXPECT_EQ(nlohmann::json(p)["profile_version"], "cloud-3");
  EXPECT_THROW(parse_profile(R"({"profile_version": ""})"), UsageError);
  EXPECT_THROW(parse_profile(R"({"api": 3})"), UsageError);
}

TEST(Profile, M1_DocExampleLoads) {
  std::ifstream in(std::string(PAIRCHECK_SOURCE_DIR) + "/docs/profiles.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto begin = text.find("```json\n");
  ASSERT_NE(begin, std::string::npos);
  begin += 8;
  const std::string example = text.substr(begin, text.find("```", begin) - begin);
  Profile p = parse_profile(example);
  EXPECT_EQ(p.reprotect_target, S::kCreated);
  EXPECT_EQ(p.error("G7").http, std::vector<int>{403});
}

TEST(Profile, M1_EveryARuleHasAnOverride) {
  nlohmann::json o = nlohmann::json(default_profile())["overrides"];
  for (const RuleInfo& r : all_rules()) {
    if (r.kind == 'A') {
      EXPECT_TRUE(o.contains(std::string(r.id))) << r.id;
    }
  }
  // The dump of a profile loads back into the same profile.
  nlohmann::json full = default_profile();
  EXPECT_EQ(nlohmann::json(parse_profile(full.dump())), full);
}

TEST(Profile, M1_EveryCodeIsCatalogued) {
  for (const auto& [key, spec] : default_profile().errors) {
    for (const std::string& c : spec.codes) {
      EXPECT_FALSE(catalogue_statuses(c).empty()) << key << " " << c;
    }
  }
}

TEST(Profile, M1_UnknownKeysAndBadValuesRejected) {
  EXPECT_EQ(expect_usage_error(R"({"overrides":{"O5":{"accepted":["bogus"]}}})"),
            "profile: overrides.O5.accepted: unknown status \"bogus\"");
  EXPECT_EQ(expect_usage_error(R"({"colour":1})"), "profile: colour: unknown key");
  EXPECT_NE(expect_usage_error(R"({"overrides":{"Q9":{}}})").find("overrides.Q9"),
            std::string::npos);
  EXPECT_NE(expect_usage_error(R"({"overrides":{"G3":{"http":[99]}}})").find("overrides.G3.http"),
            std::string::npos);
  EXPECT_NE(expect_usage_error(R"({"overrides":{"O3":{"colour":1}}})").find("overrides.O3.colour"),
            std::string::npos);
  EXPECT_NE(expect_usage_error(R"({"signature":"v2"})").find("signature"), std::string::npos);
  EXPECT_NE(expect_usage_error(R"({"async_failures":"yes"})").find("async_failures"),
            std::string::npos);
  EXPECT_NE(expect_usage_error("[1]").find("profile:"), std::string::npos);
  EXPECT_THROW(load_profile("/nonexistent/profile.json"), UsageError);
}

TEST(Profile, G3_HttpAndCodesOverridable) {
  Profile p =
      parse_profile(R"({"overrides":{"G3":{"http":[403],"codes":["InvalidAccessKeyId"]}}})");
  Stepper run{universe(), p};
  Request r = requests::describe(kHz);
  r.envelope.access_key_id = "ak-nobody";
  Outcome o = run(World{}, r).outcome;
  EXPECT_EQ(o.http, std::vector<int>{403});
  EXPECT_EQ(o.codes, std::vector<std::string>{"InvalidAccessKeyId"});
}

TEST(Profile, O5_AcceptedAndS5TargetOverridable) {
  Profile p = parse_profile(
      R"({"overrides":{"O5":{"accepted":["created"],"noop":[]},"S5":{"target":"created"},
          "O3":{"cooldown_s":10},"I2":{"actions":{"StopDiskReplicaPair":false}},
          "O1":{"disk_in_pair":{"http":[409]}},"X3":{"attachable":["failovered","stopped"]},
          "O0":{"order":["existence","status","site","devices","cooldown"]}}})");
  EXPECT_TRUE(p.accepted["O5"].contains(S::kCreated));
  EXPECT_FALSE(p.accepted["O5"].contains(S::kNormal));
  EXPECT_TRUE(p.failover_noop.empty());
  EXPECT_EQ(p.reprotect_target, S::kCreated);
  EXPECT_EQ(p.manual_sync_cooldown_s, 10);
  EXPECT_EQ(p.i2_reject_actions.count("StopDiskReplicaPair"), 0u);
  EXPECT_EQ(p.error("O1.disk_in_pair").http, std::vector<int>{409});
  EXPECT_EQ(p.error("O1.disk_in_pair").codes, std::vector<std::string>{"OperationDenied"});
  EXPECT_TRUE(p.x3_attachable.contains(S::kStopped));
  EXPECT_EQ(p.o0_order[1], Check::kStatus);
  Stepper run{universe(), p};
  EXPECT_TRUE(run(world_with(S::kCreated), requests::failover(kSh, kPair)).outcome.success());
  EXPECT_FALSE(run(world_with(S::kFailovered), requests::failover(kSh, kPair)).outcome.success());
}

TEST(Profile, O3_CooldownFromFixedKey) {
  Profile p = parse_profile(R"({"manual_sync_cooldown_s": 5})");
  Stepper run{universe(), p};
  World w = world_with(S::kStopped);
  w.pair(kPair)->last_oneshot = MsInterval{0, 0};
  EXPECT_TRUE(run(w, requests::start(kHz, kPair, true), 5000).outcome.success());
  EXPECT_FALSE(run(w, requests::start(kHz, kPair, true), 4999).outcome.success());
}

TEST(Profile, M1_RuleTableHasEveryContractId) {
  std::vector<std::string> want;
  auto range = [&](const char* prefix, int from, int to) {
    for (int i = from; i <= to; ++i) want.push_back(prefix + std::to_string(i));
  };
  range("W", 1, 6);
  range("G", 1, 11);
  range("P", 1, 4);
  range("I", 1, 6);
  range("S", 1, 6);
  range("O", 0, 10);
  range("M", 1, 4);
  range("X", 1, 3);
  EXPECT_EQ(all_rules().size(), want.size());
  for (const std::string& id : want) {
    const RuleInfo* r = find_rule(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_TRUE(r->kind == 'D' || r->kind == 'A');
  }
  EXPECT_EQ(find_rule("O3")->kind, 'A');
  EXPECT_EQ(find_rule("O2")->kind, 'D');
}

TEST(Profile, P2_OffFormKnobsOverridable) {
  const ParamForms d = default_profile().p2_forms;
  EXPECT_FALSE(d.bool_case_insensitive || d.enum_case_insensitive || d.int_plus_sign ||
               d.trim_spaces);
  EXPECT_TRUE(d.int_leading_zeros && d.list_gaps && d.list_spaces);
  Profile p = parse_profile(
      R"({"overrides":{"P2":{"bool_case_insensitive":true,"enum_case_insensitive":true,
          "int_plus_sign":true,"int_leading_zeros":false,"trim_spaces":true,"list_gaps":false,
          "list_spaces":false,"codes":["InvalidParameter"]}}})");
  EXPECT_TRUE(p.p2_forms.bool_case_insensitive && p.p2_forms.enum_case_insensitive &&
              p.p2_forms.int_plus_sign && p.p2_forms.trim_spaces);
  EXPECT_FALSE(p.p2_forms.int_leading_zeros || p.p2_forms.list_gaps || p.p2_forms.list_spaces);
  EXPECT_EQ(p.error("P2").codes, std::vector<std::string>{"InvalidParameter"});
  // The dump names every knob and loads back into the same forms.
  nlohmann::json dumped = p;
  EXPECT_EQ(dumped["overrides"]["P2"]["int_leading_zeros"], false);
  EXPECT_EQ(parse_profile(dumped.dump()).p2_forms, p.p2_forms);
  EXPECT_NE(expect_usage_error(R"({"overrides":{"P2":{"trim_spaces":"yes"}}})")
                .find("overrides.P2.trim_spaces"),
            std::string::npos);
  // The knob changes the judge: TRUE is a boolean only with bool_case_insensitive.
  Request r = requests::start(kHz, kPair);
  requests::set_param(r, "OneShot", "TRUE");
  EXPECT_FALSE(Stepper{}(world_with(S::kStopped), r).outcome.success());
  EXPECT_TRUE((Stepper{universe(), p})(world_with(S::kStopped), r).outcome.success());
}

// §11 "G5 fractions": overrides.G5.fraction_digits, 0-9 (default 9), dumped and loaded back.
TEST(Profile, G5_FractionDigitsOverridable) {
  EXPECT_EQ(default_profile().g5_fraction_digits, 9);
  const Profile p = parse_profile(R"({"overrides":{"G5":{"fraction_digits":3}}})");
  EXPECT_EQ(p.g5_fraction_digits, 3);
  EXPECT_EQ(p.error("G5").codes, std::vector<std::string>{"InvalidTimeStamp.Format"});
  nlohmann::json dumped = p;
  EXPECT_EQ(dumped["overrides"]["G5"]["fraction_digits"], 3);
  EXPECT_EQ(parse_profile(dumped.dump()).g5_fraction_digits, 3);
  for (const char* bad : {R"({"overrides":{"G5":{"fraction_digits":10}}})",
                          R"({"overrides":{"G5":{"fraction_digits":-1}}})",
                          R"({"overrides":{"G5":{"fraction_digits":"3"}}})"}) {
    EXPECT_NE(expect_usage_error(bad).find("overrides.G5.fraction_digits"), std::string::npos)
        << bad;
  }
}

// docs/profiles.md "The full default, as `paircheck` dumps it" is the code's dump.
TEST(Profile, M1_DocDefaultDumpIsTheCode) {
  std::ifstream in(std::string(PAIRCHECK_SOURCE_DIR) + "/docs/profiles.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto section = text.find("## The full default");
  ASSERT_NE(section, std::string::npos);
  auto begin = text.find("```json\n", section);
  ASSERT_NE(begin, std::string::npos);
  begin += 8;
  const std::string block = text.substr(begin, text.find("```", begin) - begin);
  nlohmann::json doc = nlohmann::json::parse(block, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc, nlohmann::json(default_profile())["overrides"]);
}

}  // namespace
}  // namespace paircheck::model
