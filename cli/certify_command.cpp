// paircheck certify: runs the fixed, versioned certification plan (certify/plan.hpp) against a
// target and writes one bundle with a SHA-256 manifest, signed with --sign; --verify checks a
// bundle. Exit 0 certified / verified, 1 not, 2 usage or target error (docs/publishing.md).
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "certify/bundle.hpp"
#include "certify/plan.hpp"
#include "certify/signature.hpp"
#include "certify/verify.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/target_setup.hpp"
#include "harness/universe.hpp"
#include "models/json_io.hpp"
#include "models/profile.hpp"
#include "paircheck/version.hpp"
#include "protocol/fixtures.hpp"
#include "reports/reports.hpp"
#include "reports/scorecard.hpp"
#include "traces/har_reader.hpp"
#include "traces/offline_judge.hpp"

namespace paircheck::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: paircheck certify [--target URL] [--profile P] [--fixtures F] --out DIR [--sign "
    "KEY.pem]\n"
    "       paircheck certify --verify DIR [--key PUB.pem]\n"
    "Runs the certification plan (v1: seeds 1, 2, 3 x 200 sequences of at most 20 steps, one\n"
    "client; every reachable rule must be reached by some run) and writes one bundle into DIR "
    "(new\n"
    "or empty): each run's run log and reports, the profile and fixtures used, and manifest.json\n"
    "with the plan, paircheck's version and commit, the contract version, the profile's identity,\n"
    "the verdict and the SHA-256 of every file. --sign signs manifest.json with an Ed25519 key\n"
    "(PEM; `openssl genpkey -algorithm ed25519 -out key.pem`). A certification takes no baseline.\n"
    "--plan sample-v1 runs a demonstration plan (seed 1 x 12 sequences): it certifies nothing.\n"
    "--verify checks a bundle: hashes, the signature (with --key, the signer's public key), that\n"
    "each report is what its run log gives, that the plan ran in full; then it prints what that\n"
    "guarantees and what it does not. Exit 0 certified (or verified), 1 not, 2 usage or target\n"
    "error.\n";

std::vector<FlagSpec> flags() {
  std::vector<FlagSpec> f = target_flags();
  f.insert(f.end(), {{"--out", true},
                     {"--sign", true},
                     {"--verify", true},
                     {"--key", true},
                     {"--plan", true},
                     {"--baseline", true},
                     {"--help", false}});
  return f;
}

std::string utc_now() {
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return stamp;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
}

// Each run's recorded exchanges (trace.har, written by `run --record` during certify) judged again
// by this paircheck's model with no target (traces/offline_judge.hpp): the verdict must be the
// scorecard's, and every finding of the scorecard must show offline under its key. Offline, the
// cleanup's requests are judged too and M3 is not, so the offline findings may be more (docs/
// traces.md); a conformant bundle must be conformant offline.
certify::Check rejudge_check(const std::string& dir, const certify::Plan& plan) {
  certify::Check c{"re-judge", true, true, ""};
  std::string differ;
  std::size_t judged = 0, missing = 0;
  try {
    const model::Profile profile = model::load_profile(dir + "/profile.json");
    const model::Universe universe =
        harness::universe_from(protocol::load_fixtures(dir + "/fixtures.json"));
    for (std::uint64_t seed : plan.seeds) {
      const std::string run = dir + "/" + certify::run_dir(seed);
      if (!fs::exists(run + "/trace.har")) {
        ++missing;
        continue;
      }
      const traces::Trace trace = traces::read_har(run + "/trace.har", profile);
      traces::CheckOptions options;
      options.universe = universe;
      options.profile = profile;
      reports::LiveScorecard offline;
      const traces::CheckSummary summary = traces::check_trace(trace, options, {}, offline);
      const reports::Scorecard again = offline.finish();
      const reports::Scorecard recorded = reports::build_scorecard(run + "/run.jsonl");
      judged += summary.judged;
      if (again.conformant() != recorded.conformant()) {
        differ += " " + certify::run_dir(seed) + " (offline " +
                  (again.conformant() ? "conformant" : "not conformant") + ")";
      }
      for (const reports::Failure& f : recorded.failures) {
        const bool seen = std::any_of(again.failures.begin(), again.failures.end(),
                                      [&](const reports::Failure& o) { return o.key == f.key; });
        if (!seen) differ += " " + certify::run_dir(seed) + " (" + f.key + " not found offline)";
      }
    }
  } catch (const std::exception& e) {
    differ += std::string(" (") + e.what() + ")";
  }
  if (missing == plan.seeds.size()) {
    c.checked = false;
    c.detail = "not checked: the bundle holds no trace.har (made before certify recorded them)";
    return c;
  }
  c.ok = differ.empty() && missing == 0;
  c.detail =
      c.ok ? "the recorded exchanges (" + std::to_string(judged) +
                 " judged requests), judged again by this paircheck's model with no "
                 "target, give each run's verdict and every finding it reports"
           : "the offline re-judge disagrees:" + differ +
                 (missing ? " (" + std::to_string(missing) + " run(s) without trace.har)" : "");
  return c;
}

int verify_command(const Args& args) {
  for (const char* flag : {"--out", "--sign", "--target", "--profile", "--fixtures"}) {
    if (args.has(flag)) throw model::UsageError(std::string(flag) + ": not with --verify");
  }
  const std::string dir = *args.get("--verify");
  certify::Verification v = certify::verify_bundle(dir, args.get_or("--key", ""));
  if (const auto plan = certify::find_plan(v.plan)) {
    const certify::Check rejudged = rejudge_check(dir, *plan);
    v.checks.push_back(rejudged);
    if (rejudged.checked && rejudged.ok) {
      std::erase_if(v.limits, [](const std::string& l) {
        return l.find("NOT re-judged") == 0 || l.find("the recorded responses were NOT") == 0;
      });
      v.guarantees.push_back(
          "the recorded exchanges (trace.har), judged again by this paircheck's model with no "
          "target, give each run's verdict and every finding it reports");
    }
  }
  std::cout << "paircheck certify --verify " << dir << "\n";
  // The reports check rebuilds with this paircheck's report code: another version may render
  // otherwise, which shows as a failed reports check, so both versions are named.
  const nlohmann::json manifest = nlohmann::json::parse(
      certify::read_bytes(dir + "/" + certify::kManifestFile), nullptr, false);
  if (manifest.is_object() && manifest.contains("paircheck") && manifest["paircheck"].is_object()) {
    const std::string commit = manifest["paircheck"].value("commit", std::string("?"));
    std::cout << "  bundle made by paircheck "
              << manifest["paircheck"].value("version", std::string("?")) << " (commit " << commit
              << "); checked by " << kVersionLine
              << (commit == kCommit ? "" : " (another build: its report code may render otherwise)")
              << "\n";
  }
  std::cout << to_text(v);
  return v.ok() ? 0 : 1;
}

// The bundle's summary for people; manifest.json is the record.
std::string summary(const certify::Plan& plan, const std::vector<reports::Scorecard>& runs,
                    const certify::Outcome& outcome) {
  std::string s = "# paircheck certification: " + outcome.word() + "\n\n";
  const reports::Scorecard& first = runs.front();
  s += "Target " + first.target + "; profile " + first.profile_origin + " (" + first.profile_api +
       " " + first.profile_api_version + ", profile version " + first.profile_version +
       "); contract v" + certify::kContractVersion + "; paircheck " + first.version + " (commit " +
       first.commit + "); plan " + plan.id + ".\n\n";
  s += "| run | seed | sequences | requests | findings | verdict |\n|---|---|---|---|---|---|\n";
  for (const reports::Scorecard& card : runs) {
    s += "| " + certify::run_dir(card.seed) + " | " + std::to_string(card.seed) + " | " +
         std::to_string(card.sequences) + " | " + std::to_string(card.requests) + " | " +
         std::to_string(card.failures.size() + card.failures_dropped) + " | " +
         (card.conformant() ? "conformant" : "NOT CONFORMANT") + " |\n";
  }
  std::string missed;
  for (const std::string& id : outcome.not_reached) missed += " " + id;
  s += "\nReachable rules not reached by any run:" + (missed.empty() ? " none" : missed) + ".\n\n";
  s += "Check it: `paircheck certify --verify DIR --key PUBLIC.pem` (docs/publishing.md).\n";
  return s;
}

}  // namespace

