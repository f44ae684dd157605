// Every fault switch changes behaviour: each test runs one short sequence on a clean emulator and
// on one with the fault, and expects the contract's answer from the first and the bug from the
// second.
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "tests/emulator/core_support.hpp"

namespace paircheck::emulator::testing {
namespace {

// The outcome a harness would see: HTTP status and Code (or a field value).
struct Seen {
  int status;
  std::string what;
  friend bool operator==(const Seen&, const Seen&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Seen& s) {
    return os << s.status << " " << s.what;
  }
};
Seen seen(const HttpResponse& r) { return {r.status, code_of(r)}; }

// [a-z0-9]+(-[a-z0-9]+)* (no <regex>: g++ 12 warns inside it under ASan).
bool is_kebab_case(const std::string& name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && name[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

template <class Scenario>
void expect_fault_changes(const std::string& fault, Scenario scenario, const Seen& clean,
                          const Seen& faulty) {
  Fixture good;
  Fixture bad({fault});
  EXPECT_EQ(scenario(good), clean) << "without " << fault;
  EXPECT_EQ(scenario(bad), faulty) << "with " << fault;
}

HttpResponse attach(Client& c, const std::string& disk, const std::string& instance) {
  return c.call("AttachDisk", {{"InstanceId", instance}, {"DiskId", disk}}, "2014-05-26");
}

TEST(EmulatorFaults, ListHasAtLeast12KebabCaseNamesWithDescriptions) {
  const auto faults = Service::list_faults();
  EXPECT_GE(faults.size(), 12u);
  std::set<std::string> names;
  for (const auto& [name, description] : faults) {
    EXPECT_TRUE(is_kebab_case(name)) << name;
    EXPECT_FALSE(description.empty()) << name;
    EXPECT_EQ(description.find('\n'), std::string::npos) << name;
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
    EXPECT_NO_THROW(Service(test_config({name}), test_fixtures()));
  }
}

TEST(EmulatorFaults, UnknownFaultNameThrowsNamingItAndTheChoices) {
  try {
    Service s(test_config({"no-such-fault"}), test_fixtures());
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no-such-fault"), std::string::npos) << what;
    // Every fault to choose from, on one line (issue 14 item 6).
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    for (const auto& [name, description] : Service::list_faults()) {
      EXPECT_NE(what.find(name), std::string::npos) << name << " not in: " << what;
    }
  }
}

TEST(EmulatorFaults, StartIgnoresStatus_StartFromNormalSucceeds) {
  expect_fault_changes("start-ignores-status",
                       [](Fixture& f) {
                         const std::string id = f.syncing_or_normal();
                         return seen(f.client.op("StartDiskReplicaPair", id));
                       },
                       {403, "OperationDenied.InvalidStatus"}, {200, ""});
}

TEST(EmulatorFaults, InvalidStatusAs400_WrongHttpStatus) {
  expect_fault_changes("invalid-status-as-400",
                       [](Fixture& f) {
                         const std::string id = f.client.create();
                         return seen(f.client.op("StopDiskReplicaPair", id));
                       },
                       {403, "OperationDenied.InvalidStatus"},
                       {400, "OperationDenied.InvalidStatus"});
}

TEST(EmulatorFaults, ReplayReexecutes_ReplayDeniedInsteadOfReplayed) {
  expect_fault_changes(
      "replay-reexecutes",
      [](Fixture& f) {
        const std::string id = f.created();
        f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}});
        return seen(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}}));
      },
      {200, ""}, {403, "OperationDenied.InvalidStatus"});
}

TEST(EmulatorFaults, TokenMismatchIgnored_I2NotDetected) {
  expect_fault_changes("token-mismatch-ignored",
                       [](Fixture& f) {
                         f.client.create("d-hz-0001", "d-sh-0001", {{"ClientToken", "t"}});
                         Params p{{"RegionId", "cn-hangzhou"},
                                  {"SourceZoneId", "cn-hangzhou-h"},
                                  {"DiskId", "d-hz-0002"},
                                  {"DestinationRegionId", "cn-shanghai"},
                                  {"DestinationZoneId", "cn-shanghai-e"},
                                  {"DestinationDiskId", "d-sh-0002"},
                                  {"ClientToken", "t"}};
                         return seen(f.client.call("CreateDiskReplicaPair", p));
                       },
                       {400, "IdempotentParameterMismatch"}, {200, ""});
}

