#include "traces/diff.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>
#include <utility>

#include "harness/observe.hpp"
#include "models/json_io.hpp"
#include "models/rules.hpp"
#include "traces/id_map.hpp"

namespace paircheck::traces {
namespace {

using nlohmann::json;

bool is_create(const model::Request& r) { return r.action == "CreateDiskReplicaPair"; }
bool is_describe(const model::Request& r) { return r.action == "DescribeDiskReplicaPairs"; }

// What a call sends is worth sending again: requests of the contract, including those the judge
// skips only because a recording cannot show their secret or their answer's bytes.
bool sendable(const TraceCall& c) {
  return c.not_judged.empty() || c.not_judged.find("G2/G7 need the secret") != std::string::npos ||
         c.not_judged == "its answer is base64-encoded";
}

std::string answer_text(const std::optional<model::Observed>& o) {
  if (!o) return "no answer";
  return "HTTP " + std::to_string(o->http_status) + (o->code.empty() ? "" : " " + o->code);
}

std::map<std::string, json> items_of(const model::Observed& o) {
  std::map<std::string, json> out;
  for (const model::ObservedPair& p : o.pairs) {
    json j = p;
    j.erase("ReplicaPairId");
    // A time on each target's own clock: whether a replication has completed is what compares.
    if (p.last_recover_point) j["LastRecoverPoint"] = *p.last_recover_point > 0 ? ">0" : "0";
    out[p.replica_pair_id] = std::move(j);
  }
  return out;
}

std::string value_text(const json& j) {
  if (j.is_null()) return "";
  return j.is_string() ? j.get<std::string>() : j.dump();
}

template <typename T>
std::string opt_text(const std::optional<T>& v) {
  if (!v) return "";
  if constexpr (std::is_same_v<T, std::string>) {
    return *v;
  } else {
    return std::to_string(*v);
  }
}

// The pairs and disks a call names, in the recording's IDs: its ReplicaPairId, the pair a
// Create's recorded answer gave, its disk parameters, the disks of the pairs it names, its
// (Action, ClientToken) and its nonce.
std::set<std::string> subjects_of(const TraceCall& c,
                                  const std::map<std::string, std::set<std::string>>& disks) {
  std::set<std::string> out;
  const auto add_pair = [&](const std::string& id) {
    if (id.empty()) return;
    out.insert(id);
    if (auto it = disks.find(id); it != disks.end())
      out.insert(it->second.begin(), it->second.end());
  };
  if (auto id = model::find_param(c.request.params, "ReplicaPairId")) add_pair(*id);
  if (is_create(c.request) && c.observed) add_pair(c.observed->replica_pair_id);
  for (const char* name : {"SourceDiskId", "DestinationDiskId", "DiskId"}) {
    if (auto id = model::find_param(c.request.params, name); id && !id->empty()) out.insert(*id);
  }
  // Its idempotency token (I1, I2): a later call with the same token depends on what the first
  // one did, so it stops with it.
  if (auto token = model::find_param(c.request.params, "ClientToken"); token && !token->empty()) {
    out.insert("token " + c.request.action + " " + *token);
  }
  // Its nonce (G8): a later call that reuses it is refused only if this one was sent.
  if (!c.request.envelope.nonce.empty()) out.insert("nonce " + c.request.envelope.nonce);
  return out;
}

void learn_disks(const TraceCall& c, std::map<std::string, std::set<std::string>>& disks) {
  if (!c.observed) return;
  if (is_create(c.request) && !c.observed->replica_pair_id.empty()) {
    for (const char* name : {"SourceDiskId", "DestinationDiskId"}) {
      if (auto id = model::find_param(c.request.params, name); id && !id->empty()) {
        disks[c.observed->replica_pair_id].insert(*id);
      }
    }
  }
  for (const model::ObservedPair& p : c.observed->pairs) {
    for (const auto& d : {p.source_disk_id, p.destination_disk_id}) {
      if (d && !d->empty()) disks[p.replica_pair_id].insert(*d);
    }
  }
}

class NoEvents final : public events::Handler {
 public:
  void handle(const events::Event& /*e*/) override {}
};

SideVerdict side_of(const CheckSummary& s, std::size_t i, const TraceCall& c) {
  SideVerdict v;
  if (auto it = s.failed_calls.find(i); it != s.failed_calls.end()) {
    v.kind = SideVerdict::Kind::kRejected;
    if (auto rule = it->second.primary()) v.rule = std::string(model::to_string(*rule));
    if (it->second.key) v.key = it->second.key->str();
    v.message = it->second.message;
  } else if (s.judged_calls.count(i) != 0) {
    v.kind = SideVerdict::Kind::kAllowed;
  } else {
    v.message = !c.not_judged.empty()
                    ? c.not_judged
                    : "not judged: its group stopped at an earlier failure, or the trace cannot "
                      "place the pair it names";
  }
  return v;
}

std::string classify(const SideVerdict& recorded, const SideVerdict& fresh) {
  using K = SideVerdict::Kind;
  if (recorded.kind == K::kRejected && fresh.kind == K::kRejected) return "both wrong";
  if (fresh.kind == K::kRejected) return "new target wrong";
  if (recorded.kind == K::kRejected) return "recorded target wrong";
  if (recorded.kind == K::kAllowed && fresh.kind == K::kAllowed) return "informational";
  return "not judged";
}

std::int64_t micros_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class Replay {
 public:
  Replay(const Trace& recorded, harness::Target& target, const DiffOptions& options)
      : rec_(recorded), target_(target), options_(options) {
    result_.entries = recorded.calls.size();
    result_.replay = recorded;
    result_.replay.path = target.describe();
  }

  DiffResult run() {
    for (std::size_t i = 0; i < rec_.calls.size(); ++i) step(i);
    referee();
    return std::move(result_);
  }

 private:
  [[noreturn]] void fail(std::size_t i, const std::string& what) const {
    throw model::UsageError("target " + target_.describe() + ": entry " + std::to_string(i + 1) +
                            " of " + rec_.path + ": " + what);
  }

  // Keeps the recorded gap since the first request: the virtual clock is advanced, a real one
  // waited for.
  void pace(std::size_t i) {
    const std::int64_t recorded_at = rec_.calls[i].request.time.sent_ms;
    if (!paced_) {
      paced_ = true;
      recorded_base_ = recorded_at;
      new_base_ = target_.now_ms();
      return;
    }
    const std::int64_t gap = new_base_ + (recorded_at - recorded_base_) - target_.now_ms();
    if (gap <= 0) return;
    if (harness::ClockControl* clock = target_.clock()) {
      if (std::string error = clock->advance(static_cast<double>(gap) / 1000.0); !error.empty()) {
        fail(i, error);
      }
    } else if (options_.sleep) {
      options_.sleep(gap);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(gap));
    }
  }

