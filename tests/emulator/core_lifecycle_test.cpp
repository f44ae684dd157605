// S1-S6 background moves on the virtual clock, the real clock, and the control endpoint.
#include <chrono>
#include <cmath>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

TEST(EmulatorStatus, S1_CreatingBecomesCreatedWithinTransientBounds) {
  Fixture f;
  const std::string id = f.client.create();
  f.service.advance_clock(0.99);
  EXPECT_EQ(f.client.status(id), "creating") << "not before transient_min_s";
  f.service.advance_clock(2.02);
  EXPECT_EQ(f.client.status(id), "created") << "by transient_max_s";
}

TEST(EmulatorStatus, S2_InitialSyncThenNormalSyncingCycle) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  EXPECT_EQ(f.client.status(id), "initial_syncing");
  f.service.advance_clock(3.01);
  EXPECT_EQ(f.client.status(id), "normal");
  std::set<std::string> seen;
  for (int i = 0; i < 8; ++i) {
    f.service.advance_clock(1.0);
    seen.insert(f.client.status(id));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"normal", "syncing"}));
  // A huge jump stays in the cycle and is cheap.
  f.service.advance_clock(10.0 * 365 * 24 * 3600);
  const std::string s = f.client.status(id);
  EXPECT_TRUE(s == "normal" || s == "syncing") << s;
  EXPECT_GT(f.client.describe_one(id)["LastRecoverPoint"].get<int64_t>(),
            f.service.unix_time() - 10);
}

TEST(EmulatorStatus, S3_ManualSyncingEndsStopped) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"OneShot", "true"}}).status,
            200);
  EXPECT_EQ(f.client.status(id), "manual_syncing");
  f.settle();
  EXPECT_EQ(f.client.status(id), "stopped");
}

TEST(EmulatorStatus, S4_StoppingFailoveringDeletingEnd) {
  Fixture f;
  const std::string a = f.syncing_or_normal();
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", a).status, 200);
  EXPECT_EQ(f.client.status(a), "stopping");
  f.settle();
  EXPECT_EQ(f.client.status(a), "stopped");
  ASSERT_EQ(f.client.op("FailoverDiskReplicaPair", a, "cn-shanghai").status, 200);
  EXPECT_EQ(f.client.status(a), "failovering");
  f.settle();
  EXPECT_EQ(f.client.status(a), "failovered");
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", a).status, 200);
  EXPECT_EQ(f.client.status(a), "deleting");
  f.settle();
  EXPECT_EQ(f.client.status(a), "<not listed>");
}

