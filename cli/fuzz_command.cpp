// paircheck fuzz: a coverage-guided campaign with the fuzz_sequence libFuzzer target in fork mode;
// each crash or divergence is minimized (-minimize_crash=1), decoded from genes into a replay file
// (`paircheck replay` reads it), re-judged here and written to the run log, so the reports of
// `paircheck run` apply. Exit 0 nothing found, 1 findings, 2 usage or target error.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include "cli/baseline_flags.hpp"
#include "cli/colour.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/run_outputs.hpp"
#include "cli/target_setup.hpp"
#include "harness/run_log.hpp"
#include "harness/universe.hpp"
#include "session/run_log_writer.hpp"
#include "session/session.hpp"

#include "models/json_io.hpp"
#include "properties/gene.hpp"
#include "reports/reports.hpp"

namespace paircheck::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: paircheck fuzz [flags]\n"
    "Runs the fuzz_sequence libFuzzer target (built by the fuzz preset) in fork mode, guided by\n"
    "code coverage and the model's (status x operation x code) coverage; minimizes each crash or\n"
    "divergence, turns it into a replay file (failure-N.json) and writes run.jsonl and the\n"
    "reports into the report directory. The corpus grows in DIR/corpus.\n"
    "  --target T          inprocess (default: the emulator linked into the fuzzer) or a URL\n"
    "  --time D            seconds to fuzz (default 60)\n"
    "  --jobs N            parallel fuzzing processes (-fork=N, default 1)\n"
    "  --report-dir DIR    where to write (default paircheck-fuzz)\n"
    "  --fuzzer PATH       the fuzz_sequence binary (default: next to paircheck, or ../fuzz/)\n"
    "  --seeds DIR         extra input corpus, e.g. corpus/fuzz_sequence (repeatable)\n"
    "  --dict FILE         libFuzzer dictionary, e.g. corpus/fuzz_sequence.dict\n"
    "  --quiet             no fuzzer output on the terminal (it is in DIR/fuzzer.log)\n";

std::vector<FlagSpec> flags() {
  std::vector<FlagSpec> f = target_flags();
  f.insert(f.end(), {{"--time", true},
                     {"--jobs", true},
                     {"--report-dir", true},
                     {"--fuzzer", true},
                     {"--seeds", true, true},
                     {"--dict", true},
                     {"--seed", true},
                     {"--quiet", false},
                     kBaselineFlag,
                     kNowFlag,
                     {"--help", false}});
  return f;
}

std::string find_fuzzer(const Args& args) {
  if (auto path = args.get("--fuzzer")) {
    if (!fs::is_regular_file(*path))
      throw model::UsageError("--fuzzer: no such file '" + *path + "'");
    return *path;
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  for (const fs::path& p : {self.parent_path() / "fuzz_sequence",
                            self.parent_path().parent_path() / "fuzz" / "fuzz_sequence"}) {
    if (!ec && fs::is_regular_file(p)) return p.string();
  }
  throw model::UsageError(
      "fuzz: no fuzz_sequence next to paircheck; build the fuzz preset "
      "(cmake --preset fuzz && cmake --build build/fuzz --target fuzz_sequence) or pass --fuzzer");
}

// Runs the fuzzer with `argv`, its output appended to `log` (and echoed unless quiet), through
// /bin/sh (for the tee to the terminal) in a process group of its own,
// which paircheck signals as a whole: libFuzzer's fork-mode parent and its workers (the tee, -i,
// ignores SIGINT so that the fuzzer's last words reach the log and the terminal). On
// Ctrl-C (`interrupt` raised) the group gets SIGINT, which ends libFuzzer and its workers as
// Ctrl-C at a terminal would; whatever still runs kGraceS later gets SIGKILL. A second Ctrl-C
// kills the group before paircheck exits (cli/interrupt.hpp). Returns the fuzzer's exit code
// (128 when unknown).
int run_fuzzer(const std::vector<std::string>& argv, const std::string& log, bool quiet,
               const std::atomic<bool>* interrupt) {
  constexpr auto kGraceS = std::chrono::seconds(5);
  std::string command;
  for (const std::string& a : argv) {
    command += "'";
    for (char c : a) command += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += "' ";
  }
  const std::string rc_file = log + ".rc";
  command = "(" + command + "; echo $? >'" + rc_file + "') " +
            (quiet ? ">>'" + log + "' 2>&1" : "2>&1 | tee -i -a '" + log + "' >&2");
  const pid_t child = fork();
  if (child < 0) return 128;
  if (child == 0) {
    setpgid(0, 0);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(child, child);  // also here: whichever of the two runs first, the group exists
  kill_on_abort(child);
  int status = 0;
  std::optional<std::chrono::steady_clock::time_point> signalled;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child || (done < 0 && errno != EINTR)) break;
    if (interrupt != nullptr && interrupt->load()) {
      const auto now = std::chrono::steady_clock::now();
      if (!signalled) {
        kill(-child, SIGINT);
        signalled = now;
      } else if (now - *signalled > kGraceS) {
        kill(-child, SIGKILL);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_on_abort(0);
  if (signalled) kill(-child, SIGKILL);  // a worker that outlived its parent
  std::ifstream rc(rc_file);
  int code = 128;
  if (!(rc >> code)) code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::error_code ignored;
  fs::remove(rc_file, ignored);
  return code;
}

std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The last "#N" progress line of the fuzzer log: executions and exec/s.
std::pair<std::uint64_t, std::uint64_t> fuzzer_stats(const std::string& log) {
  std::ifstream in(log);
  std::uint64_t runs = 0, rate = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.size() < 2 || line[0] != '#' || !std::isdigit(static_cast<unsigned char>(line[1])))
      continue;
    runs = std::strtoull(line.c_str() + 1, nullptr, 10);
    if (auto at = line.find("exec/s"); at != std::string::npos) {
      rate = std::strtoull(line.c_str() + line.find_first_of("0123456789", at), nullptr, 10);
    }
  }
  return {runs, rate};
}

}  // namespace