  // The subject it stops by, when one of `subjects` is stopped.
  std::optional<std::size_t> stopped_by(const std::set<std::string>& subjects) const {
    for (const std::string& s : subjects) {
      if (auto it = stopped_.find(s); it != stopped_.end()) return it->second;
    }
    return std::nullopt;
  }

  void stop(const std::string& subject, std::size_t origin) {
    if (subject.empty() || stopped_.count(subject) != 0) return;
    stopped_.emplace(subject, origin);
    if (auto it = disks_.find(subject); it != disks_.end()) {
      for (const std::string& d : it->second) stopped_.emplace(d, origin);
    }
  }

  // Drops from a Describe's answer the items of pairs no longer replayed (stopped, or on a
  // stopped disk). Returns whether it dropped any.
  bool drop_stopped(std::optional<model::Observed>& o) const {
    if (!o) return false;
    const std::size_t before = o->pairs.size();
    std::erase_if(o->pairs, [&](const model::ObservedPair& p) {
      if (stopped_.count(p.replica_pair_id) != 0) return true;
      for (const auto& d : {p.source_disk_id, p.destination_disk_id}) {
        if (d && stopped_.count(*d) != 0) return true;
      }
      return false;
    });
    return o->pairs.size() != before;
  }

  void step(std::size_t i) {
    const TraceCall& c = rec_.calls[i];
    TraceCall& n = result_.replay.calls[i];
    if (c.reset) {
      pace(i);
      if (std::string error = target_.reset(); !error.empty()) fail(i, "reset: " + error);
      ++result_.resets;
      ids_.clear();
      disks_.clear();
      stopped_.clear();
      return;
    }
    if (!sendable(c)) {
      ++result_.not_sent["not a request of the contract (" + c.not_judged + ")"];
      return;
    }
    const std::set<std::string> subjects = subjects_of(c, disks_);
    if (auto origin = stopped_by(subjects)) {
      for (const std::string& s : subjects) stop(s, *origin);
      ++result_.stopped[*origin].not_sent;
      ++result_.not_sent["its pair stopped at an earlier divergence"];
      n.not_judged = "not sent again: its pair stopped at the divergence of entry " +
                     std::to_string(result_.stopped[*origin].entry);
      n.observed.reset();
      return;
    }
    pace(i);
    model::Request request = c.request;
    request.params = ids_.to_new(request.params);
    if (!request.envelope.nonce.empty()) {
      std::string digest = request.envelope.nonce;
      if (digest.starts_with("sha256:")) digest.erase(0, 7);
      request.envelope.nonce = options_.nonce_salt + "-" + digest;
    }
    request.time.sent_ms = target_.now_ms();
    n.wall_from_us = micros_now();
    const harness::WireResult wire = target_.send(request);
    n.wall_to_us = micros_now();
    if (wire.kind == harness::WireResult::Kind::kNotSent) fail(i, "not sent: " + wire.detail);
    request.time.received_ms = std::max(target_.now_ms(), request.time.sent_ms);
    ++result_.sent;
    std::optional<model::Observed> got;
    if (wire.kind == harness::WireResult::Kind::kResponse) {
      got = harness::observe(request.action, wire);
    }
    std::string new_pair;
    if (is_create(c.request) && c.observed && got) {
      if (ids_.add(c.observed->replica_pair_id, got->replica_pair_id)) {
        new_pair = got->replica_pair_id;
      }
    }
    if (got) ids_.to_recorded(*got);
    n.request.time = request.time;
    n.observed = got;
    n.not_judged = c.not_judged;
    learn_disks(c, disks_);

    std::optional<model::Observed> before = c.observed;
    std::optional<model::Observed> after = got;
    bool dropped = false;
    if (is_describe(c.request)) {
      dropped = drop_stopped(before);
      dropped = drop_stopped(after) || dropped;
    }
    std::vector<FieldDifference> differences = compare_answers(before, after, !dropped);
    if (differences.empty()) {
      ++result_.identical;
      return;
    }
    Divergence d;
    d.entry = i + 1;
    d.action = c.request.action;
    if (auto id = model::find_param(c.request.params, "ReplicaPairId")) d.pair = *id;
    if (is_create(c.request) && c.observed) d.pair = c.observed->replica_pair_id;
    d.new_pair = ids_.to_new(d.pair).value_or(new_pair);
    d.recorded = c.observed;
    d.fresh = got;
    d.differences = std::move(differences);
    std::set<std::string> stops = subjects;
    if (is_describe(c.request)) {
      // The items that differ, with their disks.
      for (const FieldDifference& f : d.differences) {
        if (!f.field.starts_with("pairs[")) continue;
        const std::string id = f.field.substr(6, f.field.find(']') - 6);
        stops.insert(id);
        if (auto it = disks_.find(id); it != disks_.end()) {
          stops.insert(it->second.begin(), it->second.end());
        }
      }
    }
    const std::size_t origin = result_.stopped.size();
    bool any = false;
    for (const std::string& s : stops) {
      if (stopped_.count(s) != 0) continue;
      stop(s, origin);
      d.stopped.push_back(s);
      any = true;
    }
    if (any) {
      result_.stopped.push_back({d.stopped.front(), d.entry, 0});
      for (std::size_t k = 1; k < d.stopped.size(); ++k)
        result_.stopped.back().subject += ", " + d.stopped[k];
    }
    result_.divergences.push_back(std::move(d));
  }

