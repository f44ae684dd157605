#include "traces/actiontrail_reader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "harness/observe.hpp"
#include "protocol/ascii.hpp"
#include "protocol/params.hpp"
#include "traces/har_reader.hpp"
#include "traces/wire_request.hpp"

namespace paircheck::traces {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& path, const std::string& what) {
  throw model::UsageError(path + ": " + what);
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A scalar of requestParameters as the wire would carry it; nullopt for an array or object.
std::optional<std::string> scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

// requestParameters as the request's parameter set: scalars as they are; a list of scalars
// comma-joined (the API's list parameter, PairIds); a list of objects flattened by W1 (Tag.1.Key);
// anything else as its JSON text. null values are left out (not sent).
void add_param(protocol::Params& out, const std::string& name, const json& v) {
  if (v.is_null()) return;
  if (auto text = scalar_text(v)) {
    out.emplace_back(name, *text);
    return;
  }
  if (v.is_array()) {
    const bool scalars =
        std::all_of(v.begin(), v.end(), [](const json& x) { return scalar_text(x).has_value(); });
    if (scalars) {
      std::string joined;
      for (const json& x : v) joined += (joined.empty() ? "" : ",") + *scalar_text(x);
      out.emplace_back(name, joined);
      return;
    }
    if (std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_object(); })) {
      std::vector<protocol::ParamObject> items;
      for (const json& x : v) {
        protocol::ParamObject item;
        for (const auto& [field, value] : x.items()) {
          item.emplace_back(field, scalar_text(value).value_or(value.dump()));
        }
        items.push_back(std::move(item));
      }
      protocol::append_object_list(out, name, items);
      return;
    }
  }
  out.emplace_back(name, v.dump());
}

// The status the profile gives an error code, for the finding key only (it is not judged): the one
// status of every error spec that lists the code, else 0.
int status_of_code(const model::Profile& profile, const std::string& code) {
  std::set<int> statuses;
  for (const auto& [key, spec] : profile.errors) {
    for (const std::string& c : spec.codes) {
      const std::size_t open = c.find('<'), close = c.find('>');
      const bool named = open != std::string::npos && close != std::string::npos && open < close;
      const bool same = named ? code.size() > open + (c.size() - close - 1) &&
                                    code.starts_with(c.substr(0, open)) &&
                                    code.ends_with(c.substr(close + 1))
                              : code == c;
      if (same) statuses.insert(spec.http.begin(), spec.http.end());
    }
  }
  return statuses.size() == 1 ? *statuses.begin() : 0;
}

bool gateway_code_of_a_secret(const model::Profile& profile, const std::string& code) {
  for (const char* rule : {"G2", "G6", "G7", "G8"}) {
    const auto& codes = profile.error(rule).codes;
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) return true;
  }
  return false;
}

// The events of the export, in the file's order.
json events_of(const std::string& text, const std::string& path) {
  json whole = json::parse(text, nullptr, false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) return whole;
    if (whole.is_object() && whole.contains("Events")) {
      if (!whole["Events"].is_array()) bad(path, "not an ActionTrail export: Events is not a list");
      return whole["Events"];
    }
    if (whole.is_object() && whole.contains("eventName")) return json::array({whole});
    bad(path, "not an ActionTrail export: no list of events, no Events, no eventName");
  }
  const std::size_t at = text.find_first_not_of(" \t\r\n");
  if (at == std::string::npos || text[at] == '[') {  // an empty file, a list cut off or garbled
    try {
      const json probe = json::parse(text);
      (void)probe;
    } catch (const json::parse_error& e) {
      bad(path, "not an ActionTrail export: not JSON (byte " + std::to_string(e.byte) + ")");
    }
  }
  // JSON lines: one event per line.
  json events = json::array();
  std::istringstream in(text);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    json event = json::parse(line, nullptr, false);
    if (event.is_discarded()) {
      bad(path, "line " + std::to_string(n) + " is not a JSON event (garbled or cut off)");
    }
    events.push_back(std::move(event));
  }
  return events;
}

struct Event {
  const json* e;
  std::string where;
  std::int64_t at_ms;  // eventTime, to the second
};