TEST(EmulatorStatus, S5_ReprotectingEndsStopped) {
  Fixture f;
  const std::string id = f.failovered();
  ASSERT_EQ(f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai").status, 200);
  f.settle();
  EXPECT_EQ(f.client.status(id), "stopped");
}

TEST(EmulatorStatus, S6_NoFailedStatusesWithoutAsyncFailures) {
  Fixture f;
  for (int i = 1; i <= 20; ++i) {
    const std::string id = f.client.create(disk_id("d-hz", i), disk_id("d-sh", i));
    f.settle();
    EXPECT_EQ(f.client.status(id), "created");
  }
}

TEST(EmulatorStatus, S6_AsyncFailuresProduceFailedStatuses) {
  ServiceConfig config = test_config();
  config.async_failures = true;
  config.async_failure_probability = 1.0;
  Fixture f({}, config);
  const std::string id = f.client.create();
  f.settle();
  EXPECT_EQ(f.client.status(id), "create_failed");
  // create_failed holds its disks; Failover is denied there (O5 list).
  EXPECT_EQ(code_of(f.client.op("StartDiskReplicaPair", id)), "OperationDenied.InvalidStatus");
}

TEST(EmulatorStatus, S_SameSeedSameTimings) {
  auto run = [] {
    Fixture f;
    const std::string id = f.client.create();
    std::string trace;
    for (int i = 0; i < 30; ++i) {
      f.service.advance_clock(0.1);
      trace += f.client.status(id)[0];
    }
    return trace;
  };
  EXPECT_EQ(run(), run());
}

TEST(EmulatorClock, VirtualClockMovesOnlyWhenAdvanced) {
  Fixture f;
  const double before = f.service.clock_seconds();
  const std::string id = f.client.create();
  for (int i = 0; i < 50; ++i) f.client.status(id);
  EXPECT_EQ(f.service.clock_seconds(), before);
  EXPECT_EQ(f.client.status(id), "creating");
  EXPECT_THROW(f.service.advance_clock(-1), std::invalid_argument);
  EXPECT_THROW(f.service.advance_clock(std::nan("")), std::invalid_argument);
}

TEST(EmulatorClock, RealClockRunsAndRefusesAdvance) {
  ServiceConfig config = test_config();
  config.clock = ClockMode::kReal;
  config.transient_min_s = 0.01;
  config.transient_max_s = 0.02;
  Fixture f({}, config);
  EXPECT_THROW(f.service.advance_clock(1), std::invalid_argument);
  const std::string id = f.client.create();
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_EQ(f.client.status(id), "created");
  HttpResponse r = f.service.handle({"POST",
                                     "/_paircheck/clock/advance?seconds=5",
                                     {{"x-paircheck-control-token", "ctl-token"}},
                                     ""});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(code_of(r), "InvalidParameter");
}

TEST(EmulatorControl, AdvanceAndHealthWithToken) {
  Fixture f;
  const std::string id = f.client.create();
  const std::vector<std::pair<std::string, std::string>> auth = {
      {"x-paircheck-control-token", "ctl-token"}};
  HttpResponse r = f.service.handle({"POST", "/_paircheck/clock/advance?seconds=10", auth, ""});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(body_of(r).contains("RequestId"));
  EXPECT_DOUBLE_EQ(body_of(r)["ClockSeconds"].get<double>(), 10.0);
  EXPECT_EQ(f.client.status(id), "created");
  r = f.service.handle({"GET", "/_paircheck/health", auth, ""});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(body_of(r)["Status"], "ok");
  EXPECT_EQ(body_of(r)["Clock"], "virtual");
  for (const char* bad : {"-1", "abc", "", "inf", "nan", "1e300"}) {
    r = f.service.handle(
        {"POST", std::string("/_paircheck/clock/advance?seconds=") + bad, auth, ""});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(code_of(r), "InvalidParameter") << bad;
  }
  EXPECT_EQ(f.service.handle({"GET", "/_paircheck/clock/advance?seconds=1", auth, ""}).status, 400);
  EXPECT_EQ(f.service.handle({"GET", "/_paircheck/nothing", auth, ""}).status, 404);
}

TEST(EmulatorControl, ResetBackToFixtureStateKeepsClockForgetsNonces) {
  Fixture f;
  const std::string id = f.client.create("d-hz-0001", "d-sh-0001", {{"ClientToken", "t"}});
  ASSERT_EQ(
      f.client
          .call("AttachDisk", {{"InstanceId", "i-hz-0002"}, {"DiskId", "d-hz-0002"}}, "2014-05-26")
          .status,
      404);
  ASSERT_EQ(
      f.client
          .call("AttachDisk", {{"InstanceId", "i-hz-0001"}, {"DiskId", "d-hz-0002"}}, "2014-05-26")
          .status,
      200);
  f.service.advance_clock(5);
  auto w = f.client.wire("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
  ASSERT_EQ(f.client.send(w).status, 200);
  HttpResponse r = f.service.handle(
      {"POST", "/_paircheck/reset", {{"x-paircheck-control-token", "ctl-token"}}, ""});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(f.service.clock_seconds(), 5.0) << "the clock carries on";
  EXPECT_EQ(f.client.status(id), "<not listed>");
  EXPECT_EQ(
      f.client
          .call("AttachDisk", {{"InstanceId", "i-hz-0001"}, {"DiskId", "d-hz-0002"}}, "2014-05-26")
          .status,
      200)
      << "every disk detached again";
  HttpResponse again =
      f.client.call("CreateDiskReplicaPair", {{"RegionId", "cn-hangzhou"},
                                              {"SourceZoneId", "cn-hangzhou-h"},
                                              {"DiskId", "d-hz-0001"},
                                              {"DestinationRegionId", "cn-shanghai"},
                                              {"DestinationZoneId", "cn-shanghai-e"},
                                              {"DestinationDiskId", "d-sh-0001"},
                                              {"ClientToken", "t"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(body_of(again)["ReplicaPairId"], id) << "tokens forgotten: a new pair";
  EXPECT_EQ(f.client.send(w).status, 200) << "nonces forgotten, as by a fresh emulator";
  EXPECT_EQ(code_of(f.client.send(w)), "SignatureNonceUsed") << "and recorded again (G8)";
  f.service.reset();
  EXPECT_EQ(body_of(f.client.call("DescribeDiskReplicaPairs",
                                  {{"RegionId", "cn-hangzhou"}}))["TotalCount"],
            0);
  EXPECT_EQ(
      f.service
          .handle({"GET", "/_paircheck/reset", {{"x-paircheck-control-token", "ctl-token"}}, ""})
          .status,
      400);
}

TEST(EmulatorControl, WrongOrMissingTokenIs403) {
  Fixture f;
  HttpResponse r = f.service.handle({"POST", "/_paircheck/clock/advance?seconds=10", {}, ""});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(code_of(r), "Forbidden");
  EXPECT_TRUE(body_of(r).contains("RequestId"));
  r = f.service.handle({"GET", "/_paircheck/health", {{"x-paircheck-control-token", "nope"}}, ""});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(f.service.clock_seconds(), 0.0);
}

TEST(EmulatorControl, AbsentWithoutToken) {
  ServiceConfig config = test_config();
  config.control_token.clear();
  Fixture f({}, config);
  HttpResponse r = f.service.handle(
      {"POST", "/_paircheck/clock/advance?seconds=10", {{"x-paircheck-control-token", ""}}, ""});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code_of(r), "InvalidApi.NotFound");
  EXPECT_EQ(f.service.clock_seconds(), 0.0);
}

}  // namespace
}  // namespace paircheck::emulator::testing
