#include "models/params.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

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

// §11 P1/P2 and "P1, P2 strings": empty means "none" for these.
bool empty_means_none(std::string_view name) {
  return name == "ClientToken" || name == "NextToken" || name == "PairIds" ||
         name == "ReplicaGroupId" || name == "ResourceGroupId" || name == "Name";
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && is_blank(v.front())) v.remove_prefix(1);
  while (!v.empty() && is_blank(v.back())) v.remove_suffix(1);
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The forms every profile accepts at most: what the typed reads use.
constexpr ParamForms kLenient{true, true, true, true, true, true, true};

// The documented values of an enum parameter (§3), or none for other parameters.
std::vector<std::string_view> enum_values(std::string_view name) {
  if (name == "Site") return {"production", "backup"};
  if (name == "ChargeType") return {"PREPAY", "POSTPAY"};
  return {};
}

// The documented spelling of an enum value in one of the forms `forms` accepts.
std::optional<std::string_view> enum_value(std::string_view name, std::string_view v,
                                           const ParamForms& forms) {
  if (forms.trim_spaces) v = trimmed(v);
  for (std::string_view e : enum_values(name)) {
    if (v == e || (forms.enum_case_insensitive && iequals(v, e))) return e;
  }
  return std::nullopt;
}

// §11 P2 lists: whether `v` has a gap (an empty item) or blanks around an item.
bool list_has_gap(std::string_view v) {
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    if (trimmed(v.substr(start, end - start)).empty()) return true;
    start = end + 1;
  }
  return false;
}

bool list_has_spaces(std::string_view v) {
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view item = v.substr(start, end - start);
    if (!item.empty() && trimmed(item).size() != item.size()) return true;
    start = end + 1;
  }
  return false;
}

bool has_url_prefix(std::string_view v) {
  return v.substr(0, 7) == "http://" || v.substr(0, 8) == "https://";
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Unicode code points in valid UTF-8 (W1.decode has refused any other value before P).
std::size_t characters(std::string_view v) {
  return static_cast<std::size_t>(std::count_if(
      v.begin(), v.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool in_range(Range r, std::string_view name, std::string_view v, const ParamForms& forms) {
  auto number = [&] { return parse_int(v, forms).value_or(0); };
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
    case Range::kDescription: {
      const std::size_t n = characters(v);
      return n >= 2 && n <= 256 && !has_url_prefix(v);
    }
    case Range::kRpo:
      return number() == 900;
    case Range::kBandwidth: {
      const std::int64_t n = number();
      return n == 10240 || n == 20480 || n == 51200 || n == 102400;
    }
    case Range::kMaxResults: {
      const std::int64_t n = number();
      return n >= 1 && n <= 500;
    }
    case Range::kPageSize: {
      const std::int64_t n = number();
      return n >= 1 && n <= 100;
    }
    case Range::kPageNumber:
      return number() >= 1;
    case Range::kPairIds:
      if (!forms.list_gaps && list_has_gap(v)) return false;
      if (!forms.list_spaces && list_has_spaces(v)) return false;
      return list_param({{"PairIds", std::string(v)}}, "PairIds").size() <= 100;
    case Range::kChargeType:
    case Range::kSite:
      return enum_value(name, v, forms).has_value();
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
    if (s.type == Type::kInt && !parse_int(*v, profile.p2_forms)) {
      return reject({RuleId::kP2}, "P2", s.name,
                    std::string(s.name) + "=\"" + *v + "\" is not a decimal integer");
    }
    if (s.type == Type::kBool && !parse_bool(*v, profile.p2_forms)) {
      return reject({RuleId::kP2}, "P2", s.name,
                    std::string(s.name) + "=\"" + *v + "\" is not true/false");
    }
  }
  for (const Spec& s : list) {  // P2 ranges
    auto v = find_param(p, s.name);
    if (!v || (v->empty() && empty_means_none(s.name))) continue;
    if (!in_range(s.range, s.name, *v, profile.p2_forms)) {
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

std::optional<std::int64_t> parse_int(std::string_view v, const ParamForms& forms) {
  if (forms.trim_spaces) v = trimmed(v);
  const bool minus = !v.empty() && v[0] == '-';
  const bool plus = !v.empty() && v[0] == '+';
  if (plus && !forms.int_plus_sign) return std::nullopt;
  std::string_view digits = v.substr(minus || plus ? 1 : 0);
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  if (digits.size() > 1 && digits[0] == '0' && !forms.int_leading_zeros) return std::nullopt;
  std::string_view text = plus ? digits : v;  // from_chars reads a '-' but no '+'
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;  // beyond int64
  return n;
}

std::optional<bool> parse_bool(std::string_view v, const ParamForms& forms) {
  if (forms.trim_spaces) v = trimmed(v);
  if (v == "true" || (forms.bool_case_insensitive && iequals(v, "true"))) return true;
  if (v == "false" || (forms.bool_case_insensitive && iequals(v, "false"))) return false;
  return std::nullopt;
}

std::optional<std::string> str_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (v && v->empty() && empty_means_none(name)) return std::nullopt;
  if (v) {
    if (auto e = enum_value(name, *v, kLenient)) return std::string(*e);
  }
  return v;
}

std::optional<std::int64_t> int_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (!v) return std::nullopt;
  return parse_int(*v, kLenient);
}

std::optional<bool> bool_param(const Params& p, std::string_view name) {
  auto v = find_param(p, name);
  if (!v) return std::nullopt;
  return parse_bool(*v, kLenient);
}

std::vector<std::string> list_param(const Params& p, std::string_view name) {
  std::vector<std::string> out;
  auto v = find_param(p, name);
  if (!v) return out;
  std::size_t start = 0;
  while (start <= v->size()) {
    std::size_t end = v->find(',', start);
    if (end == std::string::npos) end = v->size();
    std::string_view item = trimmed(std::string_view(*v).substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
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
