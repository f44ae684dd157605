// The four formats: JUnit valid against reports/junit.xsd (xmllint), one test case per rule;
// HTML self-contained, escaped, and rendered by headless Chromium; Markdown short.
#include <gtest/gtest.h>

#include <algorithm>

#include "models/rules.hpp"
#include "reports/reports.hpp"
#include "tests/reports/run_log_fixture.hpp"
#include "tests/reports/support.hpp"

namespace paircheck::reports {
namespace {

using testing::count;
using testing::FixtureOptions;
using testing::read_file;
using testing::run_command;
using testing::temp_dir;

constexpr const char* kXmllint = "/usr/bin/xmllint";
constexpr const char* kChromium = "/usr/bin/chromium";

Scorecard card_from(const std::filesystem::path& dir, const FixtureOptions& o = {}) {
  testing::write_fixture(dir / "run.jsonl", o);
  return build_scorecard((dir / "run.jsonl").string());
}

TEST(Reports, JUnitValidatesAgainstSchema) {
  ASSERT_TRUE(std::filesystem::exists(kXmllint))
      << "xmllint is missing: scripts/install-deps.sh --report installs libxml2-utils";
  const auto dir = temp_dir("junit");
  const std::string xsd = std::string(PAIRCHECK_SOURCE_DIR) + "/reports/junit.xsd";
  FixtureOptions incomplete;
  incomplete.summary = false;
  incomplete.torn_tail = true;
  FixtureOptions clean;
  clean.failure = false;
  int n = 0;
  for (const FixtureOptions& o : {FixtureOptions{}, incomplete, clean}) {
    const auto sub = dir / std::to_string(n++);
    std::filesystem::create_directories(sub);
    const auto xml = sub / "junit.xml";
    std::ofstream(xml, std::ios::binary) << render(card_from(sub, o), Format::kJunit);
    const auto r = run_command(std::string(kXmllint) + " --noout --schema '" + xsd + "' '" +
                               xml.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("validates"), std::string::npos) << r.output;
  }
  // The schema is not a rubber stamp: a test case without a name is rejected.
  const auto bad = dir / "bad.xml";
  std::ofstream(bad) << "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\"/>"
                        "</testsuite></testsuites>\n";
  EXPECT_NE(
      run_command(std::string(kXmllint) + " --noout --schema '" + xsd + "' '" + bad.string() + "'")
          .exit_code,
      0);
}

TEST(Reports, JUnitHasOneTestCasePerRule) {
  const auto dir = temp_dir("junit-cases");
  const std::string xml = render(card_from(dir), Format::kJunit);
  EXPECT_EQ(count(xml, "<testcase "), model::all_rules().size());
  EXPECT_EQ(count(xml, "<failure "), 1u);  // O2, the rule of the one finding's key
  EXPECT_NE(xml.find("<testcase name=\"O2\""), std::string::npos);
  EXPECT_NE(xml.find("minimal failing sequence"), std::string::npos);
  EXPECT_NE(xml.find("settle {pair:0}"), std::string::npos);
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos);
}

TEST(Reports, HtmlEscapesTargetText) {
  const auto dir = temp_dir("html-escape");
  const std::string html = render(card_from(dir), Format::kHtml);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"),
            std::string::npos);
}

TEST(Reports, HtmlIsSelfContained) {
  const auto dir = temp_dir("html-self");
  const std::string html = render(card_from(dir), Format::kHtml);
  for (const char* external : {"<link", "<script", "<img", "<iframe", "src=", "@import", "url("}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("paircheck replay &#39;report/failure-1.json&#39;"), std::string::npos);
  // A curl whose signature is redacted cannot run: the replay command stands in for it.
  EXPECT_EQ(html.find("Signature=REDACTED"), std::string::npos);
}

TEST(Reports, HtmlRendersGridInChromium) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is absent (apt-get install chromium to run this test)";
  }
  const auto dir = temp_dir("chromium");
  const auto html = dir / "report.html";
  std::ofstream(html, std::ios::binary) << render(card_from(dir), Format::kHtml);
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync";
  const std::string url = "file://" + html.string();
  const auto png = dir / "out.png";
  const auto shot =
      run_command("timeout 120 " + std::string(kChromium) + flags + " --user-data-dir='" +
                  (dir / "profile-shot").string() + "' --screenshot='" + png.string() +
                  "' --window-size=1400,2000 '" + url + "'");
  ASSERT_TRUE(std::filesystem::exists(png)) << shot.output;
  EXPECT_GT(std::filesystem::file_size(png), 20000u) << "a blank page?";
  const auto dom =
      run_command("timeout 120 " + std::string(kChromium) + flags + " --user-data-dir='" +
                  (dir / "profile-dom").string() + "' --dump-dom '" + url + "'");
  ASSERT_NE(dom.output.find("id=\"coverage-grid\""), std::string::npos)
      << dom.output.substr(0, 2000);
  EXPECT_EQ(count(dom.output, "<td class=\"cell "),
            status_rows().size() * operation_columns().size());
  EXPECT_EQ(count(dom.output, "<td class=\"cell c-fail\""), 1u);
  EXPECT_GE(count(dom.output, "<td class=\"cell c-ok\""), 2u);
  EXPECT_NE(dom.output.find("id=\"failure-1\""), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Reports, HtmlListsGoalsAndUnvisitedCells) {
  const auto dir = temp_dir("html-cells");
  testing::FixtureOptions o;
  o.reachable_cells = {"status|CreateDiskReplicaPair|(no pair)|200",
                       "status|StopDiskReplicaPair|normal|200"};
  testing::write_fixture(dir / "run.jsonl", o);
  const std::string html = render(build_scorecard((dir / "run.jsonl").string()), Format::kHtml);
  EXPECT_NE(html.find("<h2>Coverage map: 1 of 2 reachable cells visited</h2>"), std::string::npos);
  EXPECT_NE(html.find("<details id=\"unvisited-cells\"><summary>1 reachable cells never visited"),
            std::string::npos);
  EXPECT_NE(html.find("<code>status|StopDiskReplicaPair|normal|200</code>"), std::string::npos);
  // Below the failures; the goals next to the rules.
  EXPECT_LT(html.find("<section id=\"findings\">"), html.find("<h2>Coverage map"));
  EXPECT_LT(html.find("<table id=\"rules-table\">"), html.find("<table id=\"goals\">"));
  EXPECT_NE(html.find("<tr id=\"goal:page-boundary\">"), std::string::npos);
  EXPECT_NE(html.find("unreachable</td>"), std::string::npos);
  const std::string md = render(build_scorecard((dir / "run.jsonl").string()), Format::kMarkdown);
  EXPECT_NE(md.find("cells: 1/2 reachable visited"), std::string::npos) << md;
}

TEST(Reports, MarkdownIsShortEnoughForAPrComment) {
  const auto dir = temp_dir("md");
  const std::string md = render(card_from(dir), Format::kMarkdown);
  EXPECT_LT(md.size(), 4000u);
  EXPECT_LT(count(md, "\n"), 40u);
  EXPECT_NE(md.find("NOT CONFORMANT"), std::string::npos);
  EXPECT_NE(md.find("| O2 | D |"), std::string::npos);
  EXPECT_EQ(md.find("<script"), std::string::npos);
  EXPECT_NE(md.find("Untested:"), std::string::npos);
}

}  // namespace
}  // namespace paircheck::reports
