// Shared test fixture for tests/models: a small universe (two regions, two disks each, one
// instance each), a world with one pair in a chosen status, and a one-step helper.
#pragma once

#include <algorithm>
#include <string>

#include "models/belief_set.hpp"
#include "models/requests.hpp"
#include "models/step.hpp"

namespace paircheck::model::testing {

inline const char* kHz = "cn-hangzhou";
inline const char* kHzZone = "cn-hangzhou-h";
inline const char* kSh = "cn-shanghai";
inline const char* kShZone = "cn-shanghai-e";
inline const char* kPair = "pair-cn-hangzhou-0001";

inline Universe universe() {
  Universe u;
  u.account_id = "1000000000000001";
  u.identities = {{"ak-admin", {"*"}},
                  {"ak-readonly", {"DescribeDiskReplicaPairs", "DescribeDiskReplicaPairProgress"}}};
  u.disks = {{"d-hz-1", kHz, kHzZone},
             {"d-hz-2", kHz, kHzZone},
             {"d-sh-1", kSh, kShZone},
             {"d-sh-2", kSh, kShZone}};
  u.instances = {{"i-hz-1", kHz, kHzZone}, {"i-sh-1", kSh, kShZone}};
  return u;
}

inline requests::CreateArgs hz_to_sh(std::string token = "", std::string src = "d-hz-1",
                                     std::string dst = "d-sh-1") {
  requests::CreateArgs a{kHz, kHzZone, std::move(src), kSh, kShZone, std::move(dst), {}, {}, {}};
  if (!token.empty()) a.token = token;
  return a;
}

// A pair hangzhou (source, d-hz-1) -> shanghai (destination, d-sh-1) in the given status.
inline Pair pair_in(PairStatus s, std::string id = kPair) {
  Pair p;
  p.id = std::move(id);
  p.status = s;
  p.source = {kHz, kHzZone, "d-hz-1"};
  p.destination = {kSh, kShZone, "d-sh-1"};
  p.primary_region = kHz;
  p.primary_zone = kHzZone;
  p.standby_region = kSh;
  p.standby_zone = kShZone;
  return p;
}

inline World world_with(PairStatus s) {
  World w;
  w.put_pair(pair_in(s));
  return w;
}

// One step at a point in time (virtual clock) with the default or a given profile.
struct Stepper {
  Universe u = universe();
  Profile p = default_profile();
  StepResult operator()(const World& w, Request r, std::int64_t ms = 1000) const {
    requests::at(r, ms);
    StepContext ctx{u, p};
    return step(w, r, ctx);
  }
};

inline bool has_code(const Outcome& o, const std::string& code) {
  return std::find(o.codes.begin(), o.codes.end(), code) != o.codes.end();
}

inline bool has_rule(const RuleIds& rules, RuleId id) {
  return std::find(rules.begin(), rules.end(), id) != rules.end();
}

// A conformant-looking response with a fresh RequestId.
inline Observed response(int http, std::string code = "") {
  static int counter = 0;
  Observed o;
  o.http_status = http;
  o.code = std::move(code);
  o.request_id = "rid-" + std::to_string(++counter);
  return o;
}

inline Observed created(const std::string& id) {
  Observed o = response(200);
  o.replica_pair_id = id;
  return o;
}

}  // namespace paircheck::model::testing
