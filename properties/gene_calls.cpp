// The details of each decoded call: which disks, regions, tokens, damaged parameters and
// gateway faults a gene picks (properties/gene.hpp).
#include <algorithm>

#include "models/requests.hpp"
#include "properties/gene.hpp"

namespace paircheck::properties {
namespace {

using harness::Step;

Step call(const std::string& action, std::string_view version = model::kEbsVersion) {
  Step s;
  s.kind = Step::Kind::kCall;
  s.request.action = action;
  s.request.envelope.version = std::string(version);
  return s;
}

}  // namespace

Step SequenceDecoder::create(const Gene& g, std::optional<std::size_t> guided_slot) const {
  Step s = call("CreateDiskReplicaPair");
  if (regions_.size() < 2) {
    s.request.params = {{"RegionId", regions_.empty() ? "cn-nowhere" : regions_[0].id}};
    return s;
  }
  // Mostly the first region towards the second; sometimes the other way round.
  const Region& src = regions_[g.variant % 4 == 3 ? 1 : 0];
  const Region& dst = regions_[g.variant % 4 == 3 ? 0 : 1];
  // A guided Create gives pair N the N-th disk of each region, so that guided Attach calls can
  // name its disks; an unguided one picks any.
  const std::size_t si = guided_slot ? *guided_slot : g.slot,
                    di = guided_slot ? *guided_slot : g.extra;
  // Index each region's disks by its own count: regions of a lease can differ in size.
  const Region& from = guided_slot ? regions_[0] : src;
  const Region& to = guided_slot ? regions_[1] : dst;
  const model::DiskFixture& sd = from.disks[si % from.disks.size()];
  const model::DiskFixture& dd = to.disks[di % to.disks.size()];
  std::string dest_disk = dd.disk_id, dest_region = dd.region_id, dest_zone = dd.zone_id;
  std::string zone = sd.zone_id;
  switch (g.extra % 16) {  // O1 checks: same region, unknown disk, wrong zone
    case 13:
      dest_disk = src.disks[(g.slot + 1) % src.disks.size()].disk_id;
      dest_region = sd.region_id;
      dest_zone = sd.zone_id;
      break;
    case 14:
      dest_disk = "d-unknown-0001";
      break;
    case 15:
      zone = dd.zone_id;
      break;
    default:
      break;
  }
  s.request.params = {{"RegionId", sd.region_id},       {"SourceZoneId", zone},
                      {"DiskId", sd.disk_id},           {"DestinationRegionId", dest_region},
                      {"DestinationZoneId", dest_zone}, {"DestinationDiskId", dest_disk}};
  if (g.variant % 8 >= 6)
    s.request.params.emplace_back("PairName", "pc-pair-" + std::to_string(g.slot % 3));
  if (g.variant % 16 == 5) s.request.params.emplace_back("Bandwidth", "20480");
  return s;
}

Step SequenceDecoder::pair_call(const Choice& c, const std::string& action) const {
  Step s = call(action);
  s.request.params = {{"RegionId", c.region},
                      {"ReplicaPairId", "{pair:" + std::to_string(c.slot) + "}"}};
  return s;
}

Step SequenceDecoder::guided_disk_call(const Choice& c, const Guide& guide,
                                       const std::string& action) const {
  if (regions_.size() < 2) return call(action, model::kEcsVersion);
  // Before the pair exists (or while it is only created): its destination-to-be; once failed
  // over: its current source.
  const bool failed_over = guide.phase(c.slot) == Phase::kFailovered;
  const bool dest_standby = guide.destination_is_standby(c.slot);
  const Region& r = regions_[failed_over == dest_standby ? 0 : 1];
  Step s = call(action, model::kEcsVersion);
  const std::string instance = r.instances.empty() ? "i-unknown-0001" : r.instances[0].instance_id;
  s.request.params = {{"InstanceId", instance},
                      {"DiskId", r.disks[c.slot % r.disks.size()].disk_id}};
  return s;
}

Step SequenceDecoder::disk_call(const Gene& g, const std::string& action) const {
  Step s = call(action, model::kEcsVersion);
  if (regions_.empty()) return s;
  const Region& r = regions_[g.side % std::min<std::size_t>(regions_.size(), 2)];
  const std::string instance = r.instances.empty()
                                   ? "i-unknown-0001"
                                   : r.instances[g.extra % r.instances.size()].instance_id;
  const std::string disk =
      g.variant % 8 == 7 ? "d-unknown-0001" : r.disks[g.slot % r.disks.size()].disk_id;
  s.request.params = {{"InstanceId", instance}, {"DiskId", disk}};
  return s;
}

Step SequenceDecoder::describe(const Gene& g, const Choice& c,
                               const std::vector<Step>& done) const {
  Step s = call("DescribeDiskReplicaPairs");
  s.request.params = {{"RegionId", c.region}};
  if (c.op == Op::kDescribePage) {  // O9 paging: a first page of one, then the page after the last
    s.request.params.emplace_back("MaxResults", "1");
    const bool paging = std::any_of(done.begin(), done.end(), [](const Step& d) {
      return model::find_param(d.request.params, "MaxResults").has_value();
    });
    if (paging && g.variant % 4 != 0) s.request.params.emplace_back("NextToken", "{next}");
    if (c.region.starts_with("{standby:")) s.request.params.emplace_back("Site", "backup");
    return s;
  }
  switch (g.variant % 8) {
    case 1:
      s.request.params.emplace_back("Site", "backup");
      break;
    case 2:
      s.request.params.emplace_back("Site", "production");
      break;
    case 3:
      s.request.params.emplace_back("PairIds", "{pair:" + std::to_string(c.slot) + "}");
      break;
    case 4:
      s.request.params.emplace_back("MaxResults", "1");
      break;
    case 5:  // follow the previous page (O9: every pair exactly once over the pages)
      s.request.params.emplace_back("MaxResults", "1");
      s.request.params.emplace_back("NextToken", "{next}");
      break;
    case 6:
      s.request.params.emplace_back("PageSize", "1");
      s.request.params.emplace_back("PageNumber", std::to_string(1 + g.extra % 3));
      break;
    default:
      break;
  }
  return s;
}

void SequenceDecoder::apply_token(Step& s, const Gene& g, std::size_t index,
                                  const std::vector<Step>& done) const {
  std::string token = "{tok:" + std::to_string(index) + "}";
  switch (g.token % 8) {
    case 1:
      return;  // no token
    case 2:
    case 3: {  // the last token used: a replay (I1) or a mismatch (I2)
      for (auto it = done.rbegin(); it != done.rend(); ++it) {
        if (auto t = model::find_param(it->request.params, "ClientToken")) {
          token = *t;
          break;
        }
      }
      break;
    }
    case 4:
      token = std::string(65, 't');
      break;  // P3: too long
    case 5:
      token = "tok\x01\xc3\xa9";
      break;  // P3: not printable ASCII
    default:
      break;
  }
  model::requests::set_param(s.request, "ClientToken", token);
}

void SequenceDecoder::apply_mutation(Step& s, const Gene& g) const {
  auto& params = s.request.params;
  if (params.empty()) return;
  const std::size_t victim = g.extra % params.size();
  switch (g.mutation % 24) {
    case 16:
      params.erase(params.begin() + static_cast<std::ptrdiff_t>(victim));
      break;  // P1
    case 17:
      params[victim].second.clear();
      break;  // P1/P2
    case 18:
      params[victim].second.assign(4096, 'x');
      break;  // oversized
    case 19:
      params[victim].second = "\xff\xfe\x80";
      break;  // non-UTF-8
    case 20:  // P2: wrong type
      model::requests::set_param(
          s.request, s.request.action == "DescribeDiskReplicaPairs" ? "MaxResults" : "OneShot",
          "yes");
      break;
    case 21:
      params.emplace_back("UnknownExtra", "1");
      break;  // P4: ignored
    case 22:
      model::requests::set_param(s.request, "PairName",
                                 g.extra % 2 ? "1starts-with-digit" : "http://x");
      break;
    case 23:
      model::requests::set_param(s.request, "RPO", g.extra % 2 ? "900" : "60");
      break;
    default:
      break;
  }
}

void SequenceDecoder::apply_envelope(Step& s, const Gene& g, std::size_t index) const {
  model::Envelope& e = s.request.envelope;
  e.nonce = "{nonce:" + std::to_string(index) + "}";
  switch (g.envelope % 41) {
    case 28:
      if (!readonly_keys_.empty())
        e.access_key_id = readonly_keys_[g.extra % readonly_keys_.size()];
      break;
    case 29:
      e.signature = model::SignatureFault::kWrongSecret;
      break;
    case 30:
      e.signature = model::SignatureFault::kMissing;
      break;
    case 31:
      e.access_key_id = "ak-nobody";
      break;
    case 32:
      e.method = g.extra % 2 ? "PUT" : "DELETE";
      break;
    case 33:
      e.version = g.extra % 2 ? "2019-01-01" : "";
      break;
    case 34:
      e.timestamp_offset_s = g.extra % 2 ? 1200 : -1200;
      break;
    case 35:
      e.timestamp = model::TimestampState::kUnparsable;
      break;
    case 36:  // G8: the previous step's nonce again
      if (index > 0) {
        e.nonce = "{nonce:" + std::to_string(index - 1) + "}";
        e.nonce_reused = false;  // the model decides from its own nonce ledger
      }
      break;
    case 37:
      e.signature = model::SignatureFault::kMalformedAuthorization;
      break;
    case 38:
      e.method = "GET";
      break;
    case 39:
      e.format = g.extra % 2 ? "json" : "YAML";
      break;
    case 40:
      s.request.action += "s";
      break;  // G9: an action the API does not have
    default:
      break;
  }
}

}  // namespace paircheck::properties
