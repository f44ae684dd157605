#include "harness/inprocess_target.hpp"

#include <cmath>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

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
  auto fork = std::unique_ptr<InProcessTarget>(
      new InProcessTarget(service_, fixtures_, encoder_.version(), virtual_clock_, seed));
  fork->signed_every_ = signed_every_;
  return fork;
}

bool InProcessTarget::direct_eligible(const model::Request& request) {
  const model::Envelope& e = request.envelope;
  if ((e.method != "POST" && e.method != "GET") || e.path != "/" || !e.version ||
      e.access_key_id.empty() || e.signature != model::SignatureFault::kNone ||
      e.timestamp != model::TimestampState::kOk || e.timestamp_offset_s != 0 ||
      e.timestamp_fraction_digits != 0 || e.nonce_reused || (e.format && *e.format != "JSON")) {
    return false;
  }
  // Names the signer writes itself: on the wire they collide with the request's own.
  static constexpr std::string_view kCommon[] = {"Action",    "Version",          "AccessKeyId",
                                                 "Signature", "SignatureMethod",  "SignatureNonce",
                                                 "Timestamp", "SignatureVersion", "SignatureType",
                                                 "Format",    "SecurityToken"};
  std::size_t bytes = 0;
  for (const auto& [name, value] : request.params) {
    bytes += name.size() + value.size();
    for (std::string_view common : kCommon) {
      if (name == common) return false;
    }
  }
  constexpr std::size_t kMostBytes = std::size_t{16} * 1024;
  return bytes <= kMostBytes;  // far below the gateway's request limit, even percent-encoded
}

WireResult InProcessTarget::send_direct(const model::Request& request) {
  protocol::DirectRequest direct{request.action, request.envelope.version,
                                 request.envelope.access_key_id, request.envelope.nonce,
                                 request.params};
  if (request.envelope.format) direct.params.emplace_back("Format", *request.envelope.format);
  protocol::DirectAnswer answer = service_->handle_direct(direct);
  WireResult out;
  out.kind = WireResult::Kind::kResponse;
  out.status = answer.status;
  out.document = std::make_shared<const nlohmann::json>(std::move(answer.document));
  return out;
}

WireResult InProcessTarget::send(const model::Request& request) {
  if (signed_every_ != 0 && direct_eligible(request) && ++eligible_ % signed_every_ != 0) {
    return send_direct(request);
  }
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
