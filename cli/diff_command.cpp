// paircheck diff FILE.har --target URL: the recorded requests sent again to a new target,
// re-signed, pair IDs mapped, time gaps kept; each answer compared with the recorded one, and the
// model as referee of every difference (docs/traces.md "Diff"). Writes diff.json and diff.md;
// exit 0 when the model allows every answer of both targets, 1 otherwise, 2 on bad input.
#include <fstream>
#include <iostream>
#include <random>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/run_outputs.hpp"
#include "cli/target_setup.hpp"
#include "harness/universe.hpp"
#include "models/json_io.hpp"
#include "traces/diff.hpp"
#include "traces/har_reader.hpp"

namespace paircheck::cli {
namespace {

constexpr const char* kHelp =
    "usage: paircheck diff FILE.har --target URL [--fixtures F] [--profile P] [--report-dir DIR]\n"
    "                      [--control-token T] [--insecure] [--ca-file F] [--timeout-ms N] "
    "[--quiet]\n"
    "Sends the requests of a recording again to a new target, re-signed for the identity each\n"
    "names (the fixtures hold the secrets), pair IDs mapped from the recording's Creates to the\n"
    "new target's, the recorded time gaps kept (a virtual clock is advanced with\n"
    "--control-token, a real one waited for), and compares the answers modulo IDs, RequestIds\n"
    "and times. The model referees each difference: allowed both (informational), new target\n"
    "wrong, or recorded target wrong. A pair stops being replayed at its first divergence.\n"
    "  --target T          the new target: http(s)://host:port, or embedded / inprocess\n"
    "  --fixtures FILE     the account's identities (secrets), disks, instances (default: "
    "built-in)\n"
    "  --profile FILE      profile (docs/profiles.md); default: the contract\n"
    "  --control-token T   the target's control token: its clock is moved, resets are sent\n"
    "  --report-dir DIR    where diff.json and diff.md go (default paircheck-diff)\n"
    "  --insecure, --ca-file FILE, --timeout-ms N: as for run\n"
    "  --quiet             the summary only\n"
    "exit 0 the model allows every answer of both targets, 1 it does not, 2 bad input (a bad\n"
    "recording, flag, fixture or profile; an unreachable target).\n";

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw model::UsageError("--report-dir: cannot write " + path);
}

std::string side_line(const traces::SideVerdict& v) {
  switch (v.kind) {
    case traces::SideVerdict::Kind::kAllowed:
      return "allowed";
    case traces::SideVerdict::Kind::kRejected:
      return "rejected by " + v.rule;
    case traces::SideVerdict::Kind::kNotJudged:
      break;
  }
  return "not judged";
}

}  // namespace

int diff_command(const std::vector<std::string>& argv) {
  std::vector<FlagSpec> flags = target_flags();
  flags.push_back({"--report-dir", true});
  flags.push_back({"--quiet", false});
  flags.push_back({"--help", false});
  Args args(argv, flags, 1);
  if (args.has("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (args.positional().size() != 1) {
    throw model::UsageError("diff: needs exactly one recording (paircheck diff --help)");
  }
  if (!args.has("--target")) {
    throw model::UsageError("diff: --target is required (the target to send the recording to)");
  }
  const std::string path = args.positional()[0];
  // The recording first: a bad file is reported before any connection is made.
  model::Profile profile = model::default_profile();
  if (auto p = args.get("--profile")) profile = model::load_profile(*p);
  const traces::Trace trace = traces::read_har(path, profile);
  if (!trace.repaired.empty()) std::cerr << "paircheck: " << path << ": " << trace.repaired << "\n";
  const bool any = std::any_of(trace.calls.begin(), trace.calls.end(),
                               [](const auto& c) { return !c.reset && c.not_judged.empty(); });
  if (!any) throw model::UsageError(path + ": holds no request of the contract to send");

  std::random_device random;
  const std::uint64_t seed = (static_cast<std::uint64_t>(random()) << 32) | random();
  Setup setup = make_setup(args, seed);
  harness::Target& target = setup.target();

  traces::DiffOptions options;
  options.check.universe = harness::universe_from(setup.fixtures);
  options.check.profile = setup.profile;
  for (const auto& identity : setup.fixtures.identities) {
    options.identities.insert(identity.access_key_id);
  }
  options.fixtures_origin = setup.fixtures_origin;
  options.nonce_salt = "diff" + std::to_string(seed % 1000000007);
  traces::check_replayable(trace, target, options);

  const std::string dir = args.get_or("--report-dir", "paircheck-diff");
  prepare_report_dir(dir, {"diff.json", "diff.md"});
  const traces::DiffResult result = traces::diff_trace(trace, target, options);
  write_text(dir + "/diff.json",
             traces::diff_json(result, path, target.describe())
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                 "\n");
  write_text(dir + "/diff.md", traces::diff_markdown(result, path, target.describe()));

  if (!args.has("--quiet")) {
    for (const traces::Divergence& d : result.divergences) {
      std::cout << "entry " << d.entry << " " << d.action;
      if (!d.pair.empty()) std::cout << " " << d.pair;
      std::cout << ": " << d.verdict << " (recorded "
                << (d.recorded ? std::to_string(d.recorded->http_status) + " " + d.recorded->code
                               : "no answer")
                << ", " << side_line(d.recorded_side) << "; new "
                << (d.fresh ? std::to_string(d.fresh->http_status) + " " + d.fresh->code
                            : "no answer")
                << ", " << side_line(d.new_side) << ")\n";
    }
    for (const traces::OtherFinding& f : result.other_findings) {
      std::cout << "entry " << f.entry << " " << f.action << ": the " << f.side << " answer is "
                << side_line(f.verdict) << " (the answers did not differ)\n";
    }
  }
  std::cout << (result.exit_code == 0 ? "DIFF ALLOWED" : "DIFF REJECTED") << ": "
            << result.divergences.size() << " differing of " << result.sent << " requests sent ("
            << result.identical << " identical): " << result.informational << " informational, "
            << result.new_wrong << " new target wrong, " << result.recorded_wrong
            << " recorded target wrong, " << result.both_wrong << " both wrong, "
            << result.not_judged << " not judged\n";
  std::cout << "recording: " << path << ", " << result.entries << " entries, " << result.resets
            << " resets; target: " << target.describe() << "\n";
  std::size_t not_sent_stopped = 0;
  for (const auto& s : result.stopped) not_sent_stopped += s.not_sent;
  std::cout << "pairs stopped: " << result.stopped.size() << " (" << not_sent_stopped
            << " later requests not sent)\n";
  for (const auto& [why, count] : result.not_sent) {
    std::cout << "not sent: " << count << " (" << why << ")\n";
  }
  std::cout << "model findings: recorded " << result.recorded_check.findings << ", new "
            << result.new_check.findings << "\n";
  std::cout << "report: " << dir << "/diff.json, " << dir << "/diff.md\n";
  return result.exit_code;
}

}  // namespace paircheck::cli
