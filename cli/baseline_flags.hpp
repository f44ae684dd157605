// `--baseline FILE` and `--now DATE`, shared by run and fuzz (and any command that judges a run):
// the baseline is read and checked before the run, so a bad one costs no run (exit 2, one line).
#pragma once

#include <optional>
#include <string>

#include "cli/args.hpp"
#include "reports/baseline.hpp"

namespace paircheck::cli {

// The flags' entries for a command's flag table, and their help lines.
inline const FlagSpec kBaselineFlag{"--baseline", true};
inline const FlagSpec kNowFlag{"--now", true};
inline constexpr const char* kBaselineHelp =
    "  --baseline FILE     waive the known findings FILE lists until their expiry dates\n"
    "                      (docs/publishing.md); a waiver that matches nothing is reported stale\n"
    "  --now DATE          judge the waivers' expiry on DATE (YYYY-MM-DD) instead of today (UTC)\n";

// The baseline of --baseline, nullopt without it; throws model::UsageError for a bad file, a bad
// --now, or --now without --baseline.
std::optional<reports::Baseline> baseline_of(const Args& args);
// --now, else today (UTC).
std::string baseline_now(const Args& args);

}  // namespace paircheck::cli
