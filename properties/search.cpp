#include "properties/search.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <chrono>

namespace paircheck::properties {
namespace {

rc::Gen<std::uint8_t> byte() {
  return rc::gen::map(rc::gen::inRange(0, 256), [](int v) { return static_cast<std::uint8_t>(v); });
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
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      report.stopped = true;
      break;
    }
    // Short sequences first (cheap, and they find shallow bugs), then full length: the guide
    // needs room to walk a pair deep into its lifecycle. At most 500 short ones: a long campaign
    // (--sequences 100000, stopped by time) would otherwise stay short, where the small size also
    // keeps every gene byte small and no envelope is ever damaged (G rules never reached).
    const std::size_t short_ones = std::min<std::size_t>(options.sequences / 10, 500);
    const int size = static_cast<int>(
        n < short_ones ? std::max<std::size_t>(1, options.max_steps / 4) : options.max_steps);
    rc::Shrinkable<std::vector<Gene>> current = genes_gen(random.split(), size);
    harness::SequenceResult result = execute(decoder.decode(current.value()), false);
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
        auto out_of_time = [&] {
          return options.shrink_time_s > 0 &&
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - shrink_start)
                         .count() >= options.shrink_time_s;
        };
        bool progressed = true;
        while (progressed) {
          progressed = false;
          auto shrinks = current.shrinks();
          while (auto candidate = shrinks.next()) {
            if (stopped()) {
              f.shrink = Finding::Shrink::kStopped;
              break;
            }
            if (f.shrink_runs >= options.shrink_budget || out_of_time()) {
              f.shrink = Finding::Shrink::kBudgetSpent;
              break;
            }
            ++f.shrink_runs;
            harness::SequenceResult r = execute(decoder.decode(candidate->value()), true);
            ++report.executions;
            if (r.status == harness::SequenceResult::Status::kTargetError) {
              f.shrink = Finding::Shrink::kStopped;  // the target failed while shrinking
              break;
            }
            if (r.status == harness::SequenceResult::Status::kNonConformant &&
                failure_key(r) == key) {
              current = std::move(*candidate);
              result = std::move(r);
              progressed = true;
              break;
            }
          }
        }
        f.genes = current.value();
        f.minimal = decoder.decode(f.genes);
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
