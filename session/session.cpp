#include "session/session.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <tuple>

#include "harness/cleanup.hpp"
#include "harness/sequence.hpp"
#include "harness/transient_watch.hpp"
#include "models/belief_set.hpp"
#include "models/params.hpp"
#include "properties/steering.hpp"

namespace paircheck::session {
namespace {

// A seed per job: job 0 keeps the session's seed, the others are spread by SplitMix64.
std::uint64_t job_seed(std::uint64_t seed, std::size_t job) {
  if (job == 0) return seed;
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * job;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The resource a judged answer created (paircheck cleanup reads them from the run log).
std::optional<events::ResourceCreated> resource_of(const model::StepRecord& record) {
  if (!record.observed || !record.observed->code.empty()) return std::nullopt;
  const model::Request& r = record.request;
  auto param = [&](const char* name) { return model::find_param(r.params, name).value_or(""); };
  events::ResourceCreated e;
  if (r.action == "CreateDiskReplicaPair" && !record.observed->replica_pair_id.empty()) {
    e.kind = "pair";
    e.id = record.observed->replica_pair_id;
    e.region = param("RegionId");
    e.standby_region = param("DestinationRegionId");
    return e;
  }
  if (r.action == "AttachDisk") {
    e.kind = "attachment";
    e.instance = param("InstanceId");
    e.disk = param("DiskId");
    return e;
  }
  return std::nullopt;
}

// Cleanup waited settle_timeout_s for a pair the sequence left in a transient status and it did
// not move: M3 broken, as a settle step would have found. The sequence is where it came from.
void stuck_finding(harness::SequenceResult& result, const harness::Sequence& sequence,
                   const std::pair<std::string, std::string>& stuck, double settle_timeout_s) {
  const auto& [pair_id, status] = stuck;
  const std::string evidence = "pair " + pair_id + " still '" + status +
                               "' after settle_timeout_s (" +
                               std::to_string(static_cast<long long>(settle_timeout_s)) +
                               " s), seen by the cleanup after the sequence";
  result.status = harness::SequenceResult::Status::kNonConformant;
  result.failure = harness::stuck_verdict(status, evidence);
  result.failing_step = sequence.empty() ? 0 : sequence.size() - 1;
}

}  // namespace

events::ShrinkState shrink_state(const properties::Finding& f) {
  switch (f.shrink) {
    case properties::Finding::Shrink::kDone:
      return events::ShrinkState::kShrunk;
    case properties::Finding::Shrink::kBudgetSpent:
      return events::ShrinkState::kPartlyShrunk;
    case properties::Finding::Shrink::kStopped:
      return events::ShrinkState::kNotShrunk;
  }
  return events::ShrinkState::kShrunk;
}

std::vector<std::size_t> pairs_per_job(const Config& config) {
  std::vector<std::size_t> out;
  if (!config.leases.empty()) {
    for (const harness::Lease& lease : config.leases) {
      out.push_back(harness::max_pairs(lease.universe));
    }
  } else {
    out.assign(std::max<std::size_t>(config.targets.size(), 1),
               harness::max_pairs(config.universe));
  }
  return out;
}

void EventBus::emit(const events::Event& event) {
  std::lock_guard lock(mutex_);
  for (events::Handler* h : handlers_) h->handle(event);
}

namespace {

// Ctrl-C reaches the session through an atomic the signal handler raises; the session looks at it
// before each sequence, and this watcher looks every 20 ms while sequences run, so that a wait,
// a settle or a long sequence on a real clock is cut short at once (RunOptions::stop), not after
// the sequence: a shrinking run on a real clock went on for a minute after Ctrl-C.
class InterruptWatch {
 public:
  explicit InterruptWatch(const std::atomic<bool>* flag, std::function<void()> on_interrupt) {
    if (flag == nullptr) return;
    thread_ = std::thread([this, flag, on = std::move(on_interrupt)] {
      std::unique_lock lock(mutex_);
      while (!done_) {
        if (flag->load()) {
          on();
          return;
        }
        cv_.wait_for(lock, std::chrono::milliseconds(20));
      }
    });
  }
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;
  ~InterruptWatch() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

Session::Session(Config config, EventBus& bus) : config_(std::move(config)), bus_(bus) {
  config_.run.stop = &stop_;
  config_.run.transient_ended = &transient_ended_;
  job_pairs_ = pairs_per_job(config_);
  if (config_.max_live_pairs > 0) {
    budget_ = std::make_unique<harness::PairBudget>(config_.max_live_pairs);
  }
}

// The cleanup after a sequence (or the reset before the next) saw its pairs gone, but for those
// it could not release: they stay live.
void Session::pairs_gone(const std::vector<harness::CreatedPair>& created,
                         const std::vector<std::string>& failed) {
  std::lock_guard lock(counts_mutex_);
  for (const harness::CreatedPair& p : created) {
    const bool left = std::any_of(failed.begin(), failed.end(), [&](const std::string& line) {
      return line.starts_with(p.id + ":") || line.starts_with(p.id + " ");
    });
    if (!left) live_pairs_.erase(p.id);
  }
}

bool Session::check_interrupt() {
  if (config_.interrupt != nullptr && config_.interrupt->load() && !interrupted_) interrupt();
  return stop_;
}

void Session::emit_records(std::size_t n, events::Phase phase, const model::StepRecord& record) {
  const std::optional<events::ResourceCreated> resource = resource_of(record);
  {
    std::lock_guard lock(counts_mutex_);
    ++requests_;
    if (phase == events::Phase::kShrink) ++shrink_requests_;
    if (phase != events::Phase::kShrink) exercised_.insert(record.verdict.exercised);
    if (resource && resource->kind == "pair") {
      const auto& ps = record.request.params;
      std::pair<std::string, std::string> disks{
          model::find_param(ps, "DiskId").value_or(""),
          model::find_param(ps, "DestinationDiskId").value_or("")};
      // A sequence that deleted its pair and created another on the same disks: the first is
      // gone, or the target would have refused the Create (O1), though its sequence's cleanup
      // has not run yet.
      const auto uses = [&](const std::string& disk) {
        return !disk.empty() && (disk == disks.first || disk == disks.second);
      };
      std::erase_if(live_pairs_, [&](const auto& entry) {
        return entry.first != resource->id &&
               (uses(entry.second.first) || uses(entry.second.second));
      });
      live_pairs_.emplace(resource->id, std::move(disks));
      peak_live_pairs_ = std::max(peak_live_pairs_, live_pairs_.size());
    }
  }
  if (phase != events::Phase::kShrink) bus_.emit(events::StepJudged{n, phase, record});
  if (resource) bus_.emit(*resource);
}

harness::SequenceResult Session::execute(std::size_t job, const harness::Sequence& sequence,
                                         std::size_t n, events::Phase phase,
                                         const std::string& prefix) {
  harness::Target& target = *config_.targets[job];
  // Clients sharing one target never reset it under each other: each cleans up after itself.
  const bool can_reset = target.can_reset() && !shared_target();
  if (check_interrupt() && phase == events::Phase::kShrink) {
    harness::SequenceResult none;  // shrinking ends; search sees the stop flag
    return none;
  }
  // --max-live-pairs: room for as many pairs as this sequence can create, held until its cleanup
  // has seen them gone (pair_budget.hpp). A stop while waiting ends the run as above.
  const std::size_t units =
      budget_ ? std::min(harness::creates_in(sequence), job_pairs_[job]) : std::size_t{0};
  if (budget_ && !budget_->acquire(units, &stop_)) {
    harness::SequenceResult none;
    return none;
  }
  if (can_reset) {
    if (auto error = target.reset(); !error.empty()) {
      if (budget_) budget_->release(units);
      harness::SequenceResult failed;
      failed.status = harness::SequenceResult::Status::kTargetError;
      failed.target_error = "reset failed: " + error;
      return failed;
    }
  }
  harness::RunOptions run = config_.run;
  run.unique_prefix = prefix;
  const harness::Lease* lease = shared_target() ? &config_.leases[job] : nullptr;
  run.lease = lease;
  model::BeliefSet beliefs(lease != nullptr ? lease->universe : config_.universe, config_.profile);
  harness::SequenceResult result = harness::run_sequence(
      target, beliefs, sequence, run,
      [&](const model::StepRecord& record) { emit_records(n, phase, record); });
  if (result.unknown_races > 0) {
    std::lock_guard lock(counts_mutex_);
    unknown_races_ += result.unknown_races;
  }
  std::vector<std::string> failed;  // what cleanup could not release
  if (!can_reset && (!result.created.empty() || !result.attached.empty())) {
    harness::CleanupOptions cleanup;
    cleanup.settle_timeout_s = run.settle_timeout_s;
    // After Ctrl-C nothing more is sent: a pair in a long transition would hold the cleanup (and
    // the user) for as long as it lasts. What is left is listed, and the summary prints the
    // `paircheck cleanup` command that releases it from the run log.
    cleanup.stop = &interrupted_;
    cleanup.last_transient = result.transient_known;
    // A virtual clock is moved, not waited on: --poll-ms as for settle steps. A real one is
    // polled from a short gap (the Describes are not judged, and cost no more than the reads
    // that fill a wait): a 0.1 s transition no longer costs a client a 0.5 s sleep.
    cleanup.first_pause_s =
        target.clock() != nullptr ? run.first_poll_s : std::max(run.read_gap_s, 0.005);
    auto cleaned = harness::clean_up(target.plain(), result.created, result.attached, cleanup);
    if (cleaned.transient_ended) transient_ended_ = true;
    if (result.conformant() && !cleaned.stuck.empty()) {
      if (target.clock() == nullptr && !transient_ended_) {  // as a settle step: run_sequence.hpp
        result.status = harness::SequenceResult::Status::kTargetError;
        result.target_error =
            harness::frozen_clock_hint(target.plain().describe(), run.settle_timeout_s);
      } else {
        stuck_finding(result, sequence, cleaned.stuck.front(), run.settle_timeout_s);
      }
    }
    failed = cleaned.failed;
    std::lock_guard lock(counts_mutex_);
    left_behind_.insert(left_behind_.end(), cleaned.failed.begin(), cleaned.failed.end());
    // What cannot be cleaned up piles up on the account: stop creating more (issue 12 item 7).
    if (!cleaned.failed.empty()) stop_ = true;
  }
  // A resettable target loses this sequence's pairs at the next reset, before any other pair
  // of this job is created.
  pairs_gone(result.created, failed);
  // Pairs cleanup could not release keep their room (the run stops: stop_ is raised).
  if (budget_ && failed.empty()) budget_->release(units);
  return result;
}

struct Session::ShrinkTask {
  enum class State : std::uint8_t { kPending, kRunning, kDone, kCancelled };
  std::vector<properties::Gene> genes;
  std::size_t n = 0;  // the sequence being shrunk (events)
  State state = State::kPending;
  harness::SequenceResult result;  // kDone: the run
  harness::Sequence sequence;      // kDone: the candidate as decoded on the lease it ran on
};

Result Session::search(const properties::SearchOptions& options) {
  bus_.emit(config_.header);
  const std::size_t jobs = config_.targets.size();
  if (shared_target() && config_.targets.front()->can_reset()) {
    if (auto error = config_.targets.front()->reset(); !error.empty()) {
      properties::SearchReport failed;
      failed.target_error = "reset failed: " + error;
      return finish(std::move(failed));
    }
  }
  std::vector<properties::SearchReport> reports(jobs);
  std::mutex merge_mutex;
  std::vector<std::string> kept_keys;  // findings over all jobs, for max_findings
  auto global = [jobs](std::size_t job, std::size_t n) { return n * jobs + job; };
  // Steering: clients on one account share what was visited; jobs keep their own, so that a
  // seed still fixes every count with --jobs.
  std::vector<std::unique_ptr<properties::Steering>> steering;
  if (config_.steer_candidates > 1 && !config_.reachable_cells.empty()) {
    for (std::size_t i = 0; i < (shared_target() ? 1 : jobs); ++i) {
      steering.push_back(std::make_unique<properties::Steering>(config_.reachable_cells));
    }
  }

  auto run_job = [&](std::size_t job) {
    const harness::SleepMeter::Client client(meter_);  // this thread's sleeps are the run's
    properties::SearchOptions mine = options;
    mine.seed = job_seed(options.seed, job);
    mine.sequences = options.sequences / jobs + (job < options.sequences % jobs ? 1 : 0);
    if (!mine.short_sequences) {  // the run's warm-up, shared: not 20 short ones per client
      const std::size_t warmup = properties::warmup_short_sequences(options.sequences);
      mine.short_sequences = (warmup + jobs - 1) / jobs;
    }
    mine.stop = &stop_;
    if (!steering.empty()) {
      properties::Steering& steer = *steering[shared_target() ? 0 : job];
      mine.steer_candidates = config_.steer_candidates;
      mine.steering = &steer;
    }
    const properties::SequenceDecoder decoder(shared_target() ? config_.leases[job].universe
                                                              : config_.universe);
    const std::string run_id =
        jobs == 1 ? config_.run_id : config_.run_id + "j" + std::to_string(job);
    std::size_t executions = 0, generated = 0, current = 0;
    properties::Execute execute = [&](const harness::Sequence& sequence, bool shrinking) {
      if (!shrinking) {
        current = global(job, generated++);
        bus_.emit(events::SequenceStarted{current, harness::to_json(sequence)});
      }
      return this->execute(job, sequence, current,
                           shrinking ? events::Phase::kShrink : events::Phase::kGenerate,
                           run_id + "-" + std::to_string(executions++));
    };
    // Shrinking over every job: a candidate runs on whichever job takes it, decoded for that job's
    // lease; the shrinking job takes its own candidates too, so nothing waits on a busy client.
    using Task = ShrinkTask;
    auto run_task = [&](Task& task) {
      harness::Sequence decoded = decoder.decode(task.genes);
      harness::SequenceResult r = this->execute(job, decoded, task.n, events::Phase::kShrink,
                                                run_id + "-" + std::to_string(executions++));
      {
        std::lock_guard lock(shrink_mutex_);
        task.result = std::move(r);
        task.sequence = std::move(decoded);
        task.state = Task::State::kDone;
      }
      shrink_cv_.notify_all();
    };
    auto take = [&]() -> std::shared_ptr<Task> {  // holding shrink_mutex_
      while (!shrink_queue_.empty()) {
        std::shared_ptr<Task> t = std::move(shrink_queue_.front());
        shrink_queue_.pop_front();
        if (t->state == Task::State::kPending) {
          t->state = Task::State::kRunning;
          return t;
        }
      }
      return nullptr;
    };
    // While a job shrinks, the others run its candidates instead of generating: on a slow target
    // a finding is shrunk N times sooner, and --shrink-time bounds the pause.
    mine.between = [&] {
      std::unique_lock lock(shrink_mutex_);
      for (;;) {
        if (std::shared_ptr<Task> t = take()) {
          lock.unlock();
          run_task(*t);
          lock.lock();
        } else if (shrinkers_ == 0 || stop_) {
          return;
        } else {
          const harness::SleepMeter::Away away;  // waiting on the shrinking clients' requests
          shrink_cv_.wait_for(lock, std::chrono::milliseconds(50));  // stop_ is not notified
        }
      }
    };
    auto shrinking = [&](bool started) {
      {
        std::lock_guard lock(shrink_mutex_);
        shrinkers_ = started ? shrinkers_ + 1 : shrinkers_ - 1;
      }
      shrink_cv_.notify_all();
    };
    // Clients on leases only: --jobs on targets of their own keep shrinking one candidate at a
    // time, so that a seed fixes every count (how many candidates a batch ran depends on timing).
    if (jobs > 1 && shared_target()) {
      mine.shrinking = shrinking;
      mine.shrink_width = jobs;
      mine.shrink_batch = [&](const std::vector<std::vector<properties::Gene>>& candidates,
                              const std::function<bool(const harness::SequenceResult&)>& same) {
        std::vector<std::shared_ptr<Task>> tasks;
        for (const auto& genes : candidates) {
          auto t = std::make_shared<Task>();
          t->genes = genes;
          t->n = current;
          tasks.push_back(std::move(t));
        }
        std::unique_lock lock(shrink_mutex_);
        for (std::size_t i = 1; i < tasks.size(); ++i) shrink_queue_.push_back(tasks[i]);
        shrink_cv_.notify_all();
        properties::BatchOutcome out;
        for (;;) {
          // Decided once every candidate before the first same failure has run.
          bool decided = false;
          for (std::size_t i = 0; i < tasks.size() && !decided; ++i) {
            Task& t = *tasks[i];
            if (t.state != Task::State::kDone) break;
            if (t.result.status == harness::SequenceResult::Status::kTargetError) {
              out.target_error = t.result.target_error;
              decided = true;
            } else if (same(t.result)) {
              out.chosen = i;
              out.result = std::move(t.result);
              out.sequence = std::move(t.sequence);
              decided = true;
            } else {
              decided = i + 1 == tasks.size();
            }
          }
          if (decided) break;
          std::shared_ptr<Task> t;
          if (tasks[0]->state == Task::State::kPending) {
            t = tasks[0];
            t->state = Task::State::kRunning;
          } else {
            t = take();  // one of ours, or another shrinking job's
          }
          if (t) {
            lock.unlock();
            run_task(*t);
            lock.lock();
          } else {
            const harness::SleepMeter::Away away;  // its candidates run on other leases
            shrink_cv_.wait(lock);
          }
        }
        for (const auto& t : tasks) {
          if (t->state == Task::State::kPending) t->state = Task::State::kCancelled;
          if (t->state != Task::State::kCancelled) ++out.runs;
        }
        return out;
      };
    }
    std::size_t reported = 0;
    auto progress = [&](std::size_t, const properties::SearchReport& r) {
      std::lock_guard lock(merge_mutex);
      for (; reported < r.findings.size(); ++reported) {
        const std::string& key = r.findings[reported].key;
        if (std::find(kept_keys.begin(), kept_keys.end(), key) == kept_keys.end()) {
          kept_keys.push_back(key);
        }
      }
      if (options.stop_at_max_findings && kept_keys.size() >= options.max_findings) stop_ = true;
    };
    reports[job] = properties::search(decoder, mine, execute, progress);
    if (!reports[job].target_error.empty()) stop_ = true;
  };

  const InterruptWatch watch(config_.interrupt, [this] { check_interrupt(); });
  if (jobs == 1) {
    run_job(0);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (std::size_t job = 0; job < jobs; ++job) threads.emplace_back(run_job, job);
    for (auto& t : threads) t.join();
  }

  properties::SearchReport merged;
  std::vector<properties::Finding> findings;
  for (std::size_t job = 0; job < jobs; ++job) {
    properties::SearchReport& r = reports[job];
    merged.sequences_run += r.sequences_run;
    merged.executions += r.executions;
    merged.stopped = merged.stopped || r.stopped;
    if (merged.target_error.empty() && !r.target_error.empty()) {
      merged.target_error =
          jobs == 1 ? r.target_error : "job " + std::to_string(job) + ": " + r.target_error;
    }
    for (properties::Finding& f : r.findings) {
      f.sequence_number = global(job, f.sequence_number);
      findings.push_back(std::move(f));
    }
  }
  // When jobs or clients found the same key, or more keys than --max-failures, keep the ones
  // shrunk furthest (another job's stop can cut a shrink short), then the earliest found; of one
  // key's, the shortest of those shrunk as far (clients that shrink one key at once on a real
  // clock are both cut off by the first to finish, one of them mid-way).
  auto rank = [](const properties::Finding& f) {
    return f.shrink == properties::Finding::Shrink::kDone          ? 0
           : f.shrink == properties::Finding::Shrink::kBudgetSpent ? 1
                                                                   : 2;
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const auto& a, const auto& b) {
    return std::tuple(rank(a), a.minimal.size(), a.sequence_number) <
           std::tuple(rank(b), b.minimal.size(), b.sequence_number);
  });
  std::vector<properties::Finding> best;  // one per key, in the order above
  for (properties::Finding& f : findings) {
    if (!properties::has_finding(best, f.key)) best.push_back(std::move(f));
  }
  findings = std::move(best);
  std::stable_sort(findings.begin(), findings.end(), [&](const auto& a, const auto& b) {
    return std::pair(rank(a), a.sequence_number) < std::pair(rank(b), b.sequence_number);
  });
  for (properties::Finding& f : findings) {
    if (!properties::has_finding(merged.findings, f.key) &&
        merged.findings.size() < options.max_findings) {
      merged.findings.push_back(std::move(f));
    }
  }
  std::stable_sort(merged.findings.begin(), merged.findings.end(),
                   [](const auto& a, const auto& b) {
                     return a.sequence_number < b.sequence_number;  // reporting order
                   });
  return finish(std::move(merged));
}

Result Session::judge(const std::vector<Given>& given) {
  bus_.emit(config_.header);
  const harness::SleepMeter::Client client(meter_);
  properties::SearchReport report;
  std::vector<events::ShrinkState> states;
  const InterruptWatch watch(config_.interrupt, [this] { check_interrupt(); });
  for (std::size_t i = 0; i < given.size() && !check_interrupt(); ++i) {
    bus_.emit(events::SequenceStarted{i, harness::to_json(given[i].sequence)});
    harness::SequenceResult result = execute(0, given[i].sequence, i, events::Phase::kReplay,
                                             config_.run_id + "-" + std::to_string(i));
    ++report.sequences_run;
    ++report.executions;
    if (result.status == harness::SequenceResult::Status::kTargetError) {
      report.target_error = result.target_error;
      break;
    }
    if (result.status != harness::SequenceResult::Status::kNonConformant) continue;
    properties::Finding f;
    f.key = result.failure->key ? result.failure->key->str() : std::string("?");
    if (properties::has_finding(report.findings, f.key)) continue;
    f.minimal = given[i].sequence;
    f.sequence_number = i;
    f.original_steps = given[i].original_steps;
    f.result = std::move(result);
    f.shrink = given[i].shrink == events::ShrinkState::kShrunk ? properties::Finding::Shrink::kDone
               : given[i].shrink == events::ShrinkState::kPartlyShrunk
                   ? properties::Finding::Shrink::kBudgetSpent
                   : properties::Finding::Shrink::kStopped;
    report.findings.push_back(std::move(f));
  }
  return finish(std::move(report));
}

Result Session::finish(properties::SearchReport report) {
  check_interrupt();
  if (config_.cut_short) interrupted_ = true;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const properties::Finding& f = report.findings[i];
    events::FindingReported e;
    e.number = i + 1;
    if (f.result.failure) {
      e.verdict = *f.result.failure;
      if (f.result.failure->key) e.key = *f.result.failure->key;
    }
    e.minimal = harness::to_json(f.minimal);
    e.records = f.result.records;
    e.shrink = shrink_state(f);
    e.sequence = f.sequence_number;
    e.original_steps = f.original_steps;
    e.shrink_runs = f.shrink_runs;
    if (config_.write_replay) e.replay_file = config_.write_replay(f, e.number);
    bus_.emit(e);
  }
  Result out;
  events::RunFinished& s = out.finished;
  s.sequences = report.sequences_run;
  s.executions = report.executions;
  {
    std::lock_guard lock(counts_mutex_);
    s.requests = requests_;
    s.shrink_requests = shrink_requests_;
    s.left_behind = left_behind_;
    s.unknown_races = unknown_races_;
    s.peak_live_pairs = peak_live_pairs_;
    for (const model::RuleInfo& r : model::all_rules()) {
      if (!exercised_.contains(r.rule) && !config_.header.unreachable.contains(std::string(r.id))) {
        s.not_reached.emplace_back(r.id);
      }
    }
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.asleep_ms = meter_.asleep_ms();
  s.wall_ms = meter_.wall_ms();
  s.findings = report.findings.size();
  s.target_error = report.target_error;
  s.interrupted = interrupted_;
  s.exit_code = !s.target_error.empty() ? 2 : s.interrupted ? 130 : s.findings > 0 ? 1 : 0;
  if (s.exit_code == 0 && config_.header.require_all_rules && !s.not_reached.empty()) {
    s.exit_code = 1;  // --require-all-rules: a reachable rule was not reached
  }
  if (s.exit_code == 0 && config_.header.strict && s.unknown_races > 0) {
    s.exit_code = 1;  // --strict: a race the search could not decide is not a pass
  }
  bus_.emit(s);
  out.report = std::move(report);
  return out;
}

}  // namespace paircheck::session