int certify_command(const std::vector<std::string>& argv) {
  Args args(argv, flags(), 0);
  if (args.has("--help")) {
    std::cout << kHelp << target_flags_help();
    return 0;
  }
  if (args.has("--baseline")) {
    throw model::UsageError("--baseline: a certification waives nothing (docs/publishing.md)");
  }
  if (args.has("--verify")) return verify_command(args);
  if (args.has("--key")) throw model::UsageError("--key: only with --verify (--sign signs)");
  if (!args.has("--out")) throw model::UsageError("certify: needs --out DIR (see --help)");
  const std::string out = *args.get("--out");
  const std::string key = args.get_or("--sign", "");
  if (!key.empty()) certify::sign(key, "");  // a bad key costs no run
  const std::optional<certify::Plan> named =
      certify::find_plan(args.get_or("--plan", certify::current_plan().id));
  if (!named) {
    throw model::UsageError("--plan: '" + *args.get("--plan") + "' is not a plan (" +
                            certify::plan_names() + ")");
  }
  const certify::Plan& plan = *named;
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    throw model::UsageError("--out: '" + out +
                            "' is not empty (a bundle needs a folder of its own)");
  }
  fs::create_directories(out, ec);
  if (ec) throw model::UsageError("--out: cannot create '" + out + "': " + ec.message());

  // The target flags go to every run as given; the plan fixes the rest.
  std::vector<std::string> common;
  for (const FlagSpec& f : target_flags()) {
    for (const std::string& v : args.all(f.name)) {
      common.push_back(f.name);
      if (f.takes_value) common.push_back(v);
    }
  }
  const std::string target = args.get_or("--target", "embedded");
  if (target == "direct") {
    throw model::UsageError(
        "--target direct: a certification judges the wire too; use embedded, inprocess or a URL");
  }
  if (target != "embedded" && target != "inprocess") {
    common.insert(common.end(), {"--clients", std::to_string(plan.clients)});
  }
  for (std::uint64_t seed : plan.seeds) {
    fs::create_directories(out + "/" + certify::run_dir(seed), ec);  // trace.har opens first
    std::vector<std::string> run = {
        "--seed",       std::to_string(seed),
        "--sequences",  std::to_string(plan.sequences),
        "--max-steps",  std::to_string(plan.max_steps),
        "--report-dir", out + "/" + certify::run_dir(seed),
        "--record",     out + "/" + certify::run_dir(seed) + "/trace.har",
        "--quiet"};
    run.insert(run.end(), common.begin(), common.end());
    std::cout << "== plan " << plan.id << ", seed " << seed << "\n" << std::flush;
    const int code = run_command(run);
    if (code != 0 && code != 1) return code;  // a target error or Ctrl-C: no bundle
  }

  // The profile and fixtures used, as the runs read them.
  const model::Profile profile = args.get("--profile") ? model::load_profile(*args.get("--profile"))
                                                       : model::default_profile();
  nlohmann::json profile_json;
  model::to_json(profile_json, profile);
  write_text(out + "/profile.json", profile_json.dump(2) + "\n");
  write_text(out + "/fixtures.json", args.get("--fixtures")
                                         ? certify::read_bytes(*args.get("--fixtures"))
                                         : std::string(protocol::default_fixtures_text()));

  const std::vector<reports::Scorecard> runs = certify::rebuild_runs(out, plan);
  const certify::Outcome outcome = certify::outcome_of(runs, plan);
  write_text(out + "/certification.md", summary(plan, runs, outcome));
  const reports::Scorecard& first = runs.front();
  nlohmann::json runs_json = nlohmann::json::array();
  for (std::uint64_t seed : plan.seeds) runs_json.push_back(certify::run_dir(seed));
  certify::write_manifest(out,
                          {{"plan", certify::to_json(plan)},
                           {"paircheck", {{"version", first.version}, {"commit", first.commit}}},
                           {"contract_version", certify::kContractVersion},
                           {"profile",
                            {{"origin", first.profile_origin},
                             {"api", first.profile_api},
                             {"api_version", first.profile_api_version},
                             {"version", first.profile_version}}},
                           {"fixtures", first.fixtures},
                           {"target", first.target},
                           {"emulator_faults", first.target_faults},
                           {"created_at", utc_now()},
                           {"runs", runs_json},
                           {"verdict", certify::to_json(outcome)}});
  if (!key.empty()) certify::write_signature(out, key);
  std::string missed;
  for (const std::string& id : outcome.not_reached) missed += " " + id;
  std::cout << outcome.word() << ": plan " << plan.id << ", " << runs.size() << " runs, "
            << outcome.findings << " finding(s)"
            << (missed.empty() ? ", every reachable rule reached" : ", not reached:" + missed)
            << "\nbundle: " << out << "/ (manifest.json" << (key.empty() ? "" : ", signed")
            << "); check it with paircheck certify --verify " << out << "\n";
  return outcome.passed() ? 0 : 1;
}

}  // namespace paircheck::cli
