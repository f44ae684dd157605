#include "properties/campaign.hpp"

#include <algorithm>
#include <mutex>
#include <thread>

#include "harness/cleanup.hpp"

namespace paircheck::properties {

SearchReport run_campaign(harness::Target& target, const model::Universe& universe,
                          const model::Profile& profile, const CampaignOptions& options,
                          const CampaignHooks& hooks) {
  std::size_t executions = 0, generated = 0;
  harness::RunOptions run = options.run;
  const bool can_reset = target.can_reset();
  Execute execute = [&](const harness::Sequence& sequence, bool shrinking) {
    if (can_reset) {
      if (auto error = target.reset(); !error.empty()) {
        harness::SequenceResult failed;
        failed.status = harness::SequenceResult::Status::kTargetError;
        failed.target_error = "reset failed: " + error;
        return failed;
      }
    }
    const std::size_t n = generated;
    if (!shrinking) {
      ++generated;
      if (hooks.on_sequence) hooks.on_sequence(n, sequence);
    }
    run.unique_prefix = options.run_id + "-" + std::to_string(executions++);
    model::BeliefSet beliefs(universe, profile);
    harness::SequenceResult result =
        harness::run_sequence(target, beliefs, sequence, run, [&](const model::StepRecord& record) {
          if (hooks.on_record) hooks.on_record(n, shrinking, record);
        });
    if (!can_reset && (!result.created.empty() || !result.attached.empty())) {
      harness::CleanupOptions cleanup;
      cleanup.settle_timeout_s = run.settle_timeout_s;
      cleanup.first_pause_s = run.first_poll_s;
      auto cleaned = harness::clean_up(target, result.created, result.attached, cleanup);
      for (const auto& line : cleaned.failed) {
        if (hooks.on_left_behind) hooks.on_left_behind(line);
      }
    }
    return result;
  };
  return search(SequenceDecoder(universe), options.search, execute, hooks.progress);
}

namespace {

// A seed per job: job 0 keeps the campaign's seed, the others are spread by SplitMix64.
std::uint64_t job_seed(std::uint64_t seed, std::size_t job) {
  if (job == 0) return seed;
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * job;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// What the jobs share: the hooks' lock, the merged progress, and the stop flag.
struct Shared {
  std::mutex mutex;
  std::atomic<bool> stop{false};
  SearchReport so_far;                // findings merged as the jobs report them (progress)
  std::vector<std::size_t> done;      // per job: generated sequences
  std::vector<std::size_t> reported;  // per job: findings already merged into so_far
};

}  // namespace

SearchReport run_campaign_jobs(const std::vector<harness::Target*>& targets,
                               const model::Universe& universe, const model::Profile& profile,
                               const CampaignOptions& options, const CampaignHooks& hooks) {
  const std::size_t jobs = targets.size();
  if (jobs == 1) return run_campaign(*targets[0], universe, profile, options, hooks);
  Shared shared;
  shared.done.assign(jobs, 0);
  shared.reported.assign(jobs, 0);
  std::vector<SearchReport> reports(jobs);
  auto global = [jobs](std::size_t job, std::size_t n) { return n * jobs + job; };

  auto run_job = [&](std::size_t job) {
    CampaignOptions mine = options;
    mine.search.seed = job_seed(options.search.seed, job);
    mine.search.sequences =
        options.search.sequences / jobs + (job < options.search.sequences % jobs ? 1 : 0);
    mine.search.stop = &shared.stop;
    mine.run_id = options.run_id + "j" + std::to_string(job);
    CampaignHooks locked;
    if (hooks.on_sequence) {
      locked.on_sequence = [&, job](std::size_t n, const harness::Sequence& sequence) {
        std::lock_guard lock(shared.mutex);
        hooks.on_sequence(global(job, n), sequence);
      };
    }
    if (hooks.on_record) {  // not locked: the run log serializes records on the job threads
      locked.on_record = [&, job](std::size_t n, bool shrinking, const model::StepRecord& record) {
        hooks.on_record(global(job, n), shrinking, record);
      };
    }
    if (hooks.on_left_behind) {
      locked.on_left_behind = [&](const std::string& line) {
        std::lock_guard lock(shared.mutex);
        hooks.on_left_behind(line);
      };
    }
    locked.progress = [&, job](std::size_t done, const SearchReport& r) {
      std::lock_guard lock(shared.mutex);
      shared.done[job] = done;
      for (std::size_t i = shared.reported[job]; i < r.findings.size(); ++i) {
        const Finding& f = r.findings[i];
        if (!has_finding(shared.so_far.findings, f.key)) shared.so_far.findings.push_back(f);
      }
      shared.reported[job] = r.findings.size();
      if (options.search.stop_at_max_findings &&
          shared.so_far.findings.size() >= options.search.max_findings) {
        shared.stop = true;
      }
      std::size_t total = 0;
      for (std::size_t d : shared.done) total += d;
      if (hooks.progress) hooks.progress(total, shared.so_far);
    };
    reports[job] = run_campaign(*targets[job], universe, profile, mine, locked);
    if (!reports[job].target_error.empty()) shared.stop = true;
  };

  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (std::size_t job = 0; job < jobs; ++job) threads.emplace_back(run_job, job);
  for (auto& t : threads) t.join();

  SearchReport merged;
  std::vector<Finding> findings;
  for (std::size_t job = 0; job < jobs; ++job) {
    SearchReport& r = reports[job];
    merged.sequences_run += r.sequences_run;
    merged.executions += r.executions;
    if (merged.target_error.empty() && !r.target_error.empty()) {
      merged.target_error = "job " + std::to_string(job) + ": " + r.target_error;
    }
    for (Finding& f : r.findings) {
      f.sequence_number = global(job, f.sequence_number);
      findings.push_back(std::move(f));
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.sequence_number < b.sequence_number;
  });
  for (Finding& f : findings) {
    if (!has_finding(merged.findings, f.key) &&
        merged.findings.size() < options.search.max_findings) {
      merged.findings.push_back(std::move(f));
    }
  }
  return merged;
}

}  // namespace paircheck::properties
