// paircheck replay FILE: one sequence (a failure file of `paircheck run`, or any sequence file),
// step by step against a target, with each response and the responses the model allowed.
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>
#include "cli/commands.hpp"
#include "cli/target_setup.hpp"
#include "harness/run_sequence.hpp"
#include "harness/universe.hpp"

#include "models/json_io.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck replay FILE [flags]\n"
    "Runs the sequence in FILE (a failure-N.json of `paircheck run`) against the target and "
    "prints\n"
    "every step: the request, the response, the verdict and the responses the model allowed.\n";

harness::Sequence load_sequence(const std::string& path, std::uint64_t& seed) {
  std::ifstream in(path);
  if (!in) throw model::UsageError("replay: cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded()) throw model::UsageError("replay: " + path + ": not valid JSON");
  harness::Sequence sequence;
  if (auto error = harness::from_json(j, sequence); !error.empty()) {
    throw model::UsageError("replay: " + path + ": " + error);
  }
  if (j.contains("seed") && j["seed"].is_number_unsigned()) seed = j["seed"].get<std::uint64_t>();
  return sequence;
}

}  // namespace

int replay_command(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = target_flags();
  specs.push_back({"--help", false});
  Args args(argv, specs, 1);
  if (args.has("--help") || args.positional().empty()) {
    std::cout << kHelp << target_flags_help();
    return args.has("--help") ? 0 : 2;
  }
  std::uint64_t seed = 1;
  const harness::Sequence sequence = load_sequence(args.positional()[0], seed);
  Setup setup = make_setup(args, seed);
  if (setup.target().can_reset()) {
    if (auto error = setup.target().reset(); !error.empty()) {
      throw model::UsageError("target reset failed: " + error);
    }
  }
  model::BeliefSet beliefs(harness::universe_from(setup.fixtures), setup.profile);
  harness::RunOptions options;
  options.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  // Fresh tokens and nonces per invocation: a target that cannot be reset remembers the nonces of
  // an earlier replay of the same file (G8) and would reject them.
  options.unique_prefix =
      "replay" + std::to_string(seed) + "x" + std::to_string(std::random_device{}() % 1000000);
  std::size_t n = 0;
  auto result = harness::run_sequence(
      setup.target(), beliefs, sequence, options, [&](const model::StepRecord& r) {
        harness::Step shown{harness::Step::Kind::kCall, r.request, 0, 0};
        std::cout << ++n << ". " << harness::show(shown) << "\n   -> ";
        if (r.observed) {
          std::cout << r.observed->http_status << " "
                    << (r.observed->code.empty() ? "OK" : r.observed->code);
          if (!r.observed->replica_pair_id.empty()) std::cout << " " << r.observed->replica_pair_id;
          for (const auto& p : r.observed->pairs)
            std::cout << " [" << p.replica_pair_id << " " << p.status << "]";
        } else {
          std::cout << "no response (unknown outcome, M2)";
        }
        std::cout << "\n   " << (r.verdict.conformant ? "conformant" : "NOT CONFORMANT");
        for (model::RuleId id : r.verdict.rule_ids) std::cout << " " << model::to_string(id);
        std::cout << "\n   allowed:";
        for (const auto& a : r.verdict.allowed) std::cout << " {" << a << "}";
        std::cout << "\n";
      });
  switch (result.status) {
    case harness::SequenceResult::Status::kConformant:
      std::cout << "CONFORMANT: every response was one the model allowed\n";
      return 0;
    case harness::SequenceResult::Status::kNonConformant:
      std::cout << "NOT CONFORMANT: " << result.failure->message << "\n";
      return 1;
    case harness::SequenceResult::Status::kTargetError:
      std::cerr << "paircheck: target error: " << result.target_error << "\n";
      return 2;
  }
  return 2;
}

}  // namespace paircheck::cli
