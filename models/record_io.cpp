// The run log's values read back (json_io.hpp): requests, responses, verdicts and step records.
// request_from_json reports a bad shape as a one-line error (replay files are user input); the
// from_json functions throw nlohmann::json::exception, which the run-log reader names by line.
#include <nlohmann/json.hpp>

#include "models/json_io.hpp"

namespace paircheck::model {
namespace {

using nlohmann::json;

std::optional<SignatureFault> fault_from(const std::string& s) {
  using F = SignatureFault;
  if (s == "none") return F::kNone;
  if (s == "missing") return F::kMissing;
  if (s == "malformed_authorization") return F::kMalformedAuthorization;
  if (s == "wrong_secret") return F::kWrongSecret;
  if (s == "bad_signature_method") return F::kBadSignatureMethod;
  return std::nullopt;
}

template <class T>
bool read(const json& j, const char* key, T& out) {
  if (!j.contains(key)) return true;  // optional: keep the default
  try {
    out = j.at(key).get<T>();
    return true;
  } catch (const json::exception&) {
    return false;
  }
}

template <class T>
void get_opt(const json& j, const char* key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end() && !it->is_null()) out = it->get<T>();
}

RuleIds rule_list(const json& j, const char* key) {
  RuleIds out;
  if (!j.contains(key)) return out;
  for (const json& id : j.at(key)) {
    if (auto r = parse_rule_id(id.get<std::string>())) out.push_back(*r);  // other versions' IDs
  }
  return out;
}

}  // namespace

std::string request_from_json(const json& j, Request& out) {
  if (!j.is_object()) return "expected an object";
  out = Request{};
  if (!read(j, "action", out.action)) return "action: expected a string";
  if (j.contains("params")) {
    const auto& params = j["params"];
    if (!params.is_array()) return "params: expected an array of [name, value]";
    for (const auto& p : params) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) {
        return "params: expected an array of [name, value] strings";
      }
      out.params.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
    }
  }
  if (!j.contains("envelope")) return {};
  const auto& e = j["envelope"];
  if (!e.is_object()) return "envelope: expected an object";
  Envelope& env = out.envelope;
  if (!read(e, "method", env.method)) return "envelope.method: expected a string";
  if (!read(e, "path", env.path)) return "envelope.path: expected a string";
  if (!read(e, "access_key_id", env.access_key_id))
    return "envelope.access_key_id: expected a string";
  if (!read(e, "timestamp_offset_s", env.timestamp_offset_s))
    return "envelope.timestamp_offset_s: expected an integer";
  if (!read(e, "nonce", env.nonce)) return "envelope.nonce: expected a string";
  int fraction_digits = 0;  // absent in logs written before §11 "G5 fractions"
  if (!read(e, "timestamp_fraction_digits", fraction_digits) || fraction_digits < 0 ||
      fraction_digits > 99) {
    return "envelope.timestamp_fraction_digits: expected an integer 0-99";
  }
  env.timestamp_fraction_digits = static_cast<std::uint8_t>(fraction_digits);
  if (!read(e, "nonce_reused", env.nonce_reused))
    return "envelope.nonce_reused: expected a boolean";
  if (e.contains("version")) {
    if (e["version"].is_null())
      env.version.reset();
    else if (e["version"].is_string())
      env.version = e["version"].get<std::string>();
    else
      return "envelope.version: expected a string or null";
  }
  if (e.contains("format")) {
    if (!e["format"].is_string()) return "envelope.format: expected a string";
    env.format = e["format"].get<std::string>();
  }
  std::string signature = "none", timestamp = "ok";
  if (!read(e, "signature", signature)) return "envelope.signature: expected a string";
  auto fault = fault_from(signature);
  if (!fault) return "envelope.signature: unknown value \"" + signature + "\"";
  env.signature = *fault;
  if (!read(e, "timestamp", timestamp) || (timestamp != "ok" && timestamp != "unparsable")) {
    return "envelope.timestamp: expected \"ok\" or \"unparsable\"";
  }
  env.timestamp = timestamp == "ok" ? TimestampState::kOk : TimestampState::kUnparsable;
  return {};
}

