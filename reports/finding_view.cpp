#include "reports/finding_view.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <utility>

#include <boost/beast/http/status.hpp>

#include "models/rules.hpp"
#include "reports/scorecard.hpp"
#include "reports/text.hpp"

namespace paircheck::reports {
namespace {

namespace http = boost::beast::http;

// Beyond any sequence paircheck generates: a record claiming such a step is not trusted.
constexpr std::size_t kMaxStep = 100000;

// Text from the target, on one line (plain_text) and clipped.
std::string one_line(std::string_view text, std::size_t max) { return plain_text(clip(text, max)); }

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "a".."z", "aa".."az", ... (bijective base 26).
std::string letters(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('a' + (n - 1) % 26));
  }
  return out;
}

std::string kind_of(const nlohmann::json& steps, std::size_t i) {
  return steps.is_array() && i < steps.size() && steps[i].is_object() ? str(steps[i], "kind") : "";
}

// A call is shown as it was sent; the other steps as the sequence states them.
std::string step_text(const nlohmann::json& steps, std::size_t i, const nlohmann::json* first) {
  const std::string kind = kind_of(steps, i);
  if (first != nullptr && (kind == "call" || kind.empty())) {
    return plain_text(describe_step(first->value("request", nlohmann::json())));
  }
  if (steps.is_array() && i < steps.size()) return plain_text(describe_step(steps[i]));
  return "?";
}

std::string quoted(std::string_view text, std::size_t max) {
  return dump(nlohmann::json(clip(text, max)));  // JSON escapes: one line, nothing raw
}

