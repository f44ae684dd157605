// Races on purpose (harness.md "Races"): which pair mutations become a race step, and with which
// partner. The pairs the contract makes interesting: Start||Start, Start||Delete, Stop||Failover,
// Failover||Reprotect, the same ClientToken twice in flight, and a mutation||Describe of the pair.
#include <initializer_list>

#include "models/requests.hpp"
#include "properties/gene.hpp"

namespace paircheck::properties {
namespace {

using harness::Step;

enum class Partner : std::uint8_t {
  kStart,
  kStop,
  kFailover,
  kReprotect,
  kDelete,
  kTwin,
  kDescribe
};

Partner pick(std::initializer_list<Partner> partners, std::uint8_t choice) {
  return *(partners.begin() + choice % partners.size());
}

// The partners of each racing action; none for the others.
std::optional<Partner> partner_for(const std::string& action, std::uint8_t choice) {
  using P = Partner;
  if (action == "StartDiskReplicaPair")
    return pick({P::kStart, P::kDelete, P::kTwin, P::kDescribe}, choice);
  if (action == "StopDiskReplicaPair") return pick({P::kFailover, P::kTwin, P::kDescribe}, choice);
  if (action == "FailoverDiskReplicaPair") {
    return pick({P::kStop, P::kReprotect, P::kTwin, P::kDescribe}, choice);
  }
  if (action == "ReprotectDiskReplicaPair")
    return pick({P::kFailover, P::kTwin, P::kDescribe}, choice);
  if (action == "DeleteDiskReplicaPair") return pick({P::kStart, P::kTwin, P::kDescribe}, choice);
  return std::nullopt;
}

const char* action_of(Partner p) {
  switch (p) {
    case Partner::kStart:
      return "StartDiskReplicaPair";
    case Partner::kStop:
      return "StopDiskReplicaPair";
    case Partner::kFailover:
      return "FailoverDiskReplicaPair";
    case Partner::kReprotect:
      return "ReprotectDiskReplicaPair";
    case Partner::kDelete:
      return "DeleteDiskReplicaPair";
    case Partner::kTwin:
    case Partner::kDescribe:
      break;
  }
  return "DescribeDiskReplicaPairs";
}

}  // namespace

void SequenceDecoder::make_race(Step& step, const Gene& g, std::size_t index, const Choice& c,
                                const Guide& guide) const {
  // Undamaged calls only (mutation % 48 from 36 up damages nothing), a quarter of them. A gene
  // byte shrinks towards 0, so a race shrinks to a plain call first: a finding that does not need
  // the second client is reported with one.
  if (step.kind != Step::Kind::kCall || g.mutation % 48 < 36) return;
  const std::optional<Partner> partner = partner_for(step.request.action, g.extra);
  if (!partner) return;
  const std::string n = std::to_string(c.slot);
  const std::string primary = "{primary:" + n + "}", standby = "{standby:" + n + "}";
  const bool dest_is_standby = guide.destination_is_standby(c.slot);
  const std::string& destination = dest_is_standby ? standby : primary;
  const std::string& source = dest_is_standby ? primary : standby;

  model::Request other;
  if (*partner == Partner::kTwin) {  // the same call, same ClientToken, in flight twice
    other = step.request;
    if (!model::find_param(other.params, "ClientToken")) {
      model::requests::set_param(step.request, "ClientToken",
                                 "{tok:" + std::to_string(index) + "}");
      other = step.request;
    }
  } else {
    other.action = action_of(*partner);
    other.envelope.version = std::string(model::kEbsVersion);
    // Each partner where it must be sent (O5-O7): Failover and Reprotect to the destination,
    // Delete to the source; Start, Stop and Describe to the region the pair was created in.
    std::string region = primary;
    if (*partner == Partner::kFailover || *partner == Partner::kReprotect) region = destination;
    if (*partner == Partner::kDelete) region = source;
    other.params = {{"RegionId", region}};
    if (*partner == Partner::kDescribe) {
      other.params.emplace_back("PairIds", "{pair:" + n + "}");
    } else {
      other.params.emplace_back("ReplicaPairId", "{pair:" + n + "}");
    }
  }
  // A nonce of its own (G8), unique in the sequence like every step's.
  other.envelope.nonce = "{nonce:" + std::to_string(index) + "r1}";
  Step race;
  race.kind = Step::Kind::kRace;
  race.racing = {std::move(step.request), std::move(other)};
  step = std::move(race);
}

}  // namespace paircheck::properties
