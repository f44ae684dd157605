// M1 over overlapping requests (models/linearize.hpp): Wing-Gong search over belief sets. A
// sequential history gives today's verdicts; races are conformant iff some real-time order
// explains them; BeliefSet::hash and merge; a budget that runs out is kUnknown.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "models/history_gen.hpp"
#include "models/linearize.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;
using Result = Linearized::Result;

Request during(Request r, std::int64_t sent, std::int64_t received) {
  r.time = TimeInterval{sent, received};
  return r;
}

TimedCall call(Request r, std::int64_t sent, std::int64_t received,
               std::optional<Observed> o = std::nullopt) {
  return TimedCall{during(std::move(r), sent, received), std::move(o)};
}

// A Describe answer that lists the pair in `status` (the rest as the judge would show it).
Observed listing_with(const BeliefSet& b, const std::string& status) {
  Request d = requests::describe(kHz);
  Observed o = b.example(d, 0);
  for (std::size_t i = 1; i < 8 && o.pairs.empty(); ++i) o = b.example(d, i);
  if (!o.pairs.empty()) {
    o.pairs.at(0).status = status;
    o.pairs.at(0).last_recover_point.reset();  // about statuses: the recover point not shown
  }
  o.request_id = response(200).request_id;
  return o;
}

// A judge that knows kPairW in `created` (Create answered, then a Describe showing it).
const std::string kPairW = "pair-cn-hangzhou-lin";
BeliefSet with_created_pair() {
  BeliefSet b(universe(), default_profile());
  EXPECT_TRUE(
      b.observe(during(requests::create(hz_to_sh()), 1000, 1040), created(kPairW)).conformant);
  Observed l = listing_with(b, "created");
  EXPECT_EQ(l.pairs.size(), 1u);
  EXPECT_TRUE(b.observe(during(requests::describe(kHz), 2000, 2040), l).conformant);
  EXPECT_EQ(b.possible_statuses(kPairW), PairStatusSet({S::kCreated}));
  return b;
}

// ...then started and seen `normal`: {normal, syncing} (S2).
BeliefSet with_normal_pair() {
  BeliefSet b = with_created_pair();
  EXPECT_TRUE(
      b.observe(during(requests::start(kHz, kPairW), 3000, 3040), response(200)).conformant);
  EXPECT_TRUE(
      b.observe(during(requests::describe(kHz), 4000, 4040), listing_with(b, "normal")).conformant);
  EXPECT_EQ(b.possible_statuses(kPairW), PairStatusSet({S::kNormal, S::kSyncing}));
  return b;
}

bool same_verdict(const Verdict& a, const Verdict& b) {
  return a.conformant == b.conformant && a.rule_ids == b.rule_ids && a.message == b.message &&
         a.exercised == b.exercised && a.allowed == b.allowed && a.key == b.key &&
         a.violations == b.violations;
}

// ---- BeliefSet::hash and merge ----

TEST(Linearize, M1_HashIgnoresWorldOrderAndSeesEveryWorld) {
  BeliefSet a = with_created_pair();
  BeliefSet copy = a;
  EXPECT_EQ(a.hash(), copy.hash());
  BeliefSet started = a;
  ASSERT_TRUE(
      started.observe(during(requests::start(kHz, kPairW), 5000, 5040), response(200)).conformant);
  EXPECT_NE(a.hash(), started.hash());
  // Merging the same two sets in either order gives the same worlds in another order.
  BeliefSet ab = a;
  ab.merge(started);
  BeliefSet ba = started;
  ba.merge(a);
  EXPECT_EQ(ab.size(), a.size() + started.size());
  EXPECT_EQ(ab.size(), ba.size());
  EXPECT_NE(ab.worlds(), ba.worlds());  // a different order...
  EXPECT_EQ(ab.hash(), ba.hash());      // ...the same fingerprint
  EXPECT_EQ(ab.possible_statuses(kPairW),
            PairStatusSet({S::kCreated, S::kInitialSyncing, S::kNormal, S::kSyncing}));
}

TEST(Linearize, M1_MergeDeduplicatesAndKeepsJudging) {
  BeliefSet a = with_created_pair();
  BeliefSet b = a;
  b.merge(a);
  EXPECT_EQ(b.worlds(), a.worlds());
  EXPECT_EQ(b.hash(), a.hash());
  // The merged set explains what either part explains.
  BeliefSet started = a;
  ASSERT_TRUE(
      started.observe(during(requests::start(kHz, kPairW), 5000, 5040), response(200)).conformant);
  b.merge(started);
  BeliefSet c = b;
  EXPECT_TRUE(b.observe(during(requests::start(kHz, kPairW), 6000, 6040), response(200))
                  .conformant);  // the `created` world
  EXPECT_TRUE(c.observe(during(requests::start(kHz, kPairW), 6000, 6040),
                        response(403, "OperationDenied.InvalidStatus"))
                  .conformant);  // the started worlds
}

