// Reads an ActionTrail export (the cloud's audit log, docs/traces.md "ActionTrail") from its
// documented event fields only: a JSON array of events, an object with an `Events` array (the
// LookupEvents answer), or JSON lines (one event per line, as delivered to OSS/SLS). Each event
// becomes a TraceCall: the request from `eventName`, `apiVersion`, `userIdentity.accessKeyId` and
// `requestParameters` (read by the wire reader, wire_request.hpp, as a form), the answer from
// `responseElements` or `errorCode` with no HTTP status (model::Observed::http_status_known false),
// the time interval [eventTime, eventTime + 1 s) (second resolution: events of one second overlap).
// Also: which format a trace file is in (by its content), and reading either.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/profile.hpp"
#include "traces/trace.hpp"

namespace paircheck::traces {

enum class TraceFormat { kHar, kActionTrail };

// "har" / "actiontrail" (the --format flag); nullopt for anything else.
std::optional<TraceFormat> trace_format_from_name(std::string_view name);

// A HAR has `log.entries` (its first key is `log`); an ActionTrail export is an array, an object
// with `Events`, or JSON lines of events. Throws model::UsageError, one line naming the file, for
// text that is neither.
TraceFormat detect_trace_format(const std::string& text, const std::string& path);

// Throws model::UsageError, one line naming the file and the event (its position from 1), for an
// export that is not one (garbled, an event without eventName or eventTime, a bad time).
Trace parse_actiontrail(const std::string& text, const std::string& path,
                        const model::Profile& profile);

// Reads the file and parses it as `format`, or as the format its content shows (nullopt).
Trace read_trace(const std::string& path, const model::Profile& profile,
                 std::optional<TraceFormat> format);

}  // namespace paircheck::traces
