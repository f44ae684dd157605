// paircheck cleanup RUN_LOG: finish what a run that was killed half-way left behind: every pair
// its run log lists as created is deleted and every disk it attached is detached.
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>
#include "cli/commands.hpp"
#include "cli/target_setup.hpp"
#include "harness/cleanup.hpp"

#include "models/json_io.hpp"

namespace paircheck::cli {

int cleanup_command(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> specs = target_flags();
  specs.push_back({"--help", false});
  Args args(argv, specs, 1);
  if (args.has("--help") || args.positional().empty()) {
    std::cout << "usage: paircheck cleanup RUN_LOG [flags]\n"
                 "Deletes every pair and detaches every disk that RUN_LOG (run.jsonl) records as\n"
                 "created or attached. Use the same --target and --fixtures as the run.\n"
              << target_flags_help();
    return args.has("--help") ? 0 : 2;
  }
  const std::string path = args.positional()[0];
  std::ifstream in(path);
  if (!in) throw model::UsageError("cleanup: cannot read '" + path + "'");
  std::vector<harness::CreatedPair> pairs;
  std::vector<harness::Attachment> attachments;
  std::string line;
  std::size_t number = 0, skipped = 0;
  while (std::getline(in, line)) {
    ++number;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {  // a run killed mid-line leaves a torn last line
      ++skipped;
      continue;
    }
    if (j.value("type", "") != "resource") continue;
    const std::string kind = j.value("kind", "");
    if (kind == "pair") {
      pairs.push_back({j.value("id", ""), j.value("region", ""), j.value("standby_region", "")});
    } else if (kind == "attachment") {
      attachments.push_back({j.value("instance", ""), j.value("disk", "")});
    }
  }
  if (number == 0) throw model::UsageError("cleanup: " + path + ": empty run log");
  Setup setup = make_setup(args, 1);
  harness::CleanupOptions options;
  options.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  const harness::CleanupResult result =
      harness::clean_up(setup.target(), pairs, attachments, options);
  for (const auto& r : result.released) std::cout << "released: " << r << "\n";
  for (const auto& f : result.failed) std::cout << "LEFT BEHIND: " << f << "\n";
  std::cout << result.released.size() << " released, " << result.failed.size() << " left behind";
  if (skipped > 0) std::cout << " (" << skipped << " unreadable log lines skipped)";
  std::cout << "\n";
  return result.ok() ? 0 : 1;
}

}  // namespace paircheck::cli
