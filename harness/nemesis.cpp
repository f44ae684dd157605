#include "harness/nemesis.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>

#include "harness/sleep_meter.hpp"
#include "models/request.hpp"

namespace paircheck::harness {
namespace {

constexpr std::array<std::string_view, kNemesisKinds> kNames = {"drop-response", "reset",
                                                                "duplicate", "delay"};

bool is_mutation(const model::Request& request) {
  const model::Action a = model::action_from_name(request.action);
  return a != model::Action::kDescribe && a != model::Action::kProgress &&
         a != model::Action::kUnknown;
}

bool needs_wire(NemesisKind kind) {
  return kind == NemesisKind::kReset || kind == NemesisKind::kDuplicate;
}

}  // namespace

std::string_view nemesis_name(NemesisKind kind) { return kNames[static_cast<std::size_t>(kind)]; }

NemesisParse parse_nemesis(std::string_view list) {
  NemesisParse out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view name = list.substr(start, comma - start);
    start = comma + 1;
    if (name == "all") {
      out.options.kinds = {NemesisKind::kDropResponse, NemesisKind::kReset, NemesisKind::kDuplicate,
                           NemesisKind::kDelay};
      continue;
    }
    bool found = false;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      if (name != kNames[i]) continue;
      found = true;
      const auto kind = static_cast<NemesisKind>(i);
      if (std::find(out.options.kinds.begin(), out.options.kinds.end(), kind) ==
          out.options.kinds.end()) {
        out.options.kinds.push_back(kind);
      }
    }
    if (!found) {
      out.error = "unknown nemesis '" + std::string(name) +
                  "' (expected drop-response, reset, duplicate, delay or all)";
      return out;
    }
  }
  return out;
}

std::string nemesis_unsupported(const Target& inner, const NemesisOptions& options) {
  if (!(options.rate >= 0 && options.rate <= 1)) return "nemesis rate must be within 0..1";
  if (options.max_delay_ms < 0) return "nemesis delay must not be negative";
  if (inner.can_misbehave()) return {};
  for (NemesisKind kind : options.kinds) {
    if (needs_wire(kind)) {
      return "nemesis " + std::string(nemesis_name(kind)) + " is not supported on " +
             inner.describe() + ": it needs an HTTP target (embedded or a URL)";
    }
  }
  return {};
}

Nemesis::Nemesis(Target& inner, NemesisOptions options)
    : Nemesis(nullptr, &inner, std::move(options), std::make_shared<Counters>()) {}

Nemesis::Nemesis(std::unique_ptr<Target> inner, NemesisOptions options)
    : Nemesis(std::move(inner), nullptr, std::move(options), std::make_shared<Counters>()) {}

Nemesis::Nemesis(std::unique_ptr<Target> owned, Target* borrowed, NemesisOptions options,
                 std::shared_ptr<Counters> counters)
    : owned_(std::move(owned)),
      inner_(borrowed != nullptr ? borrowed : owned_.get()),
      options_(std::move(options)),
      counters_(std::move(counters)),
      rng_(options_.seed) {
  if (inner_ == nullptr) throw std::invalid_argument("nemesis: no target to wrap");
  if (auto why = nemesis_unsupported(*inner_, options_); !why.empty()) {
    throw std::invalid_argument(why);
  }
}

std::unique_ptr<Target> Nemesis::fork() {
  std::unique_ptr<Target> forked = inner_->fork();
  if (!forked) return nullptr;
  NemesisOptions options = options_;
  options.seed = options_.seed * 1000003 + ++forks_;
  return std::unique_ptr<Target>(new Nemesis(std::move(forked), nullptr, options, counters_));
}

