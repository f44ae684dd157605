// paircheck run: generated sequences against a target, judged by the model, shrunk on failure,
// streamed into the run log; exit 0 conformant, 1 not conformant, 2 usage or target error.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>

#include <nlohmann/json.hpp>
#include "cli/commands.hpp"
#include "cli/run_report.hpp"
#include "cli/target_setup.hpp"
#include "harness/run_log.hpp"
#include "harness/universe.hpp"

#include "models/json_io.hpp"
#include "properties/campaign.hpp"
#include "reports/reports.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck run [flags]\n"
    "Generates request sequences, sends them to the target, judges every response with the model\n"
    "of docs/contract.md, shrinks each failure to its shortest sequence, and writes the run log\n"
    "(run.jsonl, streamed) and one replay file per failure into the report directory.\n"
    "  --seed N            random seed (default: a fresh one, printed)\n"
    "  --sequences N       sequences to generate (default 200)\n"
    "  --max-steps N       longest sequence (default 20)\n"
    "  --report-dir DIR    where to write (default paircheck-report)\n"
    "  --poll-ms N         first pause while waiting for a transient status (default 500;\n"
    "                      doubles up to 15 s); small values suit a fast real-clock emulator\n"
    "  --max-wait-s S      on a real clock, sleep at most S seconds for a generated wait step\n"
    "  --max-failures N    stop once N distinct failures are found and shrunk (default 16)\n"
    "  --jobs N            run N sequences at once, each job on its own thread and target state\n"
    "                      (embedded/inprocess: N emulators; URLs: --target URL1,...,URLN);\n"
    "                      one merged verdict and run log (default 1)\n"
    "  --quiet             no progress line, summary only\n";

std::vector<FlagSpec> flags() {
  std::vector<FlagSpec> f = target_flags();
  f.insert(f.end(), {{"--seed", true},
                     {"--sequences", true},
                     {"--max-steps", true},
                     {"--report-dir", true},
                     {"--max-failures", true},
                     {"--jobs", true},
                     {"--poll-ms", true},
                     {"--max-wait-s", true},
                     {"--quiet", false},
                     {"--help", false}});
  return f;
}

// Counts as the scorecard does (docs/scorecard.md): the rules a verdict names, plus the ones
// checked on every response (W4, M1; W2 on a 200, W3 otherwise) and M2 on an unknown outcome.
void tally(RunStats& stats, const model::StepRecord& record) {
  ++stats.requests;
  for (model::RuleId rule : record.verdict.rule_ids) {
    RuleTally& t = stats.rules[std::string(model::to_string(rule))];
    ++t.exercised;
    if (!record.verdict.conformant) ++t.failed;
  }
  if (!record.observed) {
    ++stats.rules["M2"].exercised;
    return;
  }
  ++stats.rules["M1"].exercised;
  ++stats.rules["W4"].exercised;
  ++stats.rules[record.observed->http_status == 200 ? "W2" : "W3"].exercised;
}

