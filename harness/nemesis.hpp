#pragma once
// A client-side nemesis: a Target decorator that misbehaves on purpose, like a real network, for a
// seeded fraction of the mutations it sends (Describes are left alone, so settling stays exact):
// - drop-response: send, then close before reading the answer: an unknown outcome (M2) that the
//   run loop retries with the same ClientToken, so I1 must make the retry converge;
// - reset: read part of the answer, then reset the connection (also unknown);
// - duplicate: send the identical signed bytes twice (same nonce, same signature); the run loop
//   judges the second answer as a request whose nonce was reused, so G8 must reject it and it
//   must have no second effect;
// - delay: sleep 0..max_delay_ms before sending, so concurrent clients' timing varies.
// reset and duplicate need a wire (Target::can_misbehave: HTTP targets). On a target without one
// (in-process) drop-response is faithful anyway: the request is applied and its answer discarded.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "harness/target.hpp"

namespace paircheck::harness {

enum class NemesisKind : std::uint8_t { kDropResponse, kReset, kDuplicate, kDelay };
inline constexpr std::size_t kNemesisKinds = 4;
std::string_view nemesis_name(NemesisKind kind);  // "drop-response", "reset", ...

struct NemesisOptions {
  std::vector<NemesisKind> kinds;  // what may happen, each equally likely; empty: nothing
  double rate = 0.1;               // the fraction of mutations that get one
  std::uint64_t seed = 1;
  int max_delay_ms = 200;  // delay: uniform in [0, max_delay_ms]
};

struct NemesisParse {
  NemesisOptions options;
  std::string error;  // empty on success
};
// "drop-response,reset,duplicate,delay": any of them, comma-separated, or "all".
NemesisParse parse_nemesis(std::string_view list);

// Empty when `inner` can carry every kind in `options`, else one line saying why not.
std::string nemesis_unsupported(const Target& inner, const NemesisOptions& options);

struct NemesisCounts {
  std::uint64_t sends = 0;                             // every request through the decorator
  std::uint64_t mutations = 0;                         // those that were mutations (candidates)
  std::array<std::uint64_t, kNemesisKinds> applied{};  // by NemesisKind
  std::uint64_t of(NemesisKind kind) const { return applied[static_cast<std::size_t>(kind)]; }
};

class Nemesis final : public Target {
 public:
  // `inner` must outlive the decorator. Throws std::invalid_argument with
  // nemesis_unsupported()'s line when `inner` cannot carry a kind asked for, or on a bad rate.
  Nemesis(Target& inner, NemesisOptions options);
  // The same, owning `inner`.
  Nemesis(std::unique_ptr<Target> inner, NemesisOptions options);

  WireResult send(const model::Request& request) override;
  std::int64_t now_ms() override { return inner_->now_ms(); }
  ClockControl* clock() override { return inner_->clock(); }
  Target& plain() override { return inner_->plain(); }
  bool can_misbehave() const override { return inner_->can_misbehave(); }
  WireResult send_misbehaving(const model::Request& request, const Mischief& mischief) override {
    return inner_->send_misbehaving(request, mischief);
  }
  bool can_reset() const override { return inner_->can_reset(); }
  std::string reset() override { return inner_->reset(); }
  std::string describe() const override;
  // A fork of the inner target behind a nemesis of its own (its own RNG, the same counters).
  std::unique_ptr<Target> fork() override;

  NemesisCounts counts() const;  // this nemesis and its forks
  // "nemesis: 12 drop-response, 3 reset, 5 duplicate, 9 delay in 240 mutations"
  std::string summary() const;

 private:
  // Which kind this send gets, if any (the RNG is the decorator's own, seeded).
  bool pick(NemesisKind& kind, int& delay_ms, std::size_t& reset_after);

  struct Counters {
    std::atomic<std::uint64_t> sends{0};
    std::atomic<std::uint64_t> mutations{0};
    std::array<std::atomic<std::uint64_t>, kNemesisKinds> applied{};
  };
  Nemesis(std::unique_ptr<Target> owned, Target* borrowed, NemesisOptions options,
          std::shared_ptr<Counters> counters);

  std::unique_ptr<Target> owned_;  // null when the caller owns inner_
  Target* inner_;                  // owned_ or the caller's
  NemesisOptions options_;
  std::shared_ptr<Counters> counters_;
  std::uint64_t forks_ = 0;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_;
  // After a drop or reset, the next send (normally the run loop's retry) goes through untouched,
  // so that the nemesis alone never turns an unknown outcome into "no response after N attempts".
  bool spare_next_ = false;
};

}  // namespace paircheck::harness
