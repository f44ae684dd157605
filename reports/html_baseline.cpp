// The HTML report's baseline section (`--baseline`, docs/publishing.md): the waived findings with
// their waivers, the expired waivers (their findings are among the findings above) and the stale
// ones. Apart from html.cpp, which is long enough.
#include "reports/html.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

std::string e(std::string_view s) { return html_escape(s); }

std::string waiver_cells(const Waiver& w) {
  return "<td>" + e(w.expires) + "</td><td>" + (w.owner.empty() ? "&ndash;" : e(w.owner)) +
         "</td><td>" + e(w.reason) + "</td>";
}

}  // namespace

std::string baseline_section_html(const Scorecard& card) {
  if (card.baseline_path.empty()) return "";
  std::string h = "<section id=\"waived\">\n<h2>Baseline: " + std::to_string(card.waived.size()) +
                  " waived, " + std::to_string(card.expired_waivers.size()) + " expired, " +
                  std::to_string(card.stale_waivers.size()) + " stale</h2>\n<p>Baseline <code>" +
                  e(card.baseline_path) + "</code> judged on " + e(card.baseline_now) + " (" +
                  std::to_string(card.baseline_waivers) +
                  " waivers). A waived finding does not count for the verdict or the exit code "
                  "through its date; from the next day it fails like any other.</p>\n";
  if (card.waived.empty() && card.expired_waivers.empty() && card.stale_waivers.empty()) {
    return h + "</section>\n";
  }
  h += "<table id=\"waivers\">\n<tr><th>state</th><th>finding key</th><th>until</th><th>owner</th>"
       "<th>reason</th><th>finding</th></tr>\n";
  for (const Waived& w : card.waived) {
    const std::string replay = replay_command(w.failure.replay_file);
    h += "<tr class=\"waived\"><td>waived</td><td><code>" + e(w.failure.key) + "</code></td>" +
         waiver_cells(w.waiver) + "<td>" + e(clip(w.failure.message, 300)) +
         (replay.empty() ? "" : "<br><code>" + e(replay) + "</code>") + "</td></tr>\n";
  }
  for (const Waiver& w : card.expired_waivers) {
    h += "<tr class=\"expired\"><td><strong>expired</strong></td><td><code>" + e(w.key) +
         "</code></td>" + waiver_cells(w) + "<td>fails: see Findings</td></tr>\n";
  }
  for (const Waiver& w : card.stale_waivers) {
    h += "<tr class=\"stale\"><td>stale</td><td><code>" + e(w.key) + "</code></td>" +
         waiver_cells(w) + "<td>matches no finding of this run</td></tr>\n";
  }
  return h + "</table>\n</section>\n";
}

}  // namespace paircheck::reports
