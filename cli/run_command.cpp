// paircheck run: generated sequences against a target, judged by the model, shrunk on failure,
// streamed into the run log; exit 0 conformant, 1 not conformant, 2 usage or target error.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>

#include "cli/baseline_flags.hpp"
#include "cli/colour.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/run_outputs.hpp"
#include "cli/target_setup.hpp"
#include "harness/lease.hpp"
#include "harness/nemesis.hpp"
#include "harness/run_log.hpp"
#include "harness/universe.hpp"
#include "reports/baseline.hpp"
#include "reports/reports.hpp"
#include "session/run_log_writer.hpp"
#include "session/session.hpp"
#include "traces/recording_target.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck run [flags]\n"
    "Generates request sequences, sends them to the target, judges every response with the model\n"
    "of docs/contract.md, shrinks each failure to its shortest sequence, and writes the run log\n"
    "(run.jsonl, streamed) and one replay file per failure into the report directory.\n"
    "  --seed N            random seed (default: a fresh one, printed)\n"
    "  --sequences N       sequences to generate (default 200)\n"
    "  --max-steps N       longest sequence (default 20; 40 on a real-clock target)\n"
    "  --report-dir DIR    where to write (default paircheck-report)\n"
    "  --poll-ms N         first pause while waiting for a transient status (default 500;\n"
    "                      doubles up to 15 s); small values suit a fast real-clock emulator\n"
    "  --max-wait-s S      on a real clock, sleep at most S seconds for a generated wait step\n"
    "  --races on|off      race steps: two calls on one pair sent at once, judged by a\n"
    "                      linearizability search (default: on for a real clock or --clients\n"
    "                      above 1; off on a virtual clock, whose seed it would no longer fix)\n"
    "  --nemesis LIST      misbehave like a network on some mutations: drop-response, reset,\n"
    "                      duplicate, delay, or all (HTTP targets; docs/harness.md)\n"
    "  --shrink-time S     stop shrinking a finding after S seconds and report the best so far\n"
    "                      as partly shrunk (default: 30 on a real clock, none on a virtual one)\n"
    "  --steer K           draw K sequences for each one run, and run the one predicted to\n"
    "                      visit the most coverage-map cells not visited yet (default 16; 1 = no\n"
    "                      steering; docs/harness.md \"Steering\")\n"
    "  --strict            exit 1 when a race could not be decided within the search budget\n"
    "  --read-gap-ms N     on a real clock, waits are filled with judged reads of the sequence's\n"
    "                      pairs (Describe, Progress), N ms apart (default 0: back to back;\n"
    "                      against a rate-limited account, e.g. the cloud, use 200 or more)\n"
    "  --max-failures N    stop once N distinct failures are found and shrunk (default 16)\n"
    "  --jobs N            run N sequences at once, each job on its own thread and target state\n"
    "                      (embedded/inprocess: N emulators; URLs: --target URL1,...,URLN);\n"
    "                      one merged verdict and run log (default 1)\n"
    "  --clients N         run N sequences at once against ONE target, each client on a lease of\n"
    "                      its own (fixture disks dealt round-robin per region; docs/harness.md);\n"
    "                      default 1 on a virtual clock (embedded, inprocess, --control-token:\n"
    "                      --seed is exact), on a real-clock URL as many as the fixtures allow\n"
    "                      (each lease needs two disks in each of two regions), at most 8\n"
    "  --max-live-pairs N  at most N replica pairs of the run on the account at once: a client\n"
    "                      waits before a sequence until its Creates fit (default: no cap;\n"
    "                      refused below the pairs one lease's disks can form; docs/harness.md)\n"
    "  --clean-start       before generating, delete the pairs a URL target lists on fixture\n"
    "                      disks (left over from an earlier run or replay) and detach every\n"
    "                      fixture disk; without it such leftovers stop the run (exit 2, each\n"
    "                      named), as the model starts from none (docs/harness.md \"Preflight\")\n"
    "  --log LEVEL         what run.jsonl keeps: steps (every judged step, the default),\n"
    "                      findings (only the steps of sequences that failed), none (no steps);\n"
    "                      the header, resources, findings and summary always, and the reports\n"
    "                      written at the end count every step whatever LEVEL is\n"
    "  --record FILE.har   write every exchange with the target as HAR 1.2, streamed (signatures,\n"
    "                      nonces and secrets redacted); `paircheck check FILE.har` judges it\n"
    "                      offline (docs/traces.md). Not with --jobs (one target per file)\n"
    "  --quiet             no progress line, summary only\n"
    "  --require-all-rules exit 1 when a rule this run could reach was not reached\n";

