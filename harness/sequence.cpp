#include "harness/sequence.hpp"

#include <cstdio>

#include "models/json_io.hpp"

namespace paircheck::harness {
namespace {

const char* kind_name(Step::Kind k) {
  switch (k) {
    case Step::Kind::kCall:
      return "call";
    case Step::Kind::kWait:
      return "wait";
    case Step::Kind::kSettle:
      return "settle";
    case Step::Kind::kRace:
      return "race";
  }
  return "call";
}

std::string fault_text(model::SignatureFault f) {
  switch (f) {
    case model::SignatureFault::kNone:
      return "";
    case model::SignatureFault::kMissing:
      return " [no signature]";
    case model::SignatureFault::kMalformedAuthorization:
      return " [malformed signature]";
    case model::SignatureFault::kWrongSecret:
      return " [wrong secret]";
    case model::SignatureFault::kBadSignatureMethod:
      return " [bad SignatureMethod]";
  }
  return "";
}

template <class T>
bool read(const nlohmann::json& j, const char* key, T& out) {
  if (!j.contains(key)) return true;  // optional: keep the default
  try {
    out = j.at(key).get<T>();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

std::string show(const Step& step) {
  char buf[64];
  switch (step.kind) {
    case Step::Kind::kRace: {
      std::string out = "race:";
      for (std::size_t i = 0; i < step.racing.size(); ++i) {
        Step one;
        one.request = step.racing[i];
        out += (i == 0 ? " " : " || ") + show(one);
      }
      return out;
    }
    case Step::Kind::kWait:
      std::snprintf(buf, sizeof buf, "wait %.3g s", step.seconds);
      return buf;
    case Step::Kind::kSettle:
      return "settle {pair:" + std::to_string(step.slot) + "}";
    case Step::Kind::kCall:
      break;
  }
  const model::Request& r = step.request;
  std::string out = r.action;
  for (const auto& [name, value] : r.params) {
    out += " " + name + "=" + (value.size() > 40 ? value.substr(0, 37) + "..." : value);
  }
  const model::Envelope& e = r.envelope;
  if (e.access_key_id != "ak-admin")
    out += " [as " + (e.access_key_id.empty() ? "nobody" : e.access_key_id) + "]";
  if (e.method != "POST") out += " [" + e.method + "]";
  out += fault_text(e.signature);
  if (e.timestamp != model::TimestampState::kOk) out += " [bad timestamp]";
  if (e.timestamp_fraction_digits != 0)
    out += " [timestamp ." + std::to_string(e.timestamp_fraction_digits) + " digits]";
  if (e.timestamp_offset_s != 0) out += " [clock " + std::to_string(e.timestamp_offset_s) + " s]";
  if (e.nonce_reused) out += " [reused nonce]";
  return out;
}

nlohmann::json to_json(const Sequence& sequence) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : sequence) {
    nlohmann::json j{{"kind", kind_name(s.kind)}};
    if (s.kind == Step::Kind::kCall) j["request"] = s.request;
    if (s.kind == Step::Kind::kWait) j["seconds"] = s.seconds;
    if (s.kind == Step::Kind::kSettle) j["slot"] = s.slot;
    if (s.kind == Step::Kind::kRace) j["requests"] = s.racing;
    steps.push_back(std::move(j));
  }
  return nlohmann::json{{"steps", std::move(steps)}};
}

std::string from_json(const nlohmann::json& j, Sequence& out) {
  if (!j.is_object() || !j.contains("steps") || !j["steps"].is_array()) {
    return "expected an object with a \"steps\" array";
  }
  out.clear();
  for (std::size_t i = 0; i < j["steps"].size(); ++i) {
    const nlohmann::json& s = j["steps"][i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (!s.is_object() || !s.contains("kind") || !s["kind"].is_string()) {
      return where + ".kind: expected \"call\", \"wait\", \"settle\" or \"race\"";
    }
    Step step;
    const std::string kind = s["kind"].get<std::string>();
    if (kind == "call") {
      step.kind = Step::Kind::kCall;
      if (!s.contains("request")) return where + ".request: missing";
      if (auto e = model::request_from_json(s["request"], step.request); !e.empty()) {
        return where + ".request." + e;
      }
    } else if (kind == "wait") {
      step.kind = Step::Kind::kWait;
      if (!read(s, "seconds", step.seconds) || step.seconds < 0)
        return where + ".seconds: expected a number >= 0";
    } else if (kind == "settle") {
      step.kind = Step::Kind::kSettle;
      if (!read(s, "slot", step.slot)) return where + ".slot: expected an integer >= 0";
    } else if (kind == "race") {
      step.kind = Step::Kind::kRace;
      if (!s.contains("requests") || !s["requests"].is_array() || s["requests"].size() < 2) {
        return where + ".requests: expected an array of at least two requests";
      }
      for (std::size_t k = 0; k < s["requests"].size(); ++k) {
        model::Request r;
        if (auto e = model::request_from_json(s["requests"][k], r); !e.empty()) {
          return where + ".requests[" + std::to_string(k) + "]." + e;
        }
        step.racing.push_back(std::move(r));
      }
    } else {
      return where + ".kind: unknown kind \"" + kind + "\"";
    }
    out.push_back(std::move(step));
  }
  return {};
}

}  // namespace paircheck::harness
