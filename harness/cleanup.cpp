#include "harness/cleanup.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <utility>

#include "harness/sleep_meter.hpp"
#include "models/json_io.hpp"
#include "models/requests.hpp"
#include "models/status.hpp"

namespace paircheck::harness {
namespace {

enum class Outcome : std::uint8_t { kReleased, kAlreadyGone, kLeft, kStuck };

// What the target says of one pair: its status where a site lists it; else, when some Describe
// did not answer cleanly, why its absence proves nothing.
struct Seen {
  std::string status;  // "" when no site lists it
  std::string doubt;   // "" when every Describe answered
};

class Cleaner {
 public:
  Cleaner(Target& target, const CleanupOptions& options) : target_(target), options_(options) {}

  model::Observed send(model::Request request) {
    request.time.sent_ms = target_.now_ms();
    WireResult wire = target_.send(request);
    if (!wire.ok()) {
      model::Observed o;  // http_status 0: the request may or may not have been applied
      o.code = "(no response: " + wire.detail + ")";
      return o;
    }
    return model::parse_observed(request.action, wire.status, wire.body);
  }

  bool stopped() const { return options_.stop != nullptr && options_.stop->load(); }

  void pause(double seconds) {
    if (ClockControl* clock = target_.clock()) {
      clock->advance(seconds);
      return;
    }
    // In slices of at most 50 ms, so that Ctrl-C cuts a long pause short.
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                       std::chrono::duration<double>(seconds));
    while (!stopped() && Clock::now() < until) {
      const Clock::duration slice = std::chrono::milliseconds(50);
      sleep_for(std::min<Clock::duration>(until - Clock::now(), slice));  // metered
    }
  }

  Seen status_of(const CreatedPair& p) {
    Seen seen;
    for (const std::string& region : {p.region, p.standby_region}) {
      for (const char* site : {"production", "backup"}) {
        model::Request r = model::requests::describe(region, std::string(site));
        model::requests::set_param(r, "PairIds", p.id);
        model::Observed o = send(r);
        for (const auto& listed : o.pairs) {
          if (listed.replica_pair_id == p.id) return {listed.status, ""};
        }
        if (seen.doubt.empty() && (!o.code.empty() || !o.shape_error.empty())) {
          seen.doubt = "DescribeDiskReplicaPairs in '" + region + "' (" + site + ") answered " +
                       (o.code.empty() ? "a malformed 200: " + o.shape_error : o.code);
        }
      }
    }
    return seen;
  }

  // Tries `make(region)` in each of the pair's regions until one is accepted. Sets acted_ when
  // one was accepted, or may have been (no response).
  void in_either_region(const CreatedPair& p,
                        const std::function<model::Request(const std::string&)>& make) {
    for (const std::string& region : {p.region, p.standby_region}) {
      const model::Observed o = send(make(region));
      if (o.code.empty() || o.http_status == 0) acted_ = true;
      if (o.code.empty()) return;
    }
  }

