#pragma once
// The bundled emulator linked in, on a virtual clock, no sockets. Requests are signed and encoded
// exactly as on the wire, so the emulator's gateway is exercised in full (`--target inprocess`).
// With direct(N) (`--target direct`), a request that exercises nothing of the wire (a clean
// envelope, docs/harness.md "The direct path") is handed to the emulator as its parameter set
// and its answer taken as a document (protocol/direct.hpp), except every N-th such request,
// which goes the signed way so that every run still judges the wire rules.
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
  std::string describe() const override {
    return signed_every_ == 0 ? "in-process emulator" : "in-process emulator, direct";
  }
  std::string advance(double seconds) override;
  bool can_reset() const override { return true; }
  std::string reset() override;
  // The same emulator (its Service is thread-safe), another encoder with its own nonces.
  std::unique_ptr<Target> fork() override;
  void set_wire_tap(const std::function<void(const WireRequest&)>& tap) override { tap_ = tap; }

  emulator::Service& service() { return *service_; }

  // Every `signed_every`-th request that could go direct goes signed (1: all signed; 0: direct
  // off). A fork keeps the setting.
  void direct(std::uint32_t signed_every) { signed_every_ = signed_every; }
  // Whether `request` exercises nothing the direct path skips (the envelope as a client signs it,
  // no common parameter among its own, a size no gateway limit is near).
  static bool direct_eligible(const model::Request& request);

 private:
  std::function<void(const WireRequest&)> tap_;  // a recording's (traces/)
  InProcessTarget(std::shared_ptr<emulator::Service> service, const protocol::Fixtures& fixtures,
                  SignatureVersion version, bool virtual_clock, std::uint64_t seed);

  std::shared_ptr<emulator::Service> service_;
  WireEncoder encoder_;
  bool virtual_clock_;
  std::uint64_t seed_;  // the encoder's; a fork's encoder gets another
  std::uint64_t forks_ = 0;
  std::uint32_t signed_every_ = 0;
  std::uint64_t eligible_ = 0;  // requests that could have gone direct so far
  WireResult send_direct(const model::Request& request);
  protocol::Fixtures fixtures_;  // for a fork's encoder
};

}  // namespace paircheck::harness
