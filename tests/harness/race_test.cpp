// Race steps (harness.md "Races"): requests sent at once from two threads on forked target
// handles, judged together by the linearizability check; the emulator's check-then-act fault is
// what they exist to find.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "emulator/server.hpp"
#include "harness/http_target.hpp"
#include "harness/run_sequence.hpp"
#include "models/requests.hpp"
#include "properties/gene.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

Step call(model::Request r) { return Step{Step::Kind::kCall, std::move(r), 0, 0, {}}; }
Step settle(std::size_t slot) { return Step{Step::Kind::kSettle, {}, 0, slot, {}}; }
Step race(std::vector<model::Request> requests) {
  return Step{Step::Kind::kRace, {}, 0, 0, std::move(requests)};
}

model::Request create_first_pair() {
  return model::requests::create({"cn-hangzhou", "cn-hangzhou-h", "d-hz-0001", "cn-shanghai",
                                  "cn-shanghai-e", "d-sh-0001", "{tok:1}", std::nullopt,
                                  std::nullopt});
}

model::Request with_nonce(model::Request r, const std::string& nonce) {
  r.envelope.nonce = nonce;
  return r;
}

// Create, settle, then two Starts of the pair at once (each its own token and nonce).
Sequence start_start() {
  return {call(create_first_pair()), settle(0),
          race({with_nonce(model::requests::start("{primary:0}", "{pair:0}", false, "{tok:2}"),
                           "{nonce:2}"),
                with_nonce(model::requests::start("{primary:0}", "{pair:0}", false, "{tok:3}"),
                           "{nonce:3}")})};
}

std::string why(const SequenceResult& r) { return r.failure ? r.failure->message : r.target_error; }

// Runs `sequence` on a reset target until it fails (at most `attempts` times); returns how many
// runs it took (0: never failed) and the failing result.
std::pair<std::size_t, SequenceResult> until_it_fails(Target& target,
                                                      const protocol::Fixtures& fixtures,
                                                      const Sequence& sequence,
                                                      const RunOptions& options,
                                                      std::size_t attempts) {
  SequenceResult last;
  for (std::size_t n = 1; n <= attempts; ++n) {
    EXPECT_EQ(target.reset(), "");
    model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
    RunOptions mine = options;
    mine.unique_prefix = "a" + std::to_string(n);
    last = run_sequence(target, beliefs, sequence, mine);
    if (!last.conformant()) return {n, std::move(last)};
  }
  return {0, std::move(last)};
}

void expect_race_finding(const SequenceResult& r) {
  ASSERT_EQ(r.status, SequenceResult::Status::kNonConformant) << why(r);
  ASSERT_TRUE(r.failure.has_value());
  EXPECT_EQ(r.failing_step, 2u);
  EXPECT_NE(r.failure->message.find("overlapped"), std::string::npos) << r.failure->message;
  EXPECT_NE(r.failure->message.find("no order of them explains every answer"), std::string::npos);
  ASSERT_TRUE(r.failure->key.has_value());
  EXPECT_EQ(r.failure->key->action, "StartDiskReplicaPair");
  // Both racing requests were judged and recorded against the race step.
  ASSERT_GE(r.records.size(), 2u);
  EXPECT_EQ(r.record_step[r.record_step.size() - 1], 2u);
  EXPECT_EQ(r.record_step[r.record_step.size() - 2], 2u);
  for (std::size_t i = r.records.size() - 2; i < r.records.size(); ++i) {
    ASSERT_TRUE(r.records[i].observed.has_value());
    EXPECT_EQ(r.records[i].observed->http_status, 200);  // both Starts were accepted
  }
}

TEST(RaceStep, RoundTripsThroughJsonAndShowsEveryRequest) {
  const Sequence s = start_start();
  Sequence back;
  ASSERT_EQ(from_json(nlohmann::json::parse(to_json(s).dump()), back), "");
  ASSERT_EQ(back.size(), 3u);
  ASSERT_EQ(back[2].kind, Step::Kind::kRace);
  ASSERT_EQ(back[2].racing.size(), 2u);
  EXPECT_EQ(back[2].racing[0].params, s[2].racing[0].params);
  EXPECT_EQ(back[2].racing[1].params, s[2].racing[1].params);
  EXPECT_EQ(back[2].racing[1].envelope.nonce, "{nonce:3}");
  EXPECT_EQ(to_json(back), to_json(s));
  const std::string shown = show(s[2]);
  EXPECT_EQ(shown.rfind("race: StartDiskReplicaPair", 0), 0u) << shown;
  EXPECT_NE(shown.find(" || StartDiskReplicaPair"), std::string::npos) << shown;
  EXPECT_NE(shown.find("ClientToken={tok:3}"), std::string::npos) << shown;
}

