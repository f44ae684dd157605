// The HTTP target against the bundled emulator's real server on loopback: the same judged runs as
// in-process, over sockets, with the virtual clock moved through the control endpoint and with the
// real clock; an unreachable endpoint is a target error.
#include <gtest/gtest.h>

#include "emulator/server.hpp"
#include "harness/http_target.hpp"
#include "session/campaign.hpp"
#include "support.hpp"

namespace paircheck::harness {
namespace {

struct Served {
  emulator::Service service;
  emulator::Server server;
  Served(emulator::ServiceConfig config, const protocol::Fixtures& fixtures)
      : service(std::move(config), fixtures), server(emulator::ServerOptions{}, service) {
    server.start();
  }
};

properties::SearchReport campaign(Target& target, const protocol::Fixtures& fixtures,
                                  std::size_t sequences, double settle_s) {
  session::CampaignOptions options;
  options.search.seed = 11;
  options.search.sequences = sequences;
  options.search.max_steps = 16;
  options.run.settle_timeout_s = settle_s;
  options.run.first_poll_s = 0.02;
  options.run.max_poll_s = 0.5;
  options.run.max_real_wait_s = 0.2;  // a generated wait may be 900 s; on a real clock, not here
  model::Profile profile = model::default_profile();
  profile.settle_timeout_s = static_cast<std::int64_t>(settle_s);
  session::CampaignHooks hooks;
  hooks.on_left_behind = [](const std::string& what) { ADD_FAILURE() << "left behind: " << what; };
  return session::run_campaign(target, universe_from(fixtures), profile, options, hooks);
}

std::string first_failure(const properties::SearchReport& r) {
  if (!r.target_error.empty()) return "target error: " + r.target_error;
  if (r.findings.empty()) return "";
  return r.findings[0].result.failure ? r.findings[0].result.failure->message : r.findings[0].key;
}

TEST(HttpTarget, M1_VirtualClockOverHttpIsConformant) {
  const auto fixtures = testing::default_fixtures();
  emulator::ServiceConfig config;
  config.control_token = "t0k";
  Served served(config, fixtures);
  HttpTargetOptions options;
  options.endpoint = {false, "127.0.0.1", std::to_string(served.server.port())};
  options.control_token = "t0k";
  HttpTarget target(options, fixtures);
  ASSERT_TRUE(target.can_reset());
  auto report = campaign(target, fixtures, 150, 120);
  EXPECT_EQ(first_failure(report), "");
  EXPECT_EQ(report.sequences_run, 150u);
}

TEST(HttpTarget, M3_RealClockOverHttpWithoutResetCleansUpAndIsConformant) {
  const auto fixtures = testing::default_fixtures();
  emulator::ServiceConfig config;
  config.clock = emulator::ClockMode::kReal;
  config.transient_min_s = 0.01;
  config.transient_max_s = 0.05;
  config.sync_cycle_s = 0.05;
  Served served(config, fixtures);
  HttpTargetOptions options;
  options.endpoint = {false, "127.0.0.1", std::to_string(served.server.port())};
  options.signature = SignatureVersion::kV1;
  HttpTarget target(options, fixtures);
  ASSERT_FALSE(target.can_reset());  // no control token: each sequence cleans up after itself
  auto report = campaign(target, fixtures, 40, 5);
  EXPECT_EQ(first_failure(report), "");
}

TEST(HttpTarget, UnreachableEndpointIsNotSentNotUnknown) {
  const auto fixtures = testing::default_fixtures();
  HttpTargetOptions options;
  options.endpoint = {false, "127.0.0.1", "1"};  // nothing listens on port 1
  options.client.connect_timeout = std::chrono::milliseconds(500);
  HttpTarget target(options, fixtures);
  model::Request r;
  r.action = "DescribeDiskReplicaPairs";
  WireResult result = target.send(r);
  EXPECT_EQ(result.kind, WireResult::Kind::kNotSent);
  EXPECT_NE(result.detail.find("cannot connect"), std::string::npos) << result.detail;
}

}  // namespace
}  // namespace paircheck::harness
