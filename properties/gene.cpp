#include "properties/gene.hpp"

#include <algorithm>

#include "models/requests.hpp"

namespace paircheck::properties {
namespace {

using harness::Step;

enum class Op : std::uint8_t {
  kCreate, kStart, kStartOneShot, kStop, kFailover, kReprotect, kDelete, kModify, kDescribe,
  kDescribePage, kProgress, kAttach, kDetach, kWait, kSettle, kReplay,
};

// Weighted: index = gene.op % size. Creation first, so that op 0 (the shrink target) makes a pair.
constexpr Op kOps[] = {
    Op::kCreate,   Op::kCreate,       Op::kCreate,     Op::kStart,     Op::kStart,
    Op::kStartOneShot, Op::kStop,     Op::kStop,       Op::kFailover,  Op::kFailover,
    Op::kReprotect, Op::kDelete,      Op::kDelete,     Op::kModify,    Op::kDescribe,
    Op::kDescribe, Op::kDescribePage, Op::kProgress,   Op::kAttach,    Op::kDetach,
    Op::kWait,     Op::kWait,         Op::kSettle,     Op::kSettle,    Op::kReplay,
};
constexpr std::size_t kOpCount = sizeof kOps / sizeof kOps[0];

constexpr double kWaits[] = {1, 2, 5, 0.5, 30, 120, 460, 900};

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

harness::Sequence SequenceDecoder::decode(const std::vector<Gene>& genes) const {
  harness::Sequence out;
  out.reserve(genes.size());
  for (std::size_t i = 0; i < genes.size(); ++i) out.push_back(decode_one(genes[i], i, out));
  return out;
}

std::string SequenceDecoder::region_for(const Gene& g) const {
  const std::string slot = std::to_string(g.slot % 3);
  switch (g.side % 5) {
    case 0: case 1: return "{primary:" + slot + "}";
    case 2: case 3: return "{standby:" + slot + "}";
    default: return regions_.empty() ? "cn-nowhere" : regions_.back().id;  // often neither side
  }
}

Step SequenceDecoder::decode_one(const Gene& g, std::size_t index,
                                 const std::vector<Step>& done) const {
  Step step;
  switch (kOps[g.op % kOpCount]) {
    case Op::kCreate: step = create(g, index); break;
    case Op::kStart: step = pair_call(g, "StartDiskReplicaPair"); break;
    case Op::kStartOneShot:
      step = pair_call(g, "StartDiskReplicaPair");
      model::requests::set_param(step.request, "OneShot", "true");
      break;
    case Op::kStop: step = pair_call(g, "StopDiskReplicaPair"); break;
    case Op::kFailover: step = pair_call(g, "FailoverDiskReplicaPair"); break;
    case Op::kReprotect:
      step = pair_call(g, "ReprotectDiskReplicaPair");
      if (g.variant % 3 == 1) model::requests::set_param(step.request, "ReverseReplicate", "false");
      if (g.variant % 3 == 2) model::requests::set_param(step.request, "ReverseReplicate", "true");
      break;
    case Op::kDelete: step = pair_call(g, "DeleteDiskReplicaPair"); break;
    case Op::kModify:
      step = pair_call(g, "ModifyDiskReplicaPair");
      if (g.variant % 2 == 0) model::requests::set_param(step.request, "PairName", "renamed-" + std::to_string(g.extra % 4));
      if (g.variant % 4 >= 2) model::requests::set_param(step.request, "Description", "paircheck pair");
      break;
    case Op::kDescribe:
    case Op::kDescribePage: step = describe(g); break;
    case Op::kProgress:
      step = pair_call(g, "DescribeDiskReplicaPairProgress");
      break;
    case Op::kAttach: step = disk_call(g, "AttachDisk"); break;
    case Op::kDetach: step = disk_call(g, "DetachDisk"); break;
    case Op::kWait:
      step.kind = Step::Kind::kWait;
      step.seconds = kWaits[g.variant % 8];
      return step;
    case Op::kSettle:
      step.kind = Step::Kind::kSettle;
      step.slot = g.slot % 3;
      return step;
    case Op::kReplay: {
      auto prev = std::find_if(done.rbegin(), done.rend(),
                               [](const Step& s) { return s.kind == Step::Kind::kCall; });
      if (prev != done.rend()) {  // I1: the very same call again (a fresh nonce: a new request)
        step = *prev;
        step.request.envelope.nonce = "{nonce:" + std::to_string(index) + "}";
        step.request.envelope.nonce_reused = false;
        return step;
      }
      step = describe(g);
      break;
    }
  }
  if (model::takes_client_token(model::action_from_name(step.request.action))) {
    apply_token(step, g, index, done);
  }
  apply_mutation(step, g);
  apply_envelope(step, g, index);
  return step;
}

}  // namespace paircheck::properties
