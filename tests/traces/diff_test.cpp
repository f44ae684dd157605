// traces/diff and traces/id_map (`paircheck diff`, docs/traces.md "Diff"): the pair IDs of a
// recording mapped to a new target's and back, the comparison of two answers modulo IDs,
// RequestIds and times, and what makes a recording impossible to send again.
#include <gtest/gtest.h>

#include "models/profile.hpp"
#include "traces/diff.hpp"
#include "traces/id_map.hpp"

namespace paircheck::traces {
namespace {

model::ObservedPair listed(const std::string& id, const std::string& status) {
  model::ObservedPair p;
  p.replica_pair_id = id;
  p.status = status;
  p.source_disk_id = "d-hz-0001";
  p.destination_disk_id = "d-sh-0001";
  p.rpo = 15;
  return p;
}

model::Observed describe(std::vector<model::ObservedPair> pairs, std::string request_id) {
  model::Observed o;
  o.http_status = 200;
  o.request_id = std::move(request_id);
  o.total_count = static_cast<std::int64_t>(pairs.size());
  o.pairs = std::move(pairs);
  return o;
}

model::Observed error(int http, std::string code) {
  model::Observed o;
  o.http_status = http;
  o.code = std::move(code);
  o.request_id = "R-" + o.code;
  o.message = "a message of " + std::to_string(http);
  return o;
}

TEST(Diff, IdMapSendsTheNewIdForEveryWholeRecordedIdAndReadsAnswersBack) {
  IdMap ids;
  ASSERT_TRUE(ids.add("pair-1", "pair-a"));
  ASSERT_TRUE(ids.add("pair-2", "pair-b"));
  EXPECT_TRUE(ids.add("pair-1", "pair-a"));   // the same Create replayed (I1): the same mapping
  EXPECT_FALSE(ids.add("pair-1", "pair-c"));  // one recorded ID, two new ones: refused
  EXPECT_FALSE(ids.add("pair-3", "pair-a"));  // two recorded IDs, one new one: refused
  EXPECT_FALSE(ids.add("pair-4", ""));        // a Create that gave no ID maps nothing
  EXPECT_EQ(ids.size(), 2U);
  EXPECT_EQ(ids.to_new("pair-2"), "pair-b");
  EXPECT_EQ(ids.to_recorded("pair-a"), "pair-1");
  EXPECT_EQ(ids.to_new("pair-3"), std::nullopt);

  const model::Params sent = ids.to_new({{"ReplicaPairId", "pair-1"},
                                         {"ReplicaPairIds", "pair-2,pair-1,pair-10"},
                                         {"SourceDiskId", "d-hz-0001"},
                                         {"Description", "pair-1x pair-1"}});
  const model::Params want = {{"ReplicaPairId", "pair-a"},
                              {"ReplicaPairIds", "pair-b,pair-a,pair-10"},
                              {"SourceDiskId", "d-hz-0001"},
                              {"Description", "pair-1x pair-a"}};
  EXPECT_EQ(sent, want);

  model::Observed answer = describe({listed("pair-b", "normal"), listed("pair-z", "created")}, "");
  answer.replica_pair_id = "pair-a";
  ids.to_recorded(answer);
  EXPECT_EQ(answer.replica_pair_id, "pair-1");
  EXPECT_EQ(answer.pairs[0].replica_pair_id, "pair-2");
  EXPECT_EQ(answer.pairs[1].replica_pair_id, "pair-z");  // not mapped: kept as it is

  ids.clear();
  EXPECT_EQ(ids.size(), 0U);
  EXPECT_EQ(ids.to_new({{"ReplicaPairId", "pair-1"}}).front().second, "pair-1");
}

TEST(Diff, AnswersCompareModuloRequestIdsMessagesTimesAndListOrder) {
  model::Observed a = describe({listed("pair-1", "normal"), listed("pair-2", "stopped")}, "R-1");
  model::Observed b = describe({listed("pair-2", "stopped"), listed("pair-1", "normal")}, "R-2");
  a.recover_point = 1000;
  b.recover_point = 2000;
  b.message = "another text";
  EXPECT_TRUE(compare_answers(a, b).empty());
  EXPECT_TRUE(compare_answers(error(403, "OperationDenied.InvalidStatus"),
                              error(403, "OperationDenied.InvalidStatus"))
                  .empty());
}

TEST(Diff, AnswersDifferInStatusCodeListedFieldsAndCounts) {
  using D = std::vector<FieldDifference>;
  EXPECT_EQ(compare_answers(error(403, "OperationDenied.InvalidStatus"),
                            error(400, "OperationDenied.InvalidStatus")),
            (D{{"http", "403", "400"}}));
  EXPECT_EQ(compare_answers(error(404, "InvalidReplicaPair.NotFound"), error(404, "Other")),
            (D{{"code", "InvalidReplicaPair.NotFound", "Other"}}));
  EXPECT_EQ(compare_answers(error(403, "X"), std::nullopt),
            (D{{"answer", "HTTP 403 X", "no answer"}}));

  const model::Observed a = describe({listed("pair-1", "normal"), listed("pair-2", "stopped")}, "");
  model::ObservedPair changed = listed("pair-1", "syncing");
  changed.rpo = 30;
  const model::Observed b = describe({changed}, "");
  EXPECT_EQ(compare_answers(a, b), (D{{"pairs[pair-1].RPO", "15", "30"},
                                      {"pairs[pair-1].Status", "normal", "syncing"},
                                      {"pairs[pair-2]", "listed", "not listed"},
                                      {"TotalCount", "2", "1"}}));
  // Items left out of both answers (pairs no longer replayed): the counts are not compared.
  EXPECT_EQ(compare_answers(describe({listed("pair-1", "normal")}, ""), b, false),
            (D{{"pairs[pair-1].RPO", "15", "30"}, {"pairs[pair-1].Status", "normal", "syncing"}}));

  model::Observed created = error(200, "");
  created.replica_pair_id = "pair-1";
  EXPECT_EQ(compare_answers(created, error(403, "OperationDenied.NoStock")),
            (D{{"http", "200", "403"},
               {"code", "", "OperationDenied.NoStock"},
               {"ReplicaPairId", "pair-1", ""}}));
}

class FakeTarget final : public harness::Target {
 public:
  explicit FakeTarget(bool resettable) : resettable_(resettable) {}
  harness::WireResult send(const model::Request& /*request*/) override { return {}; }
  std::int64_t now_ms() override { return 0; }
  bool can_reset() const override { return resettable_; }
  std::string describe() const override { return "http://fake"; }

