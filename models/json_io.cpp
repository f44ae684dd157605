// The JSON forms of the model's values (style.md 6: serialization beside the type) and the
// response-body reader (W2-W4). parse_observed never throws.
#include "models/json_io.hpp"

#include <nlohmann/json.hpp>

#include "models/rules.hpp"

namespace paircheck::model {
namespace {

using nlohmann::json;

std::optional<std::string> get_str(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Integers as JSON numbers, or as decimal strings (lenient: some gateways quote them).
std::optional<std::int64_t> get_int(const json& o, const char* key, std::string& error) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos) {
      return std::stoll(s);
    }
  }
  if (error.empty()) error = std::string("field ") + key + " is not an integer";
  return std::nullopt;
}

ObservedPair read_pair(const json& j, std::string& error) {
  ObservedPair p;
  p.replica_pair_id = get_str(j, "ReplicaPairId").value_or("");
  p.status = get_str(j, "Status").value_or("");
  if (p.replica_pair_id.empty() || p.status.empty())
    error = "a ReplicaPairs item lacks ReplicaPairId or Status";
  p.pair_name = get_str(j, "PairName");
  p.description = get_str(j, "Description");
  p.source_region = get_str(j, "SourceRegion");
  p.source_zone_id = get_str(j, "SourceZoneId");
  p.source_disk_id = get_str(j, "SourceDiskId");
  p.destination_region = get_str(j, "DestinationRegion");
  p.destination_zone_id = get_str(j, "DestinationZoneId");
  p.destination_disk_id = get_str(j, "DestinationDiskId");
  p.primary_region = get_str(j, "PrimaryRegion");
  p.primary_zone = get_str(j, "PrimaryZone");
  p.standby_region = get_str(j, "StandbyRegion");
  p.standby_zone = get_str(j, "StandbyZone");
  p.rpo = get_int(j, "RPO", error);
  p.bandwidth = get_int(j, "Bandwidth", error);
  p.charge_type = get_str(j, "ChargeType");
  p.site = get_str(j, "Site");
  p.last_recover_point = get_int(j, "LastRecoverPoint", error);
  return p;
}

void read_success(std::string_view action, const json& j, Observed& o, std::string& error) {
  if (action == "CreateDiskReplicaPair") {
    o.replica_pair_id = get_str(j, "ReplicaPairId").value_or("");
    if (o.replica_pair_id.empty()) error = "CreateDiskReplicaPair response lacks ReplicaPairId";
  } else if (action == "DescribeDiskReplicaPairs") {
    auto it = j.find("ReplicaPairs");
    if (it == j.end() || !it->is_array()) {
      error = "DescribeDiskReplicaPairs response lacks the ReplicaPairs array";
    } else {
      for (const json& item : *it) {
        if (item.is_object()) {
          o.pairs.push_back(read_pair(item, error));
        } else {
          error = "a ReplicaPairs item is not an object";
        }
      }
    }
    o.next_token = get_str(j, "NextToken");
    o.total_count = get_int(j, "TotalCount", error);
    o.page_number = get_int(j, "PageNumber", error);
    o.page_size = get_int(j, "PageSize", error);
  } else if (action == "DescribeDiskReplicaPairProgress") {
    o.progress = get_int(j, "Progress", error);
    o.recover_point = get_int(j, "RecoverPoint", error);
    if (!o.progress && error.empty())
      error = "DescribeDiskReplicaPairProgress response lacks Progress";
  }
}

template <typename T>
void put_opt(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

std::string_view fault_name(SignatureFault f) {
  switch (f) {
    case SignatureFault::kNone:
      return "none";
    case SignatureFault::kMissing:
      return "missing";
    case SignatureFault::kMalformedAuthorization:
      return "malformed_authorization";
    case SignatureFault::kWrongSecret:
      return "wrong_secret";
    case SignatureFault::kBadSignatureMethod:
      return "bad_signature_method";
  }
  return "?";
}

}  // namespace

Observed parse_observed(std::string_view action, int http_status, std::string_view body) {
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) {
    Observed o;
    o.http_status = http_status;
    o.shape_error = "the body is not a JSON object";
    return o;
  }
  return parse_observed_document(action, http_status, j);
}

Observed parse_observed_document(std::string_view action, int http_status, const json& j) {
  Observed o;
  o.http_status = http_status;
  if (!j.is_object()) {
    o.shape_error = "the body is not a JSON object";
    return o;
  }
  std::string error;
  o.request_id = get_str(j, "RequestId").value_or("");
  o.code = get_str(j, "Code").value_or("");
  o.message = get_str(j, "Message").value_or("");
  if (http_status >= 400) {
    if (!get_str(j, "HostId") || !get_str(j, "Message"))
      error = "the error body lacks HostId or Message";
  } else if (http_status == 200 && o.code.empty()) {
    read_success(action, j, o, error);
  }
  if (!error.empty()) o.shape_error = error;
  return o;
}

