// O0-O8 of the emulator: existence -> site -> status -> devices -> cooldown, and each result.
#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

void expect_error(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(code_of(r), code) << r.body;
}

HttpResponse attach(Client& c, const std::string& disk, const std::string& instance) {
  return c.call("AttachDisk", {{"InstanceId", instance}, {"DiskId", disk}}, "2014-05-26");
}

Params create_params(const std::string& src = "d-hz-0001", const std::string& dst = "d-sh-0001") {
  return {{"RegionId", "cn-hangzhou"},
          {"SourceZoneId", "cn-hangzhou-h"},
          {"DiskId", src},
          {"DestinationRegionId", "cn-shanghai"},
          {"DestinationZoneId", "cn-shanghai-e"},
          {"DestinationDiskId", dst}};
}

Params with(Params p, const std::string& name, const std::string& value) {
  for (auto& [k, v] : p)
    if (k == name) v = value;
  return p;
}

TEST(EmulatorOps, O1_CreateReturnsIdAndOrderAndStartsCreating) {
  Fixture f;
  HttpResponse r = f.client.call("CreateDiskReplicaPair", create_params());
  ASSERT_EQ(r.status, 200) << r.body;
  Json b = body_of(r);
  const std::string id = b["ReplicaPairId"];
  EXPECT_TRUE(id.starts_with("pair-cn-hangzhou-")) << id;
  EXPECT_TRUE(b.contains("OrderId"));
  EXPECT_EQ(f.client.status(id), "creating");
  Json p = f.client.describe_one(id);
  EXPECT_EQ(p["SourceDiskId"], "d-hz-0001");
  EXPECT_EQ(p["DestinationDiskId"], "d-sh-0001");
  EXPECT_EQ(p["Bandwidth"], 10240) << "Bandwidth defaults to 10240";
  EXPECT_EQ(p["RPO"], 900);
  EXPECT_EQ(p["ChargeType"], "POSTPAY");
}

TEST(EmulatorOps, O1_UnknownDiskIs404) {
  Fixture f;
  expect_error(f.client.call("CreateDiskReplicaPair", with(create_params(), "DiskId", "d-nope")),
               404, "NoSuchResource");
  expect_error(
      f.client.call("CreateDiskReplicaPair", with(create_params(), "DestinationDiskId", "d-nope")),
      404, "NoSuchResource");
}

TEST(EmulatorOps, O1_RegionZoneMismatchesAre400) {
  Fixture f;
  expect_error(
      f.client.call("CreateDiskReplicaPair", with(create_params(), "RegionId", "cn-shanghai")), 400,
      "InvalidParameter");
  expect_error(f.client.call("CreateDiskReplicaPair",
                             with(create_params(), "SourceZoneId", "cn-hangzhou-i")),
               400, "InvalidParameter");
  expect_error(f.client.call("CreateDiskReplicaPair",
                             with(create_params(), "DestinationRegionId", "cn-beijing")),
               400, "InvalidParameter");
  expect_error(f.client.call("CreateDiskReplicaPair",
                             with(create_params(), "DestinationZoneId", "cn-shanghai-f")),
               400, "InvalidParameter");
  // Same region on both sides.
  Params same = create_params("d-hz-0001", "d-hz-0002");
  same =
      with(with(same, "DestinationRegionId", "cn-hangzhou"), "DestinationZoneId", "cn-hangzhou-h");
  expect_error(f.client.call("CreateDiskReplicaPair", same), 400, "InvalidParameter");
}

TEST(EmulatorOps, O1_DiskAlreadyInLivePairDenied) {
  Fixture f;
  const std::string id = f.stopped();
  expect_error(f.client.call("CreateDiskReplicaPair", create_params("d-hz-0001", "d-sh-0002")), 403,
               "OperationDenied");
  expect_error(f.client.call("CreateDiskReplicaPair", create_params("d-hz-0002", "d-sh-0001")), 403,
               "OperationDenied");
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id).status, 200);
  f.settle();
  EXPECT_EQ(f.client.call("CreateDiskReplicaPair", create_params()).status, 200)
      << "a deleted pair frees its disks";
}

