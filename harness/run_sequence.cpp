#include "harness/run_sequence.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "harness/observe.hpp"
#include "harness/race.hpp"
#include "harness/sleep_meter.hpp"
#include "harness/transient_watch.hpp"

#include "models/diagnose.hpp"
#include "models/json_io.hpp"
#include "models/status.hpp"

namespace paircheck::harness {
namespace {

class Runner {
 public:
  Runner(Target& target, model::BeliefSet& beliefs, const RunOptions& options,
         const StepObserver& observer)
      : target_(target),
        beliefs_(beliefs),
        options_(options),
        observer_(observer),
        watch_(beliefs.profile()) {}

  SequenceResult run(const Sequence& sequence) {
    for (std::size_t i = 0; i < sequence.size() && result_.conformant() && !stopped() && !unjudged_;
         ++i) {
      step_index_ = i;
      const Step& step = sequence[i];
      switch (step.kind) {
        case Step::Kind::kCall:
          call(resolve(step.request));
          break;
        case Step::Kind::kWait:
          wait(step.seconds);
          break;
        case Step::Kind::kSettle:
          settle(step.slot);
          break;
        case Step::Kind::kRace:
          race(step.racing);
          break;
      }
    }
    result_.transient_known = watch_.known();
    return std::move(result_);
  }

 private:
  std::string pair_in_slot(std::size_t slot) const {
    return slot < result_.created.size() ? result_.created[slot].id : std::string(kUnknownPairId);
  }

  // Placeholders (sequence.hpp) become what this sequence has seen so far.
  model::Request resolve(model::Request request) const {
    for (auto& [name, value] : request.params) value = resolve_list(value);
    if (request.envelope.nonce.starts_with("{nonce:")) {
      request.envelope.nonce = options_.unique_prefix + "-n" + request.envelope.nonce.substr(7);
      request.envelope.nonce.pop_back();
    }
    return request;
  }

  // Placeholders resolve wherever they sit in a value: alone, as items of a comma list with its
  // blanks and gaps kept ("{pair:0}, {pair:1},", the PairIds off-forms of contract §11 "P2
  // lists"), or inside an off-form ("9{tok:4}", "https://{tok:2}"). A placeholder left literal
  // would be the same string in every sequence, and two sequences sharing a target would collide
  // on it (one client's ClientToken replayed by another with other parameters).
  std::string resolve_list(const std::string& value) const {
    if (value.find('{') == std::string::npos) return value;
    std::string out;
    std::size_t at = 0;
    while (at < value.size()) {
      const std::size_t open = value.find('{', at);
      const std::size_t close = open == std::string::npos ? open : value.find('}', open);
      if (close == std::string::npos) break;
      const std::string candidate = value.substr(open, close - open + 1);
      const std::string resolved = resolve_value(candidate);
      out += value.substr(at, open - at);
      if (resolved != candidate) {
        out += resolved;
        at = close + 1;
      } else {
        out += '{';
        at = open + 1;
      }
    }
    return out + value.substr(std::min(at, value.size()));
  }

  std::string resolve_value(const std::string& value) const {
    if (value == "{next}") return next_token_;
    if (value == "{pairs}") {  // every pair this sequence created, for a PairIds filter
      std::string ids;
      for (const CreatedPair& p : result_.created) ids += (ids.empty() ? "" : ",") + p.id;
      return ids.empty() ? std::string(kUnknownPairId) : ids;
    }
    if (!value.starts_with("{") || !value.ends_with("}")) return value;
    const auto colon = value.find(':');
    if (colon == std::string::npos) return value;
    const std::string kind = value.substr(1, colon - 1);
    const std::string number = value.substr(colon + 1, value.size() - colon - 2);
    if (number.empty() || number.size() > 4 ||
        !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return value;
    }
    const std::size_t n = std::stoul(number);
    if (kind == "tok") return options_.unique_prefix + "-t" + number;
    if (kind == "pair") return pair_in_slot(n);
    if (kind == "primary" || kind == "standby") {
      const bool primary = kind == "primary";
      if (n < result_.created.size()) {
        return primary ? result_.created[n].region : result_.created[n].standby_region;
      }
      return fallback_region(primary ? 0 : 1);
    }
    return value;
  }

