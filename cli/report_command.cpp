// paircheck report: regenerates a report from a run log (scorecard JSON, JUnit XML, HTML,
// Markdown), or compares two scorecards (--diff: exit 1 when a rule went pass -> fail).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "cli/args.hpp"
#include "cli/baseline_flags.hpp"
#include "cli/commands.hpp"
#include "models/profile.hpp"
#include "reports/diff.hpp"
#include "reports/reports.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck report RUN.jsonl [--format json|junit|html|md] [--out FILE]\n"
    "       paircheck report --diff OLD.json NEW.json [--format md|json] [--out FILE]\n"
    "Renders the run log of `paircheck run` (run.jsonl) as a scorecard (json), JUnit XML (junit),\n"
    "a self-contained HTML page (html) or a Markdown summary (md, the default), to FILE or "
    "stdout.\n"
    "A run log without its summary line (a killed run) still gives a report, marked incomplete.\n"
    "--diff compares two scorecard.json files: rules that regressed (pass -> fail), were fixed\n"
    "(fail -> pass) or became tested, as text (md, the default) or JSON, to FILE or stdout;\n"
    "exit 1 when a rule regressed, 0 otherwise.\n"
    "--baseline FILE [--now DATE] applies a baseline to the run log's report, as `run` did.\n"
    "exit 2: the input is not a run log / scorecard, or a flag is wrong.\n";

// `text` to --out FILE, or to stdout.
void write_out(const Args& args, const std::string& text) {
  if (auto out = args.get("--out")) {
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) throw std::runtime_error("cannot write '" + *out + "': " + std::strerror(errno));
  } else {
    std::cout << text;
  }
}

int diff(const Args& args) {
  const std::vector<std::string>& files = args.positional();
  if (files.size() != 2) throw model::UsageError("report --diff: needs OLD.json and NEW.json");
  const std::string name = args.get_or("--format", "md");
  const auto format = reports::parse_format(name);
  if (format != reports::Format::kMarkdown && format != reports::Format::kJson) {
    throw model::UsageError("--format: a --diff is written as md or json, not '" + name + "'");
  }
  const auto d = reports::diff_scorecards(reports::load_scorecard(files[0]),
                                          reports::load_scorecard(files[1]));
  write_out(args, format == reports::Format::kJson ? reports::to_json(d).dump(2) + "\n"
                                                   : reports::to_text(d));
  return d.has_regression() ? 1 : 0;
}

}  // namespace

int report_command(const std::vector<std::string>& argv) {
  Args args(argv,
            {{"--format", true},
             {"--out", true},
             {"--diff", false},
             kBaselineFlag,
             kNowFlag,
             {"--help", false}},
            2);
  if (args.has("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (args.has("--diff")) return diff(args);
  if (args.positional().size() != 1) {
    throw model::UsageError("report: needs exactly one run log (paircheck report --help)");
  }
  const std::string name = args.get_or("--format", "md");
  const auto format = reports::parse_format(name);
  if (!format) throw model::UsageError("--format: '" + name + "' is not json, junit, html or md");
  const std::optional<reports::Baseline> baseline = baseline_of(args);
  reports::Scorecard card = reports::build_scorecard(args.positional()[0]);
  if (baseline) reports::apply_baseline(card, *baseline, baseline_now(args));
  if (!card.complete) std::cerr << "paircheck: " << card.incomplete_note << "\n";
  if (!card.steps_note.empty()) std::cerr << "paircheck: " << card.steps_note << "\n";
  write_out(args, reports::render(card, *format));
  return 0;
}

}  // namespace paircheck::cli