std::vector<FlagSpec> flags() {
  std::vector<FlagSpec> f = target_flags();
  f.insert(f.end(), {{"--seed", true},
                     {"--sequences", true},
                     {"--max-steps", true},
                     {"--report-dir", true},
                     {"--max-failures", true},
                     {"--jobs", true},
                     {"--clients", true},
                     {"--max-live-pairs", true},
                     {"--poll-ms", true},
                     {"--max-wait-s", true},
                     {"--read-gap-ms", true},
                     {"--races", true},
                     {"--steer", true},
                     {"--nemesis", true},
                     {"--strict", false},
                     {"--shrink-time", true},
                     {"--log", true},
                     {"--record", true},
                     {"--quiet", false},
                     {"--clean-start", false},
                     {"--require-all-rules", false},
                     kBaselineFlag,
                     kNowFlag,
                     {"--help", false}});
  return f;
}

// --clients: as given (at most what the fixtures allow), else 1 on the bundled emulator (so that
// --seed is exact: clients interleave as the threads are scheduled) and as many as the fixtures
// allow, up to 8, on a URL.
std::size_t clients_for(const Args& args) {
  const std::string target = args.get_or("--target", "embedded");
  // A virtual clock (the bundled emulator, or a URL with its control token) costs nothing to wait
  // on, so clients would buy no time there, only a seed that no longer fixes the run.
  const bool emulated = is_bundled(target) || args.has("--control-token");
  model::Universe universe = harness::universe_from(
      args.get("--fixtures") ? protocol::load_fixtures(*args.get("--fixtures"))
                             : protocol::default_fixtures());
  const std::size_t most = harness::max_leases(universe);
  if (!args.has("--clients"))
    return emulated || args.has("--jobs") ? 1 : std::min<std::size_t>(most, 8);
  const std::size_t n = args.number_or("--clients", 1, 1, 64);
  if (n > most) {
    throw model::UsageError(
        "--clients " + std::to_string(n) + ": the fixtures allow at most " + std::to_string(most) +
        " (each client leases disks in two regions; see fixtures/clients.json)");
  }
  return n;
}

}  // namespace

