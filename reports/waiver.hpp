// One waiver of a baseline (reports/baseline.hpp, docs/publishing.md): a reviewed known finding,
// named by its finding key, with the reason, the owner and the day it stops being waived.
#pragma once

#include <string>

namespace paircheck::reports {

struct Waiver {
  std::string key;      // a finding key, "O9|DescribeDiskReplicaPairs|200|" (model::FindingKey)
  std::string reason;   // why it is waived (required)
  std::string owner;    // who fixes it ("" when not given)
  std::string expires;  // YYYY-MM-DD (UTC): waived through this day, failing from the next
  std::string message;  // the finding's message when the waiver was written ("" when none)
};

}  // namespace paircheck::reports
