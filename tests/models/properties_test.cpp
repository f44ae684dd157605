// RapidCheck properties of the model itself: (a) M1 never empties on its own outcomes,
// (b) M1/M4 unexplained responses are rejected with rule IDs, (c) I1 from every status,
// (d) S6 no failure status without async_failures; plus the largest belief set over long histories.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "models/history_gen.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

struct Cmd {
  RequestWords words;
  bool unknown = false;
  std::size_t choice = 0;
  std::int64_t dt_ms = 0;
};

rc::Gen<Cmd> gen_cmd() {
  return rc::gen::apply(
      [](std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d, int unknown,
         std::size_t choice, int dt) {
        return Cmd{{a, b, c, d}, unknown == 0, choice, static_cast<std::int64_t>(dt) * 1000};
      },
      rc::gen::arbitrary<std::uint32_t>(), rc::gen::arbitrary<std::uint32_t>(),
      rc::gen::arbitrary<std::uint32_t>(), rc::gen::arbitrary<std::uint32_t>(),
      rc::gen::inRange(0, 10), rc::gen::inRange<std::size_t>(0, 8), rc::gen::inRange(0, 500));
}

// Runs cmds against the judge, answering each with one of its own examples.
template <typename Check>
void run_history(BeliefSet& b, const std::vector<Cmd>& cmds, Check&& check) {
  std::int64_t now = 1'000;
  for (const Cmd& c : cmds) {
    now += c.dt_ms;
    Request r = make_request(b, c.words, now);
    if (c.unknown) {
      b.observe_unknown(r);
    } else {
      Observed o = b.example(r, c.choice);
      Verdict v = b.observe(r, o);
      RC_ASSERT(v.conformant);
    }
    RC_ASSERT(b.size() > 0u);
    check(b);
  }
}

RC_GTEST_PROP(Properties, M1_OwnOutcomesNeverEmptyTheSet, ()) {
  const auto cmds = *rc::gen::container<std::vector<Cmd>>(gen_cmd());
  BeliefSet b(universe(), default_profile());
  run_history(b, cmds, [](const BeliefSet&) {});
}

RC_GTEST_PROP(Properties, M1_UnexplainedResponseRejectedWithRuleIds, ()) {
  const auto cmds = *rc::gen::container<std::vector<Cmd>>(gen_cmd());
  const Cmd last = *gen_cmd();
  const auto pick = *rc::gen::inRange(0, 7);
  BeliefSet b(universe(), default_profile());
  run_history(b, cmds, [](const BeliefSet&) {});
  Request r = make_request(b, last.words, 10'000'000);
  const std::pair<int, const char*> kResponses[] = {{403, "OperationDenied.InvalidStatus"},
                                                    {404, "NoSuchResource"},
                                                    {400, "InvalidParameter"},
                                                    {500, "InternalError"},
                                                    {400, "IdempotentParameterMismatch"},
                                                    {403, "OperationDenied"},
                                                    {200, ""},
                                                    {409, "Conflict"}};
  const auto [http, code] = kResponses[pick];
  std::vector<Outcome> allowed = b.allowed(r);
  bool explained =
      std::any_of(allowed.begin(), allowed.end(), [&, http = http, code = code](const Outcome& o) {
        return std::find(o.http.begin(), o.http.end(), http) != o.http.end() &&
               (o.success() ? *code == '\0' : has_code(o, code));
      });
  if (explained) return;  // only responses no world produces are the subject here
  Verdict v = b.observe(r, response(http, code));
  RC_ASSERT(!v.conformant);
  RC_ASSERT(!v.rule_ids.empty());
  RC_ASSERT(v.message.rfind("[", 0) == 0u);
  RC_ASSERT(!v.allowed.empty());
}

RC_GTEST_PROP(Properties, I1_ReplayFromEveryStatusIsIdempotent, ()) {
  const auto status = static_cast<S>(*rc::gen::inRange(0, kStatusCount));
  const auto later = static_cast<S>(*rc::gen::inRange(0, kStatusCount));
  const auto op = *rc::gen::inRange(0, 8);
  const bool in_source = *rc::gen::arbitrary<bool>();
  const std::string region = in_source ? kHz : kSh;
  Request r;
  switch (op) {
    case 0:
      r = requests::start(region, kPair, false, "tk");
      break;
    case 1:
      r = requests::start(region, kPair, true, "tk");
      break;
    case 2:
      r = requests::stop(region, kPair, "tk");
      break;
    case 3:
      r = requests::failover(region, kPair, "tk");
      break;
    case 4:
      r = requests::reprotect(region, kPair, std::nullopt, "tk");
      break;
    case 5:
      r = requests::remove(region, kPair, "tk");
      break;
    case 6:
      r = requests::modify(region, kPair, "nm", "tk");
      break;
    default:
      r = requests::create(hz_to_sh("tk", "d-hz-2", "d-sh-2"));
      break;
  }
  Stepper run;
  StepResult first = run(world_with(status), r, 1000);
  RC_PRE(first.outcome.success());
  World moved = first.world;
  if (Pair* p = moved.pair(kPair)) p->status = later;  // the state moves on
  StepResult replay = run(moved, r, 2000);
  RC_ASSERT(replay.outcome.success());
  RC_ASSERT(replay.world == moved);
  RC_ASSERT(replay.outcome.body == first.outcome.body);
  RC_ASSERT(replay.outcome.pair_id == first.outcome.pair_id);
}

RC_GTEST_PROP(Properties, S6_NoFailureStatusWithoutAsyncFailures, ()) {
  const auto cmds = *rc::gen::container<std::vector<Cmd>>(gen_cmd());
  BeliefSet b(universe(), default_profile());
  run_history(b, cmds, [](const BeliefSet& judge) {
    for (const World& w : judge.worlds()) {
      for (const Pair& p : w.pairs) RC_ASSERT(!is_failure(p.status));
    }
  });
}

TEST(Properties, S6_FailureStatusesReachableWithAsyncFailures) {
  Profile p = default_profile();
  p.async_failures = true;
  BeliefSet b(universe(), p);
  ASSERT_TRUE(b.observe(requests::create(hz_to_sh()), created("pair-f")).conformant);
  EXPECT_TRUE(b.possible_statuses("pair-f").contains(S::kCreateFailed));
}

TEST(Properties, M1_SetStaysSmallOverLongHistories) {
  std::size_t largest = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    WordStream words(seed);
    BeliefSet b(universe(), default_profile());
    std::int64_t now = 0;
    for (int i = 0; i < 200; ++i) {
      now += static_cast<std::int64_t>(words.next() % 300'000);
      Request r = make_request(b, words.words(), now);
      if (words.next() % 10 == 0) {
        b.observe_unknown(r);
      } else {
        Verdict v = b.observe(r, b.example(r, words.next() % 8));
        ASSERT_TRUE(v.conformant) << v.message;
      }
      largest = std::max(largest, b.size());
    }
  }
  RecordProperty("largest_belief_set", static_cast<int>(largest));
  std::cout << "largest belief set over 30 x 200 requests: " << largest << " worlds\n";
  EXPECT_LT(largest, 2000u);
}

}  // namespace
}  // namespace paircheck::model
