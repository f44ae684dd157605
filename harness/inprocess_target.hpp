#pragma once
// The fast path: the bundled emulator linked in, on a virtual clock, no sockets. Requests are still
// signed and encoded exactly as on the wire, so the emulator's gateway is exercised in full.
#include <memory>

#include "emulator/service.hpp"
#include "harness/target.hpp"
#include "harness/wire_encoder.hpp"

namespace paircheck::harness {

class InProcessTarget final : public Target, public ClockControl {
 public:
  InProcessTarget(const emulator::ServiceConfig& config, const protocol::Fixtures& fixtures,
                  SignatureVersion version, std::uint64_t seed);

  WireResult send(const model::Request& request) override;
  std::int64_t now_ms() override;
  ClockControl* clock() override;
  std::string describe() const override { return "in-process emulator"; }
  std::string advance(double seconds) override;
  bool can_reset() const override { return true; }
  std::string reset() override;
  // The same emulator (its Service is thread-safe), another encoder with its own nonces.
  std::unique_ptr<Target> fork() override;
  void set_wire_tap(const std::function<void(const WireRequest&)>& tap) override { tap_ = tap; }

  emulator::Service& service() { return *service_; }

 private:
  std::function<void(const WireRequest&)> tap_;  // a recording's (traces/)
  InProcessTarget(std::shared_ptr<emulator::Service> service, const protocol::Fixtures& fixtures,
                  SignatureVersion version, bool virtual_clock, std::uint64_t seed);

  std::shared_ptr<emulator::Service> service_;
  WireEncoder encoder_;
  bool virtual_clock_;
  std::uint64_t seed_;  // the encoder's; a fork's encoder gets another
  std::uint64_t forks_ = 0;
  protocol::Fixtures fixtures_;  // for a fork's encoder
};

}  // namespace paircheck::harness