bool Nemesis::pick(NemesisKind& kind, int& delay_ms, std::size_t& reset_after) {
  std::lock_guard<std::mutex> lock(rng_mutex_);
  if (spare_next_) {
    spare_next_ = false;
    return false;
  }
  if (options_.kinds.empty()) return false;
  if (std::uniform_real_distribution<double>(0, 1)(rng_) >= options_.rate) return false;
  kind = options_
             .kinds[std::uniform_int_distribution<std::size_t>(0, options_.kinds.size() - 1)(rng_)];
  delay_ms = std::uniform_int_distribution<int>(0, options_.max_delay_ms)(rng_);
  // The status line alone is 17 bytes: anywhere from the first byte to well into the headers.
  reset_after = std::uniform_int_distribution<std::size_t>(1, 96)(rng_);
  spare_next_ = kind == NemesisKind::kDropResponse || kind == NemesisKind::kReset;
  return true;
}

WireResult Nemesis::send(const model::Request& request) {
  counters_->sends.fetch_add(1, std::memory_order_relaxed);
  if (!is_mutation(request)) return inner_->send(request);
  counters_->mutations.fetch_add(1, std::memory_order_relaxed);
  NemesisKind kind{};
  int delay_ms = 0;
  std::size_t reset_after = 1;
  if (!pick(kind, delay_ms, reset_after)) return inner_->send(request);
  // A lost answer is only recoverable with a ClientToken to ask again with (M2, I1): dropping the
  // answer of a token-less Create or an AttachDisk would leave a pair or an attachment nobody
  // knows of on the account, and the lease's next sequences would meet it. Those go through, and
  // so do calls with `ClientToken=` (empty means none, contract P1/P2).
  const bool lossy = kind == NemesisKind::kDropResponse || kind == NemesisKind::kReset;
  const auto token = model::find_param(request.params, "ClientToken");
  if (lossy && (!token || token->empty())) return inner_->send(request);
  counters_->applied[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
  switch (kind) {
    case NemesisKind::kDelay:
      sleep_for(std::chrono::milliseconds(delay_ms));  // metered (sleep_meter.hpp)
      return inner_->send(request);
    case NemesisKind::kDropResponse:
      if (inner_->can_misbehave()) {
        return inner_->send_misbehaving(request, {Mischief::Kind::kDropResponse, 1});
      } else {
        // No wire: the request is applied and its answer thrown away, which is what a lost
        // answer is (the target cannot tell, so no lost-answer fault shows here).
        WireResult answer = inner_->send(request);
        if (answer.kind == WireResult::Kind::kNotSent) return answer;
        WireResult lost;
        lost.kind = WireResult::Kind::kUnknown;
        lost.detail = "nemesis drop-response: the answer was discarded";
        return lost;
      }
    case NemesisKind::kReset:
      return inner_->send_misbehaving(request, {Mischief::Kind::kReset, reset_after});
    case NemesisKind::kDuplicate:
      return inner_->send_misbehaving(request, {Mischief::Kind::kDuplicate, 1});
  }
  return inner_->send(request);
}

std::string Nemesis::describe() const {
  std::string kinds;
  for (NemesisKind kind : options_.kinds) {
    kinds += (kinds.empty() ? "" : ",") + std::string(nemesis_name(kind));
  }
  return inner_->describe() + " (nemesis " + (kinds.empty() ? "none" : kinds) + " on " +
         std::to_string(std::lround(options_.rate * 100)) + " % of mutations)";
}

NemesisCounts Nemesis::counts() const {
  NemesisCounts out;
  out.sends = counters_->sends.load(std::memory_order_relaxed);
  out.mutations = counters_->mutations.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < kNemesisKinds; ++i) {
    out.applied[i] = counters_->applied[i].load(std::memory_order_relaxed);
  }
  return out;
}

std::string Nemesis::summary() const {
  const NemesisCounts c = counts();
  std::string out = "nemesis:";
  for (std::size_t i = 0; i < kNemesisKinds; ++i) {
    out += (i == 0 ? " " : ", ") + std::to_string(c.applied[i]) + " " + std::string(kNames[i]);
  }
  return out + " in " + std::to_string(c.mutations) + " mutations";
}

}  // namespace paircheck::harness
