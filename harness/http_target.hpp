#pragma once
// Any endpoint over HTTP or HTTPS (Boost.Beast client, keep-alive, timeouts). With a control token
// the target's virtual clock is moved through `POST /_paircheck/clock/advance` (a capability the
// bundled emulator offers; a real cloud has none, and the run loop then waits for real).
#include <chrono>
#include <optional>

#include "harness/http_client.hpp"
#include "harness/target.hpp"
#include "harness/wire_encoder.hpp"

namespace paircheck::harness {

struct HttpTargetOptions {
  Endpoint endpoint;
  ClientOptions client;
  SignatureVersion signature = SignatureVersion::kV3;
  std::string control_token;  // non-empty: the target's clock is virtual and ours to move
  bool shared_clock = false;  // other clients move the same virtual clock: read it each time
  std::uint64_t seed = 1;
};

class HttpTarget final : public Target, public ClockControl {
 public:
  HttpTarget(HttpTargetOptions options, const protocol::Fixtures& fixtures);

  WireResult send(const model::Request& request) override;
  std::int64_t now_ms() override;
  ClockControl* clock() override;
  bool can_misbehave() const override { return true; }
  WireResult send_misbehaving(const model::Request& request, const Mischief& mischief) override;
  std::string describe() const override { return options_.endpoint.url(); }
  std::string advance(double seconds) override;
  bool shared() const override { return options_.shared_clock; }
  // With a control token: `POST /_paircheck/reset` (the bundled emulator's control endpoint).
  bool can_reset() const override { return !options_.control_token.empty(); }
  std::string reset() override;
  // A new connection to the same endpoint, same signer, same clock origin; its own nonces.
  std::unique_ptr<Target> fork() override;
  void set_wire_tap(const std::function<void(const WireRequest&)>& tap) override { tap_ = tap; }

 private:
  std::function<void(const WireRequest&)> tap_;  // a recording's (traces/)
  HttpTargetOptions options_;
  HttpClient client_;
  WireEncoder encoder_;
  std::string read_clock(const WireResult& result);

  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  // A virtual clock as the target last reported it (control endpoint: ClockSeconds).
  bool clock_known_ = false;
  double clock_seconds_ = 0;
  protocol::Fixtures fixtures_;  // for a fork's encoder
  std::uint64_t forks_ = 0;
};

}  // namespace paircheck::harness
