// The command line: `paircheck report` (formats, --diff exit codes, bad input exit 2) and
// `paircheck run` writing the four reports into its report directory.
#include <gtest/gtest.h>

#include "reports/reports.hpp"
#include "tests/reports/run_log_fixture.hpp"
#include "tests/reports/support.hpp"

namespace paircheck::reports {
namespace {

using testing::read_file;
using testing::run_command;
using testing::temp_dir;

const std::string kBin = PAIRCHECK_BIN;

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

TEST(Reports, ReportCommandWritesEachFormat) {
  const auto dir = temp_dir("cli-formats");
  testing::write_fixture(dir / "run.jsonl");
  for (const char* format : {"json", "junit", "html", "md"}) {
    const auto out = dir / (std::string("out.") + format);
    const auto r = run_command(kBin + " report " + q(dir / "run.jsonl") + " --format " + format +
                               " --out " + q(out));
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.output;
    EXPECT_GT(std::filesystem::file_size(out), 500u) << format;
  }
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "out.json"))["schema"], "paircheck-scorecard/1");
  const auto md = run_command(kBin + " report " + q(dir / "run.jsonl"));  // md to stdout
  EXPECT_EQ(md.exit_code, 0);
  EXPECT_NE(md.output.find("## paircheck: NOT CONFORMANT"), std::string::npos) << md.output;
}

TEST(Reports, ReportCommandExitsTwoOnBadInput) {
  const auto dir = temp_dir("cli-bad");
  std::ofstream(dir / "garbage.jsonl") << "\x7f"
                                       << "ELF garbage\n";
  for (const std::string& args :
       {"report " + q(dir / "garbage.jsonl"), "report " + q(dir / "missing.jsonl"),
        "report " + q(dir / "garbage.jsonl") + " --format pdf", std::string("report"),
        "report --diff " + q(dir / "garbage.jsonl")}) {
    const auto r = run_command(kBin + " " + args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_EQ(r.output.rfind("paircheck: ", 0), 0u) << r.output;
  }
  const auto r = run_command(kBin + " report " + q(dir / "garbage.jsonl"));
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_NE(r.output.find("not a paircheck run log"), std::string::npos) << r.output;
}

TEST(Reports, TruncatedRunLogStillGivesAReport) {
  const auto dir = temp_dir("cli-torn");
  testing::FixtureOptions o;
  o.summary = false;
  o.torn_tail = true;
  testing::write_fixture(dir / "run.jsonl", o);
  const auto r = run_command(kBin + " report " + q(dir / "run.jsonl") + " --format html --out " +
                             q(dir / "report.html"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("incomplete run"), std::string::npos) << r.output;
  EXPECT_NE(read_file(dir / "report.html").find("INCOMPLETE RUN"), std::string::npos);
}

TEST(Reports, DiffExitsOneOnRegression) {
  const auto dir = temp_dir("cli-diff");
  testing::FixtureOptions clean;
  clean.failure = false;
  testing::write_fixture(dir / "good.jsonl", clean);
  testing::write_fixture(dir / "bad.jsonl");
  for (const char* name : {"good", "bad"}) {
    const auto r = run_command(kBin + " report " + q(dir / (std::string(name) + ".jsonl")) +
                               " --format json --out " + q(dir / (std::string(name) + ".json")));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  // The clean run never exercised O2 (untested -> fail is "became tested"); make it pass there.
  auto good = nlohmann::json::parse(read_file(dir / "good.json"));
  for (auto& rule : good["rules"]) {
    if (rule["id"] == "O2") rule["verdict"] = "pass";
  }
  std::ofstream(dir / "good.json") << good.dump(2);
  const auto regressed =
      run_command(kBin + " report --diff " + q(dir / "good.json") + " " + q(dir / "bad.json"));
  EXPECT_EQ(regressed.exit_code, 1) << regressed.output;
  EXPECT_NE(regressed.output.find("regressed O2: pass -> fail"), std::string::npos)
      << regressed.output;
  const auto fixed =
      run_command(kBin + " report --diff " + q(dir / "bad.json") + " " + q(dir / "good.json"));
  EXPECT_EQ(fixed.exit_code, 0) << fixed.output;
  EXPECT_NE(fixed.output.find("fixed O2: fail -> pass"), std::string::npos) << fixed.output;
  const auto same =
      run_command(kBin + " report --diff " + q(dir / "bad.json") + " " + q(dir / "bad.json"));
  EXPECT_EQ(same.exit_code, 0) << same.output;

  // --format json and --out are honoured (issue 14 item 6: they were silently ignored).
  const auto json_out =
      run_command(kBin + " report --diff " + q(dir / "good.json") + " " + q(dir / "bad.json") +
                  " --format json --out " + q(dir / "diff.json"));
  EXPECT_EQ(json_out.exit_code, 1) << json_out.output;  // still exit 1 on a regression
  EXPECT_EQ(json_out.output, "");                       // all of it went to the file
  const auto d = nlohmann::json::parse(read_file(dir / "diff.json"));
  EXPECT_EQ(d["schema"], "paircheck-scorecard-diff/1");
  EXPECT_EQ(d["has_regression"], true);
  ASSERT_FALSE(d["regressed"].empty());
  EXPECT_EQ(d["regressed"][0], (nlohmann::json{{"id", "O2"}, {"from", "pass"}, {"to", "fail"}}));
  const auto json_stdout = run_command(kBin + " report --diff " + q(dir / "bad.json") + " " +
                                       q(dir / "good.json") + " --format json");
  EXPECT_EQ(json_stdout.exit_code, 0) << json_stdout.output;
  EXPECT_EQ(nlohmann::json::parse(json_stdout.output)["fixed"][0]["id"], "O2")
      << json_stdout.output;
  const auto md_out = run_command(kBin + " report --diff " + q(dir / "good.json") + " " +
                                  q(dir / "bad.json") + " --out " + q(dir / "diff.md"));
  EXPECT_EQ(md_out.exit_code, 1) << md_out.output;
  EXPECT_NE(read_file(dir / "diff.md").find("regressed O2: pass -> fail"), std::string::npos);
  // A format a diff has no rendering for: one line, exit 2, nothing written.
  const auto html =
      run_command(kBin + " report --diff " + q(dir / "good.json") + " " + q(dir / "bad.json") +
                  " --format html --out " + q(dir / "diff.html"));
  EXPECT_EQ(html.exit_code, 2) << html.output;
  EXPECT_EQ(html.output.rfind("paircheck: --format: ", 0), 0u) << html.output;
  EXPECT_EQ(std::count(html.output.begin(), html.output.end(), '\n'), 1) << html.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "diff.html"));
}

TEST(Reports, RunWritesAllFourReports) {
  const auto dir = temp_dir("cli-run");
  const auto r =
      run_command(kBin + " run --target inprocess --seed 5 --sequences 20 --quiet --report-dir " +
                  q(dir / "out"));
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.output;
  for (const char* f : {"scorecard.json", "junit.xml", "report.html", "summary.md"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / f)) << f;
  }
  const auto card = nlohmann::json::parse(read_file(dir / "out" / "scorecard.json"));
  EXPECT_TRUE(card["run"]["complete"].get<bool>());
  EXPECT_EQ(card["run"]["seed"], 5);
  EXPECT_EQ(card["conformant"].get<bool>(), r.exit_code == 0);
  // The report command gives the same scorecard from the run log.
  const auto again = run_command(kBin + " report " + q(dir / "out" / "run.jsonl") +
                                 " --format json --out " + q(dir / "again.json"));
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(nlohmann::json::parse(read_file(dir / "again.json")), card);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace paircheck::reports