std::string response_line(const ResponseView& r, const TextOptions& o) {
  if (!r.answered) return "-> no response (unknown outcome, M2)";
  std::string out = "-> " + r.status;
  if (!r.code.empty()) out += " " + one_line(r.code, 80);
  if (!r.message.empty()) out += " " + quoted(r.message, o.max_message);
  for (const std::string& f : r.fields) out += " " + f;
  if (r.pairs_listed > 0 || !r.pairs.empty()) {
    out += " ReplicaPairs (" + std::to_string(r.pairs_listed) + "):";
    for (std::size_t i = 0; i < r.pairs.size(); ++i) out += (i ? ", " : " ") + r.pairs[i];
    if (r.pairs_listed > r.pairs.size()) {
      out += " (+" + std::to_string(r.pairs_listed - r.pairs.size()) + " more)";
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::string allowed_list(const std::vector<std::string>& allowed) {
  std::string out;
  for (const std::string& a : allowed) out += " {" + allowed_text(a) + "}";
  return out.empty() ? " nothing" : out;
}

}  // namespace

std::string reason_phrase(int http_status) {
  if (http_status < 100 || http_status > 999) return "";
  const http::status s = http::int_to_status(static_cast<unsigned>(http_status));
  if (s == http::status::unknown) return "";
  return std::string(http::obsolete_reason(s));
}

std::string status_text(int http_status) {
  const std::string phrase = reason_phrase(http_status);
  return std::to_string(http_status) + (phrase.empty() ? "" : " " + phrase);
}

std::string titled_rule(std::string_view id) {
  const model::RuleInfo* info = model::find_rule(id);
  if (info == nullptr) return std::string(id);
  return std::string(info->id) + " " + std::string(info->title) + " (" + info->kind + ")";
}

std::string allowed_text(std::string_view allowed) {
  // The model writes "403 Code [rules]", "200 [rules]" or words ("a status other than ...").
  if (allowed.size() < 3 || !std::all_of(allowed.begin(), allowed.begin() + 3, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
      })) {
    return std::string(allowed);
  }
  if (allowed.size() > 3 && allowed[3] != ' ') return std::string(allowed);  // "400/403 ..."
  const std::string phrase = reason_phrase(std::stoi(std::string(allowed.substr(0, 3))));
  if (phrase.empty()) return std::string(allowed);
  return std::string(allowed.substr(0, 3)) + " " + phrase + std::string(allowed.substr(3));
}

ResponseView response_view(const nlohmann::json& observed, std::size_t max_pairs) {
  ResponseView r;
  if (!observed.is_object()) return r;
  r.answered = true;
  const nlohmann::json status = observed.value("http_status", nlohmann::json(0));
  r.status = status_text(status.is_number_integer() ? status.get<int>() : 0);
  r.code = str(observed, "code");
  r.message = str(observed, "message");
  if (const std::string id = str(observed, "replica_pair_id"); !id.empty()) {
    r.fields.push_back("ReplicaPairId=" + one_line(id, 80));
  }
  for (const auto& [key, name] : {std::pair{"total_count", "TotalCount"},
                                  {"next_token", "NextToken"},
                                  {"progress", "Progress"},
                                  {"recover_point", "RecoverPoint"}}) {
    if (observed.contains(key) && !observed[key].is_null() && observed[key] != "") {
      const nlohmann::json& v = observed[key];
      r.fields.push_back(std::string(name) + "=" +
                         one_line(v.is_string() ? v.get<std::string>() : dump(v), 80));
    }
  }
  if (observed.contains("pairs") && observed["pairs"].is_array()) {
    r.pairs_listed = observed["pairs"].size();
    for (const auto& p : observed["pairs"]) {
      if (r.pairs.size() == max_pairs) break;
      if (p.is_object()) {
        std::string item =
            one_line(str(p, "ReplicaPairId"), 60) + " " + one_line(str(p, "Status"), 30);
        // O9 judges it (0 before the first completed sync): a finding about it must show it.
        if (auto lrp = p.find("LastRecoverPoint"); lrp != p.end() && lrp->is_number_integer()) {
          item += " LastRecoverPoint=" + std::to_string(lrp->get<std::int64_t>());
        }
        r.pairs.push_back(std::move(item));
      }
    }
  }
  r.shape_error = str(observed, "shape_error");
  r.body = str(observed, "body");
  return r;
}

std::string record_label(std::size_t number, std::string_view kind, std::size_t index) {
  const bool call = kind == "call" || kind.empty();
  if (call && index == 0) return std::to_string(number);
  return std::to_string(number) + letters(index);
}

RecordView record_view(const nlohmann::json& record, std::string label, std::size_t max_pairs) {
  RecordView r;
  r.label = std::move(label);
  if (!record.is_object()) return r;
  r.request = plain_text(describe_step(record.value("request", nlohmann::json())));
  r.response = response_view(record.value("observed", nlohmann::json()), max_pairs);
  const nlohmann::json v = record.value("verdict", nlohmann::json::object());
  r.conformant = !v.is_object() || v.value("conformant", true);
  if (v.is_object()) {
    for (const auto& a : v.value("allowed", nlohmann::json::array())) {
      if (a.is_string()) r.allowed.push_back(a.get<std::string>());
    }
    for (const auto& id : v.value("rule_ids", nlohmann::json::array())) {
      if (id.is_string()) r.rules.push_back(id.get<std::string>());
    }
  }
  return r;
}

std::string finding_headline(std::string_view message, const std::vector<std::string>& allowed) {
  // The judge writes "...; allowed: {a} {b}", then perhaps the diagnosis "(explained if ...)",
  // which stays.
  std::string list = "; allowed:";
  for (const std::string& a : allowed) list += " {" + a + "}";
  std::string out(message);
  if (const std::size_t at = out.find(list); at != std::string::npos) {
    out.erase(at, list.size());
  } else if (const std::size_t cut = out.find("; allowed:"); cut != std::string::npos) {
    out.erase(cut);
  }
  return plain_text(out);
}

std::string step_heading(const StepView& step) {
  return std::to_string(step.number) + ". " + step.text;
}

FindingView finding_view(const Failure& f, std::size_t max_pairs) {
  FindingView v;
  v.headline = finding_headline(f.message, f.allowed);
  for (const std::string& id : f.rule_ids) v.rules.push_back(titled_rule(id));
  v.allowed = f.allowed;
  v.shrink = f.shrink;

  const nlohmann::json steps =
      f.minimal.is_object() ? f.minimal.value("steps", nlohmann::json()) : nlohmann::json();
  const nlohmann::json records = f.records.is_array() ? f.records : nlohmann::json::array();
  v.numbered_by_request =
      !records.empty() && std::none_of(records.begin(), records.end(), [](const auto& r) {
        return r.is_object() && r.contains("step") && r["step"].is_number_unsigned();
      });
  std::size_t count = steps.is_array() ? steps.size() : 0;
  std::vector<std::vector<const nlohmann::json*>> by_step;
  if (v.numbered_by_request) {
    count = records.size();
    for (const auto& r : records) by_step.push_back({&r});
  } else {
    for (const auto& r : records) {
      if (!r.is_object() || !r.contains("step") || !r["step"].is_number_unsigned()) continue;
      const std::size_t s = r["step"].get<std::size_t>();
      if (s >= kMaxStep) continue;  // not a step of any sequence paircheck generates
      count = std::max(count, s + 1);
      if (by_step.size() < count) by_step.resize(count);
      by_step[s].push_back(&r);
    }
    by_step.resize(count);
  }

  // The failing step: the last request the model refused, else (M3: a settle whose polls all
  // conformed) the step of the last request.
  std::size_t failing = count;
  for (std::size_t s = 0; s < count; ++s) {
    for (const nlohmann::json* r : by_step[s]) {
      if (!r->value("verdict", nlohmann::json::object()).value("conformant", true)) failing = s;
    }
  }
  if (failing == count) {
    for (std::size_t s = count; s-- > 0;) {
      if (!by_step[s].empty()) {
        failing = s;
        break;
      }
    }
  }

  std::size_t requests = 0;
  for (std::size_t s = 0; s < count; ++s) {
    StepView step;
    step.number = s + 1;
    step.kind = v.numbered_by_request ? "call" : kind_of(steps, s);
    step.text =
        v.numbered_by_request
            ? plain_text(describe_step(by_step[s].front()->value("request", nlohmann::json())))
            : step_text(steps, s, by_step[s].empty() ? nullptr : by_step[s].front());
    for (std::size_t i = 0; i < by_step[s].size(); ++i) {
      step.records.push_back(
          record_view(*by_step[s][i], record_label(step.number, step.kind, i), max_pairs));
    }
    step.failing = s == failing;
    step.ran = failing == count || s <= failing;
    if (step.kind == "call") ++requests;
    if (step.kind == "race" && steps[s].contains("requests"))
      requests += steps[s]["requests"].size();
    v.steps.push_back(std::move(step));
  }
  if (!steps.is_array()) requests = records.size();

  const std::string n = std::to_string(requests) + " request" + (requests == 1 ? "" : "s");
  const std::string from = std::to_string(f.original_steps) + " steps";
  const std::string runs = std::to_string(f.shrink_runs) + " runs";
  if (f.shrink == "shrunk") {
    v.sequence_heading = "minimal sequence (" + n + "; shrunk from " + from + " in " + runs + "):";
  } else if (f.shrink == "partly shrunk") {
    v.sequence_heading = "partly shrunk sequence (" + n + "; from " + from +
                         ", the shrink budget ran out after " + runs +
                         ": it may hold steps that do not matter):";
  } else {
    v.sequence_heading =
        "sequence, not shrunk (" + n + "; the run stopped before shrinking it: as generated):";
  }
  return v;
}

std::vector<std::string> record_lines(const RecordView& r, bool first_of_call,
                                      const TextOptions& o) {
  std::vector<std::string> out;
  const std::string pad = first_of_call ? "   " : "      ";
  if (!first_of_call) out.push_back("   " + r.label + " " + r.request);
  out.push_back(pad + response_line(r.response, o));
  if (!r.response.shape_error.empty()) {
    out.push_back(pad + "   malformed: " + one_line(r.response.shape_error, 200));
  }
  if (!r.response.body.empty()) {  // logged only when it broke W2/W3
    out.push_back(pad + "   body (" + std::to_string(r.response.body.size()) +
                  " bytes): " + quoted(r.response.body, o.max_body));
  }
  if (!r.conformant) {
    out.push_back(pad + "NOT ALLOWED [" + joined(r.rules) +
                  "]; the model allowed:" + allowed_list(r.allowed));
  } else if (o.every_allowed) {
    out.push_back(pad + "conforms [" + joined(r.rules) +
                  "]; the model allowed:" + allowed_list(r.allowed));
  }
  return out;
}

std::vector<std::string> step_lines(const FindingView& v, const TextOptions& o) {
  std::vector<std::string> out;
  for (std::size_t s = 0; s < v.steps.size(); ++s) {
    const StepView& step = v.steps[s];
    if (!step.ran) {
      const std::size_t last = v.steps.back().number;
      out.push_back(
          std::to_string(step.number) + (last > step.number ? "-" + std::to_string(last) : "") +
          ". not run: " + "the sequence stopped at step " + std::to_string(step.number - 1));
      break;
    }
    out.push_back(step_heading(step));
    const bool call = step.kind == "call" || step.kind.empty();
    for (std::size_t i = 0; i < step.records.size();) {
      std::size_t run = i;  // allowed requests in a row, not the step's own call
      while (o.compact && !(call && i == 0) && run < step.records.size() &&
             step.records[run].conformant) {
        ++run;
      }
      if (run - i >= 3) {
        const RecordView& last = step.records[run - 1];
        out.push_back("   " + step.records[i].label + "-" + last.label + " " +
                      std::to_string(run - i) + " requests, all allowed; the last " +
                      response_line(last.response, o));
        i = run;
        continue;
      }
      for (const std::string& line : record_lines(step.records[i], call && i == 0, o)) {
        out.push_back(line);
      }
      ++i;
    }
    const bool refused = std::any_of(step.records.begin(), step.records.end(),
                                     [](const RecordView& r) { return !r.conformant; });
    if (step.failing && !refused) {  // M3: every poll conformed, the status never ended
      out.push_back("   NOT ALLOWED here; the model allowed:" + allowed_list(v.allowed));
    }
  }
  return out;
}

std::vector<std::string> finding_lines(const FindingView& v, bool legend, const TextOptions& o) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.rules.size(); ++i) {
    out.push_back((i == 0 ? "rules: " : "       ") + v.rules[i]);
  }
  if (legend) out.push_back("       (" + std::string(kKindLegend) + ")");
  out.push_back(v.sequence_heading);
  if (v.numbered_by_request) out.push_back("(an older run log: one step per judged request)");
  for (const std::string& line : step_lines(v, o)) out.push_back("  " + line);
  return out;
}