  std::string fallback_region(std::size_t which) const {
    std::vector<std::string> regions;
    for (const auto& d : beliefs_.universe().disks) {
      if (std::find(regions.begin(), regions.end(), d.region_id) == regions.end()) {
        regions.push_back(d.region_id);
      }
    }
    return which < regions.size() ? regions[which] : "cn-nowhere";
  }

  void fail_target(std::string why) {
    result_.status = SequenceResult::Status::kTargetError;
    result_.target_error = std::move(why);
  }

  void fail(model::Verdict verdict) {
    result_.status = SequenceResult::Status::kNonConformant;
    result_.failing_step = step_index_;
    result_.failure = std::move(verdict);
  }

  // Sends one request and judges the answer; returns the response if one arrived and conformed.
  std::optional<model::Observed> call(model::Request request) {
    auto observed = send_once(request);
    for (int retry = 0; !observed && result_.conformant() && retry < options_.unknown_retries;
         ++retry) {
      request.envelope.nonce.clear();  // a new request (fresh nonce) with the same ClientToken
      observed = send_once(request);   // M2, then I1 must make the retry converge
    }
    if (!observed && result_.conformant() && !last_was_response_) {
      fail_target("no response after " + std::to_string(options_.unknown_retries + 1) +
                  " attempts of " + request.action + ": " + last_detail_);
    }
    return result_.conformant() ? observed : std::nullopt;
  }

  std::optional<model::Observed> send_once(model::Request& request) {
    request.time.sent_ms = target_.now_ms();
    WireResult wire = target_.send(request);
    request.time.received_ms = std::max(target_.now_ms(), request.time.sent_ms);
    last_was_response_ = wire.kind == WireResult::Kind::kResponse;
    last_detail_ = wire.detail;
    if (wire.kind == WireResult::Kind::kNotSent) {
      fail_target(wire.detail);
      return std::nullopt;
    }
    std::optional<model::Observed> observed = judge(request, wire);
    if (!result_.conformant()) return std::nullopt;
    if (observed && observed->code.empty()) learn(request, *observed);
    if (!observed && request.action == "AttachDisk" &&
        beliefs_.universe().disk(model::find_param(request.params, "DiskId").value_or("")) &&
        beliefs_.universe().instance(
            model::find_param(request.params, "InstanceId").value_or(""))) {
      // No answer (M2): the disk may be attached, and AttachDisk has no token to ask again with;
      // cleanup detaches it (a disk that is not attached is "already gone" there).
      const Attachment disk{model::find_param(request.params, "InstanceId").value_or(""),
                            model::find_param(request.params, "DiskId").value_or("")};
      if (std::find(result_.attached.begin(), result_.attached.end(), disk) ==
          result_.attached.end()) {
        result_.attached.push_back(disk);
      }
    }
    // The nemesis sent the identical bytes again (nemesis.hpp, duplicate): each answer is judged
    // as the same request with its nonce reused, so G8 must have rejected it, with no 2nd effect.
    for (const WireResult& again : wire.repeats) {
      if (again.kind == WireResult::Kind::kNotSent) continue;  // it never left: nothing to judge
      model::Request copy = request;
      copy.envelope.nonce_reused = true;
      judge(copy, again);
      if (!result_.conformant()) return std::nullopt;
    }
    return observed;
  }

  // Judges one answer (or its absence, M2) and records it; fails the sequence when no state
  // explains it. Returns the answer as the model saw it (projected onto the lease).
  std::optional<model::Observed> judge(const model::Request& request, const WireResult& wire) {
    const std::string pair_id = model::find_param(request.params, "ReplicaPairId").value_or("");
    model::PairStatusSet before = beliefs_.possible_statuses(pair_id);
    std::optional<model::Observed> observed;
    model::Verdict verdict;
    if (wire.kind == WireResult::Kind::kResponse) {
      observed = observe(request.action, wire);
      if (options_.lease != nullptr && request.action == "DescribeDiskReplicaPairs") {
        project(*options_.lease, request, *observed);
      }
      verdict = beliefs_.observe(request, *observed);
      if (wire.document) discount_direct(verdict);
    } else {
      verdict = beliefs_.observe_unknown(request);
    }
    if (!settling_.empty() && observed && verdict.conformant) credit_settle(*observed, verdict);
    if (!observed) {
      watch_.forget(pair_id);  // M2: it may have acted, so a new status proves nothing of time
    } else if (verdict.conformant && watch_.observe(request, *observed) &&
               options_.transient_ended != nullptr) {
      options_.transient_ended->store(true);
    }
    model::StepRecord record = beliefs_.record(result_.records.size(), request,
                                               observed ? &*observed : nullptr, verdict, before);
    // An answer no state explains names the A rule whose other setting explains it (issue 11),
    // before the observer writes the step to the run log, so that the log and the finding agree.
    if (!verdict.conformant &&
        model::diagnose_and_attribute(beliefs_.universe(), beliefs_.profile(), result_.records,
                                      record)) {
      verdict = record.verdict;
    }
    record.step = step_index_;
    if (observer_) observer_(record);
    result_.records.push_back(std::move(record));
    result_.record_step.push_back(step_index_);
    if (!verdict.conformant) fail(std::move(verdict));
    return observed;
  }