int run_command(const std::vector<std::string>& argv) {
  Args args(argv, flags(), 0);
  if (args.has("--help")) {
    std::cout << kHelp << kBaselineHelp << target_flags_help();
    return 0;
  }
  const std::uint64_t seed =
      args.number_or("--seed", std::random_device{}() % 1000000000ULL, 0, UINT64_MAX);
  properties::SearchOptions search_options;
  search_options.seed = seed;
  search_options.sequences = args.number_or("--sequences", 200, 1, 100000000);
  search_options.max_findings = args.number_or("--max-failures", 16, 1, 1000);
  search_options.stop_at_max_findings = args.has("--max-failures");
  const std::string dir = args.get_or("--report-dir", "paircheck-report");
  const std::optional<reports::Baseline> baseline = baseline_of(args);  // refused before the run
  const std::size_t jobs = args.number_or("--jobs", 1, 1, 64);
  const std::size_t clients = clients_for(args);
  Setup setup = make_setup(args, seed, jobs, nullptr, "", clients);
  if (auto record = args.get("--record")) {
    if (jobs > 1) {
      throw model::UsageError("--record records one target; --jobs gives each job its own");
    }
    if (setup.target_name == "direct") {
      throw model::UsageError(
          "--record writes what went over the wire, and --target direct sends most requests "
          "without one: use --target inprocess");
    }
    // Innermost, under any nemesis: the file shows what went over the wire.
    auto writer = std::make_shared<traces::HarWriter>(
        *record, nlohmann::json{{"format", traces::kTraceFormat},
                                {"target", setup.target_name},
                                {"fixtures", setup.fixtures_origin},
                                {"profile", setup.profile_origin},
                                {"seed", seed}});
    const std::string scheme = setup.target_name.rfind("https://", 0) == 0 ? "https" : "http";
    for (auto& target : setup.targets) {
      target = std::make_unique<traces::RecordingTarget>(std::move(target), writer, scheme);
    }
  }
  const std::string nemesis = args.get_or("--nemesis", "");
  if (!nemesis.empty()) wrap_in_nemesis(setup, nemesis, seed, 0.1);
  const std::string races = args.get_or("--races", "");
  if (!races.empty() && races != "on" && races != "off") {
    throw model::UsageError("--races: expected on or off, got '" + races + "'");
  }
  const bool real_clock = setup.target().clock() == nullptr;
  // On a real clock a sequence costs wall time whatever its length (settles, cleanup), and deep
  // lifecycles (a Reprotect, a walk over two of a lease's pages) need long ones: 40 steps doubled
  // the accepted Failovers and Reprotects per minute there (docs/harness.md "Sequence length").
  search_options.max_steps = args.number_or("--max-steps", real_clock ? 40 : 20, 1, 10000);
  search_options.shrink_time_s =
      static_cast<double>(args.number_or("--shrink-time", real_clock ? 30 : 0, 0, 86400));
  search_options.races = races.empty() ? real_clock || clients > 1 : races == "on";

  session::Config config;
  config.targets = setup.job_targets();
  config.universe = harness::universe_from(setup.fixtures);
  if (clients > 1) {
    config.leases = harness::make_leases(config.universe, clients);
    for (harness::Lease& lease : config.leases) {
      lease.foreign = setup.profile.foreign_pairs == "report" ? harness::ForeignPairs::kReport
                                                              : harness::ForeignPairs::kIgnore;
    }
  }
  config.profile = setup.profile;
  config.run.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  config.run.first_poll_s = static_cast<double>(args.number_or("--poll-ms", 500, 1, 60000)) / 1000;
  config.run.max_real_wait_s =
      static_cast<double>(args.number_or("--max-wait-s", 1000000000, 0, 1000000000));
  config.run.fill_waits = real_clock;
  config.run.read_gap_s =
      static_cast<double>(args.number_or("--read-gap-ms", 0, 0, 3600000)) / 1000;
  config.run_id =
      "pc" + std::to_string(seed % 100000) + "x" + std::to_string(std::random_device{}() % 100000);
  config.header = run_header(args, setup, "run", seed);
  config.header.jobs = jobs;
  config.header.clients = clients;
  config.header.sequences = search_options.sequences;
  config.header.max_steps = search_options.max_steps;
  config.header.require_all_rules = args.has("--require-all-rules");
  config.header.strict = args.has("--strict");
  config.header.nemesis = nemesis;
  set_reachable_cells(config.header, setup, search_options.races);
  const std::string log_name = args.get_or("--log", "steps");
  const std::optional<session::LogLevel> log_level = session::parse_log_level(log_name);
  if (!log_level)
    throw model::UsageError("--log: expected steps, findings or none, got '" + log_name + "'");
  config.header.log = log_name;
  config.steer_candidates = args.number_or("--steer", 16, 1, 64);
  config.reachable_cells.insert(config.header.reachable_cells.begin(),
                                config.header.reachable_cells.end());
  config.interrupt = &interrupt_flag();
  if (args.has("--max-live-pairs")) {
    if (jobs > 1) {
      throw model::UsageError(
          "--max-live-pairs caps the pairs on one account; --jobs gives each job a target of its "
          "own (use --clients)");
    }
    config.max_live_pairs = args.number_or("--max-live-pairs", 0, 1, 1000000);
    const std::vector<std::size_t> need = session::pairs_per_job(config);
    const auto most = std::max_element(need.begin(), need.end());
    if (most != need.end() && *most > config.max_live_pairs) {
      const std::string who =
          config.leases.empty()
              ? std::string("the fixture's disks")
              : "client " + std::to_string(most - need.begin() + 1) + "'s lease of disks";
      throw model::UsageError("--max-live-pairs " + std::to_string(config.max_live_pairs) + ": " +
                              who + " can form " + std::to_string(*most) +
                              " pairs at once; give at least " + std::to_string(*most));
    }
    config.header.max_live_pairs = config.max_live_pairs;
  }
  // Nothing is generated against a URL that does not speak the API or holds leftovers.
  preflight(setup, args.has("--clean-start"), config.run.first_poll_s, config.run.read_gap_s);
  // A recording written into the report directory is this run's, opened above: kept.
  std::vector<std::string> keep;
  if (auto record = args.get("--record")) {
    std::error_code ec;
    const auto parent =
        std::filesystem::weakly_canonical(std::filesystem::absolute(*record, ec).parent_path(), ec);
    if (parent == std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec)) {
      keep.push_back(std::filesystem::path(*record).filename().string());
    }
  }
  prepare_report_dir(dir, {}, keep);
  config.write_replay = [dir, header = config.header](const properties::Finding& f,
                                                      std::size_t number) {
    return write_failure_file(dir, header, f, number);
  };

  harness::RunLog log(dir + "/run.jsonl");
  reports::LiveScorecard scorecard;  // built from the events as the log writes them
  session::RunLogWriter writer(log, &scorecard, *log_level);
  ProgressLine progress(search_options.sequences, args.has("--quiet"));
  session::EventBus bus;
  bus.add(writer);
  bus.add(progress);
  session::Session session(std::move(config), bus);
  const session::Result result = session.search(search_options);
  progress.finish();

  reports::Scorecard card = scorecard.finish();
  if (baseline) reports::apply_baseline(card, *baseline, baseline_now(args));
  reports::write_all(card, dir);  // scorecard.json, junit.xml, report.html, summary.md
  std::string reproduce = "paircheck run --seed " + std::to_string(seed) + " --sequences " +
                          std::to_string(search_options.sequences) + " --max-steps " +
                          std::to_string(search_options.max_steps);
  if (setup.target_name != "embedded") reproduce += " --target " + setup.target_name;
  if (jobs > 1) reproduce += " --jobs " + std::to_string(jobs);
  if (clients > 1) reproduce += " --clients " + std::to_string(clients);
  if (args.has("--max-live-pairs")) {
    reproduce += " --max-live-pairs " + *args.get("--max-live-pairs");
  }
  if (!races.empty()) reproduce += " --races " + races;
  if (args.has("--steer")) reproduce += " --steer " + *args.get("--steer");
  if (!nemesis.empty()) reproduce += " --nemesis " + nemesis;
  for (const auto& fault : args.all("--emulator-fault")) reproduce += " --emulator-fault " + fault;
  std::cout << colour_verdicts(summary_text(card, reproduce), colour_on(STDOUT_FILENO))
            << "run log: " << log.path() << "\n";
  if (real_clock && result.finished.asleep_ms && result.finished.wall_ms.value_or(0) > 0) {
    std::printf("asleep: %.1f of %.1f s (%.1f %%), every client at once\n",
                static_cast<double>(*result.finished.asleep_ms) / 1000,
                static_cast<double>(*result.finished.wall_ms) / 1000,
                100.0 * static_cast<double>(*result.finished.asleep_ms) /
                    static_cast<double>(*result.finished.wall_ms));
    std::fflush(stdout);
  }
  for (std::size_t i = 0; i < setup.targets.size() && !nemesis.empty(); ++i) {
    const auto* n = dynamic_cast<const harness::Nemesis*>(setup.targets[i].get());
    if (n != nullptr) std::cout << "client " << i + 1 << " " << n->summary() << "\n";
  }
  if (result.finished.interrupted) {
    std::cout << "reports (incomplete): " << dir << "/\n";
    if (!is_bundled(setup.target_name)) {
      std::cout << "to delete what the run created: paircheck cleanup " << log.path() << "\n";
    }
  }
  if (!result.finished.target_error.empty()) {
    std::cerr << "paircheck: target error: " << result.finished.target_error << "\n";
  }
  // Waived findings do not count (reports/baseline.hpp); the scorecard's code says so.
  return baseline ? card.exit_code.value_or(result.finished.exit_code) : result.finished.exit_code;
}

}  // namespace paircheck::cli
