// Profiles (§9) and fixtures (§10) from JSON. The only throwing code of models/: UsageError with
// one line naming the key. Override shape: docs/profiles.md.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/json_io.hpp"
#include "models/rules.hpp"

namespace paircheck::model {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw UsageError("profile: " + key + ": " + what);
}

std::int64_t as_int(const json& v, const std::string& key, std::int64_t min) {
  if (!v.is_number_integer()) fail(key, "expected an integer, got " + v.dump());
  auto n = v.get<std::int64_t>();
  if (n < min) fail(key, "must be at least " + std::to_string(min));
  return n;
}

bool as_bool(const json& v, const std::string& key) {
  if (!v.is_boolean()) fail(key, "expected true or false, got " + v.dump());
  return v.get<bool>();
}

std::string as_string(const json& v, const std::string& key) {
  if (!v.is_string()) fail(key, "expected a string, got " + v.dump());
  return v.get<std::string>();
}

PairStatus as_status(const json& v, const std::string& key) {
  std::string s = as_string(v, key);
  auto st = parse_status(s);
  if (!st) fail(key, "unknown status \"" + s + "\"");
  return *st;
}

PairStatusSet as_statuses(const json& v, const std::string& key) {
  if (!v.is_array()) fail(key, "expected an array of statuses");
  PairStatusSet out;
  for (const json& s : v) out.insert(as_status(s, key));
  return out;
}

void parse_spec(const json& v, const std::string& key, ErrorSpec& spec) {
  if (!v.is_object()) fail(key, "expected an object with http and/or codes");
  for (const auto& [k, x] : v.items()) {
    const std::string sub = key + "." + k;
    if (k == "http") {
      if (!x.is_array() || x.empty()) fail(sub, "expected a non-empty array of HTTP statuses");
      spec.http.clear();
      for (const json& h : x) {
        auto n = as_int(h, sub, 100);
        if (n > 599) fail(sub, "not an HTTP status: " + std::to_string(n));
        spec.http.push_back(static_cast<int>(n));
      }
    } else if (k == "codes") {
      if (!x.is_array() || x.empty()) fail(sub, "expected a non-empty array of codes");
      spec.codes.clear();
      for (const json& c : x) {
        std::string code = as_string(c, sub);
        if (code.empty()) fail(sub, "empty code");
        spec.codes.push_back(code);
      }
    } else {
      fail(sub, "unknown key (expected http or codes)");
    }
  }
}

std::vector<Check> as_order(const json& v, const std::string& key) {
  if (!v.is_array() || v.size() != 5) fail(key, "expected the 5 checks in some order");
  std::vector<Check> out;
  for (const json& x : v) {
    std::string s = as_string(x, key);
    bool found = false;
    for (Check c :
         {Check::kExistence, Check::kSite, Check::kStatus, Check::kDevices, Check::kCooldown}) {
      if (check_name(c) == s && std::find(out.begin(), out.end(), c) == out.end()) {
        out.push_back(c);
        found = true;
      }
    }
    if (!found) fail(key, "unknown or repeated check \"" + s + "\"");
  }
  return out;
}

