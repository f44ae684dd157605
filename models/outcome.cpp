#include "models/outcome.hpp"

#include <algorithm>

namespace paircheck::model {

std::string Outcome::summary() const {
  std::string s;
  for (std::size_t i = 0; i < http.size(); ++i) s += (i ? "/" : "") + std::to_string(http[i]);
  for (std::size_t i = 0; i < codes.size(); ++i) s += (i ? "|" : " ") + codes[i];
  switch (body) {
    case BodyKind::kCreate:
      s += pair_id == kNewPairId ? " ReplicaPairId=<fresh>" : " ReplicaPairId=" + pair_id;
      break;
    case BodyKind::kDescribe: {
      s += " ReplicaPairs=[";
      for (std::size_t i = 0; i < describe.candidates.size(); ++i) {
        const Pair& p = describe.candidates[i];
        s += (i ? " " : "") + p.id + ":" + std::string(to_string(p.status));
        if (describe.judge_recover_point) {  // O9 (§11): LastRecoverPoint as O10's RecoverPoint
          s += p.synced ? ",LastRecoverPoint>=" +
                              std::to_string(std::max<std::int64_t>(p.recover_point_floor, 1))
                        : ",LastRecoverPoint=0";
        }
      }
      s += "] TotalCount=" + std::to_string(describe.total);
      break;
    }
    case BodyKind::kProgress:
      s += " Progress>=" + std::to_string(progress.progress_floor) +
           (progress.synced ? " RecoverPoint>0" : " RecoverPoint=0");
      break;
    case BodyKind::kNone:
      break;
  }
  return s + " [" + join(rule_ids) + "]";
}

}  // namespace paircheck::model
