// M1-M4 and W2-W4: the judge over histories (judge.md's worked history), unknown outcomes,
// pending pairs, liveness helpers, verdict contents.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "models/json_io.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

Request at(Request r, std::int64_t ms) {  // a real clock: a 40 ms interval
  r.time = TimeInterval{ms, ms + 40};
  return r;
}

PairStatusSet set_of(std::initializer_list<PairStatus> l) { return PairStatusSet(l); }

TEST(BeliefSet, M1_WorkedHistoryFromJudgeDoc) {
  BeliefSet b(universe(), default_profile());
  const std::string p = "pair-cn-hangzhou-w1";
  ASSERT_TRUE(b.observe(at(requests::create(hz_to_sh("t1")), 1000), created(p)).conformant);
  EXPECT_EQ(b.possible_statuses(p), set_of({S::kCreating, S::kCreated}));
  ASSERT_TRUE(
      b.observe(at(requests::start(kHz, p, std::nullopt, "t2"), 2000), response(200)).conformant);
  EXPECT_EQ(b.possible_statuses(p), set_of({S::kInitialSyncing, S::kNormal, S::kSyncing}));
  ASSERT_TRUE(
      b.observe(at(requests::start(kHz, p, std::nullopt, "t2"), 3000), response(200)).conformant);
  EXPECT_EQ(b.possible_statuses(p), set_of({S::kInitialSyncing, S::kNormal, S::kSyncing}));
  Request t3 = at(requests::start(kHz, p, std::nullopt, "t3"), 4000);
  ASSERT_TRUE(b.observe(t3, response(403, "OperationDenied.InvalidStatus")).conformant);
  Request d = at(requests::describe(kHz), 5000);
  Observed listing = b.example(d, 0);
  for (std::size_t i = 0; i < 3 && listing.pairs.at(0).status != "normal"; ++i)
    listing = b.example(d, i);
  ASSERT_EQ(listing.pairs.at(0).status, "normal");
  ASSERT_TRUE(b.observe(d, listing).conformant);
  EXPECT_EQ(b.possible_statuses(p),
            set_of({S::kNormal, S::kSyncing}));  // closed: normal -> syncing
  Request stop = at(requests::stop(kHz, p, "t4"), 6000);
  b.observe_unknown(stop);
  EXPECT_EQ(b.possible_statuses(p), set_of({S::kNormal, S::kSyncing, S::kStopping, S::kStopped}));
  ASSERT_TRUE(b.observe(at(requests::stop(kHz, p, "t4"), 7000), response(200)).conformant);
  EXPECT_EQ(b.possible_statuses(p), set_of({S::kStopping, S::kStopped}));
}

TEST(BeliefSet, M1_UnexplainedResponseRejectedWithRulesAndAllowed) {
  BeliefSet b(universe(), default_profile());
  const std::string p = "pair-cn-hangzhou-w2";
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(p)).conformant);
  Observed listing = b.example(requests::describe(kHz), 0);
  listing.pairs.at(0).status = "created";
  ASSERT_TRUE(b.observe(requests::describe(kHz), listing).conformant);
  ASSERT_TRUE(b.observe(requests::start(kHz, p), response(200)).conformant);
  const std::size_t before = b.size();
  Verdict v = b.observe(requests::start(kHz, p), response(200));  // #4 answered with 200
  EXPECT_FALSE(v.conformant);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kO2));
  EXPECT_EQ(v.message.rfind("[O2]", 0), 0u) << v.message;
  ASSERT_EQ(v.allowed.size(), 1u);
  EXPECT_EQ(v.allowed[0], "403 OperationDenied.InvalidStatus [O2 O0]");
  EXPECT_GE(b.size(), before);  // judging goes on: the set is never emptied
}

TEST(BeliefSet, M2_UnknownOutcomeKeepsAppliedAndNotApplied) {
  BeliefSet b(universe(), default_profile());
  b.observe_unknown(requests::attach("i-sh-1", "d-sh-1"));
  EXPECT_EQ(b.size(), 2u);
  // Either answer is conformant now.
  BeliefSet c = b;
  EXPECT_TRUE(b.observe(requests::detach("i-sh-1", "d-sh-1"), response(200)).conformant);
  EXPECT_TRUE(c.observe(requests::detach("i-sh-1", "d-sh-1"), response(403, "IncorrectDiskStatus"))
                  .conformant);
}