TEST(EmulatorOps, O0_ExistenceUnknownDeletedOrForeignRegion) {
  Fixture f;
  expect_error(f.client.op("StartDiskReplicaPair", "pair-cn-hangzhou-nope"), 404, "NoSuchResource");
  const std::string id = f.created();
  expect_error(f.client.op("StartDiskReplicaPair", id, "cn-beijing"), 404, "NoSuchResource");
  expect_error(f.client.op("DescribeDiskReplicaPairProgress", id, "cn-beijing"), 404,
               "NoSuchResource");
}

TEST(EmulatorOps, O0_OrderSiteBeforeStatusBeforeDevices) {
  Fixture f;
  const std::string id = f.created();
  // Failover on the primary in a wrong status: the site error wins.
  expect_error(f.client.op("FailoverDiskReplicaPair", id, "cn-hangzhou"), 403,
               "OperationDenied.OperateNotAllowedForPrimary");
  // Status before devices: a `creating` pair whose standby disk is attached.
  ASSERT_EQ(attach(f.client, "d-sh-0002", "i-sh-0001").status, 200);
  const std::string fresh = f.client.create("d-hz-0002", "d-sh-0002");
  expect_error(f.client.op("StartDiskReplicaPair", fresh), 403, "OperationDenied.InvalidStatus");
  f.settle();
  expect_error(f.client.op("StartDiskReplicaPair", fresh), 400,
               "OperationDenied.StandbyDeviceAttached");
  // Devices before cooldown: checked in O3 below (ManualSyncLimit only once devices pass).
}

TEST(EmulatorOps, O2_StartFromCreatedOrStoppedOnly) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-shanghai").status, 200) << "either region";
  EXPECT_EQ(f.client.status(id), "initial_syncing");
  expect_error(f.client.op("StartDiskReplicaPair", id), 403, "OperationDenied.InvalidStatus");
  f.settle();
  const std::string s = f.client.status(id);
  EXPECT_TRUE(s == "normal" || s == "syncing") << s;
  expect_error(f.client.op("StartDiskReplicaPair", id), 403, "OperationDenied.InvalidStatus");
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", id).status, 200);
  f.settle();
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200) << "from stopped";
  // creating is not accepted.
  const std::string fresh = f.client.create("d-hz-0002", "d-sh-0002");
  expect_error(f.client.op("StartDiskReplicaPair", fresh), 403, "OperationDenied.InvalidStatus");
}

TEST(EmulatorOps, O2_StandbyDeviceAttachedIs400) {
  Fixture f;
  // X forbids attaching a live pair's destination, so attach it before the pair exists.
  ASSERT_EQ(attach(f.client, "d-sh-0001", "i-sh-0001").status, 200);
  const std::string id = f.created();
  expect_error(f.client.op("StartDiskReplicaPair", id), 400,
               "OperationDenied.StandbyDeviceAttached");
  expect_error(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"OneShot", "true"}}), 400,
               "OperationDenied.StandbyDeviceAttached");
  ASSERT_EQ(attach(f.client, "d-hz-0001", "i-hz-0001").status, 200);
  ASSERT_EQ(
      f.client
          .call("DetachDisk", {{"InstanceId", "i-sh-0001"}, {"DiskId", "d-sh-0001"}}, "2014-05-26")
          .status,
      200);
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200) << "the source may be attached";
}

TEST(EmulatorOps, O2_StandbyAttachedAfterFailoverBlocksRestart) {
  Fixture f;
  const std::string id = f.failovered();
  ASSERT_EQ(attach(f.client, "d-sh-0001", "i-sh-0001").status, 200) << "failovered: allowed";
  ASSERT_EQ(
      f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai", {{"ReverseReplicate", "false"}})
          .status,
      200);
  f.settle();
  ASSERT_EQ(f.client.status(id), "stopped");
  expect_error(f.client.op("StartDiskReplicaPair", id), 400,
               "OperationDenied.StandbyDeviceAttached");
}

TEST(EmulatorOps, O3_CooldownAfterDevices) {
  Fixture f;
  const std::string id = f.failovered();
  ASSERT_EQ(
      f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai", {{"ReverseReplicate", "false"}})
          .status,
      200);
  f.settle();
  const Params one_shot{{"OneShot", "true"}};
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", one_shot).status, 200);
  f.settle();
  ASSERT_EQ(f.client.status(id), "stopped");
  ASSERT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200);
  f.settle();
  ASSERT_EQ(attach(f.client, "d-sh-0001", "i-sh-0001").status, 200);
  ASSERT_EQ(
      f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai", {{"ReverseReplicate", "false"}})
          .status,
      200);
  f.settle();
  // Within the cooldown and with the standby attached: the device error wins.
  expect_error(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", one_shot), 400,
               "OperationDenied.StandbyDeviceAttached");
}

