// The client-side nemesis against the bundled emulator's real server on loopback: dropped and
// reset answers are unknown outcomes that converge on retry (M2, I1); a duplicate's second answer
// is judged as a reused nonce (G8); and the lost-answer-reexecutes fault is found.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "emulator/server.hpp"
#include "harness/http_target.hpp"
#include "harness/nemesis.hpp"
#include "models/verdict.hpp"
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

HttpTargetOptions options_for(const Served& served) {
  HttpTargetOptions options;
  options.endpoint = {false, "127.0.0.1", std::to_string(served.server.port())};
  options.control_token = "t0k";
  return options;
}

emulator::ServiceConfig config_with(std::vector<std::string> faults = {}) {
  emulator::ServiceConfig config;
  config.control_token = "t0k";
  config.faults = std::move(faults);
  return config;
}

NemesisOptions only(NemesisKind kind, double rate, std::uint64_t seed = 5) {
  NemesisOptions options;
  options.kinds = {kind};
  options.rate = rate;
  options.seed = seed;
  options.max_delay_ms = 5;
  return options;
}

struct Tally {
  std::size_t records = 0;
  std::size_t unknown = 0;  // judged as unknown outcomes (M2)
  std::size_t reused = 0;   // judged as a reused nonce
  std::map<std::string, std::size_t> reused_codes;
};

properties::SearchReport campaign(Target& target, const protocol::Fixtures& fixtures,
                                  std::size_t sequences, Tally* tally = nullptr,
                                  std::size_t max_findings = 16) {
  session::CampaignOptions options;
  options.search.seed = 23;
  options.search.sequences = sequences;
  options.search.max_steps = 16;
  options.search.max_findings = max_findings;
  options.search.stop_at_max_findings = true;
  options.run.first_poll_s = 0.02;
  options.run.max_poll_s = 0.5;
  session::CampaignHooks hooks;
  hooks.on_left_behind = [](const std::string& what) { ADD_FAILURE() << "left behind: " << what; };
  if (tally != nullptr) {
    hooks.on_record = [tally](std::size_t, bool shrinking, const model::StepRecord& r) {
      if (shrinking) return;
      ++tally->records;
      if (!r.observed) ++tally->unknown;
      if (r.request.envelope.nonce_reused) {
        ++tally->reused;
        ++tally->reused_codes[r.observed ? r.observed->code : "(unknown)"];
      }
    };
  }
  return session::run_campaign(target, universe_from(fixtures), model::default_profile(), options,
                               hooks);
}

std::string first_failure(const properties::SearchReport& r) {
  if (!r.target_error.empty()) return "target error: " + r.target_error;
  if (r.findings.empty()) return "";
  return r.findings[0].result.failure ? r.findings[0].result.failure->message : r.findings[0].key;
}

model::Request describe_request(const protocol::Fixtures& fixtures) {
  model::Request r;
  r.action = "DescribeDiskReplicaPairs";
  r.envelope.version = std::string(model::kEbsVersion);
  r.params = {{"RegionId", fixtures.disks.at(0).region_id}};
  return r;
}

TEST(Nemesis, ParsesItsListAndRefusesKindsATargetCannotCarry) {
  auto parsed = parse_nemesis("drop-response,duplicate,drop-response");
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.options.kinds,
            (std::vector<NemesisKind>{NemesisKind::kDropResponse, NemesisKind::kDuplicate}));
  EXPECT_EQ(parse_nemesis("all").options.kinds.size(), kNemesisKinds);
  EXPECT_NE(parse_nemesis("drop-response,teleport").error.find("teleport"), std::string::npos);
  EXPECT_NE(parse_nemesis("").error, "");

  const auto fixtures = testing::default_fixtures();
  InProcessTarget inprocess(testing::virtual_config(), fixtures, SignatureVersion::kV3, 1);
  EXPECT_EQ(nemesis_unsupported(inprocess, only(NemesisKind::kDropResponse, 0.1)), "");
  EXPECT_EQ(nemesis_unsupported(inprocess, only(NemesisKind::kDelay, 0.1)), "");
  const std::string why = nemesis_unsupported(inprocess, only(NemesisKind::kDuplicate, 0.1));
  EXPECT_NE(why.find("not supported on in-process emulator"), std::string::npos) << why;
  EXPECT_THROW((Nemesis{inprocess, only(NemesisKind::kReset, 0.1)}), std::invalid_argument);
  EXPECT_THROW((Nemesis{inprocess, only(NemesisKind::kDelay, 1.5)}), std::invalid_argument);
}

