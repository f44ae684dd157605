// Shrinking a batch of candidates at once (SearchOptions::shrink_batch, the clients' leases): the
// first candidate of a batch, in shrink order, that fails the same way is the one one-at-a-time
// shrinking takes, so the minimal sequence is the same, found in fewer rounds.
#include <gtest/gtest.h>

#include <vector>

#include "harness/run_sequence.hpp"
#include "properties/search.hpp"
#include "tests/properties/fault_rig.hpp"

namespace paircheck::properties {
namespace {

struct Rig : FaultRig {
  Rig() : FaultRig("start-ignores-status") {}
};

SearchOptions options() {
  SearchOptions o;
  o.seed = 3;
  o.sequences = 2000;
  o.max_findings = 1;
  o.stop_at_max_findings = true;
  return o;
}

TEST(ShrinkBatch, TakesTheCandidateOneAtATimeWouldTake) {
  Rig one;
  SequenceDecoder decoder(one.universe);
  const SearchReport sequential =
      search(decoder, options(), [&](const auto& s, bool) { return one.run(s); });
  ASSERT_EQ(sequential.findings.size(), 1u);

  Rig batched;
  SearchOptions o = options();
  o.shrink_width = 4;
  std::vector<std::size_t> widths;
  std::size_t chosen_later = 0;  // batches whose answer was not their first candidate
  o.shrink_batch = [&](const std::vector<std::vector<Gene>>& candidates,
                       const std::function<bool(const harness::SequenceResult&)>& same) {
    widths.push_back(candidates.size());
    BatchOutcome out;
    // Every candidate runs (as on four leases at once); the first same failure is the answer.
    std::vector<harness::SequenceResult> results;
    for (const auto& genes : candidates) results.push_back(batched.run(decoder.decode(genes)));
    out.runs = results.size();
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (same(results[i])) {
        out.chosen = i;
        out.result = results[i];
        out.sequence = decoder.decode(candidates[i]);
        chosen_later += i > 0;
        break;
      }
    }
    return out;
  };
  const SearchReport report =
      search(decoder, o, [&](const auto& s, bool) { return batched.run(s); });
  ASSERT_EQ(report.findings.size(), 1u);
  const Finding& a = sequential.findings[0];
  const Finding& b = report.findings[0];
  EXPECT_EQ(b.key, a.key);
  EXPECT_EQ(b.genes, a.genes);  // the same minimal sequence
  EXPECT_EQ(harness::to_json(b.minimal), harness::to_json(a.minimal));
  EXPECT_EQ(b.shrink, Finding::Shrink::kDone);
  ASSERT_FALSE(widths.empty());
  EXPECT_EQ(*std::max_element(widths.begin(), widths.end()), 4u);
  EXPECT_GT(chosen_later, 0u) << "no batch ever needed more than its first candidate";
  // Fewer rounds: each batch is one round of four runs at once.
  EXPECT_LT(widths.size(), a.shrink_runs);
  std::printf("[shrink] one at a time: %zu runs; in batches of 4: %zu rounds, %zu runs\n",
              a.shrink_runs, widths.size(), b.shrink_runs);
}

}  // namespace
}  // namespace paircheck::properties
