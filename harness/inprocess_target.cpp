#include "harness/inprocess_target.hpp"

#include <cmath>
#include <stdexcept>

namespace paircheck::harness {

InProcessTarget::InProcessTarget(const emulator::ServiceConfig& config,
                                 const protocol::Fixtures& fixtures, SignatureVersion version,
                                 std::uint64_t seed)
    : service_(std::make_shared<emulator::Service>(config, fixtures)),
      encoder_(fixtures, version, "ebs.paircheck.local", seed),
      virtual_clock_(config.clock == emulator::ClockMode::kVirtual),
      seed_(seed),
      fixtures_(fixtures) {}

InProcessTarget::InProcessTarget(std::shared_ptr<emulator::Service> service,
                                 const protocol::Fixtures& fixtures, SignatureVersion version,
                                 bool virtual_clock, std::uint64_t seed)
    : service_(std::move(service)),
      encoder_(fixtures, version, "ebs.paircheck.local", seed),
      virtual_clock_(virtual_clock),
      seed_(seed),
      fixtures_(fixtures) {}

std::unique_ptr<Target> InProcessTarget::fork() {
  // Another seed, so that the fork's fresh nonces (retries) never repeat this handle's (G8).
  const std::uint64_t seed = seed_ + 0x9e3779b97f4a7c15ULL * ++forks_;
  return std::unique_ptr<Target>(
      new InProcessTarget(service_, fixtures_, encoder_.version(), virtual_clock_, seed));
}

WireResult InProcessTarget::send(const model::Request& request) {
  protocol::WireRequest wire = encoder_.encode(request);
  if (tap_) tap_(wire);
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
