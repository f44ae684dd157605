#pragma once
// The search: RapidCheck generates gene vectors (properties/gene.hpp), each decoded sequence is
// executed and judged, and a failing one is shrunk along RapidCheck's shrink tree to the shortest
// sequence that still fails the same way (M4). Deterministic for a seed.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/run_sequence.hpp"
#include "properties/gene.hpp"
#include "properties/steering.hpp"

#include <rapidcheck/Gen.h>

namespace paircheck::properties {

// The warm-up's short sequences: a tenth of the run, at most 20. A run stopped by time
// (--sequences 100000) used to get 500, half of its first 1,000 sequences: on a real-clock target
// with six clients that was the whole first two minutes, where a short sequence cannot walk a pair
// to a Reprotect or list two of its pairs over two pages. A default run (200) keeps its 20.
constexpr std::size_t warmup_short_sequences(std::size_t sequences) {
  return sequences / 10 < 20 ? sequences / 10 : 20;
}

struct SearchOptions {
  std::uint64_t seed = 1;
  std::size_t sequences = 100;
  std::size_t max_steps = 20;
  // Short sequences (a quarter of max_steps) in the warm-up: cheap, and they find shallow bugs.
  // They alternate with full-length ones, so deep steps come from the first seconds on a slow
  // target. Unset: warmup_short_sequences(sequences); parallel jobs share the run's warm-up.
  std::optional<std::size_t> short_sequences;
  std::size_t shrink_budget = 2000;  // executions spent shrinking one failure
  // After the genes, the steps (docs/harness.md "Shrinking"): each step left out in turn, kept out
  // while the same failure shows; a sequence with a race step tries each candidate up to this many
  // times (thread timing decides whether a race shows). Its runs are bounded on their own by
  // `step_pass_budget` (so a gene shrink that spent its budget still gets the pass), and by
  // shrink_time_s and `stop`. 0 tries: no step pass.
  std::size_t step_pass_race_tries = 3;
  std::size_t step_pass_budget = 300;
  // Wall time spent shrinking one failure, 0 for no bound (--shrink-time: on a slow target the
  // best candidate so far is reported, marked partly shrunk). Not seeded: a replay of the run may
  // stop shrinking elsewhere.
  double shrink_time_s = 0;
  std::size_t max_findings = 16;      // distinct failures to shrink and keep
  bool stop_at_max_findings = false;  // end the search once max_findings are kept
  // Race steps (harness.md "Races"): some pair mutations are sent at once with a partner from a
  // second thread. Off by default: thread scheduling is not seeded, so a seed no longer fixes
  // every answer (the embedded virtual-clock default keeps --seed exact).
  bool races = false;
  // Set by another thread to end the search after the sequence in progress (parallel jobs).
  const std::atomic<bool>* stop = nullptr;
  // Shrinking several candidates at once (clients' leases, parallel jobs): up to `shrink_width`
  // candidates go to `shrink_batch` together, and the first of them, in shrink order, that fails
  // the same way is taken, as one at a time would take it. Width 1 or no batch: one at a time.
  std::size_t shrink_width = 1;
  std::function<struct BatchOutcome(const std::vector<std::vector<Gene>>& candidates,
                                    const std::function<bool(const harness::SequenceResult&)>&)>
      shrink_batch;
  // Called before each generated sequence: the session lends the job to others' shrinking.
  std::function<void()> between;
  // Steering (harness.md "Steering"): the gene vector is drawn one step at a time; for each step
  // `steer_candidates` genes are drawn and the one `steering` predicts to visit the most cells
  // not visited yet (the first of equals) is kept. The vector is then an ordinary one: it decodes
  // the same whatever was drawn beside it, and shrinks as RapidCheck's container generator
  // shrinks (chunks removed, then each gene), so replay and shrinking are unchanged. The choice
  // depends on what the run has visited so far (then a seed fixes the run only with one job).
  // The search tells `steering` what each generated sequence visited (Steering::visit).
  std::size_t steer_candidates = 1;
  Steering* steering = nullptr;
  // Called after each generated sequence ran (not shrink candidates): what it visited.
  std::function<void(const harness::SequenceResult&)> visited;
  // Called with true when this job starts shrinking a finding, false when it is done.
  std::function<void(bool)> shrinking;
};

// What a batch of shrink candidates gave (SearchOptions::shrink_batch).
struct BatchOutcome {
  std::optional<std::size_t> chosen;  // the first candidate, in order, that failed the same way
  harness::SequenceResult result;     // its run
  harness::Sequence sequence;         // the candidate as decoded where it ran (its lease)
  std::size_t runs = 0;               // candidates run: a batch stops once its answer is known
  std::string target_error;           // a run met a target error: shrinking stops
};

// Runs one decoded sequence on a fresh target state; `attempt` counts every execution.
using Execute = std::function<harness::SequenceResult(const harness::Sequence&, bool shrinking)>;

struct Finding {
  std::vector<Gene> genes;         // the minimal genes of the gene shrink
  harness::Sequence minimal;       // decoded, then steps left out by the step pass
  harness::SequenceResult result;  // the minimal sequence's run
  std::size_t original_steps = 0;
  std::size_t sequence_number = 0;  // which generated sequence first failed
  std::size_t shrink_runs = 0;      // every shrink run, the step pass's included
  std::size_t step_pass_runs = 0;   // of which the step pass (SearchOptions::step_pass_race_tries)
  std::string key;                  // model::FindingKey::str() of the failure
  // How far shrinking got: to the end (no smaller candidate fails the same way), to the budget,
  // or cut off by a stop (another job's, an interrupt, a target error).
  enum class Shrink : std::uint8_t { kDone, kBudgetSpent, kStopped };
  Shrink shrink = Shrink::kDone;
};

struct SearchReport {
  std::size_t sequences_run = 0;
  std::size_t executions = 0;
  std::vector<Finding> findings;
  std::string target_error;  // non-empty: the target failed us (unreachable, ...); search stopped
  bool stopped = false;      // options.stop was raised before the planned sequences ran
};

// Whether `findings` already holds the failure `key` (findings are kept one per key).
bool has_finding(const std::vector<Finding>& findings, const std::string& key);

// Called after each generated sequence (progress output).
using Progress = std::function<void(std::size_t done, const SearchReport& so_far)>;

SearchReport search(const SequenceDecoder& decoder, const SearchOptions& options,
                    const Execute& execute, const Progress& progress = {});

// The generator of one step's genes (uniform bytes; RapidCheck shrinks each towards 0).
rc::Gen<Gene> gene_generator();

// Number of requests a sequence sends at least (its call steps and each race step's requests).
std::size_t call_count(const harness::Sequence& sequence);

}  // namespace paircheck::properties
