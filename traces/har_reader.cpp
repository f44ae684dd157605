#include "traces/har_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "harness/observe.hpp"
#include "models/json_io.hpp"
#include "protocol/ascii.hpp"
#include "protocol/params.hpp"
#include "traces/wire_request.hpp"

namespace paircheck::traces {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw model::UsageError(path + ": " + what);
}

// The entries of a streamed recording whose close is missing (a killed run): the head line, then
// one entry per line; a partial last line is dropped. Any other unparsable line is garbage.
json repair_stream(const std::string& text, const std::string& path, std::string& repaired) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  json log = json::parse(line + "]}}", nullptr, false);
  if (log.is_discarded()) bad(path, "not a HAR file (its first line is cut off)");
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  bool closed = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view body = lines[i];
    if (body == "]}}") {
      closed = true;
      if (i + 1 != lines.size()) bad(path, "line " + std::to_string(i + 3) + " follows the close");
      break;
    }
    if (!body.empty() && body.front() == ',') body.remove_prefix(1);
    json entry = json::parse(body, nullptr, false);
    if (entry.is_discarded() || !entry.is_object()) {
      if (i + 1 == lines.size()) {
        repaired = "the recording was cut off in entry " + std::to_string(i + 1) +
                   " (a killed run): judging the " + std::to_string(i) + " complete entries";
        break;
      }
      bad(path, "line " + std::to_string(i + 2) + " is not a HAR entry (garbled)");
    }
    log["log"]["entries"].push_back(std::move(entry));
  }
  if (!closed && repaired.empty()) {
    repaired = "the recording has no close (a killed run): judging its " +
               std::to_string(log["log"]["entries"].size()) + " entries";
  }
  return log;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

protocol::Headers headers_of(const json& list, bool lower) {
  protocol::Headers out;
  if (!list.is_array()) return out;
  for (const json& h : list) {
    if (!h.is_object()) continue;
    std::string name = str(h, "name");
    out.emplace_back(lower ? protocol::ascii_lower(name) : name, str(h, "value"));
  }
  return out;
}

// "http://host:8080/?a=1" -> "/?a=1".
std::string target_of(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url.empty() ? "/" : url;
  const std::size_t slash = url.find_first_of("/?", scheme + 3);
  if (slash == std::string::npos) return "/";
  std::string t = url.substr(slash);
  if (t.front() == '?') t.insert(t.begin(), '/');
  return t;
}

bool gateway_code_of_a_secret(const model::Profile& profile, const std::string& code) {
  for (const char* rule : {"G2", "G6", "G7", "G8"}) {
    const auto& codes = profile.error(rule).codes;
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) return true;
  }
  return false;
}

TraceCall call_of(const json& e, std::size_t index, std::int64_t base_ms, bool paircheck,
                  const model::Profile& profile, const std::string& path) {
  const std::string where = "entry " + std::to_string(index + 1);
  if (!e.is_object() || !e.contains("request") || !e["request"].is_object()) {
    bad(path, where + " has no request");
  }
  TraceCall c;
  c.entry = index;
  c.started = str(e, "startedDateTime");
  const json& pc = e.contains("_paircheck") ? e["_paircheck"] : json();
  const json& rq = e["request"];
  if (pc.is_object() && pc.value("reset", false)) {
    c.reset = true;
    return c;
  }
  WireRequestView wire{str(rq, "method"), target_of(str(rq, "url")),
                       headers_of(rq.value("headers", json()), false), ""};
  if (rq.contains("postData") && rq["postData"].is_object()) {
    wire.body = str(rq["postData"], "text");
    const std::string type = str(rq["postData"], "mimeType");
    const bool has_type = std::any_of(wire.headers.begin(), wire.headers.end(), [](const auto& h) {
      return protocol::iequals(h.first, "content-type");
    });
    if (!has_type && !type.empty()) wire.headers.emplace_back("content-type", type);
  }
  if (pc.is_object() && pc.contains("request") && pc["request"].is_object()) {
    json recorded = pc["request"];
    const std::string encoded = str(recorded, "params_urlencoded");
    recorded.erase("params_urlencoded");
    recorded["params"] = json::array();
    const std::string error = model::request_from_json(recorded, c.request);
    if (!error.empty()) bad(path, where + " _paircheck.request: " + error);
    auto params = protocol::parse_urlencoded(encoded, protocol::PlusMode::kLiteral);
    if (!params) bad(path, where + " _paircheck.request: params_urlencoded is malformed");
    c.request.params = params.value();
    c.envelope_known = true;
  } else {
    const std::string error = to_model_request(wire, c.request);
    if (!error.empty()) c.not_judged = error;
  }
  // Times: the target's clock when the recording kept it, else the trace's wall clock.
  if (pc.is_object() && pc.contains("clock") && pc["clock"].is_object()) {
    c.request.time.sent_ms = pc["clock"].value("sent_ms", std::int64_t{0});
    c.request.time.received_ms = pc["clock"].value("received_ms", c.request.time.sent_ms);
    const json wall = pc.value("wall_us", json());
    if (wall.is_array() && wall.size() == 2 && wall[0].is_number_integer() &&
        wall[1].is_number_integer()) {
      c.wall_from_us = wall[0].get<std::int64_t>();
      c.wall_to_us = wall[1].get<std::int64_t>();
    }
  } else {
    const auto at = epoch_ms(c.started);
    if (!at) bad(path, where + ": startedDateTime '" + c.started + "' is not an ISO 8601 time");
    const double took = e.contains("time") && e["time"].is_number() ? e["time"].get<double>() : 0;
    c.request.time.sent_ms = *at - base_ms;
    c.request.time.received_ms =
        c.request.time.sent_ms + static_cast<std::int64_t>(std::llround(std::max(0.0, took)));
  }
  const json& rs = e.value("response", json::object());
  const int status = rs.is_object() ? rs.value("status", 0) : 0;
  if (status > 0 && !(rs.is_object() && rs.contains("_error"))) {
    harness::WireResult answer;
    answer.kind = harness::WireResult::Kind::kResponse;
    answer.status = status;
    answer.headers = headers_of(rs.value("headers", json()), true);
    const json content = rs.value("content", json::object());
    answer.body = content.is_object() ? str(content, "text") : "";
    if (content.is_object() && str(content, "encoding") == "base64") {
      c.not_judged = "its answer is base64-encoded";
    }
    c.observed = harness::observe(c.request.action, answer);
  }
  if (wire.target.rfind("/_paircheck/", 0) == 0) c.not_judged = "a control request";
  if (c.not_judged.empty()) {
    if (!paircheck && model::action_from_name(c.request.action) == model::Action::kUnknown) {
      c.not_judged = "'" + c.request.action + "' is not an action of the contract";
    } else if (!c.envelope_known && c.observed &&
               gateway_code_of_a_secret(profile, c.observed->code)) {
      c.not_judged = c.observed->code + ": G2/G7 need the secret, G6 the server's time, G8 the " +
                     "nonce, which a recording does not keep";
    }
  }
  return c;
}

}  // namespace

