// paircheck check TRACE: a recorded trace judged by the model, no target (docs/traces.md). The
// reports come out as for `run` (run.jsonl, scorecard.json, junit.xml, report.html, summary.md),
// from the same event stream; exit 0 conformant, 1 not conformant, 2 a bad trace or flag.
#include <unistd.h>

#include <iostream>
#include <optional>

#include "cli/args.hpp"
#include "cli/baseline_flags.hpp"
#include "cli/colour.hpp"
#include "cli/commands.hpp"
#include "cli/run_outputs.hpp"
#include "harness/run_log.hpp"
#include "harness/universe.hpp"
#include "models/json_io.hpp"
#include "models/reachability.hpp"
#include "models/rules.hpp"
#include "paircheck/version.hpp"
#include "reports/reports.hpp"
#include "session/run_log_writer.hpp"
#include "traces/actiontrail_reader.hpp"
#include "traces/offline_judge.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck check TRACE [--format har|actiontrail] [--fixtures FILE] [--profile FILE]\n"
    "                       [--report-dir DIR] [--baseline FILE [--now DATE]] [--quiet]\n"
    "Judges a recorded trace with the model, with no target: a HAR file (paircheck run --record,\n"
    "paircheck-emulator --record, or any proxy or browser) or an ActionTrail export (a JSON list "
    "of\n"
    "events, a LookupEvents answer, or JSON lines). Requests are grouped per pair and its\n"
    "disks and judged in time order, overlapping ones by the linearizability search; a pair first\n"
    "seen in the trace starts in every status. What it can and cannot judge: docs/traces.md.\n"
    "  --format FORMAT     har or actiontrail (default: told by the file's content)\n"
    "  --fixtures FILE     the account's identities, disks and instances (default: built-in)\n"
    "  --profile FILE      profile (docs/profiles.md); default: the contract\n"
    "  --report-dir DIR    where the reports go (default paircheck-check)\n"
    "  --quiet             the verdict line and the summary only\n"
    "%BASELINE%"
    "exit 0 conformant, 1 not conformant, 2 a bad trace, fixture, profile or flag.\n";

}  // namespace

int check_command(const std::vector<std::string>& argv) {
  Args args(argv,
            {{"--format", true},
             {"--fixtures", true},
             {"--profile", true},
             {"--report-dir", true},
             {"--quiet", false},
             {"--help", false},
             kBaselineFlag,
             kNowFlag},
            1);
  if (args.has("--help")) {
    std::string help = kHelp;
    help.replace(help.find("%BASELINE%"), 10, kBaselineHelp);
    std::cout << help;
    return 0;
  }
  const std::optional<reports::Baseline> baseline = baseline_of(args);  // refused before judging
  if (args.positional().size() != 1) {
    throw model::UsageError("check: needs exactly one trace file (paircheck check --help)");
  }
  const std::string path = args.positional()[0];
  events::RunStarted header;
  protocol::Fixtures fixtures = protocol::default_fixtures();
  header.fixtures_origin = "built-in";
  if (auto f = args.get("--fixtures")) {
    fixtures = protocol::load_fixtures(*f);
    header.fixtures_origin = *f;
  }
  model::Profile profile = model::default_profile();
  header.profile_origin = "built-in (docs/contract.md)";
  if (auto p = args.get("--profile")) {
    profile = model::load_profile(*p);
    header.profile_origin = *p;
  }
  std::optional<traces::TraceFormat> format;
  if (auto f = args.get("--format")) {
    format = traces::trace_format_from_name(*f);
    if (!format) throw model::UsageError("check: --format " + *f + ": use har or actiontrail");
  }
  const traces::Trace trace = traces::read_trace(path, profile, format);
  const bool judgeable = std::any_of(trace.calls.begin(), trace.calls.end(), [](const auto& c) {
    return !c.reset && c.not_judged.empty();
  });
  if (!judgeable) throw model::UsageError(path + ": holds no request of the contract to judge");
  if (!trace.repaired.empty()) std::cerr << "paircheck: " << path << ": " << trace.repaired << "\n";

  traces::CheckOptions options;
  options.universe = harness::universe_from(fixtures);
  options.profile = profile;
  header.version = std::string(kVersion);
  header.commit = std::string(kCommit);
  header.mode = "check";
  header.started_at = trace.first_time;
  header.target.kind = "trace";
  header.target.url = path;
  header.profile = profile;
  for (const model::RuleInfo& r : model::all_rules()) {
    const model::Reach reach = model::reachability(r.rule, profile, options.universe, {});
    if (reach != model::Reach::kReachable)
      header.unreachable[std::string(r.id)] = model::reason(reach);
  }
  for (const auto& [rule, why] : traces::unjudgeable_rules(trace)) header.unreachable[rule] = why;
  if (trace.source == "ActionTrail") {  // the audit log keeps none of these (docs/traces.md)
    header.unreachable["G1"] = "an ActionTrail event does not log the HTTP method";
    header.unreachable["G4"] = "an ActionTrail event does not log the signature method";
    header.unreachable["G5"] = "an ActionTrail event does not log the request's Timestamp";
  }

  const std::string dir = args.get_or("--report-dir", "paircheck-check");
  prepare_report_dir(dir);
  harness::RunLog log(dir + "/run.jsonl");
  reports::LiveScorecard scorecard;
  session::RunLogWriter writer(log, &scorecard);
  const traces::CheckSummary summary = traces::check_trace(trace, options, header, writer);
  reports::Scorecard card = scorecard.finish();
  if (baseline) reports::apply_baseline(card, *baseline, baseline_now(args));
  reports::write_all(card, dir);

  std::string reproduce = "paircheck check " + path;
  if (auto f = args.get("--format")) reproduce += " --format " + *f;
  if (auto f = args.get("--fixtures")) reproduce += " --fixtures " + *f;
  if (auto p = args.get("--profile")) reproduce += " --profile " + *p;
  if (auto b = args.get("--baseline")) reproduce += " --baseline " + *b;
  std::cout << colour_verdicts(summary_text(card, reproduce), colour_on(STDOUT_FILENO));
  std::cout << "trace: " << trace.source << ", " << trace.calls.size() << " entries";
  if (!trace.first_time.empty())
    std::cout << " from " << trace.first_time << " to " << trace.last_time;
  std::cout << "; " << summary.judged << " judged in " << summary.groups << " groups\n";
  for (const auto& [why, count] : summary.not_judged) {
    std::cout << "not judged: " << count << " (" << why << ")\n";
  }
  std::cout << "run log: " << log.path() << "\n";
  // Waived findings do not count (reports/baseline.hpp); the scorecard's code says so, as for run.
  return baseline ? card.exit_code.value_or(summary.exit_code) : summary.exit_code;
}

}  // namespace paircheck::cli
