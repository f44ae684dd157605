// The form classifier of the coverage map's form projection (models/forms.hpp, issue 13): the
// shared vocabulary for booleans, integers (P2 ranges), enums, lists and free strings (P3).
#include "models/forms.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace paircheck::model {
namespace {

std::string_view form(std::string_view param, std::optional<std::string> value,
                      Action a = Action::kCreate) {
  return form_of(a, param, value);
}

TEST(Forms, W1_BooleanSpellingsOfOneShot) {
  const Action start = Action::kStart;
  EXPECT_EQ(form("OneShot", "true", start), "true");
  EXPECT_EQ(form("OneShot", "false", start), "false");
  EXPECT_EQ(form("OneShot", std::nullopt, start), "missing");
  EXPECT_EQ(form("OneShot", "", start), "empty");
  EXPECT_EQ(form("OneShot", "True", start), "case");
  EXPECT_EQ(form("OneShot", "FALSE", start), "case");
  EXPECT_EQ(form("OneShot", "1", start), "digit");
  EXPECT_EQ(form("OneShot", "0", start), "digit");
  EXPECT_EQ(form("OneShot", " true", start), "spaced");
  EXPECT_EQ(form("OneShot", "false\t", start), "spaced");
  EXPECT_EQ(form("OneShot", "yes", start), "other");
  EXPECT_EQ(form("ReverseReplicate", "false", Action::kReprotect), "false");
  EXPECT_EQ(form("EnableRtc", "TRUE"), "case");
}

TEST(Forms, P2_IntegerSpellingsOfMaxResults) {
  const Action d = Action::kDescribe;
  EXPECT_EQ(form("MaxResults", "10", d), "valid");
  EXPECT_EQ(form("MaxResults", "1", d), "valid");
  EXPECT_EQ(form("MaxResults", "500", d), "valid");
  EXPECT_EQ(form("MaxResults", "0", d), "out-of-range");
  EXPECT_EQ(form("MaxResults", "501", d), "out-of-range");
  EXPECT_EQ(form("MaxResults", "+10", d), "plus");
  EXPECT_EQ(form("MaxResults", "-1", d), "minus");
  EXPECT_EQ(form("MaxResults", "010", d), "leading-zero");
  EXPECT_EQ(form("MaxResults", " 10", d), "spaced");
  EXPECT_EQ(form("MaxResults", "10 ", d), "spaced");
  for (const char* v : {"1e3", "0x10", "10.0", "abc", "+", "-", "1-2"}) {
    EXPECT_EQ(form("MaxResults", v, d), "not-decimal") << v;
  }
  EXPECT_EQ(form("MaxResults", "9223372036854775807", d), "out-of-range");
  EXPECT_EQ(form("MaxResults", "9223372036854775808", d), "huge");
  EXPECT_EQ(form("MaxResults", "99999999999999999999999", d), "huge");
  EXPECT_EQ(form("MaxResults", std::nullopt, d), "missing");
  EXPECT_EQ(form("MaxResults", "", d), "empty");
}

TEST(Forms, P2_DocumentedRangesOfPagingRpoAndBandwidth) {
  EXPECT_EQ(form("PageSize", "100", Action::kDescribe), "valid");
  EXPECT_EQ(form("PageSize", "101", Action::kDescribe), "out-of-range");
  EXPECT_EQ(form("PageNumber", "0", Action::kDescribe), "out-of-range");
  EXPECT_EQ(form("PageNumber", "123456", Action::kDescribe), "valid");
  EXPECT_EQ(form("RPO", "900"), "valid");
  EXPECT_EQ(form("RPO", "60"), "out-of-range");
  EXPECT_EQ(form("Bandwidth", "20480"), "valid");
  EXPECT_EQ(form("Bandwidth", "20000"), "out-of-range");
}

TEST(Forms, P2_PeriodIsCheckedForTypeOnly) {
  EXPECT_EQ(form("Period", "99999"), "valid");
  EXPECT_EQ(form("Period", "0"), "valid");
  const auto forms = forms_of(Action::kCreate, "Period");
  EXPECT_EQ(std::count(forms.begin(), forms.end(), "out-of-range"), 0);
  EXPECT_EQ(std::count(forms.begin(), forms.end(), "leading-zero"), 1);
}

TEST(Forms, P2_EnumValuesOfSiteAndChargeType) {
  EXPECT_EQ(form("Site", "production", Action::kDescribe), "production");
  EXPECT_EQ(form("Site", "backup", Action::kDescribe), "backup");
  EXPECT_EQ(form("Site", "Production", Action::kDescribe), "case");
  EXPECT_EQ(form("Site", "prod", Action::kDescribe), "other");
  EXPECT_EQ(form("Site", "", Action::kDescribe), "empty");
  EXPECT_EQ(form("ChargeType", "PREPAY"), "PREPAY");
  EXPECT_EQ(form("ChargeType", "postpay"), "case");
  const auto forms = forms_of(Action::kCreate, "ChargeType");
  EXPECT_EQ(forms, (std::vector<std::string_view>{"PREPAY", "POSTPAY", "missing", "empty", "case",
                                                  "other"}));
  // PeriodUnit is documented for type only (§11): a free string.
  EXPECT_EQ(param_kind("PeriodUnit"), ParamKind::kString);
}

TEST(Forms, W1_ListSpellingsOfPairIds) {
  const Action d = Action::kDescribe;
  EXPECT_EQ(form("PairIds", "pair-1", d), "one");
  EXPECT_EQ(form("PairIds", "pair-1,pair-2", d), "several");
  EXPECT_EQ(form("PairIds", "pair-1,,pair-2", d), "gaps");
  EXPECT_EQ(form("PairIds", "pair-1,", d), "gaps");
  EXPECT_EQ(form("PairIds", "pair-1, pair-2", d), "spaced");
  EXPECT_EQ(form("PairIds", "", d), "empty");
  EXPECT_EQ(form("PairIds", std::nullopt, d), "missing");
}

TEST(Forms, P2_PairNameAndDescriptionRules) {
  EXPECT_EQ(form("PairName", "myPair-1"), "valid");
  EXPECT_EQ(form("PairName", "1starts-with-digit"), "invalid");
  EXPECT_EQ(form("PairName", "http://x"), "invalid");
  EXPECT_EQ(form("PairName", "a"), "below-min");
  EXPECT_EQ(form("PairName", "a b"), "invalid");
  EXPECT_EQ(form("PairName", "a" + std::string(127, 'b')), "at-max");
  EXPECT_EQ(form("PairName", "a" + std::string(128, 'b')), "long");
  EXPECT_EQ(form("Description", std::string(256, 'd')), "at-max");
  EXPECT_EQ(form("Description", std::string(257, 'd')), "long");
  EXPECT_EQ(form("Description", "https://x"), "invalid");
  EXPECT_EQ(form("Description", "d"), "below-min");
  // Characters, not bytes: 200 two-byte characters are within Description's 256.
  std::string wide;
  for (int i = 0; i < 200; ++i) wide += "\xc3\xa9";
  EXPECT_EQ(form("Description", wide), "multibyte");
}

// The edges of the documented rules, each its own form so that coverage (and steering) sees
// whether a run sent them (docs/mutation.md: off-by-one length checks and UTF-8 decoders).
TEST(Forms, P2_P3_EdgesOfTheDocumentedRules) {
  EXPECT_EQ(form("PairName", "pc"), "at-min");
  EXPECT_EQ(form("PairName", "pc-pair-1"), "valid");
  EXPECT_EQ(form("Description", "dd"), "at-min");
  EXPECT_EQ(form("Description", std::string(255, 'd')), "valid");
  EXPECT_EQ(form("Description", "pc \xc2\x80 U+0080"), "multibyte");
  EXPECT_EQ(form("Description", "pc \xed\x9f\xbf U+D7FF"), "multibyte");
  EXPECT_EQ(form("Description", "pc \xf0\x9f\x98\x80 emoji"), "wide");
  EXPECT_EQ(form("Description", "pc \xf4\x8f\xbf\xbf U+10FFFF"), "wide");
  EXPECT_EQ(form("Description", "\xf0\x9f\x98\x80"), "below-min");  // one character
  EXPECT_EQ(form("Description", "paircheck pair"), "valid");        // blanks are everyday there
  EXPECT_EQ(form("ClientToken", "tok en", Action::kStop), "blank");
  EXPECT_EQ(form("ClientToken", "t", Action::kStop), "valid");
  EXPECT_EQ(form("RegionId", "cn \xc3\xa9"), "valid");  // no documented rule: no edges
  const auto name = forms_of(Action::kCreate, "PairName");
  EXPECT_EQ(std::count(name.begin(), name.end(), "at-max"), 1);
  EXPECT_EQ(std::count(name.begin(), name.end(), "wide"), 0);  // not a letter: invalid
  const auto token = forms_of(Action::kStop, "ClientToken");
  EXPECT_EQ(std::count(token.begin(), token.end(), "blank"), 1);
  EXPECT_EQ(std::count(token.begin(), token.end(), "below-min"), 0);
  const auto region = forms_of(Action::kCreate, "RegionId");
  EXPECT_EQ(std::count(region.begin(), region.end(), "at-max"), 0);
}

TEST(Forms, P3_ClientTokenLengthAndPrintableAscii) {
  EXPECT_EQ(form("ClientToken", std::string(64, 't'), Action::kStop), "valid");
  EXPECT_EQ(form("ClientToken", std::string(65, 't'), Action::kStop), "long");
  EXPECT_EQ(form("ClientToken", "t\xc3\xa9", Action::kStop), "invalid");
  EXPECT_EQ(form("ClientToken", "t\x01", Action::kStop), "not-printable");
  EXPECT_EQ(form("ClientToken", "t\x7f", Action::kStop), "not-printable");
}

TEST(Forms, W1_NotUtf8IncludingTheRunLogsReplacementCharacter) {
  EXPECT_EQ(form("RegionId", "\xff\xfe\x80"), "not-utf8");
  EXPECT_EQ(form("RegionId", "\xc0\xaf"), "not-utf8");         // overlong '/'
  EXPECT_EQ(form("RegionId", "\xed\xa0\x80"), "not-utf8");     // a surrogate
  EXPECT_EQ(form("RegionId", "cn-\xef\xbf\xbd"), "not-utf8");  // U+FFFD: how the log keeps it
  EXPECT_EQ(form("RegionId", "cn-hangzhou"), "valid");
  EXPECT_EQ(form("RegionId", std::string(129, 'r')), "long");
  EXPECT_EQ(form("NextToken", "anything", Action::kDescribe), "valid");
  const auto forms = forms_of(Action::kCreate, "RegionId");
  EXPECT_EQ(std::count(forms.begin(), forms.end(), "invalid"), 0);  // no documented rule
}

TEST(Forms, P4_ParamsOfFollowTheParameterTable) {
  EXPECT_EQ(params_of(Action::kStart),
            (std::vector<std::string>{"RegionId", "ReplicaPairId", "ClientToken", "OneShot"}));
  EXPECT_EQ(params_of(Action::kAttachDisk), (std::vector<std::string>{"DiskId", "InstanceId"}));
  EXPECT_EQ(params_of(Action::kProgress), (std::vector<std::string>{"RegionId", "ReplicaPairId"}));
  const auto& create = params_of(Action::kCreate);
  EXPECT_EQ(create.size(), 16u);
  EXPECT_NE(std::find(create.begin(), create.end(), "EnableRtc"), create.end());
  EXPECT_TRUE(params_of(Action::kUnknown).empty());
}

TEST(Forms, P2_EveryFormIsOneFormsOfLists) {
  const std::vector<std::optional<std::string>> samples = {std::nullopt, "",
                                                           "true",       "True",
                                                           "1",          " x",
                                                           "x ",         "+5",
                                                           "-5",         "05",
                                                           "5",          "900",
                                                           "10240",      "99999999999999999999",
                                                           "1e3",        "production",
                                                           "PRODUCTION", "PREPAY",
                                                           "a,b",        "a,,b",
                                                           "a, b",       "\xff",
                                                           "\x01",       std::string(300, 'x'),
                                                           "1abc",       "http://x",
                                                           "t\xc3\xa9"};
  for (auto i = static_cast<int>(Action::kCreate); i < static_cast<int>(Action::kUnknown); ++i) {
    const auto a = static_cast<Action>(i);
    for (const std::string& p : params_of(a)) {
      const auto forms = forms_of(a, p);
      for (const auto& v : samples) {
        const std::string_view f = form_of(a, p, v);
        EXPECT_NE(std::find(forms.begin(), forms.end(), f), forms.end())
            << action_name(a) << " " << p << " " << v.value_or("(missing)") << " -> " << f;
      }
    }
  }
}

}  // namespace
}  // namespace paircheck::model