// A rule-specific knob; false if the rule has no knob of that name.
bool parse_knob(Profile& p, const std::string& rule, const std::string& k, const json& v,
                const std::string& key) {
  static const std::set<std::string> kAccepting = {"O2", "O3", "O4", "O5", "O6", "O7", "O8", "O10"};
  if (k == "accepted" && kAccepting.count(rule)) {
    p.accepted[rule] = as_statuses(v, key);
    return true;
  }
  if (rule == "O5" && k == "noop") {
    p.failover_noop = as_statuses(v, key);
    return true;
  }
  if (rule == "O3" && k == "cooldown_s") {
    p.manual_sync_cooldown_s = as_int(v, key, 0);
    return true;
  }
  if (rule == "O6" && k == "device_check") {
    p.o6_device_check = as_bool(v, key);
    return true;
  }
  if (rule == "S5" && k == "target") {
    p.reprotect_target = as_status(v, key);
    return true;
  }
  if (rule == "S6" && k == "failures") {
    if (!v.is_object()) fail(key, "expected an object {transient status: failure status}");
    p.async_failure_of.clear();
    for (const auto& [from, to] : v.items()) {
      auto s = parse_status(from);
      if (!s) fail(key, "unknown status \"" + from + "\"");
      if (!is_transient(*s)) fail(key, "\"" + from + "\" is not transient");
      p.async_failure_of[*s] = as_status(to, key + "." + from);
    }
    return true;
  }
  if (rule == "I2" && k == "actions") {
    if (!v.is_object()) fail(key, "expected an object {Action: true|false}");
    for (const auto& [action, on] : v.items()) {
      if (!takes_client_token(action_from_name(action)))
        fail(key, "\"" + action + "\" takes no ClientToken");
      if (as_bool(on, key + "." + action)) {
        p.i2_reject_actions.insert(action);
      } else {
        p.i2_reject_actions.erase(action);
      }
    }
    return true;
  }
  if (rule == "I3" && k == "consumed_on_error") {
    p.i3_consumed_on_error = as_bool(v, key);
    return true;
  }
  if (rule == "I4" && k == "before_lookup") {
    p.i4_before_lookup = as_bool(v, key);
    return true;
  }
  if (rule == "I5" && k == "ttl_s") {
    p.token_ttl_s = v.is_null() ? std::nullopt : std::optional<std::int64_t>(as_int(v, key, 0));
    return true;
  }
  if (rule == "I6" && k == "allowed") {
    p.i6_allowed = as_bool(v, key);
    return true;
  }
  if (rule == "P3" && k == "max_length") {
    p.p3_max_length = static_cast<std::size_t>(as_int(v, key, 1));
    return true;
  }
  if (rule == "P2") {
    ParamForms& f = p.p2_forms;
    for (auto [name, field] :
         {std::pair{"bool_case_insensitive", &ParamForms::bool_case_insensitive},
          std::pair{"enum_case_insensitive", &ParamForms::enum_case_insensitive},
          std::pair{"int_plus_sign", &ParamForms::int_plus_sign},
          std::pair{"int_leading_zeros", &ParamForms::int_leading_zeros},
          std::pair{"trim_spaces", &ParamForms::trim_spaces},
          std::pair{"list_gaps", &ParamForms::list_gaps},
          std::pair{"list_spaces", &ParamForms::list_spaces}}) {
      if (k == name) {
        f.*field = as_bool(v, key);
        return true;
      }
    }
  }
  if (rule == "P4" && k == "ignore_unknown") {
    p.p4_ignore_unknown = as_bool(v, key);
    return true;
  }
  if (rule == "O0" && k == "order") {
    p.o0_order = as_order(v, key);
    return true;
  }
  if (rule == "X3" && k == "attachable") {
    p.x3_attachable = as_statuses(v, key);
    return true;
  }
  if (rule == "G5" && k == "fraction_digits") {
    const std::int64_t n = as_int(v, key, 0);
    if (n > 9) fail(key, "must be at most 9");
    p.g5_fraction_digits = static_cast<int>(n);
    return true;
  }
  if (rule == "G6" && k == "window_s") {
    p.g6_window_s = as_int(v, key, 0);
    return true;
  }
  if (rule == "G8" && k == "window_s") {
    p.g8_window_s = as_int(v, key, 0);
    return true;
  }
  if (rule == "O1" && k == "id_prefix") {
    p.pair_id_prefix = as_string(v, key);
    return true;
  }
  if (rule == "O9" && k == "page_size_default") {
    p.page_size_default = as_int(v, key, 1);
    return true;
  }
  if (rule == "M2" && k == "server_error_codes") {
    if (!v.is_array()) fail(key, "expected an array of codes");
    p.server_error_codes.clear();
    for (const json& c : v) p.server_error_codes.push_back(as_string(c, key));
    return true;
  }
  if (rule == "O9" && k == "walk_joiners_required") {
    p.o9_walk_joiners_required = as_bool(v, key);
    return true;
  }
  if (rule == "O9" && k == "last_recover_point") {
    p.o9_last_recover_point = as_bool(v, key);
    return true;
  }
  if (rule == "O10" && k == "progress_full_after_sync") {
    p.o10_progress_full_after_sync = as_bool(v, key);
    return true;
  }
  if (rule == "O9" && k == "max_results_default") {
    p.max_results_default = as_int(v, key, 1);
    return true;
  }
  return false;
}