  // One side's verdicts at the divergences, and its failures elsewhere. A group of the judge
  // stops at its first failure, which would leave a later divergence of the group unjudged: where
  // the side's answer at a divergence is rejected, the side is judged again as if it had given
  // the other side's answer there, until every divergence the judge reaches has a verdict.
  // `first`: the summary of the side as it is (its findings decide the exit code).
  std::map<std::size_t, SideVerdict> judge_side(Trace trace, const Trace& other,
                                                const std::set<std::size_t>& diverged,
                                                CheckSummary& first, const char* side) {
    std::map<std::size_t, SideVerdict> verdicts;
    std::set<std::size_t> elsewhere;
    NoEvents none;
    for (std::size_t round = 0; round <= diverged.size(); ++round) {
      const CheckSummary summary = check_trace(trace, options_.check, {}, none);
      if (round == 0) first = summary;
      bool again = false;
      for (std::size_t i : diverged) {
        if (verdicts.count(i) != 0 || summary.judged_calls.count(i) == 0) continue;
        verdicts[i] = side_of(summary, i, trace.calls[i]);
        if (verdicts[i].kind == SideVerdict::Kind::kRejected) {
          // The other's answer, with this side's RequestId (W4: RequestIds are unique per side).
          std::optional<model::Observed> instead = other.calls[i].observed;
          if (instead) {
            instead->request_id = trace.calls[i].observed
                                      ? trace.calls[i].observed->request_id
                                      : "paircheck-diff-" + std::to_string(i + 1);
          }
          trace.calls[i].observed = std::move(instead);
          again = true;
        }
      }
      for (const auto& failed : summary.failed_calls) {
        const std::size_t i = failed.first;
        if (diverged.count(i) != 0 || !elsewhere.insert(i).second) continue;
        result_.other_findings.push_back(
            {i + 1, trace.calls[i].request.action, side, side_of(summary, i, trace.calls[i])});
      }
      if (!again) break;
    }
    for (std::size_t i : diverged) {
      if (verdicts.count(i) == 0) verdicts[i] = side_of(first, i, trace.calls[i]);
    }
    return verdicts;
  }

