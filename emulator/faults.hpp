// Fault switches: plausible vendor bugs the emulator can be told to have, so that the harness can
// prove it catches them (each names the rule it breaks: W3, W4, G7, G8, P1, I1-I3, O2-O9, S4;
// check-then-act shows only when two requests on one pair overlap).
#pragma once

#include <bitset>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace paircheck::emulator {

enum class Fault {
  kStartIgnoresStatus,        // O2/O3
  kInvalidStatusAs400,        // O0/W3 HTTP status
  kReplayReexecutes,          // I1
  kTokenMismatchIgnored,      // I2
  kFailedTokenConsumed,       // I3
  kNoManualSyncCooldown,      // O3
  kNoStandbyDeviceCheck,      // O2
  kMissingParameterAccepted,  // P1
  kSwap404And403,             // O0 HTTP statuses
  kStopNeverCompletes,        // S4
  kDescribeSkipsPair,         // O9
  kNoSiteCheck,               // O5/O7
  kNoSignatureCheck,          // G7
  kNonceNotChecked,           // G8
  kErrorWithoutCode,          // W3
  kReplayReusesRequestId,     // W4
  kReprotectKeepsDirection,   // O6
  kDeletedPairsListed,        // O9
  kCheckThenAct,              // O2-O7 under concurrency (a race)
  kLostAnswerReexecutes,      // I1 once an answer is lost (the client left before it was written)
  kCount
};

struct FaultInfo {
  Fault fault;
  const char* name;
  const char* description;
};

// Every fault, in enum order.
const std::vector<FaultInfo>& fault_table();

class FaultSet {
 public:
  FaultSet() = default;
  // Unknown name -> std::invalid_argument naming it and every fault to choose from (one line).
  explicit FaultSet(const std::vector<std::string>& names);
  bool has(Fault fault) const { return bits_.test(static_cast<std::size_t>(fault)); }

 private:
  std::bitset<static_cast<std::size_t>(Fault::kCount)> bits_;
};

}  // namespace paircheck::emulator
