// A recorded trace as the offline judge reads it (docs/traces.md): calls in the trace's order,
// each the model's request with its time interval and what came back, from a HAR file
// (har_reader.hpp) or an ActionTrail export.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/observed.hpp"
#include "models/request.hpp"

namespace paircheck::traces {

struct TraceCall {
  std::size_t entry = 0;  // position in the file, from 0
  std::string started;    // the trace's own timestamp of the request (ISO 8601)
  // The target was put back to its initial state here (a paircheck recording's reset entry): no
  // pairs, no tokens, nothing attached. Such a call carries no request.
  bool reset = false;
  model::Request request;  // request.time: the target's clock (paircheck), else the trace's, in ms
  std::optional<model::Observed> observed;  // nullopt: no answer (M2)
  // The envelope is known as sent (a paircheck recording's `_paircheck.request`): the gateway
  // rules that need secrets or the server's time (G2, G6, G7, G8) can be judged.
  bool envelope_known = false;
  std::string not_judged;  // non-empty: why the judge skips this call
  // A paircheck recording's steady-clock interval of the exchange (`_paircheck.wall_us`): calls
  // whose wall intervals overlap were in flight together even when the target's clock (a virtual
  // one) gives both the same instant. -1: not recorded.
  std::int64_t wall_from_us = -1, wall_to_us = -1;
};

struct Trace {
  std::string path;
  std::string source;  // "paircheck HAR", "HAR", "ActionTrail"
  std::vector<TraceCall> calls;
  std::string first_time, last_time;  // the trace's own timestamps (ISO 8601), "" when none
  std::string repaired;               // non-empty: what the reader repaired (a cut-off recording)
};

// Milliseconds since the epoch of an ISO 8601 UTC time ("2026-12-02T17:00:00.123Z", an offset
// "+08:00" allowed); nullopt when it is not one.
std::optional<std::int64_t> epoch_ms(std::string_view iso8601);

}  // namespace paircheck::traces
