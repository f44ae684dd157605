// Leases (harness/lease.hpp): clients sharing one account never share a disk, and a Describe
// answer is projected onto a lease before its model judges it.
#include "harness/lease.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "harness/universe.hpp"
#include "properties/gene.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::harness {
namespace {

model::Universe fixture(const char* name) {
  return universe_from(
      protocol::load_fixtures(std::string(PAIRCHECK_SOURCE_DIR) + "/fixtures/" + name));
}

TEST(Lease, FixturesAllowTwoDisksInTwoRegionsPerLease) {
  EXPECT_EQ(max_leases(fixture("default.json")), 2u);  // 4 Hangzhou and 4 Shanghai disks
  EXPECT_EQ(max_leases(fixture("clients.json")), 6u);  // issue 12: six clients fit
}

TEST(Lease, LeasesNeverShareADiskAndEachSpansTwoRegions) {
  const model::Universe u = fixture("clients.json");
  for (std::size_t n = 1; n <= max_leases(u); ++n) {
    std::vector<Lease> leases = make_leases(u, n);
    ASSERT_EQ(leases.size(), n);
    std::set<std::string> seen;
    std::size_t dealt = 0;
    for (const Lease& lease : leases) {
      std::map<std::string, int> per_region;
      for (const auto& d : lease.universe.disks) {
        EXPECT_TRUE(seen.insert(d.disk_id).second) << d.disk_id << " dealt twice";
        EXPECT_TRUE(lease.mine.contains(d.disk_id));
        ++per_region[d.region_id];
        ++dealt;
      }
      int regions_with_two = 0;
      for (const auto& [region, count] : per_region) regions_with_two += count >= 2 ? 1 : 0;
      EXPECT_GE(regions_with_two, 2) << "lease " << lease.number << " of " << n;
      EXPECT_FALSE(lease.universe.instances.empty());
      EXPECT_EQ(lease.universe.identities.size(), u.identities.size());
    }
    EXPECT_EQ(dealt, u.disks.size());
  }
}

// Every disk a lease's generated sequences name is the lease's own (or no fixture's: an unknown
// ID on purpose), whatever the genes; regions of a lease differ in size (ASan found a decoder that
// indexed one region's disks by another's count).
TEST(Lease, GeneratedRequestsNameOnlyTheLeasesDisks) {
  for (const char* name : {"default.json", "clients.json"}) {
    const model::Universe u = fixture(name);
    for (std::size_t n = 1; n <= max_leases(u); ++n) {
      for (const Lease& lease : make_leases(u, n)) {
        const properties::SequenceDecoder decoder(lease.universe);
        std::mt19937 rng(static_cast<unsigned>(n * 31 + lease.number));
        for (int round = 0; round < 300; ++round) {
          std::vector<std::uint8_t> bytes(8 * 12);
          for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
          for (const harness::Step& step : decoder.decode(
                   properties::SequenceDecoder::genes_from_bytes(bytes.data(), bytes.size()))) {
            for (const auto& [param, value] : step.request.params) {
              if (param != "DiskId" && param != "DestinationDiskId") continue;
              EXPECT_TRUE(lease.mine.contains(value) || !lease.fixture.contains(value))
                  << name << " lease " << lease.number << " of " << n << " names " << value;
            }
          }
        }
      }
    }
  }
}

model::ObservedPair listed(const std::string& id, const std::string& source,
                           const std::string& destination) {
  model::ObservedPair p;
  p.replica_pair_id = id;
  p.status = "normal";
  p.source_disk_id = source;
  p.destination_disk_id = destination;
  return p;
}

TEST(Lease, ProjectionKeepsTheLeasesPairsAndForgetsTheCount) {
  std::vector<Lease> leases = make_leases(fixture("clients.json"), 2);
  const std::string mine = leases[0].universe.disks.front().disk_id;
  const std::string theirs = leases[1].universe.disks.front().disk_id;
  model::Observed o;
  o.http_status = 200;
  o.pairs = {listed("pair-a", mine, "d-x"), listed("pair-b", theirs, "d-y"),
             listed("pair-c", "d-nobody", "d-nowhere")};
  o.total_count = 3;
  model::Observed ignored = o;
  Projection p = project(leases[0], model::Request{}, ignored);
  ASSERT_EQ(ignored.pairs.size(), 1u);
  EXPECT_EQ(ignored.pairs[0].replica_pair_id, "pair-a");
  EXPECT_EQ(p.dropped, 2u);
  EXPECT_TRUE(p.complete);
  EXPECT_FALSE(ignored.partial);
  EXPECT_FALSE(ignored.total_count.has_value());

  leases[0].foreign = ForeignPairs::kReport;  // a pair on no lease's disks stays, to be judged
  model::Observed reported = o;
  project(leases[0], model::Request{}, reported);
  ASSERT_EQ(reported.pairs.size(), 2u);
  EXPECT_EQ(reported.pairs[1].replica_pair_id, "pair-c");
}

TEST(Lease, OnePageOfSeveralIsJudgedOnlyForWhatItLists) {
  std::vector<Lease> leases = make_leases(fixture("clients.json"), 2);
  model::Observed o;
  o.http_status = 200;
  o.pairs = {listed("pair-a", leases[0].universe.disks.front().disk_id, "d-x")};
  o.total_count = 12;  // eleven more on other pages
  EXPECT_FALSE(project(leases[0], model::Request{}, o).complete);
  EXPECT_TRUE(o.partial);
  model::Request walk;
  walk.action = "DescribeDiskReplicaPairs";
  walk.params = {{"RegionId", "cn-hangzhou"}, {"MaxResults", "1"}};
  model::Observed token_page;
  token_page.http_status = 200;
  token_page.next_token = "t1";
  token_page.total_count = 12;
  project(leases[0], walk, token_page);
  EXPECT_TRUE(token_page.partial);
}

TEST(Lease, AWalksLastPageMustListTheLeasesRemainingPairs) {
  // No NextToken back: no page follows, so every pair of the lease the walk has not listed yet
  // must be on this one (describe-skips-pair is found with several clients), whatever the
  // other leases' pairs on the account (TotalCount 12).
  std::vector<Lease> leases = make_leases(fixture("clients.json"), 2);
  model::Request walk;
  walk.action = "DescribeDiskReplicaPairs";
  walk.params = {{"RegionId", "cn-hangzhou"}, {"MaxResults", "1"}, {"NextToken", "t1"}};
  model::Observed last;
  last.http_status = 200;
  last.pairs = {listed("pair-a", leases[0].universe.disks.front().disk_id, "d-x")};
  last.total_count = 12;
  EXPECT_TRUE(project(leases[0], walk, last).complete);
  EXPECT_FALSE(last.partial);
  EXPECT_FALSE(last.total_count.has_value());
  model::Observed numbered = last;  // the same answer to PageNumber paging: one page of several
  numbered.total_count = 12;
  EXPECT_FALSE(project(leases[0], model::Request{}, numbered).complete);
}

}  // namespace
}  // namespace paircheck::harness