TEST(RaceStep, FewerThanTwoRequestsIsAnErrorNamingTheField) {
  Sequence s;
  EXPECT_EQ(from_json(nlohmann::json::parse(R"({"steps":[{"kind":"race","requests":[{}]}]})"), s),
            "steps[0].requests: expected an array of at least two requests");
  EXPECT_EQ(from_json(nlohmann::json::parse(
                          R"({"steps":[{"kind":"race","requests":[{},{"params":[["a",1]]}]}]})"),
                      s),
            "steps[0].requests[1].params: expected an array of [name, value] strings");
}

// A target that cannot fork: a race step is a target error that says why.
class Unforkable final : public Target {
 public:
  explicit Unforkable(Target& inner) : inner_(inner) {}
  WireResult send(const model::Request& request) override { return inner_.send(request); }
  std::int64_t now_ms() override { return inner_.now_ms(); }
  ClockControl* clock() override { return inner_.clock(); }
  std::string describe() const override { return "unforkable"; }

 private:
  Target& inner_;
};

TEST(RaceStep, ATargetThatCannotForkIsATargetError) {
  const auto fixtures = testing::default_fixtures();
  InProcessTarget inner(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  Unforkable target(inner);
  model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
  auto r = run_sequence(target, beliefs, start_start(), {});
  ASSERT_EQ(r.status, SequenceResult::Status::kTargetError);
  EXPECT_NE(r.target_error.find("unforkable cannot take concurrent requests"), std::string::npos)
      << r.target_error;
}

// Another client on the same virtual clock: whatever this client sends from a forked handle (the
// second request of a race) reaches the target only after the other client moved the clock on.
class SharedClock final : public Target, public ClockControl {
 public:
  SharedClock(std::unique_ptr<Target> inner, double moves_s)
      : inner_(std::move(inner)), moves_s_(moves_s) {}
  WireResult send(const model::Request& request) override {
    if (moves_s_ > 0) {
      EXPECT_EQ(inner_->clock()->advance(moves_s_), "");
    }
    return inner_->send(request);
  }
  std::int64_t now_ms() override { return inner_->now_ms(); }
  ClockControl* clock() override { return this; }
  std::string advance(double seconds) override { return inner_->clock()->advance(seconds); }
  bool shared() const override { return true; }
  std::string describe() const override { return "shared clock"; }
  std::unique_ptr<Target> fork() override {
    return std::make_unique<SharedClock>(inner_->fork(), 500);
  }

 private:
  std::unique_ptr<Target> inner_;
  double moves_s_;
};

// A OneShot Start inside its cooldown (450 s), raced with a Describe; the other client moves the
// clock 500 s before the Start arrives, so the target rightly accepts it. Judged at one instant the
// race read as a Start inside the cooldown (the false O3 of the two-client CLI test); judged on the
// clock as it moved, it is conformant.
TEST(RaceStep, AClockOtherClientsMoveIsReadDuringTheRace) {
  const auto fixtures = testing::default_fixtures();
  auto inner = std::make_unique<InProcessTarget>(testing::virtual_config(), fixtures,
                                                 SignatureVersion::kV3, 1);
  InProcessTarget& emulator = *inner;
  SharedClock target(std::move(inner), 0);
  const Sequence s = {
      call(create_first_pair()), settle(0),
      call(model::requests::start("{primary:0}", "{pair:0}", true, "{tok:2}")), settle(0),
      race({model::requests::describe("{primary:0}"),
            with_nonce(model::requests::start("{primary:0}", "{pair:0}", true, "{tok:3}"),
                       "{nonce:3}")})};
  model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
  const std::int64_t before = emulator.now_ms();
  auto r = run_sequence(target, beliefs, s, {});
  ASSERT_TRUE(r.conformant()) << why(r);
  ASSERT_GE(r.records.size(), 2u);
  const model::StepRecord& start = r.records.back().request.action == "StartDiskReplicaPair"
                                       ? r.records.back()
                                       : r.records[r.records.size() - 2];
  ASSERT_TRUE(start.observed.has_value());
  EXPECT_EQ(start.observed->http_status, 200) << start.observed->code;  // out of its cooldown
  EXPECT_GE(start.request.time.received_ms - start.request.time.sent_ms, 500'000);
  EXPECT_LT(start.request.time.sent_ms - before, 450'000);  // sent inside the cooldown
}

TEST(RaceStep, StartStartOnACorrectEmulatorIsConformantEveryTime) {
  const auto fixtures = testing::default_fixtures();
  InProcessTarget target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  for (int n = 0; n < 25; ++n) {
    ASSERT_EQ(target.reset(), "");
    model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
    RunOptions options;
    options.unique_prefix = "c" + std::to_string(n);
    auto r = run_sequence(target, beliefs, start_start(), options);
    ASSERT_TRUE(r.conformant()) << why(r);
    EXPECT_EQ(r.unknown_races, 0u);
    // The last two records are the race: one Start won, the other found it initial_syncing.
    ASSERT_GE(r.records.size(), 3u);
    const auto& a = r.records[r.records.size() - 2];
    const auto& b = r.records[r.records.size() - 1];
    EXPECT_EQ(r.record_step.back(), 2u);
    ASSERT_TRUE(a.observed && b.observed);
    EXPECT_EQ((a.observed->http_status == 200) + (b.observed->http_status == 200), 1)
        << a.observed->code << " / " << b.observed->code;
    EXPECT_EQ(a.observed->code + b.observed->code, "OperationDenied.InvalidStatus");
  }
}

TEST(RaceStep, CheckThenActIsFoundByStartStartInProcess) {
  const auto fixtures = testing::default_fixtures();
  InProcessTarget target(testing::virtual_config({"check-then-act"}), fixtures,
                         SignatureVersion::kV3, 1);
  auto [attempts, r] = until_it_fails(target, fixtures, start_start(), {}, 10);
  ASSERT_NE(attempts, 0u) << "not found in 10 attempts";
  expect_race_finding(r);
  std::printf("[race] check-then-act in-process (virtual clock): found at attempt %zu: %s\n",
              attempts, r.failure->message.substr(0, 160).c_str());
}

RunOptions real_clock_options() {
  RunOptions o;
  o.settle_timeout_s = 5;
  o.first_poll_s = 0.02;
  o.max_poll_s = 0.2;
  return o;
}

emulator::ServiceConfig real_config(std::vector<std::string> faults) {
  emulator::ServiceConfig c = testing::virtual_config(std::move(faults));
  c.clock = emulator::ClockMode::kReal;
  c.transient_min_s = 0.05;
  c.transient_max_s = 0.1;
  c.control_token = "t0k";
  return c;
}

TEST(RaceStep, CheckThenActIsFoundOnARealClockAndCleanIsNot) {
  const auto fixtures = testing::default_fixtures();
  InProcessTarget clean(real_config({}), fixtures, SignatureVersion::kV3, 1);
  auto [none, ok] = until_it_fails(clean, fixtures, start_start(), real_clock_options(), 10);
  EXPECT_EQ(none, 0u) << why(ok);
  InProcessTarget faulty(real_config({"check-then-act"}), fixtures, SignatureVersion::kV3, 1);
  auto [attempts, r] = until_it_fails(faulty, fixtures, start_start(), real_clock_options(), 10);
  ASSERT_NE(attempts, 0u) << "not found in 10 attempts";
  expect_race_finding(r);
  // Real intervals: both Starts were in flight at once, for at least the fault's pause.
  const auto& a = r.records[r.records.size() - 2].request.time;
  const auto& b = r.records[r.records.size() - 1].request.time;
  EXPECT_LE(std::max(a.sent_ms, b.sent_ms), std::min(a.received_ms, b.received_ms));
  EXPECT_GE(a.received_ms - a.sent_ms, 15);
}

TEST(RaceStep, CheckThenActIsFoundOverHttpOnForkedConnections) {
  const auto fixtures = testing::default_fixtures();
  emulator::Service service(real_config({"check-then-act"}), fixtures);
  emulator::Server server(emulator::ServerOptions{}, service);
  server.start();
  HttpTargetOptions options;
  options.endpoint = {false, "127.0.0.1", std::to_string(server.port())};
  HttpTarget target(options, fixtures);
  // No control token: a real clock, no reset; each attempt creates its own pair on other disks
  // (the fixture has four in each region).
  std::size_t found = 0;
  SequenceResult r;
  for (std::size_t n = 1; n <= 4 && found == 0; ++n) {
    Sequence s = start_start();
    model::requests::set_param(s[0].request, "DiskId", "d-hz-000" + std::to_string(n));
    model::requests::set_param(s[0].request, "DestinationDiskId", "d-sh-000" + std::to_string(n));
    model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
    RunOptions o = real_clock_options();
    o.unique_prefix = "h" + std::to_string(n);
    r = run_sequence(target, beliefs, s, o);
    if (!r.conformant()) found = n;
  }
  server.stop();
  ASSERT_NE(found, 0u) << why(r);
  expect_race_finding(r);
  std::printf("[race] check-then-act over HTTP (real clock): found at attempt %zu\n", found);
}

// A mutation gene byte that damages no parameter: half plain calls, half races (36-47 of 48).
std::uint8_t undamaged_mutation(std::mt19937& rng) {
  return static_cast<std::uint8_t>(rng() % 2 ? rng() % 16 : 36 + rng() % 12);
}

// Generated race steps (every pair of calls the decoder makes) on a correct emulator: the judge
// must explain every one, whichever order the emulator took.
TEST(RaceStep, GeneratedRacesOnACorrectEmulatorAreAllConformant) {
  const auto fixtures = testing::default_fixtures();
  InProcessTarget target(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  properties::SequenceDecoder decoder(universe_from(fixtures));
  decoder.allow_races(true);
  std::mt19937 rng(7);
  std::size_t races = 0, sequences = 0;
  std::set<std::string> kinds;
  for (int n = 0; n < 300; ++n) {
    std::vector<properties::Gene> genes(16);
    for (auto& g : genes) {
      g = {static_cast<std::uint8_t>(rng()),      static_cast<std::uint8_t>(rng()),
           static_cast<std::uint8_t>(rng()),      static_cast<std::uint8_t>(rng()),
           static_cast<std::uint8_t>(rng()),      undamaged_mutation(rng),
           static_cast<std::uint8_t>(rng() % 28), static_cast<std::uint8_t>(rng())};
    }
    const Sequence s = decoder.decode(genes);
    for (const Step& step : s) {
      if (step.kind != Step::Kind::kRace) continue;
      ++races;
      kinds.insert(step.racing[0].action + "|" + step.racing[1].action);
    }
    ASSERT_EQ(target.reset(), "");
    model::BeliefSet beliefs(universe_from(fixtures), model::default_profile());
    RunOptions options;
    options.unique_prefix = "g" + std::to_string(n);
    auto r = run_sequence(target, beliefs, s, options);
    ++sequences;
    ASSERT_TRUE(r.conformant()) << "sequence " << n << ": " << why(r) << "\n" << to_json(s).dump();
    EXPECT_EQ(r.unknown_races, 0u);
  }
  EXPECT_GE(races, 100u);
  EXPECT_GE(kinds.size(), 8u);
  std::printf("[race] %zu generated race steps in %zu sequences, %zu kinds, all conformant\n",
              races, sequences, kinds.size());
}

TEST(RaceStep, TheDecoderMakesNoRaceUnlessAsked) {
  const auto fixtures = testing::default_fixtures();
  properties::SequenceDecoder plain(universe_from(fixtures));
  properties::SequenceDecoder racing = plain;
  racing.allow_races(true);
  std::mt19937 rng(3);
  std::size_t races = 0, same = 0, steps = 0;
  for (int n = 0; n < 100; ++n) {
    std::vector<properties::Gene> genes(12);
    for (auto& g : genes) {
      g = {static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()),
           static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()),
           static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng()),
           static_cast<std::uint8_t>(rng()), static_cast<std::uint8_t>(rng())};
    }
    const Sequence a = plain.decode(genes), b = racing.decode(genes);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_NE(a[i].kind, Step::Kind::kRace);
      ++steps;
      if (b[i].kind == Step::Kind::kRace) {
        ++races;
        // The race's first request is the call the gene decodes to without races.
        EXPECT_EQ(b[i].racing[0].action, a[i].request.action);
      } else {
        same += to_json({a[i]}) == to_json({b[i]});
      }
    }
  }
  EXPECT_GT(races, 0u);
  EXPECT_EQ(same + races, steps);  // every other step decodes as before
}

}  // namespace
}  // namespace paircheck::harness
