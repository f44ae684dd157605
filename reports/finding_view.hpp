// One finding, step by step, as every output shows it (docs/judge.md "Reading a finding"): the
// steps of its sequence numbered 1..n, the judged requests of a step that sent several (a settle's
// polls, a wait's reads, a retry, a race) lettered 3a, 3b...; each with the actual response, and at
// the failing step what the model allowed, with the rules (M4) titled from models/rules.def.
// Pure functions of run-log JSON: the terminal summary, `paircheck replay`, Markdown and HTML.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace paircheck::reports {

struct Failure;

// The D/A legend, shown with the first titled rule of an output.
inline constexpr const char* kKindLegend =
    "D: documented by Alibaba Cloud; A: assumed by the contract, a profile may set it the other "
    "way";

// "Forbidden" for 403 (Beast's table); "" for a status it does not know.
std::string reason_phrase(int http_status);
// "403 Forbidden", or "299" for a status without a phrase.
std::string status_text(int http_status);
// "O2 Start only from created or stopped (D)"; an ID this version does not know, as it is.
std::string titled_rule(std::string_view id);
// An allowed response of the model with its reason phrase: "403 Forbidden OperationDenied.X [O2]".
std::string allowed_text(std::string_view allowed);

// One response in words: what the target answered, the fields that matter for the action.
struct ResponseView {
  bool answered = false;            // false: no answer (unknown outcome, M2)
  std::string status;               // "403 Forbidden"
  std::string code, message;        // an error's Code and Message
  std::vector<std::string> fields;  // "ReplicaPairId=pair-1", "TotalCount=3", "Progress=40"
  std::vector<std::string> pairs;   // Describe: "pair-1 created", at most max_pairs
  std::size_t pairs_listed = 0;     // how many the answer listed
  std::string shape_error;          // the W2/W3 break
  std::string body;                 // the raw body as logged (only with a shape_error)
};
ResponseView response_view(const nlohmann::json& observed, std::size_t max_pairs);

// One judged request of a step.
struct RecordView {
  std::string label;    // "3", "3b", "4a"
  std::string request;  // "StopDiskReplicaPair RegionId=... ReplicaPairId=pair-1"
  ResponseView response;
  bool conformant = true;
  std::vector<std::string> allowed;  // the responses the model allowed
  std::vector<std::string> rules;    // the verdict's rule IDs ("O2", "O0")
};

// The label of the index-th (0-based) judged request of step `number` (1-based): a call's first
// request is the step itself ("3"), a retry or a repeat "3b"; every request of a settle, wait or
// race step is lettered from "a" ("4a"... "4z", "4aa").
std::string record_label(std::size_t number, std::string_view kind, std::size_t index);
RecordView record_view(const nlohmann::json& record, std::string label, std::size_t max_pairs);

struct StepView {
  std::size_t number = 0;  // 1-based position in the sequence
  std::string kind;        // call | settle | wait | race; "" when the log does not say
  std::string text;        // a call: the request as sent; otherwise the step ("settle {pair:0}")
  std::vector<RecordView> records;
  bool failing = false;  // the step the finding is about
  bool ran = true;       // false: the sequence stopped before it
};
// "3. settle {pair:0}", its first line.
std::string step_heading(const StepView& step);

// A verdict's message on one line, without the `allowed` answers it lists (the failing step shows
// them): "[O2] StartDiskReplicaPair: got 200, which no state explains (explained if ...)".
std::string finding_headline(std::string_view message, const std::vector<std::string>& allowed);

struct FindingView {
  std::string headline;              // the verdict's message, without its list of allowed answers
  std::vector<std::string> rules;    // titled, the one the evidence points to first
  std::vector<std::string> allowed;  // at the failing step
  std::string shrink;                // shrunk | partly shrunk | not shrunk
  std::string sequence_heading;      // "minimal sequence (5 requests; shrunk from 31 steps...)"
  std::vector<StepView> steps;
  // An older run log whose records do not say their step: one step per judged request.
  bool numbered_by_request = false;
};
FindingView finding_view(const Failure& failure, std::size_t max_pairs);

struct TextOptions {
  std::size_t max_pairs = 6;      // pairs of a Describe answer shown (the rest counted)
  std::size_t max_body = 600;     // bytes of a malformed body
  std::size_t max_message = 200;  // bytes of an error message
  // Three or more allowed requests in a row of a settle/wait/race step become one line.
  bool compact = true;
  bool every_allowed =
      false;  // `replay`: the allowed answers of every request, not only the failing one
};

// The lines of one judged request, for the step it belongs to (`first_of_call`: it is the call
// step's own request, whose heading already shows it). Indented, without a newline.
std::vector<std::string> record_lines(const RecordView& record, bool first_of_call,
                                      const TextOptions& options);
// The steps of a finding: heading and record lines of each step, "N-M not run" for the rest.
std::vector<std::string> step_lines(const FindingView& view, const TextOptions& options);
// The whole finding for the terminal and Markdown: rules (and the legend when `legend`), the
// sequence heading with its shrink state, and the step lines. Without the headline.
std::vector<std::string> finding_lines(const FindingView& view, bool legend,
                                       const TextOptions& options);

// The judged requests of one execution as they come (`paircheck replay`), with the lines and the
// numbering of step_lines: the same finding reads the same in the summary and in its replay.
class StepStream {
 public:
  // steps: the sequence's steps ({"steps":[...]}'s array).
  explicit StepStream(nlohmann::json steps, TextOptions options);
  // The lines to print for one more record (run-log JSON of a model::StepRecord).
  std::vector<std::string> add(const nlohmann::json& record);
  void restart();

 private:
  nlohmann::json steps_;
  TextOptions options_;
  std::size_t step_ = 0, in_step_ = 0;
  bool started_ = false;
};

}  // namespace paircheck::reports