  void referee() {
    std::set<std::size_t> diverged;
    for (const Divergence& d : result_.divergences) diverged.insert(d.entry - 1);
    const auto recorded =
        judge_side(rec_, result_.replay, diverged, result_.recorded_check, "recorded");
    const auto fresh = judge_side(result_.replay, rec_, diverged, result_.new_check, "new");
    for (Divergence& d : result_.divergences) {
      d.recorded_side = recorded.at(d.entry - 1);
      d.new_side = fresh.at(d.entry - 1);
      d.verdict = classify(d.recorded_side, d.new_side);
      if (d.verdict == "informational") ++result_.informational;
      if (d.verdict == "new target wrong") ++result_.new_wrong;
      if (d.verdict == "recorded target wrong") ++result_.recorded_wrong;
      if (d.verdict == "both wrong") ++result_.both_wrong;
      if (d.verdict == "not judged") ++result_.not_judged;
    }
    std::sort(result_.other_findings.begin(), result_.other_findings.end(),
              [](const OtherFinding& a, const OtherFinding& b) { return a.entry < b.entry; });
    result_.exit_code =
        result_.recorded_check.findings > 0 || result_.new_check.findings > 0 ? 1 : 0;
  }

  const Trace& rec_;
  harness::Target& target_;
  const DiffOptions& options_;
  DiffResult result_;
  IdMap ids_;
  std::map<std::string, std::set<std::string>> disks_;  // recorded pair ID -> its disks
  std::map<std::string, std::size_t> stopped_;          // pair or disk -> index in stopped
  bool paced_ = false;
  std::int64_t recorded_base_ = 0, new_base_ = 0;
};

json side_json(const SideVerdict& v) {
  static const char* const kNames[] = {"allowed", "rejected", "not judged"};
  json j{{"verdict", kNames[static_cast<int>(v.kind)]}};
  if (!v.rule.empty()) j["rule"] = v.rule;
  if (!v.key.empty()) j["key"] = v.key;
  if (!v.message.empty()) j["message"] = v.message;
  return j;
}

json answer_json(const std::optional<model::Observed>& o) {
  if (!o) return nullptr;
  json j{{"http", o->http_status}, {"code", o->code}};
  if (!o->replica_pair_id.empty()) j["ReplicaPairId"] = o->replica_pair_id;
  return j;
}

std::string side_text(const SideVerdict& v) {
  switch (v.kind) {
    case SideVerdict::Kind::kAllowed:
      return "allowed";
    case SideVerdict::Kind::kRejected:
      return "rejected [" + v.rule + "] " + v.key;
    case SideVerdict::Kind::kNotJudged:
      break;
  }
  return "not judged";
}

// A table cell: `|` escaped (finding keys are made of them), line breaks as spaces.
std::string md_cell(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    if (ch == '|') out += '\\';
    out += ch == '\n' ? ' ' : ch;
  }
  return out;
}

}  // namespace

