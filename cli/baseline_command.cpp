// paircheck baseline: writes a baseline (docs/publishing.md) that waives every finding of a
// scorecard, each with one reason, owner and expiry date; exit 0 written, 2 bad input.
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "models/profile.hpp"
#include "reports/baseline.hpp"
#include "reports/text.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck baseline --from SCORECARD.json --expires DATE --reason TEXT [--owner NAME]\n"
    "                          --out FILE [--now DATE]\n"
    "Writes a baseline that waives every finding of the scorecard (its failures, and the findings\n"
    "an earlier baseline waived) until DATE (YYYY-MM-DD, UTC, inclusive). Give it to run or fuzz\n"
    "with --baseline FILE. Review the file before committing it: one waiver per finding key.\n"
    "  --from FILE         a scorecard.json written by paircheck run, fuzz or report\n"
    "  --expires DATE      the last day the findings are waived; not before --now\n"
    "  --reason TEXT       why they are waived (required; e.g. the issue that fixes them)\n"
    "  --owner NAME        who owns the fix\n"
    "  --out FILE          where to write the baseline\n"
    "  --now DATE          today, for the expiry check (default: the clock, UTC)\n";

std::vector<FlagSpec> flags() {
  return {{"--from", true}, {"--expires", true}, {"--reason", true}, {"--owner", true},
          {"--out", true},  {"--now", true},     {"--help", false}};
}

std::string required(const Args& args, const char* flag) {
  auto v = args.get(flag);
  if (!v || v->empty()) throw model::UsageError(std::string(flag) + ": required (see --help)");
  return *v;
}

}  // namespace

int baseline_command(const std::vector<std::string>& argv) {
  Args args(argv, flags(), 0);
  if (args.has("--help")) {
    std::cout << kHelp;
    return 0;
  }
  const std::string from = required(args, "--from");
  const std::string expires = required(args, "--expires");
  const std::string reason = required(args, "--reason");
  const std::string out = required(args, "--out");
  const std::string now = reports::now_or_today(args.get_or("--now", ""));
  if (!reports::is_date(expires)) {
    throw model::UsageError("--expires: expected a date YYYY-MM-DD, got '" + expires + "'");
  }
  if (expires < now) {
    throw model::UsageError("--expires " + expires + ": already past (today is " + now + ")");
  }
  std::ifstream in(from, std::ios::binary);
  if (!in) throw model::UsageError("--from: cannot read '" + from + "'");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json card = nlohmann::json::parse(text.str(), nullptr, false);
  if (card.is_discarded()) throw model::UsageError("--from " + from + ": not valid JSON");
  const reports::Baseline baseline =
      reports::baseline_from_scorecard(card, reason, args.get_or("--owner", ""), expires);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file << reports::dump(reports::to_json(baseline), 2) << "\n";
  file.close();
  if (!file) throw model::UsageError("--out: cannot write '" + out + "'");
  std::cout << "wrote " << out << ": " << baseline.waivers.size() << " waiver(s) until " << expires
            << (baseline.waivers.empty() ? " (the scorecard has no finding)" : "") << "\n";
  for (const reports::Waiver& w : baseline.waivers) std::cout << "  " << w.key << "\n";
  return 0;
}

}  // namespace paircheck::cli