// ---- races ----

TEST(Linearize, O2_TwoOverlappingStartsOneAcceptedEitherArrivalOrder) {
  for (bool accepted_first : {true, false}) {
    BeliefSet b = with_created_pair();
    const BeliefSet before = b;
    Observed ok = response(200);
    Observed denied = response(403, "OperationDenied.InvalidStatus");
    // The second call is sent first and answered last: both orders are real-time consistent.
    std::vector<TimedCall> calls = {
        call(requests::start(kHz, kPairW), 5000, 5300, accepted_first ? ok : denied),
        call(requests::start(kHz, kPairW), 5100, 5200, accepted_first ? denied : ok)};
    Linearized l = linearize(b, calls, {}, 7);
    ASSERT_EQ(l.result, Result::kLinearizable) << l.failure.message;
    ASSERT_EQ(l.order.size(), 2u);
    EXPECT_EQ(l.order.front(), accepted_first ? 0u : 1u);  // the 200 takes effect first
    ASSERT_EQ(l.records.size(), 2u);
    EXPECT_EQ(l.records[0].index, 7u);
    EXPECT_EQ(l.records[1].index, 8u);
    EXPECT_TRUE(l.records[0].verdict.conformant);
    EXPECT_TRUE(l.records[1].verdict.conformant);
    EXPECT_EQ(l.records[0].request.time.sent_ms, 5000);  // records show the calls as sent
    EXPECT_GE(l.nodes, 2u);
    EXPECT_LE(l.nodes, 4u);  // n calls: at most n * 2^(n-1) nodes when each mask has one state
    EXPECT_EQ(b.possible_statuses(kPairW),
              PairStatusSet({S::kInitialSyncing, S::kNormal, S::kSyncing}));
    EXPECT_NE(b.hash(), before.hash());
  }
}

TEST(Linearize, O2_AStartAnsweredBeforeTheOtherWasSentCannotComeAfterIt) {
  BeliefSet b = with_created_pair();
  // The denied Start was answered before the accepted one was sent: denied from `created` is
  // impossible, so there is no order.
  std::vector<TimedCall> calls = {call(requests::start(kHz, kPairW), 5000, 5100,
                                       response(403, "OperationDenied.InvalidStatus")),
                                  call(requests::start(kHz, kPairW), 5200, 5300, response(200))};
  const std::uint64_t before = b.hash();
  Linearized l = linearize(b, calls);
  EXPECT_EQ(l.result, Result::kNotLinearizable);
  EXPECT_FALSE(l.failure.conformant);
  ASSERT_TRUE(l.failure.key.has_value());
  EXPECT_EQ(l.failure.key->str(), "O2|StartDiskReplicaPair|403|OperationDenied.InvalidStatus");
  EXPECT_EQ(b.hash(), before);  // unchanged
  ASSERT_EQ(l.records.size(), 2u);
  EXPECT_FALSE(l.records[0].verdict.conformant);
}

