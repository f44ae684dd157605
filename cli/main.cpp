// paircheck: one binary, subcommands. The only place that maps errors to exit codes:
// 0 conformant, 1 not conformant, 2 usage, configuration or target error.
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "cli/commands.hpp"
#include "models/profile.hpp"
#include "paircheck/version.hpp"
#include "protocol/fixtures.hpp"

namespace {

constexpr const char* kUsage =
    "usage: paircheck <command> [flags]   (paircheck <command> --help for its flags)\n"
    "  run      generate, send and judge request sequences; write the run log and replay files\n"
    "  replay   re-run one sequence file step by step, with the model's view of each response\n"
    "  cleanup  delete what a killed run left behind, from its run log\n"
    "  report   render a run log as JSON, JUnit, HTML or Markdown; --diff two scorecards\n"
    "  fuzz     coverage-guided campaign (libFuzzer fork mode); findings become replay files\n"
    "  baseline write a baseline that waives a scorecard's findings until a date (--baseline)\n"
    "  certify  run the certification plan into a signed bundle; --verify checks one\n"
    "  check    judge a recorded trace (HAR) with the model, no target (docs/traces.md)\n"
    "  diff     send a recording again to a new target; the model referees each difference\n"
    "  --version  print the version and the commit it was built from\n"
    "exit codes: 0 conformant, 1 not conformant, 2 usage, configuration or target error\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--version") {
    std::cout << paircheck::kVersionLine << "\n";
    return 0;
  }
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "run") return paircheck::cli::run_command(args);
    if (command == "replay") return paircheck::cli::replay_command(args);
    if (command == "cleanup") return paircheck::cli::cleanup_command(args);
    if (command == "report") return paircheck::cli::report_command(args);
    if (command == "fuzz") return paircheck::cli::fuzz_command(args);
    if (command == "baseline") return paircheck::cli::baseline_command(args);
    if (command == "certify") return paircheck::cli::certify_command(args);
    if (command == "check") return paircheck::cli::check_command(args);
    if (command == "diff") return paircheck::cli::diff_command(args);
    std::cerr << "paircheck: unknown command '" << command << "'\n" << kUsage;
    return 2;
  } catch (const paircheck::model::UsageError& e) {
    std::cerr << "paircheck: " << e.what() << "\n";
  } catch (const paircheck::protocol::FixtureError& e) {
    std::cerr << "paircheck: " << e.what() << "\n";
  } catch (const std::invalid_argument& e) {  // e.g. an unknown --emulator-fault
    std::cerr << "paircheck: " << e.what() << "\n";
  } catch (const std::system_error& e) {  // e.g. the embedded emulator cannot listen
    std::cerr << "paircheck: " << e.what() << "\n";
  } catch (const std::runtime_error& e) {  // e.g. the report directory is not writable
    std::cerr << "paircheck: " << e.what() << "\n";
  }
  return 2;
}
