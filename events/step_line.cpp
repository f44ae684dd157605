#include "events/step_line.hpp"

#include "models/json_io.hpp"

namespace paircheck::events {
namespace {

using nlohmann::json;

json compact_envelope(const model::Envelope& e) {
  static const model::Envelope kDefault;
  json j = json::object();
  if (e.method != kDefault.method) j["method"] = e.method;
  if (e.path != kDefault.path) j["path"] = e.path;
  if (e.access_key_id != kDefault.access_key_id) j["access_key_id"] = e.access_key_id;
  if (e.signature != kDefault.signature || e.timestamp != kDefault.timestamp) {
    const json full = e;  // the names of the faults, as models/json_io.cpp spells them
    if (e.signature != kDefault.signature) j["signature"] = full.at("signature");
    if (e.timestamp != kDefault.timestamp) j["timestamp"] = full.at("timestamp");
  }
  if (e.timestamp_offset_s != 0) j["timestamp_offset_s"] = e.timestamp_offset_s;
  if (e.timestamp_fraction_digits != 0) {
    j["timestamp_fraction_digits"] = e.timestamp_fraction_digits;
  }
  if (!e.nonce.empty()) j["nonce"] = e.nonce;
  if (e.nonce_reused) j["nonce_reused"] = true;
  // Absent reads as missing (nullopt), so a version is always written when there is one.
  if (e.version) j["version"] = *e.version;
  if (e.format) j["format"] = *e.format;
  return j;
}

json compact_request(const model::Request& r) {
  json params = json::array();
  for (const auto& [k, v] : r.params) params.push_back(json::array({k, v}));
  json j = json{{"action", r.action}, {"params", std::move(params)}};
  json envelope = compact_envelope(r.envelope);
  if (!envelope.empty()) j["envelope"] = std::move(envelope);
  if (r.time.sent_ms != 0 || r.time.received_ms != 0) {
    j["time"] = {{"sent_ms", r.time.sent_ms}, {"received_ms", r.time.received_ms}};
  }
  return j;
}

// An envelope's JSON (models/json_io.cpp) without the fields at the value a reader assumes.
void strip_envelope(json& e) {
  static const json kDefaults = {
      {"method", "POST"},      {"path", "/"},       {"access_key_id", "ak-admin"},
      {"signature", "none"},   {"timestamp", "ok"}, {"timestamp_offset_s", 0},
      {"nonce_reused", false}, {"version", nullptr}};
  for (const auto& [key, value] : kDefaults.items()) {
    if (auto it = e.find(key); it != e.end() && *it == value) e.erase(it);
  }
}

void strip_request(json& r) {
  if (!r.is_object()) return;
  if (auto e = r.find("envelope"); e != r.end() && e->is_object()) {
    strip_envelope(*e);
    if (e->empty()) r.erase(e);
  }
  if (auto t = r.find("time"); t != r.end() && t->is_object() && t->value("sent_ms", 0) == 0 &&
                               t->value("received_ms", 0) == 0) {
    r.erase(t);
  }
}

}  // namespace

void compact_sequence(json& sequence) {
  if (!sequence.is_object() || !sequence.contains("steps") || !sequence["steps"].is_array()) return;
  for (json& step : sequence["steps"]) {
    if (!step.is_object()) continue;
    if (step.contains("request")) strip_request(step["request"]);
    if (step.contains("requests") && step["requests"].is_array()) {
      for (json& r : step["requests"]) strip_request(r);
    }
  }
}

json compact_record(const model::StepRecord& s) {
  json j = json{{"index", s.index}, {"request", compact_request(s.request)}};
  if (s.step) j["step"] = *s.step;
  const bool conformant = s.verdict.conformant;
  if (s.observed) {
    json observed = *s.observed;
    if (s.observed->code.empty()) observed.erase("code");
    if (conformant || s.observed->message.empty()) observed.erase("message");
    if (conformant && !s.observed->pairs.empty()) {
      json pairs = json::array();
      for (const model::ObservedPair& p : s.observed->pairs) {
        pairs.push_back({{"ReplicaPairId", p.replica_pair_id}, {"Status", p.status}});
      }
      observed["pairs"] = std::move(pairs);
    }
    j["observed"] = std::move(observed);
  } else {
    j["unknown"] = true;
  }
  json verdict = s.verdict;
  if (conformant) {
    verdict.erase("conformant");  // read as true
    verdict.erase("message");
  }
  j["verdict"] = std::move(verdict);
  if (!s.target_pair.empty()) j["target_pair"] = s.target_pair;
  if (!s.statuses_before.empty()) {
    json statuses = json::array();
    for (model::PairStatus st : s.statuses_before.list()) statuses.push_back(model::to_string(st));
    j["statuses_before"] = std::move(statuses);
  }
  return j;
}

}  // namespace paircheck::events
