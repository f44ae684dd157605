// `paircheck diff FILE.har --target URL` (docs/traces.md "Diff"): the requests of a recording
// sent again to a new target, re-signed for the identity each names, with the pair IDs of the
// recording mapped to the new target's (id_map.hpp) and the recorded time gaps kept (a virtual
// clock is advanced, a real one waited for); each answer compared with the recorded one modulo
// IDs, RequestIds and times. The model is the referee: the recording and the replay are each
// judged offline (offline_judge.hpp), and each difference says which side's answer the model
// allows. A pair stops being replayed at its first divergence, since later requests depend on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/target.hpp"
#include "models/observed.hpp"
#include "traces/offline_judge.hpp"
#include "traces/trace.hpp"

namespace paircheck::traces {

// One field where two answers differ: "answer", "http", "code", "body", "ReplicaPairId",
// "pairs[ID]" (listed on one side only), "pairs[ID].Status", "TotalCount", "Progress", ...
struct FieldDifference {
  std::string field;
  std::string recorded, fresh;  // the two values; "" absent
  friend bool operator==(const FieldDifference&, const FieldDifference&) = default;
};

// The differences between a recorded answer and a new one already read back in the recording's
// IDs (IdMap::to_recorded): the HTTP status, the error code, whether the body broke W2/W3, a
// Create's pair ID, a Describe's items field by field (matched by ID, order ignored) and its page
// fields, a progress. Not compared: RequestIds, messages, times (RecoverPoint), NextToken's text
// (only whether there is one). `counted`: false when items were left out of both answers (pairs
// no longer replayed), so that TotalCount is not compared. nullopt: no answer (M2).
std::vector<FieldDifference> compare_answers(const std::optional<model::Observed>& recorded,
                                             const std::optional<model::Observed>& fresh,
                                             bool counted = true);

// What the model says of one side's answer.
struct SideVerdict {
  enum class Kind { kAllowed, kRejected, kNotJudged };
  Kind kind = Kind::kNotJudged;
  std::string rule;     // kRejected: the rule the model names ("O0")
  std::string key;      // kRejected: the finding key ("O0|StartDiskReplicaPair|400|...")
  std::string message;  // kRejected: the verdict's message; kNotJudged: why
};

struct Divergence {
  std::size_t entry = 0;  // the recording's entry, from 1
  std::string action;
  std::string pair;                                // the recorded pair ID it names, "" none
  std::string new_pair;                            // the new target's ID for it, "" not mapped
  std::optional<model::Observed> recorded, fresh;  // fresh: in the recording's IDs
  std::vector<FieldDifference> differences;
  SideVerdict recorded_side, new_side;
  // "informational" (the model allows both), "new target wrong", "recorded target wrong",
  // "both wrong", "not judged" (neither side was judged)
  std::string verdict;
  std::vector<std::string> stopped;  // the pairs and disks whose later requests are not sent
};

// A pair or disk no longer replayed, from the divergence at `entry`.
struct StoppedSubject {
  std::string subject;
  std::size_t entry = 0;
  std::size_t not_sent = 0;  // later requests of the recording not sent because of it
};

// A failure the model found at an answer that did not differ (both targets gave it, or the
// other side was not judged there).
struct OtherFinding {
  std::size_t entry = 0;
  std::string action;
  std::string side;  // "recorded", "new"
  SideVerdict verdict;
};

struct DiffOptions {
  CheckOptions check;                // universe and profile the referee judges with
  std::set<std::string> identities;  // the AccessKeyIds the fixtures hold secrets for
  std::string fixtures_origin;       // for errors
  std::string nonce_salt;            // prefixed to a recorded nonce's digest when sent again
  // Waits `ms` on a target whose clock cannot be moved; default: std::this_thread::sleep_for.
  std::function<void(std::int64_t ms)> sleep;
};

struct DiffResult {
  std::size_t entries = 0, sent = 0, identical = 0, resets = 0;
  std::map<std::string, std::size_t> not_sent;  // why, how many requests
  std::vector<Divergence> divergences;
  std::vector<StoppedSubject> stopped;
  std::vector<OtherFinding> other_findings;
  std::size_t informational = 0, new_wrong = 0, recorded_wrong = 0, both_wrong = 0, not_judged = 0;
  CheckSummary recorded_check, new_check;
  Trace replay;       // the new target's answers as a trace in the recording's IDs (the referee's)
  int exit_code = 0;  // 0: the model allows every answer of both sides, else 1
};

// Throws model::UsageError, one line, when `trace` cannot be sent again to `target`: an
// AccessKeyId the fixtures hold no secret for (unless paircheck sent an unknown key on purpose,
// G3: its recorded envelope, refused with an error), resets while the target cannot be reset.
void check_replayable(const Trace& trace, const harness::Target& target,
                      const DiffOptions& options);

// Sends the recording again and compares (see the header's comment). Throws model::UsageError
// when the target stops answering at all (a request cannot be sent, a reset or clock move fails).
DiffResult diff_trace(const Trace& recorded, harness::Target& target, const DiffOptions& options);

nlohmann::json diff_json(const DiffResult& result, const std::string& recording,
                         const std::string& target);
std::string diff_markdown(const DiffResult& result, const std::string& recording,
                          const std::string& target);

}  // namespace paircheck::traces
