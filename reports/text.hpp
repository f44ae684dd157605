// Text shared by the formats: escaping for HTML/XML (everything from the target is untrusted),
// one-line descriptions of steps and responses, and the replay and curl commands of a failure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace paircheck::reports {

struct Failure;
struct Scorecard;

// & < > " ' escaped; control characters and invalid UTF-8 replaced (valid XML 1.0 and HTML).
std::string html_escape(std::string_view text);
// Markdown table cell / inline text: | ` * _ < > [ ] escaped, newlines flattened.
std::string markdown_escape(std::string_view text);
// Text for one terminal or code-block line: invalid UTF-8 replaced (U+FFFD), control characters
// (an escape sequence, a newline) made spaces, so that nothing from a target rewrites the screen.
std::string plain_text(std::string_view text);
// At most `max` bytes (UTF-8 safe), "..." appended when cut.
std::string clip(std::string_view text, std::size_t max);

// "StartDiskReplicaPair RegionId=cn-hangzhou OneShot=true" for a sequence step ({"kind":...}) or a
// request ({"action":...}); "settle {pair:0}", "wait 30s". Envelope deviations in brackets.
std::string describe_step(const nlohmann::json& step);
// "200 OK pair-...", "403 Forbidden OperationDenied.InvalidStatus", "no response (unknown
// outcome, M2)".
std::string describe_response(const nlohmann::json& observed);
// The failure's sequence, one line per step: the minimal one when shrunk, else the requests sent.
std::vector<std::string> failure_steps(const Failure& failure);
// "paircheck replay FILE" (shell-quoted), or "" without a replay file.
std::string replay_command(const std::string& replay_file);
// A curl command equivalent to `request` (run-log JSON) against `target`, signature redacted.
std::string curl_command(const nlohmann::json& request, const std::string& target,
                         const std::string& signature_version);
// The coverage map and the sometimes-goals for the terminal summary:
//   cells: M/N reachable visited (status a/b, token c/d, form e/f)
//   goals: K/N reached; missed: goal:... (and a line for goals this run cannot reach)
std::string reach_summary(const Scorecard& card);
// The JSON text of a value, invalid UTF-8 replaced.
std::string dump(const nlohmann::json& j, int indent = -1);

}  // namespace paircheck::reports