TEST(BeliefSet, M2_PendingCreateBoundWhenAResponseShowsIt) {
  BeliefSet b(universe(), default_profile());
  b.observe_unknown(requests::create(hz_to_sh()));
  Request d = requests::describe(kHz);
  Observed listing = b.example(d, 0);
  for (std::size_t i = 0; listing.pairs.empty() && i < 8; ++i) listing = b.example(d, i);
  ASSERT_EQ(listing.pairs.size(), 1u);
  listing.pairs[0].replica_pair_id = "pair-cn-hangzhou-late";
  listing.pairs[0].status = "created";
  ASSERT_TRUE(b.observe(d, listing).conformant);
  EXPECT_EQ(b.possible_statuses("pair-cn-hangzhou-late"), set_of({S::kCreated}));
  EXPECT_TRUE(b.observe(requests::start(kHz, "pair-cn-hangzhou-late"), response(200)).conformant);
}

TEST(BeliefSet, M2_PendingCreateBoundByReplay) {
  BeliefSet b(universe(), default_profile());
  Request c = requests::create(hz_to_sh("tok-c"));
  b.observe_unknown(c);
  ASSERT_TRUE(b.observe(c, created("pair-cn-hangzhou-r")).conformant);
  EXPECT_FALSE(b.possible_statuses("pair-cn-hangzhou-r").empty());
  for (const World& w : b.worlds()) {
    for (const Pair& p : w.pairs) EXPECT_FALSE(p.pending());
  }
}

TEST(BeliefSet, M2_ServerErrorsUnknownOnlyWhenProfileSaysSo) {
  Request c = requests::create(hz_to_sh());
  BeliefSet strict(universe(), default_profile());
  EXPECT_FALSE(strict.observe(c, response(500, "InternalError")).conformant);
  Profile p = default_profile();
  p.server_error_codes = {"InternalError"};
  BeliefSet lenient(universe(), p);
  Verdict v = lenient.observe(c, response(500, "InternalError"));
  EXPECT_TRUE(v.conformant);
  EXPECT_EQ(v.rule_ids.front(), RuleId::kM2);
  EXPECT_EQ(lenient.size(), 3u);  // not applied; applied (creating, created)
}

TEST(BeliefSet, M2_JudgeRecordsStatusesBefore) {
  BeliefSet b(universe(), default_profile());
  const std::string p = "pair-cn-hangzhou-j";
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(p)).conformant);
  Observed denied = response(403, "OperationDenied.InvalidStatus");
  StepRecord r = b.judge(1, requests::stop(kHz, p), &denied);
  EXPECT_TRUE(r.verdict.conformant);
  EXPECT_EQ(r.statuses_before, PairStatusSet({S::kCreating, S::kCreated}));
  EXPECT_EQ(r.target_pair, p);
  StepRecord u = b.judge(2, requests::stop(kHz, p), nullptr);
  EXPECT_FALSE(u.observed.has_value());
  EXPECT_EQ(u.verdict.rule_ids.front(), RuleId::kM2);
}

TEST(BeliefSet, M3_TransientPairsReported) {
  BeliefSet b(universe(), default_profile());
  const std::string p = "pair-cn-hangzhou-m3";
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created(p)).conformant);
  EXPECT_TRUE(b.may_be_transient(p));  // creating
  Observed listing = b.example(requests::describe(kHz), 0);
  listing.pairs.at(0).status = "created";
  ASSERT_TRUE(b.observe(requests::describe(kHz), listing).conformant);
  EXPECT_FALSE(b.may_be_transient(p));
  EXPECT_FALSE(b.may_be_transient("pair-unknown"));
}

TEST(BeliefSet, M4_VerdictNamesRequestResponseAllowedAndRules) {
  BeliefSet b(universe(), default_profile());
  Request r = requests::stop(kHz, "pair-none");
  Verdict v = b.observe(r, response(200));
  EXPECT_FALSE(v.conformant);
  EXPECT_NE(v.message.find("StopDiskReplicaPair"), std::string::npos);
  EXPECT_NE(v.message.find("got 200"), std::string::npos);
  EXPECT_NE(v.message.find("404 NoSuchResource"), std::string::npos);
  EXPECT_TRUE(has_rule(v.rule_ids, RuleId::kO4));
  ASSERT_TRUE(v.key.has_value());
  EXPECT_EQ(v.key->str(), "O4|StopDiskReplicaPair|200|");
  ASSERT_FALSE(v.violations.empty());
  EXPECT_EQ(v.violations.front().rule, RuleId::kO4);
  EXPECT_EQ(info(v.violations.front().rule).kind, 'D');
  StepRecord rec = b.record(3, r, nullptr, v, PairStatusSet{});
  nlohmann::json j = rec;
  EXPECT_EQ(j["index"], 3);
  EXPECT_TRUE(j["unknown"].get<bool>());
  EXPECT_EQ(j["verdict"]["rule_ids"][0], "O4");
  EXPECT_EQ(j["verdict"]["key"], "O4|StopDiskReplicaPair|200|");
  EXPECT_EQ(j["verdict"]["violations"][0]["rule"], "O4");
}

