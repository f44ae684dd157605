#include "traces/offline_judge.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "harness/lease.hpp"
#include "harness/sequence.hpp"
#include "models/belief_set.hpp"
#include "models/diagnose.hpp"
#include "models/linearize.hpp"
#include "traces/partition.hpp"

namespace paircheck::traces {
namespace {

bool is_describe(const model::Request& r) { return r.action == "DescribeDiskReplicaPairs"; }

std::string token_key(const model::Request& r) {
  auto t = model::find_param(r.params, "ClientToken");
  return t && !t->empty() ? r.action + "|" + *t : std::string();
}

// The pair as a Describe listed it, in one status and direction, with or without a completed
// sync: one of the worlds a pair first seen mid-life may start in.
model::Pair seeded_pair(const model::ObservedPair& o, model::PairStatus status, bool swapped,
                        bool synced, std::int64_t start_ms, const model::Profile& profile) {
  model::Pair p;
  p.id = o.replica_pair_id;
  p.status = status;
  p.name = o.pair_name.value_or("");
  p.description = o.description.value_or("");
  p.source = {o.source_region.value_or(""), o.source_zone_id.value_or(""),
              o.source_disk_id.value_or("")};
  p.destination = {o.destination_region.value_or(""), o.destination_zone_id.value_or(""),
                   o.destination_disk_id.value_or("")};
  if (swapped) std::swap(p.source, p.destination);
  p.primary_region = o.primary_region.value_or(p.source.region);
  p.primary_zone = o.primary_zone.value_or(p.source.zone);
  p.standby_region = o.standby_region.value_or(p.destination.region);
  p.standby_zone = o.standby_zone.value_or(p.destination.zone);
  if (o.rpo) p.rpo = *o.rpo;
  if (o.bandwidth) p.bandwidth = *o.bandwidth;
  if (o.charge_type) p.charge_type = *o.charge_type;
  // A OneShot start may have been accepted just before the trace began: cooldown (O3) may run.
  p.last_oneshot = model::MsInterval{start_ms - profile.cooldown_ms(), start_ms};
  p.synced = synced;
  return p;
}

class GroupJudge {
 public:
  GroupJudge(const Trace& trace, const Group& group, const CheckOptions& options,
             const std::set<std::string>& every_disk, std::size_t n, events::Handler& out,
             CheckSummary& summary, std::set<model::FindingKey>& reported)
      : trace_(trace),
        group_(group),
        options_(options),
        n_(n),
        out_(out),
        summary_(summary),
        reported_(reported) {
    order_ = group.calls;
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      const TraceCall& x = trace.calls[a];
      const TraceCall& y = trace.calls[b];
      return std::pair(x.request.time.sent_ms, x.wall_from_us) <
             std::pair(y.request.time.sent_ms, y.wall_from_us);
    });
    lease_.number = n;
    lease_.universe = options.universe;
    lease_.mine = group.disks;
    lease_.fixture = every_disk;
    lease_.foreign = harness::ForeignPairs::kIgnore;
  }

  void run() {
    harness::Sequence steps;
    for (std::size_t i : order_)
      steps.emplace_back(harness::Step::Kind::kCall, call(i).request, 0, 0);
    sequence_json_ = harness::to_json(steps);
    out_.handle(events::SequenceStarted{n_, sequence_json_});
    std::optional<model::BeliefSet> beliefs;
    if (group_.fresh) {
      beliefs.emplace(options_.universe, options_.profile);
    } else {
      drop_unknown_pairs();
      std::string why;
      std::vector<model::World> worlds = initial_worlds(why);
      if (!why.empty()) return skip_from(0, why);
      beliefs.emplace(options_.universe, options_.profile, std::move(worlds));
    }
    std::size_t at = 0;
    while (at < order_.size()) {
      // A piece: calls that overlap in time, or one call alone.
      std::size_t end = at + 1;
      std::int64_t until = call(order_[at]).request.time.received_ms;
      std::int64_t until_us = call(order_[at]).wall_to_us;
      const auto overlaps = [&](const TraceCall& c) {
        return c.request.time.sent_ms < until ||
               (c.wall_from_us >= 0 && until_us >= 0 && c.wall_from_us < until_us);
      };
      while (end < order_.size() && overlaps(call(order_[end]))) {
        until = std::max(until, call(order_[end]).request.time.received_ms);
        until_us = std::max(until_us, call(order_[end]).wall_to_us);
        ++end;
      }
      if (end - at > kMostSearched && leave_out_empty_reads(at, end)) continue;  // cut again
      const bool go_on = end - at == 1 ? judge_one(*beliefs, at) : judge_piece(*beliefs, at, end);
      if (!go_on) return;
      at = end;
    }
  }