  // A race step (race.hpp): every request at once, one target handle each, judged together: the
  // answers conform iff some order consistent with their intervals explains them all.
  void race(const std::vector<model::Request>& racing) {
    while (forks_.size() + 1 < racing.size()) {
      std::unique_ptr<Target> fork = target_.fork();
      if (!fork) return fail_target(target_.describe() + " cannot take concurrent requests (race)");
      forks_.push_back(std::move(fork));
    }
    std::vector<Target*> handles;
    std::vector<model::Request> requests;
    for (std::size_t i = 0; i < racing.size(); ++i) {
      handles.push_back(i == 0 ? &target_ : forks_[i - 1].get());
      requests.push_back(resolve(racing[i]));
      // In an order still open, what a race did to its pair says nothing about time.
      watch_.forget(model::find_param(requests.back().params, "ReplicaPairId").value_or(""));
    }
    // A virtual clock stands still while they are in flight, unless other clients move it too:
    // then a Start judged at one instant met a cooldown the target had already left (a false O3).
    std::optional<std::int64_t> instant;
    if (ClockControl* clock = target_.clock(); clock != nullptr && !clock->shared()) {
      instant = target_.now_ms();
    }
    const std::vector<RaceSent> sent = send_at_once(handles, std::move(requests), instant);
    for (const RaceSent& s : sent) {
      if (s.wire.kind == WireResult::Kind::kNotSent) return fail_target(s.wire.detail);
    }
    const std::vector<model::TimedCall> calls = timed_calls(sent, options_.lease);
    model::Linearized judged = model::linearize(beliefs_, calls, {}, result_.records.size());
    using Result = model::Linearized::Result;
    for (std::size_t i = 0; i < judged.records.size(); ++i) {
      model::StepRecord& record = judged.records[i];
      if (judged.result == Result::kUnknown) record.verdict = race_unknown(judged);
      if (sent[i].wire.document) discount_direct(record.verdict);
      record.step = step_index_;
      if (observer_) observer_(record);
      result_.records.push_back(std::move(record));
      result_.record_step.push_back(step_index_);
    }
    if (judged.result == Result::kNotLinearizable) return fail(race_failure(judged, calls));
    if (judged.result == Result::kUnknown) {  // the belief set cannot follow: stop judging here
      ++result_.unknown_races;
      unjudged_ = true;
      return;
    }
    for (std::size_t i : judged.order) {
      if (calls[i].observed && calls[i].observed->code.empty()) {
        learn(calls[i].request, *calls[i].observed);
      }
    }
  }

  // M3 was checked when a settle poll sees its pair leave the transient status it waited in. A
  // read that fills the wait counts as much as the settle's own poll: a pair cycling normal <->
  // syncing is seen to move by whichever answer shows it first.
  void credit_settle(const model::Observed& observed, model::Verdict& verdict) {
    for (const auto& p : observed.pairs) {
      if (p.replica_pair_id == settling_ && p.status != settle_first_) {
        verdict.exercised.insert(model::RuleId::kM3);
        settle_moved_ = true;
      }
    }
  }

