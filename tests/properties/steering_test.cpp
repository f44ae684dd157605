// Steering (properties/steering.hpp, harness.md "Steering"): the search runs, of K drawn gene
// vectors, the one predicted to visit the most reachable cells not visited yet.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "emulator/service.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "models/belief_set.hpp"
#include "models/cells.hpp"
#include "properties/search.hpp"
#include "properties/steering.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::properties {
namespace {

struct Bench {
  protocol::Fixtures fixtures = protocol::default_fixtures();
  model::Universe universe = harness::universe_from(fixtures);
  std::set<std::string> reachable =
      model::reachable_cells(model::default_profile(), universe, model::RunAbilities{});

  harness::SequenceResult run(const harness::Sequence& sequence) const {
    harness::InProcessTarget target({}, fixtures, harness::SignatureVersion::kV3, 1);
    model::BeliefSet beliefs(universe, model::default_profile());
    return harness::run_sequence(target, beliefs, sequence, {});
  }

  // A search of `sequences` sequences with `k` candidates each; what it ran and visited.
  struct Outcome {
    std::vector<std::string> sequences;  // each generated sequence, as JSON
    std::set<std::string> visited;
  };
  Outcome search(std::size_t k, std::uint64_t seed, std::size_t sequences) const {
    Steering steering(reachable);
    SearchOptions options;
    options.seed = seed;
    options.sequences = sequences;
    options.steer_candidates = k;
    options.steering = &steering;
    Outcome out;
    auto execute = [&](const harness::Sequence& s, bool shrinking) {
      if (!shrinking)
        out.sequences.push_back(
            harness::to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      harness::SequenceResult r = run(s);
      if (!shrinking) {
        for (const auto& record : r.records) {
          for (std::string& c : model::cells_of(record)) {
            if (reachable.contains(c)) out.visited.insert(std::move(c));
          }
        }
      }
      return r;
    };
    const SearchReport report = properties::search(SequenceDecoder(universe), options, execute);
    EXPECT_TRUE(report.findings.empty()) << report.findings.front().key;
    return out;
  }
};

TEST(Steering, ScoreDropsOnceWhatASequenceVisitsIsRecorded) {
  const Bench bench;
  const SequenceDecoder decoder(bench.universe);
  std::vector<Gene> genes(8, SequenceDecoder::unguided(Op::kCreate));
  genes[1] = SequenceDecoder::unguided(Op::kSettle);
  genes[2] = SequenceDecoder::unguided(Op::kStop);
  genes[3] = SequenceDecoder::unguided(Op::kReplay);
  std::vector<Phase> phases;
  const harness::Sequence sequence = decoder.decode(genes, &phases);
  ASSERT_EQ(phases.size(), sequence.size());
  Steering steering(bench.reachable);
  const double before = steering.score(sequence, phases);
  EXPECT_GT(before, 10);  // forms of every parameter, token situations, statuses
  steering.visit(bench.run(sequence));
  EXPECT_GT(steering.visited(), 0u);
  EXPECT_LT(steering.score(sequence, phases), before / 2);
}

TEST(Steering, ASeedFixesASteeredSearch) {
  const Bench bench;
  const auto a = bench.search(4, 11, 40);
  const auto b = bench.search(4, 11, 40);
  EXPECT_EQ(a.sequences, b.sequences);
  EXPECT_EQ(a.visited, b.visited);
}

// Evidence that steering does what it is for, from one fixed seed: the same budget with four
// candidates per sequence visits more reachable cells than without steering.
TEST(Steering, SteeredSearchVisitsMoreCellsThanUnsteered) {
  const Bench bench;
  const auto plain = bench.search(1, 11, 200);
  const auto steered = bench.search(4, 11, 200);
  EXPECT_GT(steered.visited.size(), plain.visited.size());
  std::cout << "cells visited of " << bench.reachable.size() << " reachable: unsteered "
            << plain.visited.size() << ", steered " << steered.visited.size() << "\n";
}

// Step-wise steering (odd sequences) decodes a gene as the next step with a cursor; what the
// cursor peeks must be what decode() makes of the same genes, or steering would score one
// sequence and run another.
TEST(Steering, CursorPeeksWhatDecodeMakes) {
  const Bench bench;
  const SequenceDecoder decoder(bench.universe);
  rc::Random random(7);
  const auto genes = rc::gen::container<std::vector<Gene>>(gene_generator())(random, 40).value();
  ASSERT_GT(genes.size(), 5u);
  std::vector<Phase> phases;
  const harness::Sequence whole = decoder.decode(genes, &phases);
  SequenceDecoder::Cursor cursor(decoder);
  for (std::size_t i = 0; i < genes.size(); ++i) {
    const SequenceDecoder::Cursor::Peek peek = cursor.peek(genes[i]);
    EXPECT_EQ(harness::to_json(harness::Sequence{peek.step}),
              harness::to_json(harness::Sequence{whole[i]}))
        << "step " << i;
    EXPECT_EQ(peek.phase, phases[i]) << "step " << i;
    EXPECT_EQ(cursor.push(genes[i]), phases[i]);
  }
  EXPECT_EQ(harness::to_json(cursor.take()), harness::to_json(whole));
}

// A steered search still shrinks a finding (step-wise vectors carry the container generator's
// shrink tree) and the minimal genes decode to a sequence that fails the same way again.
TEST(Steering, SteeredFindingShrinksAndReplays) {
  const Bench bench;
  emulator::ServiceConfig config;
  config.faults = {"token-mismatch-ignored"};
  auto run = [&](const harness::Sequence& s) {
    harness::InProcessTarget target(config, bench.fixtures, harness::SignatureVersion::kV3, 1);
    model::BeliefSet beliefs(bench.universe, model::default_profile());
    return harness::run_sequence(target, beliefs, s, {});
  };
  Steering steering(bench.reachable);
  SearchOptions options;
  options.seed = 9;
  options.sequences = 400;
  options.max_findings = 1;
  options.stop_at_max_findings = true;
  options.steer_candidates = 16;
  options.steering = &steering;
  const SearchReport report =
      properties::search(SequenceDecoder(bench.universe), options,
                         [&](const harness::Sequence& s, bool) { return run(s); });
  ASSERT_EQ(report.findings.size(), 1u);
  const Finding& f = report.findings[0];
  EXPECT_EQ(f.shrink, Finding::Shrink::kDone);
  EXPECT_LE(call_count(f.minimal), 6u);
  EXPECT_LT(f.genes.size(), f.original_steps);
  const harness::SequenceResult again = run(SequenceDecoder(bench.universe).decode(f.genes));
  ASSERT_TRUE(again.failure.has_value());
  ASSERT_TRUE(again.failure->key.has_value());
  EXPECT_EQ(again.failure->key->str(), f.key);
  std::cout << "found in sequence " << f.sequence_number << " ("
            << (f.sequence_number % 2 ? "step by step" : "whole vectors") << "), "
            << f.original_steps << " steps shrunk to " << f.genes.size() << "\n";
}

}  // namespace
}  // namespace paircheck::properties
