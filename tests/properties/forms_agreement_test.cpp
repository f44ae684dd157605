// Contract §11 rows "P2 booleans", "P2 integers", "P2 enums", "P2 lists" and "P1, P2 strings":
// every (parameter, form) is sent to the in-process emulator and judged by the model. The model
// must allow exactly what the emulator answered (the run stays conformant), the answer is what the
// A rule says (accepted, refused by validation, or refused by the lookup after it), and never 5xx.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/inprocess_target.hpp"
#include "harness/run_sequence.hpp"
#include "harness/universe.hpp"
#include "models/params.hpp"
#include "models/requests.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::properties {
namespace {

using harness::Sequence;
using harness::Step;

const protocol::Fixtures& fixtures() {
  static const protocol::Fixtures f =
      protocol::load_fixtures(PAIRCHECK_SOURCE_DIR "/fixtures/default.json");
  return f;
}

enum class Expect : std::uint8_t {
  kAccepted,  // 200
  kRefusedP,  // 400 by P1-P3 (model::validate_params refuses it too)
  kRefusedW,  // 400 by W1.decode, before G2
  kRefused,   // a 4xx after validation (an unknown region or ID)
};

// Where the probe is sent: a state in which the call with valid parameters succeeds.
enum class Setup : std::uint8_t { kNone, kCreated, kSyncing, kFailovered };

struct Probe {
  std::string action;
  Setup setup;
  std::string param;
  std::string form;                  // the §11 form name (models/forms.hpp vocabulary)
  std::optional<std::string> value;  // nullopt: the parameter is left out; "<id>": the pair's ID
  Expect expect;
};

Step call(const std::string& action, model::Params params, std::size_t index) {
  Step s;
  s.request.action = action;
  s.request.envelope.version = std::string(model::kEbsVersion);
  s.request.envelope.nonce = "{nonce:" + std::to_string(index) + "}";
  s.request.params = std::move(params);
  return s;
}

Step settle() {
  Step s;
  s.kind = Step::Kind::kSettle;
  return s;
}

model::Params create_params() {
  return {{"RegionId", "cn-hangzhou"},
          {"SourceZoneId", "cn-hangzhou-h"},
          {"DiskId", "d-hz-0001"},
          {"DestinationRegionId", "cn-shanghai"},
          {"DestinationZoneId", "cn-shanghai-e"},
          {"DestinationDiskId", "d-sh-0001"}};
}

Sequence setup_steps(Setup s) {
  Sequence out;
  if (s == Setup::kNone) return out;
  out.push_back(call("CreateDiskReplicaPair", create_params(), 0));
  out.push_back(settle());
  if (s == Setup::kCreated) return out;
  out.push_back(call("StartDiskReplicaPair",
                     {{"RegionId", "{primary:0}"}, {"ReplicaPairId", "{pair:0}"}}, 1));
  if (s == Setup::kSyncing) return out;
  out.push_back(settle());
  out.push_back(call("FailoverDiskReplicaPair",
                     {{"RegionId", "{standby:0}"}, {"ReplicaPairId", "{pair:0}"}}, 2));
  out.push_back(settle());
  return out;
}

// The probe's parameters with valid values, for a pair `id` in `primary` -> `standby`.
model::Params base_params(const Probe& p, const std::string& id, const std::string& primary,
                          const std::string& standby) {
  if (p.action == "CreateDiskReplicaPair") return create_params();
  if (p.action == "DescribeDiskReplicaPairs") return {{"RegionId", primary}};
  const std::string region = p.action == "ReprotectDiskReplicaPair" ? standby : primary;
  return {{"RegionId", region}, {"ReplicaPairId", id}};
}

std::string run_probe(const Probe& p) {
  harness::InProcessTarget target({}, fixtures(), harness::SignatureVersion::kV3, 1);
  const model::Universe universe = harness::universe_from(fixtures());
  const model::Profile profile = model::default_profile();
  model::BeliefSet beliefs(universe, profile);
  harness::RunOptions options;
  const harness::SequenceResult setup =
      harness::run_sequence(target, beliefs, setup_steps(p.setup), options);
  if (!setup.conformant()) return "setup not conformant";
  if (p.setup != Setup::kNone && setup.created.empty()) return "setup created no pair";
  const std::string id = setup.created.empty() ? "pair-none" : setup.created[0].id;
  const std::string primary = setup.created.empty() ? "cn-hangzhou" : setup.created[0].region;
  const std::string standby =
      setup.created.empty() ? "cn-shanghai" : setup.created[0].standby_region;
  Step probe = call(p.action, base_params(p, id, primary, standby), 10);
  model::requests::erase_param(probe.request, p.param);
  if (p.value) {
    std::string v = *p.value;
    for (auto at = v.find("<id>"); at != std::string::npos; at = v.find("<id>")) {
      v.replace(at, 4, id);
    }
    model::requests::set_param(probe.request, p.param, v);
  }
  options.unique_prefix = "probe";
  const harness::SequenceResult r = harness::run_sequence(target, beliefs, {probe}, options);
  if (r.records.empty() || !r.records.back().observed) return "no answer";
  const model::Observed& o = *r.records.back().observed;
  const std::string answer = std::to_string(o.http_status) + " " + o.code;
  if (!r.conformant()) return "the model does not allow the emulator's " + answer;
  if (o.http_status >= 500) return "a 5xx: " + answer;
  const auto refusal =
      model::validate_params(model::action_from_name(p.action), r.records.back().request, profile);
  switch (p.expect) {
    case Expect::kAccepted:
      if (o.http_status != 200) return "expected 200, got " + answer;
      if (refusal) return "model validation refuses it: " + refusal->why;
      break;
    case Expect::kRefusedP:
      if (o.http_status != 400) return "expected a 400 from P, got " + answer;
      if (!refusal) return "model validation accepts it";
      break;
    case Expect::kRefusedW:
      if (o.http_status != 400 || o.code != "InvalidParameter")
        return "expected W1.decode, got " + answer;
      break;
    case Expect::kRefused:
      if (o.http_status < 400) return "expected a refusal after validation, got " + answer;
      if (refusal) return "model validation refuses it (expected a later refusal): " + refusal->why;
      break;
  }
  return "";
}

// The probes: every parameter type's forms on the operations that take it.
std::vector<Probe> probes() {
  std::vector<Probe> out;
  const auto A = Expect::kAccepted;
  const auto P = Expect::kRefusedP;
  auto add = [&](const std::string& action, Setup s, const std::string& param,
                 const std::string& form, std::optional<std::string> v, Expect e) {
    out.push_back(Probe{action, s, param, form, std::move(v), e});
  };
  // Booleans (§11 "P2 booleans").
  struct Where {
    const char* action;
    Setup setup;
    const char* param;
  };
  for (Where w : {Where{"StartDiskReplicaPair", Setup::kCreated, "OneShot"},
                  Where{"ReprotectDiskReplicaPair", Setup::kFailovered, "ReverseReplicate"},
                  Where{"CreateDiskReplicaPair", Setup::kNone, "EnableRtc"},
                  Where{"ModifyDiskReplicaPair", Setup::kCreated, "EnableRtc"}}) {
    add(w.action, w.setup, w.param, "true", "true", A);
    add(w.action, w.setup, w.param, "false", "false", A);
    add(w.action, w.setup, w.param, "missing", std::nullopt, A);
    add(w.action, w.setup, w.param, "empty", "", P);
    for (const char* v : {"True", "TRUE", "fALSE"}) add(w.action, w.setup, w.param, "case", v, P);
    for (const char* v : {"1", "0"}) add(w.action, w.setup, w.param, "digit", v, P);
    for (const char* v : {" true", "false ", "\ttrue"})
      add(w.action, w.setup, w.param, "spaced", v, P);
    for (const char* v : {"yes", "on", "garbage"}) add(w.action, w.setup, w.param, "other", v, P);
  }
  // Integers (§11 "P2 integers"): a valid value, an out-of-range one ("" if none).
  struct Int {
    const char* action;
    Setup setup;
    const char* param;
    const char* valid;
    std::vector<const char*> out_of_range;
  };
  for (const Int& n :
       {Int{"DescribeDiskReplicaPairs", Setup::kCreated, "MaxResults", "10", {"0", "501"}},
        Int{"DescribeDiskReplicaPairs", Setup::kCreated, "PageNumber", "1", {"0"}},
        Int{"DescribeDiskReplicaPairs", Setup::kCreated, "PageSize", "10", {"0", "101"}},
        Int{"CreateDiskReplicaPair", Setup::kNone, "RPO", "900", {"60", "901"}},
        Int{"ModifyDiskReplicaPair", Setup::kCreated, "RPO", "900", {"60"}},
        Int{"CreateDiskReplicaPair", Setup::kNone, "Bandwidth", "51200", {"10000", "0"}},
        Int{"ModifyDiskReplicaPair", Setup::kCreated, "Bandwidth", "102400", {"204800"}},
        Int{"CreateDiskReplicaPair", Setup::kNone, "Period", "1", {}}}) {
    const std::string v = n.valid;
    const bool typed_only = std::string(n.param) == "Period";
    add(n.action, n.setup, n.param, "valid", v, A);
    add(n.action, n.setup, n.param, "missing", std::nullopt, A);
    add(n.action, n.setup, n.param, "empty", "", P);
    add(n.action, n.setup, n.param, "plus", "+" + v, P);
    add(n.action, n.setup, n.param, "minus", "-1", typed_only ? A : P);
    add(n.action, n.setup, n.param, "minus", "-0", typed_only ? A : P);
    add(n.action, n.setup, n.param, "leading-zero", "0" + v, A);
    add(n.action, n.setup, n.param, "leading-zero", "0000" + v, A);
    for (const char* r : n.out_of_range) add(n.action, n.setup, n.param, "out-of-range", r, P);
    add(n.action, n.setup, n.param, "spaced", " " + v, P);
    add(n.action, n.setup, n.param, "spaced", v + " ", P);
    for (const char* x : {"1e3", "0x10", "10.0", "abc", "-", "1 0"})
      add(n.action, n.setup, n.param, "not-decimal", x, P);
    add(n.action, n.setup, n.param, "huge", "99999999999999999999", P);
    add(n.action, n.setup, n.param, "huge", "9223372036854775808", P);
  }
  // Enums (§11 "P2 enums").
  const char* describe = "DescribeDiskReplicaPairs";
  const char* create = "CreateDiskReplicaPair";
  add(describe, Setup::kCreated, "Site", "production", "production", A);
  add(describe, Setup::kCreated, "Site", "backup", "backup", A);
  add(describe, Setup::kCreated, "Site", "missing", std::nullopt, A);
  add(describe, Setup::kCreated, "Site", "empty", "", P);
  for (const char* v : {"Production", "BACKUP"})
    add(describe, Setup::kCreated, "Site", "case", v, P);
  add(describe, Setup::kCreated, "Site", "spaced", " backup", P);
  add(describe, Setup::kCreated, "Site", "other", "primary", P);
  add(create, Setup::kNone, "ChargeType", "PREPAY", "PREPAY", A);
  add(create, Setup::kNone, "ChargeType", "POSTPAY", "POSTPAY", A);
  add(create, Setup::kNone, "ChargeType", "missing", std::nullopt, A);
  add(create, Setup::kNone, "ChargeType", "empty", "", P);
  for (const char* v : {"prepay", "Postpay"}) add(create, Setup::kNone, "ChargeType", "case", v, P);
  add(create, Setup::kNone, "ChargeType", "other", "Subscription", P);
  // Lists (§11 "P2 lists"): the listing must agree too (the run stays conformant).
  add(describe, Setup::kCreated, "PairIds", "one", "<id>", A);
  add(describe, Setup::kCreated, "PairIds", "one", "pair-cn-hangzhou-0nosuchpair0", A);
  add(describe, Setup::kCreated, "PairIds", "several", "pair-other,<id>", A);
  add(describe, Setup::kCreated, "PairIds", "missing", std::nullopt, A);
  add(describe, Setup::kCreated, "PairIds", "empty", "", A);
  for (const char* v : {"<id>,,pair-other", "<id>,", ",<id>", ","})
    add(describe, Setup::kCreated, "PairIds", "gaps", v, A);
  for (const char* v : {"pair-other, <id>", " <id> ", "pair-other,\t<id>"})
    add(describe, Setup::kCreated, "PairIds", "spaced", v, A);
  std::string many = "p0";
  for (int i = 1; i <= 100; ++i) many += ",p" + std::to_string(i);
  add(describe, Setup::kCreated, "PairIds", "several", many, P);  // more than 100 (D)
  // Free strings (§11 "P1, P2 strings").
  const std::string accents = [] {
    std::string s;
    for (int i = 0; i < 256; ++i) s += "\xc3\xa9";
    return s;
  }();
  for (const char* action : {create, "ModifyDiskReplicaPair"}) {
    const Setup s = std::string(action) == create ? Setup::kNone : Setup::kCreated;
    add(action, s, "PairName", "valid", "pc-pair.1:a_b", A);
    add(action, s, "PairName", "missing", std::nullopt, A);
    add(action, s, "PairName", "empty", "", P);
    add(action, s, "PairName", "long", "p" + std::string(128, 'x'), P);
    add(action, s, "PairName", "not-utf8", "pc\xff", Expect::kRefusedW);
    add(action, s, "PairName", "not-printable", "pc\x01x", P);
    add(action, s, "PairName", "invalid", "1abc", P);
    add(action, s, "PairName", "invalid", "http://pair", P);
    add(action, s, "PairName", "invalid", " pc-pair", P);
    add(action, s, "Description", "valid", accents, A);
    add(action, s, "Description", "missing", std::nullopt, A);
    add(action, s, "Description", "empty", "", P);
    add(action, s, "Description", "long", accents + "x", P);
    add(action, s, "Description", "not-utf8", "desc\xc3", Expect::kRefusedW);
    add(action, s, "Description", "not-printable", "desc\x01\x7f", A);
    add(action, s, "Description", "invalid", "https://x.y", P);
  }
  const char* stop = "StopDiskReplicaPair";
  add(stop, Setup::kSyncing, "ClientToken", "valid", std::string(64, '~'), A);
  add(stop, Setup::kSyncing, "ClientToken", "missing", std::nullopt, A);
  add(stop, Setup::kSyncing, "ClientToken", "empty", "", A);
  add(stop, Setup::kSyncing, "ClientToken", "long", std::string(65, 't'), P);
  add(stop, Setup::kSyncing, "ClientToken", "not-utf8", "tok\x80", Expect::kRefusedW);
  add(stop, Setup::kSyncing, "ClientToken", "not-printable", "tok\x01", P);
  add(stop, Setup::kSyncing, "ClientToken", "invalid", "tok\xc3\xa9", P);  // not ASCII
  for (const char* param : {"RegionId", "ReplicaPairId"}) {
    add(stop, Setup::kSyncing, param, "missing", std::nullopt, P);
    add(stop, Setup::kSyncing, param, "empty", "", P);
    add(stop, Setup::kSyncing, param, "long", std::string(300, 'x'), Expect::kRefused);
    add(stop, Setup::kSyncing, param, "not-utf8", "cn-\xfe", Expect::kRefusedW);
    add(stop, Setup::kSyncing, param, "not-printable", "cn-\x01", Expect::kRefused);
    add(stop, Setup::kSyncing, param, "invalid", "cn-nowhere", Expect::kRefused);
  }
  for (const char* param : {"ReplicaGroupId", "Name"}) {
    add(describe, Setup::kCreated, param, "valid", "pc", A);
    add(describe, Setup::kCreated, param, "empty", "", A);
    add(describe, Setup::kCreated, param, "long", std::string(300, 'x'), A);
    add(describe, Setup::kCreated, param, "not-printable", "pc\x01", A);
  }
  add(describe, Setup::kCreated, "ResourceGroupId", "empty", "", A);
  // A resource group filters (O9): the pair, created in none, is not listed; the model listed it
  // (the generator sent a ResourceGroupId for the first time with issue 13's table forms).
  add(describe, Setup::kCreated, "ResourceGroupId", "valid", "rg-pc", A);
  add(describe, Setup::kCreated, "ResourceGroupId", "long", std::string(300, 'x'), A);
  add(describe, Setup::kCreated, "ResourceGroupId", "not-printable", "rg\x01", A);
  add(create, Setup::kNone, "PeriodUnit", "valid", "Month", A);
  add(create, Setup::kNone, "PeriodUnit", "empty", "", A);
  return out;
}

TEST(FormsAgreement, P2_ModelAllowsExactlyWhatTheEmulatorAnswers) {
  std::map<std::string, std::set<std::string>> forms;  // param -> forms probed
  std::size_t failures = 0;
  for (const Probe& p : probes()) {
    forms[p.param].insert(p.form);
    const std::string why = run_probe(p);
    if (!why.empty()) {
      ++failures;
      ADD_FAILURE() << p.action << " " << p.param << " [" << p.form << "] "
                    << (p.value ? "\"" + *p.value + "\"" : "(absent)") << ": " << why;
    }
  }
  EXPECT_EQ(failures, 0u);
  // Every form of the vocabulary is probed for each parameter type.
  EXPECT_EQ(forms["OneShot"], (std::set<std::string>{"true", "false", "missing", "empty", "case",
                                                     "digit", "spaced", "other"}));
  EXPECT_EQ(forms["MaxResults"],
            (std::set<std::string>{"valid", "missing", "empty", "plus", "minus", "leading-zero",
                                   "out-of-range", "spaced", "not-decimal", "huge"}));
  EXPECT_EQ(forms["Site"], (std::set<std::string>{"production", "backup", "missing", "empty",
                                                  "case", "spaced", "other"}));
  EXPECT_EQ(forms["PairIds"],
            (std::set<std::string>{"one", "several", "missing", "empty", "gaps", "spaced"}));
  EXPECT_EQ(forms["PairName"], (std::set<std::string>{"valid", "missing", "empty", "long",
                                                      "not-utf8", "not-printable", "invalid"}));
}

// The generator sends PairIds off-forms around the sequence's own IDs: the run loop resolves
// placeholders item by item in a comma list, keeping gaps and blanks.
TEST(FormsAgreement, P2_ListPlaceholdersResolveItemByItem) {
  harness::InProcessTarget target({}, fixtures(), harness::SignatureVersion::kV3, 1);
  const model::Universe universe = harness::universe_from(fixtures());
  model::BeliefSet beliefs(universe, model::default_profile());
  Sequence steps = setup_steps(Setup::kCreated);
  steps.push_back(call("DescribeDiskReplicaPairs",
                       {{"RegionId", "{primary:0}"}, {"PairIds", "pair-x, {pair:0},,"}}, 5));
  const harness::SequenceResult r = harness::run_sequence(target, beliefs, steps, {});
  ASSERT_TRUE(r.conformant());
  ASSERT_EQ(r.created.size(), 1u);
  const model::StepRecord& last = r.records.back();
  EXPECT_EQ(model::find_param(last.request.params, "PairIds"), "pair-x, " + r.created[0].id + ",,");
  ASSERT_TRUE(last.observed.has_value());
  ASSERT_EQ(last.observed->pairs.size(), 1u);  // listed by its trimmed ID
  EXPECT_EQ(last.observed->pairs[0].replica_pair_id, r.created[0].id);
}

// O9: DescribeDiskReplicaPairs lists by ResourceGroupId, the group a pair's Create named: the
// model agrees with the emulator on the pair listed, and on none for another group.
TEST(FormsAgreement, O9_ResourceGroupIdFiltersTheListing) {
  harness::InProcessTarget target({}, fixtures(), harness::SignatureVersion::kV3, 1);
  const model::Universe universe = harness::universe_from(fixtures());
  model::BeliefSet beliefs(universe, model::default_profile());
  model::Params create = create_params();
  create.emplace_back("ResourceGroupId", "rg-pc");
  Sequence steps = {call("CreateDiskReplicaPair", create, 0), settle()};
  for (const char* group : {"rg-pc", "rg-other"}) {
    steps.push_back(call("DescribeDiskReplicaPairs",
                         {{"RegionId", "cn-hangzhou"}, {"ResourceGroupId", group}}, steps.size()));
  }
  const harness::SequenceResult r = harness::run_sequence(target, beliefs, steps, {});
  ASSERT_TRUE(r.conformant());
  std::vector<std::size_t> listed;  // pairs listed by each Describe by group, in order
  for (const model::StepRecord& record : r.records) {
    if (!model::find_param(record.request.params, "ResourceGroupId")) continue;
    if (record.request.action != "DescribeDiskReplicaPairs") continue;
    ASSERT_TRUE(record.observed.has_value());
    listed.push_back(record.observed->pairs.size());
  }
  EXPECT_EQ(listed, (std::vector<std::size_t>{1, 0}));
}

}  // namespace
}  // namespace paircheck::properties
