#include "reports/markdown.hpp"

#include <cstdio>

#include "reports/finding_view.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

constexpr std::size_t kMaxFailedRows = 12;
constexpr std::size_t kMaxSequences = 3;
constexpr std::size_t kMaxLines = 60;  // per failure

std::string m(std::string_view s) { return markdown_escape(s); }

std::string waiver_cells(const Waiver& w) {
  return m(w.expires) + " | " + (w.owner.empty() ? std::string("-") : m(w.owner)) + " | " +
         m(clip(w.reason, 200));
}

// --baseline: the waived findings, the expired waivers (their findings fail above) and the stale
// ones, each with its key, date, owner and reason.
std::string waived_markdown(const Scorecard& card) {
  if (card.baseline_path.empty()) return "";
  std::string s = "### Baseline: " + std::to_string(card.waived.size()) + " waived, " +
                  std::to_string(card.expired_waivers.size()) + " expired, " +
                  std::to_string(card.stale_waivers.size()) + " stale\n\n" + "Baseline `" +
                  m(card.baseline_path) + "` on " + m(card.baseline_now) +
                  "; a waived finding does not count for the exit code until its date.\n\n";
  if (card.waived.empty() && card.expired_waivers.empty() && card.stale_waivers.empty()) return s;
  s += "| | finding key | until | owner | reason |\n|---|---|---|---|---|\n";
  for (const Waived& w : card.waived) {
    s += "| waived | `" + m(w.failure.key) + "` | " + waiver_cells(w.waiver) + " |\n";
  }
  for (const Waiver& w : card.expired_waivers) {
    s += "| **expired** | `" + m(w.key) + "` | " + waiver_cells(w) + " |\n";
  }
  for (const Waiver& w : card.stale_waivers) {
    s += "| stale | `" + m(w.key) + "` | " + waiver_cells(w) + " |\n";
  }
  return s + "\n";
}

}  // namespace

std::string markdown_summary(const Scorecard& card) {
  const std::string verdict = !card.complete      ? "INCOMPLETE RUN"
                              : card.conformant() ? "conformant"
                                                  : "NOT CONFORMANT";
  std::string s =
      "## paircheck: " + verdict + " (" + m(card.target) + ", seed " + std::to_string(card.seed) +
      (card.waived.empty() ? "" : ", " + std::to_string(card.waived.size()) + " waived") + ")\n\n";
  if (!card.complete) s += "> **" + m(card.incomplete_note) + "**\n\n";
  if (!card.steps_note.empty()) s += "> **" + m(card.steps_note) + "**\n\n";
  if (!card.target_error.empty()) s += "> **target error:** " + m(card.target_error) + "\n\n";
  const std::uint64_t failed = card.rules_failed(), untested = card.rules_untested();
  const std::uint64_t findings = card.failures.size() + card.failures_dropped;
  s += std::to_string(findings) + (findings == 1 ? " finding. " : " findings. ") +
       std::to_string(card.rules.size()) +
       " rules: " + std::to_string(card.rules.size() - failed - untested) + " pass, " +
       std::to_string(failed) + " fail, " + std::to_string(untested) + " untested. " +
       std::to_string(card.requests) + " requests";
  if (card.seconds) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " in %.1f s", *card.seconds);
    s += buf;
    if (auto rps = card.requests_per_second()) {
      std::snprintf(buf, sizeof buf, " (%.0f req/s)", *rps);
      s += buf;
    }
  }
  s += ". Profile: " + m(card.profile_origin) + " (" + m(card.profile_api) + " " +
       m(card.profile_api_version) + ", profile version " + m(card.profile_version) + ").\n\n";
  if (card.unknown_races > 0) {
    s += std::to_string(card.unknown_races) +
         " race step(s) undecided: the linearizability search spent its node budget" +
         (card.strict ? " (--strict: not conformant)" : "") + ".\n\n";
  }

  if (failed > 0) {
    s += "| rule | D/A | failed | first failure |\n|---|---|---|---|\n";
    std::size_t rows = 0;
    for (const RuleResult& r : card.rules) {
      if (r.verdict() != RuleVerdict::kFail) continue;
      if (++rows > kMaxFailedRows) {
        s += "| ... | | | " + std::to_string(failed - kMaxFailedRows) + " more failed rules |\n";
        break;
      }
      std::string first;
      if (r.first_failure) {
        first = "failure " + std::to_string(*r.first_failure + 1) + ": " +
                m(clip(card.failures[*r.first_failure].message, 160));
      }
      s += "| " + m(r.id) + " | " + std::string(1, r.kind) + " | " + std::to_string(r.failed) +
           " of " + std::to_string(r.exercised) + " | " + first + " |\n";
    }
    s += "\n";
  }
  if (!card.failures.empty()) s += "Rules: " + m(kKindLegend) + ".\n\n";
  for (std::size_t i = 0; i < card.failures.size() && i < kMaxSequences; ++i) {
    const Failure& f = card.failures[i];
    std::string rules;
    for (const std::string& id : f.rule_ids) rules += (rules.empty() ? "" : ", ") + m(id);
    const TextOptions options;
    const FindingView view = finding_view(f, options.max_pairs);
    s += "<details><summary>Failure " + std::to_string(i + 1) + " (" + rules +
         "): " + m(clip(view.headline, 200)) + " (" + m(f.shrink) + ")</summary>\n\n";
    // The terminal's lines in a <pre> block: shown as they are (a type-1 HTML block runs to its
    // closing tag, blank lines included), with everything from the target escaped.
    std::vector<std::string> lines = finding_lines(view, false, options);
    if (lines.size() > kMaxLines) {
      const std::size_t more = lines.size() - kMaxLines;
      lines.resize(kMaxLines);
      lines.push_back("... " + std::to_string(more) + " more lines in report.html");
    }
    s += "<pre>\n";
    for (const std::string& line : lines) s += html_escape(line) + "\n";
    s += "</pre>\n";
    if (!f.replay_file.empty()) {
      const std::string replay = replay_command(f.replay_file);
      s += "\nreplay: " +
           (replay.find('`') == std::string::npos && replay.find('\n') == std::string::npos
                ? "`" + replay + "`"
                : m(replay)) +
           "\n";
    }
    s += "\n</details>\n\n";
  }
  if (card.failures.size() + card.failures_dropped > kMaxSequences) {
    s += "More failures in report.html.\n\n";
  }
  s += waived_markdown(card);
  {  // one line: the coverage map and the goals (reach_summary's two lines, joined)
    std::string reach = reach_summary(card);
    std::string flat;
    for (char c : reach) flat += c == '\n' ? std::string(". ") : std::string(1, c);
    s += m(flat.substr(0, flat.size() - 1)) + "\n\n";
  }
  if (untested > 0) {
    s += "Untested:";
    for (const RuleResult& r : card.rules) {
      if (r.verdict() == RuleVerdict::kUntested) s += " " + m(r.id);
    }
    s += "\n";
  }
  return s;
}

}  // namespace paircheck::reports