int fuzz_command(const std::vector<std::string>& argv) {
  std::vector<std::string> with_default = argv;
  if (std::find(argv.begin(), argv.end(), "--target") == argv.end()) {
    with_default.insert(with_default.end(), {"--target", "inprocess"});
  }
  Args args(with_default, flags(), 0);
  if (args.has("--help")) {
    std::cout << kHelp << kBaselineHelp << target_flags_help(/*with_target=*/false);
    return 0;
  }
  const std::optional<reports::Baseline> baseline = baseline_of(args);  // refused before fuzzing
  const std::string fuzzer = find_fuzzer(args);
  const std::uint64_t seconds = args.number_or("--time", 60, 1, 31536000);
  const std::uint64_t jobs = args.number_or("--jobs", 1, 1, 256);
  const std::uint64_t seed =
      args.number_or("--seed", std::random_device{}() % 1000000000ULL, 0, INT_MAX);
  const std::string dir = args.get_or("--report-dir", "paircheck-fuzz");
  const bool quiet = args.has("--quiet");
  prepare_report_dir(dir, {"fuzzer.log", "artifacts"}, {"corpus"});  // the corpus grows
  std::error_code ec;
  for (const char* sub : {"/corpus", "/artifacts"}) fs::create_directories(dir + sub, ec);
  if (ec) throw model::UsageError("--report-dir: cannot create '" + dir + "': " + ec.message());

  Setup setup = make_setup(args, seed);  // checks the URL; re-judges findings below
  if (setup.target_name == "inprocess") {
    std::string faults;
    for (const auto& f : args.all("--emulator-fault")) faults += (faults.empty() ? "" : ",") + f;
    ::setenv("PAIRCHECK_EMULATOR_FAULTS", faults.c_str(), 1);
    ::unsetenv("PAIRCHECK_TARGET");
  } else {
    ::setenv("PAIRCHECK_TARGET", setup.target_name.c_str(), 1);
    ::setenv("PAIRCHECK_CONTROL_TOKEN", args.get_or("--control-token", "").c_str(), 1);
  }
  const std::string log_path = dir + "/fuzzer.log";
  std::ofstream(log_path, std::ios::trunc).flush();
  std::vector<std::string> command = {fuzzer,
                                      "-fork=" + std::to_string(jobs),
                                      "-max_total_time=" + std::to_string(seconds),
                                      "-seed=" + std::to_string(seed),
                                      "-ignore_crashes=1",
                                      "-ignore_timeouts=1",
                                      "-ignore_ooms=1",
                                      "-timeout=30",
                                      "-artifact_prefix=" + dir + "/artifacts/"};
  if (auto dict = args.get("--dict")) command.push_back("-dict=" + *dict);
  command.push_back(dir + "/corpus");
  for (const auto& s : args.all("--seeds")) command.push_back(s);
  const auto start = std::chrono::steady_clock::now();
  const std::atomic<bool>& interrupted = interrupt_flag();
  const int fuzz_exit = run_fuzzer(command, log_path, quiet, &interrupted);
  // Ctrl-C: what the campaign found so far is judged as found (no minimizing), and reported as
  // incomplete; libFuzzer's own exit code for an interrupt (72) is not a target error.
  const bool cut_short = interrupted.load();
  const auto [executions, rate] = fuzzer_stats(log_path);

  // Minimize each artifact (crash-*, timeout-*, oom-*), then decode it and judge it here, through
  // the same Session as `paircheck run`: its findings, counts and reports.
  const model::Universe universe = harness::universe_from(setup.fixtures);
  const properties::SequenceDecoder decoder(universe);
  std::vector<fs::path> artifacts;
  for (const auto& e : fs::directory_iterator(dir + "/artifacts")) {
    if (e.path().filename().string().rfind("minimized-", 0) != 0) artifacts.push_back(e.path());
  }
  std::sort(artifacts.begin(), artifacts.end());
  std::vector<session::Given> given;
  for (const fs::path& artifact : artifacts) {
    const fs::path minimized =
        artifact.parent_path() / ("minimized-" + artifact.filename().string());
    if (!cut_short) {
      run_fuzzer({fuzzer, "-minimize_crash=1", "-max_total_time=10", "-runs=100000",
                  "-exact_artifact_path=" + minimized.string(), artifact.string()},
                 log_path, true, &interrupted);
    }
    const bool was_minimized = fs::exists(minimized);
    const auto bytes = read_bytes(was_minimized ? minimized : artifact);
    const auto original = read_bytes(artifact);
    session::Given g;
    g.sequence =
        decoder.decode(properties::SequenceDecoder::genes_from_bytes(bytes.data(), bytes.size()));
    g.original_steps =
        properties::SequenceDecoder::genes_from_bytes(original.data(), original.size()).size();
    g.shrink = was_minimized ? events::ShrinkState::kShrunk : events::ShrinkState::kNotShrunk;
    given.push_back(std::move(g));
  }

  session::Config config;
  config.targets = setup.job_targets();
  config.universe = universe;
  config.profile = setup.profile;
  config.run.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  config.run_id = "fz" + std::to_string(seed % 100000) + "m";
  config.header = run_header(args, setup, "fuzz", seed);
  config.header.sequences = executions;
  config.cut_short = cut_short;
  config.write_replay = [dir, header = config.header](const properties::Finding& f,
                                                      std::size_t number) {
    return write_failure_file(dir, header, f, number);
  };
  harness::RunLog log(dir + "/run.jsonl");
  reports::LiveScorecard scorecard;
  session::RunLogWriter writer(log, &scorecard);
  session::EventBus bus;
  bus.add(writer);
  session::Session session(std::move(config), bus);
  const session::Result result = session.judge(given);
  reports::Scorecard card = scorecard.finish();
  if (baseline) reports::apply_baseline(card, *baseline, baseline_now(args));
  reports::write_all(card, dir);  // scorecard.json, junit.xml, report.html, summary.md

  // An artifact that judged conformant here is a sanitizer crash or not reproducible.
  std::vector<std::string> unexplained;
  if (result.report.findings.size() < artifacts.size() && result.finished.target_error.empty()) {
    for (std::size_t i = 0; i < artifacts.size(); ++i) {
      const bool found = std::any_of(result.report.findings.begin(), result.report.findings.end(),
                                     [&](const auto& f) { return f.sequence_number == i; });
      if (!found) unexplained.push_back(artifacts[i].string());
    }
  }
  std::string target_error = result.finished.target_error;
  if (target_error.empty() && fuzz_exit != 0 && artifacts.empty() && !cut_short) {
    target_error =
        "the fuzzer exited with " + std::to_string(fuzz_exit) + " (see " + log_path + ")";
  }
  // Findings a baseline waived do not count (reports/baseline.hpp).
  const bool findings = baseline ? !card.failures.empty() || card.failures_dropped > 0
                                 : !result.report.findings.empty();
  const int exit_code = !target_error.empty()              ? 2
                        : cut_short                        ? 130
                        : !findings && unexplained.empty() ? 0
                                                           : 1;
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string reproduce =
      "paircheck fuzz --seed " + std::to_string(seed) + " --time " + std::to_string(seconds);
  if (setup.target_name != "inprocess") reproduce += " --target " + setup.target_name;
  for (const auto& fault : args.all("--emulator-fault")) reproduce += " --emulator-fault " + fault;
  std::printf("fuzz_sequence: %llu executions (%llu exec/s) in %.0f s, corpus %s/corpus\n",
              static_cast<unsigned long long>(executions), static_cast<unsigned long long>(rate),
              secs, dir.c_str());
  std::cout << colour_verdicts(summary_text(card, reproduce), colour_on(STDOUT_FILENO));
  for (const auto& a : unexplained) {
    std::cout << "artifact without a divergence here (a crash?): " << a << "\n";
  }
  std::cout << "run log: " << log.path() << "\n";
  if (cut_short) std::cout << "reports (incomplete): " << dir << "/\n";
  if (!target_error.empty()) std::cerr << "paircheck: " << target_error << "\n";
  return exit_code;
}

}  // namespace paircheck::cli
