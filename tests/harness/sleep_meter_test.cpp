// The asleep meter (harness/sleep_meter.hpp): wall time during which every active client sleeps,
// and the --max-live-pairs budget (harness/pair_budget.hpp), and how the run log keeps both.
#include "harness/sleep_meter.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "events/run_events.hpp"
#include "harness/lease.hpp"
#include "harness/pair_budget.hpp"
#include "harness/universe.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::harness {
namespace {

using namespace std::chrono_literals;

TEST(SleepMeter, OneClientAsleepIsTheRunAsleep) {
  SleepMeter meter;
  {
    const SleepMeter::Client client(meter);
    sleep_for(150ms);
  }
  EXPECT_GE(meter.asleep_ms(), 140);
  EXPECT_LT(meter.asleep_ms(), 1000);
  EXPECT_GE(meter.wall_ms(), meter.asleep_ms());
}

TEST(SleepMeter, ASleepWithAnotherClientAwakeIsNotAsleep) {
  SleepMeter meter;
  std::promise<void> go;
  std::shared_future<void> started = go.get_future().share();
  std::thread busy([&] {
    const SleepMeter::Client client(meter);
    go.set_value();
    std::this_thread::sleep_for(400ms);  // not through the meter: awake (a request in flight)
  });
  started.wait();
  {
    const SleepMeter::Client client(meter);
    sleep_for(200ms);
  }
  busy.join();
  EXPECT_LT(meter.asleep_ms(), 50);
}

TEST(SleepMeter, AFinishedClientLeavesTheSet) {
  SleepMeter meter;
  { const SleepMeter::Client done(meter); }  // joined and left: no longer awake
  const SleepMeter::Client client(meter);
  sleep_for(100ms);
  EXPECT_GE(meter.asleep_ms(), 90);
}

TEST(SleepMeter, BothAsleepCountsOnlyTheOverlap) {
  SleepMeter meter;
  std::thread other([&] {
    const SleepMeter::Client client(meter);
    sleep_for(300ms);
  });
  {
    const SleepMeter::Client client(meter);
    std::this_thread::sleep_for(100ms);  // awake (unmetered) while the other sleeps
    sleep_for(100ms);                    // both asleep for about 100 ms
  }
  other.join();
  // The other client, left alone after this one finished, sleeps on for about 100 ms more.
  EXPECT_GE(meter.asleep_ms(), 180);
  EXPECT_LT(meter.asleep_ms(), 350);
}

TEST(SleepMeter, AClientWaitingOnOthersIsOutOfTheSet) {
  SleepMeter meter;
  std::thread other([&] {
    const SleepMeter::Client client(meter);
    sleep_for(200ms);
  });
  {
    const SleepMeter::Client client(meter);
    const SleepMeter::Away away;  // e.g. waiting for --max-live-pairs room
    std::this_thread::sleep_for(150ms);
  }
  other.join();
  EXPECT_GE(meter.asleep_ms(), 180);
}

TEST(SleepMeter, AThreadWithoutAClientSleepsUnmetered) {
  SleepMeter meter;
  sleep_for(50ms);
  EXPECT_EQ(meter.asleep_ms(), 0);
}

model::Universe fixture(const char* name) {
  return universe_from(
      protocol::load_fixtures(std::string(PAIRCHECK_SOURCE_DIR) + "/fixtures/" + name));
}

TEST(PairBudget, MaxPairsIsALargestMatchingAcrossRegions) {
  model::Universe u;
  auto disks = [&](const char* region, int n) {
    for (int i = 0; i < n; ++i) {
      u.disks.push_back({std::string(region) + std::to_string(i), region, "z"});
    }
  };
  EXPECT_EQ(max_pairs(u), 0u);
  disks("a", 3);
  EXPECT_EQ(max_pairs(u), 0u);  // one region: no pair
  disks("b", 1);
  EXPECT_EQ(max_pairs(u), 1u);  // three disks of a wait for the one of b
  disks("c", 2);
  EXPECT_EQ(max_pairs(u), 3u);  // a-b, a-c, a-c
  // clients.json: 12 Hangzhou, 12 Shanghai, 6 Beijing disks; six leases of 2 + 2 + 1.
  EXPECT_EQ(max_pairs(fixture("clients.json")), 15u);
  for (const Lease& lease : make_leases(fixture("clients.json"), 6)) {
    EXPECT_EQ(max_pairs(lease.universe), 2u) << "lease " << lease.number;
  }
}

TEST(PairBudget, CreatesInCountsCallsAndRacingCreates) {
  model::Request create;
  create.action = "CreateDiskReplicaPair";
  model::Request describe;
  describe.action = "DescribeDiskReplicaPairs";
  Sequence s;
  s.emplace_back(Step::Kind::kCall, create, 0, 0);
  s.emplace_back(Step::Kind::kCall, describe, 0, 0);
  s.emplace_back(Step::Kind::kRace, model::Request{}, 0, 0,
                 std::vector<model::Request>{create, describe, create});
  EXPECT_EQ(creates_in(s), 3u);
}

TEST(PairBudget, AcquireWaitsForReleaseAndStopsOnStop) {
  PairBudget budget(2);
  ASSERT_TRUE(budget.acquire(2, nullptr));
  std::atomic<bool> got{false};
  std::thread waiter([&] { got = budget.acquire(1, nullptr); });
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(got.load()) << "took room that was not free";
  budget.release(1);
  waiter.join();
  EXPECT_TRUE(got.load());
  std::atomic<bool> stop{false};
  std::thread stopped([&] { got = budget.acquire(2, &stop); });  // one unit free: waits
  std::this_thread::sleep_for(100ms);
  stop = true;
  stopped.join();
  EXPECT_FALSE(got.load());
  EXPECT_TRUE(budget.acquire(0, nullptr));  // a sequence with no Create never waits
}

TEST(RunLogEvents, AsleepAndPeakAreOptionalFields) {
  events::RunFinished finished;
  finished.asleep_ms = 1234;
  finished.wall_ms = 5678;
  finished.peak_live_pairs = 3;
  const nlohmann::json line = events::to_line(finished);
  EXPECT_EQ(line.at("asleep_ms"), 1234);
  const auto back = std::get<events::RunFinished>(*events::from_line(line));
  EXPECT_EQ(back.asleep_ms, 1234);
  EXPECT_EQ(back.wall_ms, 5678);
  EXPECT_EQ(back.peak_live_pairs, 3u);
  nlohmann::json old = line;  // a log written before issue 12
  old.erase("asleep_ms");
  old.erase("wall_ms");
  old.erase("peak_live_pairs");
  const auto read = std::get<events::RunFinished>(*events::from_line(old));
  EXPECT_FALSE(read.asleep_ms.has_value());
  EXPECT_FALSE(read.wall_ms.has_value());
  EXPECT_FALSE(read.peak_live_pairs.has_value());

  events::RunStarted started;
  EXPECT_FALSE(events::to_line(started).contains("max_live_pairs"));  // no cap: not written
  started.max_live_pairs = 4;
  EXPECT_EQ(
      std::get<events::RunStarted>(*events::from_line(events::to_line(started))).max_live_pairs,
      4u);
}

}  // namespace
}  // namespace paircheck::harness