// The client on its own: each mischief is what it says on the wire.
TEST(Nemesis, HttpClientDropsResetsAndDuplicates) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with(), fixtures);
  HttpTarget target(options_for(served), fixtures);
  const model::Request describe = describe_request(fixtures);

  WireResult dropped = target.send_misbehaving(describe, {Mischief::Kind::kDropResponse, 1});
  EXPECT_EQ(dropped.kind, WireResult::Kind::kUnknown);
  EXPECT_NE(dropped.detail.find("drop-response"), std::string::npos) << dropped.detail;

  WireResult reset = target.send_misbehaving(describe, {Mischief::Kind::kReset, 10});
  EXPECT_EQ(reset.kind, WireResult::Kind::kUnknown);
  EXPECT_NE(reset.detail.find("reset after 10 bytes"), std::string::npos) << reset.detail;

  // Reconnects after both, and the same bytes twice: the second is refused as a reused nonce.
  WireResult twice = target.send_misbehaving(describe, {Mischief::Kind::kDuplicate, 1});
  ASSERT_TRUE(twice.ok()) << twice.detail;
  EXPECT_EQ(twice.status, 200) << twice.body;
  ASSERT_EQ(twice.repeats.size(), 1u);
  ASSERT_TRUE(twice.repeats[0].ok()) << twice.repeats[0].detail;
  EXPECT_NE(twice.repeats[0].body.find("SignatureNonceUsed"), std::string::npos)
      << twice.repeats[0].body;
  EXPECT_TRUE(target.send(describe).ok());
}

// A race step's second handle misbehaves too, and is counted with the first.
TEST(Nemesis, ForksCarryTheNemesisAndShareItsCounters) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with(), fixtures);
  HttpTarget http(options_for(served), fixtures);
  Nemesis nemesis(http, only(NemesisKind::kDuplicate, 1.0));
  std::unique_ptr<Target> fork = nemesis.fork();
  ASSERT_NE(fork, nullptr);
  model::Request stop = describe_request(fixtures);  // a mutation of a pair that does not exist
  stop.action = "StopDiskReplicaPair";
  stop.params.emplace_back("ReplicaPairId", "pair-none");
  WireResult answer = fork->send(stop);
  ASSERT_TRUE(answer.ok()) << answer.detail;
  EXPECT_EQ(answer.repeats.size(), 1u);
  EXPECT_EQ(nemesis.send(describe_request(fixtures)).repeats.size(), 0u);  // not a mutation
  EXPECT_EQ(nemesis.counts().of(NemesisKind::kDuplicate), 1u);
  EXPECT_EQ(nemesis.counts().sends, 2u);
}

TEST(Nemesis, NeverLosesTheAnswerOfACallWithoutAToken) {
  // `ClientToken=` is no token (contract P1/P2): a lost answer could not be asked for again, and
  // the pair it may have created would be on the account with nobody knowing of it.
  const auto fixtures = testing::default_fixtures();
  Served served(config_with(), fixtures);
  HttpTarget http(options_for(served), fixtures);
  NemesisOptions options = only(NemesisKind::kDropResponse, 1.0);
  options.kinds.push_back(NemesisKind::kReset);
  Nemesis nemesis(http, options);
  for (const char* token : std::initializer_list<const char*>{"", nullptr}) {
    model::Request stop = describe_request(fixtures);
    stop.action = "StopDiskReplicaPair";
    stop.params.emplace_back("ReplicaPairId", "pair-none");
    if (token != nullptr) stop.params.emplace_back("ClientToken", token);
    const WireResult answer = nemesis.send(stop);
    EXPECT_TRUE(answer.ok()) << (token ? "ClientToken=: " : "no ClientToken: ") << answer.detail;
  }
  EXPECT_EQ(nemesis.counts().of(NemesisKind::kDropResponse), 0u);
  EXPECT_EQ(nemesis.counts().of(NemesisKind::kReset), 0u);
  model::Request with_token = describe_request(fixtures);  // a token: now it may be lost
  with_token.action = "StopDiskReplicaPair";
  with_token.params.emplace_back("ReplicaPairId", "pair-none");
  with_token.params.emplace_back("ClientToken", "t-1");
  EXPECT_FALSE(nemesis.send(with_token).ok());
}

