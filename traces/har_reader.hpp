// Reads a HAR 1.2 file (docs/traces.md "check"): one written by `--record` (streamed, repaired
// when a killed run cut it off: its complete entries are kept) or by any proxy or browser. Every
// entry becomes a TraceCall: the action and business parameters from the query and form body
// (V1) or headers and query (V3), the answer from the status and body. Throws model::UsageError,
// one line naming the file and where, for a file that is not a HAR log (garbled, or truncated
// other than at the end of a streamed recording).
#pragma once

#include <string>

#include "models/profile.hpp"
#include "traces/trace.hpp"

namespace paircheck::traces {

Trace read_har(const std::string& path, const model::Profile& profile);
// The same from text (tests); `path` only names it in errors.
Trace parse_har(const std::string& text, const std::string& path, const model::Profile& profile);

}  // namespace paircheck::traces
