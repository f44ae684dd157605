#include "properties/search.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <chrono>
#include <optional>

namespace paircheck::properties {
namespace {

// A gene byte covers its whole range at every size. RapidCheck scales `inRange` by the size, so
// at the default 20 steps a byte stayed below 52 and a short warm-up sequence's below 13: the
// later operations of the table, every envelope damage and most variants were never drawn. The
// size still scales a sequence's length, and a byte still shrinks towards 0.
rc::Gen<std::uint8_t> byte() {
  return rc::gen::resize(rc::kNominalSize, rc::gen::map(rc::gen::inRange(0, 256), [](int v) {
                           return static_cast<std::uint8_t>(v);
                         }));
}

// The step pass (SearchOptions::step_pass_race_tries): a gene decodes in the context of the genes
// before it, so leaving a gene out can change what the later ones become (a race step is no longer
// drawn, a token slot moves), and a step that does not matter can survive the gene shrink. Here
// runs of steps of the decoded sequence are left out, on this job's own target, as delta debugging
// does: halves first, then quarters, down to single steps, each kept out while the same failure
// shows; the failing step stays. A sequence with a race step tries each candidate several times:
// whether a race shows is up to the threads, and one quiet run must not keep a step in. When the
// pass ends by itself, each step left is needed: without it the failure did not show.
template <class Same, class Stopped, class OutOfTime>
void step_pass(harness::Sequence steps, const SearchOptions& options, const Execute& execute,
               const Same& same_failure, const Stopped& stopped, const OutOfTime& out_of_time,
               Finding& f, harness::SequenceResult& result, harness::Sequence& minimal) {
  if (options.step_pass_race_tries == 0 ||
      result.status != harness::SequenceResult::Status::kNonConformant) {
    return;
  }
  if (result.failing_step + 1 < steps.size()) steps.resize(result.failing_step + 1);
  const bool racy = std::any_of(steps.begin(), steps.end(), [](const harness::Step& s) {
    return s.kind == harness::Step::Kind::kRace;
  });
  const std::size_t tries = racy ? options.step_pass_race_tries : 1;
  // Leaves steps [i, i + width) out; true when the same failure showed without them.
  auto leave_out = [&](std::size_t i, std::size_t width, bool& give_up) {
    if (stopped() || out_of_time() || f.step_pass_runs >= options.step_pass_budget) {
      if (f.shrink == Finding::Shrink::kDone) {
        f.shrink = stopped() ? Finding::Shrink::kStopped : Finding::Shrink::kBudgetSpent;
      }
      give_up = true;
      return false;
    }
    harness::Sequence candidate = steps;
    candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(i),
                    candidate.begin() + static_cast<std::ptrdiff_t>(i + width));
    std::optional<harness::SequenceResult> failed;  // the same failure, without those steps
    for (std::size_t t = 0; t < tries && !failed; ++t) {
      harness::SequenceResult r = execute(candidate, true);
      ++f.step_pass_runs;
      ++f.shrink_runs;
      if (r.status == harness::SequenceResult::Status::kTargetError) {
        f.shrink = Finding::Shrink::kStopped;  // the target failed while shrinking
        give_up = true;
        return false;
      }
      if (same_failure(r)) failed = std::move(r);
    }
    if (!failed) return false;
    if (failed->failing_step + 1 < candidate.size()) candidate.resize(failed->failing_step + 1);
    steps = std::move(candidate);
    minimal = steps;
    result = std::move(*failed);
    return true;
  };
  bool give_up = false;
  std::size_t width = std::max<std::size_t>(1, (steps.size() - 1) / 2);
  while (!give_up) {
    bool left_out = false;
    std::size_t i = 0;
    while (!give_up && i + width < steps.size()) {  // steps.size() - 1 is the failing step
      if (leave_out(i, width, give_up)) {
        left_out = true;
      } else {
        i += width;
      }
    }
    if (width > 1) {
      width /= 2;
    } else if (!left_out) {
      break;  // a whole pass of single steps left nothing out: each one is needed
    }
  }
}

}  // namespace

rc::Gen<Gene> gene_generator() {
  return rc::gen::build<Gene>(
      rc::gen::set(&Gene::op, byte()), rc::gen::set(&Gene::slot, byte()),
      rc::gen::set(&Gene::side, byte()), rc::gen::set(&Gene::token, byte()),
      rc::gen::set(&Gene::variant, byte()), rc::gen::set(&Gene::mutation, byte()),
      rc::gen::set(&Gene::envelope, byte()), rc::gen::set(&Gene::extra, byte()));
}

