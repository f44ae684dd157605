// Property: every request sequence the bytes decode to (properties/gene.hpp, 8 bytes a step) gets
// only responses the model allows: run on a clean target, judged by a fresh BeliefSet. A
// divergence prints the sequence and the verdict, then traps. The model's coverage (status before
// x operation x code) feeds libFuzzer's extra counters (fuzz/model_coverage.hpp), so the search
// is guided by the contract even against a black-box HTTP endpoint (PAIRCHECK_TARGET=URL).
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "fuzz/sequence_target.hpp"
#include "harness/sequence.hpp"

namespace paircheck::fuzz {
namespace {

void print_divergence(const harness::Sequence& sequence, const harness::SequenceResult& result) {
  std::fprintf(stderr, "\n=== paircheck divergence (%s) ===\n",
               sequence_runner().describe().c_str());
  for (std::size_t i = 0; i < sequence.size(); ++i) {
    std::fprintf(stderr, "%s%zu. %s\n", i == result.failing_step ? "=>" : "  ", i + 1,
                 harness::show(sequence[i]).c_str());
  }
  if (result.failure) std::fprintf(stderr, "verdict: %s\n", result.failure->message.c_str());
  std::fprintf(stderr, "%s\n", result.target_error.c_str());
}

}  // namespace
}  // namespace paircheck::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using paircheck::harness::SequenceResult;
  paircheck::harness::Sequence sequence;
  const SequenceResult result = paircheck::fuzz::sequence_runner().run(data, size, sequence);
  if (result.status == SequenceResult::Status::kNonConformant) {
    paircheck::fuzz::print_divergence(sequence, result);
    __builtin_trap();
  }
  if (result.status == SequenceResult::Status::kTargetError) {
    std::fprintf(stderr, "fuzz_sequence: target error: %s\n", result.target_error.c_str());
  }
  return 0;
}