 private:
  bool resettable_;
};

TraceCall call_as(const std::string& key, bool envelope_known, const std::string& code) {
  TraceCall c;
  c.request.action = "StopDiskReplicaPair";
  c.request.envelope.access_key_id = key;
  c.envelope_known = envelope_known;
  c.observed = error(code.empty() ? 200 : 403, code);
  return c;
}

TEST(Diff, ARecordingIsReplayableOnlyWithItsSecretsAndAResettableTargetForItsResets) {
  DiffOptions options;
  options.check.profile = model::default_profile();
  options.identities = {"ak-admin"};
  options.fixtures_origin = "fixtures.json";
  Trace trace;
  trace.path = "a.har";
  trace.calls.push_back(call_as("ak-admin", false, ""));
  FakeTarget plain(false), resettable(true);
  EXPECT_NO_THROW(check_replayable(trace, plain, options));

  // A key paircheck sent on purpose (G3): its recorded answer is G3's code; sent as recorded.
  const auto& g3 = options.check.profile.error("G3").codes;
  ASSERT_FALSE(g3.empty());
  trace.calls.push_back(call_as("ak-nobody", true, g3.front()));
  EXPECT_NO_THROW(check_replayable(trace, plain, options));

  // A key the fixtures hold no secret for, answered as a known one: no way to sign it again,
  // whether the recording kept the envelope or not.
  trace.calls.push_back(call_as("ak-other", true, ""));
  EXPECT_THROW(check_replayable(trace, plain, options), model::UsageError);
  trace.calls.back() = call_as("ak-other", false, "");
  trace.calls.back().entry = 2;
  try {
    check_replayable(trace, plain, options);
    ADD_FAILURE() << "no error";
  } catch (const model::UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "a.har: entry 3 is signed by AccessKeyId ak-other, which the fixtures "
                 "(fixtures.json) hold no secret for");
  }
  trace.calls.pop_back();

  TraceCall reset;
  reset.reset = true;
  trace.calls.push_back(reset);
  EXPECT_THROW(check_replayable(trace, plain, options), model::UsageError);
  EXPECT_NO_THROW(check_replayable(trace, resettable, options));
}

}  // namespace
}  // namespace paircheck::traces
