// paircheck replay FILE: one sequence (a failure file of `paircheck run`, or any sequence file),
// step by step against a target, with each response and the responses the model allowed.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include "cli/colour.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/run_outputs.hpp"
#include "cli/target_setup.hpp"
#include "harness/run_sequence.hpp"
#include "harness/universe.hpp"
#include "reports/finding_view.hpp"
#include "session/session.hpp"

#include "models/json_io.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck replay FILE [flags]\n"
    "Runs the sequence in FILE (a failure-N.json of `paircheck run`) against the target and "
    "prints\n"
    "every step: the request, the response, the verdict and the responses the model allowed.\n"
    "  --tries N   a file with a race step or a nemesis: run it up to N times (default 40) until\n"
    "              the recorded finding appears (the threads meet, or the nemesis strikes)\n";

// Replays of a sequence with a race step or a nemesis. A race finding that needs one order of the
// racing threads' acts (check-then-act's Start(OneShot) || Start: the pair's later status) took
// 3.5 tries on average on the embedded target, 10 at most in 30 replays (docs/harness.md "Races").
constexpr std::uint64_t kRaceTries = 40;

// A failure file of `paircheck run`/`fuzz` (or any sequence file): the sequence and what the run
// recorded about its target, profile and finding.
struct ReplayFile {
  harness::Sequence sequence;
  std::uint64_t seed = 1;
  std::optional<events::TargetInfo> target;
  std::optional<std::string> fixtures;
  std::optional<model::Profile> profile;
  std::string profile_origin;
  std::optional<model::FindingKey> key;
  std::string nemesis;  // what the run's nemesis could do; replay does it again
  std::string shrink;   // shrunk | partly shrunk | not shrunk; "" when the file does not say
};

