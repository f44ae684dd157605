// I1-I5 of the emulator: the (account, Action, ClientToken) ledger.
#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

Params create_params(const std::string& token) {
  return {{"RegionId", "cn-hangzhou"},
          {"SourceZoneId", "cn-hangzhou-h"},
          {"DiskId", "d-hz-0001"},
          {"DestinationRegionId", "cn-shanghai"},
          {"DestinationZoneId", "cn-shanghai-e"},
          {"DestinationDiskId", "d-sh-0001"},
          {"ClientToken", token}};
}

Json without_request_id(Json j) {
  j.erase("RequestId");
  return j;
}

TEST(EmulatorIdempotency, I1_CreateReplayReturnsSameBodyFreshRequestId) {
  Fixture f;
  HttpResponse first = f.client.call("CreateDiskReplicaPair", create_params("tok-1"));
  HttpResponse again = f.client.call("CreateDiskReplicaPair", create_params("tok-1"));
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(without_request_id(body_of(first)), without_request_id(body_of(again)));
  EXPECT_NE(body_of(first)["RequestId"], body_of(again)["RequestId"]);
  HttpResponse list = f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
  EXPECT_EQ(body_of(list)["TotalCount"], 1) << "the replay created nothing";
}

TEST(EmulatorIdempotency, I1_ReplayAfterStateMovedOnStill200AndNoChange) {
  Fixture f;
  const std::string id = f.created();
  const Params tok{{"ClientToken", "start-1"}};
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", tok).status, 200);
  f.settle();
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", id).status, 200);
  f.settle();
  ASSERT_EQ(f.client.status(id), "stopped");
  HttpResponse replay = f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", tok);
  EXPECT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(f.client.status(id), "stopped") << "a replay does not restart the pair";
}

TEST(EmulatorIdempotency, I1_ReplayedDeleteAfterPairGone) {
  Fixture f;
  const std::string id = f.stopped();
  const Params tok{{"ClientToken", "del-1"}};
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou", tok).status, 200);
  f.settle();
  EXPECT_EQ(f.client.status(id), "<not listed>");
  EXPECT_EQ(f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou", tok).status, 200);
  EXPECT_EQ(f.client.op("DeleteDiskReplicaPair", id).status, 404) << "without the token: gone";
}

TEST(EmulatorIdempotency, I2_SameTokenDifferentParametersRejected) {
  Fixture f;
  ASSERT_EQ(f.client.call("CreateDiskReplicaPair", create_params("tok-2")).status, 200);
  Params changed = create_params("tok-2");
  changed[2].second = "d-hz-0002";
  HttpResponse r = f.client.call("CreateDiskReplicaPair", changed);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(code_of(r), "IdempotentParameterMismatch");
  EXPECT_EQ(body_of(f.client.call("DescribeDiskReplicaPairs",
                                  {{"RegionId", "cn-hangzhou"}}))["TotalCount"],
            1);
}

TEST(EmulatorIdempotency, I2_AbsentIsNotEqualToDefaultAndExtrasCount) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "s"}}).status,
            200);
  HttpResponse r = f.client.op("StartDiskReplicaPair", id, "cn-hangzhou",
                               {{"ClientToken", "s"}, {"OneShot", "false"}});
  EXPECT_EQ(code_of(r), "IdempotentParameterMismatch") << r.body;
  r = f.client.op("StartDiskReplicaPair", id, "cn-hangzhou",
                  {{"ClientToken", "s"}, {"Extra", "1"}});
  EXPECT_EQ(code_of(r), "IdempotentParameterMismatch") << r.body;
  // Common parameters are not business parameters: a V1 replay of a V3 call is still a replay.
  f.client.v1 = true;
  r = f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "s"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(EmulatorIdempotency, I2_TokenScopeIsPerActionAndCaseSensitive) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}}).status,
            200);
  f.settle();
  // The same token on another action is a fresh call.
  EXPECT_EQ(f.client.op("StopDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}}).status,
            200);
  f.settle();
  // "T" is another token: a fresh Start from stopped.
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "T"}}).status,
            200);
  EXPECT_EQ(f.client.status(id), "initial_syncing");
}

TEST(EmulatorIdempotency, I3_FailedCallDoesNotConsumeToken) {
  Fixture f;
  const std::string id = f.client.create();
  // Denied: still `creating`.
  HttpResponse first =
      f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "x"}});
  ASSERT_EQ(code_of(first), "OperationDenied.InvalidStatus") << first.body;
  f.settle();
  HttpResponse second =
      f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "x"}});
  EXPECT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(f.client.status(id), "initial_syncing");
}

TEST(EmulatorIdempotency, I3_ParameterFailureDoesNotConsumeToken) {
  Fixture f;
  Params bad = create_params("tok-3");
  bad.emplace_back("RPO", "60");
  ASSERT_EQ(f.client.call("CreateDiskReplicaPair", bad).status, 400);
  EXPECT_EQ(f.client.call("CreateDiskReplicaPair", create_params("tok-3")).status, 200);
}

TEST(EmulatorIdempotency, I4_CheckedAfterParametersBeforeLookup) {
  Fixture f;
  const std::string id = f.stopped();
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "d"}}).status,
            200);
  f.settle();
  // After G and P: a P failure is reported even for a known token.
  HttpResponse r = f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou",
                               {{"ClientToken", std::string(65, 'd')}});
  EXPECT_EQ(code_of(r), "InvalidClientToken.ValueNotSupported");
  // Before lookup: the mismatch is found although the pair is gone (no 404).
  r = f.client.op("DeleteDiskReplicaPair", id, "cn-shanghai", {{"ClientToken", "d"}});
  EXPECT_EQ(code_of(r), "IdempotentParameterMismatch") << r.body;
}

TEST(EmulatorIdempotency, I5_TokenRememberedAcrossLongVirtualTime) {
  Fixture f;
  HttpResponse first = f.client.call("CreateDiskReplicaPair", create_params("tok-5"));
  f.service.advance_clock(30 * 24 * 3600.0);
  HttpResponse again = f.client.call("CreateDiskReplicaPair", create_params("tok-5"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(body_of(first)["ReplicaPairId"], body_of(again)["ReplicaPairId"]);
}

TEST(EmulatorIdempotency, I6_NeverLastTokenProcessingWhenAtomic) {
  Fixture f;
  for (int i = 0; i < 3; ++i) {
    EXPECT_NE(code_of(f.client.call("CreateDiskReplicaPair", create_params("tok-6"))),
              "LastTokenProcessing");
  }
}

}  // namespace
}  // namespace paircheck::emulator::testing