TEST(EmulatorFaults, FailedTokenConsumed_I3Broken) {
  expect_fault_changes(
      "failed-token-consumed",
      [](Fixture& f) {
        const std::string id = f.client.create();
        f.client.op("StartDiskReplicaPair", id, "cn-hangzhou",
                    {{"ClientToken", "t"}});  // creating: 403
        f.settle();
        return seen(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}}));
      },
      {200, ""}, {403, "OperationDenied.InvalidStatus"});
}

TEST(EmulatorFaults, NoManualSyncCooldown_O3NotEnforced) {
  expect_fault_changes(
      "no-manual-sync-cooldown",
      [](Fixture& f) {
        const std::string id = f.created();
        f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"OneShot", "true"}});
        f.settle();
        return seen(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"OneShot", "true"}}));
      },
      {403, "OperationDenied.ManualSyncLimit"}, {200, ""});
}

TEST(EmulatorFaults, NoStandbyDeviceCheck_O2Missing) {
  expect_fault_changes("no-standby-device-check",
                       [](Fixture& f) {
                         attach(f.client, "d-sh-0001", "i-sh-0001");
                         const std::string id = f.created();
                         return seen(f.client.op("StartDiskReplicaPair", id));
                       },
                       {400, "OperationDenied.StandbyDeviceAttached"}, {200, ""});
}

TEST(EmulatorFaults, MissingParameterAccepted_P1Missing) {
  expect_fault_changes(
      "missing-parameter-accepted",
      [](Fixture& f) {
        return seen(f.client.call("StartDiskReplicaPair", {{"RegionId", "cn-hangzhou"}}));
      },
      {400, "MissingReplicaPairId"}, {404, "NoSuchResource"});
}

TEST(EmulatorFaults, Swap404And403_StatusesSwapped) {
  expect_fault_changes(
      "swap-404-403",
      [](Fixture& f) { return seen(f.client.op("StartDiskReplicaPair", "pair-cn-hangzhou-none")); },
      {404, "NoSuchResource"}, {403, "NoSuchResource"});
  expect_fault_changes("swap-404-403",
                       [](Fixture& f) {
                         const std::string id = f.client.create();
                         return seen(f.client.op("StopDiskReplicaPair", id));
                       },
                       {403, "OperationDenied.InvalidStatus"},
                       {404, "OperationDenied.InvalidStatus"});
}

TEST(EmulatorFaults, StopNeverCompletes_StaysStopping) {
  expect_fault_changes("stop-never-completes",
                       [](Fixture& f) {
                         const std::string id = f.syncing_or_normal();
                         f.client.op("StopDiskReplicaPair", id);
                         f.service.advance_clock(3600);
                         return Seen{200, f.client.status(id)};
                       },
                       {200, "stopped"}, {200, "stopping"});
}

TEST(EmulatorFaults, DescribeSkipsPair_PagingLosesOne) {
  expect_fault_changes(
      "describe-skips-pair",
      [](Fixture& f) {
        f.client.create("d-hz-0001", "d-sh-0001");
        f.client.create("d-hz-0002", "d-sh-0002");
        f.client.create("d-hz-0003", "d-sh-0003");
        Json page1 = body_of(f.client.call("DescribeDiskReplicaPairs",
                                           {{"RegionId", "cn-hangzhou"}, {"MaxResults", "2"}}));
        Json page2 = body_of(f.client.call("DescribeDiskReplicaPairs",
                                           {{"RegionId", "cn-hangzhou"},
                                            {"MaxResults", "2"},
                                            {"NextToken", page1["NextToken"].get<std::string>()}}));
        return Seen{200,
                    std::to_string(page1["ReplicaPairs"].size() + page2["ReplicaPairs"].size())};
      },
      {200, "3"}, {200, "2"});
}