  void learn(const model::Request& request, const model::Observed& observed) {
    auto param = [&](const char* name) {
      return model::find_param(request.params, name).value_or("");
    };
    if (request.action == "CreateDiskReplicaPair" && !observed.replica_pair_id.empty() &&
        std::none_of(result_.created.begin(), result_.created.end(),
                     [&](const CreatedPair& p) { return p.id == observed.replica_pair_id; })) {
      result_.created.push_back(
          {observed.replica_pair_id, param("RegionId"), param("DestinationRegionId")});
    }
    const Attachment disk{param("InstanceId"), param("DiskId")};
    if (request.action == "AttachDisk" &&
        std::find(result_.attached.begin(), result_.attached.end(), disk) ==
            result_.attached.end()) {
      result_.attached.push_back(disk);
    }
    if (request.action == "DetachDisk") std::erase(result_.attached, disk);
    // {next} follows the paging calls only (settle polls are Describes too).
    if (request.action == "DescribeDiskReplicaPairs" &&
        (model::find_param(request.params, "MaxResults") ||
         model::find_param(request.params, "NextToken"))) {
      next_token_ = observed.next_token.value_or("");
    }
  }

  void wait(double seconds) {
    if (seconds <= 0) return;
    if (ClockControl* clock = target_.clock()) {
      if (auto error = clock->advance(seconds); !error.empty()) fail_target(error);
      return;
    }
    // Sleep in slices, so that an interrupt cuts a long wait short.
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                           std::min(seconds, options_.max_real_wait_s)));
    while (!stopped() && result_.conformant() && !settle_moved_ && Clock::now() < until) {
      if (options_.fill_waits && !reading_) {
        read_while_waiting();  // judged, and where in-between statuses show (harness.md)
        if (options_.read_gap_s <= 0) continue;
      }
      const Clock::duration slice = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(options_.fill_waits ? options_.read_gap_s : 0.05));
      sleep_for(std::min(until - Clock::now(), slice));  // metered (sleep_meter.hpp)
    }
  }

  // One read of what this sequence created, in turn: a Describe of the pair, then its Progress;
  // a Describe of the first region before anything exists. Reads change nothing, so a wait filled
  // with them is still a wait for the contract, and every answer is judged.
  void read_while_waiting() {
    reading_ = true;
    struct Done {
      bool& flag;
      ~Done() { flag = false; }
    } done{reading_};
    model::Request read;
    read.envelope.version = std::string(model::kEbsVersion);
    const std::size_t turn = reads_++;
    if (result_.created.empty()) {
      read.action = "DescribeDiskReplicaPairs";
      read.params = {{"RegionId", fallback_region(0)}};
    } else {
      const CreatedPair& pair = result_.created[(turn / 2) % result_.created.size()];
      if (turn % 2 == 0) {
        read.action = "DescribeDiskReplicaPairs";
        read.params = {{"RegionId", pair.region}, {"PairIds", pair.id}};
      } else {
        read.action = "DescribeDiskReplicaPairProgress";
        read.params = {{"RegionId", pair.region}, {"ReplicaPairId", pair.id}};
      }
    }
    call(read);
  }

  bool stopped() const {
    return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed);
  }

  // M3 needs time to pass on the target: with no clock control, and no transient status seen
  // ending anywhere in the run, a status that never moves says more about the set-up (a virtual
  // clock nobody moves) than about the target. One pair stuck while others move is still M3.
  bool clock_may_stand_still() {
    return target_.clock() == nullptr && options_.transient_ended != nullptr &&
           !options_.transient_ended->load();
  }

  // The pair's status as one Describe shows it, from either site of the region it was created in.
  std::optional<std::string> poll_status(const std::string& pair_id, const std::string& region) {
    for (const char* site : {"production", "backup"}) {
      model::Request describe;
      describe.action = "DescribeDiskReplicaPairs";
      describe.envelope.version = std::string(model::kEbsVersion);
      describe.params = {{"RegionId", region}, {"PairIds", pair_id}, {"Site", site}};
      auto observed = call(describe);
      if (!observed) return std::nullopt;
      for (const auto& p : observed->pairs) {
        if (p.replica_pair_id == pair_id) return p.status;
      }
    }
    return std::string("deleted");  // listed nowhere: gone
  }

  // M3: a transient status must end within settle_timeout_s (a cyclic one must at least change).
  void settle(std::size_t slot) {
    if (slot >= result_.created.size()) return;
    struct Done {
      std::string& settling;
      bool& moved;
      ~Done() {
        settling.clear();
        moved = false;
      }
    } done{settling_, settle_moved_};
    const std::string pair_id = result_.created[slot].id;
    const std::string region = result_.created[slot].region;
    const std::int64_t start = target_.now_ms();
    double pause = options_.first_poll_s;
    std::optional<std::string> first;
    for (std::size_t poll = 0; result_.conformant() && !stopped(); ++poll) {
      // The answer tells of a moment after this: with other clients moving the clock (or a slow
      // answer), the time it arrived says nothing about how long the status had lasted.
      const std::int64_t asked_ms = target_.now_ms();
      auto status = poll_status(pair_id, region);
      if (!status) return;
      auto parsed = model::parse_status(*status);
      if (!parsed || !model::is_transient(*parsed)) return;
      if (!first) {
        first = *status;
        settling_ = pair_id;  // later polls that see it change are where M3 was checked
        settle_first_ = *status;
      }
      if (*first != *status || settle_moved_) return;
      double waited_s = static_cast<double>(asked_ms - start) / 1000.0;
      if (waited_s >= options_.settle_timeout_s) {
        settling_.clear();
        if (clock_may_stand_still()) {
          return fail_target(
              frozen_clock_hint(target_.plain().describe(), options_.settle_timeout_s));
        }
        const std::string evidence =
            "pair " + pair_id + " still '" + *status + "' after " +
            std::to_string(static_cast<long long>(waited_s)) + " s (settle_timeout_s " +
            std::to_string(static_cast<long long>(options_.settle_timeout_s)) + ")";
        fail(stuck_verdict(*status, evidence));
        return;
      }
      wait(std::min(poll_pause(pause, poll), options_.settle_timeout_s - waited_s + 0.001));
      pause = std::min(pause * 2, options_.max_poll_s);
    }
  }

  // On a real clock, pauses that double from a round number soon become whole multiples of a
  // cyclic status's period (10, 20, 40 ms... against a 40 ms normal <-> syncing cycle), and every
  // poll then lands in the same phase: a pair that moves looks stuck. So each pause is stretched by
  // a fraction in [0, 1/2) from the golden-ratio sequence, which never repeats a phase. A clock the
  // run moves itself keeps the plain schedule, so a seed replays the same requests.
  double poll_pause(double pause, std::size_t poll) const {
    if (target_.clock() != nullptr) return pause;
    constexpr double kGolden = 0.6180339887498949;
    const double fraction = static_cast<double>(poll + 1) * kGolden;
    return pause * (1 + 0.5 * (fraction - std::floor(fraction)));
  }

  Target& target_;
  model::BeliefSet& beliefs_;
  const RunOptions& options_;
  const StepObserver& observer_;
  SequenceResult result_;
  std::size_t step_index_ = 0;
  std::string next_token_;
  bool last_was_response_ = true;
  std::string last_detail_;
  bool reading_ = false;       // a read that fills a wait is in flight
  std::size_t reads_ = 0;      // reads sent to fill waits, to take turns
  std::string settling_;       // the pair a settle step is waiting for, if any
  std::string settle_first_;   // the transient status it was first seen in
  bool settle_moved_ = false;  // an answer during the settle showed its pair out of settle_first_
  std::vector<std::unique_ptr<Target>> forks_;  // race steps: more handles to the target
  TransientWatch watch_;                        // whether this sequence saw time move
  bool unjudged_ = false;  // a race the model could not judge (kUnknown) ended the sequence
};

}  // namespace

model::Verdict stuck_verdict(const std::string& status, const std::string& evidence) {
  model::Verdict v;
  v.conformant = false;
  v.rule_ids = {model::RuleId::kM3};
  v.exercised = {model::RuleId::kM3};
  v.violations = {{model::RuleId::kM3, evidence}};
  v.message = "[M3] " + evidence;
  v.allowed = {"a status other than '" + status + "' within settle_timeout_s [M3]"};
  v.key = model::FindingKey{model::RuleId::kM3, "DescribeDiskReplicaPairs", 0, status};
  return v;
}

SequenceResult run_sequence(Target& target, model::BeliefSet& beliefs, const Sequence& sequence,
                            const RunOptions& options, const StepObserver& observer) {
  return Runner(target, beliefs, options, observer).run(sequence);
}

}  // namespace paircheck::harness