StepStream::StepStream(nlohmann::json steps, TextOptions options)
    : steps_(std::move(steps)), options_(options) {}

void StepStream::restart() {
  step_ = 0;
  in_step_ = 0;
  started_ = false;
}

std::vector<std::string> StepStream::add(const nlohmann::json& record) {
  std::vector<std::string> out;
  const std::size_t s =
      record.is_object() && record.contains("step") && record["step"].is_number_unsigned()
          ? record["step"].get<std::size_t>()
          : step_ + (started_ ? 1 : 0);  // an older record: a step of its own
  if (!started_ || s != step_) {
    // Steps that sent nothing (a wait on a virtual clock) still get their line, as in step_lines.
    for (std::size_t k = started_ ? step_ + 1 : 0; k < s && k < kMaxStep; ++k) {
      out.push_back(std::to_string(k + 1) + ". " + step_text(steps_, k, nullptr));
    }
    out.push_back(std::to_string(s + 1) + ". " + step_text(steps_, s, &record));
    step_ = s;
    in_step_ = 0;
    started_ = true;
  }
  const std::string kind = kind_of(steps_, s);
  const RecordView r = record_view(record, record_label(s + 1, kind, in_step_), options_.max_pairs);
  const bool first_of_call = (kind == "call" || kind.empty()) && in_step_ == 0;
  for (std::string& line : record_lines(r, first_of_call, options_)) out.push_back(std::move(line));
  ++in_step_;
  return out;
}

}  // namespace paircheck::reports
