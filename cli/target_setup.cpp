#include "cli/target_setup.hpp"

#include <cstdlib>
#include <random>

#include "harness/http_target.hpp"
#include "harness/inprocess_target.hpp"
#include "models/json_io.hpp"

namespace paircheck::cli {

namespace {

using model::UsageError;

harness::SignatureVersion signature_of(const model::Profile& profile) {
  return profile.signature == "v1" ? harness::SignatureVersion::kV1 : harness::SignatureVersion::kV3;
}

std::string random_token(std::uint64_t seed) {
  std::mt19937_64 rng(seed ^ std::random_device{}());
  return "ctl-" + std::to_string(rng());
}

emulator::ServiceConfig emulator_config(const Args& args, const model::Profile& profile,
                                        std::uint64_t seed) {
  emulator::ServiceConfig config;
  config.clock = emulator::ClockMode::kVirtual;
  config.faults = args.all("--emulator-fault");
  config.seed = seed;
  config.manual_sync_cooldown_s = profile.manual_sync_cooldown_s;
  config.async_failures = profile.async_failures;
  return config;
}

}  // namespace

std::vector<FlagSpec> target_flags() {
  return {{"--target", true},        {"--fixtures", true},     {"--profile", true},
          {"--control-token", true}, {"--insecure", false},    {"--ca-file", true},
          {"--timeout-ms", true},    {"--emulator-fault", true, true}};
}

std::string target_flags_help() {
  return "  --target T          embedded (default: the bundled emulator on a loopback port),\n"
         "                      inprocess (linked in, no sockets), or http(s)://host:port\n"
         "  --fixtures FILE     fixture file (contract §10); default: the built-in one\n"
         "  --profile FILE      profile (contract §9, docs/profiles.md); default: the contract\n"
         "  --control-token T   the target's clock-control token (a virtual-clock emulator)\n"
         "  --insecure          skip TLS certificate verification\n"
         "  --ca-file FILE      extra CA certificates for https targets\n"
         "  --timeout-ms N      connect and read timeout (default 10000)\n"
         "  --emulator-fault F  embedded/inprocess only: switch on an emulator fault (repeatable)\n";
}

Setup make_setup(const Args& args, std::uint64_t seed) {
  Setup s;
  if (auto path = args.get("--fixtures")) {
    s.fixtures = protocol::load_fixtures(*path);
    s.fixtures_origin = *path;
  } else {
    s.fixtures = protocol::default_fixtures();
    s.fixtures_origin = "built-in";
  }
  if (auto path = args.get("--profile")) {
    s.profile = model::load_profile(*path);
    s.profile_origin = *path;
  } else {
    s.profile = model::default_profile();
    s.profile_origin = "built-in (docs/contract.md)";
  }
  s.target_name = args.get_or("--target", "embedded");
  const auto timeout = std::chrono::milliseconds(args.number_or("--timeout-ms", 10000, 1, 3600000));
  const bool emulated = s.target_name == "embedded" || s.target_name == "inprocess";
  if (!emulated && args.has("--emulator-fault")) {
    throw UsageError("--emulator-fault: only for --target embedded or inprocess");
  }
  if (s.target_name == "inprocess") {
    s.target = std::make_unique<harness::InProcessTarget>(emulator_config(args, s.profile, seed),
                                                          s.fixtures, signature_of(s.profile), seed);
    return s;
  }
  harness::HttpTargetOptions options;
  options.signature = signature_of(s.profile);
  options.seed = seed;
  options.client.connect_timeout = std::min(timeout, std::chrono::milliseconds(10000));
  options.client.read_timeout = timeout;
  options.client.insecure = args.has("--insecure");
  options.client.ca_file = args.get_or("--ca-file", "");
  if (s.target_name == "embedded") {
    emulator::ServiceConfig config = emulator_config(args, s.profile, seed);
    config.control_token = random_token(seed);
    options.control_token = config.control_token;
    s.service = std::make_unique<emulator::Service>(config, s.fixtures);
    s.server = std::make_unique<emulator::Server>(emulator::ServerOptions{}, *s.service);
    s.server->start();
    options.endpoint = {false, "127.0.0.1", std::to_string(s.server->port())};
  } else {
    auto parsed = harness::parse_endpoint(s.target_name);
    if (!parsed.error.empty()) throw UsageError("--target: " + parsed.error);
    options.endpoint = parsed.endpoint;
    options.control_token = args.get_or("--control-token", "");
  }
  auto target = std::make_unique<harness::HttpTarget>(options, s.fixtures);
  // Reachable? One unsigned probe: any HTTP answer will do, a refused connection will not.
  model::Request probe;
  probe.action = "DescribeDiskReplicaPairs";
  harness::WireResult answer = target->send(probe);
  if (answer.kind == harness::WireResult::Kind::kNotSent) {
    throw UsageError("target " + options.endpoint.url() + " is unreachable: " + answer.detail);
  }
  if (target->clock() != nullptr) {
    if (auto error = target->clock()->advance(0); !error.empty()) {
      throw UsageError("--control-token: " + error);
    }
  }
  s.target = std::move(target);
  return s;
}

}  // namespace paircheck::cli
