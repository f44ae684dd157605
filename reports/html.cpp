#include "reports/html.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "models/cells.hpp"
#include "models/rules.hpp"
#include "reports/finding_view.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

constexpr const char* kCss = R"css(
body{font:14px/1.4 "DejaVu Sans",Arial,sans-serif;margin:24px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #dde}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ccd;padding:3px 6px;vertical-align:top}
th{background:#eef0f6;text-align:left}code,pre{font:12px/1.35 "DejaVu Sans Mono",monospace}
pre{background:#f5f6fa;border:1px solid #dde;padding:8px;white-space:pre-wrap;word-break:break-all}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:bold}
.b-pass{background:#2e7d32}.b-fail{background:#c62828}.b-untested{background:#8a8f99}.b-warn{background:#b26a00}
.v-pass{color:#2e7d32;font-weight:bold}.v-fail{color:#c62828;font-weight:bold}.v-untested{color:#8a8f99}
.kind{font-weight:bold;padding:0 4px;border-radius:3px}.k-D{background:#dbe9ff}.k-A{background:#ffe9c7}
.note{background:#fff4e0;border:1px solid #e0a84c;padding:8px;margin:8px 0}
#coverage-grid{table-layout:fixed;width:1290px}#coverage-grid th.st{width:118px;font-size:12px}
#coverage-grid td.cell{height:46px;text-align:center;font-size:12px;padding:2px;overflow:hidden}
#coverage-grid td.cell small{display:block;font-size:9px;line-height:1.2;color:#223;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#coverage-grid th.op{font-size:11px;text-align:center;overflow:hidden}
.c-none{background:#f1f2f4;color:#9aa}.c-ok{background:#a5d6a7}.c-err{background:#ffe082}
.c-mix{background:#80cbc4}.c-unknown{background:#ce93d8}.c-fail{background:#ef5350;color:#fff}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #ccd}
#rule-tiles a.tile{display:inline-block;width:50px;margin:2px;padding:4px 0;text-align:center;color:#fff;
text-decoration:none;font-weight:bold;border-radius:4px}#rule-tiles small{font-weight:normal;margin-left:3px}
.t-pass{background:#2e7d32}.t-fail{background:#c62828}.t-untested{background:#a3a8b1}
.failure{border:1px solid #e57373;border-left:6px solid #c62828;padding:8px 12px;margin:14px 0}
tr.bad td{background:#ffebee}
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

void run_facts(std::string& h, const Scorecard& card) {
  const std::string status = !card.complete      ? "INCOMPLETE RUN"
                             : card.conformant() ? "CONFORMANT"
                                                 : "NOT CONFORMANT";
  const std::string cls = !card.complete ? "b-warn" : card.conformant() ? "b-pass" : "b-fail";
  h += "<h1>paircheck conformance report: " + e(card.target) + "</h1>\n";
  h += "<p><span id=\"verdict\" class=\"badge " + cls + "\">" + status + "</span> schema " +
       std::string(kScorecardSchema) + "</p>\n";
  if (!card.complete) h += "<div class=\"note\">" + e(card.incomplete_note) + "</div>\n";
  if (!card.target_error.empty()) {
    h += "<div class=\"note\">target error: " + e(card.target_error) + "</div>\n";
  }
  h += "<table id=\"run-facts\">\n<tr>";
  int cells = 0;
  auto row = [&](const std::string& k, const std::string& v) {  // two facts per table row
    if (cells++ % 2 == 0 && cells > 1) h += "</tr>\n<tr>";
    h += "<th>" + k + "</th><td>" + v + "</td>";
  };
  row("target", e(card.target));
  row("fixtures", e(card.fixtures));
  std::string knobs;
  for (const auto& [k, v] : card.profile_knobs.items()) knobs += e(k) + "=" + e(dump(v)) + " ";
  row("profile", e(card.profile_origin) + "<br><code>" + knobs + "</code>");
  std::string changed;
  for (const std::string& id : card.overrides_changed) changed += e(id) + " ";
  row("overrides that differ from the contract", changed.empty() ? "none" : changed);
  row("seed", std::to_string(card.seed));
  row("duration", card.seconds ? number(*card.seconds, 2) + " s" : "unknown (incomplete run)");
  row("requests",
      std::to_string(card.requests) +
          (card.requests_per_second() ? " (" + number(*card.requests_per_second(), 0) + " req/s)"
                                      : ""));
  row("sequences", std::to_string(card.sequences) + " of " +
                       std::to_string(card.sequences_planned) + " planned, max " +
                       std::to_string(card.max_steps) + " steps");
  row("unknown outcomes (M2)", std::to_string(card.unknown_outcomes));
  row("races undecided (search budget spent)",
      std::to_string(card.unknown_races) + (card.strict ? " (--strict: not conformant)" : ""));
  row("distinct failures", std::to_string(card.failures.size() + card.failures_dropped));
  h += "</tr>\n</table>\n";
}

// One coloured tile per rule, linking to its row of the rules table.
void rule_tiles(std::string& h, const Scorecard& card) {
  h += "<h2>Scorecard: " + std::to_string(card.rules.size()) + " rules, " +
       std::to_string(card.rules_failed()) + " failed, " + std::to_string(card.rules_untested()) +
       " untested</h2>\n<div id=\"rule-tiles\">";
  for (const RuleResult& r : card.rules) {
    const std::string v = to_string(r.verdict());
    h += "<a class=\"tile t-" + v + "\" href=\"#rule-" + e(r.id) + "\" title=\"" + e(r.id) + " (" +
         std::string(1, r.kind) + ") " + v + ": " + e(r.text) + "\">" + e(r.id) + "<small>" +
         std::string(1, r.kind) + "</small></a>";
  }
  h += "</div>\n";
}

void rules_table(std::string& h, const Scorecard& card) {
  h += "<h2>Rules</h2>\n<table id=\"rules\">\n<tr><th>rule</th><th>D/A</th><th>verdict</th>"
       "<th>exercised</th><th>failed</th><th>statement</th><th>first failure</th></tr>\n";
  for (const RuleResult& r : card.rules) {
    const std::string v = to_string(r.verdict());
    h += "<tr id=\"rule-" + e(r.id) + "\"><td><b>" + e(r.id) +
         "</b></td><td><span class=\"kind k-" + std::string(1, r.kind == 'A' ? 'A' : 'D') + "\">" +
         std::string(1, r.kind) + "</span></td><td class=\"v-" + v + "\">" + v + "</td><td>" +
         std::to_string(r.exercised) + "</td><td>" + std::to_string(r.failed) + "</td><td>" +
         e(r.text) + "</td><td>";
    if (r.first_failure) {
      h += "<a href=\"#failure-" + std::to_string(*r.first_failure + 1) + "\">failure " +
           std::to_string(*r.first_failure + 1) + "</a>";
    }
    h += "</td></tr>\n";
  }
  h += "</table>\n";
}

void coverage_grid(std::string& h, const Scorecard& card) {
  h += "<h2>Contract coverage: status &times; operation &times; outcome</h2>\n"
       "<p class=\"legend\"><span class=\"c-ok\">only 200</span><span class=\"c-err\">only errors"
       "</span><span class=\"c-mix\">200 and errors</span><span class=\"c-unknown\">unknown outcome"
       "</span><span class=\"c-fail\">a failure</span><span class=\"c-none\">not exercised</span>"
       " Rows: the statuses the pair could have had before the request.</p>\n";
  h += "<table id=\"coverage-grid\">\n<tr><th class=\"st\">status \\ operation</th>";
  for (const std::string& op : operation_columns()) {
    h += "<th class=\"op\" title=\"" + e(op) + "\">" + e(short_operation(op)) + "</th>";
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
        for (std::size_t i = 0; i < by_count.size() && i < 3; ++i) {
          small += e(by_count[i].second) + "&times;" + std::to_string(by_count[i].first) + "<br>";
        }
        cls = c.failed    ? "c-fail"
              : unknown   ? "c-unknown"
              : ok && err ? "c-mix"
              : ok        ? "c-ok"
                          : "c-err";
        text = std::to_string(c.total) + "<small>" + small + "</small>";
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
  h += "<h2>Sometimes-goals: " + std::to_string(reached) + " of " + std::to_string(reachable) +
       " reached</h2>\n<table id=\"goals\">\n<tr><th>goal</th><th>verdict</th><th>steps</th>"
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
  for (const auto& [projection, n] : cells.by_projection()) {
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
void failure_section(std::string& h, const Scorecard& card, const Failure& f, std::size_t n) {
  const FindingView view = finding_view(f, 50);
  h += "<section class=\"failure\" id=\"failure-" + std::to_string(n) + "\">\n<h3>Failure " +
       std::to_string(n) + ": " + rule_list(nlohmann::json(f.rule_ids)) + "</h3>\n<p>" +
       e(clip(f.message, 4000)) + "</p>\n<p class=\"rules\"><b>Rules:</b> ";
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
  std::string curl;
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
  h += "</table>\n";
  for (const auto& r : f.records.is_array() ? f.records : nlohmann::json::array()) {
    if (r.is_object() && !r.value("verdict", nlohmann::json::object()).value("conformant", true)) {
      curl = curl_command(r.value("request", nlohmann::json::object()), card.target,
                          card.profile_knobs.value("signature", std::string("v3")));
      break;
    }
  }
  if (!f.replay_file.empty()) {
    h += "<p><b>Replay</b></p><pre class=\"replay\">" + e(replay_command(f.replay_file)) +
         "</pre>\n";
  }
  if (!curl.empty()) {
    h += "<p><b>The failing request with curl</b> (signature redacted: sign it with your "
         "AccessKeySecret, or use the replay command)</p><pre class=\"curl\">" +
         e(curl) + "</pre>\n";
  }
  h += "</section>\n";
}

}  // namespace

std::string html_report(const Scorecard& card) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'\">\n<title>paircheck report: " +
      e(card.target) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  run_facts(h, card);
  rule_tiles(h, card);
  coverage_grid(h, card);
  rules_table(h, card);
  goals_table(h, card);
  codes_table(h, card);
  h += "<h2>Failures</h2>\n";
  if (card.failures.empty()) h += "<p id=\"no-failures\">No failures.</p>\n";
  for (std::size_t i = 0; i < card.failures.size(); ++i)
    failure_section(h, card, card.failures[i], i + 1);
  if (card.failures_dropped) {
    h += "<p>" + std::to_string(card.failures_dropped) + " more failures are not shown.</p>\n";
  }
  cells_section(h, card);
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace paircheck::reports