ReplayFile load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw model::UsageError("replay: cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) throw model::UsageError("replay: " + path + ": not valid JSON");
  ReplayFile f;
  if (auto error = harness::from_json(j, f.sequence); !error.empty()) {
    throw model::UsageError("replay: " + path + ": " + error);
  }
  try {
    if (j.contains("seed") && j["seed"].is_number_unsigned())
      f.seed = j["seed"].get<std::uint64_t>();
    if (j.contains("target") && !j["target"].is_null())
      f.target = j["target"].get<events::TargetInfo>();
    if (j.contains("fixtures") && j["fixtures"].is_string())
      f.fixtures = j["fixtures"].get<std::string>();
    if (j.contains("nemesis") && j["nemesis"].is_string())
      f.nemesis = j["nemesis"].get<std::string>();
    if (j.contains("shrink") && j["shrink"].is_string()) f.shrink = j["shrink"].get<std::string>();
    if (j.contains("key") && j["key"].is_string()) {
      f.key = model::FindingKey::parse(j["key"].get<std::string>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw model::UsageError("replay: " + path + ": " + e.what());
  }
  if (j.contains("profile") && j["profile"].is_object()) {
    try {
      f.profile = model::parse_profile(j["profile"].dump());
    } catch (const model::UsageError& e) {
      throw model::UsageError("replay: " + path + ": " + e.what());
    }
    f.profile_origin = j.value("profile_origin", std::string("the replay file")) +
                       " (as recorded in " + path + ")";
  }
  return f;
}

// The flags the run had, where the user gave none: its target (and emulator faults) and fixtures.
std::vector<std::string> with_recorded(std::vector<std::string> argv, const ReplayFile& f) {
  auto given = [&](const char* flag) {
    return std::any_of(argv.begin(), argv.end(), [&](const std::string& a) {
      return a == flag || a.rfind(std::string(flag) + "=", 0) == 0;
    });
  };
  if (f.target && !given("--target")) {
    argv.insert(argv.end(), {"--target", f.target->name()});
    if (f.target->kind != "url" && !given("--emulator-fault")) {
      for (const auto& fault : f.target->faults)
        argv.insert(argv.end(), {"--emulator-fault", fault});
    }
  }
  if (f.fixtures && *f.fixtures != "built-in" && !given("--fixtures")) {
    argv.insert(argv.end(), {"--fixtures", *f.fixtures});
  }
  if (!f.nemesis.empty() && !given("--nemesis")) argv.insert(argv.end(), {"--nemesis", f.nemesis});
  return argv;
}

// Prints each judged request as it comes, numbered as the run's summary numbers the same finding
// (reports/finding_view.hpp): the steps of the sequence, a step's several requests lettered.
class StepPrinter : public events::Handler {
 public:
  explicit StepPrinter(const harness::Sequence& sequence)
      : stream_(harness::to_json(sequence)["steps"], options()) {}

  void handle(const events::Event& event) override {
    const auto* step = std::get_if<events::StepJudged>(&event);
    if (step == nullptr) return;
    for (const std::string& line : stream_.add(nlohmann::json(step->record))) {
      std::cout << line << "\n";
    }
  }

  // Each try numbers its steps from 1, as the failure's minimal sequence does.
  void restart() { stream_.restart(); }

 private:
  // Every request in full, with what the model allowed for it: a replay is for reading closely.
  static reports::TextOptions options() {
    reports::TextOptions o;
    o.compact = false;
    o.every_allowed = true;
    o.max_pairs = 20;
    return o;
  }

  reports::StepStream stream_;
};

}  // namespace

int replay_command(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = target_flags();
  specs.push_back({"--help", false});
  specs.push_back({"--nemesis", true});
  specs.push_back({"--tries", true});
  if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
    std::cout << kHelp << target_flags_help();
    return 0;
  }
  Args plain(argv, specs, 1);
  if (plain.positional().empty()) {
    std::cerr << kHelp;
    return 2;
  }
  const std::string path = plain.positional()[0];
  const ReplayFile file = load(path);
  const Args args(with_recorded(argv, file), specs, 1);
  Setup setup =
      make_setup(args, file.seed, 1, file.profile ? &*file.profile : nullptr, file.profile_origin);

  // A race step (harness.md "Races") reproduces only when the threads meet, and a nemesis finding
  // when the nemesis strikes the same call again (at a higher rate than the run's): try up to
  // --tries times (default kRaceTries), each with its own tokens and nonces, until it does.
  const std::uint64_t tries = args.number_or("--tries", kRaceTries, 1, 10000);
  const std::string nemesis = args.get_or("--nemesis", "");
  if (!nemesis.empty()) wrap_in_nemesis(setup, nemesis, file.seed, 0.5);
  const bool racing = !nemesis.empty() ||
                      std::any_of(file.sequence.begin(), file.sequence.end(), [](const auto& s) {
                        return s.kind == harness::Step::Kind::kRace;
                      });
  const std::size_t run_nonce = std::random_device{}() % 1000000;
  session::EventBus bus;
  StepPrinter printer(file.sequence);
  bus.add(printer);
  if (!file.shrink.empty()) {
    std::cout << path << ": " << file.sequence.size() << " steps, " << file.shrink
              << (file.shrink == "partly shrunk"
                      ? " (the shrink budget ran out: it may hold steps that do not matter)"
                  : file.shrink == "not shrunk" ? " (as generated)"
                                                : "")
              << "\n";
  }
  session::Result result;
  for (std::uint64_t attempt = 1;; ++attempt) {
    printer.restart();
    session::Config config;
    config.targets = setup.job_targets();
    config.universe = harness::universe_from(setup.fixtures);
    config.profile = setup.profile;
    config.run.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
    // Fresh tokens and nonces per invocation: a target that cannot be reset remembers the nonces of
    // an earlier replay of the same file (G8) and would reject them.
    config.run_id = "replay" + std::to_string(file.seed) + "x" + std::to_string(run_nonce) +
                    (attempt > 1 ? "t" + std::to_string(attempt) : "");
    config.header = run_header(args, setup, "replay", file.seed);
    config.interrupt = &interrupt_flag();
    session::Session session(std::move(config), bus);
    result = session.judge({session::Given{file.sequence}});
    const bool again = std::none_of(
        result.report.findings.begin(), result.report.findings.end(),
        [&](const properties::Finding& f) { return !file.key || f.key == file.key->str(); });
    if (!racing || !again || attempt >= tries || !result.finished.target_error.empty() ||
        result.finished.interrupted) {
      break;
    }
    std::cout << (nemesis.empty() ? "(a race step" : "(a nemesis") << ": not reproduced on try "
              << attempt << " of " << tries << ", trying again)\n";
  }

  if (!result.finished.target_error.empty()) {
    std::cerr << "paircheck: target error: " << result.finished.target_error << "\n";
    return 2;
  }
  if (result.finished.interrupted) return 130;
  bool reproduced = false;
  const bool colour = colour_on(STDOUT_FILENO);
  for (const properties::Finding& f : result.report.findings) {
    const bool same = file.key && f.key == file.key->str();
    reproduced = reproduced || same;
    std::cout << colour_verdicts(same ? "REPRODUCED: " : "NOT CONFORMANT: ", colour)
              << (f.result.failure ? reports::finding_headline(f.result.failure->message,
                                                               f.result.failure->allowed)
                                   : f.key)
              << "\n";
    if (f.result.failure) {
      const char* lead = "   rules: ";
      for (model::RuleId id : f.result.failure->rule_ids) {
        std::cout << lead << reports::titled_rule(model::to_string(id)) << "\n";
        lead = "          ";
      }
      std::cout << "          (" << reports::kKindLegend << ")\n";
    }
    std::cout << "   key " << f.key
              << (same || !file.key ? "" : " (another finding than the recorded one)") << "\n";
  }
  if (!file.key) {  // a plain sequence file: any finding counts
    if (result.report.findings.empty()) {
      std::cout << colour_verdicts("CONFORMANT: every response was one the model allowed\n",
                                   colour);
      return 0;
    }
    return 1;
  }
  if (reproduced) return 1;
  std::cout << colour_verdicts("the recorded failure did NOT reproduce", colour) << " (key "
            << file.key->str() << ")\n";
  return 0;
}

}  // namespace paircheck::cli