 private:
  const TraceCall& call(std::size_t i) const { return trace_.calls[i]; }

  // The answer as this group's belief set sees it: a Describe projected onto the group's disks.
  std::optional<model::Observed> seen(const TraceCall& c) {
    std::optional<model::Observed> o = c.observed;
    if (o && is_describe(c.request)) harness::project(lease_, c.request, *o);
    return o;
  }

  std::vector<model::World> initial_worlds(std::string& why) const {
    std::set<std::string> created;
    std::map<std::string, model::ObservedPair> listed;
    for (std::size_t i : order_) {
      const TraceCall& c = call(i);
      if (!c.observed) continue;
      if (c.request.action == "CreateDiskReplicaPair" && !c.observed->replica_pair_id.empty()) {
        created.insert(c.observed->replica_pair_id);
      }
      if (!is_describe(c.request)) continue;
      for (const model::ObservedPair& p : c.observed->pairs) listed.emplace(p.replica_pair_id, p);
    }
    std::vector<model::World> worlds{model::World{}};
    const std::int64_t start = order_.empty() ? 0 : call(order_.front()).request.time.sent_ms;
    for (const std::string& id : group_pairs_) {
      if (created.count(id) != 0) continue;
      auto it = listed.find(id);
      if (it == listed.end()) continue;  // its calls were taken out (drop_unknown_pairs)
      std::vector<model::World> next;
      for (const model::World& w : worlds) {
        for (model::PairStatus s : model::all_statuses()) {
          if (s == model::PairStatus::kDeleted) continue;
          for (bool swapped : {false, true}) {
            for (bool synced : {false, true}) {
              model::World copy = w;
              copy.put_pair(seeded_pair(it->second, s, swapped, synced, start, options_.profile));
              next.push_back(std::move(copy));
            }
          }
        }
      }
      if (next.size() > options_.max_initial_worlds) {
        why = "its pairs first seen in the trace start in more than " +
              std::to_string(options_.max_initial_worlds) + " possible states";
        return {};
      }
      worlds = std::move(next);
    }
    return worlds;
  }

  // Mid-life, a pair neither created in the trace nor listed by any of its Describes may exist
  // or not, on disks nobody knows: the calls that name it are not judged.
  void drop_unknown_pairs() {
    std::set<std::string> known;
    for (std::size_t i : order_) {
      const TraceCall& c = call(i);
      if (!c.observed) continue;
      if (c.request.action == "CreateDiskReplicaPair") known.insert(c.observed->replica_pair_id);
      if (!is_describe(c.request)) continue;
      for (const model::ObservedPair& p : c.observed->pairs) known.insert(p.replica_pair_id);
    }
    std::vector<std::size_t> kept;
    for (std::size_t i : order_) {
      auto id = model::find_param(call(i).request.params, "ReplicaPairId");
      if (id && !id->empty() && known.count(*id) == 0) {
        ++summary_.not_judged
              ["names a pair first seen in the trace that no Describe of it lists (it may exist, "
               "on "
               "disks nobody knows)"];
      } else {
        kept.push_back(i);
      }
    }
    order_ = std::move(kept);
    group_pairs_.clear();
    for (const std::string& id : group_.pairs) {
      if (known.count(id) != 0) group_pairs_.insert(id);
    }
  }

  // The linearizability search takes at most this many overlapping calls (models/linearize.hpp).
  static constexpr std::size_t kMostSearched = 64;

