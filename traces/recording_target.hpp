// `paircheck run --record FILE.har`: a decorator that writes every exchange of the target it wraps
// into a HAR file (har_writer.hpp), innermost, so that what is recorded is what went on the wire
// (a nemesis outside it drops answers the recording then shows as unanswered). Each entry's
// `_paircheck` field keeps the target's clock of the request (`clock`: sent_ms, received_ms) and
// the request as the model saw it (`request`, its nonce replaced by a digest); a reset of the
// target is an entry of its own (`reset`: true), since it puts the target back to its initial
// state. Forks record into the same file; cleanup's requests are recorded too (plain() is this).
#pragma once

#include <memory>

#include "harness/target.hpp"
#include "traces/har_writer.hpp"

namespace paircheck::traces {

class RecordingTarget final : public harness::Target {
 public:
  RecordingTarget(std::unique_ptr<harness::Target> inner, std::shared_ptr<HarWriter> writer,
                  std::string scheme = "http");

  harness::WireResult send(const model::Request& request) override;
  std::int64_t now_ms() override { return inner_->now_ms(); }
  harness::ClockControl* clock() override { return inner_->clock(); }
  bool can_misbehave() const override { return inner_->can_misbehave(); }
  harness::WireResult send_misbehaving(const model::Request& request,
                                       const harness::Mischief& mischief) override;
  bool can_reset() const override { return inner_->can_reset(); }
  std::string reset() override;
  std::string describe() const override { return inner_->describe(); }
  std::unique_ptr<harness::Target> fork() override;

 private:
  harness::WireResult record(const model::Request& request, const harness::Mischief* mischief);

  std::unique_ptr<harness::Target> inner_;
  std::shared_ptr<HarWriter> writer_;
  std::string scheme_;
  protocol::WireRequest last_;  // what the inner target last wrote (its wire tap)
};

// The request as a recording keeps it: the model's request with its nonce replaced by a digest
// (a nonce is redacted, yet G8 needs to know two requests carried the same one).
nlohmann::json recorded_request(const model::Request& request);

}  // namespace paircheck::traces
