// Baselines (reports/baseline.hpp, docs/publishing.md): a waiver with a reason and an expiry date
// takes its finding out of the verdict until that date, in every format; a waiver past its date
// waives nothing; one that matches nothing is stale; a bad baseline is one UsageError line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/profile.hpp"
#include "models/rules.hpp"
#include "reports/baseline.hpp"
#include "reports/reports.hpp"
#include "tests/reports/run_log_fixture.hpp"
#include "tests/reports/support.hpp"

namespace paircheck::reports {
namespace {

using testing::count;
using testing::run_command;
using testing::temp_dir;

Scorecard failing_card(const std::string& name) {
  const auto dir = temp_dir(name);
  testing::write_fixture(dir / "run.jsonl");
  return build_scorecard((dir / "run.jsonl").string());
}

Baseline one_waiver(const std::string& key, const std::string& expires) {
  Baseline b;
  b.path = "known.json";
  b.waivers.push_back({key, "fixed by issue 99", "emu-team", expires, ""});
  return b;
}

std::string refusal(const std::string& text) {
  try {
    parse_baseline(text, "b.json");
  } catch (const model::UsageError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Baseline, AWaivedFindingLeavesTheVerdictUntilItsDate) {
  Scorecard card = failing_card("waived");
  ASSERT_EQ(card.failures.size(), 1U);
  ASSERT_EQ(card.exit_code, 1);
  const std::string key = card.failures[0].key;
  apply_baseline(card, one_waiver(key, "2027-01-31"), "2027-01-31");  // the last day counts
  EXPECT_TRUE(card.failures.empty());
  ASSERT_EQ(card.waived.size(), 1U);
  EXPECT_EQ(card.waived[0].failure.key, key);
  EXPECT_EQ(card.waived[0].waiver.owner, "emu-team");
  EXPECT_EQ(card.rules_failed(), 0U);
  const RuleResult& o2 = card.rules[static_cast<std::size_t>(model::RuleId::kO2)];
  EXPECT_EQ(o2.failed, 0U);
  EXPECT_FALSE(o2.first_failure);
  EXPECT_EQ(card.exit_code, 0);
  EXPECT_TRUE(card.conformant());
  EXPECT_TRUE(card.stale_waivers.empty());
  EXPECT_TRUE(card.expired_waivers.empty());
}

TEST(Baseline, AnExpiredWaiverWaivesNothing) {
  Scorecard card = failing_card("expired");
  const std::string key = card.failures[0].key;
  apply_baseline(card, one_waiver(key, "2027-01-31"), "2027-02-01");
  EXPECT_EQ(card.failures.size(), 1U);
  EXPECT_TRUE(card.waived.empty());
  ASSERT_EQ(card.expired_waivers.size(), 1U);
  EXPECT_EQ(card.exit_code, 1);
  EXPECT_EQ(card.rules_failed(), 1U);
  EXPECT_TRUE(card.rules[static_cast<std::size_t>(model::RuleId::kO2)].first_failure);
  EXPECT_NE(to_json(card).dump().find("\"expired\":[{"), std::string::npos);
}

TEST(Baseline, AWaiverOfAnotherKeyIsStaleAndWaivesNothing) {
  Scorecard card = failing_card("stale");
  // The same rule and action, another code: waiving one O2 bug never hides another.
  apply_baseline(card, one_waiver("O2|StartDiskReplicaPair|403|Other", "2027-01-31"), "2026-12-01");
  EXPECT_EQ(card.failures.size(), 1U);
  EXPECT_EQ(card.exit_code, 1);
  ASSERT_EQ(card.stale_waivers.size(), 1U);
  EXPECT_EQ(card.stale_waivers[0].key, "O2|StartDiskReplicaPair|403|Other");
}

TEST(Baseline, EveryFormatShowsTheWaivedFindingAndTheStaleWaiver) {
  Scorecard card = failing_card("formats");
  const std::string key = card.failures[0].key;
  Baseline b = one_waiver(key, "2027-01-31");
  b.waivers.push_back({"O9|DescribeDiskReplicaPairs|200|", "gone", "", "2027-03-01", ""});
  apply_baseline(card, b, "2026-12-01");
  const nlohmann::json j = to_json(card);
  ASSERT_EQ(j["waived"].size(), 1U);
  EXPECT_EQ(j["waived"][0]["key"], key);
  EXPECT_EQ(j["waived"][0]["waiver"]["reason"], "fixed by issue 99");
  EXPECT_EQ(j["waived"][0]["waiver"]["expires"], "2027-01-31");
  EXPECT_EQ(j["baseline"]["stale"][0]["key"], "O9|DescribeDiskReplicaPairs|200|");
  EXPECT_EQ(j["totals"]["findings"], 0);
  EXPECT_EQ(j["totals"]["waived"], 1);
  EXPECT_EQ(j["conformant"], true);

  const std::string junit = render(card, Format::kJunit);
  EXPECT_EQ(count(junit, "classname=\"paircheck.baseline.waived\""), 1U);
  EXPECT_NE(junit.find("<skipped message=\"waived until 2027-01-31 (owner emu-team): fixed by "
                       "issue 99\"/>"),
            std::string::npos);
  EXPECT_EQ(count(junit, "classname=\"paircheck.baseline.stale\""), 1U);
  EXPECT_EQ(count(junit, "<failure "), 0U);
  const std::string html = render(card, Format::kHtml);
  EXPECT_NE(html.find("<section id=\"waived\">"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"waived\">"), 1U);
  EXPECT_EQ(count(html, "<tr class=\"stale\">"), 1U);
  EXPECT_EQ(html.find(std::string("<td><code>") + key), std::string::npos);  // escaped, not raw
  const std::string md = render(card, Format::kMarkdown);
  EXPECT_NE(md.find("### Baseline: 1 waived, 0 expired, 1 stale"), std::string::npos);
  // GitHub tables need a key's '|' escaped, even in a code span.
  EXPECT_NE(md.find("| stale | `O9\\|DescribeDiskReplicaPairs\\|200\\|` | 2027-03-01 | - | gone |"),
            std::string::npos)
      << md;
  EXPECT_NE(baseline_text(card).find("stale waiver"), std::string::npos);
}

TEST(Baseline, JUnitWithWaiversValidatesAgainstSchema) {
  const char* xmllint = "/usr/bin/xmllint";
  ASSERT_TRUE(std::filesystem::exists(xmllint));
  Scorecard card = failing_card("junit-xsd");
  Baseline b = one_waiver(card.failures[0].key, "2027-01-31");
  b.waivers.push_back({"O9|DescribeDiskReplicaPairs|200|", "gone", "", "2027-03-01", ""});
  apply_baseline(card, b, "2026-12-01");
  const auto xml = temp_dir("junit-xsd-out") / "junit.xml";
  std::ofstream(xml, std::ios::binary) << render(card, Format::kJunit);
  const auto r = run_command(std::string(xmllint) + " --noout --schema '" + PAIRCHECK_SOURCE_DIR +
                             "/reports/junit.xsd' '" + xml.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(Baseline, AScorecardGivesABaselineThatMatchesItsFindings) {
  Scorecard card = failing_card("from");
  const Baseline b = baseline_from_scorecard(to_json(card), "known", "me", "2027-01-31");
  ASSERT_EQ(b.waivers.size(), 1U);
  EXPECT_EQ(b.waivers[0].key, card.failures[0].key);
  EXPECT_EQ(b.waivers[0].message, card.failures[0].message);
  // Written and read back, it waives the run it came from.
  const Baseline again = parse_baseline(to_json(b).dump(), "b.json");
  apply_baseline(card, again, "2026-12-01");
  EXPECT_EQ(card.waived.size(), 1U);
  EXPECT_EQ(card.exit_code, 0);
  EXPECT_THROW(baseline_from_scorecard(nlohmann::json::object(), "r", "", "2027-01-31"),
               model::UsageError);
}

TEST(Baseline, ABadBaselineIsRefusedInOneLineNamingTheField) {
  const std::string head = R"({"schema":"paircheck-baseline/1","waivers":[)";
  const std::string key = R"("key":"O2|StartDiskReplicaPair|200|")";
  struct Case {
    std::string text, says;
  };
  for (const Case& c : std::vector<Case>{
           {"not json", "not valid JSON"},
           {R"({"waivers":[]})", "\"schema\""},
           {head + "{" + key + R"(,"expires":"2027-01-31"}]})", "no \"reason\""},
           {head + "{" + key + R"(,"reason":" ","expires":"2027-01-31"}]})", "\"reason\" is empty"},
           {head + "{" + key + R"(,"reason":"r"}]})", "no \"expires\""},
           {head + "{" + key + R"(,"reason":"r","expires":"2027-02-30"}]})", "YYYY-MM-DD"},
           {head + "{" + key + R"(,"reason":"r","expires":"31/01/2027"}]})", "YYYY-MM-DD"},
           {head + R"({"key":"O2 Start","reason":"r","expires":"2027-01-31"}]})",
            "not a finding key"},
           {head + "{" + key + R"(,"reason":"r","expiry":"2027-01-31"}]})", "unknown field"},
           {head + "{" + key + R"(,"reason":"r","expires":"2027-01-31"},{)" + key +
                R"(,"reason":"r","expires":"2027-01-31"}]})",
            "listed twice"},
       }) {
    const std::string why = refusal(c.text);
    EXPECT_NE(why.find(c.says), std::string::npos) << c.text << " -> " << why;
    EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    EXPECT_EQ(why.rfind("baseline b.json", 0), 0U) << why;
  }
  EXPECT_EQ(refusal(head + "{" + key + R"(,"reason":"r","expires":"2028-02-29"}]})"), "(accepted)");
}

TEST(Baseline, DatesAreCalendarDates) {
  EXPECT_TRUE(is_date("2028-02-29"));
  EXPECT_FALSE(is_date("2027-02-29"));
  EXPECT_FALSE(is_date("2027-13-01"));
  EXPECT_FALSE(is_date("2027-1-01"));
  EXPECT_TRUE(is_date(today_utc()));
  EXPECT_THROW(now_or_today("tomorrow"), model::UsageError);
  EXPECT_EQ(now_or_today("2026-12-01"), "2026-12-01");
}

}  // namespace
}  // namespace paircheck::reports