void to_json(json& j, const Envelope& e) {
  j = json{{"method", e.method},
           {"path", e.path},
           {"access_key_id", e.access_key_id},
           {"signature", fault_name(e.signature)},
           {"timestamp", e.timestamp == TimestampState::kOk ? "ok" : "unparsable"},
           {"timestamp_offset_s", e.timestamp_offset_s},
           {"nonce", e.nonce},
           {"nonce_reused", e.nonce_reused}};
  j["version"] = e.version ? json(*e.version) : json(nullptr);
  put_opt(j, "format", e.format);
  if (e.timestamp_fraction_digits != 0)
    j["timestamp_fraction_digits"] = e.timestamp_fraction_digits;
}

void to_json(json& j, const Request& r) {
  json params = json::array();
  for (const auto& [k, v] : r.params) params.push_back(json::array({k, v}));
  j = json{{"action", r.action},
           {"params", params},
           {"envelope", r.envelope},
           {"time", {{"sent_ms", r.time.sent_ms}, {"received_ms", r.time.received_ms}}}};
}

void to_json(json& j, const ObservedPair& p) {
  j = json{{"ReplicaPairId", p.replica_pair_id}, {"Status", p.status}};
  put_opt(j, "PairName", p.pair_name);
  put_opt(j, "Description", p.description);
  put_opt(j, "SourceRegion", p.source_region);
  put_opt(j, "SourceZoneId", p.source_zone_id);
  put_opt(j, "SourceDiskId", p.source_disk_id);
  put_opt(j, "DestinationRegion", p.destination_region);
  put_opt(j, "DestinationZoneId", p.destination_zone_id);
  put_opt(j, "DestinationDiskId", p.destination_disk_id);
  put_opt(j, "PrimaryRegion", p.primary_region);
  put_opt(j, "PrimaryZone", p.primary_zone);
  put_opt(j, "StandbyRegion", p.standby_region);
  put_opt(j, "StandbyZone", p.standby_zone);
  put_opt(j, "RPO", p.rpo);
  put_opt(j, "Bandwidth", p.bandwidth);
  put_opt(j, "ChargeType", p.charge_type);
  put_opt(j, "Site", p.site);
  put_opt(j, "LastRecoverPoint", p.last_recover_point);
}

void to_json(json& j, const Observed& o) {
  j = json{{"http_status", o.http_status},
           {"code", o.code},
           {"request_id", o.request_id},
           {"message", o.message}};
  if (!o.replica_pair_id.empty()) j["replica_pair_id"] = o.replica_pair_id;
  if (!o.pairs.empty()) j["pairs"] = o.pairs;
  put_opt(j, "next_token", o.next_token);
  put_opt(j, "total_count", o.total_count);
  put_opt(j, "page_number", o.page_number);
  put_opt(j, "page_size", o.page_size);
  put_opt(j, "progress", o.progress);
  put_opt(j, "recover_point", o.recover_point);
  if (!o.shape_error.empty()) j["shape_error"] = o.shape_error;
  if (!o.body.empty()) j["body"] = o.body;
  if (!o.http_status_known) j["http_status_known"] = false;
}

void to_json(json& j, const Verdict& v) {
  auto ids = [](const RuleIds& rules) {
    json out = json::array();
    for (RuleId r : rules) out.push_back(to_string(r));
    return out;
  };
  j = json{{"conformant", v.conformant},
           {"rule_ids", ids(v.rule_ids)},
           {"exercised", ids(v.exercised.list())},
           {"allowed", v.allowed},
           {"message", v.message}};
  if (!v.violations.empty()) {
    json violations = json::array();
    for (const Violation& x : v.violations) {
      violations.push_back({{"rule", to_string(x.rule)}, {"evidence", x.evidence}});
    }
    j["violations"] = std::move(violations);
  }
  if (v.key) j["key"] = v.key->str();
}

void to_json(json& j, const StepRecord& s) {
  json statuses = json::array();
  for (PairStatus st : s.statuses_before.list()) statuses.push_back(to_string(st));
  j = json{
      {"index", s.index},     {"request", s.request},         {"unknown", !s.observed.has_value()},
      {"verdict", s.verdict}, {"target_pair", s.target_pair}, {"statuses_before", statuses}};
  j["observed"] = s.observed ? json(*s.observed) : json(nullptr);
  if (s.step) j["step"] = *s.step;
}

json rules_json() {
  json out = json::array();
  for (const RuleInfo& r : all_rules()) {
    out.push_back(
        {{"id", r.id}, {"kind", std::string(1, r.kind)}, {"title", r.title}, {"text", r.text}});
  }
  return out;
}

}  // namespace paircheck::model
