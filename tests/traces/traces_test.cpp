// traces/: what a recording keeps and hides, how a cut-off recording is read back, and the
// offline judge on hand-written HAR traces (docs/traces.md).
#include <gtest/gtest.h>

#include <set>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "harness/universe.hpp"
#include "models/profile.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/request_params.hpp"
#include "protocol/signed_request.hpp"
#include "traces/har_reader.hpp"
#include "traces/har_writer.hpp"
#include "traces/offline_judge.hpp"
#include "traces/redact.hpp"
#include "traces/wire_request.hpp"

namespace paircheck::traces {
namespace {

using nlohmann::json;

protocol::SigningInput signing() {
  return {"nonce-1234567890", std::chrono::sys_seconds(std::chrono::seconds(1796231760))};
}

protocol::RpcCall stop_call() {
  return {"StopDiskReplicaPair",
          "2021-07-30",
          {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-1"}, {"ClientToken", "t-1"}}};
}

Exchange exchange_of(protocol::WireRequest request) {
  Exchange x;
  x.request = std::move(request);
  x.answered = true;
  x.status = 200;
  x.response_body = R"({"RequestId":"R-1"})";
  return x;
}

TEST(Traces, RecordingRedactsV1SignatureAndNonceInQueryAndFormKeepsAccessKeyId) {
  const protocol::SigningKey key{"ak-admin", "the-secret"};
  for (auto style : {protocol::V1Style::kGetQuery, protocol::V1Style::kPostForm}) {
    const auto wire = protocol::build_v1_request(stop_call(), key, signing(), style, "h");
    const std::string text = har_entry(exchange_of(wire)).dump();
    EXPECT_EQ(text.find("nonce-1234567890"), std::string::npos) << text;
    EXPECT_EQ(text.find("the-secret"), std::string::npos);
    // The parsed set outlives the pointer find_param returns into it.
    const auto params =
        protocol::parse_urlencoded(style == protocol::V1Style::kGetQuery
                                       ? std::string(protocol::split_target(wire.target).query)
                                       : wire.body)
            .value();
    const auto signature = protocol::find_param(params, "Signature");
    ASSERT_NE(signature, nullptr);
    EXPECT_EQ(text.find(protocol::percent_encode(*signature)), std::string::npos) << text;
    EXPECT_NE(text.find("AccessKeyId=ak-admin"), std::string::npos) << text;
    EXPECT_NE(text.find("ClientToken=t-1"), std::string::npos) << text;
  }
}

TEST(Traces, RecordingRedactsV3SignatureAndNonceHeadersKeepsCredential) {
  const protocol::SigningKey key{"ak-admin", "the-secret"};
  const auto wire = protocol::build_v3_request(stop_call(), key, signing(), "h");
  const json entry = har_entry(exchange_of(wire));
  bool saw_auth = false;
  for (const json& h : entry["request"]["headers"]) {
    const std::string name = h["name"], value = h["value"];
    if (name == "authorization") {
      saw_auth = true;
      EXPECT_NE(value.find("Credential=ak-admin,"), std::string::npos) << value;
      EXPECT_NE(value.find("Signature=REDACTED"), std::string::npos) << value;
    }
    if (name == "x-acs-signature-nonce") {
      EXPECT_EQ(value, "REDACTED");
    }
  }
  EXPECT_TRUE(saw_auth);
  EXPECT_EQ(entry.dump().find("nonce-1234567890"), std::string::npos);
}

TEST(Traces, WireRequestReadsV1AndV3AsTheSameModelRequest) {
  const protocol::SigningKey key{"ak-admin", "the-secret"};
  for (int v = 0; v < 2; ++v) {
    const auto wire = v == 0 ? protocol::build_v1_request(stop_call(), key, signing(),
                                                          protocol::V1Style::kPostForm, "h")
                             : protocol::build_v3_request(stop_call(), key, signing(), "h");
    model::Request r;
    ASSERT_EQ(to_model_request({wire.method, wire.target, wire.headers, wire.body}, r), "");
    EXPECT_EQ(r.action, "StopDiskReplicaPair");
    EXPECT_EQ(r.envelope.access_key_id, "ak-admin");
    EXPECT_EQ(r.envelope.version, "2021-07-30");
    EXPECT_EQ(r.params, stop_call().params) << "V" << (v == 0 ? 1 : 3);
  }
}

// The streamed layout: a killed run leaves no close and perhaps half a line.
std::string streamed(std::size_t entries, bool close) {
  const std::string path = ::testing::TempDir() + "/streamed.har";
  {
    HarWriter writer(path, json{{"format", kTraceFormat}});
    for (std::size_t i = 0; i < entries; ++i) {
      Exchange x = exchange_of(protocol::build_v3_request(
          {"DescribeDiskReplicaPairs", "2021-07-30", {{"RegionId", "cn-hangzhou"}}},
          {"ak-admin", "s"}, signing(), "h"));
      x.response_body = R"({"RequestId":"R-)" + std::to_string(i) +
                        R"(","ReplicaPairs":[],"TotalCount":0,"PageNumber":1,"PageSize":10})";
      x.paircheck = {{"clock", {{"sent_ms", i * 10}, {"received_ms", i * 10 + 1}}}};
      writer.write(har_entry(x));
    }
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (!close) s.resize(s.size() - 4);  // "]}}\n"
  return s;
}

TEST(Traces, AStreamedRecordingIsValidHarOnceClosed) {
  const json log = json::parse(streamed(3, true));
  EXPECT_EQ(log["log"]["version"], "1.2");
  EXPECT_EQ(log["log"]["entries"].size(), 3U);
}

TEST(Traces, AKilledRecordingIsRepairedToItsCompleteEntries) {
  std::string text = streamed(3, false);
  text.resize(text.size() - 40);  // the last entry cut mid-line
  const Trace t = parse_har(text, "killed.har", model::default_profile());
  EXPECT_EQ(t.calls.size(), 2U);
  EXPECT_NE(t.repaired.find("cut off"), std::string::npos) << t.repaired;
}

TEST(Traces, AGarbledOrTruncatedHarIsOneLineUsageError) {
  std::string garbled = streamed(3, true);
  garbled.replace(garbled.find("\n,{") + 5, 10, "##########");  // the 2nd entry, mid-file
  const std::string pretty = json::parse(streamed(2, true)).dump(2);
  for (const std::string& text : {garbled, pretty.substr(0, pretty.size() / 2), std::string("x")}) {
    try {
      (void)parse_har(text, "bad.har", model::default_profile());
      ADD_FAILURE() << "accepted: " << text.substr(0, 80);
    } catch (const model::UsageError& e) {
      const std::string what = e.what();
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_EQ(what.rfind("bad.har: ", 0), 0U) << what;
    }
  }
}

// A proxy's HAR of traffic that began before the recording: pair-x was never created in it.
json proxy_entry(const std::string& action, const protocol::Params& params, int ms,
                 const std::string& body) {
  protocol::WireRequest wire =
      protocol::build_v3_request({action, "2021-07-30", params}, {"ak-admin", "s"}, signing(), "h");
  Exchange x = exchange_of(std::move(wire));
  x.started =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(1796231760000LL + ms));
  x.wall_ms = 5;
  x.response_body = body;
  return har_entry(x);
}

std::string listing(const std::string& status, int n) {
  return R"({"RequestId":"R-d)" + std::to_string(n) +
         R"(","NextToken":"","PageNumber":1,"PageSize":10,"TotalCount":1,"ReplicaPairs":[{)"
         R"("ReplicaPairId":"pair-x","Status":")" +
         status +
         R"(","SourceDiskId":"d-hz-0001","SourceRegion":"cn-hangzhou","SourceZoneId":"cn-hangzhou-h",)"
         R"("DestinationDiskId":"d-sh-0001","DestinationRegion":"cn-shanghai",)"
         R"("DestinationZoneId":"cn-shanghai-e","PrimaryRegion":"cn-hangzhou",)"
         R"("PrimaryZone":"cn-hangzhou-h","StandbyRegion":"cn-shanghai","StandbyZone":"cn-shanghai-e",)"
         R"("RPO":900,"Bandwidth":10240,"ChargeType":"POSTPAY","Site":"production"}]})";
}

