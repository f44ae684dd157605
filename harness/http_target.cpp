#include "harness/http_target.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace paircheck::harness {

HttpTarget::HttpTarget(HttpTargetOptions options, const protocol::Fixtures& fixtures)
    : options_(std::move(options)),
      client_(options_.endpoint, options_.client),
      encoder_(fixtures, options_.signature, options_.endpoint.host + ":" + options_.endpoint.port,
               options_.seed),
      fixtures_(fixtures) {}

std::unique_ptr<Target> HttpTarget::fork() {
  HttpTargetOptions options = options_;
  // Another seed, so that the fork's fresh nonces (retries) never repeat this handle's (G8).
  options.seed = options_.seed + 0x9e3779b97f4a7c15ULL * ++forks_;
  auto twin = std::make_unique<HttpTarget>(std::move(options), fixtures_);
  twin->start_ = start_;  // one timeline: intervals of both handles compare
  twin->clock_known_ = clock_known_;
  twin->clock_seconds_ = clock_seconds_;
  // Connected before the race, not in it: a server that accepts on a busy thread would otherwise
  // take the fork's request only after this handle's.
  twin->client_.connect();  // a failure shows again, as a target error, when it sends
  return twin;
}

WireResult HttpTarget::send(const model::Request& request) {
  const WireRequest wire = encoder_.encode(request);
  if (tap_) tap_(wire);
  return client_.send(wire);
}

WireResult HttpTarget::send_misbehaving(const model::Request& request, const Mischief& mischief) {
  const WireRequest wire = encoder_.encode(request);
  if (tap_) tap_(wire);
  return client_.send(wire, mischief);
}

std::int64_t HttpTarget::now_ms() {
  if (clock() != nullptr) {
    // Clients sharing a virtual clock move it for each other: ask, rather than trust the last
    // answer (a stale clock made a 3 s transition look 460 s long, a false M3).
    if (!clock_known_ || options_.shared_clock) advance(0);
    return std::llround(clock_seconds_ * 1000.0);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start_)
      .count();
}

ClockControl* HttpTarget::clock() { return options_.control_token.empty() ? nullptr : this; }

std::string HttpTarget::advance(double seconds) {
  char query[64];
  std::snprintf(query, sizeof query, "/_paircheck/clock/advance?seconds=%.3f", seconds);
  WireRequest request;
  request.method = "POST";
  request.target = query;
  request.headers.emplace_back("x-paircheck-control-token", options_.control_token);
  return read_clock(client_.send(request));
}

std::string HttpTarget::reset() {
  WireRequest request;
  request.method = "POST";
  request.target = "/_paircheck/reset";
  request.headers.emplace_back("x-paircheck-control-token", options_.control_token);
  return read_clock(client_.send(request));
}

std::string HttpTarget::read_clock(const WireResult& result) {
  if (!result.ok()) return "clock control failed: " + result.detail;
  if (result.status != 200) {
    return "clock control answered " + std::to_string(result.status) + ": " + result.body;
  }
  auto body = nlohmann::json::parse(result.body, nullptr, false);
  if (!body.is_object() || !body.contains("ClockSeconds") || !body["ClockSeconds"].is_number()) {
    return "clock control answered without ClockSeconds: " + result.body.substr(0, 200);
  }
  clock_seconds_ = body["ClockSeconds"].get<double>();
  clock_known_ = true;
  return {};
}

}  // namespace paircheck::harness
