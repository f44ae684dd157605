// A Session owns the run wrapper that `paircheck run`, `fuzz`, `replay` and the property tests
// share: each execution on a clean target (reset, or cleaned up after itself when the target
// cannot be reset), judged by a fresh belief set through harness::run_sequence, the search and
// its shrinking, parallel jobs, and the typed events (events/run_events.hpp) every output is made
// from. One definition of a finding (model::FindingKey), one count.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "events/run_events.hpp"
#include "harness/pair_budget.hpp"
#include "harness/run_sequence.hpp"
#include "harness/sleep_meter.hpp"
#include "harness/target.hpp"
#include "models/profile.hpp"
#include "models/rules.hpp"
#include "models/universe.hpp"
#include "properties/search.hpp"

namespace paircheck::session {

// Fans each event out to the handlers, one event at a time (jobs emit from their threads), so
// the run log and the reports see the same events in the same order.
class EventBus {
 public:
  void add(events::Handler& handler) { handlers_.push_back(&handler); }
  void emit(const events::Event& event);

 private:
  std::mutex mutex_;
  std::vector<events::Handler*> handlers_;
};

struct Config {
  std::vector<harness::Target*> targets;  // one per job, each with state of its own...
  // ...or, with leases, one per client and all on ONE target (harness/lease.hpp): client i judges
  // its sequences over leases[i].universe, Describe answers projected onto its lease; the target is
  // reset once at the start if it can be, and each sequence cleans up after itself.
  std::vector<harness::Lease> leases;
  model::Universe universe;
  model::Profile profile;
  harness::RunOptions run;    // unique_prefix is set per execution from run_id
  std::string run_id = "pc";  // prefix of every ClientToken and nonce of the session
  events::RunStarted header;  // the run log's first line (mode, target, seed, ...)
  // Writes the replay file of finding `number` (1-based) and returns its path ("" for none).
  std::function<std::string(const properties::Finding&, std::size_t number)> write_replay;
  // Raised from a signal handler (Ctrl-C): the session stops as interrupt() does.
  const std::atomic<bool>* interrupt = nullptr;
  // fuzz: Ctrl-C stopped the campaign that found the given sequences. They are judged all the
  // same (they are what it found), and the summary says interrupted: reports incomplete, exit 130.
  bool cut_short = false;
  // --max-live-pairs: at most this many pairs of the run on the account at once (0: no cap).
  // Each job's disks must not form more pairs than this (check with pairs_per_job() first).
  std::size_t max_live_pairs = 0;
  // Steering (properties/steering.hpp): candidates drawn per generated sequence (1: none), and
  // the coverage map's reachable cells it steers toward (model::reachable_cells).
  std::size_t steer_candidates = 1;
  std::set<std::string> reachable_cells;
};

// The most pairs one job (a client on its lease, or a job on the whole fixture) can have at once.
std::vector<std::size_t> pairs_per_job(const Config& config);

// How far the search minimised a finding, as the run log and the failure file say it.
events::ShrinkState shrink_state(const properties::Finding& f);

// A sequence to judge once (replay, fuzz artifacts), with how far it was minimised already.
struct Given {
  harness::Sequence sequence;
  events::ShrinkState shrink = events::ShrinkState::kShrunk;
  std::size_t original_steps = 0;
};

struct Result {
  properties::SearchReport report;  // findings in reporting order
  events::RunFinished finished;     // the summary line, as emitted
};

class Session {
 public:
  Session(Config config, EventBus& bus);

  // run and the properties: generates, judges and shrinks (properties::search) over every job.
  Result search(const properties::SearchOptions& options);
  // replay and fuzz: each given sequence once, on a clean target.
  Result judge(const std::vector<Given>& given);
  // Ctrl-C: stop generating after the sequences in flight; what was judged is reported.
  void interrupt() {
    stop_ = true;
    interrupted_ = true;
  }

 private:
  struct Job;
  struct ShrinkTask;  // a shrink candidate any job may run on its own lease
  bool check_interrupt();
  harness::SequenceResult execute(std::size_t job, const harness::Sequence& sequence, std::size_t n,
                                  events::Phase phase, const std::string& prefix);
  bool shared_target() const { return !config_.leases.empty(); }
  void pairs_gone(const std::vector<harness::CreatedPair>& created,
                  const std::vector<std::string>& failed);
  void emit_records(std::size_t n, events::Phase phase, const model::StepRecord& record);
  Result finish(properties::SearchReport report);

  Config config_;
  EventBus& bus_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> interrupted_{false};
  // Some client saw a transient status end (RunOptions::transient_ended): the target's time moves.
  std::atomic<bool> transient_ended_{false};
  std::mutex counts_mutex_;
  std::size_t requests_ = 0, shrink_requests_ = 0;
  std::vector<std::string> left_behind_;
  std::size_t unknown_races_ = 0;
  model::RuleSet exercised_;  // by the judged steps of generated and replayed sequences
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  harness::SleepMeter meter_;                    // every client thread's sleeps (asleep_ms)
  std::vector<std::size_t> job_pairs_;           // pairs_per_job(config_)
  std::unique_ptr<harness::PairBudget> budget_;  // --max-live-pairs, null: no cap
  // Accepted Creates not yet seen gone, each with its two disks: a later accepted Create on one
  // of them shows the earlier pair gone (O1: a disk is in at most one live pair).
  std::map<std::string, std::pair<std::string, std::string>> live_pairs_;
  std::size_t peak_live_pairs_ = 0;
  // Shrink candidates waiting for a job (search: one job shrinks, the others lend their leases
  // between their own sequences).
  std::mutex shrink_mutex_;
  std::condition_variable shrink_cv_;
  std::deque<std::shared_ptr<ShrinkTask>> shrink_queue_;
  std::size_t shrinkers_ = 0;  // jobs shrinking a finding: the others run its candidates first
};

}  // namespace paircheck::session
