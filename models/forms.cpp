#include "models/forms.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "models/params.hpp"

namespace paircheck::model {
namespace {

// Every parameter name models/params.cpp knows; params_of() keeps those an action takes.
constexpr std::array<std::string_view, 28> kParamNames = {"RegionId",
                                                          "ReplicaPairId",
                                                          "ClientToken",
                                                          "SourceZoneId",
                                                          "DiskId",
                                                          "DestinationRegionId",
                                                          "DestinationZoneId",
                                                          "DestinationDiskId",
                                                          "PairName",
                                                          "Description",
                                                          "ChargeType",
                                                          "Period",
                                                          "PeriodUnit",
                                                          "Bandwidth",
                                                          "RPO",
                                                          "ResourceGroupId",
                                                          "EnableRtc",
                                                          "MaxResults",
                                                          "NextToken",
                                                          "PageNumber",
                                                          "PageSize",
                                                          "PairIds",
                                                          "ReplicaGroupId",
                                                          "Site",
                                                          "Name",
                                                          "OneShot",
                                                          "ReverseReplicate",
                                                          "InstanceId"};

constexpr std::array<std::string_view, 8> kBoolForms = {"true", "false", "missing", "empty",
                                                        "case", "digit", "spaced",  "other"};
constexpr std::array<std::string_view, 10> kIntForms = {
    "valid",        "missing",      "empty",  "plus",        "minus",
    "leading-zero", "out-of-range", "spaced", "not-decimal", "huge"};
constexpr std::array<std::string_view, 4> kEnumForms = {"missing", "empty", "case", "other"};
constexpr std::array<std::string_view, 6> kListForms = {"one",   "several", "missing",
                                                        "empty", "gaps",    "spaced"};
constexpr std::array<std::string_view, 7> kStringForms = {
    "valid", "missing", "empty", "long", "not-utf8", "not-printable", "invalid"};
// Finer valid forms of the strings with a documented rule (issue 13 gaps, docs/mutation.md): the
// length boundaries of P2/P3 and the characters a validator can miscount or misdecode.
constexpr std::array<std::string_view, 6> kRuledForms = {"below-min", "at-min",    "at-max",
                                                         "blank",     "multibyte", "wide"};

// Documented enum values (contract §3); PeriodUnit is checked for type only (§11): a string.
const std::vector<std::string_view>* enum_values(std::string_view param) {
  static const std::vector<std::string_view> kSite = {"production", "backup"};
  static const std::vector<std::string_view> kCharge = {"PREPAY", "POSTPAY"};
  if (param == "Site") return &kSite;
  if (param == "ChargeType") return &kCharge;
  return nullptr;
}

// An integer's documented range (§3); nullopt: none (Period is checked for type only, §11).
struct IntRange {
  std::int64_t lo, hi;
  std::vector<std::int64_t> only;  // non-empty: exactly these values
};
std::optional<IntRange> int_range(std::string_view param) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  if (param == "MaxResults") return IntRange{1, 500, {}};
  if (param == "PageSize") return IntRange{1, 100, {}};
  if (param == "PageNumber") return IntRange{1, kMax, {}};
  if (param == "RPO") return IntRange{900, 900, {900}};
  if (param == "Bandwidth") return IntRange{10240, 102400, {10240, 20480, 51200, 102400}};
  return std::nullopt;
}

// A free string's length limit in characters: documented (§3, P3), else 128 (PairName's, for IDs
// and other strings the contract gives no limit).
std::size_t string_limit(std::string_view param) {
  if (param == "Description") return 256;
  if (param == "ClientToken") return 64;
  return 128;
}

// Free strings with a documented rule beyond length, whose breach is the form `invalid`.
bool has_rule(std::string_view param) {
  return param == "PairName" || param == "Description" || param == "ClientToken";
}

// A documented minimum length in characters (§3: PairName and Description 2-...), else 0.
std::size_t string_minimum(std::string_view param) {
  return param == "PairName" || param == "Description" ? 2 : 0;
}

// Whether `form` (of kRuledForms) is a form `param`'s rule can give a valid value: PairName holds
// ASCII letters, digits and `:_.-` only (no blank, nothing beyond ASCII); ClientToken printable
// ASCII (a blank is one, contract §11 P3; its minimum is one character, below is empty; a
// token of exactly 64 counts as valid: the generator's tokens are placeholders unique to a
// sequence, of no fixed length, and a literal one would collide across sequences);
// Description anything but a URL prefix (its blanks are everyday: no form of their own).
bool ruled_form_applies(std::string_view param, std::string_view form) {
  if (param == "PairName") return form == "below-min" || form == "at-min" || form == "at-max";
  if (param == "ClientToken") return form == "blank";
  if (param == "Description") return form != "blank";
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }

bool spaced(std::string_view v) {
  return !v.empty() && (is_space(v.front()) || is_space(v.back()));
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Code points of valid UTF-8, or nullopt when `v` is not valid UTF-8 (overlongs, surrogates and
// code points past U+10FFFF included).
std::optional<std::size_t> utf8_chars(std::string_view v) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < v.size(); ++n) {
    const auto c = static_cast<unsigned char>(v[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xe  ? 3
                      : (c >> 3) == 0x1e ? 4
                                         : 0;
    if (len == 0 || i + len > v.size()) return std::nullopt;
    std::uint32_t cp = len == 1 ? c : c & (0xff >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(v[i + k]);
      if ((d & 0xc0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (d & 0x3f);
    }
    constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
    i += len;
  }
  return n;
}

bool has_url_prefix(std::string_view v) {
  return v.substr(0, 7) == "http://" || v.substr(0, 8) == "https://";
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The documented rule of PairName, Description, ClientToken (§3, P3), length aside.
bool breaks_rule(std::string_view param, std::string_view v, std::size_t chars) {
  if (param == "PairName") {
    if (chars < 2 || !is_ascii_letter(v[0]) || has_url_prefix(v)) return true;
    return !std::all_of(v.begin(), v.end(), [](char c) {
      return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '_' || c == '.' ||
             c == '-';
    });
  }
  if (param == "Description") return chars < 2 || has_url_prefix(v);
  if (param == "ClientToken") {  // printable ASCII: a byte past 0x7e breaks it
    return std::any_of(v.begin(), v.end(),
                       [](char c) { return static_cast<unsigned char>(c) > 0x7e; });
  }
  return false;
}

std::string_view bool_form(std::string_view v) {
  if (v == "true") return "true";
  if (v == "false") return "false";
  if (spaced(v)) return "spaced";
  if (equals_ignoring_case(v, "true") || equals_ignoring_case(v, "false")) return "case";
  if (v == "1" || v == "0") return "digit";
  return "other";
}

std::string_view int_form(std::string_view param, std::string_view v) {
  if (spaced(v)) return "spaced";
  if ((v[0] == '+' || v[0] == '-') && all_digits(v.substr(1))) {
    return v[0] == '+' ? "plus" : "minus";
  }
  if (!all_digits(v)) return "not-decimal";
  if (v.size() > 1 && v[0] == '0') return "leading-zero";
  const std::string_view max = "9223372036854775807";
  if (v.size() > max.size() || (v.size() == max.size() && v > max)) return "huge";
  const auto range = int_range(param);
  if (!range) return "valid";
  const std::int64_t n = std::stoll(std::string(v));
  if (!range->only.empty()) {
    return std::find(range->only.begin(), range->only.end(), n) != range->only.end()
               ? "valid"
               : "out-of-range";
  }
  return n >= range->lo && n <= range->hi ? "valid" : "out-of-range";
}

std::string_view enum_form(const std::vector<std::string_view>& values, std::string_view v) {
  for (std::string_view value : values) {
    if (v == value) return value;
  }
  for (std::string_view value : values) {
    if (equals_ignoring_case(v, value)) return "case";
  }
  return "other";
}

std::string_view list_form(std::string_view v) {
  std::size_t items = 0, start = 0;
  bool gap = false, space = false;
  while (start <= v.size()) {
    std::size_t end = v.find(',', start);
    if (end == std::string_view::npos) end = v.size();
    const std::string_view item = v.substr(start, end - start);
    if (item.empty()) gap = true;
    if (spaced(item)) space = true;
    ++items;
    start = end + 1;
  }
  if (space) return "spaced";
  if (gap) return "gaps";
  return items > 1 ? "several" : "one";
}

std::string_view string_form(std::string_view param, std::string_view v) {
  const auto chars = utf8_chars(v);
  if (!chars || v.find("\xef\xbf\xbd") != std::string_view::npos) return "not-utf8";
  if (std::any_of(v.begin(), v.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
      })) {
    return "not-printable";
  }
  if (*chars > string_limit(param)) return "long";
  if (!has_rule(param)) return "valid";
  if (*chars < string_minimum(param)) return "below-min";
  if (breaks_rule(param, v, *chars)) return "invalid";
  if (*chars == string_limit(param) && ruled_form_applies(param, "at-max")) return "at-max";
  if (*chars == string_minimum(param)) return "at-min";
  if (param == "Description" && *chars < v.size()) {  // a character of 2 or more bytes
    const bool wide = std::any_of(
        v.begin(), v.end(), [](char c) { return (static_cast<unsigned char>(c) >> 3) == 0x1e; });
    return wide ? "wide" : "multibyte";
  }
  if (param == "ClientToken" && v.find(' ') != std::string_view::npos) return "blank";
  return "valid";
}

}  // namespace

ParamKind param_kind(std::string_view param) {
  if (param == "OneShot" || param == "ReverseReplicate" || param == "EnableRtc") {
    return ParamKind::kBool;
  }
  if (param == "MaxResults" || param == "PageNumber" || param == "PageSize" || param == "RPO" ||
      param == "Bandwidth" || param == "Period") {
    return ParamKind::kInt;
  }
  if (enum_values(param) != nullptr) return ParamKind::kEnum;
  if (param == "PairIds") return ParamKind::kList;
  return ParamKind::kString;
}

std::string_view form_of(Action, std::string_view param, const std::optional<std::string>& value) {
  if (!value) return "missing";
  if (value->empty()) return "empty";
  switch (param_kind(param)) {
    case ParamKind::kBool:
      return bool_form(*value);
    case ParamKind::kInt:
      return int_form(param, *value);
    case ParamKind::kEnum:
      return enum_form(*enum_values(param), *value);
    case ParamKind::kList:
      return list_form(*value);
    case ParamKind::kString:
      return string_form(param, *value);
  }
  return "valid";
}

std::vector<std::string_view> forms_of(Action, std::string_view param) {
  std::vector<std::string_view> out;
  switch (param_kind(param)) {
    case ParamKind::kBool:
      out.assign(kBoolForms.begin(), kBoolForms.end());
      break;
    case ParamKind::kInt:
      for (std::string_view f : kIntForms) {
        if (f != "out-of-range" || int_range(param)) out.push_back(f);
      }
      break;
    case ParamKind::kEnum:
      out = *enum_values(param);
      out.insert(out.end(), kEnumForms.begin(), kEnumForms.end());
      break;
    case ParamKind::kList:
      out.assign(kListForms.begin(), kListForms.end());
      break;
    case ParamKind::kString:
      for (std::string_view f : kStringForms) {
        if (f != "invalid" || has_rule(param)) out.push_back(f);
      }
      for (std::string_view f : kRuledForms) {
        if (ruled_form_applies(param, f)) out.push_back(f);
      }
      break;
  }
  return out;
}

namespace {

std::string repeated(char c, std::size_t n) { return std::string(n, c); }

std::optional<std::string> bool_sample(std::string_view form) {
  if (form == "true" || form == "false") return std::string(form);
  if (form == "case") return "True";
  if (form == "digit") return "1";
  if (form == "spaced") return " true";
  if (form == "other") return "yes";
  return std::nullopt;
}

std::optional<std::string> int_sample(std::string_view param, std::string_view form) {
  const auto range = int_range(param);
  const std::int64_t lo = !range ? 1 : range->only.empty() ? range->lo : range->only.front();
  const std::string valid = std::to_string(lo);
  if (form == "valid") return valid;
  if (form == "plus") return "+" + valid;
  if (form == "minus") return "-" + valid;
  if (form == "leading-zero") return "0" + valid;
  if (form == "spaced") return valid + " ";
  if (form == "not-decimal") return valid + ".0";
  if (form == "huge") return "99999999999999999999";
  if (form == "out-of-range" && range) {
    if (!range->only.empty()) return std::to_string(range->only.front() - 1);
    return range->lo > 0 ? std::to_string(range->lo - 1) : std::to_string(range->hi) + "1";
  }
  return std::nullopt;
}

std::optional<std::string> enum_sample(const std::vector<std::string_view>& values,
                                       std::string_view form) {
  for (std::string_view v : values) {
    if (form == v) return std::string(v);
  }
  if (form == "case") {  // the first value with its first letter's case flipped
    std::string v(values.front());
    v[0] = static_cast<char>(v[0] >= 'a' && v[0] <= 'z' ? v[0] - 'a' + 'A' : v[0] - 'A' + 'a');
    return v;
  }
  if (form == "other") return "cells-other";
  return std::nullopt;
}

std::optional<std::string> list_sample(std::string_view form, std::string_view valid) {
  const std::string item = valid.empty() ? std::string("pair-cells") : std::string(valid);
  if (form == "one") return item;
  if (form == "several") return item + "," + item;
  if (form == "gaps") return item + ",";
  if (form == "spaced") return " " + item;
  return std::nullopt;
}

std::optional<std::string> string_sample(std::string_view param, std::string_view form,
                                         std::string_view valid) {
  std::string v = valid.empty() ? std::string("cells-value") : std::string(valid);
  const std::size_t limit = string_limit(param);
  if (form == "valid") return v;
  if (form == "long") return v + repeated('x', limit + 1);
  if (form == "not-utf8") return v + "\xff";
  if (form == "not-printable") return v + "\x01";
  if (form == "invalid") return param == "ClientToken" ? v + "\xc3\xa9" : "https://" + v;
  if (form == "below-min") return std::string(1, param == "PairName" ? 'p' : 'd');
  if (form == "at-min") return param == "PairName" ? std::string("pc") : std::string("dd");
  if (form == "at-max")
    return param == "PairName" ? "p" + repeated('c', limit - 1) : repeated('d', limit);
  if (form == "blank") return v + " x";
  if (form == "multibyte") return "pc \xc2\x80";
  if (form == "wide") return "pc \xf0\x9f\x98\x80";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> sample_of_form(Action action, std::string_view param,
                                          std::string_view form, std::string_view valid) {
  const std::vector<std::string_view> known = forms_of(action, param);
  if (std::find(known.begin(), known.end(), form) == known.end()) return std::nullopt;
  if (form == "missing") return std::nullopt;
  if (form == "empty") return std::string();
  switch (param_kind(param)) {
    case ParamKind::kBool:
      return bool_sample(form);
    case ParamKind::kInt:
      return int_sample(param, form);
    case ParamKind::kEnum:
      return enum_sample(*enum_values(param), form);
    case ParamKind::kList:
      return list_sample(form, valid);
    case ParamKind::kString:
      return string_sample(param, form, valid);
  }
  return std::nullopt;
}

const std::vector<std::string>& params_of(Action action) {
  static const std::array<std::vector<std::string>, static_cast<std::size_t>(Action::kUnknown) + 1>
      kTable = [] {
        std::array<std::vector<std::string>, static_cast<std::size_t>(Action::kUnknown) + 1> t;
        for (std::size_t a = 0; a < static_cast<std::size_t>(Action::kUnknown); ++a) {
          for (std::string_view name : kParamNames) {
            const Params probe = {{std::string(name), "x"}};
            if (!unknown_param(static_cast<Action>(a), probe)) t[a].emplace_back(name);
          }
        }
        return t;
      }();
  return kTable[static_cast<std::size_t>(action)];
}

std::vector<std::string> documented_values(std::string_view param) {
  std::vector<std::string> out;
  if (const auto range = int_range(param)) {
    for (const std::int64_t v : range->only) out.push_back(std::to_string(v));
  }
  return out;
}

}  // namespace paircheck::model
