// The HTML report as a reader first sees it (issue 14), rendered by headless Chromium at 1400 px:
// the header (verdict, date, version, target, API version, profile), the findings, the rules and
// the coverage in that order; the first finding inside the first screen; a screenshot that is
// not blank. Positions come from a test-only copy of the page with a script that writes each
// element's box into the DOM (the report itself has no script, and its CSP would block one).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>

#include "reports/reports.hpp"
#include "tests/reports/run_log_fixture.hpp"
#include "tests/reports/support.hpp"

namespace paircheck::reports {
namespace {

using testing::FixtureOptions;
using testing::run_command;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr int kWidth = 1400, kScreen = 900;  // a laptop's first screen
// The elements whose order and boxes are checked, in the order the page must have them.
const std::vector<std::string> kSections = {"report-header", "findings", "rules", "coverage"};

std::string chromium(const std::filesystem::path& dir, const std::string& name,
                     const std::string& what, const std::filesystem::path& html) {
  return "timeout 120 " + std::string(kChromium) +
         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
         " --disable-background-networking --disable-component-update --disable-sync"
         " --hide-scrollbars --window-size=" +
         std::to_string(kWidth) + "," + std::to_string(kScreen) + " --user-data-dir='" +
         (dir / ("profile-" + name)).string() + "' " + what + " 'file://" + html.string() + "'";
}

struct Box {
  long top = -1, height = -1;
};

// The boxes (CSS px from the top of the page, which is not scrolled) of the ids in `ids`, laid
// out at kWidth px: from a copy of `html` with a measuring script and without the CSP.
std::map<std::string, Box> measure(const std::filesystem::path& dir, std::string html,
                                   const std::vector<std::string>& ids) {
  const auto csp = html.find("<meta http-equiv=\"Content-Security-Policy\"");
  EXPECT_NE(csp, std::string::npos);
  if (csp != std::string::npos) html.erase(csp, html.find('>', csp) + 1 - csp);
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "\"" : ",\"") + id + "\"";
  const std::string script =
      "<script>(function(){var o=[];[" + list +
      "].forEach(function(id){var e=document.getElementById(id);if(!e)return;"
      "var r=e.getBoundingClientRect();o.push(id+' '+Math.round(r.top+window.scrollY)+' '+"
      "Math.round(r.height));});var p=document.createElement('pre');p.id='measured';"
      "p.textContent='\\n'+o.join('\\n')+'\\n';document.body.appendChild(p);})();</script>";
  const auto at = html.rfind("</body>");
  EXPECT_NE(at, std::string::npos);
  html.insert(at, script);
  const auto copy = dir / "measured.html";
  std::ofstream(copy, std::ios::binary) << html;
  const auto dom = run_command(chromium(dir, "measure", "--dump-dom", copy));
  std::map<std::string, Box> boxes;
  const auto pre = dom.output.find("<pre id=\"measured\">");
  EXPECT_NE(pre, std::string::npos) << dom.output.substr(0, 2000);
  if (pre == std::string::npos) return boxes;
  std::istringstream in(dom.output.substr(pre + 20, dom.output.find("</pre>", pre) - pre - 20));
  std::string id;
  Box b;
  while (in >> id >> b.top >> b.height) boxes[id] = b;
  return boxes;
}

struct PngStats {
  int width = 0, height = 0, distinct = 0;
  double nonwhite = 0;
};

// Pixel statistics of rows [y0, y1) of a PNG (tests/reports/png_stats.py, python3's zlib).
PngStats png_stats(const std::filesystem::path& png, long y0, long y1) {
  const auto r = run_command("python3 '" + std::string(PAIRCHECK_SOURCE_DIR) +
                             "/tests/reports/png_stats.py' '" + png.string() + "' " +
                             std::to_string(y0) + " " + std::to_string(y1));
  PngStats s;
  EXPECT_EQ(std::sscanf(r.output.c_str(), "width=%d height=%d distinct=%d nonwhite=%lf", &s.width,
                        &s.height, &s.distinct, &s.nonwhite),
            4)
      << "python3 is needed to read the screenshot (scripts/install-deps.sh --browser): "
      << r.output;
  return s;
}

void check_layout(const std::string& name, const FixtureOptions& o, bool failing) {
  const auto dir = testing::temp_dir("html-layout-" + name);
  testing::write_fixture(dir / "run.jsonl", o);
  const std::string html = render(build_scorecard((dir / "run.jsonl").string()), Format::kHtml);
  const auto page = dir / "report.html";
  std::ofstream(page, std::ios::binary) << html;

  // The order of the sections in the DOM Chromium built from the page.
  const auto dom = run_command(chromium(dir, "dom", "--dump-dom", page));
  std::size_t last = 0;
  for (const std::string& id : kSections) {
    const auto at = dom.output.find("id=\"" + id + "\"");
    ASSERT_NE(at, std::string::npos) << id << " missing:\n" << dom.output.substr(0, 2000);
    EXPECT_GT(at, last) << id << " out of order";
    last = at;
  }
  EXPECT_NE(dom.output.find("Alibaba Cloud ECS disk replica pairs (API 2021-07-30)"),
            std::string::npos);
  EXPECT_NE(dom.output.find(failing ? ">\u2717 NOT CONFORMANT<" : ">\u2713 CONFORMANT<"),
            std::string::npos);

  // Laid out, the sections come in the same order, one below the other.
  std::vector<std::string> ids = kSections;
  ids.push_back("finding-1");
  const auto boxes = measure(dir, html, ids);
  long bottom = 0;
  for (const std::string& id : kSections) {
    ASSERT_TRUE(boxes.contains(id)) << id;
    EXPECT_GE(boxes.at(id).top, bottom) << id << " overlaps the section above it";
    EXPECT_GT(boxes.at(id).height, 0) << id;
    bottom = boxes.at(id).top + boxes.at(id).height;
  }
  // The findings start on the first screen: the first finding's summary line when there is one.
  const Box first = failing ? boxes.at("finding-1") : boxes.at("findings");
  EXPECT_GT(first.top, 0);
  EXPECT_LE(first.top + 40, kScreen) << "the first finding starts at y=" << first.top;

  // What Chromium paints there is text, not a blank page: many colours (anti-aliased text and
  // the verdict), and ink in the band of the first finding.
  const auto png = dir / "shot.png";
  const auto shot = run_command(chromium(dir, "shot", "--screenshot='" + png.string() + "'", page));
  ASSERT_TRUE(std::filesystem::exists(png)) << shot.output;
  const PngStats all = png_stats(png, 0, kScreen);
  EXPECT_EQ(all.width, kWidth);
  EXPECT_EQ(all.height, kScreen);
  EXPECT_GT(all.distinct, 100) << "a blank screenshot?";
  EXPECT_GT(all.nonwhite, 0.03) << "a blank screenshot?";
  const PngStats band = png_stats(png, first.top, std::min<long>(first.top + 40, kScreen));
  EXPECT_GT(band.distinct, 20) << "the first finding is painted blank";
  EXPECT_GT(band.nonwhite, 0.01) << "the first finding is painted blank";
  std::filesystem::remove_all(dir);
}

// A run log whose run line carries what the header shows (the fixture's /1 line lacks them).
std::filesystem::path dated_fixture(const std::filesystem::path& dir, const FixtureOptions& o) {
  testing::write_fixture(dir / "run.jsonl", o);
  std::ifstream in(dir / "run.jsonl", std::ios::binary);
  std::string first, rest, line;
  std::getline(in, first);
  while (std::getline(in, line)) rest += line + "\n";
  nlohmann::json run = nlohmann::json::parse(first);
  run["version"] = "0.1.0";
  run["commit"] = "0123456789ab";
  run["started_at"] = "2026-12-02T12:00:00Z";
  run["target"] = {
      {"kind", "url"}, {"url", "http://127.0.0.1:9/"}, {"faults", {"reprotect-keeps-direction"}}};
  std::ofstream(dir / "run.jsonl", std::ios::binary | std::ios::trunc) << run.dump() << "\n"
                                                                       << rest;
  return dir / "run.jsonl";
}

TEST(ReportsHtmlLayout, HeaderSaysWhatWasTestedThenFindingsRulesCoverage) {
  const auto dir = testing::temp_dir("html-header");
  const std::string html =
      render(build_scorecard(dated_fixture(dir, FixtureOptions{}).string()), Format::kHtml);
  const auto header = html.find("<header id=\"report-header\">");
  const auto findings = html.find("<section id=\"findings\">");
  const auto rules = html.find("<section id=\"rules\">");
  const auto coverage = html.find("<section id=\"coverage\">");
  ASSERT_NE(header, std::string::npos);
  EXPECT_LT(header, findings);
  EXPECT_LT(findings, rules);
  EXPECT_LT(rules, coverage);
  EXPECT_LT(coverage, html.find("<table id=\"codes\">"));
  EXPECT_LT(coverage, html.find("<h2>Coverage map"));
  const std::string head = html.substr(header, findings - header);
  EXPECT_NE(head.find("Alibaba Cloud ECS disk replica pairs (API 2021-07-30)"), std::string::npos);
  EXPECT_NE(head.find("NOT CONFORMANT"), std::string::npos);
  EXPECT_NE(head.find("2026-12-02T12:00:00Z"), std::string::npos) << head;
  EXPECT_NE(head.find("0.1.0 (commit 0123456789ab)"), std::string::npos);
  EXPECT_NE(head.find("http://127.0.0.1:9/ with fault <code>reprotect-keeps-direction</code>"),
            std::string::npos);
  EXPECT_NE(head.find("<dt>seed</dt><dd>7</dd>"), std::string::npos);
  EXPECT_NE(head.find("<dt>profile</dt><dd>built-in"), std::string::npos);
  // The counts of the terminal's summary line (cli/run_outputs.cpp).
  EXPECT_NE(head.find("1 finding on 1 rule; judged "), std::string::npos) << head;
  EXPECT_NE(head.find("1 sequence, 5 requests"), std::string::npos) << head;
  // Each finding in a <details>, the first open, with its replay command; no script anywhere.
  const std::string body = html.substr(findings, rules - findings);
  EXPECT_NE(body.find("<details class=\"finding\" id=\"finding-1\" open>"), std::string::npos);
  EXPECT_NE(body.find("<code>paircheck replay &#39;report/failure-1.json&#39;</code>"),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // The rules explain D and A and the words of their verdicts.
  const std::string legend = html.substr(rules, coverage - rules);
  for (const char* word : {"documented", "assumed", "overrid", "not reached", "unreachable"}) {
    EXPECT_NE(legend.find(word), std::string::npos) << word;
  }
  std::filesystem::remove_all(dir);
}

TEST(ReportsHtmlLayout, InterruptedRunWithoutFindingIsNotCalledConformant) {
  const auto dir = testing::temp_dir("html-interrupted");
  FixtureOptions clean;
  clean.failure = false;
  const auto log = dated_fixture(dir, clean);
  std::string text = testing::read_text(log);
  const auto last = text.rfind("{\"", text.size() - 2);
  nlohmann::json summary = nlohmann::json::parse(text.substr(last));
  ASSERT_EQ(summary["type"], "summary");
  summary["interrupted"] = true;
  text.replace(last, std::string::npos, summary.dump() + "\n");
  std::ofstream(log, std::ios::binary | std::ios::trunc) << text;
  const std::string html = render(build_scorecard(log.string()), Format::kHtml);
  EXPECT_NE(html.find("verdict vd-warn\">&#9888; INTERRUPTED</span>"), std::string::npos);
  EXPECT_NE(html.find("Interrupted (Ctrl-C)"), std::string::npos);
  EXPECT_EQ(html.find("&#10003; CONFORMANT"), std::string::npos);
  EXPECT_NE(html.find("<title>INTERRUPTED: "), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ReportsHtmlLayout, GridCellsBreakBetweenWordsAndLinkFailuresToTheirFinding) {
  const auto dir = testing::temp_dir("html-grid");
  const std::string html =
      render(build_scorecard(dated_fixture(dir, FixtureOptions{}).string()), Format::kHtml);
  const auto grid = html.find("<table id=\"coverage-grid\">");
  ASSERT_NE(grid, std::string::npos);
  const std::string table = html.substr(grid, html.find("</table>", grid) - grid);
  // A code wraps at its words and dots, never inside a word (the tooltips hold it whole).
  std::string text = table;
  for (auto at = text.find(" title=\""); at != std::string::npos; at = text.find(" title=\"", at)) {
    text.erase(at, text.find('"', at + 8) + 1 - at);
  }
  EXPECT_NE(text.find("Operation<wbr>Denied.<wbr>Invalid<wbr>Status"), std::string::npos);
  EXPECT_EQ(text.find("OperationDenied"), std::string::npos);
  // The failing cell (manual_syncing / Start) links to finding 1; the others name the sequence
  // that first visited them.
  const auto fail = table.find("<td class=\"cell c-fail\" data-status=\"manual_syncing\"");
  ASSERT_NE(fail, std::string::npos) << table;
  const std::string cell = table.substr(fail, table.find("</td>", fail) - fail);
  EXPECT_NE(cell.find("<a href=\"#finding-1\">"), std::string::npos) << cell;
  EXPECT_NE(cell.find("failed: finding 1"), std::string::npos) << cell;
  EXPECT_NE(table.find("first visited in sequence 0"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ReportsHtmlLayout, FailingReportLeadsWithItsFindings) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is absent (apt-get install chromium to run this test)";
  }
  check_layout("failing", FixtureOptions{}, true);
}

TEST(ReportsHtmlLayout, ConformantReportLeadsWithItsVerdict) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is absent (apt-get install chromium to run this test)";
  }
  FixtureOptions clean;
  clean.failure = false;
  check_layout("conformant", clean, false);
}

}  // namespace
}  // namespace paircheck::reports
