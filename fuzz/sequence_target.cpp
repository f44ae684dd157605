#include "fuzz/sequence_target.hpp"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "fuzz/model_coverage.hpp"
#include "harness/cleanup.hpp"
#include "harness/http_target.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::fuzz {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

[[noreturn]] void die(const std::string& line) {
  std::fprintf(stderr, "fuzz_sequence: %s\n", line.c_str());
  std::exit(2);
}

}  // namespace

SequenceRunner::SequenceRunner()
    : fixtures_(protocol::default_fixtures()),
      universe_(harness::universe_from(fixtures_)),
      profile_(model::default_profile()),
      decoder_(universe_),
      url_(env_or("PAIRCHECK_TARGET", "")),
      control_token_(env_or("PAIRCHECK_CONTROL_TOKEN", "")),
      fresh_(env_or("PAIRCHECK_FUZZ_FRESH_TARGET", "1") != "0") {
  options_.settle_timeout_s = static_cast<double>(profile_.settle_timeout_s);
  std::stringstream faults(env_or("PAIRCHECK_EMULATOR_FAULTS", ""));
  for (std::string name; std::getline(faults, name, ',');) {
    if (!name.empty()) faults_.push_back(name);
  }
  if (url_.empty() || url_ == "inprocess") {
    url_.clear();
    try {
      target_ = make_inprocess();
    } catch (const std::invalid_argument& e) {  // an unknown fault name
      die(std::string("PAIRCHECK_EMULATOR_FAULTS: ") + e.what());
    }
    description_ = "in-process emulator";
    for (const auto& f : faults_) description_ += " +" + f;
    return;
  }
  if (!faults_.empty()) die("PAIRCHECK_EMULATOR_FAULTS: only for the in-process target");
  auto parsed = harness::parse_endpoint(url_);
  if (!parsed.error.empty()) die("PAIRCHECK_TARGET: " + parsed.error);
  harness::HttpTargetOptions http;
  http.endpoint = parsed.endpoint;
  http.control_token = control_token_;
  http.signature =
      profile_.signature == "v1" ? harness::SignatureVersion::kV1 : harness::SignatureVersion::kV3;
  target_ = std::make_unique<harness::HttpTarget>(http, fixtures_);
  description_ = target_->describe();
  options_.first_poll_s = 0.05;  // a real clock without control: poll briskly
}

std::unique_ptr<harness::Target> SequenceRunner::make_inprocess() const {
  emulator::ServiceConfig config;
  config.faults = faults_;
  config.manual_sync_cooldown_s = profile_.manual_sync_cooldown_s;
  config.async_failures = profile_.async_failures;
  return std::make_unique<harness::InProcessTarget>(config, fixtures_,
                                                    harness::SignatureVersion::kV3, 1);
}

harness::SequenceResult SequenceRunner::run(const std::uint8_t* data, std::size_t size,
                                            harness::Sequence& sequence) {
  sequence = decoder_.decode(properties::SequenceDecoder::genes_from_bytes(data, size));
  if (fresh_ && url_.empty()) {
    target_ = make_inprocess();
  } else if (target_->can_reset()) {
    if (auto error = target_->reset(); !error.empty()) {
      harness::SequenceResult failed;
      failed.status = harness::SequenceResult::Status::kTargetError;
      failed.target_error = "reset failed: " + error;
      return failed;
    }
  }
  // A target that cannot reset (a URL) remembers tokens and nonces (G8) across executions: a
  // reused target gets new {tok:N} and {nonce:N} each execution; a fresh one the same, so that an
  // input always runs the same way.
  const bool reused = !fresh_ || !url_.empty();
  options_.unique_prefix = reused ? "fz" + std::to_string(executions_++) : std::string("fz");
  model::BeliefSet beliefs(universe_, profile_);
  model::EffectTracker effects;
  auto result = harness::run_sequence(
      *target_, beliefs, sequence, options_,
      [&effects](const model::StepRecord& r) { count_model_coverage(r, &effects); });
  if (!target_->can_reset() && (!result.created.empty() || !result.attached.empty())) {
    harness::clean_up(*target_, result.created, result.attached);
  }
  return result;
}

SequenceRunner& sequence_runner() {
  static SequenceRunner runner;
  return runner;
}

}  // namespace paircheck::fuzz
