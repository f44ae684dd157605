#include "properties/gene.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "models/params.hpp"
#include "models/requests.hpp"

namespace paircheck::properties {
namespace {

using harness::Step;

// Unguided operations, weighted: index = (gene.op / 4) % size.
constexpr Op kOps[] = {
    Op::kCreate,       Op::kCreate,   Op::kStart,    Op::kStart,    Op::kStartOneShot,
    Op::kStop,         Op::kStop,     Op::kFailover, Op::kFailover, Op::kReprotect,
    Op::kDelete,       Op::kDelete,   Op::kModify,   Op::kDescribe, Op::kDescribe,
    Op::kDescribePage, Op::kProgress, Op::kAttach,   Op::kDetach,   Op::kWait,
    Op::kWait,         Op::kSettle,   Op::kSettle,   Op::kReplay,   Op::kReplay,
};
constexpr std::size_t kOpCount = sizeof kOps / sizeof kOps[0];

constexpr double kWaits[] = {1, 2, 5, 0.5, 30, 120, 460, 900};

// Changes one business parameter of `r` (a replay's mismatch, I2): a pair call's region to the
// pair's other side, a Create's name. Whether it changed one.
bool change_business_param(model::Request& r) {
  if (r.action == "CreateDiskReplicaPair") {
    model::requests::set_param(r, "PairName", "pc-mismatch");
    return true;
  }
  const std::optional<std::string> region = model::find_param(r.params, "RegionId");
  if (!region) return false;
  std::string other = *region;
  if (other.starts_with("{primary:")) {
    other.replace(0, 9, "{standby:");
  } else if (other.starts_with("{standby:")) {
    other.replace(0, 9, "{primary:");
  } else {
    return false;
  }
  model::requests::set_param(r, "RegionId", other);
  return true;
}

}  // namespace

SequenceDecoder::SequenceDecoder(model::Universe universe) : universe_(std::move(universe)) {
  for (const auto& d : universe_.disks) {
    auto it = std::find_if(regions_.begin(), regions_.end(),
                           [&](const Region& r) { return r.id == d.region_id; });
    if (it == regions_.end()) it = regions_.insert(regions_.end(), Region{d.region_id, {}, {}});
    it->disks.push_back(d);
  }
  for (const auto& i : universe_.instances) {
    for (Region& r : regions_) {
      if (r.id == i.region_id) r.instances.push_back(i);
    }
  }
  for (const auto& id : universe_.identities) {
    if (std::find(id.actions.begin(), id.actions.end(), "*") == id.actions.end()) {
      readonly_keys_.push_back(id.access_key_id);
    }
  }
}

std::vector<Gene> SequenceDecoder::genes_from_bytes(const std::uint8_t* data, std::size_t size) {
  std::vector<Gene> out;
  for (std::size_t i = 0; i + kGeneBytes <= size; i += kGeneBytes) {
    const std::uint8_t* b = data + i;
    out.push_back(Gene{b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]});
  }
  return out;
}

Gene SequenceDecoder::unguided(Op op, std::uint8_t slot) {
  const auto* it = std::find(std::begin(kOps), std::end(kOps), op);
  Gene g;
  g.op = static_cast<std::uint8_t>(4 * (it - std::begin(kOps)) + 3);  // op % 4 == 3: unguided
  g.slot = slot;
  return g;
}

harness::Sequence SequenceDecoder::decode(const std::vector<Gene>& genes,
                                          std::vector<Phase>* phases,
                                          std::vector<bool>* damaged) const {
  Cursor cursor(*this);
  for (const Gene& g : genes) {
    const Phase phase = cursor.push(g);
    if (phases != nullptr) phases->push_back(phase);
    if (damaged != nullptr) damaged->push_back(cursor.last_damaged());
  }
  return cursor.take();
}

SequenceDecoder::Cursor::Peek SequenceDecoder::Cursor::peek(const Gene& g) const {
  const SequenceDecoder& d = *decoder_;
  const Choice choice = d.choose(g, guide_);
  bool damaged = false;
  Step step = d.decode_one(g, out_.size(), d.races_ ? plain_ : out_, choice, guide_, damaged);
  if (d.races_) d.make_race(step, g, out_.size(), choice, guide_);
  Guide after = guide_;
  if (!damaged) {
    after.record(choice.op, choice.slot, choice.right_site,
                 model::bool_param(step.request.params, "ReverseReplicate").value_or(true));
  }
  return Peek{std::move(step), guide_.phase(choice.slot), damaged, after.phase(choice.slot)};
}

Phase SequenceDecoder::Cursor::push(const Gene& g) {
  const SequenceDecoder& d = *decoder_;
  const Choice choice = d.choose(g, guide_);
  const Phase phase = guide_.phase(choice.slot);
  bool damaged = false;
  Step step = d.decode_one(g, out_.size(), d.races_ ? plain_ : out_, choice, guide_, damaged);
  const bool reverse = model::bool_param(step.request.params, "ReverseReplicate").value_or(true);
  if (d.races_) {
    plain_.push_back(step);
    d.make_race(step, g, out_.size(), choice, guide_);
  }
  // A call the target must refuse leaves the pair where it was: the guide keeps its guess, so
  // the next steps still walk the pair on instead of calling on one that was never created.
  if (!damaged) guide_.record(choice.op, choice.slot, choice.right_site, reverse);
  last_damaged_ = damaged;
  guide_.decoded(choice.op, damaged);
  out_.push_back(std::move(step));
  return phase;
}

