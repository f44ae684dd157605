// The in-process emulator behind a real socket, for the server tests: Service (virtual clock,
// default fixtures) + Server on 127.0.0.1:0 with short timeouts, and signed-request helpers.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/server.hpp"
#include "emulator/service.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/signed_request.hpp"
#include "tests/emulator/server_test_client.hpp"

namespace paircheck::emulator::testing {

inline constexpr auto kReadTimeout = std::chrono::milliseconds(1000);
inline constexpr auto kIdleTimeout = std::chrono::milliseconds(2000);

class EmulatorServer : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceConfig config;
    config.clock = ClockMode::kVirtual;
    config.control_token = "test-token";
    service_ =
        std::make_unique<Service>(config, protocol::load_fixtures(PAIRCHECK_DEFAULT_FIXTURES));
    ServerOptions options;
    options.read_timeout = kReadTimeout;
    options.idle_timeout = kIdleTimeout;
    options.threads = 2;
    server_ = std::make_unique<Server>(options, *service_);
    server_->start();
  }
  void TearDown() override {
    server_->stop();
    EXPECT_EQ(service_->internal_error_count(), 0u);
  }

  std::uint16_t port() const { return server_->port(); }
  RawConnection connect() const { return RawConnection(port()); }

  // A V1 or V3 request signed by ak-admin (or `key`), with a fresh nonce and the current time.
  protocol::WireRequest v1(const std::string& action, protocol::Params params,
                           protocol::V1Style style = protocol::V1Style::kGetQuery,
                           const protocol::SigningKey& key = {"ak-admin", "sk-admin"}) {
    return protocol::build_v1_request({action, version_of(action), std::move(params)}, key, input(),
                                      style, "127.0.0.1:" + std::to_string(port()));
  }
  protocol::WireRequest v3(const std::string& action, protocol::Params params,
                           const protocol::SigningKey& key = {"ak-admin", "sk-admin"}) {
    return protocol::build_v3_request({action, version_of(action), std::move(params)}, key, input(),
                                      "127.0.0.1:" + std::to_string(port()));
  }

  // Sends one request on a fresh connection and reads the answer.
  std::optional<RawResponse> round_trip(const protocol::WireRequest& request) {
    RawConnection c = connect();
    if (!c.send(serialize(request))) return std::nullopt;
    return c.read_response();
  }

  // Creates cn-hangzhou disk d-hz-000N -> cn-shanghai d-sh-000N and moves it to `created`.
  std::string create_pair(int n) {
    const std::string suffix = "000" + std::to_string(n);
    const auto r =
        round_trip(v3("CreateDiskReplicaPair", {{"RegionId", "cn-hangzhou"},
                                                {"SourceZoneId", "cn-hangzhou-h"},
                                                {"DiskId", "d-hz-" + suffix},
                                                {"DestinationRegionId", "cn-shanghai"},
                                                {"DestinationZoneId", "cn-shanghai-e"},
                                                {"DestinationDiskId", "d-sh-" + suffix}}));
    EXPECT_TRUE(r.has_value());
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    settle();
    const auto json = nlohmann::json::parse(r->body, nullptr, false);
    return json.is_object() && json.contains("ReplicaPairId")
               ? json["ReplicaPairId"].get<std::string>()
               : std::string();
  }

  // Lets every transient status end (virtual clock).
  void settle() { service_->advance_clock(3600); }

  std::unique_ptr<Service> service_;
  std::unique_ptr<Server> server_;

 private:
  static std::string version_of(const std::string& action) {
    return action == "AttachDisk" || action == "DetachDisk" ? "2014-05-26" : "2021-07-30";
  }
  protocol::SigningInput input() {
    return {"nonce-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
                std::to_string(nonce_.fetch_add(1)),
            std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
  }
  std::atomic<std::uint64_t> nonce_{0};
};

}  // namespace paircheck::emulator::testing
