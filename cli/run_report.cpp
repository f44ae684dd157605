#include "cli/run_report.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/json_io.hpp"
#include "models/rules.hpp"

namespace paircheck::cli {

double RunStats::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ProgressLine::ProgressLine(std::size_t total) : total_(total), tty_(isatty(STDERR_FILENO) != 0) {}

void ProgressLine::update(std::size_t done, const RunStats& stats, std::size_t failures) {
  if (!tty_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done != total_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 28;
  const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done / total_);
  const double secs = std::max(stats.seconds(), 1e-9);
  std::fprintf(stderr, "\r[%s%s] %zu/%zu sequences  %zu requests  %.0f req/s  %zu failure%s ",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), done, total_,
               stats.requests, static_cast<double>(stats.requests) / secs, failures,
               failures == 1 ? "" : "s");
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
}

std::vector<std::string> write_replay_files(const std::string& dir,
                                            const properties::SearchReport& report,
                                            std::uint64_t seed) {
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const properties::Finding& f = report.findings[i];
    nlohmann::json j = harness::to_json(f.minimal);
    j["seed"] = seed;
    j["sequence_number"] = f.sequence_number;
    j["key"] = f.key;
    if (f.result.failure) j["verdict"] = *f.result.failure;
    const std::string path = dir + "/failure-" + std::to_string(i + 1) + ".json";
    std::ofstream out(path);
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    paths.push_back(path);
  }
  return paths;
}

namespace {

std::string outcome_text(const model::StepRecord& r) {
  if (!r.observed) return "no response (unknown outcome)";
  std::string out = std::to_string(r.observed->http_status);
  out += r.observed->code.empty() ? " OK" : " " + r.observed->code;
  if (!r.observed->replica_pair_id.empty()) out += " " + r.observed->replica_pair_id;
  return out;
}

}  // namespace

std::string summary_text(const properties::SearchReport& report, const RunStats& stats,
                         const std::vector<std::string>& replay_files, const std::string& target,
                         const std::string& reproduce) {
  std::ostringstream out;
  const double secs = std::max(stats.seconds(), 1e-9);
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s, %.0f req/s", secs,
                static_cast<double>(stats.requests) / secs);
  out << "paircheck run against " << target << ": " << report.sequences_run << " sequences, "
      << stats.requests << " requests (" << rate << ")\n";
  std::size_t total = 0, seen = 0;
  std::string untested;
  for (const model::RuleInfo& rule : model::all_rules()) {
    ++total;
    auto it = stats.rules.find(rule.id);
    if (it != stats.rules.end() && it->second.exercised > 0) {
      ++seen;
    } else {
      untested += " " + std::string(rule.id);
    }
  }
  out << "rules exercised: " << seen << " of " << total;
  if (!untested.empty()) out << " (not exercised:" << untested << ")";
  out << "\n";
  if (!report.target_error.empty()) out << "TARGET ERROR: " << report.target_error << "\n";
  if (report.findings.empty()) {
    if (report.target_error.empty()) out << "CONFORMANT: no response broke the contract\n";
  } else {
    out << "NOT CONFORMANT: " << report.findings.size() << " distinct failure"
        << (report.findings.size() == 1 ? "" : "s") << "\n";
  }
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const properties::Finding& f = report.findings[i];
    out << "\n"
        << (i + 1) << ". " << (f.result.failure ? f.result.failure->message : f.key) << "\n";
    out << "   minimal sequence (" << properties::call_count(f.minimal) << " requests, shrunk from "
        << f.original_steps << " steps in " << f.shrink_runs << " runs):\n";
    for (std::size_t s = 0; s < f.minimal.size() && s <= f.result.failing_step; ++s) {
      out << "     " << (s + 1) << ". " << harness::show(f.minimal[s]);
      // The step's last record is its answer (retries and settle polls add records).
      const model::StepRecord* answer = nullptr;
      for (std::size_t r = 0; r < f.result.records.size(); ++r) {
        if (f.result.record_step[r] == s) answer = &f.result.records[r];
      }
      if (answer != nullptr && f.minimal[s].kind == harness::Step::Kind::kCall) {
        out << "  ->  " << outcome_text(*answer);
      }
      out << "\n";
    }
    if (f.result.failure && !f.result.failure->allowed.empty()) {
      out << "   allowed:";
      for (const auto& a : f.result.failure->allowed) out << " {" << a << "}";
      out << "\n";
    }
    if (i < replay_files.size()) out << "   replay: paircheck replay " << replay_files[i] << "\n";
  }
  out << "reproduce: " << reproduce << "\n";
  return out.str();
}

}  // namespace paircheck::cli