TEST(EmulatorOps, O3_OneShotCooldownPerPair) {
  Fixture f;
  const std::string a = f.created();
  const std::string b = f.created("d-hz-0002", "d-sh-0002");
  const Params one_shot{{"OneShot", "true"}};
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot).status, 200);
  EXPECT_EQ(f.client.status(a), "manual_syncing");
  f.settle();
  EXPECT_EQ(f.client.status(a), "stopped") << "S3";
  expect_error(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot), 403,
               "OperationDenied.ManualSyncLimit");
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", b, "cn-hangzhou", one_shot).status, 200)
      << "per pair";
  // A OneShot=false start is not limited and does not reset the cooldown.
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", a).status, 200);
  f.settle();
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", a).status, 200);
  f.service.advance_clock(450 - 20 - 1);  // 449 s since the accepted OneShot start
  expect_error(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot), 403,
               "OperationDenied.ManualSyncLimit");
  f.service.advance_clock(1);
  EXPECT_EQ(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot).status, 200);
}

TEST(EmulatorOps, O3_CooldownCheckedAfterStatusAndDevices) {
  Fixture f;
  const std::string a = f.created();
  const Params one_shot{{"OneShot", "true"}};
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot).status, 200);
  expect_error(f.client.op("StartDiskReplicaPair", a, "cn-hangzhou", one_shot), 403,
               "OperationDenied.InvalidStatus");  // still manual_syncing
  f.settle();
  ASSERT_EQ(attach(f.client, "d-sh-0001", "i-sh-0001").status, 403) << "stopped pair protects it";
}

TEST(EmulatorOps, O4_StopFromSyncingStatusesOnly) {
  Fixture f;
  const std::string id = f.created();
  expect_error(f.client.op("StopDiskReplicaPair", id), 403, "OperationDenied.InvalidStatus");
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  ASSERT_EQ(f.client.op("StopDiskReplicaPair", id, "cn-shanghai").status, 200) << "initial_syncing";
  EXPECT_EQ(f.client.status(id), "stopping");
  expect_error(f.client.op("StopDiskReplicaPair", id), 403, "OperationDenied.InvalidStatus");
  f.settle();
  EXPECT_EQ(f.client.status(id), "stopped");
  expect_error(f.client.op("StopDiskReplicaPair", id), 403, "OperationDenied.InvalidStatus");
}

TEST(EmulatorOps, O5_FailoverOnDestinationOnly) {
  Fixture f;
  const std::string id = f.syncing_or_normal();
  expect_error(f.client.op("FailoverDiskReplicaPair", id, "cn-hangzhou"), 403,
               "OperationDenied.OperateNotAllowedForPrimary");
  ASSERT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200);
  EXPECT_EQ(f.client.status(id), "failovering");
  EXPECT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200) << "no-op";
  f.settle();
  EXPECT_EQ(f.client.status(id), "failovered");
  EXPECT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200) << "no-op";
  EXPECT_EQ(f.client.status(id), "failovered");
}

TEST(EmulatorOps, O5_FailoverDeniedBeforeFirstSync) {
  Fixture f;
  const std::string id = f.created();
  expect_error(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai"), 403,
               "OperationDenied.InvalidStatus");
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  expect_error(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai"), 403,
               "OperationDenied.InvalidStatus");  // initial_syncing
  const std::string stopped = f.stopped("d-hz-0002", "d-sh-0002");
  EXPECT_EQ(f.client.op("FailoverDiskReplicaPair", stopped, "cn-shanghai").status, 200);
}