namespace {

std::string failure_key(const harness::SequenceResult& r) {
  return r.failure && r.failure->key ? r.failure->key->str() : std::string("?");
}

// A gene vector drawn step by step (SearchOptions::steering): its length as RapidCheck's
// container generator draws one, each step the best of `k` genes, and the shrink tree that
// generator would give the same genes.
rc::Shrinkable<std::vector<Gene>> steered(const SequenceDecoder& decoder, const Steering& steering,
                                          std::size_t k, const rc::Random& random, int size) {
  using Elements = std::vector<rc::Shrinkable<Gene>>;
  const rc::Gen<Gene> gene = gene_generator();
  rc::Random r = random;
  // The longer of two lengths: a pair walked deep into its lifecycle needs room (the sequences
  // an unsteered search would draw are 0..size steps long, evenly).
  const std::uint64_t span = static_cast<std::uint64_t>(size) + 1;
  const std::size_t count =
      std::max({r.split().next() % span, r.split().next() % span, r.split().next() % span});
  Elements elements;
  elements.reserve(count);
  SequenceDecoder::Cursor cursor(decoder);
  Steering::Plan plan;
  for (std::size_t i = 0; i < count; ++i) {
    rc::Shrinkable<Gene> best = gene(r.split(), size);
    SequenceDecoder::Cursor::Peek best_peek = cursor.peek(best.value());
    auto worth = [&](const SequenceDecoder::Cursor::Peek& p) {
      return steering.gain(plan, p.step, p.phase, p.damaged) + steering.move_worth(p.phase, p.next);
    };
    double best_gain = worth(best_peek);

    for (std::size_t c = 1; c < k; ++c) {
      rc::Shrinkable<Gene> other = gene(r.split(), size);
      SequenceDecoder::Cursor::Peek peek = cursor.peek(other.value());
      const double g = worth(peek);
      if (g > best_gain) {
        best_gain = g;
        best = std::move(other);
        best_peek = std::move(peek);
      }
    }
    steering.add(plan, best_peek.step, best_peek.phase, best_peek.damaged);
    cursor.push(best.value());
    elements.push_back(std::move(best));
  }
  return rc::shrinkable::map(
      rc::shrinkable::shrinkRecur(
          std::move(elements),
          [](const Elements& e) {
            return rc::seq::concat(rc::shrink::removeChunks(e),
                                   rc::shrink::eachElement(e, [](const rc::Shrinkable<Gene>& g) {
                                     return g.shrinks();
                                   }));
          }),
      [](const Elements& e) {
        std::vector<Gene> genes;
        genes.reserve(e.size());
        for (const rc::Shrinkable<Gene>& g : e) genes.push_back(g.value());
        return genes;
      });
}

}  // namespace

bool has_finding(const std::vector<Finding>& findings, const std::string& key) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.key == key; });
}

std::size_t call_count(const harness::Sequence& sequence) {
  std::size_t n = 0;
  for (const harness::Step& s : sequence) {
    if (s.kind == harness::Step::Kind::kCall) ++n;
    if (s.kind == harness::Step::Kind::kRace) n += s.racing.size();
  }
  return n;
}

