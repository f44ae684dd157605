#include "harness/preflight.hpp"

#include <algorithm>
#include <set>

#include "models/json_io.hpp"
#include "models/requests.hpp"

namespace paircheck::harness {
namespace {

constexpr int kPageSize = 100;  // the contract's most (§3)
constexpr int kMostPages = 100;

// What came back, for a line that says why the run cannot start.
std::string what_came_back(const WireResult& wire, const model::Observed& o) {
  std::string out = std::to_string(wire.status);
  if (wire.body.empty()) return out + " with an empty body";
  // Its first 80 bytes on one line, each run of blanks as one space.
  std::string body;
  for (const char c : wire.body.substr(0, 80)) {
    const bool blank = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!blank) {
      body += c;
    } else if (!body.empty() && body.back() != ' ') {
      body += ' ';
    }
  }
  return out + " with a body that is not the contract's (" +
         (o.shape_error.empty() ? std::string("no TotalCount") : o.shape_error) + "): '" + body +
         (wire.body.size() > 80 ? "...'" : "'");
}

struct Listing {
  std::string error;
  bool refused = false;  // the error is a well-formed contract error: the API, saying no
  std::vector<model::ObservedPair> pairs;  // every pair listed in the fixture's regions
};

// Every pair the target lists in each fixture region, page by page. The first answer in each
// region is the API check: a 200 with the shape the model reads.
Listing list_pairs(Target& target, const model::Universe& universe) {
  Listing out;
  std::vector<std::string> regions;
  for (const model::DiskFixture& d : universe.disks) {
    if (std::find(regions.begin(), regions.end(), d.region_id) == regions.end()) {
      regions.push_back(d.region_id);
    }
  }
  for (const std::string& region : regions) {
    std::size_t seen = 0;
    for (int page = 1; page <= kMostPages; ++page) {
      model::Request r = model::requests::describe(region);
      model::requests::set_param(r, "PageSize", std::to_string(kPageSize));
      model::requests::set_param(r, "PageNumber", std::to_string(page));
      const WireResult wire = target.send(r);
      const std::string asked = "DescribeDiskReplicaPairs in " + region;
      if (!wire.ok()) {
        out.error = asked + " got no answer: " + wire.detail;
        return out;
      }
      const model::Observed o = model::parse_observed(r.action, wire.status, wire.body);
      if (wire.status >= 400 && (o.code == "InvalidVersion" || o.code == "NoSuchVersion")) {
        out.refused = true;  // G10: the only place a target says which API version it serves
        out.error = "answers for another API version: " + asked +
                    " with Version=" + r.envelope.version.value_or("") +
                    " was refused: " + std::to_string(wire.status) + " " + o.code + " (G10)";
        return out;
      }
      if (wire.status >= 400 && !o.code.empty() && o.shape_error.empty()) {
        out.refused = true;  // a wrong key, a missing permission, a region it does not serve
        out.error = asked + " was refused: " + std::to_string(wire.status) + " " + o.code +
                    (o.message.empty() ? "" : ": " + o.message);
        return out;
      }
      if (wire.status != 200 || !o.code.empty() || !o.shape_error.empty() || !o.total_count) {
        out.error = asked + " got " + what_came_back(wire, o);
        return out;
      }
      for (model::ObservedPair p : o.pairs) {
        if (!p.source_region) p.source_region = region;  // Site=production: listed at its source
        out.pairs.push_back(std::move(p));
      }
      seen += o.pairs.size();
      if (o.pairs.empty() || seen >= static_cast<std::size_t>(*o.total_count)) break;
    }
  }
  return out;
}

// The listed pairs on the fixture's disks (not deleted), each once.
std::vector<model::ObservedPair> leftovers(const Listing& listing,
                                           const model::Universe& universe) {
  std::vector<model::ObservedPair> out;
  std::set<std::string> ids;
  for (const model::ObservedPair& p : listing.pairs) {
    const bool ours = universe.disk(p.source_disk_id.value_or("")) != nullptr ||
                      universe.disk(p.destination_disk_id.value_or("")) != nullptr;
    if (ours && p.status != "deleted" && ids.insert(p.replica_pair_id).second) out.push_back(p);
  }
  return out;
}

// One line: "pair-x (stopped, d-1 -> d-2), ...".
std::string describe_pairs(const std::vector<model::ObservedPair>& pairs) {
  std::string out;
  for (const model::ObservedPair& p : pairs) {
    out += (out.empty() ? "" : ", ") + p.replica_pair_id + " (" + p.status + ", " +
           p.source_disk_id.value_or("?") + " -> " + p.destination_disk_id.value_or("?") + ")";
  }
  return out;
}

}  // namespace

PreflightResult preflight(Target& target, const model::Universe& universe,
                          const PreflightOptions& options) {
  PreflightResult result;
  const std::string url = target.describe();
  Listing listing = list_pairs(target, universe);
  if (!listing.error.empty()) {
    result.error = url + (listing.refused ? ": " : " does not speak the API: ") + listing.error;
    return result;
  }
  // A target the run can reset (a URL with its control token) is put back to the fixture's
  // initial state before its first sequence: leftovers there are not in the run's way.
  if (target.can_reset()) return result;
  std::vector<model::ObservedPair> left = leftovers(listing, universe);
  if (!options.clean_start) {
    if (!left.empty()) {
      result.error = url + " already holds " + std::to_string(left.size()) +
                     " pair(s) on fixture disks, left over from an earlier run or replay: " +
                     describe_pairs(left) +
                     "; the model starts from none (pass --clean-start to delete them first)";
    }
    return result;
  }
  std::vector<CreatedPair> pairs;
  pairs.reserve(left.size());
  for (const model::ObservedPair& p : left) {
    pairs.push_back(
        {p.replica_pair_id, p.source_region.value_or(""), p.destination_region.value_or("")});
  }
  // An attached fixture disk is as much a leftover (the model starts with every disk detached),
  // and no call lists attachments: detach each from each instance of its region.
  std::vector<Attachment> attachments;
  for (const model::DiskFixture& d : universe.disks) {
    for (const model::InstanceFixture& i : universe.instances) {
      if (i.region_id == d.region_id) attachments.push_back({i.instance_id, d.disk_id});
    }
  }
  CleanupResult cleaned = clean_up(target, pairs, attachments, options.cleanup);
  result.released = cleaned.released;
  if (!cleaned.failed.empty()) {
    std::string failed;
    for (const std::string& line : cleaned.failed) failed += (failed.empty() ? "" : "; ") + line;
    result.error = "--clean-start could not release what " + url + " holds: " + failed;
    return result;
  }
  listing = list_pairs(target, universe);
  if (listing.error.empty() && !(left = leftovers(listing, universe)).empty()) {
    listing.error = "still listed after --clean-start: " + describe_pairs(left);
  }
  if (!listing.error.empty()) result.error = url + ": " + listing.error;
  return result;
}

}  // namespace paircheck::harness