std::vector<FieldDifference> compare_answers(const std::optional<model::Observed>& recorded,
                                             const std::optional<model::Observed>& fresh,
                                             bool counted) {
  std::vector<FieldDifference> out;
  const auto differ = [&](std::string field, std::string a, std::string b) {
    if (a != b) out.push_back({std::move(field), std::move(a), std::move(b)});
  };
  if (!recorded || !fresh) {
    differ("answer", answer_text(recorded), answer_text(fresh));
    return out;
  }
  const model::Observed& a = *recorded;
  const model::Observed& b = *fresh;
  differ("http", std::to_string(a.http_status), std::to_string(b.http_status));
  differ("code", a.code, b.code);
  if (a.shape_error.empty() != b.shape_error.empty()) {
    differ("body", a.shape_error.empty() ? "well-formed" : a.shape_error,
           b.shape_error.empty() ? "well-formed" : b.shape_error);
  }
  differ("ReplicaPairId", a.replica_pair_id, b.replica_pair_id);
  const std::map<std::string, json> left = items_of(a), right = items_of(b);
  for (const auto& [id, item] : left) {
    auto it = right.find(id);
    if (it == right.end()) {
      differ("pairs[" + id + "]", "listed", "not listed");
      continue;
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : item.items()) keys.insert(k);
    for (const auto& [k, v] : it->second.items()) keys.insert(k);
    for (const std::string& k : keys) {
      differ("pairs[" + id + "]." + k, value_text(item.value(k, json())),
             value_text(it->second.value(k, json())));
    }
  }
  for (const auto& [id, item] : right) {
    if (left.count(id) == 0) differ("pairs[" + id + "]", "not listed", "listed");
  }
  if (counted) differ("TotalCount", opt_text(a.total_count), opt_text(b.total_count));
  differ("PageNumber", opt_text(a.page_number), opt_text(b.page_number));
  differ("PageSize", opt_text(a.page_size), opt_text(b.page_size));
  differ("NextToken", a.next_token ? "present" : "", b.next_token ? "present" : "");
  differ("Progress", opt_text(a.progress), opt_text(b.progress));
  return out;
}

void check_replayable(const Trace& trace, const harness::Target& target,
                      const DiffOptions& options) {
  bool resets = false;
  for (const TraceCall& c : trace.calls) {
    resets = resets || c.reset;
    if (c.reset || !sendable(c)) continue;
    const std::string& key = c.request.envelope.access_key_id;
    if (key.empty() || options.identities.count(key) != 0) continue;
    // paircheck sends an unknown key on purpose (G3), and the gateway refuses it (for that or an
    // earlier fault of the envelope): an error answer, or none, says it was not the account's.
    const bool on_purpose = c.envelope_known && (!c.observed || c.observed->http_status >= 400);
    if (on_purpose) continue;
    throw model::UsageError(trace.path + ": entry " + std::to_string(c.entry + 1) +
                            " is signed by AccessKeyId " + key + ", which the fixtures (" +
                            options.fixtures_origin + ") hold no secret for");
  }
  if (resets && !target.can_reset()) {
    throw model::UsageError(trace.path + " resets its target, and " + target.describe() +
                            " cannot be reset (give the emulator's --control-token)");
  }
}

DiffResult diff_trace(const Trace& recorded, harness::Target& target, const DiffOptions& options) {
  return Replay(recorded, target, options).run();
}