class Collect : public events::Handler {
 public:
  void handle(const events::Event& e) override {
    if (const auto* f = std::get_if<events::FindingReported>(&e)) keys.push_back(f->key.str());
  }
  std::vector<std::string> keys;
};

std::vector<std::string> judge(const std::string& second_action, const std::string& later) {
  const protocol::Params describe = {{"RegionId", "cn-hangzhou"}, {"PairIds", "pair-x"}};
  json har;
  har["log"]["version"] = "1.2";
  har["log"]["entries"] = json::array(
      {proxy_entry("DescribeDiskReplicaPairs", describe, 0, listing("normal", 1)),
       proxy_entry(second_action, {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-x"}}, 100,
                   R"({"RequestId":"R-2"})"),
       proxy_entry("DescribeDiskReplicaPairs", describe, 200, listing(later, 3))});
  const Trace trace = parse_har(har.dump(), "proxy.har", model::default_profile());
  CheckOptions options;
  options.universe = harness::universe_from(protocol::default_fixtures());
  options.profile = model::default_profile();
  Collect collect;
  const CheckSummary s = check_trace(trace, options, {}, collect);
  // Every call judged up to the first failure, where its group stops.
  EXPECT_EQ(s.judged, collect.keys.empty() ? 3U : 2U);
  return collect.keys;
}

TEST(Traces, APairFirstSeenMidTraceStartsInEveryStatusThenNarrows) {
  // Listed normal, stopped, listed stopping: conformant.
  EXPECT_EQ(judge("StopDiskReplicaPair", "stopping"), std::vector<std::string>{});
  // Listed normal, then a Start accepted: only created or stopped accept it (O2).
  EXPECT_EQ(judge("StartDiskReplicaPair", "initial_syncing"),
            std::vector<std::string>{"O2|StartDiskReplicaPair|200|"});
}

// Clients that keep reading chain a group's calls into one overlapping piece longer than the
// search takes (64): the reads of other groups' pairs are left out of it, so the group is judged,
// and a fault inside the chain is still found.
CheckSummary judge_chain(const std::string& last_action, const std::string& last_body,
                         std::vector<std::string>& keys) {
  const protocol::Params mine = {{"RegionId", "cn-hangzhou"}, {"PairIds", "pair-x"}};
  const protocol::Params theirs = {{"RegionId", "cn-hangzhou"}, {"PairIds", "pair-z"}};
  std::string other = listing("normal", 0);
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"pair-x", "pair-z"},
                                 {"d-hz-0001", "d-hz-0002"},
                                 {"d-sh-0001", "d-sh-0002"}}) {
    for (std::size_t at = other.find(from); at != std::string::npos; at = other.find(from, at)) {
      other.replace(at, from.size(), to);
    }
  }
  json har;
  har["log"]["version"] = "1.2";
  har["log"]["entries"] =
      json::array({proxy_entry("DescribeDiskReplicaPairs", mine, 0, listing("normal", 1))});
  int ms = 4;  // each exchange lasts 5 ms: every one overlaps the next
  for (int i = 0; i < 70; ++i, ms += 4) {
    har["log"]["entries"].push_back(proxy_entry("DescribeDiskReplicaPairs", theirs, ms, other));
  }
  har["log"]["entries"].push_back(proxy_entry(
      last_action, {{"RegionId", "cn-hangzhou"}, {"ReplicaPairId", "pair-x"}}, ms, last_body));
  const Trace trace = parse_har(har.dump(), "proxy.har", model::default_profile());
  CheckOptions options;
  options.universe = harness::universe_from(protocol::default_fixtures());
  options.profile = model::default_profile();
  Collect collect;
  const CheckSummary s = check_trace(trace, options, {}, collect);
  keys = collect.keys;
  return s;
}

TEST(Traces, AChainOfOverlappingReadsIsCutWithoutTheReadsOfOtherPairs) {
  std::vector<std::string> keys;
  CheckSummary s = judge_chain("StopDiskReplicaPair", R"({"RequestId":"R-2"})", keys);
  EXPECT_EQ(s.unknown, 0U);
  EXPECT_TRUE(keys.empty());
  std::size_t left_out = 0;
  for (const auto& [why, n] : s.not_judged) {
    if (why.find("left out") != std::string::npos) left_out += n;
  }
  EXPECT_EQ(left_out, 70U);  // pair-x's group leaves the 70 reads of pair-z out
  // pair-z has no call of its own, so no group: pair-x's Describe and Stop are what is judged.
  EXPECT_EQ(s.judged_calls, (std::set<std::size_t>{0, 71}));
  // A Start accepted on a pair listed normal, inside the chain: still O2.
  s = judge_chain("StartDiskReplicaPair", R"({"RequestId":"R-2"})", keys);
  EXPECT_EQ(keys, std::vector<std::string>{"O2|StartDiskReplicaPair|200|"});
}

}  // namespace
}  // namespace paircheck::traces