void parse_overrides(Profile& p, const json& o) {
  if (!o.is_object()) fail("overrides", "expected an object keyed by rule ID");
  for (const auto& [rule, body] : o.items()) {
    const std::string key = "overrides." + rule;
    if (find_rule(rule) == nullptr) fail(key, "unknown rule ID");
    if (!body.is_object()) fail(key, "expected an object");
    for (const auto& [k, v] : body.items()) {
      const std::string sub = key + "." + k;
      if ((k == "http" || k == "codes") && p.errors.count(rule)) {
        parse_spec(json{{k, v}}, key, p.errors[rule]);
      } else if (auto it = p.errors.find(rule + "." + k); it != p.errors.end()) {
        parse_spec(v, sub, it->second);
      } else if (!parse_knob(p, rule, k, v, sub)) {
        fail(sub, "unknown key");
      }
    }
  }
}

}  // namespace

Profile parse_profile(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw UsageError("profile: not a JSON object");
  Profile p = default_profile();
  p.profile_version = "unversioned";  // a file that does not say (profiles before issue 17)
  for (const auto& [k, v] : j.items()) {
    if (k == "api") {
      p.api = as_string(v, k);
      if (p.api.empty()) fail(k, "empty");
    } else if (k == "profile_version") {
      p.profile_version = as_string(v, k);
      if (p.profile_version.empty()) fail(k, "empty");
    } else if (k == "api_version") {
      p.api_version = as_string(v, k);
    } else if (k == "signature") {
      p.signature = as_string(v, k);
      if (p.signature != "v1" && p.signature != "v3") fail(k, "expected \"v1\" or \"v3\"");
    } else if (k == "manual_sync_cooldown_s") {
      p.manual_sync_cooldown_s = as_int(v, k, 0);
    } else if (k == "token_ttl_s") {
      p.token_ttl_s = v.is_null() ? std::nullopt : std::optional<std::int64_t>(as_int(v, k, 0));
    } else if (k == "async_failures") {
      p.async_failures = as_bool(v, k);
    } else if (k == "settle_timeout_s") {
      p.settle_timeout_s = as_int(v, k, 1);
    } else if (k == "time_skew_tolerance_s") {
      p.time_skew_tolerance_s = as_int(v, k, 0);
    } else if (k == "foreign_pairs") {
      p.foreign_pairs = as_string(v, k);
      if (p.foreign_pairs != "ignore" && p.foreign_pairs != "report") {
        fail(k, "expected \"ignore\" or \"report\"");
      }
    } else if (k == "overrides") {
      continue;  // last, so that its knobs win over the fixed keys
    } else {
      fail(k, "unknown key");
    }
  }
  if (auto it = j.find("overrides"); it != j.end()) parse_overrides(p, *it);
  return p;
}

Profile load_profile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError("profile: cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return parse_profile(ss.str());
  } catch (const UsageError& e) {
    throw UsageError(std::string(e.what()) + " (" + path + ")");
  }
}

