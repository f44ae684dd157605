#include "cli/baseline_flags.hpp"

#include "models/profile.hpp"

namespace paircheck::cli {

std::optional<reports::Baseline> baseline_of(const Args& args) {
  if (args.has("--now") && !args.has("--baseline")) {
    throw model::UsageError("--now: only with --baseline (it dates the waivers)");
  }
  if (!args.has("--baseline")) return std::nullopt;
  baseline_now(args);  // a bad date is refused before the run
  return reports::load_baseline(*args.get("--baseline"));
}

std::string baseline_now(const Args& args) {
  return reports::now_or_today(args.get_or("--now", ""));
}

}  // namespace paircheck::cli