SearchReport search(const SequenceDecoder& given, const SearchOptions& options,
                    const Execute& execute, const Progress& progress) {
  SequenceDecoder decoder = given;
  decoder.allow_races(options.races);
  SearchReport report;
  const auto genes_gen = rc::gen::container<std::vector<Gene>>(gene_generator());
  rc::Random random(options.seed);
  for (std::size_t n = 0; n < options.sequences; ++n) {
    if (options.between) options.between();
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      report.stopped = true;
      break;
    }
    // The warm-up's short sequences alternate with full-length ones: the guide needs room to walk
    // a pair deep into its lifecycle, and a slow target should get there in its first seconds.
    const std::size_t short_ones =
        options.short_sequences.value_or(warmup_short_sequences(options.sequences));
    const bool short_one = n % 2 == 0 && n / 2 < short_ones;
    const int size = static_cast<int>(short_one ? std::max<std::size_t>(1, options.max_steps / 4)
                                                : options.max_steps);
    rc::Shrinkable<std::vector<Gene>> current = genes_gen(random.split(), size);
    harness::Sequence decoded;
    if (options.steering != nullptr && options.steer_candidates > 1 && n % 2 == 1) {
      current =
          steered(decoder, *options.steering, 3 * options.steer_candidates, random.split(), size);
      decoded = decoder.decode(current.value());
    } else if (options.steering != nullptr && options.steer_candidates > 1) {
      std::vector<Phase> phases;
      std::vector<bool> damaged;
      decoded = decoder.decode(current.value(), &phases, &damaged);
      double best = options.steering->score(decoded, phases, &damaged);
      for (std::size_t k = 1; k < options.steer_candidates; ++k) {
        rc::Shrinkable<std::vector<Gene>> other = genes_gen(random.split(), size);
        phases.clear();
        damaged.clear();
        harness::Sequence other_decoded = decoder.decode(other.value(), &phases, &damaged);
        const double score = options.steering->score(other_decoded, phases, &damaged);
        if (score > best) {
          best = score;
          current = std::move(other);
          decoded = std::move(other_decoded);
        }
      }
    } else {
      decoded = decoder.decode(current.value());
    }
    harness::SequenceResult result = execute(decoded, false);
    if (options.steering != nullptr) options.steering->visit(result);
    if (options.visited) options.visited(result);
    ++report.executions;
    ++report.sequences_run;
    if (result.status == harness::SequenceResult::Status::kTargetError) {
      report.target_error = result.target_error;
      break;
    }
    if (result.status == harness::SequenceResult::Status::kNonConformant) {
      const std::string key = failure_key(result);
      if (!has_finding(report.findings, key) && report.findings.size() < options.max_findings) {
        Finding f;
        f.original_steps = current.value().size();
        f.sequence_number = n;
        f.key = key;
        // Walk the shrink tree: take the first smaller candidate that fails the same way.
        auto stopped = [&] {
          return options.stop != nullptr && options.stop->load(std::memory_order_relaxed);
        };
        const auto shrink_start = std::chrono::steady_clock::now();
        // With a time bound, the genes get half of it and the step pass the rest: on a slow
        // target the gene shrink alone can spend it all and leave most steps in.
        auto spent = [&](double share) {
          return options.shrink_time_s > 0 &&
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - shrink_start)
                         .count() >= share * options.shrink_time_s;
        };
        auto out_of_time = [&] { return spent(1.0); };
        auto genes_out_of_time = [&] { return spent(0.5); };
        harness::Sequence minimal = decoder.decode(current.value());
        if (options.shrinking) options.shrinking(true);
        auto same_failure = [&](const harness::SequenceResult& r) {
          return r.status == harness::SequenceResult::Status::kNonConformant &&
                 failure_key(r) == key;
        };
        bool progressed = true;
        while (progressed) {
          progressed = false;
          auto shrinks = current.shrinks();
          bool exhausted = false;
          while (!exhausted && !progressed) {
            if (stopped()) {
              f.shrink = Finding::Shrink::kStopped;
              break;
            }
            if (f.shrink_runs >= options.shrink_budget || genes_out_of_time()) {
              f.shrink = Finding::Shrink::kBudgetSpent;
              break;
            }
            const std::size_t width =
                std::clamp<std::size_t>(options.shrink_batch ? options.shrink_width : 1, 1,
                                        options.shrink_budget - f.shrink_runs);
            std::vector<rc::Shrinkable<std::vector<Gene>>> batch;
            while (batch.size() < width) {
              auto candidate = shrinks.next();
              if (!candidate) {
                exhausted = true;
                break;
              }
              batch.push_back(std::move(*candidate));
            }
            if (batch.empty()) break;
            BatchOutcome outcome;
            if (batch.size() == 1) {  // one at a time, on this job's own target
              harness::Sequence decoded = decoder.decode(batch.front().value());
              outcome.result = execute(decoded, true);
              outcome.runs = 1;
              if (outcome.result.status == harness::SequenceResult::Status::kTargetError) {
                outcome.target_error = outcome.result.target_error;
              } else if (same_failure(outcome.result)) {
                outcome.chosen = 0;
                outcome.sequence = std::move(decoded);
              }
            } else {
              std::vector<std::vector<Gene>> genes;
              genes.reserve(batch.size());
              for (const auto& c : batch) genes.push_back(c.value());
              outcome = options.shrink_batch(genes, same_failure);
            }
            f.shrink_runs += outcome.runs;
            report.executions += outcome.runs;
            if (!outcome.target_error.empty()) {
              f.shrink = Finding::Shrink::kStopped;  // the target failed while shrinking
              break;
            }
            if (outcome.chosen) {
              current = std::move(batch[*outcome.chosen]);
              result = std::move(outcome.result);
              minimal = std::move(outcome.sequence);
              progressed = true;
            }
          }
          if (f.shrink != Finding::Shrink::kDone) break;
        }
        if (f.shrink != Finding::Shrink::kStopped) {
          step_pass(decoder.decode(current.value()), options, execute, same_failure, stopped,
                    out_of_time, f, result, minimal);
          report.executions += f.step_pass_runs;
        }
        if (options.shrinking) options.shrinking(false);
        f.genes = current.value();
        f.minimal = std::move(minimal);
        // The steps after the failing one never ran: the prefix is the same run. Shrinking that
        // ran out of time (a slow target) no longer reports them.
        const std::size_t ran = result.failing_step + 1;
        if (result.status == harness::SequenceResult::Status::kNonConformant &&
            ran < f.genes.size() && ran <= f.minimal.size()) {
          f.genes.resize(ran);
          f.minimal.resize(ran);
        }
        f.result = std::move(result);
        report.findings.push_back(std::move(f));
      }
    }
    if (progress) progress(n + 1, report);
    if (options.stop_at_max_findings && report.findings.size() >= options.max_findings) break;
  }
  return report;
}

}  // namespace paircheck::properties