SequenceDecoder::Choice SequenceDecoder::choose(const Gene& g, const Guide& guide) const {
  Choice c;
  // Most operations are on the first pair; the others exist for paging, disks and tokens.
  c.slot = g.slot % 8 < 5 ? 0 : g.slot % 8 < 7 ? 1 : 2;
  c.guided = g.op % 4 != 3;
  c.op = c.guided ? guide.next(c.slot, static_cast<std::uint8_t>(g.op / 4))
                  : kOps[(g.op / 4) % kOpCount];
  const std::string n = std::to_string(c.slot);
  const std::string primary = "{primary:" + n + "}", standby = "{standby:" + n + "}";
  const bool dest_is_standby = guide.destination_is_standby(c.slot);
  const std::string& destination = dest_is_standby ? standby : primary;
  const std::string& source = dest_is_standby ? primary : standby;
  // The site each operation must be called in (O5-O7); either side will do for the others.
  std::string right = g.side % 2 ? standby : primary;
  if (c.op == Op::kFailover || c.op == Op::kReprotect) right = destination;
  if (c.op == Op::kDelete) right = source;
  switch (g.side % 8) {
    case 6:
      c.region = right == primary ? standby : primary;
      break;  // the wrong side
    case 7:
      c.region = regions_.empty() ? "cn-nowhere" : regions_.back().id;
      break;  // neither
    default:
      c.region = right;
  }
  c.right_site = c.region == right;
  return c;
}

Step SequenceDecoder::decode_one(const Gene& g, std::size_t index, const std::vector<Step>& done,
                                 const Choice& c, const Guide& guide, bool& damaged) const {
  Step step;
  switch (c.op) {
    case Op::kCreate:
      step = create(g, c.guided ? std::optional<std::size_t>(guide.created()) : std::nullopt,
                    &damaged);
      break;
    case Op::kStart:  // OneShot absent or false (O2): both mean a full sync
      step = pair_call(c, "StartDiskReplicaPair");
      if (g.variant % 2 == 1) model::requests::set_param(step.request, "OneShot", "false");
      break;
    case Op::kStartOneShot:
      step = pair_call(c, "StartDiskReplicaPair");
      model::requests::set_param(step.request, "OneShot", "true");
      break;
    case Op::kStop:
      step = pair_call(c, "StopDiskReplicaPair");
      break;
    case Op::kFailover:
      step = pair_call(c, "FailoverDiskReplicaPair");
      break;
    case Op::kReprotect:
      step = pair_call(c, "ReprotectDiskReplicaPair");
      if (g.variant % 3 == 1) model::requests::set_param(step.request, "ReverseReplicate", "false");
      if (g.variant % 3 == 2) model::requests::set_param(step.request, "ReverseReplicate", "true");
      break;
    case Op::kDelete:
      step = pair_call(c, "DeleteDiskReplicaPair");
      break;
    case Op::kModify:
      step = pair_call(c, "ModifyDiskReplicaPair");
      if (g.variant % 2 == 0) {
        model::requests::set_param(step.request, "PairName",
                                   "renamed-" + std::to_string(g.extra % 4));
      }
      if (g.variant % 4 >= 2)
        model::requests::set_param(step.request, "Description", "paircheck pair");
      if (g.variant % 16 >= 12)  // EnableRtc true or false
        model::requests::set_param(step.request, "EnableRtc", g.variant % 2 ? "true" : "false");
      if (g.variant / 16 % 2 == 1) {  // each documented Bandwidth (§3), to be seen in a Describe
        static constexpr std::array<std::string_view, 4> kBandwidths = {"10240", "20480", "51200",
                                                                        "102400"};
        model::requests::set_param(step.request, "Bandwidth",
                                   std::string(kBandwidths[g.extra / 4 % kBandwidths.size()]));
      }
      break;
    case Op::kDescribe:
    case Op::kDescribePage:
      step = describe(g, c, done);
      break;
    case Op::kProgress:
      step = pair_call(c, "DescribeDiskReplicaPairProgress");
      break;
    case Op::kAttach:
      step = c.guided ? guided_disk_call(c, guide, "AttachDisk") : disk_call(g, "AttachDisk");
      break;
    case Op::kDetach:
      step = c.guided ? guided_disk_call(c, guide, "DetachDisk") : disk_call(g, "DetachDisk");
      break;
    case Op::kWait:
      step.kind = Step::Kind::kWait;
      // A wait that lands a settled sync in `syncing` is one S2 cycle (the emulator's default
      // 2 s) or fifteen; on a target with another cycle it lands anywhere, as any wait does.
      step.seconds = c.guided && guide.waits_for_sync(c.slot) ? (g.variant % 4 == 3 ? 30 : 2)
                                                              : kWaits[g.variant % 8];
      return step;
    case Op::kSettle:
      step.kind = Step::Kind::kSettle;
      step.slot = c.slot;
      return step;
    case Op::kReplay: {
      auto prev = std::find_if(done.rbegin(), done.rend(),
                               [](const Step& s) { return s.kind == Step::Kind::kCall; });
      if (prev != done.rend()) {  // I1: the very same call again (a fresh nonce: a new request)
        step = *prev;
        step.request.envelope.nonce = "{nonce:" + std::to_string(index) + "}";
        // One in four sends the same token with another business parameter (I2: a mismatch),
        // for every operation that takes one: the region's other side, another Create name.
        if (g.variant % 4 == 3 && model::find_param(step.request.params, "ClientToken")) {
          damaged = change_business_param(step.request);
        }
        return step;
      }
      step = describe(g, c, done);
      break;
    }
  }
  if (model::takes_client_token(model::action_from_name(step.request.action))) {
    damaged |= apply_token(step, g, index, done);
  }
  damaged |= apply_mutation(step, g, index);
  damaged |= apply_envelope(step, g, index);
  return step;
}

}  // namespace paircheck::properties