json diff_json(const DiffResult& r, const std::string& recording, const std::string& target) {
  json j;
  j["recording"] = recording;
  j["target"] = target;
  j["summary"] = {{"entries", r.entries},
                  {"sent", r.sent},
                  {"identical", r.identical},
                  {"differing", r.divergences.size()},
                  {"informational", r.informational},
                  {"new_target_wrong", r.new_wrong},
                  {"recorded_target_wrong", r.recorded_wrong},
                  {"both_wrong", r.both_wrong},
                  {"not_judged", r.not_judged},
                  {"resets", r.resets},
                  {"not_sent", r.not_sent},
                  {"pairs_stopped", r.stopped.size()},
                  {"recorded_findings", r.recorded_check.findings},
                  {"new_findings", r.new_check.findings},
                  {"exit_code", r.exit_code}};
  json list = json::array();
  for (const Divergence& d : r.divergences) {
    json differences = json::array();
    for (const FieldDifference& f : d.differences) {
      differences.push_back({{"field", f.field}, {"recorded", f.recorded}, {"new", f.fresh}});
    }
    list.push_back(
        {{"entry", d.entry},
         {"action", d.action},
         {"pair", d.pair},
         {"new_pair", d.new_pair},
         {"recorded", answer_json(d.recorded)},
         {"new", answer_json(d.fresh)},
         {"differences", differences},
         {"referee", {{"recorded", side_json(d.recorded_side)}, {"new", side_json(d.new_side)}}},
         {"verdict", d.verdict},
         {"stopped", d.stopped}});
  }
  j["divergences"] = list;
  json stopped = json::array();
  for (const StoppedSubject& s : r.stopped) {
    stopped.push_back({{"subjects", s.subject}, {"entry", s.entry}, {"not_sent", s.not_sent}});
  }
  j["stopped"] = stopped;
  json others = json::array();
  for (const OtherFinding& f : r.other_findings) {
    others.push_back({{"entry", f.entry},
                      {"action", f.action},
                      {"side", f.side},
                      {"referee", side_json(f.verdict)}});
  }
  j["other_findings"] = others;
  return j;
}

std::string diff_markdown(const DiffResult& r, const std::string& recording,
                          const std::string& target) {
  std::ostringstream md;
  md << "# paircheck diff\n\n"
     << "Recording `" << recording << "` sent again to `" << target << "`.\n\n"
     << "| entries | sent | identical | differing | informational | new target wrong | "
        "recorded target wrong | both wrong | not judged | pairs stopped |\n"
     << "|---|---|---|---|---|---|---|---|---|---|\n"
     << "| " << r.entries << " | " << r.sent << " | " << r.identical << " | "
     << r.divergences.size() << " | " << r.informational << " | " << r.new_wrong << " | "
     << r.recorded_wrong << " | " << r.both_wrong << " | " << r.not_judged << " | "
     << r.stopped.size() << " |\n\n";
  md << "Verdict: "
     << (r.exit_code == 0 ? "the model allows every answer of both targets"
                          : "the model rejects answers (exit 1)")
     << ".\n\n## Divergences\n\n";
  if (r.divergences.empty()) md << "None.\n\n";
  for (const Divergence& d : r.divergences) {
    md << "### Entry " << d.entry << ": " << d.action;
    if (!d.pair.empty())
      md << " on " << d.pair << (d.new_pair.empty() ? "" : " (new: " + d.new_pair + ")");
    md << " — " << d.verdict << "\n\n"
       << "| | recorded | new |\n|---|---|---|\n"
       << "| answer | " << md_cell(answer_text(d.recorded)) << " | "
       << md_cell(answer_text(d.fresh)) << " |\n";
    for (const FieldDifference& f : d.differences) {
      md << "| " << md_cell(f.field) << " | " << md_cell(f.recorded) << " | " << md_cell(f.fresh)
         << " |\n";
    }
    md << "| referee | " << md_cell(side_text(d.recorded_side)) << " | "
       << md_cell(side_text(d.new_side)) << " |\n\n";
    if (!d.stopped.empty()) {
      md << "Stopped here (later requests not sent): ";
      for (std::size_t k = 0; k < d.stopped.size(); ++k) md << (k ? ", " : "") << d.stopped[k];
      md << ".\n\n";
    }
  }
  if (!r.stopped.empty()) {
    md << "## Pairs stopped\n\n| at entry | pairs and disks | requests not sent |\n|---|---|---|\n";
    for (const StoppedSubject& s : r.stopped) {
      md << "| " << s.entry << " | " << md_cell(s.subject) << " | " << s.not_sent << " |\n";
    }
    md << "\n";
  }
  if (!r.other_findings.empty()) {
    md << "## Findings at answers that did not differ\n\n| entry | action | side | referee |\n"
          "|---|---|---|---|\n";
    for (const OtherFinding& f : r.other_findings) {
      md << "| " << f.entry << " | " << f.action << " | " << f.side << " | "
         << md_cell(side_text(f.verdict)) << " |\n";
    }
  }
  return md.str();
}

}  // namespace paircheck::traces
