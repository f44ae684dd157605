// The details of each decoded call: which disks, regions, tokens, damaged parameters and
// gateway faults a gene picks (properties/gene.hpp).
#include <algorithm>
#include <array>
#include <string_view>

#include "models/forms.hpp"
#include "models/params.hpp"
#include "models/requests.hpp"
#include "properties/gene.hpp"

namespace paircheck::properties {
namespace {

using harness::Step;

Step call(const std::string& action, std::string_view version = model::kEbsVersion) {
  Step s;
  s.kind = Step::Kind::kCall;
  s.request.action = action;
  s.request.envelope.version = std::string(version);
  return s;
}

// The off-forms of docs/contract.md §11 (rows "P2 booleans" ... "P1, P2 strings"), by parameter
// type, in the form vocabulary of the coverage map (models/forms.hpp). `refused`: the forms the
// default profile refuses (drawn by mutation cases 20 and 22); `accepted`: the off-forms it
// accepts (cases 24 and 25). An integer's forms are patterns around a valid value of that parameter
// ('#').
constexpr std::array<std::string_view, 9> kBoolRefused = {"True",  "TRUE",   "fALSE", "1", "0",
                                                          " true", "false ", "yes",   "on"};
constexpr std::array<std::string_view, 11> kIntRefused = {
    "+#", "-1", "-0", "# ", " #", "1e3", "0x10", "#.0", "abc", "99999999999999999999", "range"};
constexpr std::array<std::string_view, 2> kIntAccepted = {"0#", "000#"};

enum class Kind : std::uint8_t { kBool, kInt, kEnum, kList };
struct Typed {
  std::string_view name;
  Kind kind;
  std::string_view valid;         // a valid value (integers: in range; enums: documented)
  std::string_view out_of_range;  // integers: a plain decimal outside the range ("" if none)
};
constexpr Typed kTyped[] = {
    {"OneShot", Kind::kBool, "true", ""},
    {"ReverseReplicate", Kind::kBool, "false", ""},
    {"EnableRtc", Kind::kBool, "true", ""},
    {"MaxResults", Kind::kInt, "1", "501"},
    {"PageNumber", Kind::kInt, "2", "0"},
    {"PageSize", Kind::kInt, "1", "101"},
    {"RPO", Kind::kInt, "900", "60"},
    {"Bandwidth", Kind::kInt, "20480", "10000"},
    {"Period", Kind::kInt, "1", ""},
    {"Site", Kind::kEnum, "backup", ""},
    {"ChargeType", Kind::kEnum, "POSTPAY", ""},
    {"PairIds", Kind::kList, "", ""},
};

// The typed parameters `action` takes (specs of models/params.cpp).
std::vector<const Typed*> typed_params(const std::string& action) {
  std::vector<std::string_view> names;
  if (action == "StartDiskReplicaPair") names = {"OneShot"};
  if (action == "ReprotectDiskReplicaPair") names = {"ReverseReplicate"};
  if (action == "CreateDiskReplicaPair")
    names = {"EnableRtc", "Bandwidth", "RPO", "Period", "ChargeType"};
  if (action == "ModifyDiskReplicaPair") names = {"EnableRtc", "RPO", "Bandwidth"};
  if (action == "DescribeDiskReplicaPairs")
    names = {"MaxResults", "PageNumber", "PageSize", "Site", "PairIds"};
  std::vector<const Typed*> out;
  for (const Typed& t : kTyped) {
    if (std::find(names.begin(), names.end(), t.name) != names.end()) out.push_back(&t);
  }
  return out;
}

std::string with_value(std::string_view pattern, std::string_view valid) {
  std::string out;
  for (char c : pattern) {
    if (c == '#') {
      out += valid;
    } else {
      out += c;
    }
  }
  return out;
}

std::string upper_first(std::string_view v) {
  std::string out(v);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string lower(std::string_view v) {
  std::string out(v);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// A form of `t` the default profile refuses; `pick` chooses which.
std::string refused_form(const Typed& t, unsigned pick) {
  switch (t.kind) {
    case Kind::kBool:
      return std::string(kBoolRefused[pick % kBoolRefused.size()]);
    case Kind::kInt: {
      std::string_view f = kIntRefused[pick % kIntRefused.size()];
      if (f == "range") return std::string(t.out_of_range.empty() ? "1.5" : t.out_of_range);
      return with_value(f, t.valid);
    }
    case Kind::kEnum:  // case, other (empty is mutation case 17)
      switch (pick % 3) {
        case 0:
          return upper_first(t.valid);
        case 1:
          return t.name == "Site" ? "BACKUP" : lower(t.valid);
        default:
          return t.name == "Site" ? "primary" : "Subscription";
      }
    case Kind::kList:  // more than 100 IDs (D): the only list form the default refuses
      break;
  }
  std::string ids = "pair-x";
  for (int i = 1; i <= 100; ++i) ids += ",pair-x" + std::to_string(i);
  return ids;
}

// An off-form of `t` the default profile accepts, or "" when its type has none.
std::string accepted_form(const Typed& t, unsigned pick) {
  switch (t.kind) {
    case Kind::kInt:  // leading zeros, or a minus zero / negative Period (type only)
      if (t.name == "Period" && pick % 3 == 2) return pick % 2 ? "-1" : "-0";
      return with_value(kIntAccepted[pick % kIntAccepted.size()], t.valid);
    case Kind::kList:  // several, gaps, blanks around an ID (the run loop resolves each item)
      switch (pick % 6) {
        case 0:
          return "{pair:0},{pair:1}";
        case 1:
          return "{pair:0},";
        case 2:
          return ",{pair:0}";
        case 3:
          return "{pair:1},,{pair:0}";
        case 4:
          return "{pair:1}, {pair:0}";
        default:
          return " {pair:0}";
      }
    case Kind::kBool:
    case Kind::kEnum:
      break;
  }
  return "";
}

// Free-string off-forms of contract §11 "P1, P2 strings" on any parameter: refused by validation
// (PairName, Description, ClientToken) or by the lookup that follows (an unknown ID or region).
std::string string_form(std::string_view valid, unsigned pick) {
  switch (pick % 4) {
    case 0:
      return std::string(valid) + std::string(300, 'x');  // long
    case 1:
      return std::string(valid) + "\x01";  // not printable
    case 2:
      return "9" + std::string(valid);  // invalid: starts with a digit (PairName)
    default:
      return "https://" + std::string(valid);  // invalid: a URL prefix (PairName, Description)
  }
}

// The edges of PairName's and Description's documented rules (§3: 2-128 and 2-256 characters,
// contract §11 "P1, P2 strings"), one entry per length form of models/forms.hpp. "#N": N
// characters, built at decode time.
constexpr std::pair<std::string_view, std::string_view> kEdges[] = {
    {"Description", "d"},  {"PairName", "p"},    {"Description", "#256"}, {"PairName", "pc"},
    {"Description", "dd"}, {"PairName", "#128"}, {"Description", "#257"}, {"PairName", "#129"},
};
// Descriptions holding one character at a boundary of a UTF-8 decoder (U+0080, U+07FF, U+0800,
// U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF) or behind each 4-byte lead (F0-F4), an emoji too:
// the forms multibyte and wide.
constexpr std::array<std::string_view, 12> kCharacters = {
    "pc \xf1\x80\x80\x80 U+40000", "pc \xc2\x80 U+0080",          "pc \xf4\x8f\xbf\xbf U+10FFFF",
    "pc \xdf\xbf U+07FF",          "pc \xf0\x9f\x98\x80 emoji",   "pc \xe0\xa0\x80 U+0800",
    "pc \xf3\xa0\x81\x81 U+E0041", "pc \xed\x9f\xbf U+D7FF",      "pc \xf0\x90\x80\x80 U+10000",
    "pc \xee\x80\x80 U+E000",      "pc \xf2\x80\x80\x80 U+80000", "pc \xef\xbf\xbf U+FFFF"};

const model::Profile& contract_profile() {
  static const model::Profile kProfile = model::default_profile();
  return kProfile;
}

// Valid forms of a free string: a value of one of these names what it named before.
bool keeps_meaning(std::string_view form) {
  for (std::string_view f :
       {"valid", "missing", "at-min", "at-max", "blank", "multibyte", "wide"}) {
    if (form == f) return true;
  }
  return false;
}

// One parameter of the action's table (models/forms.hpp: params_of) in one of its forms
// (forms_of), the value built by sample_of_form around the call's own value when that is valid:
// the generator's repertoire is the table's, so every form cell can be drawn, and a parameter or
// form added to the table is drawn without a change here. `pick` chooses the parameter, `which`
// the form. Returns whether the call is damaged: refused by P under the default profile, or a
// free string (a region, an ID) in a form no lookup finds. A ClientToken is built around the
// step's own token placeholder (`index`), never a literal: a literal token would be the same in
// every sequence, and a target that keeps state across sequences answers its second use as a
// replay or a mismatch the model of one sequence cannot explain.
bool table_form(model::Request& r, unsigned pick, unsigned which, std::size_t index) {
  const model::Action a = model::action_from_name(r.action);
  const std::vector<std::string>& params = model::params_of(a);
  if (params.empty()) return false;
  const std::string& param = params[pick % params.size()];
  const std::vector<std::string_view> forms = model::forms_of(a, param);
  const std::string_view form = forms[which % forms.size()];
  const std::optional<std::string> current = model::find_param(r.params, param);
  std::string valid =
      current && model::form_of(a, param, current) == "valid" ? *current : std::string();
  if (valid.empty() && param == "ClientToken") valid = "{tok:" + std::to_string(index) + "}";
  if (const std::optional<std::string> value = model::sample_of_form(a, param, form, valid)) {
    model::requests::set_param(r, param, *value);
  } else {
    model::requests::erase_param(r, param);
  }
  const bool refused = model::validate_params(a, r, contract_profile()).has_value();
  return refused || (model::param_kind(param) == model::ParamKind::kString && !keeps_meaning(form));
}

}  // namespace

Step SequenceDecoder::create(const Gene& g, std::optional<std::size_t> guided_slot,
                             bool* damaged) const {
  Step s = call("CreateDiskReplicaPair");
  if (regions_.size() < 2) {
    s.request.params = {{"RegionId", regions_.empty() ? "cn-nowhere" : regions_[0].id}};
    return s;
  }
  // Mostly the first region towards the second; sometimes the other way round.
  const Region& src = regions_[g.variant % 4 == 3 ? 1 : 0];
  const Region& dst = regions_[g.variant % 4 == 3 ? 0 : 1];
  // A guided Create gives pair N the N-th disk of each region, so that guided Attach calls can
  // name its disks; an unguided one picks any.
  const std::size_t si = guided_slot ? *guided_slot : g.slot,
                    di = guided_slot ? *guided_slot : g.extra;
  // Index each region's disks by its own count: regions of a lease can differ in size.
  const Region& from = guided_slot ? regions_[0] : src;
  const Region& to = guided_slot ? regions_[1] : dst;
  const model::DiskFixture& sd = from.disks[si % from.disks.size()];
  const model::DiskFixture& dd = to.disks[di % to.disks.size()];
  std::string dest_disk = dd.disk_id, dest_region = dd.region_id, dest_zone = dd.zone_id;
  std::string zone = sd.zone_id;
  if (damaged != nullptr && g.extra % 32 >= 13 && g.extra % 32 <= 15) *damaged = true;
  switch (g.extra % 32) {  // O1 checks (one Create in 11): same region, unknown disk, wrong zone
    case 13:
      dest_disk = src.disks[(g.slot + 1) % src.disks.size()].disk_id;
      dest_region = sd.region_id;
      dest_zone = sd.zone_id;
      break;
    case 14:
      dest_disk = "d-unknown-0001";
      break;
    case 15:
      zone = dd.zone_id;
      break;
    default:
      break;
  }
  s.request.params = {{"RegionId", sd.region_id},       {"SourceZoneId", zone},
                      {"DiskId", sd.disk_id},           {"DestinationRegionId", dest_region},
                      {"DestinationZoneId", dest_zone}, {"DestinationDiskId", dest_disk}};
  if (g.variant % 8 >= 6)
    s.request.params.emplace_back("PairName", "pc-pair-" + std::to_string(g.slot % 3));
  if (g.variant % 16 == 5) s.request.params.emplace_back("Bandwidth", "20480");
  // The documented values of the optional booleans and enums (§3), each now and then.
  switch (g.variant / 16 % 8) {
    case 1:
      s.request.params.emplace_back("EnableRtc", "true");
      break;
    case 2:
      s.request.params.emplace_back("EnableRtc", "false");
      break;
    case 3:
      s.request.params.emplace_back("ChargeType", "POSTPAY");
      break;
    case 4:
      s.request.params.emplace_back("ChargeType", "PREPAY");
      s.request.params.emplace_back("Period", "1");
      break;
    case 5:
      s.request.params.emplace_back("RPO", "900");
      break;
    default:
      break;
  }
  return s;
}

Step SequenceDecoder::pair_call(const Choice& c, const std::string& action) const {
  Step s = call(action);
  s.request.params = {{"RegionId", c.region},
                      {"ReplicaPairId", "{pair:" + std::to_string(c.slot) + "}"}};
  return s;
}

Step SequenceDecoder::guided_disk_call(const Choice& c, const Guide& guide,
                                       const std::string& action) const {
  if (regions_.size() < 2) return call(action, model::kEcsVersion);
  // Before the pair exists (or while it is only created): its destination-to-be; once failed
  // over: its current source.
  const bool failed_over = guide.phase(c.slot) == Phase::kFailovered;
  const bool dest_standby = guide.destination_is_standby(c.slot);
  const Region& r = regions_[failed_over == dest_standby ? 0 : 1];
  Step s = call(action, model::kEcsVersion);
  const std::string instance = r.instances.empty() ? "i-unknown-0001" : r.instances[0].instance_id;
  s.request.params = {{"InstanceId", instance},
                      {"DiskId", r.disks[c.slot % r.disks.size()].disk_id}};
  return s;
}

Step SequenceDecoder::disk_call(const Gene& g, const std::string& action) const {
  Step s = call(action, model::kEcsVersion);
  if (regions_.empty()) return s;
  const Region& r = regions_[g.side % std::min<std::size_t>(regions_.size(), 2)];
  // Variant 7: an unknown disk; 6: an unknown instance; 5: both (§11 X: the disk is checked
  // first, so its error decides).
  const bool lost_disk = g.variant % 8 == 7 || g.variant % 8 == 5;
  const bool lost_instance = g.variant % 8 == 6 || g.variant % 8 == 5;
  const std::string instance = r.instances.empty() || lost_instance
                                   ? "i-unknown-0001"
                                   : r.instances[g.extra % r.instances.size()].instance_id;
  const std::string disk = lost_disk ? "d-unknown-0001" : r.disks[g.slot % r.disks.size()].disk_id;
  s.request.params = {{"InstanceId", instance}, {"DiskId", disk}};
  return s;
}

Step SequenceDecoder::describe(const Gene& g, const Choice& c,
                               const std::vector<Step>& done) const {
  Step s = call("DescribeDiskReplicaPairs");
  s.request.params = {{"RegionId", c.region}};
  if (c.op == Op::kDescribePage) {  // O9 paging: a first page of one, then the page after the last
    s.request.params.emplace_back("MaxResults", "1");
    const auto last_page = std::find_if(done.rbegin(), done.rend(), [](const Step& d) {
      return model::find_param(d.request.params, "MaxResults").has_value();
    });
    const bool paging = last_page != done.rend() && g.variant % 4 != 0;
    if (paging) s.request.params.emplace_back("NextToken", "{next}");
    // Half the walks list only this sequence's pairs: on an account other clients share, such a
    // walk ends within a few pages, and its last page must hold every pair not listed yet (O9).
    const bool filtered = paging
                              ? model::find_param(last_page->request.params, "PairIds") == "{pairs}"
                              : g.extra % 2 == 1;
    if (filtered) s.request.params.emplace_back("PairIds", "{pairs}");
    // The next page of a walk lists what the first did: its region and site.
    const std::string region =
        paging ? model::find_param(last_page->request.params, "RegionId").value_or(c.region)
               : c.region;
    const std::string site = paging
                                 ? model::find_param(last_page->request.params, "Site").value_or("")
                             : region.starts_with("{standby:") ? "backup"
                                                               : "";
    s.request.params.front().second = region;
    if (!site.empty()) s.request.params.emplace_back("Site", site);
    return s;
  }
  switch (g.variant % 8) {
    case 1:
      s.request.params.emplace_back("Site", "backup");
      break;
    case 2:
      s.request.params.emplace_back("Site", "production");
      break;
    case 3:
      s.request.params.emplace_back("PairIds", "{pair:" + std::to_string(c.slot) + "}");
      break;
    case 4:
      s.request.params.emplace_back("MaxResults", "1");
      break;
    case 5:  // follow the previous page (O9: every pair exactly once over the pages)
      s.request.params.emplace_back("MaxResults", "1");
      s.request.params.emplace_back("NextToken", "{next}");
      break;
    case 6:
      s.request.params.emplace_back("PageSize", "1");
      s.request.params.emplace_back("PageNumber", std::to_string(1 + g.extra % 3));
      break;
    default:
      break;
  }
  return s;
}

bool SequenceDecoder::apply_token(Step& s, const Gene& g, std::size_t index,
                                  const std::vector<Step>& done) const {
  std::string token = "{tok:" + std::to_string(index) + "}";
  // Of 16: one without a token, four reusing the last one, two damaged, eight fresh, one fresh
  // holding blanks.
  switch (g.token % 16) {
    case 1:
      return false;  // no token
    case 2:
    case 3:
    case 10:
    case 11: {  // the last token used: a replay (I1) or a mismatch (I2)
      // 10, 11: the last one of this very operation, so that a token reused with other
      // parameters (another pair, region or flag) is a mismatch for Stop, Failover, Reprotect...
      // and not only for the operation that happened to come before.
      const bool same_action = g.token % 16 >= 10;
      for (auto it = done.rbegin(); it != done.rend(); ++it) {
        if (same_action && it->request.action != s.request.action) continue;
        if (auto t = model::find_param(it->request.params, "ClientToken")) {
          token = *t;
          break;
        }
      }
      break;
    }
    case 4:
      token = std::string(65, 't');
      break;  // P3: too long
    case 5:
      token = "tok\x01\xc3\xa9";
      break;  // P3: not printable ASCII
    case 6:
      token += " with blanks";
      break;  // P3 (§11): a blank is printable ASCII, the token is valid
    default:
      break;
  }
  model::requests::set_param(s.request, "ClientToken", token);
  return g.token % 16 == 4 || g.token % 16 == 5;
}

bool SequenceDecoder::apply_mutation(Step& s, const Gene& g, std::size_t index) const {
  auto& params = s.request.params;
  if (params.empty()) return false;
  const std::size_t victim = g.extra % params.size();
  const std::vector<const Typed*> typed = typed_params(s.request.action);
  const bool named =
      s.request.action == "CreateDiskReplicaPair" || s.request.action == "ModifyDiskReplicaPair";
  // Whether the call as it now stands is refused by P under the default profile.
  auto refused = [&] {
    return model::validate_params(model::action_from_name(s.request.action), s.request,
                                  contract_profile())
        .has_value();
  };
  // P2: an off-form the default profile refuses (§11 rows "P2 booleans" ... "P2 lists") in one
  // of the call's typed parameters; on a call without one, a free-string off-form that
  // validation or the lookup after it refuses (an unknown ID or region).
  auto refuse = [&](unsigned pick) {
    if (typed.empty()) {
      params[victim].second = string_form(params[victim].second, pick);
      return params[victim].first != "ClientToken" || refused();
    }
    const Typed& t = *typed[pick % typed.size()];
    model::requests::set_param(s.request, std::string(t.name),
                               refused_form(t, pick / 8u + g.variant));
    return refused();  // some spellings are accepted for some parameters (Period=-1: type only)
  };
  // An off-form the default profile accepts (leading zeros, Period=-1, PairIds several, with gaps
  // or blanks): the call stays undamaged unless something else refuses it.
  auto accept = [&](unsigned pick) {
    std::vector<const Typed*> with_forms;
    for (const Typed* t : typed) {
      if (!accepted_form(*t, 0).empty()) with_forms.push_back(t);
    }
    if (with_forms.empty()) return false;
    const Typed& t = *with_forms[pick % with_forms.size()];
    model::requests::set_param(s.request, std::string(t.name),
                               accepted_form(t, pick / 8u + g.variant));
    return refused();
  };
  // Cases 16-29 of 48: one call in six has a parameter damaged (16-20, 22) or an extra one, one
  // in 24 an off-form the target must accept (24, 25), and one Create or Modify in 12 the edge
  // of a documented rule (26, 27) or a character of some UTF-8 length (28, 29): refused or not,
  // as the model says. Cases 30-33 (one call in 12): any parameter of the table in any of its
  // forms (table_form), which the steering picks where a form cell was never visited.
  switch (g.mutation % 48) {
    case 16:
      params.erase(params.begin() + static_cast<std::ptrdiff_t>(victim));
      break;  // P1
    case 17:
      params[victim].second.clear();
      break;  // P1/P2
    case 18:
      params[victim].second.assign(4096, 'x');
      break;    // oversized
    case 19: {  // non-UTF-8: stray bytes, overlong forms, surrogates, beyond U+10FFFF, 5-byte
                // leads,
      // and lead bytes F8-FF before continuation bytes that would make a valid 4-byte sequence
      static constexpr std::array<std::string_view, 10> kBroken = {
          "\xff\xfe\x80",     "\xc0\xaf",         "\xe0\x80\x80",         "\xe0\x9f\xbf",
          "\xed\xa0\x80",     "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xf8\x90\x80\x80",
          "\xfc\x90\x80\x80", "\xff\x90\x80\x80"};
      params[victim].second = std::string(kBroken[(g.extra / 8u) % kBroken.size()]);
      break;
    }
    case 20:
      return refuse(g.extra / 8u);
    case 21:
      params.emplace_back("UnknownExtra", "1");
      return false;  // P4: ignored
    case 22:  // P2: a PairName or Description that breaks its documented rule, else as case 20
      if (!named) return refuse(g.extra / 8u + 1);
      switch (g.extra % 4) {
        case 0:
          model::requests::set_param(s.request, "PairName", "http://x");
          break;
        case 1:
          model::requests::set_param(s.request, "PairName", "1starts-with-digit");
          break;
        case 2:
          model::requests::set_param(s.request, "PairName", "pc\x01name");
          break;
        default:
          model::requests::set_param(s.request, "Description", "https://x.example");
          break;
      }
      break;
    case 23:
      model::requests::set_param(s.request, "RPO", g.extra % 2 ? "900" : "60");
      return named && g.extra % 2 == 0;  // P2: out of range
    case 24:
      return accept(g.extra / 8u);
    case 25:
      return accept(g.extra / 8u + 1);
    case 26:
    case 27: {  // the edges of the documented rules (forms below-min, at-min, at-max, long)
      if (!named) return false;
      const auto& [name, value] =
          kEdges[(g.extra + (g.mutation % 48 == 27 ? 3u : 0u)) % std::size(kEdges)];
      std::string v(value);
      if (value.starts_with('#')) {  // N characters: Description d..., PairName pc...
        const auto n = static_cast<std::size_t>(std::stoul(std::string(value.substr(1))));
        v = name == "PairName" ? "p" + std::string(n - 1, 'c') : std::string(n, 'd');
      }
      model::requests::set_param(s.request, std::string(name), v);
      return refused();
    }
    case 28:
    case 29:  // a character of every UTF-8 length a client may send (multibyte, wide)
      if (!named) return false;
      model::requests::set_param(
          s.request, "Description",
          std::string(
              kCharacters[(g.extra + (g.mutation % 48 == 29 ? 5u : 0u)) % kCharacters.size()]));
      return refused();
    case 30:
    case 31:
    case 32:
    case 33:  // any form of any parameter the action takes (the table of models/forms.hpp)
      return table_form(s.request, g.extra, g.variant + g.extra / 16u, index);
    default:
      return false;
  }
  return true;
}

bool SequenceDecoder::apply_envelope(Step& s, const Gene& g, std::size_t index) const {
  model::Envelope& e = s.request.envelope;
  e.nonce = "{nonce:" + std::to_string(index) + "}";
  // Cases 28-40 and 42 of 82: one call in six or seven has its envelope damaged, so that most
  // sequences still walk a pair deep into its lifecycle.
  switch (g.envelope % 82) {
    case 28:
      if (!readonly_keys_.empty())
        e.access_key_id = readonly_keys_[g.extra % readonly_keys_.size()];
      break;
    case 29:
      e.signature = model::SignatureFault::kWrongSecret;
      break;
    case 30:
      e.signature = model::SignatureFault::kMissing;
      break;
    case 31:
      e.access_key_id = "ak-nobody";
      break;
    case 32:
      e.method = g.extra % 2 ? "PUT" : "DELETE";
      break;
    case 33:  // G10: another, an empty or no Version (V3: no x-acs-version header, which §11 G2
      // leaves to G10, not to the SignedHeaders check)
      e.version = g.extra % 3 == 0   ? std::optional<std::string>("2019-01-01")
                  : g.extra % 3 == 1 ? std::optional<std::string>("")
                                     : std::nullopt;
      break;
    case 34:
      e.timestamp_offset_s = g.extra % 2 ? 1200 : -1200;
      break;
    case 35:  // G5: unparsable, or a fraction longer than any profile accepts (§11)
      if (g.extra % 2) {
        e.timestamp_fraction_digits = 10;
      } else {
        e.timestamp = model::TimestampState::kUnparsable;
      }
      break;
    case 36:  // G8: the previous step's nonce again
      if (index > 0) {
        e.nonce = "{nonce:" + std::to_string(index - 1) + "}";
        e.nonce_reused = false;  // the model decides from its own nonce ledger
      }
      break;
    case 37:
      e.signature = model::SignatureFault::kMalformedAuthorization;
      break;
    case 38:
      e.method = "GET";
      break;
    case 39:
      e.format = g.extra % 2 ? "json" : "YAML";
      break;
    case 40:
      s.request.action += "s";
      break;  // G9: an action the API does not have
    case 41:  // §11 "G5 fractions": 1-9 digits, valid in the default profile (not damage)
      e.timestamp_fraction_digits = static_cast<std::uint8_t>(1 + g.extra % 9);
      break;
    case 42:  // W1 (§11): a path other than `/` is 404 right after G1
      e.path = g.extra % 2 ? "/api" : "/v3/";
      break;
    default:
      break;
  }
  // GET and a Format spelling may well be accepted (G1, W1), and a fraction of a second is
  // (§11 G5 fractions): the guide counts on those.
  const int v = g.envelope % 82;
  return ((v >= 28 && v <= 40) || v == 42) && v != 38 && v != 39 &&
         !(v == 28 && readonly_keys_.empty()) && !(v == 36 && index == 0);
}

}  // namespace paircheck::properties
