// Random request histories for properties, bench and fuzzing: a deterministic map from a few
// random words to a request over the universe's disks and the pair IDs the judge knows.
// Exercises G, P, I (shared token pool), O1-O10 and X1-X2; time is the caller's.
#pragma once

#include <array>
#include <cstdint>

#include "models/belief_set.hpp"

namespace paircheck::model {

using RequestWords = std::array<std::uint32_t, 4>;

// The request `words` pick, at virtual time `now_ms` (a point interval).
Request make_request(const BeliefSet& judge, const RequestWords& words, std::int64_t now_ms);

// A small deterministic generator (splitmix64), for programs that want a stream of words.
class WordStream {
 public:
  explicit WordStream(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  RequestWords words();

 private:
  std::uint64_t state_;
};

}  // namespace paircheck::model
