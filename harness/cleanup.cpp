#include "harness/cleanup.hpp"

#include <chrono>
#include <functional>
#include <thread>

#include "models/json_io.hpp"
#include "models/requests.hpp"
#include "models/status.hpp"

namespace paircheck::harness {
namespace {

class Cleaner {
 public:
  Cleaner(Target& target, const CleanupOptions& options) : target_(target), options_(options) {}

  model::Observed send(model::Request request) {
    request.time.sent_ms = target_.now_ms();
    WireResult wire = target_.send(request);
    if (!wire.ok()) {
      model::Observed o;
      o.code = "(no response: " + wire.detail + ")";
      return o;
    }
    return model::parse_observed(request.action, wire.status, wire.body);
  }

  void pause(double seconds) {
    if (ClockControl* clock = target_.clock()) {
      clock->advance(seconds);
    } else {
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    }
  }

  // The pair's status, from whichever site lists it; "" when no site does (deleted).
  std::string status_of(const CreatedPair& p) {
    for (const std::string& region : {p.region, p.standby_region}) {
      for (const char* site : {"production", "backup"}) {
        model::Request r = model::requests::describe(region, std::string(site));
        model::requests::set_param(r, "PairIds", p.id);
        model::Observed o = send(r);
        for (const auto& listed : o.pairs) {
          if (listed.replica_pair_id == p.id) return listed.status;
        }
      }
    }
    return "";
  }

  // Tries `make(region)` in each of the pair's regions until one is accepted.
  bool in_either_region(const CreatedPair& p,
                        const std::function<model::Request(const std::string&)>& make) {
    for (const std::string& region : {p.region, p.standby_region}) {
      if (send(make(region)).code.empty()) return true;
    }
    return false;
  }

  std::string remove(const CreatedPair& p) {
    double waited = 0, pause_s = options_.first_pause_s;
    std::string last;
    for (int round = 0; round < options_.max_rounds * 4; ++round) {
      const std::string status = status_of(p);
      if (status.empty() || status == "deleted") return {};
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
        if (waited > options_.settle_timeout_s) return "still '" + status + "' after waiting";
        pause(pause_s);
        waited += pause_s;
        pause_s = std::min(pause_s * 2, 15.0);
        continue;
      } else {  // *_failed: a failover is accepted from most, then delete
        in_either_region(p, [&](const std::string& r) { return model::requests::failover(r, id); });
      }
      pause(options_.first_pause_s);
    }
    return "still '" + last + "' after " + std::to_string(options_.max_rounds * 4) + " rounds";
  }

 private:
  Target& target_;
  const CleanupOptions& options_;
};

}  // namespace

CleanupResult clean_up(Target& target, const std::vector<CreatedPair>& pairs,
                       const std::vector<Attachment>& attachments, const CleanupOptions& options) {
  Cleaner cleaner(target, options);
  CleanupResult result;
  // Detach first: an attached standby disk blocks Start (O2) and Reprotect (O6).
  for (const Attachment& a : attachments) {
    model::Observed o = cleaner.send(model::requests::detach(a.instance, a.disk));
    if (o.code.empty() || o.code == "IncorrectDiskStatus" || o.code == "InvalidDiskId.NotFound") {
      result.released.push_back(a.disk + " detached from " + a.instance);
    } else {
      result.failed.push_back(a.disk + " on " + a.instance + ": DetachDisk answered " + o.code);
    }
  }
  for (const CreatedPair& p : pairs) {
    if (auto why = cleaner.remove(p); why.empty()) {
      result.released.push_back(p.id + " deleted");
    } else {
      result.failed.push_back(p.id + ": " + why);
    }
  }
  return result;
}

}  // namespace paircheck::harness