TraceCall call_of(const Event& ev, std::size_t index, std::int64_t base_ms,
                  const model::Profile& profile, const std::string& path) {
  const json& e = *ev.e;
  TraceCall c;
  c.entry = index;
  c.started = str(e, "eventTime");
  const std::string action = str(e, "eventName");
  const std::string version = str(e, "apiVersion");
  const json identity = e.value("userIdentity", json::object());
  const std::string ak = identity.is_object() ? str(identity, "accessKeyId") : "";
  json parameters = e.value("requestParameters", json::object());
  if (parameters.is_null()) parameters = json::object();
  if (!parameters.is_object()) bad(path, ev.where + ": requestParameters is not an object");
  // The request as a form POST of its parameters, the event's own fields as W5's common ones, read
  // by the wire reader (W1 set, W5 split, the timestamp's form).
  protocol::Params form{{"Action", action}};
  if (!version.empty()) form.emplace_back("Version", version);
  if (!ak.empty()) form.emplace_back("AccessKeyId", ak);
  if (!parameters.contains("Timestamp")) form.emplace_back("Timestamp", c.started);
  for (const auto& [name, value] : parameters.items()) {
    if (name == "Action" || (name == "Version" && !version.empty()) ||
        (name == "AccessKeyId" && !ak.empty())) {
      continue;
    }
    add_param(form, name, value);
  }
  const WireRequestView wire{"POST",
                             "/",
                             {{"content-type", "application/x-www-form-urlencoded"}},
                             protocol::to_urlencoded(form)};
  const std::string error = to_model_request(wire, c.request);
  if (!error.empty()) c.not_judged = error;
  c.request.time.sent_ms = ev.at_ms - base_ms;
  c.request.time.received_ms = c.request.time.sent_ms + 1000;  // second resolution

  const std::string code = str(e, "errorCode");
  model::Observed o;
  if (!code.empty()) {
    o.code = code;
    o.message = str(e, "errorMessage");
    o.request_id = str(e, "requestId");
    o.http_status = status_of_code(profile, code);
  } else {
    json body = e.value("responseElements", json::object());
    if (!body.is_object()) body = json::object();
    if (!body.contains("RequestId") && e.contains("requestId")) body["RequestId"] = e["requestId"];
    harness::WireResult answer;
    answer.kind = harness::WireResult::Kind::kResponse;
    answer.status = 200;
    answer.body = body.dump();
    o = harness::observe(action, answer);
  }
  o.http_status_known = false;
  c.observed = std::move(o);

  const std::string type = str(e, "eventType");
  const std::string service = str(e, "serviceName");
  if (!c.not_judged.empty()) return c;
  if (!type.empty() && type != "ApiCall") {
    c.not_judged = "an event of type '" + type + "', not an API call";
  } else if (!service.empty() && !protocol::iequals(service, "Ecs") &&
             !protocol::iequals(service, "Ebs")) {
    c.not_judged = "an event of service '" + service + "', not Ecs or Ebs";
  } else if (model::action_from_name(action) == model::Action::kUnknown) {
    c.not_judged = "'" + action + "' is not an action of the contract";
  } else if (ak.empty()) {
    c.not_judged = "no userIdentity.accessKeyId: the identity (G3, G11) is unknown";
  } else if (gateway_code_of_a_secret(profile, code)) {
    c.not_judged = code + ": G2/G7 need the secret, G6 the server's time, G8 the nonce, which " +
                   "an audit log does not keep";
  }
  return c;
}

}  // namespace

std::optional<TraceFormat> trace_format_from_name(std::string_view name) {
  if (name == "har") return TraceFormat::kHar;
  if (name == "actiontrail") return TraceFormat::kActionTrail;
  return std::nullopt;
}

TraceFormat detect_trace_format(const std::string& text, const std::string& path) {
  const std::string neither = "neither a HAR file nor an ActionTrail export";
  const std::size_t at = text.find_first_not_of(" \t\r\n");
  if (at == std::string::npos) bad(path, neither + ": empty");
  if (text[at] == '[') return TraceFormat::kActionTrail;
  if (text[at] == '{') {
    // A HAR's first key is `log` (paircheck's streamed recording, a proxy's pretty-printed one):
    // decided without parsing a file that may be large.
    const std::size_t key = text.find_first_not_of(" \t\r\n", at + 1);
    if (key != std::string::npos && text.compare(key, 5, "\"log\"") == 0) return TraceFormat::kHar;
    const json whole = json::parse(text, nullptr, false);
    if (whole.is_object()) {
      if (whole.contains("log")) return TraceFormat::kHar;
      if (whole.contains("Events") || whole.contains("eventName")) return TraceFormat::kActionTrail;
      bad(path, neither + " (no log.entries, Events or eventName)");
    }
    const json first = json::parse(text.substr(at, text.find('\n', at) - at), nullptr, false);
    if (first.is_object() && (first.contains("eventName") || first.contains("eventTime"))) {
      return TraceFormat::kActionTrail;  // JSON lines
    }
  }
  try {
    const json probe = json::parse(text);
    (void)probe;
  } catch (const json::parse_error& e) {
    bad(path, neither + ": not JSON (byte " + std::to_string(e.byte) + ")");
  }
  bad(path, neither + " (no log.entries, Events or eventName)");
}

Trace parse_actiontrail(const std::string& text, const std::string& path,
                        const model::Profile& profile) {
  const json events = events_of(text, path);
  std::vector<Event> read;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = "event " + std::to_string(i + 1);
    const json& e = events[i];
    if (!e.is_object()) bad(path, where + " is not an object");
    if (str(e, "eventName").empty()) bad(path, where + " has no eventName");
    const std::string time = str(e, "eventTime");
    if (time.empty()) bad(path, where + " has no eventTime");
    const auto ms = epoch_ms(time);
    if (!ms) bad(path, where + ": eventTime '" + time + "' is not an ISO 8601 time");
    read.push_back({&e, where, *ms - (*ms % 1000 + 1000) % 1000});
  }
  Trace trace;
  trace.path = path;
  trace.source = "ActionTrail";
  if (read.empty()) return trace;
  const auto [first, last] = std::minmax_element(
      read.begin(), read.end(), [](const Event& a, const Event& b) { return a.at_ms < b.at_ms; });
  for (std::size_t i = 0; i < read.size(); ++i) {
    trace.calls.push_back(call_of(read[i], i, first->at_ms, profile, path));
  }
  trace.first_time = str(*first->e, "eventTime");
  trace.last_time = str(*last->e, "eventTime");
  return trace;
}

Trace read_trace(const std::string& path, const model::Profile& profile,
                 std::optional<TraceFormat> format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad(path, "cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  if (!format) format = detect_trace_format(all, path);
  return *format == TraceFormat::kHar ? parse_har(all, path, profile)
                                      : parse_actiontrail(all, path, profile);
}

}  // namespace paircheck::traces