TEST(BeliefSet, W2_SuccessWithNon200Rejected) {
  BeliefSet b(universe(), default_profile());
  Observed o = response(201);
  o.total_count = 0;
  Verdict v = b.observe(requests::describe(kHz), o);
  EXPECT_FALSE(v.conformant);
  EXPECT_EQ(v.rule_ids.front(), RuleId::kW2);
  EXPECT_EQ(v.message.rfind("[W2]", 0), 0u);
}

TEST(BeliefSet, W3_ErrorWithoutCodeRejected) {
  BeliefSet b(universe(), default_profile());
  Observed o = parse_observed("StopDiskReplicaPair", 404,
                              R"({"RequestId":"r-w3","HostId":"h","Message":"no code"})");
  Verdict v = b.observe(requests::stop(kHz, "pair-none"), o);
  EXPECT_FALSE(v.conformant);
  EXPECT_EQ(v.rule_ids.front(), RuleId::kW3);
  Observed bad = parse_observed("StopDiskReplicaPair", 404, "<html>");
  EXPECT_FALSE(bad.shape_error.empty());
  bad.request_id = "r-w3-html";
  Verdict html = b.observe(requests::stop(kHz, "pair-none"), bad);
  ASSERT_FALSE(html.violations.empty());
  EXPECT_EQ(html.violations.front().rule, RuleId::kW3);
  EXPECT_EQ(html.message.rfind("[W3]", 0), 0u) << html.message;
  Observed ok =
      parse_observed("StopDiskReplicaPair", 404,
                     R"({"RequestId":"r-w3b","HostId":"h","Code":"NoSuchResource","Message":"m"})");
  EXPECT_TRUE(b.observe(requests::stop(kHz, "pair-none"), ok).conformant);
}

TEST(BeliefSet, W4_RepeatedOrMissingRequestIdRejected) {
  BeliefSet b(universe(), default_profile());
  Observed o =
      parse_observed("DescribeDiskReplicaPairs", 200,
                     R"({"RequestId":"same","ReplicaPairs":[],"TotalCount":0,"NextToken":""})");
  ASSERT_TRUE(o.shape_error.empty()) << o.shape_error;
  EXPECT_TRUE(b.observe(requests::describe(kHz), o).conformant);
  Verdict v = b.observe(requests::describe(kHz), o);
  EXPECT_FALSE(v.conformant);
  EXPECT_EQ(v.rule_ids.front(), RuleId::kW4);
  o.request_id.clear();
  EXPECT_EQ(b.observe(requests::describe(kHz), o).rule_ids.front(), RuleId::kW4);
}

TEST(BeliefSet, W2_ParseObservedReadsBodies) {
  Observed c = parse_observed("CreateDiskReplicaPair", 200,
                              R"({"RequestId":"r","ReplicaPairId":"pair-x","OrderId":"1"})");
  EXPECT_EQ(c.replica_pair_id, "pair-x");
  Observed missing = parse_observed("CreateDiskReplicaPair", 200, R"({"RequestId":"r"})");
  EXPECT_FALSE(missing.shape_error.empty());
  BeliefSet b(universe(), default_profile());
  Verdict v = b.observe(requests::create(hz_to_sh()), missing);
  ASSERT_FALSE(v.violations.empty());
  EXPECT_EQ(v.violations.front().rule, RuleId::kW2);
  EXPECT_EQ(v.message.rfind("[W2]", 0), 0u) << v.message;
  Observed d =
      parse_observed("DescribeDiskReplicaPairs", 200,
                     R"({"RequestId":"r","TotalCount":1,"PageNumber":1,"PageSize":10,"NextToken":"",
          "ReplicaPairs":[{"ReplicaPairId":"pair-x","Status":"normal","RPO":900,"Site":"production","StatusMessage":""}]})");
  ASSERT_EQ(d.pairs.size(), 1u);
  EXPECT_EQ(d.pairs[0].status, "normal");
  EXPECT_EQ(*d.pairs[0].rpo, 900);
  EXPECT_TRUE(d.shape_error.empty());
  Observed p = parse_observed("DescribeDiskReplicaPairProgress", 200,
                              R"({"RequestId":"r","Progress":"42","RecoverPoint":0})");
  EXPECT_EQ(*p.progress, 42);
  Observed junk = parse_observed("DescribeDiskReplicaPairProgress", 200, "{not json");
  EXPECT_FALSE(junk.shape_error.empty());
}

}  // namespace
}  // namespace paircheck::model
