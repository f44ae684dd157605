#include "models/params.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace paircheck::model {
namespace {

enum class Type : std::uint8_t { kString, kInt, kBool };
enum class Range : std::uint8_t {
  kNone,
  kPairName,
  kDescription,
  kRpo,
  kBandwidth,
  kChargeType,
  kMaxResults,
  kPageSize,
  kPageNumber,
  kPairIds,
  kSite,
};

struct Spec {
  std::string_view name;
  Type type;
  bool required;
  Range range;
};

constexpr Spec kRegion{"RegionId", Type::kString, true, Range::kNone};
constexpr Spec kPairId{"ReplicaPairId", Type::kString, true, Range::kNone};
constexpr Spec kToken{"ClientToken", Type::kString, false, Range::kNone};

std::vector<Spec> specs(Action a) {
  using T = Type;
  using R = Range;
  switch (a) {
    case Action::kCreate:
      return {kRegion,
              {"SourceZoneId", T::kString, true, R::kNone},
              {"DiskId", T::kString, true, R::kNone},
              {"DestinationRegionId", T::kString, true, R::kNone},
              {"DestinationZoneId", T::kString, true, R::kNone},
              {"DestinationDiskId", T::kString, true, R::kNone},
              {"PairName", T::kString, false, R::kPairName},
              {"Description", T::kString, false, R::kDescription},
              {"ChargeType", T::kString, false, R::kChargeType},
              {"Period", T::kInt, false, R::kNone},
              {"PeriodUnit", T::kString, false, R::kNone},
              {"Bandwidth", T::kInt, false, R::kBandwidth},
              {"RPO", T::kInt, false, R::kRpo},
              kToken,
              {"ResourceGroupId", T::kString, false, R::kNone},
              {"EnableRtc", T::kBool, false, R::kNone}};
    case Action::kDescribe:
      return {kRegion,
              {"MaxResults", T::kInt, false, R::kMaxResults},
              {"NextToken", T::kString, false, R::kNone},
              {"PageNumber", T::kInt, false, R::kPageNumber},
              {"PageSize", T::kInt, false, R::kPageSize},
              {"PairIds", T::kString, false, R::kPairIds},
              {"ReplicaGroupId", T::kString, false, R::kNone},
              {"Site", T::kString, false, R::kSite},
              {"ResourceGroupId", T::kString, false, R::kNone},
              {"Name", T::kString, false, R::kNone}};
    case Action::kStart:
      return {kRegion, kPairId, kToken, {"OneShot", T::kBool, false, R::kNone}};
    case Action::kStop:
    case Action::kFailover:
    case Action::kDelete:
      return {kRegion, kPairId, kToken};
    case Action::kReprotect:
      return {kRegion, kPairId, kToken, {"ReverseReplicate", T::kBool, false, R::kNone}};
    case Action::kModify:
      return {kRegion,
              kPairId,
              kToken,
              {"PairName", T::kString, false, R::kPairName},
              {"Description", T::kString, false, R::kDescription},
              {"RPO", T::kInt, false, R::kRpo},
              {"Bandwidth", T::kInt, false, R::kBandwidth},
              {"EnableRtc", T::kBool, false, R::kNone}};
    case Action::kProgress:
      return {kRegion, kPairId};
    case Action::kAttachDisk:
    case Action::kDetachDisk:
      return {{"InstanceId", T::kString, true, R::kNone}, {"DiskId", T::kString, true, R::kNone}};
    case Action::kUnknown:
      break;
  }
  return {};
}

// §11 P1/P2: empty means "none" for these.
bool empty_means_none(std::string_view name) {
  return name == "ClientToken" || name == "NextToken" || name == "PairIds";
}

bool is_int(std::string_view v) {
  std::size_t i = (!v.empty() && v[0] == '-') ? 1 : 0;
  if (v.size() == i || v.size() - i > 18) return false;
  return std::all_of(v.begin() + static_cast<std::ptrdiff_t>(i), v.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool has_url_prefix(std::string_view v) {
  return v.substr(0, 7) == "http://" || v.substr(0, 8) == "https://";
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool in_range(Range r, std::string_view v) {
  switch (r) {
    case Range::kNone:
      return true;
    case Range::kPairName:
      if (v.size() < 2 || v.size() > 128 || !is_ascii_letter(v[0]) || has_url_prefix(v))
        return false;
      return std::all_of(v.begin(), v.end(), [](char c) {
        return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.' ||
               c == '-';
      });
    case Range::kDescription:
      return v.size() >= 2 && v.size() <= 256 && !has_url_prefix(v);
    case Range::kRpo:
      return v == "900";
    case Range::kBandwidth:
      return v == "10240" || v == "20480" || v == "51200" || v == "102400";
    case Range::kChargeType:
      return v == "PREPAY" || v == "POSTPAY";
    case Range::kMaxResults: {
      auto n = std::stoll(std::string(v));
      return n >= 1 && n <= 500;
    }
    case Range::kPageSize: {
      auto n = std::stoll(std::string(v));
      return n >= 1 && n <= 100;
    }
    case Range::kPageNumber:
      return std::stoll(std::string(v)) >= 1;
    case Range::kPairIds: {
      std::size_t n = 0, start = 0;
      while (start <= v.size()) {
        std::size_t end = v.find(',', start);
        if (end == std::string_view::npos) end = v.size();
        if (end > start) ++n;
        start = end + 1;
      }
      return n <= 100;
    }
    case Range::kSite:
      return v == "production" || v == "backup";
  }
  return true;
}

bool is_tag_name(std::string_view n) {
  if (n.substr(0, 4) != "Tag.") return false;
  std::size_t dot = n.find('.', 4);
  if (dot == std::string_view::npos || dot == 4) return false;
  std::string_view num = n.substr(4, dot - 4), field = n.substr(dot + 1);
  return std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         (field == "Key" || field == "Value");
}

Rejection reject(RuleIds rules, std::string key, std::string_view param, std::string why) {
  return Rejection{std::move(rules), std::move(key), std::string(param), std::move(why)};
}

}  // namespace

std::optional<Rejection> validate_params(Action action, const Request& request,
                                         const Profile& profile) {
  const Params& p = request.params;
  const std::vector<Spec> list = specs(action);
  for (const Spec& s : list) {  // P1
    if (!s.required) continue;
    auto v = find_param(p, s.name);
    if (!v || v->empty())
      return reject({RuleId::kP1}, "P1", s.name, std::string(s.name) + " is missing or empty");
  }
  if (const auto& f = request.envelope.format; f && *f != "JSON" && *f != "json" && *f != "XML") {
    return reject({RuleId::kW1, RuleId::kP2}, "W1.format", "Format",
                  "Format \"" + *f + "\" is not JSON/json/XML");
  }
  for (const Spec& s : list) {  // P2 types
    auto v = find_param(p, s.name);
    if (!v || (v->empty() && empty_means_none(s.name))) continue;
    if (s.type == Type::kInt && !is_int(*v)) {
      return reject({RuleId::kP2}, "P2", s.name,
                    std::string(s.name) + "=\"" + *v + "\" is not a decimal integer");
    }
    if (s.type == Type::kBool && *v != "true" && *v != "false") {
      return reject({RuleId::kP2}, "P2", s.name,
                    std::string(s.name) + "=\"" + *v + "\" is not true/false");
    }
  }
  for (const Spec& s : list) {  // P2 ranges
    auto v = find_param(p, s.name);
    if (!v || (v->empty() && empty_means_none(s.name))) continue;
    if (!in_range(s.range, *v)) {
      return reject({RuleId::kP2}, "P2", s.name,
                    std::string(s.name) + "=\"" + *v + "\" is out of range");
    }
  }
  if (auto t = find_param(p, "ClientToken"); t && takes_client_token(action)) {  // P3
    bool printable =
        std::all_of(t->begin(), t->end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
    if (t->size() > profile.p3_max_length || !printable) {
      return reject({RuleId::kP3}, "P3", "ClientToken",
                    "ClientToken is too long or not printable ASCII");
    }
  }
  if (!profile.p4_ignore_unknown) {  // P4 (only when a profile turns it off)
    if (auto name = unknown_param(action, p)) {
      return reject({RuleId::kP4}, "P4", *name, "unknown parameter " + *name);
    }
  }
  return std::nullopt;
}

std::optional<std::string> unknown_param(Action action, const Params& p) {
  const auto& list = specs(action);
  for (const auto& kv : p) {
    const std::string& name = kv.first;
    bool known =
        std::any_of(list.begin(), list.end(), [&](const Spec& s) { return s.name == name; });
    bool tags = action == Action::kCreate || action == Action::kDescribe;
    if (!known && !(tags && is_tag_name(name))) return name;
  }
  return std::nullopt;
}

std::optional<std::string> str_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (v && v->empty() && empty_means_none(name)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> int_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (!v || !is_int(*v)) return std::nullopt;
  return std::stoll(*v);
}

std::optional<bool> bool_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (!v || (*v != "true" && *v != "false")) return std::nullopt;
  return *v == "true";
}

std::vector<std::string> list_param(const Params& p, std::string_view name) {
  std::vector<std::string> out;
  auto v = find_param(p, name);
  if (!v) return out;
  std::size_t start = 0;
  while (start <= v->size()) {
    std::size_t end = v->find(',', start);
    if (end == std::string::npos) end = v->size();
    if (end > start) out.push_back(v->substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Params business_params(const Params& p) {
  Params out;
  for (const auto& kv : p) {
    if (kv.first != "ClientToken") out.push_back(kv);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace paircheck::model