  std::pair<Outcome, std::string> remove(const CreatedPair& p) {
    acted_ = false;
    double waited = 0, pause_s = options_.first_pause_s;
    std::string first, last;
    // The transient status the last round waited in (or the run last knew), with no call since.
    std::string waiting_in;
    if (auto it = options_.last_transient.find(p.id); it != options_.last_transient.end()) {
      waiting_in = it->second;
    }
    // One backoff for the pair: it starts again from first_pause_s whenever the status moves,
    // and doubles while it does not (a transient status, or an action that changed nothing).
    auto backoff = [&] {
      pause(pause_s);
      const double paused = pause_s;
      pause_s = std::min(pause_s * 2, 15.0);
      return paused;
    };
    for (int round = 0; round < options_.max_rounds * 4; ++round) {
      if (stopped()) return {Outcome::kLeft, p.id + ": not released: interrupted"};
      const Seen seen = status_of(p);
      const std::string& status = seen.status;
      if (status != last) pause_s = options_.first_pause_s;
      const bool unsure = status.empty() && !seen.doubt.empty();  // a Describe did not answer
      if (!waiting_in.empty() && status != waiting_in && !unsure) transient_ended_ = true;
      waiting_in.clear();
      if ((status.empty() && seen.doubt.empty()) || status == "deleted") {
        if (acted_) return {Outcome::kReleased, p.id + " deleted"};
        if (first.empty()) {
          return {Outcome::kAlreadyGone,
                  p.id + (status.empty() ? ": listed nowhere" : ": 'deleted'")};
        }
        return {Outcome::kAlreadyGone,
                p.id + ": gone without a call from cleanup (was '" + first + "')"};
      }
      if (status.empty()) return {Outcome::kLeft, p.id + ": cannot tell: " + seen.doubt};
      if (first.empty()) first = status;
      last = status;
      const std::string& id = p.id;
      if (status == "created") {
        in_either_region(
            p, [&](const std::string& r) { return model::requests::start(r, id, false); });
      } else if (status == "normal" || status == "syncing" || status == "initial_syncing" ||
                 status == "manual_syncing") {  // O4 accepts all four (syncing is transient too)
        in_either_region(p, [&](const std::string& r) { return model::requests::stop(r, id); });
      } else if (status == "stopped" || status == "failovered" || status == "invalid") {
        in_either_region(p, [&](const std::string& r) { return model::requests::remove(r, id); });
      } else if (auto parsed = model::parse_status(status);
                 parsed && model::is_transient(*parsed)) {
        if (waited > options_.settle_timeout_s) {
          stuck_status_ = status;
          return {Outcome::kStuck, p.id + ": still '" + status + "' after waiting"};
        }
        waiting_in = status;
        waited += backoff();
        continue;
      } else {  // *_failed: a failover is accepted from most, then delete
        in_either_region(p, [&](const std::string& r) { return model::requests::failover(r, id); });
      }
      backoff();
    }
    return {Outcome::kLeft, p.id + ": still '" + last + "' after " +
                                std::to_string(options_.max_rounds * 4) + " rounds"};
  }

  const std::string& stuck_status() const { return stuck_status_; }
  bool transient_ended() const { return transient_ended_; }

 private:
  Target& target_;
  const CleanupOptions& options_;
  bool acted_ = false;        // this pair: cleanup sent a call that was (or may have been) accepted
  std::string stuck_status_;  // the transient status the last kStuck pair stayed in
  bool transient_ended_ = false;  // a pair left the transient status cleanup waited in
};

}  // namespace

CleanupResult clean_up(Target& target, const std::vector<CreatedPair>& pairs,
                       const std::vector<Attachment>& attachments, const CleanupOptions& options) {
  Cleaner cleaner(target, options);
  CleanupResult result;
  // Detach first: an attached standby disk blocks Start (O2) and Reprotect (O6).
  std::set<std::pair<std::string, std::string>> detached;
  for (const Attachment& a : attachments) {
    if (!detached.insert({a.instance, a.disk}).second) continue;
    if (cleaner.stopped()) {
      result.failed.push_back(a.disk + " on " + a.instance + ": not detached: interrupted");
      continue;
    }
    model::Observed o = cleaner.send(model::requests::detach(a.instance, a.disk));
    if (o.code.empty()) {
      result.released.push_back(a.disk + " detached from " + a.instance);
    } else if (o.code == "IncorrectDiskStatus" || o.code == "InvalidDiskId.NotFound" ||
               o.code == "InvalidInstanceId.NotFound") {  // not attached there (any more)
      result.already_gone.push_back(a.disk + " not attached to " + a.instance +
                                    " (DetachDisk answered " + o.code + ")");
    } else {
      result.failed.push_back(a.disk + " on " + a.instance + ": DetachDisk answered " + o.code);
    }
  }
  std::set<std::string> seen;
  for (const CreatedPair& p : pairs) {
    if (!seen.insert(p.id).second) continue;
    auto [outcome, line] = cleaner.remove(p);
    switch (outcome) {
      case Outcome::kReleased:
        result.released.push_back(std::move(line));
        break;
      case Outcome::kAlreadyGone:
        result.already_gone.push_back(std::move(line));
        break;
      case Outcome::kLeft:
        result.failed.push_back(std::move(line));
        break;
      case Outcome::kStuck:
        result.failed.push_back(std::move(line));
        result.stuck.emplace_back(p.id, cleaner.stuck_status());
        break;
    }
  }
  result.transient_ended = cleaner.transient_ended();
  return result;
}

}  // namespace paircheck::harness
