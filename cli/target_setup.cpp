#include "cli/target_setup.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>

#include "cli/interrupt.hpp"
#include "harness/http_target.hpp"
#include "harness/inprocess_target.hpp"
#include "harness/nemesis.hpp"
#include "harness/preflight.hpp"
#include "harness/universe.hpp"
#include "models/json_io.hpp"

namespace paircheck::cli {

namespace {

using model::UsageError;

harness::SignatureVersion signature_of(const model::Profile& profile) {
  return profile.signature == "v1" ? harness::SignatureVersion::kV1
                                   : harness::SignatureVersion::kV3;
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

bool is_bundled(std::string_view target_name) {
  return target_name == "embedded" || target_name == "inprocess" || target_name == "direct";
}

std::vector<FlagSpec> target_flags() {
  return {{"--target", true},     {"--fixtures", true},
          {"--profile", true},    {"--control-token", true},
          {"--insecure", false},  {"--ca-file", true},
          {"--timeout-ms", true}, {"--emulator-fault", true, true}};
}

std::string target_flags_help(bool with_target) {
  const std::string target =
      with_target
          ? "  --target T          embedded (default: the bundled emulator on a loopback port),\n"
            "                      inprocess (linked in, no sockets), direct (linked in, 7 in 8\n"
            "                      requests unsigned and unprinted: the state machine, fast),\n"
            "                      or http(s)://host:port\n"
          : "";
  return target +
         "  --fixtures FILE     fixture file (contract §10); default: the built-in one\n"
         "  --profile FILE      profile (contract §9, docs/profiles.md); default: the contract\n"
         "  --control-token T   the target's clock-control token (a virtual-clock emulator)\n"
         "  --insecure          skip TLS certificate verification\n"
         "  --ca-file FILE      extra CA certificates for https targets\n"
         "  --timeout-ms N      connect and read timeout (default 10000)\n"
         "  --emulator-fault F  embedded/inprocess/direct only: switch on an emulator fault "
         "(repeatable)\n";
}

namespace {

std::vector<std::string> split_urls(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = list.find(',', start);
    out.push_back(
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// One target of job `job`: a bundled emulator of its own, or the job's URL.
// With `shared`, every job is a client of ONE target: embedded jobs connect to the first job's
// emulator.
std::unique_ptr<harness::Target> make_target(const Args& args, Setup& s, std::uint64_t seed,
                                             std::size_t job, const std::string& name,
                                             bool shared) {
  const std::uint64_t job_seed = seed + job;
  if (name == "inprocess" || name == "direct") {
    auto target = std::make_unique<harness::InProcessTarget>(
        emulator_config(args, s.profile, job_seed), s.fixtures, signature_of(s.profile), job_seed);
    if (name == "direct") target->direct(kDirectSignedEvery);
    return target;
  }
  const auto timeout = std::chrono::milliseconds(args.number_or("--timeout-ms", 10000, 1, 3600000));
  harness::HttpTargetOptions options;
  options.signature = signature_of(s.profile);
  options.seed = job_seed;
  options.client.connect_timeout = std::min(timeout, std::chrono::milliseconds(10000));
  options.client.read_timeout = timeout;
  options.client.insecure = args.has("--insecure");
  options.client.ca_file = args.get_or("--ca-file", "");
  options.shared_clock = shared;
  if (name == "embedded" && shared && !s.servers.empty()) {
    // Another client of the one bundled emulator: a connection of its own, the same state.
    options.control_token = s.embedded_control_token;
    options.endpoint = {false, "127.0.0.1", std::to_string(s.servers.front()->port())};
  } else if (name == "embedded") {
    emulator::ServiceConfig config = emulator_config(args, s.profile, job_seed);
    config.control_token = random_token(job_seed);
    options.control_token = config.control_token;
    s.embedded_control_token = config.control_token;
    s.services.push_back(std::make_unique<emulator::Service>(config, s.fixtures));
    s.servers.push_back(
        std::make_unique<emulator::Server>(emulator::ServerOptions{}, *s.services.back()));
    s.servers.back()->start();
    options.endpoint = {false, "127.0.0.1", std::to_string(s.servers.back()->port())};
  } else {
    // A URL outlives this run: an earlier run with the same --seed must not have used the nonces
    // this one will (G8 remembers them for 15 minutes), so fresh ones are not seeded.
    options.seed = job_seed ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32 |
                               std::random_device{}());
    auto parsed = harness::parse_endpoint(name);
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
  return target;
}

}  // namespace

void wrap_in_nemesis(Setup& setup, const std::string& list, std::uint64_t seed, double rate) {
  harness::NemesisParse parsed = harness::parse_nemesis(list);
  if (!parsed.error.empty()) throw UsageError("--nemesis: " + parsed.error);
  parsed.options.rate = rate;
  for (std::size_t i = 0; i < setup.targets.size(); ++i) {
    if (auto why = harness::nemesis_unsupported(*setup.targets[i], parsed.options); !why.empty()) {
      throw UsageError("--nemesis: " + why);
    }
    parsed.options.seed = seed * 7919 + i;
    setup.targets[i] =
        std::make_unique<harness::Nemesis>(std::move(setup.targets[i]), parsed.options);
  }
}

void preflight(Setup& setup, bool clean_start, double poll_s, double read_gap_s) {
  if (is_bundled(setup.target_name)) return;
  const model::Universe universe = harness::universe_from(setup.fixtures);
  harness::PreflightOptions options;
  options.clean_start = clean_start;
  options.cleanup.settle_timeout_s = static_cast<double>(setup.profile.settle_timeout_s);
  options.cleanup.stop = &interrupt_flag();
  std::set<std::string> checked;  // clients are handles of one target: checked once
  for (const auto& handle : setup.targets) {
    harness::Target& target = handle->plain();
    if (!checked.insert(target.describe()).second) continue;
    // As a run's cleanup: a virtual clock is moved, a real one polled from a short gap.
    options.cleanup.first_pause_s =
        target.clock() != nullptr ? poll_s : std::max(read_gap_s, 0.005);
    const harness::PreflightResult result = harness::preflight(target, universe, options);
    for (const std::string& line : result.released) {
      std::cout << "--clean-start: " << line << "\n";
    }
    if (!result.error.empty()) throw UsageError(result.error);
  }
}

std::vector<harness::Target*> Setup::job_targets() const {
  std::vector<harness::Target*> out;
  for (const auto& t : targets) out.push_back(t.get());
  return out;
}

Setup make_setup(const Args& args, std::uint64_t seed, std::size_t jobs,
                 const model::Profile* profile, const std::string& profile_origin,
                 std::size_t clients) {
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
  } else if (profile != nullptr) {
    s.profile = *profile;
    s.profile_origin = profile_origin;
  } else {
    s.profile = model::default_profile();
    s.profile_origin = "built-in (docs/contract.md)";
  }
  // The generator sends EBS 2021-07-30; a profile of another API or version cannot judge it.
  if (s.profile.api != "ebs" || s.profile.api_version != model::kEbsVersion) {
    throw UsageError("profile " + s.profile_origin + " describes " + s.profile.api + " " +
                     s.profile.api_version + "; this paircheck speaks ebs " +
                     std::string(model::kEbsVersion) + " only");
  }
  s.target_name = args.get_or("--target", "embedded");
  const bool emulated = is_bundled(s.target_name);
  if (!emulated && args.has("--emulator-fault")) {
    throw UsageError("--emulator-fault: only for --target embedded, inprocess or direct");
  }
  if (clients > 1 && jobs > 1) {
    throw UsageError("--clients and --jobs: choose one (clients share one target, jobs do not)");
  }
  if (clients > 1 && (s.target_name == "inprocess" || s.target_name == "direct")) {
    throw UsageError("--clients: needs --target embedded or a URL (" + s.target_name +
                     " has no connections)");
  }
  if (clients > 1 && s.target_name.find(',') != std::string::npos) {
    throw UsageError("--clients: all clients share ONE target; give one URL");
  }
  const std::size_t n = std::max(jobs, clients);
  std::vector<std::string> names(n, s.target_name);
  if (!emulated && clients <= 1) {
    names = split_urls(s.target_name);
    if (names.size() != jobs) {
      throw UsageError("--jobs " + std::to_string(jobs) + " needs " + std::to_string(jobs) +
                       " target URLs, one per job (--target URL1,URL2,...), got " +
                       std::to_string(names.size()) +
                       ": jobs never share a target, whose pairs and tokens they would see " +
                       "(--clients N shares one)");
    }
    std::set<std::string> seen;
    for (const std::string& name : names) {
      if (!seen.insert(name).second) {
        throw UsageError("--target: " + name + " is given twice; each job needs a target of its " +
                         "own (the model expects to know every pair a Describe lists)");
      }
    }
  }
  for (std::size_t job = 0; job < n; ++job) {
    s.targets.push_back(make_target(args, s, seed, job, names[job], clients > 1));
  }
  return s;
}

}  // namespace paircheck::cli
