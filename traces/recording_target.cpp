#include "traces/recording_target.hpp"

#include <algorithm>

#include "models/json_io.hpp"
#include "protocol/crypto.hpp"
#include "protocol/params.hpp"

namespace paircheck::traces {

nlohmann::json recorded_request(const model::Request& request) {
  model::Request copy = request;
  if (!copy.envelope.nonce.empty()) {
    copy.envelope.nonce = "sha256:" + protocol::sha256_hex(copy.envelope.nonce).substr(0, 16);
  }
  nlohmann::json j = copy;
  // JSON text holds only UTF-8, and paircheck sends bytes that are not on purpose (W1): the
  // parameters go percent-encoded, byte for byte.
  j.erase("params");
  j["params_urlencoded"] = protocol::to_urlencoded(copy.params);
  return j;
}

RecordingTarget::RecordingTarget(std::unique_ptr<harness::Target> inner,
                                 std::shared_ptr<HarWriter> writer, std::string scheme)
    : inner_(std::move(inner)), writer_(std::move(writer)), scheme_(std::move(scheme)) {
  inner_->set_wire_tap([this](const protocol::WireRequest& wire) { last_ = wire; });
}

harness::WireResult RecordingTarget::send(const model::Request& request) {
  return record(request, nullptr);
}

harness::WireResult RecordingTarget::send_misbehaving(const model::Request& request,
                                                      const harness::Mischief& mischief) {
  return record(request, &mischief);
}

harness::WireResult RecordingTarget::record(const model::Request& request,
                                            const harness::Mischief* mischief) {
  last_ = {};
  const auto wall = std::chrono::system_clock::now();
  const auto steady = std::chrono::steady_clock::now();
  const std::int64_t from_us = writer_->micros();
  harness::WireResult result =
      mischief ? inner_->send_misbehaving(request, *mischief) : inner_->send(request);
  // A request that never left (connect failed) exchanged nothing: nothing to record.
  if (result.kind == harness::WireResult::Kind::kNotSent || last_.method.empty()) return result;
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - steady).count();
  const std::int64_t to_us = writer_->micros();
  const std::int64_t received = std::max(inner_->now_ms(), request.time.sent_ms);
  const auto entry = [&](const harness::WireResult& r, const model::Request& as) {
    Exchange x;
    x.started = wall;
    x.wall_ms = wall_ms;
    x.scheme = scheme_;
    x.request = last_;
    x.answered = r.kind == harness::WireResult::Kind::kResponse;
    x.status = r.status;
    x.response_headers = r.headers;
    x.response_body = r.body;
    x.error = r.detail;
    x.paircheck = {{"clock", {{"sent_ms", as.time.sent_ms}, {"received_ms", received}}},
                   {"wall_us", {from_us, to_us}},
                   {"request", recorded_request(as)}};
    writer_->write(har_entry(x));
  };
  entry(result, request);
  // The nemesis's duplicate: the identical bytes again, the nonce reused (G8).
  for (const harness::WireResult& again : result.repeats) {
    if (again.kind == harness::WireResult::Kind::kNotSent) continue;
    model::Request copy = request;
    copy.envelope.nonce_reused = true;
    entry(again, copy);
  }
  return result;
}

std::string RecordingTarget::reset() {
  std::string error = inner_->reset();
  if (!error.empty()) return error;
  Exchange x;
  x.started = std::chrono::system_clock::now();
  x.scheme = scheme_;
  x.request.method = "POST";
  x.request.target = "/_paircheck/reset";
  x.answered = true;
  x.status = 200;
  const std::int64_t now = inner_->now_ms();
  x.paircheck = {{"reset", true}, {"clock", {{"sent_ms", now}, {"received_ms", now}}}};
  writer_->write(har_entry(x));
  return {};
}

std::unique_ptr<harness::Target> RecordingTarget::fork() {
  std::unique_ptr<harness::Target> twin = inner_->fork();
  if (!twin) return nullptr;
  return std::make_unique<RecordingTarget>(std::move(twin), writer_, scheme_);
}

}  // namespace paircheck::traces