void from_json(const json& j, ObservedPair& p) {
  p.replica_pair_id = j.at("ReplicaPairId").get<std::string>();
  p.status = j.at("Status").get<std::string>();
  get_opt(j, "PairName", p.pair_name);
  get_opt(j, "Description", p.description);
  get_opt(j, "SourceRegion", p.source_region);
  get_opt(j, "SourceZoneId", p.source_zone_id);
  get_opt(j, "SourceDiskId", p.source_disk_id);
  get_opt(j, "DestinationRegion", p.destination_region);
  get_opt(j, "DestinationZoneId", p.destination_zone_id);
  get_opt(j, "DestinationDiskId", p.destination_disk_id);
  get_opt(j, "PrimaryRegion", p.primary_region);
  get_opt(j, "PrimaryZone", p.primary_zone);
  get_opt(j, "StandbyRegion", p.standby_region);
  get_opt(j, "StandbyZone", p.standby_zone);
  get_opt(j, "RPO", p.rpo);
  get_opt(j, "Bandwidth", p.bandwidth);
  get_opt(j, "ChargeType", p.charge_type);
  get_opt(j, "Site", p.site);
  get_opt(j, "LastRecoverPoint", p.last_recover_point);
}

void from_json(const json& j, Observed& o) {
  o.http_status = j.at("http_status").get<int>();
  o.http_status_known = j.value("http_status_known", true);  // absent: a wire answer's status
  o.code = j.value("code", std::string());
  o.request_id = j.value("request_id", std::string());
  o.message = j.value("message", std::string());
  o.replica_pair_id = j.value("replica_pair_id", std::string());
  if (j.contains("pairs")) o.pairs = j.at("pairs").get<std::vector<ObservedPair>>();
  get_opt(j, "next_token", o.next_token);
  get_opt(j, "total_count", o.total_count);
  get_opt(j, "page_number", o.page_number);
  get_opt(j, "page_size", o.page_size);
  get_opt(j, "progress", o.progress);
  get_opt(j, "recover_point", o.recover_point);
  o.shape_error = j.value("shape_error", std::string());
  o.body = j.value("body", std::string());  // absent in older logs and for well-formed bodies
}

void from_json(const json& j, Verdict& v) {
  v.conformant = j.value("conformant", true);
  v.rule_ids = rule_list(j, "rule_ids");
  for (RuleId r : rule_list(j, "exercised")) v.exercised.insert(r);
  if (!j.contains("exercised")) {  // run-log/1: the named rules were the tally
    for (RuleId r : v.rule_ids) v.exercised.insert(r);
  }
  if (j.contains("violations")) {
    for (const json& x : j.at("violations")) {
      if (auto r = parse_rule_id(x.at("rule").get<std::string>())) {
        v.violations.push_back({*r, x.value("evidence", std::string())});
      }
    }
  }
  v.allowed = j.value("allowed", std::vector<std::string>{});
  v.message = j.value("message", std::string());
  if (j.contains("key")) v.key = FindingKey::parse(j.at("key").get<std::string>());
  if (!v.conformant && v.violations.empty() && !v.rule_ids.empty()) {  // run-log/1
    v.violations.push_back({v.rule_ids.front(), v.message});
  }
}

void from_json(const json& j, StepRecord& s) {
  s.index = j.value("index", std::size_t{0});
  s.step.reset();
  get_opt(j, "step", s.step);  // absent in older logs
  if (auto error = request_from_json(j.at("request"), s.request); !error.empty()) {
    throw json::other_error::create(501, "request." + error, &j);
  }
  s.observed.reset();
  if (auto it = j.find("observed"); it != j.end() && it->is_object())
    s.observed = it->get<Observed>();
  s.verdict = j.at("verdict").get<Verdict>();
  s.target_pair = j.value("target_pair", std::string());
  s.statuses_before = PairStatusSet{};
  if (j.contains("statuses_before")) {
    for (const json& st : j.at("statuses_before")) {
      if (auto parsed = parse_status(st.get<std::string>())) s.statuses_before.insert(*parsed);
    }
  }
}

}  // namespace paircheck::model