  // Clients that keep reading chain every call of a group into one piece too long to search: a
  // Describe in flight at every instant. Such a piece is cut again without the successful
  // Describes whose projection lists none of the group's pairs. Leaving a read out of a history
  // can only hide a fault, never invent one: a history that is linearizable stays so without a
  // read, and one that is not was not with it either. Returns whether any was left out.
  bool leave_out_empty_reads(std::size_t at, std::size_t end) {
    const std::size_t before = order_.size();
    std::vector<std::size_t> kept(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(at));
    for (std::size_t i = at; i < before; ++i) {
      const TraceCall& c = call(order_[i]);
      if (i < end && is_describe(c.request) && c.observed && c.observed->code.empty()) {
        if (const std::optional<model::Observed> o = seen(c); o && o->pairs.empty()) continue;
      }
      kept.push_back(order_[i]);
    }
    if (kept.size() == before) return false;
    summary_
        .not_judged["a Describe listing none of the group's pairs inside a chain of more than " +
                    std::to_string(kMostSearched) +
                    " overlapping requests: left out (which can hide a fault, never invent "
                    "one)"] += before - kept.size();
    order_ = std::move(kept);
    return true;
  }

  void skip_from(std::size_t at, const std::string& why) {
    if (at < order_.size()) summary_.not_judged[why] += order_.size() - at;
  }

  void emit(model::StepRecord& record, std::size_t position) {
    record.step = position;
    summary_.judged_calls.insert(order_[position]);
    if (!record.verdict.conformant) summary_.failed_calls.emplace(order_[position], record.verdict);
    out_.handle(events::StepJudged{n_, events::Phase::kReplay, record});
    history_.push_back(record);
  }

  void report(const model::Verdict& verdict, std::size_t position) {
    if (!verdict.key || !reported_.insert(*verdict.key).second) return;
    events::FindingReported f;
    f.number = ++summary_.findings;
    f.key = *verdict.key;
    f.verdict = verdict;
    nlohmann::json steps = nlohmann::json::array();
    for (std::size_t i = 0; i <= position && i < sequence_json_["steps"].size(); ++i) {
      steps.push_back(sequence_json_["steps"][i]);
    }
    f.minimal = {{"steps", steps}};
    f.records = history_;
    f.shrink = events::ShrinkState::kNotShrunk;
    f.sequence = n_;
    f.original_steps = order_.size();
    out_.handle(f);
  }

  bool judge_one(model::BeliefSet& beliefs, std::size_t at) {
    const TraceCall& c = call(order_[at]);
    const std::optional<model::Observed> o = seen(c);
    const std::string token = token_key(c.request);
    const bool first_use = !token.empty() && tokens_.insert(token).second;
    model::BeliefSet before = beliefs;
    model::StepRecord record = beliefs.judge(history_.size(), c.request, o ? &*o : nullptr);
    if (!record.verdict.conformant && !group_.fresh && first_use) {
      // The token may have been used before the trace began: its replay is not judged (I1/I2).
      beliefs = std::move(before);
      skip_from(at,
                "a ClientToken first seen mid-trace was answered as no fresh call would be "
                "(it may predate the trace: I1/I2 not judged); its group stops there");
      return false;
    }
    if (!record.verdict.conformant) {
      model::diagnose_and_attribute(options_.universe, options_.profile, history_, record);
    }
    emit(record, at);
    if (record.verdict.conformant) return true;
    report(record.verdict, at);
    skip_from(at + 1, "after the first failure in its group (it stops there, as a sequence does)");
    return false;
  }

