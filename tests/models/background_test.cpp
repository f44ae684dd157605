// S1-S6 (contract §5): the background moves, one hop each, and their closure.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "models/background.hpp"
#include "tests/models/fixture.hpp"

namespace paircheck::model {
namespace {

using namespace testing;
using S = PairStatus;

std::set<std::string> next_of(PairStatus s, const Profile& p) {
  std::set<std::string> out;
  for (const World& w : background_moves(world_with(s), p)) {
    out.insert(std::string(to_string(w.pair(kPair)->status)));
  }
  return out;
}

// Written from contract §5 (S1-S5, default profile).
const std::map<std::string, std::set<std::string>> kMoves = {
    {"creating", {"created"}},       {"initial_syncing", {"normal"}}, {"normal", {"syncing"}},
    {"syncing", {"normal"}},         {"manual_syncing", {"stopped"}}, {"stopping", {"stopped"}},
    {"failovering", {"failovered"}}, {"deleting", {"deleted"}},       {"reprotecting", {"stopped"}},
};

void expect_moves(const char* rule, std::initializer_list<const char*> statuses) {
  Profile p = default_profile();
  for (const char* name : statuses) {
    SCOPED_TRACE(std::string(rule) + " from " + name);
    EXPECT_EQ(next_of(*parse_status(name), p), kMoves.at(name));
  }
}

TEST(Background, S1_CreatingBecomesCreated) { expect_moves("S1", {"creating"}); }
TEST(Background, S2_SyncCycle) { expect_moves("S2", {"initial_syncing", "normal", "syncing"}); }
TEST(Background, S3_ManualSyncEndsStopped) { expect_moves("S3", {"manual_syncing"}); }
TEST(Background, S4_StopFailoverDeleteEnd) {
  expect_moves("S4", {"stopping", "failovering", "deleting"});
}
TEST(Background, S5_ReprotectEndsStopped) { expect_moves("S5", {"reprotecting"}); }

TEST(Background, S5_TargetOverridable) {
  Profile p = default_profile();
  p.reprotect_target = S::kCreated;
  EXPECT_EQ(next_of(S::kReprotecting, p), std::set<std::string>{"created"});
}

TEST(Background, S2_StableStatusesDoNotMove) {
  for (PairStatus s : all_statuses()) {
    if (kMoves.count(std::string(to_string(s))) == 0) {
      EXPECT_TRUE(next_of(s, default_profile()).empty()) << to_string(s);
    }
  }
}

TEST(Background, S6_FailuresOnlyWithAsyncFailures) {
  Profile on = default_profile();
  on.async_failures = true;
  EXPECT_EQ(next_of(S::kCreating, on), (std::set<std::string>{"created", "create_failed"}));
  EXPECT_EQ(next_of(S::kStopping, on), (std::set<std::string>{"stopped", "stop_failed"}));
  EXPECT_EQ(next_of(S::kFailovering, on), (std::set<std::string>{"failovered", "failover_failed"}));
  EXPECT_EQ(next_of(S::kReprotecting, on), (std::set<std::string>{"stopped", "reprotect_failed"}));
  EXPECT_EQ(next_of(S::kDeleting, on), (std::set<std::string>{"deleted", "delete_failed"}));
  for (PairStatus s : all_statuses()) {
    for (const std::string& n : next_of(s, default_profile())) {
      EXPECT_FALSE(is_failure(*parse_status(n))) << to_string(s) << " -> " << n;
    }
  }
}

TEST(Background, S2_ClosureReachesFixpointAndDedups) {
  std::vector<World> ws = {world_with(S::kInitialSyncing), world_with(S::kInitialSyncing)};
  close_under_background(ws, default_profile());
  std::set<std::string> got;
  for (const World& w : ws) got.insert(std::string(to_string(w.pair(kPair)->status)));
  EXPECT_EQ(got, (std::set<std::string>{"initial_syncing", "normal", "syncing"}));
  EXPECT_EQ(ws.size(), 3u);
}

TEST(Background, S3_ManualSyncCompletesASync) {
  auto moved = background_moves(world_with(S::kManualSyncing), default_profile());
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_TRUE(moved[0].pair(kPair)->synced);
}

}  // namespace
}  // namespace paircheck::model
