// The action table and P1-P4 (see validation.hpp). The off-forms of each parameter type follow
// contract §11 rows "P2 booleans" ... "P1, P2 strings" with the default profile's ParamForms:
// booleans exactly true/false; integers an optional '-' and base-10 digits (leading zeros
// accepted) within int64, then the range compares the number; enums exactly as documented; no
// trimming, except around the IDs of PairIds, whose gaps are skipped; Description counts
// characters (code points).
#include "emulator/validation.hpp"

#include <charconv>
#include <string>

namespace paircheck::emulator {
namespace {

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool has_url_prefix(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

const char* pair_name_range(std::string_view v) {
  if (v.size() < 2 || v.size() > 128) return "must be 2-128 characters";
  if (!is_ascii_letter(v.front())) return "must start with a letter";
  for (char c : v) {
    if (!is_ascii_letter(c) && !is_digit(c) && c != ':' && c != '_' && c != '.' && c != '-') {
      return "may hold only letters, digits, ':', '_', '.', '-'";
    }
  }
  return nullptr;
}

const char* description_range(std::string_view v) {
  const std::size_t n = utf8_length(v);
  if (n < 2 || n > 256) return "must be 2-256 characters";
  if (has_url_prefix(v)) return "must not start with http:// or https://";
  return nullptr;
}

const char* rpo_range(std::string_view v) {
  return parse_integer(v) == 900 ? nullptr : "must be 900";
}

const char* bandwidth_range(std::string_view v) {
  const auto n = parse_integer(v);
  if (n == 10240 || n == 20480 || n == 51200 || n == 102400) return nullptr;
  return "must be one of 10240, 20480, 51200, 102400";
}

const char* charge_type_range(std::string_view v) {
  return v == "PREPAY" || v == "POSTPAY" ? nullptr : "must be PREPAY or POSTPAY";
}

const char* max_results_range(std::string_view v) {
  const auto n = parse_integer(v);
  return n && *n >= 1 && *n <= 500 ? nullptr : "must be 1-500";
}

const char* page_size_range(std::string_view v) {
  const auto n = parse_integer(v);
  return n && *n >= 1 && *n <= 100 ? nullptr : "must be 1-100";
}

const char* page_number_range(std::string_view v) {
  const auto n = parse_integer(v);
  return n && *n >= 1 ? nullptr : "must be at least 1";
}

const char* pair_ids_range(std::string_view v) {
  return split_pair_ids(v).size() <= 100 ? nullptr : "at most 100 IDs";
}

const char* site_range(std::string_view v) {
  return v == "production" || v == "backup" ? nullptr : "must be production or backup";
}

constexpr ParamType kStr = ParamType::kString;
constexpr ParamType kInt = ParamType::kInteger;
constexpr ParamType kBool = ParamType::kBoolean;

// Required parameters first, in the order their Missing* error is reported.
const std::vector<ActionSpec>& action_table() {
  static const std::vector<ActionSpec> kTable = {
      {"CreateDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"SourceZoneId", kStr, true, nullptr},
        {"DiskId", kStr, true, nullptr},
        {"DestinationRegionId", kStr, true, nullptr},
        {"DestinationZoneId", kStr, true, nullptr},
        {"DestinationDiskId", kStr, true, nullptr},
        {"PairName", kStr, false, pair_name_range},
        {"Description", kStr, false, description_range},
        {"ChargeType", kStr, false, charge_type_range},
        {"Period", kInt, false, nullptr},
        {"PeriodUnit", kStr, false, nullptr},
        {"Bandwidth", kInt, false, bandwidth_range},
        {"RPO", kInt, false, rpo_range},
        {"ResourceGroupId", kStr, false, nullptr},
        {"EnableRtc", kBool, false, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"DescribeDiskReplicaPairs",
       false,
       false,
       {{"RegionId", kStr, true, nullptr},
        {"MaxResults", kInt, false, max_results_range},
        {"NextToken", kStr, false, nullptr},
        {"PageNumber", kInt, false, page_number_range},
        {"PageSize", kInt, false, page_size_range},
        {"PairIds", kStr, false, pair_ids_range},
        {"ReplicaGroupId", kStr, false, nullptr},
        {"Site", kStr, false, site_range},
        {"ResourceGroupId", kStr, false, nullptr},
        {"Name", kStr, false, nullptr}}},
      {"StartDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"OneShot", kBool, false, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"StopDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"FailoverDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"ReprotectDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"ReverseReplicate", kBool, false, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"DeleteDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"ModifyDiskReplicaPair",
       false,
       true,
       {{"RegionId", kStr, true, nullptr},
        {"ReplicaPairId", kStr, true, nullptr},
        {"PairName", kStr, false, pair_name_range},
        {"Description", kStr, false, description_range},
        {"RPO", kInt, false, rpo_range},
        {"Bandwidth", kInt, false, bandwidth_range},
        {"EnableRtc", kBool, false, nullptr},
        {"ClientToken", kStr, false, nullptr}}},
      {"DescribeDiskReplicaPairProgress",
       false,
       false,
       {{"RegionId", kStr, true, nullptr}, {"ReplicaPairId", kStr, true, nullptr}}},
      {"AttachDisk",
       true,
       false,
       {{"InstanceId", kStr, true, nullptr}, {"DiskId", kStr, true, nullptr}}},
      {"DetachDisk",
       true,
       false,
       {{"InstanceId", kStr, true, nullptr}, {"DiskId", kStr, true, nullptr}}},
  };
  return kTable;
}

// §11 P1/P2 and "P1, P2 strings": empty means "none" for these; every other empty optional value
// is validated.
bool empty_means_none(std::string_view name) {
  return name == "ClientToken" || name == "NextToken" || name == "PairIds" ||
         name == "ReplicaGroupId" || name == "ResourceGroupId" || name == "Name";
}

}  // namespace

const ActionSpec* find_action(std::string_view action) {
  for (const auto& spec : action_table()) {
    if (action == spec.name) return &spec;
  }
  return nullptr;
}

bool serves_version(const ActionSpec& spec, std::string_view version) {
  if (spec.ecs) return version == "2014-05-26" || version == "2021-07-30";
  return version == "2021-07-30";
}

std::optional<ApiError> validate_params(const ActionSpec& spec, const protocol::Params& params,
                                        const FaultSet& faults) {
  if (!faults.has(Fault::kMissingParameterAccepted)) {  // P1
    for (const auto& p : spec.params) {
      const std::string* v = protocol::find_param(params, p.name);
      if (p.required && (v == nullptr || v->empty())) return missing_parameter(p.name);
    }
  }
  if (const std::string* format = protocol::find_param(params, "Format")) {  // W1 Format
    if (*format != "JSON" && *format != "json" && *format != "XML") {
      return ApiError{400, "InvalidParameter.Format", "Format must be JSON or XML."};
    }
  }
  auto present = [&](const ParamSpec& p) -> const std::string* {
    const std::string* v = protocol::find_param(params, p.name);
    if (v == nullptr || (v->empty() && empty_means_none(p.name))) return nullptr;
    return v;
  };
  for (const auto& p : spec.params) {  // P2 types
    const std::string* v = present(p);
    if (v == nullptr) continue;
    if (p.type == ParamType::kInteger && !parse_integer(*v)) {
      return invalid_parameter(p.name, "must be a decimal integer");
    }
    if (p.type == ParamType::kBoolean && !parse_boolean(*v)) {
      return invalid_parameter(p.name, "must be true or false");
    }
  }
  for (const auto& p : spec.params) {  // P2 ranges
    const std::string* v = present(p);
    if (v == nullptr || p.range == nullptr) continue;
    if (const char* why = p.range(*v)) return invalid_parameter(p.name, why);
  }
  if (spec.takes_token) {  // P3
    const std::string* token = protocol::find_param(params, "ClientToken");
    if (token != nullptr && !token->empty()) {
      bool printable = token->size() <= 64;
      for (char c : *token) printable = printable && c >= 0x20 && c <= 0x7E;
      if (!printable) {
        return ApiError{400, "InvalidClientToken.ValueNotSupported",
                        "The ClientToken provided is invalid."};
      }
    }
  }
  return std::nullopt;
}

std::optional<int64_t> parse_integer(std::string_view text) {
  std::string_view digits = text.starts_with('-') ? text.substr(1) : text;
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::vector<std::string> split_pair_ids(std::string_view text) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view id = text.substr(start, comma - start);
    while (!id.empty() && (id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
    while (!id.empty() && (id.back() == ' ' || id.back() == '\t')) id.remove_suffix(1);
    if (!id.empty()) ids.emplace_back(id);
    start = comma + 1;
  }
  return ids;
}

}  // namespace paircheck::emulator