TEST(EmulatorOps, O6_ReprotectSwapsDirectionAtOnce) {
  Fixture f;
  const std::string id = f.failovered();
  expect_error(f.client.op("ReprotectDiskReplicaPair", id, "cn-hangzhou"), 403,
               "OperationDenied.OperateNotAllowedForPrimary");
  ASSERT_EQ(f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai").status, 200);
  Json p = f.client.describe_one(id);
  EXPECT_EQ(p["Status"], "reprotecting");
  EXPECT_EQ(p["SourceRegion"], "cn-shanghai");
  EXPECT_EQ(p["SourceDiskId"], "d-sh-0001");
  EXPECT_EQ(p["DestinationRegion"], "cn-hangzhou");
  EXPECT_EQ(p["PrimaryRegion"], "cn-hangzhou") << "the initial direction never changes";
  EXPECT_EQ(p["StandbyRegion"], "cn-shanghai");
  f.settle();
  EXPECT_EQ(f.client.status(id), "stopped") << "S5";
  // After the swap: Failover in the original primary's region, Delete in the original standby's.
  expect_error(f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou"), 403,
               "OperationDenied.OperateNotAllowedForStandby");
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou").status, 200);
  f.settle();
  expect_error(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai"), 403,
               "OperationDenied.OperateNotAllowedForPrimary");
  EXPECT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-hangzhou").status, 200);
}

TEST(EmulatorOps, O6_ReverseReplicateFalseKeepsDirection) {
  Fixture f;
  const std::string id = f.failovered();
  ASSERT_EQ(
      f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai", {{"ReverseReplicate", "false"}})
          .status,
      200);
  Json p = f.client.describe_one(id);
  EXPECT_EQ(p["SourceRegion"], "cn-hangzhou");
  EXPECT_EQ(p["Status"], "reprotecting");
}

TEST(EmulatorOps, O6_ReprotectNeedsFailoveredAndDetachedSource) {
  Fixture f;
  const std::string stopped = f.stopped("d-hz-0002", "d-sh-0002");
  expect_error(f.client.op("ReprotectDiskReplicaPair", stopped, "cn-shanghai"), 403,
               "OperationDenied.InvalidStatus");
  const std::string id = f.failovered();
  ASSERT_EQ(attach(f.client, "d-hz-0001", "i-hz-0001").status, 200);
  expect_error(f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai"), 403, "OperationDenied");
  ASSERT_EQ(
      f.client
          .call("DetachDisk", {{"InstanceId", "i-hz-0001"}, {"DiskId", "d-hz-0001"}}, "2014-05-26")
          .status,
      200);
  EXPECT_EQ(f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai").status, 200);
}

TEST(EmulatorOps, O7_DeleteOnSourceFromStoppedOrFailovered) {
  Fixture f;
  const std::string created = f.created("d-hz-0003", "d-sh-0003");
  expect_error(f.client.op("DeleteDiskReplicaPair", created), 403, "OperationDenied.InvalidStatus");
  const std::string id = f.stopped();
  expect_error(f.client.op("DeleteDiskReplicaPair", id, "cn-shanghai"), 403,
               "OperationDenied.OperateNotAllowedForStandby");
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id, "cn-hangzhou").status, 200);
  EXPECT_EQ(f.client.status(id), "deleting");
  f.settle();
  EXPECT_EQ(f.client.status(id), "<not listed>");
  expect_error(f.client.op("DeleteDiskReplicaPair", id), 404, "NoSuchResource");
  const std::string fo = f.failovered("d-hz-0002", "d-sh-0002");
  EXPECT_EQ(f.client.op("DeleteDiskReplicaPair", fo).status, 200);
}

TEST(EmulatorOps, O8_ModifyCreatedOrStoppedUpdatesFields) {
  Fixture f;
  const std::string id = f.created();
  ASSERT_EQ(f.client
                .op("ModifyDiskReplicaPair", id, "cn-shanghai",
                    {{"PairName", "renamed"}, {"Description", "new text"}, {"Bandwidth", "20480"}})
                .status,
            200);
  Json p = f.client.describe_one(id);
  EXPECT_EQ(p["PairName"], "renamed");
  EXPECT_EQ(p["Description"], "new text");
  EXPECT_EQ(p["Bandwidth"], 20480);
  EXPECT_EQ(p["Status"], "created");
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  expect_error(f.client.op("ModifyDiskReplicaPair", id, "cn-hangzhou", {{"PairName", "again"}}),
               403, "OperationDenied.InvalidStatus");
}

}  // namespace
}  // namespace paircheck::emulator::testing
