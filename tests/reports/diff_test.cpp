// paircheck report --diff: regressions, fixes and newly tested rules between two scorecards.
#include <gtest/gtest.h>

#include "models/profile.hpp"
#include "reports/diff.hpp"
#include "reports/scorecard.hpp"
#include "tests/reports/run_log_fixture.hpp"

namespace paircheck::reports {
namespace {

nlohmann::json card(std::initializer_list<std::pair<const char*, const char*>> verdicts) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& [id, v] : verdicts) rules.push_back({{"id", id}, {"verdict", v}});
  return {{"schema", kScorecardSchema}, {"rules", rules}};
}

TEST(Reports, DiffListsRegressedFixedAndBecameTested) {
  const auto d = diff_scorecards(
      card({{"O1", "pass"}, {"O2", "fail"}, {"O3", "untested"}, {"O4", "pass"}, {"O5", "pass"}}),
      card({{"O1", "fail"},
            {"O2", "pass"},
            {"O3", "fail"},
            {"O4", "pass"},
            {"O5", "untested"},
            {"O6", "pass"}}));
  ASSERT_EQ(d.regressed.size(), 1u);
  EXPECT_EQ(d.regressed[0].id, "O1");
  ASSERT_EQ(d.fixed.size(), 1u);
  EXPECT_EQ(d.fixed[0].id, "O2");
  ASSERT_EQ(d.became_tested.size(), 2u);  // O3 untested -> fail, O6 new
  EXPECT_EQ(d.became_tested[0].id, "O3");
  EXPECT_EQ(d.became_tested[1].id, "O6");
  ASSERT_EQ(d.no_longer_tested.size(), 1u);
  EXPECT_TRUE(d.has_regression());
  const std::string text = to_text(d);
  EXPECT_NE(text.find("regressed O1: pass -> fail"), std::string::npos) << text;
  EXPECT_NE(text.find("1 regressed, 1 fixed, 2 became tested"), std::string::npos) << text;
  EXPECT_FALSE(diff_scorecards(card({{"O1", "fail"}}), card({{"O1", "pass"}})).has_regression());
}

TEST(Reports, DiffRejectsWhatIsNotAScorecard) {
  const auto dir = testing::temp_dir("diff-bad");
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  for (const auto& [name, text] : std::vector<std::pair<const char*, std::string>>{
           {"garbage", "garbage"},
           {"other-schema", R"({"schema":"x","rules":[]})"},
           {"bad-rules", R"({"schema":"paircheck-scorecard/1","rules":[{"id":1}]})"},
           {"bad-verdict",
            R"({"schema":"paircheck-scorecard/1","rules":[{"id":"O1","verdict":"meh"}]})"}}) {
    EXPECT_THROW(load_scorecard(write(name, text)), model::UsageError) << name;
  }
  EXPECT_THROW(load_scorecard((dir / "missing").string()), model::UsageError);
}

}  // namespace
}  // namespace paircheck::reports