TEST(Nemesis, M2_I1_DroppedAndResetAnswersConvergeOnAFaultFreeEmulator) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with(), fixtures);
  HttpTarget http(options_for(served), fixtures);
  NemesisOptions options = only(NemesisKind::kDropResponse, 0.3);
  options.kinds.push_back(NemesisKind::kReset);
  options.kinds.push_back(NemesisKind::kDelay);
  Nemesis nemesis(http, options);
  Tally tally;
  auto report = campaign(nemesis, fixtures, 150, &tally);
  EXPECT_EQ(first_failure(report), "");
  EXPECT_EQ(report.sequences_run, 150u);
  const NemesisCounts counts = nemesis.counts();
  EXPECT_GE(counts.of(NemesisKind::kDropResponse), 40u) << nemesis.summary();
  EXPECT_GE(counts.of(NemesisKind::kReset), 40u) << nemesis.summary();
  EXPECT_GE(counts.of(NemesisKind::kDelay), 40u) << nemesis.summary();
  EXPECT_EQ(counts.of(NemesisKind::kDuplicate), 0u);
  // Every drop and reset was judged as an unknown outcome (and nothing else was).
  EXPECT_EQ(tally.unknown, counts.of(NemesisKind::kDropResponse) + counts.of(NemesisKind::kReset));
  std::printf("[nemesis] %s; %zu records, %zu unknown\n", nemesis.summary().c_str(), tally.records,
              tally.unknown);
}

TEST(Nemesis, G8_DuplicatesAreRejectedWithNoSecondEffect) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with(), fixtures);
  HttpTarget http(options_for(served), fixtures);
  Nemesis nemesis(http, only(NemesisKind::kDuplicate, 0.3));
  Tally tally;
  auto report = campaign(nemesis, fixtures, 150, &tally);
  EXPECT_EQ(first_failure(report), "");
  const std::uint64_t duplicates = nemesis.counts().of(NemesisKind::kDuplicate);
  EXPECT_GE(duplicates, 40u) << nemesis.summary();
  EXPECT_EQ(tally.reused, duplicates);  // each second answer was judged as a reused nonce
  // Mostly G8's own code; a request the gateway refuses earlier is refused the same way again.
  EXPECT_GE(tally.reused_codes["SignatureNonceUsed"] * 2, tally.reused)
      << "codes: " << tally.reused_codes.size();
  EXPECT_EQ(tally.reused_codes.count(""), 0u);  // none accepted
  std::printf("[nemesis] %s; %zu judged as reused, %zu SignatureNonceUsed\n",
              nemesis.summary().c_str(), tally.reused, tally.reused_codes["SignatureNonceUsed"]);
}

// The judge of the second answer can fail: an emulator that accepts a reused nonce is caught.
TEST(Nemesis, G8_DuplicateFindsNonceNotChecked) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with({"nonce-not-checked"}), fixtures);
  HttpTarget http(options_for(served), fixtures);
  Nemesis nemesis(http, only(NemesisKind::kDuplicate, 0.3));
  auto report = campaign(nemesis, fixtures, 100, nullptr, 1);
  ASSERT_EQ(report.target_error, "");
  ASSERT_FALSE(report.findings.empty()) << "nonce-not-checked not found";
  const auto key = model::FindingKey::parse(report.findings[0].key);
  ASSERT_TRUE(key.has_value()) << report.findings[0].key;
  EXPECT_EQ(to_string(key->rule), std::string("G8")) << first_failure(report);
}

TEST(Nemesis, I1_DropResponseFindsLostAnswerReexecutes) {
  const auto fixtures = testing::default_fixtures();
  Served served(config_with({"lost-answer-reexecutes"}), fixtures);
  HttpTarget http(options_for(served), fixtures);
  Nemesis nemesis(http, only(NemesisKind::kDropResponse, 0.3));
  auto report = campaign(nemesis, fixtures, 100, nullptr, 1);
  ASSERT_EQ(report.target_error, "");
  ASSERT_FALSE(report.findings.empty())
      << "lost-answer-reexecutes not found in " << report.sequences_run << " sequences; "
      << nemesis.summary();
  const auto key = model::FindingKey::parse(report.findings[0].key);
  ASSERT_TRUE(key.has_value()) << report.findings[0].key;
  // The retry ran again instead of replaying: the replay ([I1]) was among the answers allowed,
  // and the rule named is the one of the answer a state could have given first (a second Create
  // of the same disks is refused: O1; a second Start of a now syncing pair: O2 or I1).
  const std::string message = first_failure(report);
  EXPECT_NE(message.find("[I1]"), std::string::npos) << message;
  const std::string rule(to_string(key->rule));
  EXPECT_TRUE(rule == "I1" || rule == "O1" || rule == "O2") << message;
  std::printf("[nemesis] lost-answer-reexecutes found after %zu sequences: %s\n",
              report.findings[0].sequence_number + 1, first_failure(report).substr(0, 100).c_str());
}

}  // namespace
}  // namespace paircheck::harness