// Resources the run created, so that `paircheck cleanup RUN_LOG` can finish after a crash.
void log_resources(harness::RunLog& log, const model::StepRecord& record) {
  if (!record.observed || !record.observed->code.empty()) return;
  const model::Request& r = record.request;
  if (r.action == "CreateDiskReplicaPair" && !record.observed->replica_pair_id.empty()) {
    log.write("resource", {{"kind", "pair"},
                           {"id", record.observed->replica_pair_id},
                           {"region", model::find_param(r.params, "RegionId").value_or("")},
                           {"standby_region",
                            model::find_param(r.params, "DestinationRegionId").value_or("")}});
  } else if (r.action == "AttachDisk") {
    log.write("resource", {{"kind", "attachment"},
                           {"instance", model::find_param(r.params, "InstanceId").value_or("")},
                           {"disk", model::find_param(r.params, "DiskId").value_or("")}});
  }
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  Args args(argv, flags(), 0);
  if (args.has("--help")) {
    std::cout << kHelp << target_flags_help();
    return 0;
  }
  const std::uint64_t seed =
      args.number_or("--seed", std::random_device{}() % 1000000000ULL, 0, UINT64_MAX);
  properties::SearchOptions search_options;
  search_options.seed = seed;
  search_options.sequences = args.number_or("--sequences", 200, 1, 100000000);
  search_options.max_steps = args.number_or("--max-steps", 20, 1, 10000);
  search_options.max_findings = args.number_or("--max-failures", 16, 1, 1000);
  search_options.stop_at_max_findings = args.has("--max-failures");
  const std::string dir = args.get_or("--report-dir", "paircheck-report");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw model::UsageError("--report-dir: cannot create '" + dir + "': " + ec.message());

  const std::size_t jobs = args.number_or("--jobs", 1, 1, 64);
  Setup setup = make_setup(args, seed, jobs);
  harness::RunLog log(dir + "/run.jsonl");
  reports::LiveScorecard scorecard;  // the reports, built from the log's lines as they are written
  log.set_observer(
      [&](const std::string& type, nlohmann::json& line) { scorecard.add(type, line); });
  const model::Universe universe = harness::universe_from(setup.fixtures);
  log.write("run", {{"format", "paircheck-run-log/1"},
                    {"seed", seed},
                    {"target", setup.target_name},
                    {"fixtures", setup.fixtures_origin},
                    {"profile", setup.profile},
                    {"profile_origin", setup.profile_origin},
                    {"sequences", search_options.sequences},
                    {"max_steps", search_options.max_steps},
                    {"jobs", jobs},
                    {"rules", model::rules_json()}});

  RunStats stats;
  properties::CampaignOptions campaign;
  campaign.search = search_options;
  campaign.run.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  campaign.run.first_poll_s =
      static_cast<double>(args.number_or("--poll-ms", 500, 1, 60000)) / 1000;
  campaign.run.max_real_wait_s =
      static_cast<double>(args.number_or("--max-wait-s", 1000000000, 0, 1000000000));
  campaign.run_id =
      "pc" + std::to_string(seed % 100000) + "x" + std::to_string(std::random_device{}() % 100000);
  ProgressLine progress(search_options.sequences);
  const bool quiet = args.has("--quiet");
  properties::CampaignHooks hooks;
  hooks.on_sequence = [&](std::size_t n, const harness::Sequence& sequence) {
    log.write("sequence", {{"n", n}, {"sequence", harness::to_json(sequence)}});
  };
  std::mutex stats_mutex;  // on_record runs on every job's thread (run_campaign_jobs)
  hooks.on_record = [&](std::size_t n, bool shrinking, const model::StepRecord& record) {
    {
      std::lock_guard lock(stats_mutex);
      tally(stats, record);
    }
    log_resources(log, record);
    if (!shrinking) log.write("step", {{"sequence", n}, {"record", record}});
  };
  hooks.on_left_behind = [&](const std::string& line) {
    log.write("left_behind", {{"what", line}});
    std::cerr << "paircheck: cleanup left behind " << line << "\n";
  };
  hooks.progress = [&](std::size_t done, const properties::SearchReport& r) {
    if (quiet) return;
    std::lock_guard lock(stats_mutex);
    progress.update(done, stats, r.findings.size());
  };
  properties::SearchReport report =
      properties::run_campaign_jobs(setup.job_targets(), universe, setup.profile, campaign, hooks);
  progress.finish();

  const auto replay_files = write_replay_files(dir, report, seed);
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& f = report.findings[i];
    log.write("finding",
              {{"key", f.key},
               {"verdict", f.result.failure ? nlohmann::json(*f.result.failure) : nlohmann::json()},
               {"minimal", harness::to_json(f.minimal)},
               {"records", f.result.records},
               {"replay_file", replay_files[i]}});
  }
  std::string reproduce = "paircheck run --seed " + std::to_string(seed) + " --sequences " +
                          std::to_string(search_options.sequences) + " --max-steps " +
                          std::to_string(search_options.max_steps);
  if (setup.target_name != "embedded") reproduce += " --target " + setup.target_name;
  if (jobs > 1) reproduce += " --jobs " + std::to_string(jobs);
  for (const auto& fault : args.all("--emulator-fault")) reproduce += " --emulator-fault " + fault;
  nlohmann::json rules = nlohmann::json::object();
  for (const auto& [id, t] : stats.rules)
    rules[id] = {{"exercised", t.exercised}, {"failed", t.failed}};
  const int exit_code = !report.target_error.empty() ? 2 : report.findings.empty() ? 0 : 1;
  log.write("summary", {{"sequences", report.sequences_run},
                        {"executions", report.executions},
                        {"requests", stats.requests},
                        {"seconds", stats.seconds()},
                        {"findings", report.findings.size()},
                        {"target_error", report.target_error},
                        {"rules", rules},
                        {"exit_code", exit_code}});
  reports::write_all(scorecard.finish(),
                     dir);  // scorecard.json, junit.xml, report.html, summary.md
  std::cout << summary_text(report, stats, replay_files, setup.target_name, reproduce)
            << "run log: " << log.path() << "\n";
  if (!report.target_error.empty()) {
    std::cerr << "paircheck: target error: " << report.target_error << "\n";
  }
  return exit_code;
}

}  // namespace paircheck::cli