void to_json(json& j, const Profile& p) {
  j = json{{"api", p.api},
           {"profile_version", p.profile_version},
           {"api_version", p.api_version},
           {"signature", p.signature},
           {"manual_sync_cooldown_s", p.manual_sync_cooldown_s},
           {"async_failures", p.async_failures},
           {"settle_timeout_s", p.settle_timeout_s},
           {"time_skew_tolerance_s", p.time_skew_tolerance_s},
           {"foreign_pairs", p.foreign_pairs}};
  j["token_ttl_s"] = p.token_ttl_s ? json(*p.token_ttl_s) : json(nullptr);
  json o = json::object();
  for (const auto& [key, spec] : p.errors) {
    auto dot = key.find('.');
    json s{{"http", spec.http}, {"codes", spec.codes}};
    if (dot == std::string::npos) {
      o[key].update(s);
    } else {
      o[key.substr(0, dot)][key.substr(dot + 1)] = s;
    }
  }
  auto names = [](PairStatusSet s) {
    json a = json::array();
    for (PairStatus st : s.list()) a.push_back(to_string(st));
    return a;
  };
  for (const auto& [rule, set] : p.accepted) o[rule]["accepted"] = names(set);
  o["O5"]["noop"] = names(p.failover_noop);
  o["O6"]["device_check"] = p.o6_device_check;
  o["S5"]["target"] = to_string(p.reprotect_target);
  for (const auto& [from, to] : p.async_failure_of)
    o["S6"]["failures"][std::string(to_string(from))] = to_string(to);
  for (Action a : {Action::kCreate, Action::kStart, Action::kStop, Action::kFailover,
                   Action::kReprotect, Action::kDelete, Action::kModify}) {
    std::string n(action_name(a));
    o["I2"]["actions"][n] = p.i2_reject_actions.count(n) != 0;
  }
  o["I3"]["consumed_on_error"] = p.i3_consumed_on_error;
  o["I4"]["before_lookup"] = p.i4_before_lookup;
  o["I5"]["ttl_s"] = p.token_ttl_s ? json(*p.token_ttl_s) : json(nullptr);
  o["I6"]["allowed"] = p.i6_allowed;
  o["O3"]["cooldown_s"] = p.manual_sync_cooldown_s;
  o["P2"]["bool_case_insensitive"] = p.p2_forms.bool_case_insensitive;
  o["P2"]["enum_case_insensitive"] = p.p2_forms.enum_case_insensitive;
  o["P2"]["int_plus_sign"] = p.p2_forms.int_plus_sign;
  o["P2"]["int_leading_zeros"] = p.p2_forms.int_leading_zeros;
  o["P2"]["trim_spaces"] = p.p2_forms.trim_spaces;
  o["P2"]["list_gaps"] = p.p2_forms.list_gaps;
  o["P2"]["list_spaces"] = p.p2_forms.list_spaces;
  o["P3"]["max_length"] = p.p3_max_length;
  o["P4"]["ignore_unknown"] = p.p4_ignore_unknown;
  for (Check c : p.o0_order) o["O0"]["order"].push_back(check_name(c));
  o["X3"]["attachable"] = names(p.x3_attachable);
  o["G5"]["fraction_digits"] = p.g5_fraction_digits;
  o["G6"]["window_s"] = p.g6_window_s;
  o["G8"]["window_s"] = p.g8_window_s;
  o["O1"]["id_prefix"] = p.pair_id_prefix;
  o["O9"]["page_size_default"] = p.page_size_default;
  o["O9"]["max_results_default"] = p.max_results_default;
  o["O9"]["walk_joiners_required"] = p.o9_walk_joiners_required;
  o["O9"]["last_recover_point"] = p.o9_last_recover_point;
  o["O10"]["progress_full_after_sync"] = p.o10_progress_full_after_sync;
  o["M2"]["server_error_codes"] = p.server_error_codes;
  j["overrides"] = o;
}

Universe parse_universe(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw UsageError("fixture: not a JSON object");
  Universe u;
  auto str = [](const json& o, const char* k, const std::string& where) {
    auto it = o.find(k);
    if (it == o.end() || !it->is_string())
      throw UsageError("fixture: " + where + "." + k + ": expected a string");
    return it->get<std::string>();
  };
  u.account_id = j.contains("account_id") ? str(j, "account_id", "") : "";
  auto list = [&](const char* k) {
    auto it = j.find(k);
    if (it == j.end()) return json::array();
    if (!it->is_array()) throw UsageError(std::string("fixture: ") + k + ": expected an array");
    return *it;
  };
  for (const json& i : list("identities")) {
    Identity id{str(i, "access_key_id", "identities[]"), {}};
    if (auto a = i.find("actions"); a != i.end() && a->is_array()) {
      for (const json& x : *a) id.actions.push_back(x.is_string() ? x.get<std::string>() : "");
    }
    u.identities.push_back(std::move(id));
  }
  for (const json& d : list("disks")) {
    u.disks.push_back({str(d, "disk_id", "disks[]"), str(d, "region_id", "disks[]"),
                       str(d, "zone_id", "disks[]")});
  }
  for (const json& d : list("instances")) {
    u.instances.push_back({str(d, "instance_id", "instances[]"), str(d, "region_id", "instances[]"),
                           str(d, "zone_id", "instances[]")});
  }
  return u;
}

}  // namespace paircheck::model
