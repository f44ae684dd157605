#include "traces/partition.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <numeric>

namespace paircheck::traces {
namespace {

bool is_describe(const model::Request& r) { return r.action == "DescribeDiskReplicaPairs"; }

// Union-find over string keys ("pair|p", "disk|d", "tok|A|t", "nonce|ak|n").
class Keys {
 public:
  std::size_t id(const std::string& key) {
    auto [it, added] = ids_.emplace(key, parent_.size());
    if (added) parent_.push_back(parent_.size());
    return it->second;
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(const std::string& a, const std::string& b) {
    const std::size_t ra = find(id(a)), rb = find(id(b));
    if (ra != rb) parent_[rb] = ra;
  }
  const std::map<std::string, std::size_t>& all() const { return ids_; }

 private:
  std::map<std::string, std::size_t> ids_;
  std::vector<std::size_t> parent_;
};

// The keys one (non-Describe) call names.
std::vector<std::string> keys_of(const TraceCall& c) {
  std::vector<std::string> out;
  const model::Params& p = c.request.params;
  for (const char* name : {"ReplicaPairId"}) {
    if (auto v = model::find_param(p, name); v && !v->empty()) out.push_back("pair|" + *v);
  }
  for (const char* name : {"SourceDiskId", "DestinationDiskId", "DiskId"}) {
    if (auto v = model::find_param(p, name); v && !v->empty()) out.push_back("disk|" + *v);
  }
  if (auto t = model::find_param(p, "ClientToken"); t && !t->empty()) {
    out.push_back("tok|" + c.request.action + "|" + *t);
  }
  if (!c.request.envelope.nonce.empty()) {
    out.push_back("nonce|" + c.request.envelope.access_key_id + "|" + c.request.envelope.nonce);
  }
  if (c.observed && !c.observed->replica_pair_id.empty()) {
    out.push_back("pair|" + c.observed->replica_pair_id);
  }
  return out;
}

void partition_epoch(const Trace& trace, const std::vector<std::size_t>& calls, std::size_t epoch,
                     bool fresh, std::vector<Group>& out) {
  Keys keys;
  std::vector<std::vector<std::string>> named(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const TraceCall& c = trace.calls[calls[i]];
    if (is_describe(c.request)) {
      // A Describe names nothing itself, but shows which disks each pair it lists is on.
      if (!c.observed) continue;
      for (const model::ObservedPair& p : c.observed->pairs) {
        for (const auto& disk : {p.source_disk_id, p.destination_disk_id}) {
          if (disk && !disk->empty()) keys.join("pair|" + p.replica_pair_id, "disk|" + *disk);
        }
      }
      continue;
    }
    named[i] = keys_of(c);
    for (const std::string& k : named[i]) keys.join(named[i].front(), k);
  }
  std::map<std::size_t, std::size_t> group_of_root;  // root -> index in out
  const std::size_t first = out.size();
  std::size_t misc = SIZE_MAX;
  std::vector<std::size_t> describes;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const TraceCall& c = trace.calls[calls[i]];
    std::string nonce;
    if (is_describe(c.request) && !c.request.envelope.nonce.empty()) {
      nonce = "nonce|" + c.request.envelope.access_key_id + "|" + c.request.envelope.nonce;
    }
    // A Describe whose nonce another call used goes to that call's group only: the nonce ledger
    // that judges its reuse (G8) is there.
    const bool owned = !nonce.empty() && keys.all().count(nonce) != 0 &&
                       group_of_root.count(keys.find(keys.id(nonce))) != 0;
    if (is_describe(c.request) && !owned) {
      describes.push_back(calls[i]);
      continue;
    }
    if (owned) named[i] = {nonce};
    std::size_t g;
    if (named[i].empty()) {
      if (misc == SIZE_MAX) {
        misc = out.size();
        out.push_back(Group{epoch, fresh, {}, {}, {}});
      }
      g = misc;
    } else {
      const std::size_t root = keys.find(keys.id(named[i].front()));
      auto [it, added] = group_of_root.emplace(root, out.size());
      if (added) out.push_back(Group{epoch, fresh, {}, {}, {}});
      g = it->second;
    }
    out[g].calls.push_back(calls[i]);
  }
  for (const auto& [key, id] : keys.all()) {
    auto it = group_of_root.find(keys.find(id));
    if (it == group_of_root.end()) continue;
    Group& g = out[it->second];
    if (key.rfind("disk|", 0) == 0) g.disks.insert(key.substr(5));
    if (key.rfind("pair|", 0) == 0) g.pairs.insert(key.substr(5));
  }
  // Describes go to every group that holds a pair or a disk; with none, to the group of the rest.
  bool placed = false;
  for (std::size_t g = first; g < out.size(); ++g) {
    if (g == misc) continue;
    placed = true;
  }
  if (!placed && !describes.empty() && misc == SIZE_MAX) {
    misc = out.size();
    out.push_back(Group{epoch, fresh, {}, {}, {}});
  }
  for (std::size_t g = first; g < out.size(); ++g) {
    if (placed && g == misc) continue;
    std::vector<std::size_t> merged;
    std::merge(out[g].calls.begin(), out[g].calls.end(), describes.begin(), describes.end(),
               std::back_inserter(merged));
    out[g].calls = std::move(merged);
  }
}

}  // namespace

std::vector<Group> partition(const Trace& trace) {
  std::vector<Group> out;
  std::vector<std::size_t> epoch_calls;
  std::size_t epoch = 0;
  bool fresh = false;
  for (std::size_t i = 0; i <= trace.calls.size(); ++i) {
    if (i == trace.calls.size() || trace.calls[i].reset) {
      partition_epoch(trace, epoch_calls, epoch, fresh, out);
      epoch_calls.clear();
      ++epoch;
      fresh = true;
      continue;
    }
    if (trace.calls[i].not_judged.empty()) epoch_calls.push_back(i);
  }
  return out;
}

}  // namespace paircheck::traces