  bool judge_piece(model::BeliefSet& beliefs, std::size_t at, std::size_t end) {
    std::vector<model::TimedCall> calls;
    for (std::size_t i = at; i < end; ++i) {
      calls.push_back({call(order_[i]).request, seen(call(order_[i]))});
      const std::string token = token_key(call(order_[i]).request);
      if (!token.empty()) tokens_.insert(token);
    }
    model::Linearized judged = model::linearize(beliefs, calls, {}, history_.size());
    if (judged.result == model::Linearized::Result::kUnknown) {
      ++summary_.unknown;
      skip_from(at, "overlapping requests the linearizability search could not decide (" +
                        judged.reason + "); their group stops there");
      return false;
    }
    std::size_t failing = SIZE_MAX;
    for (std::size_t i = 0; i < judged.records.size(); ++i) {
      if (judged.result == model::Linearized::Result::kNotLinearizable && failing == SIZE_MAX &&
          !judged.records[i].verdict.conformant) {
        failing = i;
      }
    }
    if (judged.result == model::Linearized::Result::kNotLinearizable && failing == SIZE_MAX) {
      failing = judged.records.size() - 1;
    }
    if (failing != SIZE_MAX) {
      judged.records[failing].verdict = judged.failure;
      judged.records[failing].verdict.message +=
          " (" + std::to_string(end - at) +
          " requests overlapped in time; no order of them explains every answer)";
    }
    for (std::size_t i = 0; i < judged.records.size(); ++i) emit(judged.records[i], at + i);
    if (failing == SIZE_MAX) return true;
    report(judged.records[failing].verdict, at + failing);
    skip_from(end, "after the first failure in its group (it stops there, as a sequence does)");
    return false;
  }

  const Trace& trace_;
  const Group& group_;
  const CheckOptions& options_;
  std::size_t n_;
  events::Handler& out_;
  CheckSummary& summary_;
  std::set<model::FindingKey>& reported_;
  std::vector<std::size_t> order_;
  harness::Lease lease_;
  nlohmann::json sequence_json_;
  std::vector<model::StepRecord> history_;
  std::set<std::string> tokens_;
  std::set<std::string> group_pairs_;  // mid-life: the group's pairs whose calls are judged
};

}  // namespace

std::map<std::string, std::string> unjudgeable_rules(const Trace& trace) {
  std::map<std::string, std::string> out;
  out["M3"] = "liveness needs the run's settle polls: check does not judge it";
  out["M4"] = "about failure reports: a conformant check has none";
  const bool envelopes = std::all_of(trace.calls.begin(), trace.calls.end(), [](const auto& c) {
    return c.reset || !c.not_judged.empty() || c.envelope_known;
  });
  if (!envelopes) {
    out["G2"] = "needs the secret: a recording keeps no signature";
    out["G6"] = "needs the server's time of each request";
    out["G7"] = "needs the secret: a recording keeps no signature";
    out["G8"] = "needs the nonces: a recording redacts them";
  }
  return out;
}

CheckSummary check_trace(const Trace& trace, const CheckOptions& options, events::RunStarted header,
                         events::Handler& out) {
  out.handle(header);
  CheckSummary summary;
  for (const TraceCall& c : trace.calls) {
    if (!c.reset && !c.not_judged.empty()) ++summary.not_judged[c.not_judged];
  }
  const std::vector<Group> groups = partition(trace);
  std::set<std::string> every_disk;
  for (const model::DiskFixture& d : options.universe.disks) every_disk.insert(d.disk_id);
  for (const Group& g : groups) every_disk.insert(g.disks.begin(), g.disks.end());
  std::set<model::FindingKey> reported;
  for (std::size_t n = 0; n < groups.size(); ++n) {
    GroupJudge(trace, groups[n], options, every_disk, n, out, summary, reported).run();
  }
  summary.groups = groups.size();
  events::RunFinished finished;
  finished.sequences = finished.executions = groups.size();
  summary.judged = summary.judged_calls.size();
  finished.requests = summary.judged;
  const auto first = epoch_ms(trace.first_time), last = epoch_ms(trace.last_time);
  finished.seconds = first && last ? static_cast<double>(*last - *first) / 1000 : 0;
  finished.findings = summary.findings;
  finished.unknown_races = summary.unknown;
  summary.exit_code = summary.findings > 0 ? 1 : 0;
  finished.exit_code = summary.exit_code;
  out.handle(finished);
  return summary;
}

}  // namespace paircheck::traces
