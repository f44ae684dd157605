#include "reports/html.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "models/cells.hpp"
#include "models/rules.hpp"
#include "reports/finding_view.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

// The page reads top-down in the order a reader needs it: the verdict and what was tested, the
// findings, the rules, then coverage. Colour never carries meaning alone: every verdict and cell
// also says it in words. Printed, closed findings print open (a separate rule: a browser without
// ::details-content drops only that rule).
constexpr const char* kCss = R"css(
body{font:14px/1.4 "DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:26px;margin:4px 0}h2{font-size:19px;margin:30px 0 8px;border-bottom:2px solid #dde}
h3{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ccd;padding:3px 6px;vertical-align:top}
th{background:#eef0f6;text-align:left}code,pre{font:12px/1.35 "DejaVu Sans Mono",monospace}
pre{background:#f5f6fa;border:1px solid #dde;padding:8px;white-space:pre-wrap;word-break:break-all}
.product{margin:0;font-size:15px;color:#465066}
.verdict{display:inline-block;padding:4px 16px;border-radius:8px;color:#fff}
.vd-pass{background:#2e7d32}.vd-fail{background:#c62828}.vd-warn{background:#b26a00}
.headline{font-size:16px;margin:6px 0}
#run-facts{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:2px 18px;margin:10px 0;
padding:8px 12px;background:#f5f6fa;border:1px solid #dde}
#run-facts div{display:flex;gap:8px;min-width:0}#run-facts dt{font-weight:bold;white-space:nowrap}
#run-facts dd{margin:0;overflow-wrap:anywhere}
nav{margin:8px 0}nav a{margin-right:14px}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:bold}
.b-pass{background:#2e7d32}.b-fail{background:#c62828}.b-untested{background:#8a8f99}.b-warn{background:#b26a00}
.v-pass{color:#2e7d32;font-weight:bold}.v-fail{color:#c62828;font-weight:bold}.v-untested{color:#6b707a}
.kind{font-weight:bold;padding:0 4px;border-radius:3px}.k-D{background:#dbe9ff}.k-A{background:#ffe9c7}
.note{background:#fff4e0;border:1px solid #e0a84c;padding:8px;margin:8px 0}
details.finding{border:1px solid #e57373;border-left:6px solid #c62828;margin:10px 0;padding:0 12px}
details.finding>summary{cursor:pointer;padding:8px 0;font-weight:bold}
details.finding .replay-line code{background:#f5f6fa;border:1px solid #dde;padding:2px 6px}
.legend dt{font-weight:bold;float:left;clear:left;width:130px}.legend dd{margin:0 0 4px 140px}
#coverage-grid{table-layout:fixed;width:100%}#coverage-grid th.st{width:108px;font-size:12px}
#coverage-grid td.cell{text-align:center;font-size:12px;padding:2px 3px;height:40px}
#coverage-grid td.cell small{display:block;font-size:10px;line-height:1.25;color:#223;overflow-wrap:anywhere}
#coverage-grid td.cell a{color:inherit;font-weight:bold}
#coverage-grid th.op{font-size:11px;text-align:center;overflow-wrap:anywhere}
.c-none{background:#f1f2f4;color:#9aa}.c-ok{background:#a5d6a7}.c-err{background:#ffe082}
.c-mix{background:#80cbc4}.c-unknown{background:#ce93d8}.c-fail{background:#ef5350;color:#fff}
.c-fail small{color:#fff!important}
p.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccd}
#rule-tiles a.tile{display:inline-block;width:50px;margin:2px;padding:4px 0;text-align:center;color:#fff;
text-decoration:none;font-weight:bold;border-radius:4px}#rule-tiles small{font-weight:normal;margin-left:3px}
.t-pass{background:#2e7d32}.t-fail{background:#c62828}.t-untested{background:#a3a8b1}
.failure{border:1px solid #e57373;border-left:6px solid #c62828;padding:8px 12px;margin:14px 0}
details.finding>.failure{border:0;padding:0;margin:0 0 10px}
tr.bad td{background:#ffebee}
@media print{body{margin:0;font-size:11px}nav{display:none}details.finding{break-inside:avoid-page}
.verdict,.badge,.tile{border:1px solid #000}}
@media print{details::details-content{content-visibility:visible;display:block}}
)css";

std::string e(std::string_view s) { return html_escape(s); }

std::string number(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string kind_badge(const std::string& id, char kind) {
  return "<span class=\"kind k-" + std::string(1, kind == 'A' ? 'A' : 'D') + "\">" + e(id) + " " +
         std::string(1, kind == 'A' ? 'A' : 'D') + "</span>";
}

std::string rule_list(const nlohmann::json& ids) {
  std::string out;
  if (!ids.is_array()) return out;
  for (const auto& id : ids) {
    if (!id.is_string()) continue;
    const std::string s = id.get<std::string>();
    const model::RuleInfo* info = model::find_rule(s.substr(0, s.find('.')));
    out += kind_badge(s, info ? info->kind : 'D') + " ";
  }
  return out;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The rule counts of the terminal's summary line (cli/run_outputs.cpp): judged = exercised at
// least once; unreachable = this run cannot exercise it (its profile, its target); the rest were
// reachable but not reached.
struct RuleCounts {
  std::size_t judged = 0, unreachable = 0, not_reached = 0;
};

RuleCounts rule_counts(const Scorecard& card) {
  RuleCounts c;
  for (const RuleResult& r : card.rules) {
    if (r.exercised > 0) {
      ++c.judged;
    } else if (!r.unreachable.empty()) {
      ++c.unreachable;
    } else {
      ++c.not_reached;
    }
  }
  return c;
}

// "pass", "fail", "not reached" or "unreachable": the words of the legend.
std::string rule_state(const RuleResult& r) {
  if (r.verdict() != RuleVerdict::kUntested) return to_string(r.verdict());
  return r.unreachable.empty() ? "not reached" : "unreachable";
}

// A profile knob as text ("" when the run log does not carry it).
std::string knob(const Scorecard& card, const char* key) {
  const nlohmann::json v = card.profile_knobs.value(key, nlohmann::json());
  return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : dump(v);
}

// The `Version` parameter the profile sends (models/profile.hpp api_version).
std::string api_version(const Scorecard& card) {
  const std::string v = knob(card, "api_version");
  return v.empty() ? "version unknown" : v;
}

// A code with a line-break opportunity at each word of its CamelCase and after each dot, so a
// narrow grid cell wraps "OperationDenied.InvalidStatus" between words, never inside one.
std::string breakable(const std::string& code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (i > 0 && c >= 'A' && c <= 'Z' && code[i - 1] >= 'a' && code[i - 1] <= 'z') out += "<wbr>";
    out += e(std::string_view(&code[i], 1));
    if (c == '.' || c == '|') out += "<wbr>";
  }
  return out;
}

struct Verdict {
  const char* text;
  const char* mark;  // a sign besides the colour
  const char* cls;
};

// As the terminal says it: a run without its summary line is incomplete; one stopped by Ctrl-C
// without a finding judged too little to call conformant.
Verdict verdict_of(const Scorecard& card) {
  if (!card.complete) return {"INCOMPLETE RUN", "&#9888;", "vd-warn"};
  if (card.conformant()) return {"CONFORMANT", "&#10003;", "vd-pass"};
  if (card.interrupted && card.failures.empty() && card.failures_dropped == 0) {
    return {"INTERRUPTED", "&#9888;", "vd-warn"};
  }
  return {"NOT CONFORMANT", "&#10007;", "vd-fail"};
}

// The first thing on the page: what was tested, by which paircheck, when, and the verdict, with
// the counts of the terminal's summary line.
void header(std::string& h, const Scorecard& card) {
  const std::size_t findings = card.failures.size() + card.failures_dropped;
  const Verdict v = verdict_of(card);
  const std::string verdict = std::string(v.mark) + " " + v.text;
  const std::string cls = v.cls;
  const RuleCounts rc = rule_counts(card);
  h += "<header id=\"report-header\">\n<p class=\"product\">paircheck conformance report &mdash; "
       "Alibaba Cloud ECS disk replica pairs (API " +
       e(api_version(card)) + ")</p>\n<h1><span id=\"verdict\" class=\"verdict " + cls + "\">" +
       verdict + "</span></h1>\n";
  std::string line = findings == 0 ? std::string("no finding")
                                   : plural(findings, "finding", "findings") + " on " +
                                         plural(card.rules_failed(), "rule", "rules");
  line += "; judged " + std::to_string(rc.judged) + " of " +
          std::to_string(card.rules.size() - rc.unreachable) + " reachable rules (" +
          std::to_string(rc.unreachable) + " unreachable with this profile, " +
          std::to_string(rc.not_reached) + " not reached); " +
          plural(card.sequences, "sequence", "sequences") + ", " +
          plural(card.requests, "request", "requests");
  h += "<p class=\"headline\" id=\"headline\">" + line + "</p>\n";
  if (!card.complete) h += "<div class=\"note\">" + e(card.incomplete_note) + "</div>\n";
  if (!card.steps_note.empty()) h += "<div class=\"note\">" + e(card.steps_note) + "</div>\n";
  if (!card.waived.empty()) {
    h += "<div class=\"note\">" + plural(card.waived.size(), "finding", "findings") +
         " waived by the baseline until their dates: see <a href=\"#waived\">Baseline</a>.</div>\n";
  }
  if (card.interrupted) {
    h += "<div class=\"note\">Interrupted (Ctrl-C): this report holds what was judged before "
         "the run stopped.</div>\n";
  }
  if (!card.target_error.empty()) {
    h += "<div class=\"note\">target error: " + e(card.target_error) + "</div>\n";
  }
  h += "<dl id=\"run-facts\">\n";
  auto fact = [&](const std::string& k, const std::string& v) {
    h += "<div><dt>" + k + "</dt><dd>" + v + "</dd></div>\n";
  };
  fact("date (UTC)", card.started_at.empty() ? "unknown" : e(card.started_at));
  fact("paircheck", e(card.version.empty() ? "unknown" : card.version) +
                        (card.commit.empty() ? "" : " (commit " + e(card.commit) + ")"));
  std::string target = e(card.target);
  if (!card.target_faults.empty()) {
    target += " with fault";
    for (const std::string& f : card.target_faults) target += " <code>" + e(f) + "</code>";
  }
  fact("target", target);
  fact("API version", e(api_version(card)) + ", signature " + e(knob(card, "signature")));
  std::string changed;
  for (const std::string& id : card.overrides_changed) changed += " " + e(id);
  fact("profile", e(card.profile_origin) + " (" + e(card.profile_api) + " " +
                      e(card.profile_api_version) + ", profile version " + e(card.profile_version) +
                      ")" +
                      (changed.empty() ? "" : "; overrides differ from the contract:" + changed));
  fact("fixtures", e(card.fixtures));
  fact("seed", std::to_string(card.seed));
  fact("sequences", std::to_string(card.sequences) + " of " +
                        std::to_string(card.sequences_planned) + " planned, max " +
                        std::to_string(card.max_steps) + " steps");
  fact(
      "requests",
      std::to_string(card.requests) +
          (card.seconds ? " in " + number(*card.seconds, 1) + " s" : "") +
          (card.requests_per_second() ? " (" + number(*card.requests_per_second(), 0) + " req/s)"
                                      : "") +
          (card.shrink_requests ? ", " + std::to_string(card.shrink_requests) + " shrinking" : ""));
  fact("findings", std::to_string(findings));
  fact("unknown outcomes (M2)", std::to_string(card.unknown_outcomes));
  fact("races undecided",
       std::to_string(card.unknown_races) + (card.strict ? " (--strict: not conformant)" : ""));
  h += "</dl>\n";
  std::string knobs;
  for (const auto& [k, v] : card.profile_knobs.items()) knobs += e(k) + "=" + e(dump(v)) + " ";
  h += "<details id=\"profile-knobs\"><summary>profile knobs</summary><code>" + knobs +
       "</code></details>\n";
  h += "<nav aria-label=\"sections\"><a href=\"#findings\">Findings</a><a href=\"#rules\">Rules</a>"
       "<a href=\"#coverage\">Coverage</a><a href=\"#codes-section\">Error codes</a>"
       "<a href=\"#coverage-map\">Coverage map</a></nav>\n</header>\n";
}

// One coloured tile per rule, linking to its row of the rules table.
void rule_tiles(std::string& h, const Scorecard& card) {
  h += "<div id=\"rule-tiles\">";
  for (const RuleResult& r : card.rules) {
    const std::string v = to_string(r.verdict());
    h += "<a class=\"tile t-" + v + "\" href=\"#rule-" + e(r.id) + "\" title=\"" + e(r.id) + " (" +
         std::string(1, r.kind) + ") " + rule_state(r) + ": " + e(r.title) + "\">" + e(r.id) +
         "<small>" + std::string(1, r.kind) + "</small></a>";
  }
  h += "</div>\n";
}

void rules_legend(std::string& h) {
  h += "<dl class=\"legend\" id=\"rules-legend\">\n"
       "<dt><span class=\"kind k-D\">D</span> documented</dt><dd>the vendor's documentation "
       "states the behaviour (docs/sources.md cites it).</dd>\n"
       "<dt><span class=\"kind k-A\">A</span> assumed</dt><dd>the documentation is silent or "
       "contradicts itself, so the contract picks one behaviour; a profile file can override it "
       "(<code>overrides</code>, docs/contract.md).</dd>\n"
       "<dt class=\"v-pass\">pass</dt><dd>judged: exercised at least once, never violated.</dd>\n"
       "<dt class=\"v-fail\">fail</dt><dd>judged and violated: see its findings.</dd>\n"
       "<dt class=\"v-untested\">not reached</dt><dd>this run could have exercised it but did "
       "not (more sequences or another seed may).</dd>\n"
       "<dt class=\"v-untested\">unreachable</dt><dd>this run cannot exercise it with its profile "
       "or target (the reason is given).</dd>\n</dl>\n";
}

void rules_table(std::string& h, const Scorecard& card) {
  h += "<table id=\"rules-table\">\n<tr><th>rule</th><th>D/A</th><th>verdict</th>"
       "<th>exercised</th><th>failed</th><th>statement</th><th>first finding</th></tr>\n";
  for (const RuleResult& r : card.rules) {
    const std::string v = to_string(r.verdict());
    h += "<tr id=\"rule-" + e(r.id) + "\"><td><b>" + e(r.id) +
         "</b></td><td><span class=\"kind k-" + std::string(1, r.kind == 'A' ? 'A' : 'D') + "\">" +
         std::string(1, r.kind) + "</span></td><td class=\"v-" + v + "\">" + rule_state(r) +
         (r.exercised == 0 && !r.unreachable.empty() ? "<br><small>" + e(r.unreachable) + "</small>"
                                                     : "") +
         "</td><td>" + std::to_string(r.exercised) + "</td><td>" + std::to_string(r.failed) +
         "</td><td><b>" + e(r.title) + "</b>. " + e(r.text) + "</td><td>";
    if (r.first_failure) {
      h += "<a href=\"#finding-" + std::to_string(*r.first_failure + 1) + "\">finding " +
           std::to_string(*r.first_failure + 1) + "</a>";
    }
    h += "</td></tr>\n";
  }
  h += "</table>\n";
}

// The finding a failing cell links to: the first one whose key failed in the cell.
std::optional<std::size_t> finding_of(const Scorecard& card, const Cell& cell) {
  for (std::size_t i = 0; i < card.failures.size(); ++i) {
    if (cell.failure_keys.contains(card.failures[i].key)) return i;
  }
  return std::nullopt;
}

// Outcomes written in a grid cell; more make the 20 x 13 grid too tall to take in (the tooltip
// and the error-code table below list them all).
constexpr std::size_t kOutcomesShown = 2;

void coverage_grid(std::string& h, const Scorecard& card) {
  h += "<p class=\"legend\"><span class=\"c-ok\">only 200</span><span class=\"c-err\">only errors"
       "</span><span class=\"c-mix\">200 and errors</span><span class=\"c-unknown\">unknown outcome"
       "</span><span class=\"c-fail\">a failure</span><span class=\"c-none\">not exercised</span>"
       "</p>\n<p>Rows: the statuses the pair could have had before the request. Each cell: the "
       "requests sent, then its two most frequent outcomes (all of them in its tooltip). A "
       "cell with a failure links to its finding; the tooltip of every other cell names the "
       "generated sequence that first visited it (the <code>sequence</code> field of the run "
       "log's <code>step</code> lines).</p>\n";
  h += "<table id=\"coverage-grid\">\n<tr><th class=\"st\">status \\ operation</th>";
  for (const std::string& op : operation_columns()) {
    h += "<th class=\"op\" title=\"" + e(op) + "\">" + breakable(short_operation(op)) + "</th>";
  }
  h += "</tr>\n";
  for (const std::string& status : status_rows()) {
    h += "<tr><th class=\"st\">" + e(status) + "</th>";
    for (const std::string& op : operation_columns()) {
      auto it = card.coverage.cells().find({status, op});
      std::string cls = "c-none", title = e(status) + " / " + e(op) + ": not exercised", text;
      if (it != card.coverage.cells().end()) {
        const Cell& c = it->second;
        bool ok = false, err = false, unknown = false;
        title = e(status) + " / " + e(op) + ":";
        std::vector<std::pair<std::uint64_t, std::string>> by_count;
        for (const auto& [outcome, n] : c.outcomes) {
          (outcome == "200" ? ok : outcome == kUnknownOutcome ? unknown : err) = true;
          title += " " + e(outcome) + "&times;" + std::to_string(n);
          by_count.emplace_back(n, outcome);
        }
        std::stable_sort(by_count.begin(), by_count.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        std::string small;
        for (std::size_t i = 0; i < by_count.size() && i < kOutcomesShown; ++i) {
          small += breakable(by_count[i].second) + "&times;" + std::to_string(by_count[i].first) +
                   "<br>";
        }
        if (by_count.size() > kOutcomesShown) {
          small += "+" + std::to_string(by_count.size() - kOutcomesShown) + " more";
        }
        cls = c.failed    ? "c-fail"
              : unknown   ? "c-unknown"
              : ok && err ? "c-mix"
              : ok        ? "c-ok"
                          : "c-err";
        std::string count = std::to_string(c.total);
        if (c.failed) {
          const std::optional<std::size_t> finding = finding_of(card, c);
          title += finding ? "; failed: finding " + std::to_string(*finding + 1)
                           : "; failed: its finding is not in this report";
          count = (finding ? "<a href=\"#finding-" + std::to_string(*finding + 1) + "\">" + count +
                                 " &#10007;</a>"
                           : count + " &#10007;");
        }
        title += c.first_sequence
                     ? "; first visited in sequence " + std::to_string(*c.first_sequence)
                     : "; the run log does not say which sequence visited it first";
        text = count + "<small>" + small + "</small>";
      }
      h += "<td class=\"cell " + cls + "\" data-status=\"" + e(status) + "\" data-op=\"" + e(op) +
           "\" title=\"" + title + "\">" + text + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</table>\n";
}

void codes_table(std::string& h, const Scorecard& card) {
  h += "<h2>Error codes per operation: seen against allowed</h2>\n<table id=\"codes\">\n"
       "<tr><th>operation</th><th>requests</th><th>outcomes seen</th><th>allowed, never seen</th>"
       "<th>seen, outside the contract</th></tr>\n";
  for (const std::string& op : operation_columns()) {
    auto it = card.coverage.operations().find(op);
    const std::set<std::string> allowed = card.coverage.contract_codes(op);
    std::string seen, never, outside;
    std::uint64_t requests = 0;
    if (it != card.coverage.operations().end()) {
      for (const auto& [code, n] : it->second.seen) {
        requests += n;
        seen += "<code>" + e(code) + "</code>&times;" + std::to_string(n) + " ";
        if (code != "200" && code != kUnknownOutcome && !allowed.contains(code)) {
          outside += "<code>" + e(code) + "</code> ";
        }
      }
    }
    for (const std::string& code : allowed) {
      if (it == card.coverage.operations().end() || !it->second.seen.contains(code)) {
        never += "<code>" + e(code) + "</code> ";
      }
    }
    h += "<tr" + std::string(outside.empty() ? "" : " class=\"bad\"") + "><td>" + e(op) +
         "</td><td>" + std::to_string(requests) + "</td><td>" + seen + "</td><td>" + never +
         "</td><td>" + outside + "</td></tr>\n";
  }
  h += "</table>\n";
}

// Sometimes-goals (issue 13): what must happen at least once, next to the untested rules.
void goals_table(std::string& h, const Scorecard& card) {
  const CellMap& cells = card.cells;
  std::size_t reached = 0, reachable = 0;
  std::string rows;
  for (const model::Goal& g : model::goals()) {
    const std::string why = cells.goal_unreachable(g.id);
    const std::uint64_t n = cells.goal_count(g.id);
    std::string v = "missed", cls = "v-fail";
    if (!why.empty()) {
      v = "unreachable";
      cls = "v-untested";
    } else {
      ++reachable;
      if (n > 0) {
        ++reached;
        v = "reached";
        cls = "v-pass";
      }
    }
    rows += "<tr id=\"" + e(g.id) + "\"><td><code>" + e(g.id) + "</code></td><td class=\"" + cls +
            "\">" + v + "</td><td>" + std::to_string(n) + "</td><td>" + e(g.text) +
            (why.empty() ? "" : "<br><small>" + e(why) + "</small>") + "</td></tr>\n";
  }
  h += "<h3>Sometimes-goals: " + std::to_string(reached) + " of " + std::to_string(reachable) +
       " reached</h3>\n<table id=\"goals\">\n<tr><th>goal</th><th>verdict</th><th>steps</th>"
       "<th>what must happen at least once</th></tr>\n" +
       rows + "</table>\n";
}

// The fine coverage map (models/cells.hpp): counts per projection and the unvisited cells.
void cells_section(std::string& h, const Scorecard& card) {
  const CellMap& cells = card.cells;
  const bool known = cells.reachable_known();
  h += "<h2>Coverage map: " + std::to_string(cells.visited_reachable()) +
       (known ? " of " + std::to_string(cells.reachable().size()) + " reachable cells visited"
              : " cells visited") +
       "</h2>\n";
  if (!known) {
    h += "<p class=\"note\">This run log does not list the cells its run could reach.</p>\n";
  }
  h += "<table id=\"cells\">\n<tr><th>projection</th><th>visited</th><th>reachable</th></tr>\n";
  const auto by = cells.by_projection();
  for (const char* projection :
       {"status", "token", "form", "effect"}) {  // docs/scorecard.md's order
    const ProjectionCount& n = by.at(projection);
    h += "<tr><td>" + e(projection) + "</td><td>" + std::to_string(n.visited) + "</td><td>" +
         (known ? std::to_string(n.reachable) : "?") + "</td></tr>\n";
  }
  h += "</table>\n";
  const std::vector<std::string> unvisited = cells.unvisited();
  if (!unvisited.empty()) {
    h += "<details id=\"unvisited-cells\"><summary>" + std::to_string(unvisited.size()) +
         " reachable cells never visited</summary>\n<ul>\n";
    for (const std::string& c : unvisited) h += "<li><code>" + e(c) + "</code></li>\n";
    h += "</ul>\n</details>\n";
  }
  const std::vector<std::string> outside = cells.outside();
  if (!outside.empty()) {
    h += "<details id=\"outside-cells\"><summary>" + std::to_string(outside.size()) +
         " visited cells the model does not list as reachable (a pair in several possible "
         "statuses, or an answer outside the contract)</summary>\n<ul>\n";
    for (std::size_t i = 0; i < outside.size() && i < kMaxCellsListed; ++i) {
      h += "<li><code>" + e(outside[i]) + "</code></li>\n";
    }
    h += "</ul>\n</details>\n";
  }
}

// One judged request's answer: status with its reason phrase, code, message, the fields that
// matter, and the body when it was malformed (finding_view.hpp).
std::string response_html(const ResponseView& r) {
  if (!r.answered) return "<code>no response (unknown outcome, M2)</code>";
  std::string out = "<code>" + e(r.status);
  if (!r.code.empty()) out += " " + e(r.code);
  out += "</code>";
  if (!r.message.empty()) out += "<br>" + e(clip(r.message, 1000));
  for (const std::string& field : r.fields) out += "<br><code>" + e(field) + "</code>";
  if (r.pairs_listed > 0) {
    out += "<br>ReplicaPairs (" + std::to_string(r.pairs_listed) + "):";
    for (const std::string& p : r.pairs) out += "<br><code>" + e(p) + "</code>";
    if (r.pairs_listed > r.pairs.size()) {
      out += "<br>(+" + std::to_string(r.pairs_listed - r.pairs.size()) + " more)";
    }
  }
  if (!r.shape_error.empty()) out += "<br><b>malformed:</b> " + e(r.shape_error);
  if (!r.body.empty()) {
    out += "<pre class=\"body\">" + e(r.body) + "</pre>";
  }
  return out;
}

// A finding step by step, numbered as the terminal and `paircheck replay` number it.
void failure_section(std::string& h, const Failure& f, std::size_t n) {
  const FindingView view = finding_view(f, 50);
  h += "<section class=\"failure\" id=\"failure-" + std::to_string(n) + "\">\n<h3>Failure " +
       std::to_string(n) + ": " + rule_list(nlohmann::json(f.rule_ids)) + "</h3>\n";
  // The message heads the finding's <details>, clipped there to 300 characters: in full here only
  // when that cut it.
  if (f.message.size() > 300) h += "<p>" + e(clip(f.message, 4000)) + "</p>\n";
  h += "<p class=\"rules\"><b>Rules:</b> ";
  for (std::size_t i = 0; i < view.rules.size(); ++i) {
    h += (i ? "; " : "") + e(view.rules[i]);
  }
  if (n == 1) h += "<br><small>" + e(kKindLegend) + "</small>";
  h += "</p>\n";
  if (f.shrink != "shrunk") {
    h += "<div class=\"note shrink\">" + e(view.sequence_heading) +
         (f.shrunk ? "" : " Sequence " + std::to_string(f.sequence) + " of the run.") + "</div>\n";
  } else {
    h += "<p class=\"shrink\"><b>" + e(view.sequence_heading) + "</b></p>\n";
  }
  h += "<table class=\"steps\">\n<tr><th>#</th><th>request</th><th>actual response</th>"
       "<th>allowed responses</th><th>rule IDs</th></tr>\n";
  for (const StepView& step : view.steps) {
    if (!step.ran) {
      h += "<tr><td>" + std::to_string(step.number) + "-" +
           std::to_string(view.steps.back().number) +
           "</td><td colspan=\"4\">not run: the sequence stopped at step " +
           std::to_string(step.number - 1) + "</td></tr>\n";
      break;
    }
    const bool call = step.kind == "call" || step.kind.empty();
    if (!call || step.records.empty()) {
      h += "<tr class=\"step\"><td>" + std::to_string(step.number) +
           "</td><td colspan=\"4\"><code>" + e(step.text) + "</code></td></tr>\n";
    }
    bool refused = false;
    for (const RecordView& r : step.records) {
      refused = refused || !r.conformant;
      std::string allowed;
      for (const std::string& a : r.allowed) {
        allowed += "<code>" + e(clip(allowed_text(a), 300)) + "</code><br>";
      }
      h += "<tr" + std::string(r.conformant ? "" : " class=\"bad\"") + "><td>" + e(r.label) +
           "</td><td><code>" + e(r.request) + "</code></td><td>" + response_html(r.response) +
           "</td><td>" + allowed + "</td><td>" + rule_list(nlohmann::json(r.rules)) +
           "</td></tr>\n";
    }
    if (step.failing && !refused) {  // M3: every poll was allowed; the status never ended
      std::string allowed;
      for (const std::string& a : view.allowed) allowed += "<code>" + e(a) + "</code><br>";
      h += "<tr class=\"bad\"><td>" + std::to_string(step.number) + "</td><td colspan=\"2\">" +
           e(view.headline) + "</td><td>" + allowed + "</td><td>" +
           rule_list(nlohmann::json(f.rule_ids)) + "</td></tr>\n";
    }
  }
  // No curl here: with its signature redacted it could not run, and `paircheck replay` (the
  // first line of the finding, findings() below) re-signs with the user's credentials.
  h += "</table>\n";
  h += "</section>\n";
}

// Findings come right after the header: each in a <details> whose summary is its message and
// whose first line is the command that replays it (re-signed with the user's credentials). All
// are open when there are few; with more, only the first, so the list stays scannable.
constexpr std::size_t kFindingsOpen = 3;

void findings(std::string& h, const Scorecard& card) {
  const std::size_t total = card.failures.size() + card.failures_dropped;
  h += "<section id=\"findings\">\n<h2>Findings: " + std::to_string(total) + "</h2>\n";
  if (card.failures.empty()) {
    h += "<p id=\"no-failures\">No findings: the model explained every judged response.</p>\n";
  }
  for (std::size_t i = 0; i < card.failures.size(); ++i) {
    const Failure& f = card.failures[i];
    const std::size_t n = i + 1;
    const bool open = i == 0 || card.failures.size() <= kFindingsOpen;
    h += "<details class=\"finding\" id=\"finding-" + std::to_string(n) + "\"" +
         (open ? " open" : "") + ">\n<summary>" + std::to_string(n) + ". " +
         e(clip(f.message, 300)) + " <small>(" + e(f.shrink) + ")</small></summary>\n";
    if (!f.replay_file.empty()) {
      h += "<p class=\"replay-line\">Replay it against the target, signed afresh: <code>" +
           e(replay_command(f.replay_file)) + "</code></p>\n";
    } else {
      h += "<p class=\"replay-line\">No replay file: the run stopped before this finding was "
           "written; its steps are below.</p>\n";
    }
    failure_section(h, f, n);
    h += "</details>\n";
  }
  if (card.failures_dropped) {
    h += "<p>" + std::to_string(card.failures_dropped) + " more findings are not shown.</p>\n";
  }
  h += "</section>\n";
}

}  // namespace

std::string html_report(const Scorecard& card) {
  const std::string verdict = verdict_of(card).text;
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n<title>" +
      verdict + ": paircheck report, Alibaba Cloud ECS disk replica pairs, " + e(card.target) +
      (card.started_at.empty() ? "" : ", " + e(card.started_at)) + "</title>\n<style>" + kCss +
      "</style>\n</head>\n<body>\n";
  header(h, card);
  h += "<main>\n";
  findings(h, card);
  h += baseline_section_html(card);

  const RuleCounts rc = rule_counts(card);
  h += "<section id=\"rules\">\n<h2>Rules: " + std::to_string(card.rules.size()) + " &mdash; " +
       std::to_string(card.rules_failed()) + " failed, " +
       std::to_string(rc.judged - card.rules_failed()) + " passed, " +
       std::to_string(rc.not_reached) + " not reached, " + std::to_string(rc.unreachable) +
       " unreachable</h2>\n";
  rules_legend(h);
  rule_tiles(h, card);
  rules_table(h, card);
  goals_table(h, card);
  h += "</section>\n<section id=\"coverage\">\n<h2>Contract coverage: status &times; operation "
       "&times; outcome</h2>\n";
  coverage_grid(h, card);
  h += "</section>\n<section id=\"codes-section\">\n";
  codes_table(h, card);
  h += "</section>\n<section id=\"coverage-map\">\n";
  cells_section(h, card);
  h += "</section>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace paircheck::reports
