#include "harness/inprocess_target.hpp"

#include <cmath>
#include <stdexcept>

namespace paircheck::harness {

InProcessTarget::InProcessTarget(const emulator::ServiceConfig& config,
                                 const protocol::Fixtures& fixtures, SignatureVersion version,
                                 std::uint64_t seed)
    : service_(std::make_unique<emulator::Service>(config, fixtures)),
      encoder_(fixtures, version, "ebs.paircheck.local", seed),
      virtual_clock_(config.clock == emulator::ClockMode::kVirtual) {}

WireResult InProcessTarget::send(const model::Request& request) {
  protocol::WireRequest wire = encoder_.encode(request);
  emulator::HttpRequest http{std::move(wire.method), std::move(wire.target),
                             std::move(wire.headers), std::move(wire.body)};
  emulator::HttpResponse response = service_->handle(http);
  WireResult out;
  out.kind = WireResult::Kind::kResponse;
  out.status = response.status;
  out.headers.emplace_back("content-type", std::move(response.content_type));
  out.body = std::move(response.body);
  return out;
}

std::int64_t InProcessTarget::now_ms() {
  return static_cast<std::int64_t>(std::llround(service_->clock_seconds() * 1000.0));
}

std::string InProcessTarget::reset() {
  service_->reset();
  return {};
}

ClockControl* InProcessTarget::clock() { return virtual_clock_ ? this : nullptr; }

std::string InProcessTarget::advance(double seconds) {
  try {
    service_->advance_clock(seconds);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

}  // namespace paircheck::harness
