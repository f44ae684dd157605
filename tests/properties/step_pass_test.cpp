// The step pass after the gene shrink (SearchOptions::step_pass_race_tries, docs/harness.md
// "Shrinking"): a gene decodes in the context of the genes before it, so a step that does not
// matter can survive the gene shrink. After the pass, every step but the failing one is needed:
// the sequence without it runs without the same failure.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "harness/run_sequence.hpp"
#include "properties/search.hpp"
#include "tests/properties/fault_rig.hpp"

namespace paircheck::properties {
namespace {

using Rig = FaultRig;

Finding shrunk(Rig& rig, std::uint64_t seed, std::size_t tries) {
  SequenceDecoder decoder(rig.universe);
  SearchOptions o;
  o.seed = seed;
  o.sequences = 2000;
  o.max_findings = 1;
  o.stop_at_max_findings = true;
  o.step_pass_race_tries = tries;
  const SearchReport report = search(decoder, o, [&](const auto& s, bool) { return rig.run(s); });
  EXPECT_EQ(report.findings.size(), 1u);
  return report.findings.empty() ? Finding{} : report.findings.front();
}

bool same_failure(const harness::SequenceResult& r, const std::string& key) {
  return r.status == harness::SequenceResult::Status::kNonConformant && r.failure &&
         r.failure->key && r.failure->key->str() == key;
}

// Whether the gene shrink leaves a step it does not need depends on what the seed generates, so
// after the first two faults the test walks on (faults, then seeds) only until the pass has left a
// step out at least once (measured with the pass off and on); every finding on the way must keep
// only needed steps. (Walking all four at once took 113 s of CI's sanitized suite.)
TEST(StepPass, EveryStepLeftIsNeededAndTheSequenceIsNoLonger) {
  std::size_t shorter = 0;
  for (std::uint64_t seed = 1; seed <= 4 && shorter == 0; ++seed) {
    std::size_t tried = 0;
    for (const char* fault : {"start-ignores-status", "no-manual-sync-cooldown",
                              "reprotect-keeps-direction", "deleted-pairs-listed"}) {
      if (tried++ >= 2 && shorter > 0) break;
      Rig off_rig(fault), on_rig(fault), check(fault);
      const Finding off = shrunk(off_rig, seed, 0);
      const Finding on = shrunk(on_rig, seed, 3);
      ASSERT_FALSE(on.minimal.empty()) << fault;
      EXPECT_EQ(on.key, off.key) << fault;
      EXPECT_LE(on.minimal.size(), off.minimal.size()) << fault;
      EXPECT_EQ(off.step_pass_runs, 0u) << fault;
      shorter += on.minimal.size() < off.minimal.size();
      EXPECT_TRUE(same_failure(check.run(on.minimal), on.key))
          << fault << ": minimal does not fail";
      for (std::size_t i = 0; i + 1 < on.minimal.size(); ++i) {
        harness::Sequence without = on.minimal;
        without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
        EXPECT_FALSE(same_failure(check.run(without), on.key))
            << fault << ": step " << i + 1 << " of " << on.minimal.size() << " is not needed";
      }
      std::printf("[step pass] seed %llu %s: %zu steps -> %zu (%zu runs)\n",
                  static_cast<unsigned long long>(seed), fault, off.minimal.size(),
                  on.minimal.size(), on.step_pass_runs);
    }
  }
  EXPECT_GT(shorter, 0u) << "the step pass never left a step out";
}

}  // namespace
}  // namespace paircheck::properties