TEST(Linearize, O2_RealTimeOrderHoldsInsideAPiece) {
  // A long Describe keeps all three calls in one piece; the denied Start was still answered
  // before the accepted one was sent, so it cannot take effect after it.
  BeliefSet b = with_created_pair();
  std::vector<TimedCall> calls = {
      call(requests::describe(kHz), 5000, 5500, listing_with(b, "created")),
      call(requests::start(kHz, kPairW), 5000, 5100,
           response(403, "OperationDenied.InvalidStatus")),
      call(requests::start(kHz, kPairW), 5200, 5300, response(200))};
  Linearized l = linearize(b, calls);
  EXPECT_EQ(l.result, Result::kNotLinearizable);
  ASSERT_TRUE(l.failure.key.has_value());
  EXPECT_EQ(l.failure.key->str(), "O2|StartDiskReplicaPair|403|OperationDenied.InvalidStatus");
  // Answered the other way round, the same calls are linearizable (Describe, Start 200, denied).
  BeliefSet c = with_created_pair();
  std::swap(calls[1].observed, calls[2].observed);
  Linearized m = linearize(c, calls);
  ASSERT_EQ(m.result, Result::kLinearizable) << m.failure.message;
  EXPECT_EQ(m.order, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(Linearize, O2_TwoOverlappingStartsBothAcceptedIsNotLinearizable) {
  BeliefSet b = with_created_pair();
  const std::uint64_t before = b.hash();
  const std::size_t size_before = b.size();
  std::vector<TimedCall> calls = {call(requests::start(kHz, kPairW), 5000, 5300, response(200)),
                                  call(requests::start(kHz, kPairW), 5100, 5200, response(200))};
  Linearized l = linearize(b, calls, {}, 3);
  EXPECT_EQ(l.result, Result::kNotLinearizable);
  EXPECT_TRUE(l.order.empty());
  // The order that got furthest linearized one Start; the other's 200 is what no state explains.
  EXPECT_FALSE(l.failure.conformant);
  ASSERT_FALSE(l.failure.rule_ids.empty());
  EXPECT_EQ(l.failure.rule_ids.front(), RuleId::kO2);
  ASSERT_TRUE(l.failure.key.has_value());
  EXPECT_EQ(l.failure.key->str(), "O2|StartDiskReplicaPair|200|");
  EXPECT_EQ(l.failure.allowed,
            std::vector<std::string>{"403 OperationDenied.InvalidStatus [O2 O0]"});
  ASSERT_EQ(l.records.size(), 2u);
  EXPECT_EQ(l.records[0].verdict.conformant + l.records[1].verdict.conformant, 1);
  EXPECT_EQ(l.records[0].index, 3u);
  EXPECT_EQ(b.hash(), before);  // unchanged
  EXPECT_EQ(b.size(), size_before);
}

TEST(Linearize, I1_TwoOverlappingStartsWithOneTokenAreOneCall) {
  BeliefSet b = with_created_pair();
  std::vector<TimedCall> calls = {
      call(requests::start(kHz, kPairW, std::nullopt, "tok-race"), 5000, 5300, response(200)),
      call(requests::start(kHz, kPairW, std::nullopt, "tok-race"), 5100, 5200, response(200))};
  Linearized l = linearize(b, calls);
  ASSERT_EQ(l.result, Result::kLinearizable) << l.failure.message;
  EXPECT_TRUE(has_rule(l.records[l.order[1]].verdict.rule_ids, RuleId::kI1));
  EXPECT_EQ(b.possible_statuses(kPairW),
            PairStatusSet({S::kInitialSyncing, S::kNormal, S::kSyncing}));
}

TEST(Linearize, O8_EveryOrderOfTwoModifiesStaysInTheUnion) {
  BeliefSet b = with_created_pair();
  std::vector<TimedCall> calls = {
      call(requests::modify(kHz, kPairW, "first"), 5000, 5300, response(200)),
      call(requests::modify(kHz, kPairW, "second"), 5100, 5200, response(200))};
  Linearized l = linearize(b, calls);
  ASSERT_EQ(l.result, Result::kLinearizable) << l.failure.message;
  EXPECT_EQ(l.order, (std::vector<std::size_t>{0, 1}));  // the first witness: in order of sent
  std::set<std::string> names;
  for (const World& w : b.worlds()) names.insert(w.pair(kPairW)->name);
  EXPECT_EQ(names, (std::set<std::string>{"first", "second"}));  // either may have landed last
  // So a later Describe may show either name, and nothing else.
  for (const char* name : {"first", "second", "third"}) {
    BeliefSet c = b;
    Observed o = listing_with(c, "created");
    o.pairs.at(0).pair_name = name;
    EXPECT_EQ(c.observe(during(requests::describe(kHz), 6000, 6040), o).conformant,
              std::string(name) != "third")
        << name;
  }
}

TEST(Linearize, O9_DescribeOverlappingStopShowsBeforeOrAfterNotFromNowhere) {
  struct Case {
    const char* shown;
    bool linearizable;
  };
  for (const Case& k : {Case{"normal", true}, Case{"syncing", true}, Case{"stopping", true},
                        Case{"failovered", false}, Case{"created", false}}) {
    SCOPED_TRACE(k.shown);
    BeliefSet b = with_normal_pair();
    const std::uint64_t before = b.hash();
    std::vector<TimedCall> calls = {
        call(requests::stop(kHz, kPairW), 5000, 5400, response(200)),
        call(requests::describe(kHz), 5100, 5200, listing_with(b, k.shown))};
    Linearized l = linearize(b, calls);
    if (k.linearizable) {
      ASSERT_EQ(l.result, Result::kLinearizable) << l.failure.message;
      // Every order that explains the answers is in the union: a Describe before the Stop leaves
      // stopping/stopped; the Describe after it needs stopping.
      EXPECT_EQ(b.possible_statuses(kPairW), PairStatusSet({S::kStopping, S::kStopped}));
      const bool describe_first = std::string(k.shown) != "stopping";
      EXPECT_EQ(l.order.front(), describe_first ? 1u : 0u);
    } else {
      EXPECT_EQ(l.result, Result::kNotLinearizable);
      ASSERT_TRUE(l.failure.key.has_value());
      EXPECT_EQ(l.failure.key->action, "DescribeDiskReplicaPairs");
      EXPECT_EQ(l.records[0].verdict.conformant, true);  // the furthest order: Stop, then Describe
      EXPECT_EQ(b.hash(), before);
    }
  }
}

TEST(Linearize, M2_UnknownOutcomeMayTakeEffectAfterLaterCalls) {
  // An unknown Start (no answer) sent first, then a Describe showing `created` and a Start
  // denied: only "the unknown Start took effect between them" explains both.
  BeliefSet b = with_created_pair();
  std::vector<TimedCall> calls = {
      call(requests::start(kHz, kPairW), 5000, 5100),
      call(requests::describe(kHz), 6000, 6100, listing_with(b, "created")),
      call(requests::start(kHz, kPairW), 7000, 7100,
           response(403, "OperationDenied.InvalidStatus"))};
  BeliefSet sequential = b;
  sequential.observe_unknown(calls[0].request);
  ASSERT_TRUE(sequential.observe(calls[1].request, *calls[1].observed).conformant);
  // Judged one by one, the unknown call took effect before the Describe: the denial is not
  // explained. The search lets it take effect later.
  EXPECT_FALSE(sequential.observe(calls[2].request, *calls[2].observed).conformant);
  Linearized l = linearize(b, calls);
  ASSERT_EQ(l.result, Result::kLinearizable) << l.failure.message;
  EXPECT_EQ(l.order, (std::vector<std::size_t>{1, 0, 2}));
  EXPECT_EQ(l.records[0].verdict.rule_ids.front(), RuleId::kM2);
}

TEST(Linearize, M1_BudgetRunsOutOnAdversarialHistory) {
  // 20 overlapping Describes on one pair, one of them showing a status from nowhere: no order
  // explains it, and proving so would visit every subset of the other 19.
  BeliefSet b = with_normal_pair();
  const std::uint64_t before = b.hash();
  std::vector<TimedCall> calls;
  for (int i = 0; i < 20; ++i) {
    calls.push_back(call(requests::describe(kHz), 5000 + i, 9000,
                         listing_with(b, i == 13 ? "failovered" : "normal")));
  }
  LinearizeOptions options;
  options.node_budget = 5000;
  const auto t0 = std::chrono::steady_clock::now();
  Linearized l = linearize(b, calls, options);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(l.result, Result::kUnknown);
  EXPECT_EQ(l.nodes, options.node_budget);
  EXPECT_NE(l.reason.find("node budget of 5000"), std::string::npos) << l.reason;
  EXPECT_TRUE(l.order.empty());
  EXPECT_EQ(l.records.size(), calls.size());
  EXPECT_EQ(b.hash(), before);
  EXPECT_LT(seconds, 20.0);
  // The same history judged again spends the same nodes: a node budget is deterministic.
  EXPECT_EQ(linearize(b, calls, options).nodes, l.nodes);
}

TEST(Linearize, M1_MoreThan64OverlappingCallsAreUnknownButSequentialPiecesAreNot) {
  BeliefSet b = with_normal_pair();
  std::vector<TimedCall> overlapping, sequential;
  for (int i = 0; i < 65; ++i) {
    overlapping.push_back(
        call(requests::describe(kHz), 5000 + i, 90000, listing_with(b, "normal")));
    sequential.push_back(
        call(requests::describe(kHz), 5000 + 100 * i, 5040 + 100 * i, listing_with(b, "normal")));
  }
  BeliefSet c = b;
  Linearized l = linearize(c, overlapping);
  EXPECT_EQ(l.result, Result::kUnknown);
  EXPECT_EQ(l.nodes, 0u);
  EXPECT_NE(l.reason.find("65 calls overlap"), std::string::npos) << l.reason;
  Linearized s = linearize(c, sequential);
  EXPECT_EQ(s.result, Result::kLinearizable) << s.reason << s.failure.message;
  EXPECT_EQ(s.nodes, 65u);  // 65 pieces of one call
}

// ---- a sequential history is judged exactly as one by one ----

struct Cmd {
  RequestWords words;
  int answer = 0;  // 0..7: the judge's own example; 8: a wrong answer; 9: no answer
  std::size_t choice = 0;
  std::int64_t gap_ms = 0;
};

rc::Gen<Cmd> gen_cmd() {
  return rc::gen::apply(
      [](std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d, int answer,
         std::size_t choice, int gap) {
        return Cmd{{a, b, c, d}, answer, choice, static_cast<std::int64_t>(gap) * 100};
      },
      rc::gen::arbitrary<std::uint32_t>(), rc::gen::arbitrary<std::uint32_t>(),
      rc::gen::arbitrary<std::uint32_t>(), rc::gen::arbitrary<std::uint32_t>(),
      rc::gen::element(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), rc::gen::inRange<std::size_t>(0, 8),
      rc::gen::inRange(1, 5000));
}

struct History {
  std::vector<TimedCall> calls;
  std::vector<StepRecord> records;  // judged one by one
  BeliefSet end;
  bool conformant = true;
};

// Calls on non-overlapping intervals, answered from a shadow judge, and that judge's records.
History sequential_history(const std::vector<Cmd>& cmds, bool with_unknowns) {
  History h{{}, {}, BeliefSet(universe(), default_profile()), true};
  std::int64_t now = 1'000;
  for (const Cmd& c : cmds) {
    now += c.gap_ms;
    Request r = make_request(h.end, c.words, now);
    r.time = TimeInterval{now, now + 40};
    now += 40;
    std::optional<Observed> o;
    if (c.answer == 8) {
      o = response(403, "OperationDenied.InvalidStatus");
    } else if (c.answer != 9 || !with_unknowns) {
      o = h.end.example(r, c.choice);
    }
    h.records.push_back(h.end.judge(h.records.size() + 100, r, o ? &*o : nullptr));
    h.conformant = h.conformant && h.records.back().verdict.conformant;
    h.calls.push_back(TimedCall{r, o});
  }
  return h;
}

RC_GTEST_PROP(Linearize, M1_SequentialHistoryGivesTheOneByOneVerdicts, ()) {
  const auto cmds = *rc::gen::container<std::vector<Cmd>>(gen_cmd());
  const History h = sequential_history(cmds, false);
  RC_CLASSIFY(h.conformant, "conformant");
  RC_CLASSIFY(!h.conformant, "not conformant");
  BeliefSet b(universe(), default_profile());
  const std::uint64_t before = b.hash();
  Linearized l = linearize(b, h.calls, {}, 100);
  RC_ASSERT(l.records.size() == h.records.size());
  for (std::size_t i = 0; i < l.records.size(); ++i) {
    RC_ASSERT(l.records[i].index == h.records[i].index);
    RC_ASSERT(l.records[i].statuses_before == h.records[i].statuses_before);
    RC_ASSERT(same_verdict(l.records[i].verdict, h.records[i].verdict));
  }
  RC_ASSERT(l.nodes == h.calls.size() || !h.conformant);  // one piece, one node per call
  if (h.conformant) {
    RC_ASSERT(l.result == Result::kLinearizable);
    std::vector<std::size_t> in_order(h.calls.size());
    for (std::size_t i = 0; i < in_order.size(); ++i) in_order[i] = i;
    RC_ASSERT(l.order == in_order);
    RC_ASSERT(b.worlds() == h.end.worlds());
    RC_ASSERT(b.hash() == h.end.hash());
  } else {
    RC_ASSERT(l.result == Result::kNotLinearizable);
    const auto first = std::find_if(h.records.begin(), h.records.end(),
                                    [](const StepRecord& r) { return !r.verdict.conformant; });
    RC_ASSERT(same_verdict(l.failure, first->verdict));
    RC_ASSERT(b.hash() == before);
  }
}

RC_GTEST_PROP(Linearize, M2_SequentialHistoryWithUnknownsStaysConformant, ()) {
  // An unknown outcome may take effect later than judged one by one: every history the one-by-one
  // judge accepts stays linearizable, and its end states stay among the union's.
  // Short: from the first unknown on, the history is one piece.
  const auto length = *rc::gen::element<std::size_t>(2, 4, 6, 8, 10, 12);
  const auto cmds = *rc::gen::container<std::vector<Cmd>>(length, gen_cmd());
  const History h = sequential_history(cmds, true);
  RC_PRE(h.conformant);
  BeliefSet b(universe(), default_profile());
  Linearized l = linearize(b, h.calls);
  RC_CLASSIFY(l.nodes > h.calls.size(), "an unknown tried at later points");
  RC_ASSERT(l.result == Result::kLinearizable);
  for (const std::string& id : h.end.known_pair_ids()) {
    const PairStatusSet one_by_one = h.end.possible_statuses(id);
    RC_ASSERT((b.possible_statuses(id).bits() & one_by_one.bits()) == one_by_one.bits());
  }
}

}  // namespace
}  // namespace paircheck::model
