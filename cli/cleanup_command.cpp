// paircheck cleanup RUN_LOG: finish what a run that was killed half-way left behind: every pair
// its run log lists as created is deleted and every disk it attached is detached, on the target
// the log records (or --target).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>
#include "cli/commands.hpp"
#include "cli/target_setup.hpp"
#include "events/run_events.hpp"
#include "harness/cleanup.hpp"
#include "models/profile.hpp"
#include "reports/run_log_reader.hpp"

namespace paircheck::cli {
namespace {

// The run's target and what it created, from the run log's typed events.
class LoggedResources : public events::Handler {
 public:
  std::optional<events::TargetInfo> target;
  std::vector<harness::CreatedPair> pairs;
  std::vector<harness::Attachment> attachments;

  void handle(const events::Event& e) override {
    if (const auto* run = std::get_if<events::RunStarted>(&e)) {
      if (!target) target = run->target;
    } else if (const auto* r = std::get_if<events::ResourceCreated>(&e)) {
      if (r->kind == "pair" && pair_ids_.insert(r->id).second) {
        pairs.push_back({r->id, r->region, r->standby_region});
      } else if (r->kind == "attachment" && attached_.insert({r->instance, r->disk}).second) {
        attachments.push_back({r->instance, r->disk});
      }
    }
  }

 private:
  std::set<std::string> pair_ids_;  // a resource logged twice is cleaned up once
  std::set<std::pair<std::string, std::string>> attached_;
};

// Whether the first line names a target at all (TargetInfo defaults to "embedded" when it does
// not): a hand-written log may leave it out.
bool records_target(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  const auto j = nlohmann::json::parse(line, nullptr, false);
  return j.is_object() && j.contains("target") && !j.at("target").is_null();
}

std::size_t count_urls(const std::string& list) {
  return static_cast<std::size_t>(std::count(list.begin(), list.end(), ',')) + 1;
}

void print(const char* label, const std::vector<std::string>& lines) {
  for (const auto& line : lines) std::cout << label << line << "\n";
}

}  // namespace

int cleanup_command(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = target_flags();
  specs.push_back({"--help", false});
  Args args(argv, specs, 1);
  if (args.has("--help") || args.positional().empty()) {
    std::cout << "usage: paircheck cleanup RUN_LOG [flags]\n"
                 "Deletes every pair and detaches every disk that RUN_LOG (run.jsonl) records as\n"
                 "created or attached, on the target the log records; --target overrides it. Give\n"
                 "the same --fixtures (credentials), --profile and --control-token as the run.\n"
                 "Prints N released, N already gone, N left behind; exit 0 when nothing is left\n"
                 "behind, 1 otherwise, 2 on bad input (a file that is not a run log).\n"
              << target_flags_help();
    return args.has("--help") ? 0 : 2;
  }
  const std::string path = args.positional()[0];
  LoggedResources logged;
  const reports::RunLogEnd end = reports::read_run_log(path, logged);

  std::vector<std::string> target_argv = argv;
  if (!args.has("--target")) {
    if (!logged.target || !records_target(path)) {
      throw model::UsageError("cleanup: " + path +
                              " does not record the run's target; pass --target URL");
    }
    if (logged.target->kind != "url") {
      throw model::UsageError(
          "cleanup: the run in " + path + " used the bundled emulator (--target " +
          logged.target->kind +
          "), which ended with the run: nothing is left to clean (pass --target URL if its "
          "resources live elsewhere)");
    }
    target_argv.push_back("--target");
    target_argv.push_back(logged.target->url);
  }
  const Args target_args(target_argv, specs, 1);
  const std::string target_name = target_args.get_or("--target", "embedded");
  const bool emulated = is_bundled(target_name);
  const std::size_t targets = emulated ? 1 : count_urls(target_name);
  // A fresh seed: the target may remember signature nonces (G8) from an earlier cleanup.
  Setup setup = make_setup(target_args, std::random_device{}(), targets);
  std::cout << "cleanup: " << logged.pairs.size() << " pair(s), " << logged.attachments.size()
            << " attachment(s) from " << path << " on " << setup.target_name << "\n";

  harness::CleanupOptions options;
  options.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  harness::CleanupResult result;
  if (targets == 1) {
    result = harness::clean_up(setup.target(), logged.pairs, logged.attachments, options);
  } else {
    // A run with --jobs and one URL per job: the log does not say which job created what, so
    // each resource is looked for on every target; it is already gone only if it is on none.
    auto each = [&](const std::vector<harness::CreatedPair>& pairs,
                    const std::vector<harness::Attachment>& attachments) {
      std::vector<std::string> gone;
      bool found = false;
      for (harness::Target* target : setup.job_targets()) {
        auto r = harness::clean_up(*target, pairs, attachments, options);
        for (auto& line : r.released) result.released.push_back(target->describe() + ": " + line);
        for (auto& line : r.failed) result.failed.push_back(target->describe() + ": " + line);
        found = found || !r.released.empty() || !r.failed.empty();
        if (gone.empty()) gone = r.already_gone;
      }
      if (!found) result.already_gone.insert(result.already_gone.end(), gone.begin(), gone.end());
    };
    for (const auto& a : logged.attachments) each({}, {a});
    for (const auto& p : logged.pairs) each({p}, {});
  }
  print("released: ", result.released);
  print("already gone: ", result.already_gone);
  print("LEFT BEHIND: ", result.failed);
  std::cout << result.released.size() << " released, " << result.already_gone.size()
            << " already gone, " << result.failed.size() << " left behind";
  if (end.torn_last_line) std::cout << " (a torn last log line skipped: the run was cut off)";
  std::cout << "\n";
  return result.ok() ? 0 : 1;
}

}  // namespace paircheck::cli
