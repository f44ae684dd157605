#pragma once
// What the run loop talks to. A target sends one signed request and returns what came back as a
// value (M2: an unknown outcome is not an error); a clock it can move is a capability, not a given.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "harness/http_client.hpp"
#include "models/request.hpp"

namespace paircheck::harness {

// A target whose clock the harness may move (a virtual clock): waits cost nothing.
class ClockControl {
 public:
  virtual ~ClockControl() = default;
  // Returns an error message, empty on success.
  virtual std::string advance(double seconds) = 0;
  // Whether other clients move this clock too (--clients N on one virtual-clock target): then it
  // does not stand still while a request is in flight, and each request's interval is read from it.
  virtual bool shared() const { return false; }
};

class Target {
 public:
  virtual ~Target() = default;
  // Realizes request.envelope on the wire, signs, sends. Never throws.
  virtual WireResult send(const model::Request& request) = 0;
  // The target's clock in milliseconds, as the model's TimeInterval wants it.
  virtual std::int64_t now_ms() = 0;
  // Non-null when the harness can move the target's clock.
  virtual ClockControl* clock() { return nullptr; }
  // Whether send_misbehaving can misbehave on a wire (the nemesis, nemesis.hpp): HTTP targets.
  virtual bool can_misbehave() const { return false; }
  // Sends like send(), misbehaving as told; a target without a wire just sends.
  virtual WireResult send_misbehaving(const model::Request& request, const Mischief& mischief) {
    (void)mischief;
    return send(request);
  }
  // Puts the target back to its initial state (no pairs, nothing attached, no tokens), when it can:
  // the bundled emulator can; a real account cannot, and the run cleans up after itself instead.
  virtual bool can_reset() const { return false; }
  // Returns an error message, empty on success.
  virtual std::string reset() { return "this target cannot be reset"; }
  // One line for logs and reports: "in-process emulator", "http://127.0.0.1:8080".
  virtual std::string describe() const = 0;
  // A second handle to the SAME target (same state, signer and clock; its own connection and
  // nonces), so that a race step can send from another thread while this one sends. Null when the
  // target cannot take concurrent requests. A handle is used by one thread at a time.
  virtual std::unique_ptr<Target> fork() { return nullptr; }
  // The target without a decorator's mischief (nemesis.hpp): what cleanup talks to, since it is
  // not judged and must not leave the account dirty because the nemesis dropped its Detach.
  virtual Target& plain() { return *this; }
  // Called with the bytes of each request send() writes, before it leaves (a recording,
  // traces/recording_target.hpp); a target without a wire of its own never calls it.
  virtual void set_wire_tap(const std::function<void(const WireRequest&)>& /*tap*/) {}
};

}  // namespace paircheck::harness