Trace parse_har(const std::string& text, const std::string& path, const model::Profile& profile) {
  Trace trace;
  trace.path = path;
  json log = json::parse(text, nullptr, false);
  if (log.is_discarded()) {
    const std::size_t eol = text.find('\n');
    const std::string first = text.substr(0, eol);
    const bool streamed = first.rfind("{\"log\":", 0) == 0 && eol != std::string::npos &&
                          first.size() > 12 && first.ends_with("\"entries\":[");
    if (!streamed) {
      try {
        const json probe = json::parse(text);
        (void)probe;
      } catch (const json::parse_error& e) {
        bad(path, std::string("not a HAR file: not JSON (byte ") + std::to_string(e.byte) + ")");
      }
    }
    log = repair_stream(text, path, trace.repaired);
  }
  if (!log.is_object() || !log.contains("log") || !log["log"].is_object() ||
      !log["log"].contains("entries") || !log["log"]["entries"].is_array()) {
    bad(path, "not a HAR file: no log.entries");
  }
  const json& head = log["log"];
  const bool paircheck = head.contains("_paircheck");
  trace.source = paircheck ? "paircheck HAR" : "HAR";
  const json& entries = head["entries"];
  std::int64_t base = 0;
  for (const json& e : entries) {
    if (!e.is_object()) continue;
    if (auto at = epoch_ms(str(e, "startedDateTime"))) {
      base = *at;
      break;
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    trace.calls.push_back(call_of(entries[i], i, base, paircheck, profile, path));
  }
  for (const TraceCall& c : trace.calls) {
    if (c.started.empty()) continue;
    if (trace.first_time.empty()) trace.first_time = c.started;
    trace.last_time = c.started;
  }
  return trace;
}

Trace read_har(const std::string& path, const model::Profile& profile) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad(path, "cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_har(text.str(), path, profile);
}

std::optional<std::int64_t> epoch_ms(std::string_view s) {
  // yyyy-mm-ddThh:mm:ss[.fff...](Z|+hh:mm|-hh:mm)
  const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  const auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2),
             mi = digits(14, 2), se = digits(17, 2);
  if (!y || !mo || !d || !h || !mi || !se) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                        std::chrono::month{static_cast<unsigned>(*mo)},
                                        std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok() || *h > 23 || *mi > 59 || *se > 60) return std::nullopt;
  std::size_t at = 19;
  std::int64_t ms = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    int n = 0;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      if (n < 3) ms = ms * 10 + (s[at] - '0');
      ++n;
      ++at;
    }
    if (n == 0) return std::nullopt;
    for (; n < 3; ++n) ms *= 10;
  }
  std::int64_t offset_min = 0;
  if (at < s.size() && s[at] == 'Z' && at + 1 == s.size()) {
  } else if (at + 6 == s.size() && (s[at] == '+' || s[at] == '-') && s[at + 3] == ':') {
    const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
    if (!oh || !om) return std::nullopt;
    offset_min = static_cast<std::int64_t>(*oh * 60 + *om) * (s[at] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  const auto days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + *h) * 60 + *mi - offset_min) * 60000 +
         static_cast<std::int64_t>(*se) * 1000 + ms;
}

}  // namespace paircheck::traces
