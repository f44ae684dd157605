// The named properties of the harness, run against the in-process emulator and judged by the
// model: every response conforms; idempotent replay converges (I1); no 5xx; transient statuses end
// (M3); Describe and Progress agree with the model (O9, O10).
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "harness/inprocess_target.hpp"
#include "harness/universe.hpp"
#include "models/forms.hpp"
#include "models/params.hpp"
#include "protocol/fixtures.hpp"
#include "protocol/iso8601.hpp"
#include "session/campaign.hpp"

namespace paircheck::properties {
namespace {

using session::CampaignHooks;
using session::CampaignOptions;
using session::run_campaign;
using session::run_campaign_jobs;

const protocol::Fixtures& fixtures() {
  static const protocol::Fixtures f =
      protocol::load_fixtures(PAIRCHECK_SOURCE_DIR "/fixtures/default.json");
  return f;
}

harness::SequenceResult run_genes(const std::vector<Gene>& genes) {
  harness::InProcessTarget target({}, fixtures(), harness::SignatureVersion::kV3, 1);
  const model::Universe universe = harness::universe_from(fixtures());
  model::BeliefSet beliefs(universe, model::default_profile());
  return harness::run_sequence(target, beliefs, SequenceDecoder(universe).decode(genes), {});
}

bool same_call(const model::Request& a, const model::Request& b) {
  const model::Envelope &x = a.envelope, &y = b.envelope;
  return a.action == b.action && a.params == b.params && x.access_key_id == y.access_key_id &&
         x.method == y.method && x.path == y.path && x.version == y.version &&
         x.format == y.format && y.signature == model::SignatureFault::kNone &&
         y.timestamp == model::TimestampState::kOk && y.timestamp_offset_s == 0 &&
         y.timestamp_fraction_digits <= protocol::kMaxFractionDigits && !y.nonce_reused &&
         x.nonce != y.nonce;  // G8 damage reuses the previous nonce without the flag
}

std::string why(const harness::SequenceResult& r) {
  return r.failure ? r.failure->message : r.target_error;
}

// Each generated gene followed by `extra` (a replay, a settle, a Describe...).
rc::Gen<std::vector<Gene>> interleaved(std::vector<Gene> extra) {
  return rc::gen::map(rc::gen::container<std::vector<Gene>>(gene_generator()),
                      [extra](std::vector<Gene> genes) {
                        std::vector<Gene> out;
                        for (const Gene& g : genes) {
                          out.push_back(g);
                          out.insert(out.end(), extra.begin(), extra.end());
                        }
                        return out;
                      });
}

RC_GTEST_PROP(Properties, M1_EveryResponseConforms, ()) {
  const auto genes = *rc::gen::container<std::vector<Gene>>(gene_generator());
  const auto result = run_genes(genes);
  RC_ASSERT(result.conformant());
  RC_CLASSIFY(result.created.size() > 0, "created a pair");
}

RC_GTEST_PROP(Properties, I1_IdempotentReplayConverges, ()) {
  const auto genes = *interleaved({SequenceDecoder::unguided(Op::kReplay)});
  const auto result = run_genes(genes);
  if (!result.conformant()) RC_FAIL(why(result));
  // Every replay of a call that carried a ClientToken and succeeded succeeded too, with the same
  // ReplicaPairId (a replay may also follow a call whose gateway checks failed: skipped).
  for (std::size_t i = 1; i < result.records.size(); ++i) {
    const auto& a = result.records[i - 1];
    const auto& b = result.records[i];
    const auto token = model::find_param(a.request.params, "ClientToken");
    // A token's scope is (account, Action): only the same call (action, params, identity and a
    // sound envelope; a fresh nonce) is a replay.
    if (!token || !a.observed || !b.observed || !same_call(a.request, b.request)) continue;
    if (a.observed->code.empty() && !token->empty() && token->size() <= 64) {
      RC_ASSERT(b.observed->code.empty());
      RC_ASSERT(b.observed->replica_pair_id == a.observed->replica_pair_id);
    }
  }
}

RC_GTEST_PROP(Properties, NoServerErrors, ()) {
  const auto result = run_genes(*rc::gen::container<std::vector<Gene>>(gene_generator()));
  for (const auto& r : result.records) {
    if (r.observed) RC_ASSERT(r.observed->http_status < 500);
  }
}

RC_GTEST_PROP(Properties, M3_TransientStatusesEnd, ()) {
  const auto genes = *interleaved(
      {SequenceDecoder::unguided(Op::kSettle, 0), SequenceDecoder::unguided(Op::kSettle, 5)});
  const auto result = run_genes(genes);
  if (!result.conformant()) RC_FAIL(why(result));
}

RC_GTEST_PROP(Properties, O9_O10_DescribeAndProgressAgreeWithTheModel, ()) {
  const auto genes = *interleaved(
      {SequenceDecoder::unguided(Op::kDescribe), SequenceDecoder::unguided(Op::kProgress)});
  const auto result = run_genes(genes);
  if (!result.conformant()) RC_FAIL(why(result));
  std::size_t reads = 0;
  for (const auto& r : result.records) {
    reads += r.request.action == "DescribeDiskReplicaPairs" ||
             r.request.action == "DescribeDiskReplicaPairProgress";
  }
  RC_ASSERT(reads >= genes.size() / 2 * 2 / 2);  // the interleaved reads were all sent and judged
}

// §11 "G5 fractions": the generator's timestamp genes. Envelope case 41 sends 1-9 fraction digits,
// valid (not damage: the guide counts on the call); case 35 sends an unparsable timestamp or 10
// digits, damage every profile refuses with G5. The emulator and the model agree on each.
TEST(Generator, G5_TimestampGenesSendValidFractionsAndRealDamage) {
  const model::Universe universe = harness::universe_from(fixtures());
  const SequenceDecoder decoder(universe);
  struct Case {
    std::uint8_t envelope, extra;
    model::TimestampState state;
    int digits;
    bool damaged;
  };
  for (const Case& c : {Case{41, 0, model::TimestampState::kOk, 1, false},
                        Case{41, 2, model::TimestampState::kOk, 3, false},
                        Case{41, 8, model::TimestampState::kOk, 9, false},
                        Case{41, 9, model::TimestampState::kOk, 1, false},
                        Case{35, 0, model::TimestampState::kUnparsable, 0, true},
                        Case{35, 1, model::TimestampState::kOk, 10, true}}) {
    Gene g = SequenceDecoder::unguided(Op::kDescribe);
    g.envelope = c.envelope;
    g.extra = c.extra;
    SequenceDecoder::Cursor cursor(decoder);
    const auto peek = cursor.peek(g);
    const model::Envelope& e = peek.step.request.envelope;
    const std::string what = std::to_string(c.envelope) + "/" + std::to_string(c.extra);
    EXPECT_EQ(e.timestamp, c.state) << what;
    EXPECT_EQ(e.timestamp_fraction_digits, c.digits) << what;
    EXPECT_EQ(peek.damaged, c.damaged) << what;
    const auto result = run_genes({g});
    ASSERT_TRUE(result.conformant()) << what << ": " << why(result);
    ASSERT_EQ(result.records.size(), 1u) << what;
    ASSERT_TRUE(result.records[0].observed.has_value()) << what;
    EXPECT_EQ(result.records[0].observed->code, c.damaged ? "InvalidTimeStamp.Format" : "") << what;
  }
}

// docs/mutation.md's gaps: the edges of PairName's and Description's rules and characters of every
// UTF-8 length (mutation cases 26-29), each judged conformant against the emulator.
TEST(Generator, P2_EdgeGenesSendEveryLengthEdgeAndUtf8Length) {
  const model::Universe universe = harness::universe_from(fixtures());
  const SequenceDecoder decoder(universe);
  std::set<std::string> forms;
  for (std::uint8_t mutation = 26; mutation <= 29; ++mutation) {
    for (std::uint8_t extra = 0; extra < 12; ++extra) {
      Gene g = SequenceDecoder::unguided(Op::kCreate);
      g.mutation = mutation;
      g.extra = extra;
      g.token = 6;  // a fresh token with blanks (P3: printable, valid)
      const auto peek = SequenceDecoder::Cursor(decoder).peek(g);
      for (const char* p : {"PairName", "Description"}) {
        const auto v = model::find_param(peek.step.request.params, p);
        if (v)
          forms.insert(p + std::string(":") +
                       std::string(model::form_of(model::Action::kCreate, p, v)));
      }
      const auto result = run_genes({g});
      const std::string what = std::to_string(mutation) + "/" + std::to_string(extra);
      ASSERT_TRUE(result.conformant()) << what << ": " << why(result);
      ASSERT_TRUE(result.records.at(0).observed.has_value()) << what;
      EXPECT_EQ(result.records[0].observed->code == "InvalidParameter", peek.damaged) << what;
    }
  }
  for (const char* f : {"PairName:below-min", "PairName:at-min", "PairName:at-max", "PairName:long",
                        "Description:below-min", "Description:at-min", "Description:at-max",
                        "Description:long", "Description:multibyte", "Description:wide"}) {
    EXPECT_EQ(forms.count(f), 1u) << f;
  }
}

// W1 path, G10 without a Version (V3: no x-acs-version header, not a G2 SignedHeaders refusal) and
// §11 X (an unknown disk on an unknown instance: the disk's error).
TEST(Generator, W1_G10_X_RareRequestFormsAreSentAndJudged) {
  const model::Universe universe = harness::universe_from(fixtures());
  const SequenceDecoder decoder(universe);
  struct Case {
    Op op;
    std::uint8_t envelope, variant, extra;
    std::string code;
  };
  for (const Case& c :
       {Case{Op::kDescribe, 42, 0, 0, "InvalidApi.NotFound"},
        Case{Op::kDescribe, 42, 0, 1, "InvalidApi.NotFound"}, Case{Op::kDescribe, 33, 0, 2, ""},
        Case{Op::kAttach, 0, 5, 0, "InvalidDiskId.NotFound"},
        Case{Op::kDetach, 0, 5, 0, "InvalidDiskId.NotFound"}}) {
    Gene g = SequenceDecoder::unguided(c.op);
    g.envelope = c.envelope;
    g.variant = c.variant;
    g.extra = c.extra;
    const auto peek = SequenceDecoder::Cursor(decoder).peek(g);
    const std::string what = std::to_string(static_cast<int>(c.op)) + "/" +
                             std::to_string(c.envelope) + "/" + std::to_string(c.extra);
    if (c.envelope == 42) {
      EXPECT_NE(peek.step.request.envelope.path, "/") << what;
    }
    if (c.envelope == 33) {
      EXPECT_FALSE(peek.step.request.envelope.version.has_value()) << what;
    }
    EXPECT_TRUE(peek.damaged || c.op == Op::kAttach || c.op == Op::kDetach) << what;
    const auto result = run_genes({g});
    ASSERT_TRUE(result.conformant()) << what << ": " << why(result);
    ASSERT_TRUE(result.records.at(0).observed.has_value()) << what;
    if (!c.code.empty()) {
      EXPECT_EQ(result.records[0].observed->code, c.code) << what;
    }
    if (c.code.empty()) {
      EXPECT_NE(result.records[0].observed->code, "IncompleteSignature") << what;
    }
  }
}

TEST(Campaign, M1_ThousandFaultFreeSequencesInProcessGiveNoFailure) {
  harness::InProcessTarget target({}, fixtures(), harness::SignatureVersion::kV3, 1);
  CampaignOptions options;
  options.search.seed = 5;
  options.search.sequences = 1000;
  const auto report =
      run_campaign(target, harness::universe_from(fixtures()), model::default_profile(), options);
  EXPECT_EQ(report.sequences_run, 1000u);
  EXPECT_TRUE(report.target_error.empty()) << report.target_error;
  for (const auto& f : report.findings) ADD_FAILURE() << why(f.result);
}

}  // namespace
}  // namespace paircheck::properties
