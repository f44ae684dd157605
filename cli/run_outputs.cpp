#include "cli/run_outputs.hpp"

#include "cli/colour.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/sequence.hpp"
#include "harness/universe.hpp"
#include "models/cells.hpp"
#include "models/json_io.hpp"
#include "models/reachability.hpp"
#include "models/rules.hpp"
#include "paircheck/version.hpp"
#include "reports/baseline.hpp"
#include "reports/finding_view.hpp"
#include "reports/reports.hpp"
#include "reports/text.hpp"
#include "session/session.hpp"

namespace paircheck::cli {
namespace fs = std::filesystem;

namespace {

// "failure-<N>.json", a replay file of an earlier run.
bool is_failure_file(const std::string& name) {
  constexpr std::string_view kPrefix = "failure-", kSuffix = ".json";
  if (name.size() <= kPrefix.size() + kSuffix.size() || !name.starts_with(kPrefix) ||
      !name.ends_with(kSuffix)) {
    return false;
  }
  const std::string digits =
      name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void prepare_report_dir(const std::string& dir, const std::vector<std::string>& extra,
                        const std::vector<std::string>& keep) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw model::UsageError("--report-dir: cannot create '" + dir + "': " + ec.message());
  std::vector<std::string> ours = {"run.jsonl"};
  for (auto f : {reports::Format::kJson, reports::Format::kJunit, reports::Format::kHtml,
                 reports::Format::kMarkdown}) {
    ours.emplace_back(reports::file_name(f));
  }
  ours.insert(ours.end(), extra.begin(), extra.end());
  std::vector<fs::path> remove;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (std::find(keep.begin(), keep.end(), name) != keep.end()) continue;
    if (std::find(ours.begin(), ours.end(), name) != ours.end() || is_failure_file(name)) {
      remove.push_back(entry.path());
      continue;
    }
    throw model::UsageError("--report-dir: '" + dir + "' holds '" + name +
                            "', which paircheck did not write; use an empty or new directory");
  }
  if (ec) throw model::UsageError("--report-dir: cannot read '" + dir + "': " + ec.message());
  for (const fs::path& p : remove) fs::remove_all(p, ec);
}

events::RunStarted run_header(const Args& args, const Setup& setup, std::string mode,
                              std::uint64_t seed) {
  events::RunStarted h;
  h.version = std::string(kVersion);
  h.commit = std::string(kCommit);
  h.mode = std::move(mode);
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  h.started_at = stamp;
  h.seed = seed;
  const std::string& name = setup.target_name;
  h.target.kind = is_bundled(name) ? name : "url";
  h.target.url = h.target.kind == "url" ? name : "";
  h.target.faults = args.all("--emulator-fault");
  h.fixtures_origin = setup.fixtures_origin;
  h.profile = setup.profile;
  h.profile_origin = setup.profile_origin;
  h.jobs = setup.targets.size();
  const model::Universe universe = harness::universe_from(setup.fixtures);
  for (const model::RuleInfo& r : model::all_rules()) {
    const model::Reach reach = model::reachability(r.rule, setup.profile, universe, {});
    if (reach != model::Reach::kReachable) h.unreachable[std::string(r.id)] = model::reason(reach);
  }
  set_reachable_cells(h, setup, false);
  return h;
}

void set_reachable_cells(events::RunStarted& header, const Setup& setup, bool races) {
  model::RunAbilities run;
  run.unknown_outcomes = header.nemesis.find("drop-response") != std::string::npos ||
                         header.nemesis.find("reset") != std::string::npos;
  run.concurrent_clients = header.clients > 1 || races;
  const std::set<std::string> cells =
      model::reachable_cells(setup.profile, harness::universe_from(setup.fixtures), run);
  header.reachable_cells.assign(cells.begin(), cells.end());
}

std::string write_failure_file(const std::string& dir, const events::RunStarted& header,
                               const properties::Finding& finding, std::size_t number) {
  nlohmann::json j = harness::to_json(finding.minimal);
  j["paircheck"] = {{"version", header.version}, {"commit", header.commit}};
  j["target"] = header.target;
  j["fixtures"] = header.fixtures_origin;
  j["profile"] = header.profile;
  j["profile_origin"] = header.profile_origin;
  j["seed"] = header.seed;
  if (!header.nemesis.empty()) j["nemesis"] = header.nemesis;
  j["sequence_number"] = finding.sequence_number;
  j["key"] = finding.key;
  j["shrink"] = events::to_string(session::shrink_state(finding));
  if (finding.result.failure) j["verdict"] = *finding.result.failure;
  std::string path = dir + "/failure-" + std::to_string(number) + ".json";
  std::ofstream out(path);
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return path;
}

ProgressLine::ProgressLine(std::size_t total, bool quiet)
    : total_(total),
      tty_(!quiet && isatty(STDERR_FILENO) != 0),
      colour_(colour_on(STDERR_FILENO)) {}

void ProgressLine::handle(const events::Event& event) {
  if (!tty_) return;
  if (std::holds_alternative<events::SequenceStarted>(event)) ++sequences_;
  if (const auto* step = std::get_if<events::StepJudged>(&event)) {
    ++requests_;
    const auto& key = step->record.verdict.key;
    if (key &&
        std::find(failing_keys_.begin(), failing_keys_.end(), key->str()) == failing_keys_.end()) {
      failing_keys_.push_back(key->str());
    }
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr std::size_t kWidth = 28;
  const std::size_t done = std::min(sequences_, total_);
  const std::size_t filled = total_ == 0 ? kWidth : kWidth * done / total_;
  const double secs = std::max(std::chrono::duration<double>(now - start_).count(), 1e-9);
  // The ETA assumes the sequences still to come take as long as those done; shrinking a finding
  // comes on top (--shrink-time bounds it).
  char eta[32] = "";
  if (done > 0 && done < total_) {
    std::snprintf(eta, sizeof eta, ", ETA %.0f s",
                  secs * static_cast<double>(total_ - done) / static_cast<double>(done));
  }
  const bool red = colour_ && !failing_keys_.empty();
  std::fprintf(stderr,
               "\r[%s%s] %zu/%zu sequences  %zu requests  %.0f req/s  %s%zu failing%s  %.0f s%s ",
               std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(), done,
               total_, requests_, static_cast<double>(requests_) / secs, red ? "\033[1;31m" : "",
               failing_keys_.size(), red ? "\033[0m" : "", secs, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
}

std::string summary_text(const reports::Scorecard& card, const std::string& reproduce) {
  std::ostringstream out;
  char rate[96];
  const double secs = card.seconds.value_or(0);
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f req/s", secs,
                secs > 0 ? static_cast<double>(card.requests) / secs : 0.0);
  out << "paircheck " << card.mode << " against " << card.target << ": " << card.sequences
      << " sequences, " << card.requests << " requests (" << rate;
  if (card.shrink_requests > 0) out << "; " << card.shrink_requests << " while shrinking";
  out << ")\n";
  out << "profile: " << card.profile_origin << " (" << card.profile_api << " "
      << card.profile_api_version << ", profile version " << card.profile_version << ")\n";
  std::size_t reached = 0, unreachable = 0;
  std::string not_reached;
  for (const reports::RuleResult& r : card.rules) {
    if (r.exercised > 0) {
      ++reached;
    } else if (!r.unreachable.empty()) {
      ++unreachable;
    } else {
      not_reached += " " + r.id;
    }
  }
  const std::size_t missed = card.rules.size() - reached - unreachable;
  char stands[160];
  std::snprintf(stands, sizeof stands,
                "%zu of %zu rules; %zu unreachable with this profile, %zu not reached", reached,
                card.rules.size(), unreachable, missed);
  const std::size_t findings = card.failures.size() + card.failures_dropped;
  if (!card.target_error.empty()) out << "TARGET ERROR: " << card.target_error << "\n";
  if (card.interrupted) out << "INTERRUPTED: the reports hold what was judged before Ctrl-C\n";
  if (findings == 0 && card.target_error.empty()) {
    out << (card.interrupted ? "no finding" : "CONFORMANT") << " on " << stands
        << (card.waived.empty()
                ? ""
                : " (" + std::to_string(card.waived.size()) + " finding(s) waived by the baseline)")
        << "\n";
  } else if (findings > 0) {
    out << "NOT CONFORMANT: " << findings << " finding" << (findings == 1 ? "" : "s") << " on "
        << card.rules_failed() << " rule" << (card.rules_failed() == 1 ? "" : "s") << "; judged "
        << stands << "\n";
  }
  out << reports::baseline_text(card);  // --baseline: waived, expired and stale waivers
  if (card.unknown_races > 0) {
    out << "undecided: " << card.unknown_races
        << " race step(s); the linearizability search spent its node budget"
        << (card.strict ? " (--strict: not conformant)" : "") << "\n";
  }
  if (!not_reached.empty()) {
    out << "not reached:" << not_reached
        << (card.require_all_rules ? " (--require-all-rules: not conformant)" : "") << "\n";
  }
  for (const reports::RuleResult& r : card.rules) {
    if (r.exercised == 0 && !r.unreachable.empty()) {
      out << "  unreachable " << r.id << ": " << r.unreachable << "\n";
    }
  }
  out << reports::reach_summary(card);
  // Each finding step by step (reports/finding_view.hpp), as `paircheck replay` numbers it.
  for (std::size_t i = 0; i < card.failures.size(); ++i) {
    const reports::Failure& f = card.failures[i];
    const reports::TextOptions options;
    const reports::FindingView view = reports::finding_view(f, options.max_pairs);
    out << "\n" << (i + 1) << ". " << view.headline << "\n";
    for (const std::string& line : reports::finding_lines(view, i == 0, options)) {
      out << "   " << line << "\n";
    }
    out << "   key " << f.key << "\n";
    if (!f.replay_file.empty()) out << "   replay: paircheck replay " << f.replay_file << "\n";
  }
  if (!card.left_behind.empty()) {
    out << "cleanup left behind " << card.left_behind.size() << " resource(s):\n";
    for (const auto& l : card.left_behind) out << "  " << l << "\n";
  }
  if (!reproduce.empty()) out << "reproduce: " << reproduce << "\n";
  return out.str();
}

}  // namespace paircheck::cli