TEST(EmulatorFaults, NoSiteCheck_FailoverOnPrimaryAccepted) {
  expect_fault_changes("no-site-check",
                       [](Fixture& f) {
                         const std::string id = f.syncing_or_normal();
                         return seen(f.client.op("FailoverDiskReplicaPair", id, "cn-hangzhou"));
                       },
                       {403, "OperationDenied.OperateNotAllowedForPrimary"}, {200, ""});
  expect_fault_changes("no-site-check",
                       [](Fixture& f) {
                         const std::string id = f.stopped();
                         return seen(f.client.op("DeleteDiskReplicaPair", id, "cn-shanghai"));
                       },
                       {403, "OperationDenied.OperateNotAllowedForStandby"}, {200, ""});
}

TEST(EmulatorFaults, NoSignatureCheck_G7Missing) {
  expect_fault_changes(
      "no-signature-check",
      [](Fixture& f) {
        f.client.secret = "not-the-secret";
        return seen(f.client.call("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}}));
      },
      {400, "SignatureDoesNotMatch"}, {200, ""});
}

TEST(EmulatorFaults, NonceNotChecked_G8Missing) {
  expect_fault_changes(
      "nonce-not-checked",
      [](Fixture& f) {
        auto w = f.client.wire("DescribeDiskReplicaPairs", {{"RegionId", "cn-hangzhou"}});
        f.client.send(w);
        return seen(f.client.send(w));
      },
      {400, "SignatureNonceUsed"}, {200, ""});
}

TEST(EmulatorFaults, ErrorWithoutCode_W3Broken) {
  expect_fault_changes("error-without-code",
                       [](Fixture& f) {
                         HttpResponse r =
                             f.client.op("StartDiskReplicaPair", "pair-cn-hangzhou-none");
                         Json b = body_of(r);
                         return Seen{r.status, b.contains("Code") ? "has Code" : "no Code"};
                       },
                       {404, "has Code"}, {404, "no Code"});
}

TEST(EmulatorFaults, ReplayReusesRequestId_W4Broken) {
  expect_fault_changes(
      "replay-reuses-request-id",
      [](Fixture& f) {
        Params p{{"RegionId", "cn-hangzhou"},
                 {"SourceZoneId", "cn-hangzhou-h"},
                 {"DiskId", "d-hz-0001"},
                 {"DestinationRegionId", "cn-shanghai"},
                 {"DestinationZoneId", "cn-shanghai-e"},
                 {"DestinationDiskId", "d-sh-0001"},
                 {"ClientToken", "t"}};
        Json a = body_of(f.client.call("CreateDiskReplicaPair", p));
        Json b = body_of(f.client.call("CreateDiskReplicaPair", p));
        return Seen{200, a["RequestId"] == b["RequestId"] ? "same RequestId" : "fresh RequestId"};
      },
      {200, "fresh RequestId"}, {200, "same RequestId"});
}

TEST(EmulatorFaults, ReprotectKeepsDirection_O6NoSwap) {
  expect_fault_changes("reprotect-keeps-direction",
                       [](Fixture& f) {
                         const std::string id = f.failovered();
                         f.client.op("ReprotectDiskReplicaPair", id, "cn-shanghai");
                         return Seen{200, f.client.describe_one(id).value("SourceRegion", "")};
                       },
                       {200, "cn-shanghai"}, {200, "cn-hangzhou"});
}

TEST(EmulatorFaults, DeletedPairsListed_O9Broken) {
  expect_fault_changes("deleted-pairs-listed",
                       [](Fixture& f) {
                         const std::string id = f.stopped();
                         f.client.op("DeleteDiskReplicaPair", id);
                         f.settle();
                         return Seen{200, f.client.status(id)};
                       },
                       {200, "<not listed>"}, {200, "deleted"});
}

// Two Starts of one created pair at once, from two threads (two clients, their own nonces): the
// number of 200s and the error codes of the others.
Seen concurrent_starts(Fixture& f) {
  const std::string id = f.created();
  Client other{f.service};
  other.next_nonce = 1000000;
  HttpResponse first, second;
  std::thread racing([&] { second = other.op("StartDiskReplicaPair", id); });
  first = f.client.op("StartDiskReplicaPair", id);
  racing.join();
  const int ok = (first.status == 200 ? 1 : 0) + (second.status == 200 ? 1 : 0);
  return {ok, code_of(first) + code_of(second)};
}

TEST(EmulatorFaults, CheckThenAct_ConcurrentStartsBothSucceed) {
  expect_fault_changes("check-then-act", concurrent_starts, {1, "OperationDenied.InvalidStatus"},
                       {2, ""});
}

TEST(EmulatorFaults, CheckThenAct_OneRequestAtATimeIsStillRight) {
  Fixture f({"check-then-act"});
  const std::string id = f.created();
  EXPECT_EQ(seen(f.client.op("StartDiskReplicaPair", id)), (Seen{200, ""}));
  EXPECT_EQ(seen(f.client.op("StartDiskReplicaPair", id)),
            (Seen{403, "OperationDenied.InvalidStatus"}));
  f.settle();
  EXPECT_EQ(seen(f.client.op("StopDiskReplicaPair", id)), (Seen{200, ""}));
  EXPECT_EQ(f.client.status(id), "stopping");
}

// A Create whose answer the server could not deliver (it calls on_undelivered), then its retry
// with the same ClientToken: replayed by a correct emulator, run again with the fault.
Seen lost_create_then_retry(Fixture& f) {
  const Params p{{"RegionId", "cn-hangzhou"},
                 {"SourceZoneId", "cn-hangzhou-h"},
                 {"DiskId", "d-hz-0001"},
                 {"DestinationRegionId", "cn-shanghai"},
                 {"DestinationZoneId", "cn-shanghai-e"},
                 {"DestinationDiskId", "d-sh-0001"},
                 {"ClientToken", "t"}};
  HttpResponse first = f.client.call("CreateDiskReplicaPair", p);
  EXPECT_EQ(first.status, 200) << first.body;
  if (first.on_undelivered) first.on_undelivered();
  return seen(f.client.call("CreateDiskReplicaPair", p));
}

TEST(EmulatorFaults, LostAnswerReexecutes_RetryRunsAgain) {
  expect_fault_changes("lost-answer-reexecutes", lost_create_then_retry, {200, ""},
                       {403, "OperationDenied"});
}

TEST(EmulatorFaults, LostAnswerReexecutes_DeliveredAnswersStillReplay) {
  Fixture f({"lost-answer-reexecutes"});
  const std::string id = f.created();
  f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}});
  EXPECT_EQ(seen(f.client.op("StartDiskReplicaPair", id, "cn-hangzhou", {{"ClientToken", "t"}})),
            (Seen{200, ""}));
}

TEST(EmulatorFaults, EveryFaultHasATestHere) {
  // Keep this list in step with the tests above: a new fault needs its own detecting test.
  std::set<std::string> tested = {
      "start-ignores-status",     "invalid-status-as-400",      "replay-reexecutes",
      "token-mismatch-ignored",   "failed-token-consumed",      "no-manual-sync-cooldown",
      "no-standby-device-check",  "missing-parameter-accepted", "swap-404-403",
      "stop-never-completes",     "describe-skips-pair",        "no-site-check",
      "no-signature-check",       "nonce-not-checked",          "error-without-code",
      "replay-reuses-request-id", "reprotect-keeps-direction",  "deleted-pairs-listed"};
  tested.insert("check-then-act");          // CheckThenAct_* above
  tested.insert("lost-answer-reexecutes");  // LostAnswerReexecutes_* above
  std::set<std::string> listed;
  for (const auto& [name, description] : Service::list_faults()) listed.insert(name);
  EXPECT_EQ(listed, tested);
}

}  // namespace
}  // namespace paircheck::emulator::testing
