#include "reports/text.hpp"

#include <cctype>
#include <cstdio>

#include "models/cells.hpp"
#include "reports/finding_view.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::reports {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

std::string percent_encode(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string param_text(const nlohmann::json& params) {
  std::string out;
  if (!params.is_array()) return out;
  for (const auto& kv : params) {
    if (!kv.is_array() || kv.size() != 2) continue;
    out += " " + clip(kv[0].is_string() ? kv[0].get<std::string>() : kv[0].dump(), 40) + "=" +
           clip(kv[1].is_string() ? kv[1].get<std::string>() : kv[1].dump(), 40);
  }
  return out;
}

std::string envelope_text(const nlohmann::json& e) {
  if (!e.is_object()) return "";
  std::string out;
  auto differs = [&](const char* key, const nlohmann::json& normal) {
    if (e.contains(key) && e[key] != normal) {
      out += std::string(" [") + key + "=" +
             clip(e[key].is_string() ? e[key].get<std::string>() : e[key].dump(), 40) + "]";
    }
  };
  differs("method", "POST");
  differs("path", "/");
  differs("access_key_id", "ak-admin");
  differs("signature", "none");
  differs("timestamp", "ok");
  differs("timestamp_offset_s", 0);
  differs("timestamp_fraction_digits", 0);
  differs("nonce_reused", false);
  if (e.contains("version") && e["version"].is_null()) out += " [version missing]";
  if (e.contains("format")) differs("format", nlohmann::json());
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
      continue;
    }
    if (n > 1) {
      out.append(text.substr(i, n));
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '\'') {
      out += "&#39;";
    } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += "\xEF\xBF\xBD";  // C0 controls (not allowed in XML 1.0) and DEL
    } else {
      out.push_back(c);
    }
    i += n;
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  for (char c : html_escape(text)) {
    if (c == '|' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '\\') {
      out += '\\';
    }
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string plain_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F)) {
      out += ' ';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string clip(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string describe_step(const nlohmann::json& step) {
  if (!step.is_object()) return "?";
  if (step.contains("action")) {
    return clip(step.value("action", std::string()), 60) +
           param_text(step.value("params", nlohmann::json())) +
           envelope_text(step.value("envelope", nlohmann::json()));
  }
  const std::string kind = step.value("kind", std::string());
  if (kind == "call") return describe_step(step.value("request", nlohmann::json()));
  if (kind == "settle") return "settle {pair:" + std::to_string(step.value("slot", 0)) + "}";
  if (kind == "wait") return "wait " + dump(step.value("seconds", nlohmann::json(0))) + "s";
  if (kind == "race" && step.contains("requests") && step["requests"].is_array()) {
    std::string out = "at once:";
    const char* sep = " ";
    for (const auto& r : step["requests"]) {
      out += sep + describe_step(r);
      sep = " || ";
    }
    return out;
  }
  return clip(kind, 20);
}

std::string describe_response(const nlohmann::json& observed) {
  if (!observed.is_object()) return "no response (unknown outcome, M2)";
  const std::string code = observed.value("code", std::string());
  std::string out = status_text(observed.value("http_status", 0));
  if (!code.empty()) out += " " + clip(code, 80);
  const std::string pair = observed.value("replica_pair_id", std::string());
  if (!pair.empty()) out += " " + clip(pair, 60);
  if (observed.contains("pairs") && observed["pairs"].is_array()) {
    out += " ReplicaPairs=[";
    std::size_t i = 0;
    for (const auto& p : observed["pairs"]) {
      if (i == 8) {
        out += " ...";
        break;
      }
      if (!p.is_object()) continue;
      out += (i++ ? " " : "") + clip(p.value("ReplicaPairId", std::string()), 60) + ":" +
             clip(p.value("Status", std::string()), 30);
    }
    out += "]";
  }
  if (observed.contains("total_count")) out += " TotalCount=" + dump(observed["total_count"]);
  if (observed.contains("progress")) out += " Progress=" + dump(observed["progress"]);
  const std::string shape = observed.value("shape_error", std::string());
  if (!shape.empty()) out += " (" + clip(shape, 120) + ")";
  return out;
}

std::vector<std::string> failure_steps(const Failure& failure) {
  std::vector<std::string> out;
  if (failure.minimal.is_object() && failure.minimal.contains("steps") &&
      failure.minimal["steps"].is_array()) {
    for (const auto& s : failure.minimal["steps"]) out.push_back(describe_step(s));
  } else if (failure.records.is_array()) {
    for (const auto& r : failure.records) {
      if (r.is_object()) out.push_back(describe_step(r.value("request", nlohmann::json())));
    }
  }
  return out;
}

std::string replay_command(const std::string& replay_file) {
  return replay_file.empty() ? std::string() : "paircheck replay " + shell_quote(replay_file);
}

std::string curl_command(const nlohmann::json& request, const std::string& target,
                         const std::string& signature_version) {
  const nlohmann::json e = request.value("envelope", nlohmann::json::object());
  std::string url = target.rfind("http", 0) == 0 ? target : std::string("http://127.0.0.1:8080");
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += e.value("path", std::string("/"));
  const std::string action = request.value("action", std::string());
  const nlohmann::json version_json = e.value("version", nlohmann::json());
  const std::string version = version_json.is_string() ? version_json.get<std::string>() : "";
  const std::string ak = e.value("access_key_id", std::string());
  std::string body;
  for (const auto& kv : request.value("params", nlohmann::json::array())) {
    if (!kv.is_array() || kv.size() != 2 || !kv[0].is_string() || !kv[1].is_string()) continue;
    body += (body.empty() ? "" : "&") + percent_encode(kv[0].get<std::string>()) + "=" +
            percent_encode(kv[1].get<std::string>());
  }
  std::string cmd = "curl -sS -X " + shell_quote(e.value("method", std::string("POST"))) + " ";
  if (signature_version == "v1") {
    std::string query = "Action=" + percent_encode(action) + "&Version=" + percent_encode(version) +
                        "&Format=JSON&AccessKeyId=" + percent_encode(ak) +
                        "&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=NONCE"
                        "&Timestamp=YYYY-MM-DDThh%3Amm%3AssZ&Signature=REDACTED";
    cmd += shell_quote(url + "?" + query);
  } else {
    cmd += shell_quote(url) + " -H " + shell_quote("x-acs-action: " + action) + " -H " +
           shell_quote("x-acs-version: " + version) +
           " -H \"x-acs-date: $(date -u +%Y-%m-%dT%H:%M:%SZ)\"" +
           " -H \"x-acs-signature-nonce: $(date +%s%N)\"" + " -H " +
           shell_quote("Authorization: ACS3-HMAC-SHA256 Credential=" + ak +
                       ",SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;"
                       "x-acs-signature-nonce;x-acs-version,Signature=REDACTED");
  }
  cmd += " -H 'Content-Type: application/x-www-form-urlencoded' --data " + shell_quote(body);
  return cmd;
}

std::string reach_summary(const Scorecard& card) {
  const CellMap& cells = card.cells;
  const auto by = cells.by_projection();
  auto pair = [&](const ProjectionCount& n) {
    return std::to_string(n.visited) +
           (cells.reachable_known() ? "/" + std::to_string(n.reachable) : "");
  };
  std::string out = "cells: " + std::to_string(cells.visited_reachable());
  out += cells.reachable_known()
             ? "/" + std::to_string(cells.reachable().size()) + " reachable visited"
             : " visited (the run log does not list its reachable cells)";
  out += " (status " + pair(by.at("status")) + ", token " + pair(by.at("token")) + ", form " +
         pair(by.at("form")) + ", effect " + pair(by.at("effect")) + ")\n";
  std::size_t reached = 0, reachable = 0;
  std::string missed, unreachable;
  for (const model::Goal& g : model::goals()) {
    if (!cells.goal_unreachable(g.id).empty()) {
      unreachable += " " + std::string(g.id);
      continue;
    }
    ++reachable;
    if (cells.goal_count(g.id) > 0) {
      ++reached;
    } else {
      missed += " " + std::string(g.id);
    }
  }
  out += "goals: " + std::to_string(reached) + "/" + std::to_string(reachable) + " reached";
  if (!missed.empty()) out += "; missed:" + missed;
  out += "\n";
  if (!unreachable.empty()) out += "goals unreachable in this run:" + unreachable + "\n";
  return out;
}

std::string dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace paircheck::reports
