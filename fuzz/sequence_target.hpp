#pragma once
// What fuzz_sequence runs against, chosen once per process from the environment:
//   PAIRCHECK_TARGET=URL (+ PAIRCHECK_CONTROL_TOKEN=T)  an HTTP endpoint, guided by model coverage
//   otherwise                                         the emulator linked in (InProcessTarget)
//   PAIRCHECK_EMULATOR_FAULTS=a,b                      in-process only: emulator fault switches
//   PAIRCHECK_FUZZ_FRESH_TARGET=0                      reset one InProcessTarget between inputs
//                                                     instead of a new one per input (the default:
//                                                     as fast, deterministic, and no state growth
//                                                     for LeakSanitizer to scan after every input)
#include <cstdint>
#include <memory>
#include <string>

#include "harness/run_sequence.hpp"
#include "harness/target.hpp"
#include "models/profile.hpp"
#include "models/universe.hpp"
#include "properties/gene.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::fuzz {

class SequenceRunner {
 public:
  SequenceRunner();  // reads the environment; a bad value prints one line and exits 2
  // Decodes the bytes into a sequence and runs it on a clean target with a fresh belief set.
  harness::SequenceResult run(const std::uint8_t* data, std::size_t size,
                              harness::Sequence& sequence);
  const std::string& describe() const { return description_; }

 private:
  std::unique_ptr<harness::Target> make_inprocess() const;

  protocol::Fixtures fixtures_;
  model::Universe universe_;
  model::Profile profile_;
  properties::SequenceDecoder decoder_;
  harness::RunOptions options_;
  std::string url_, control_token_, description_;
  std::vector<std::string> faults_;
  bool fresh_ = true;
  std::unique_ptr<harness::Target> target_;
  std::uint64_t executions_ = 0;
};

// The one runner of this process.
SequenceRunner& sequence_runner();

}  // namespace paircheck::fuzz
