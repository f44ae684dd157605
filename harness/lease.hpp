// Leases (harness.md "Many clients, one account"): N clients share ONE target account, each owning
// a share of the fixture's disks and instances, and everything it creates from them. No request of
// one lease can change what another lease's requests observe (a pair is made of two disks; tokens
// and nonces are per client), so each lease is judged on its own belief set over its own universe.
// Reads that span leases (DescribeDiskReplicaPairs lists a whole region) are projected onto the
// lease before the model sees them.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "models/observed.hpp"
#include "models/request.hpp"
#include "models/universe.hpp"

namespace paircheck::harness {

// What a Describe projection does with a listed pair on disks no lease of the run holds.
enum class ForeignPairs : std::uint8_t {
  kIgnore,  // drop it (an account with other users' pairs)
  kReport,  // keep it: the lease's model knows no such pair, so the answer is judged O9
};

struct Lease {
  std::size_t number = 0;
  model::Universe universe;       // the fixture with only this lease's disks and instances
  std::set<std::string> mine;     // disk IDs of this lease
  std::set<std::string> fixture;  // disk IDs of every lease (the whole fixture)
  ForeignPairs foreign = ForeignPairs::kIgnore;
};

// Deals the fixture's disks and instances to n leases, round-robin within each region, so each
// lease gets the same mix of regions and zones. Needs n <= max_leases(universe).
std::vector<Lease> make_leases(const model::Universe& universe, std::size_t n);

// How many leases the fixture allows: each lease holds two disks in each of two regions (a
// replica pair spans two regions; the second disk lets a lease create another pair beside it).
std::size_t max_leases(const model::Universe& universe);

// What a projection did to one answer.
struct Projection {
  std::size_t dropped = 0;  // pairs of other leases (or foreign ones, ignored) taken out
  bool complete = true;     // the answer listed every pair of the query (one page, no more)
};

// Projects a DescribeDiskReplicaPairs answer onto the lease: keeps the pairs with a disk of the
// lease (and, with ForeignPairs::kReport, pairs on disks of no lease); TotalCount is not judged;
// when the answer was one page of several, only the items listed are judged (Observed::partial).
// A NextToken walk's last page (no NextToken back) is complete: it must list every pair of the
// lease the walk's earlier pages did not, so a walk that skips one of them is found (O9).
Projection project(const Lease& lease, const model::Request& request, model::Observed& observed);

}  // namespace paircheck::harness
