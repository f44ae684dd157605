// X: AttachDisk / DetachDisk on fixture disks and instances, and their tie to pairs.
#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

HttpResponse disk_call(Client& c, const std::string& action, const std::string& disk,
                       const std::string& instance) {
  return c.call(action, {{"InstanceId", instance}, {"DiskId", disk}}, "2014-05-26");
}

void expect_error(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(code_of(r), code) << r.body;
}

TEST(EmulatorDisks, X_AttachDetachRoundTrip) {
  Fixture f;
  HttpResponse r = disk_call(f.client, "AttachDisk", "d-hz-0001", "i-hz-0001");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(body_of(r).size(), 1u) << "only RequestId";
  expect_error(disk_call(f.client, "AttachDisk", "d-hz-0001", "i-hz-0001"), 403,
               "IncorrectDiskStatus");
  EXPECT_EQ(disk_call(f.client, "DetachDisk", "d-hz-0001", "i-hz-0001").status, 200);
  expect_error(disk_call(f.client, "DetachDisk", "d-hz-0001", "i-hz-0001"), 403,
               "IncorrectDiskStatus");
}

TEST(EmulatorDisks, X_UnknownDiskBeforeUnknownInstance) {
  Fixture f;
  expect_error(disk_call(f.client, "AttachDisk", "d-nope", "i-nope"), 404,
               "InvalidDiskId.NotFound");
  expect_error(disk_call(f.client, "AttachDisk", "d-hz-0001", "i-nope"), 404,
               "InvalidInstanceId.NotFound");
  expect_error(disk_call(f.client, "DetachDisk", "d-nope", "i-nope"), 404,
               "InvalidDiskId.NotFound");
  expect_error(disk_call(f.client, "DetachDisk", "d-hz-0001", "i-nope"), 404,
               "InvalidInstanceId.NotFound");
}

TEST(EmulatorDisks, X_DetachFromWrongInstance) {
  Fixture f;
  ASSERT_EQ(disk_call(f.client, "AttachDisk", "d-hz-0001", "i-hz-0001").status, 200);
  expect_error(disk_call(f.client, "DetachDisk", "d-hz-0001", "i-sh-0001"), 403,
               "IncorrectDiskStatus");
}

TEST(EmulatorDisks, X_ZonesNotChecked) {
  Fixture f;
  EXPECT_EQ(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-hz-0001").status, 200);
}

TEST(EmulatorDisks, X_DestinationOfLivePairOnlyWhenFailovered) {
  Fixture f;
  const std::string id = f.client.create();
  expect_error(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001"), 403,
               "IncorrectDiskStatus");  // creating
  f.settle();
  expect_error(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001"), 403,
               "IncorrectDiskStatus");  // created
  EXPECT_EQ(disk_call(f.client, "AttachDisk", "d-hz-0001", "i-hz-0001").status, 200) << "source";
  EXPECT_EQ(disk_call(f.client, "DetachDisk", "d-hz-0001", "i-hz-0001").status, 200);
  ASSERT_EQ(f.client.op("StartDiskReplicaPair", id).status, 200);
  f.settle();
  ASSERT_EQ(f.client.op("FailoverDiskReplicaPair", id, "cn-shanghai").status, 200);
  expect_error(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001"), 403,
               "IncorrectDiskStatus");  // failovering
  f.settle();
  EXPECT_EQ(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001").status, 200);
}

TEST(EmulatorDisks, X_DestinationFreeAfterPairDeleted) {
  Fixture f;
  const std::string id = f.stopped();
  expect_error(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001"), 403,
               "IncorrectDiskStatus");
  ASSERT_EQ(f.client.op("DeleteDiskReplicaPair", id).status, 200);
  f.settle();
  EXPECT_EQ(disk_call(f.client, "AttachDisk", "d-sh-0001", "i-sh-0001").status, 200);
}

}  // namespace
}  // namespace paircheck::emulator::testing
