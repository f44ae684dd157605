#include "harness/race.hpp"

#include <algorithm>
#include <cassert>
#include <latch>
#include <thread>

#include "harness/observe.hpp"
#include "models/json_io.hpp"

namespace paircheck::harness {

std::vector<RaceSent> send_at_once(const std::vector<Target*>& handles,
                                   std::vector<model::Request> requests,
                                   std::optional<std::int64_t> instant) {
  assert(handles.size() == requests.size());
  std::vector<RaceSent> out(requests.size());
  std::latch go(static_cast<std::ptrdiff_t>(requests.size()));
  auto send = [&](std::size_t i) {
    Target& target = *handles[i];
    RaceSent& sent = out[i];
    sent.request = std::move(requests[i]);
    go.arrive_and_wait();
    sent.request.time.sent_ms = instant ? *instant : target.now_ms();
    sent.wire = target.send(sent.request);
    sent.request.time.received_ms =
        instant ? *instant : std::max(target.now_ms(), sent.request.time.sent_ms);
  };
  std::vector<std::thread> threads;
  threads.reserve(requests.size() - 1);
  for (std::size_t i = 1; i < requests.size(); ++i) threads.emplace_back(send, i);
  send(0);
  for (std::thread& t : threads) t.join();
  return out;
}

std::vector<model::TimedCall> timed_calls(const std::vector<RaceSent>& sent, const Lease* lease) {
  std::vector<model::TimedCall> calls;
  calls.reserve(sent.size());
  for (const RaceSent& s : sent) {
    model::TimedCall call{s.request, std::nullopt};
    if (s.wire.kind == WireResult::Kind::kResponse) {
      call.observed = observe(s.request.action, s.wire);
      if (lease != nullptr && s.request.action == "DescribeDiskReplicaPairs") {
        project(*lease, s.request, *call.observed);
      }
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

model::Verdict race_failure(const model::Linearized& judged,
                            const std::vector<model::TimedCall>& calls) {
  model::Verdict v = judged.failure;
  std::string which;
  for (const model::TimedCall& c : calls) {
    which += (which.empty() ? "" : ", ") + c.request.action + " [" +
             std::to_string(c.request.time.sent_ms) + ", " +
             std::to_string(c.request.time.received_ms) + "] ms";
  }
  v.message += " (a race: " + std::to_string(calls.size()) + " requests overlapped in time, " +
               which + "; no order of them explains every answer)";
  return v;
}

model::Verdict race_unknown(const model::Linearized& judged) {
  model::Verdict v;
  v.message = "[unknown] overlapping requests not judged: " + judged.reason;
  return v;
}

}  // namespace paircheck::harness
