// Fault switches (see faults.hpp).
#include "emulator/faults.hpp"

#include <stdexcept>
#include <string>

namespace paircheck::emulator {

const std::vector<FaultInfo>& fault_table() {
  static const std::vector<FaultInfo> kTable = {
      {Fault::kStartIgnoresStatus, "start-ignores-status",
       "O2: StartDiskReplicaPair succeeds in any status (e.g. from normal)"},
      {Fault::kInvalidStatusAs400, "invalid-status-as-400",
       "O0: OperationDenied.InvalidStatus is sent with HTTP 400 instead of 403"},
      {Fault::kReplayReexecutes, "replay-reexecutes",
       "I1: a replayed ClientToken runs the operation again instead of returning the first result"},
      {Fault::kTokenMismatchIgnored, "token-mismatch-ignored",
       "I2: same ClientToken with different parameters replays the first result instead of 400"},
      {Fault::kFailedTokenConsumed, "failed-token-consumed",
       "I3: a ClientToken whose first call failed replays that failure forever"},
      {Fault::kNoManualSyncCooldown, "no-manual-sync-cooldown",
       "O3: OneShot starts are never refused with OperationDenied.ManualSyncLimit"},
      {Fault::kNoStandbyDeviceCheck, "no-standby-device-check",
       "O2: Start succeeds while the destination disk is attached"},
      {Fault::kMissingParameterAccepted, "missing-parameter-accepted",
       "P1: missing required parameters are not reported (treated as empty values)"},
      {Fault::kSwap404And403, "swap-404-403",
       "O0: errors that should be 404 are sent as 403 and 403 ones as 404"},
      {Fault::kStopNeverCompletes, "stop-never-completes",
       "S4/M3: a stopped pair stays in 'stopping' forever"},
      {Fault::kDescribeSkipsPair, "describe-skips-pair",
       "O9: NextToken paging skips the first pair of every following page"},
      {Fault::kNoSiteCheck, "no-site-check",
       "O5/O6/O7: Failover/Reprotect/Delete are accepted in the wrong region"},
      {Fault::kNoSignatureCheck, "no-signature-check",
       "G7: signatures are not verified (any Signature is accepted)"},
      {Fault::kNonceNotChecked, "nonce-not-checked", "G8: a reused SignatureNonce is accepted"},
      {Fault::kErrorWithoutCode, "error-without-code", "W3: error bodies carry no Code field"},
      {Fault::kReplayReusesRequestId, "replay-reuses-request-id",
       "W4: an idempotent replay returns the first call's RequestId"},
      {Fault::kReprotectKeepsDirection, "reprotect-keeps-direction",
       "O6: Reprotect with ReverseReplicate=true does not swap source and destination"},
      {Fault::kDeletedPairsListed, "deleted-pairs-listed",
       "O9: DescribeDiskReplicaPairs still lists deleted pairs"},
      {Fault::kCheckThenAct, "check-then-act",
       "O2-O7 in a race: Start/Stop/Failover/Reprotect/Delete check the status, release the lock "
       "for a while, then act without checking again (two concurrent Starts both succeed)"},
      {Fault::kLostAnswerReexecutes, "lost-answer-reexecutes",
       "I1: when a call's answer cannot be delivered (the client closed first), its ClientToken "
       "is forgotten, so the retry with the same token runs the operation again (HTTP only)"},
  };
  return kTable;
}

FaultSet::FaultSet(const std::vector<std::string>& names) {
  for (const auto& name : names) {
    bool found = false;
    for (const auto& info : fault_table()) {
      if (name == info.name) {
        bits_.set(static_cast<std::size_t>(info.fault));
        found = true;
      }
    }
    if (!found) {
      std::string names;
      for (const auto& info : fault_table())
        names += std::string(names.empty() ? "" : ", ") + info.name;
      throw std::invalid_argument("unknown emulator fault '" + name + "' (choose from: " + names +
                                  ")");
    }
  }
}

}  // namespace paircheck::emulator
