#include "certify/verify.hpp"

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "certify/bundle.hpp"
#include "certify/plan.hpp"
#include "certify/signature.hpp"
#include "models/profile.hpp"
#include "protocol/crypto.hpp"
#include "reports/reports.hpp"

namespace paircheck::certify {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Lower-case or upper-case hex to bytes; nullopt-like "" with ok=false on a bad digit.
std::string hex_decode(const std::string& hex, bool& ok) {
  ok = hex.size() % 2 == 0;
  std::string out;
  auto digit = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    ok = false;
    return 0;
  };
  for (std::size_t i = 0; ok && i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  return out;
}

Check files_check(const std::string& dir, const json& manifest) {
  Check c{"files", false, true, ""};
  const json listed = manifest.value("files", json::object());
  if (!listed.is_object() || listed.empty()) {
    c.detail = "manifest.json lists no files";
    return c;
  }
  const json actual = file_hashes(dir);
  std::string changed, missing, added;
  for (const auto& [path, hash] : listed.items()) {
    if (!actual.contains(path)) {
      missing += " " + path;
    } else if (actual[path] != hash) {
      changed += " " + path;
    }
  }
  for (const auto& [path, hash] : actual.items()) {
    if (!listed.contains(path)) added += " " + path;
  }
  c.ok = changed.empty() && missing.empty() && added.empty();
  c.detail = c.ok ? std::to_string(listed.size()) +
                        " files match their SHA-256 in manifest.json; none missing, none added"
                  : (changed.empty() ? "" : "changed:" + changed + "; ") +
                        (missing.empty() ? "" : "missing:" + missing + "; ") +
                        (added.empty() ? "" : "not in the manifest:" + added);
  return c;
}

Check signature_check(const std::string& dir, const std::string& manifest_text,
                      const std::string& public_pem) {
  Check c{"signature", false, true, ""};
  bool present = false;
  const std::string text = read_bytes(dir + "/" + kSignatureFile, &present);
  const json sig = present ? json::parse(text, nullptr, false) : json();
  if (public_pem.empty()) {
    c.ok = true;
    c.checked = false;
    c.detail = present && sig.is_object()
                   ? "not checked (no --key); signature.json names the key sha256:" +
                         sig.value("public_key_sha256", std::string("?"))
                   : "not checked (no --key); the bundle is not signed";
    return c;
  }
  const std::string fingerprint = public_key_sha256(public_pem);  // throws for a bad key file
  if (!present) {
    c.detail = "the bundle has no signature.json";
    return c;
  }
  if (!sig.is_object() || sig.value("algorithm", std::string()) != "Ed25519" ||
      !sig.contains("signature") || !sig["signature"].is_string()) {
    c.detail = "signature.json is not an Ed25519 signature record";
    return c;
  }
  if (text != sig.dump(2) + "\n") {  // outside the manifest: any edit shows as a changed form
    c.detail = "signature.json is not as paircheck writes it (edited)";
    return c;
  }
  bool hex_ok = false;
  const std::string raw = hex_decode(sig["signature"].get<std::string>(), hex_ok);
  c.ok = hex_ok && verify(public_pem, manifest_text, raw);
  c.detail = c.ok ? "manifest.json is signed (Ed25519) by the key of " + public_pem +
                        " (sha256:" + fingerprint + ")"
                  : "the signature of manifest.json does not verify with the key of " + public_pem +
                        " (sha256:" + fingerprint + ")";
  return c;
}

// Each run's four reports, rebuilt from its run log, byte for byte.
Check reports_check(const std::string& dir, const Plan& plan) {
  Check c{"reports", true, true, ""};
  std::string differ;
  for (std::uint64_t seed : plan.seeds) {
    const std::string run = dir + "/" + run_dir(seed);
    try {
      const reports::Scorecard card = reports::build_scorecard(run + "/run.jsonl");
      for (reports::Format f : {reports::Format::kJson, reports::Format::kJunit,
                                reports::Format::kHtml, reports::Format::kMarkdown}) {
        bool ok = false;
        const std::string file = read_bytes(run + "/" + reports::file_name(f), &ok);
        if (!ok || file != reports::render(card, f)) {
          differ += " " + run_dir(seed) + "/" + reports::file_name(f);
        }
      }
    } catch (const std::exception& e) {
      differ += " " + run_dir(seed) + "/run.jsonl (" + e.what() + ")";
    }
  }
  c.ok = differ.empty();
  c.detail = c.ok ? "each run's scorecard.json, junit.xml, report.html and summary.md are what its "
                    "run.jsonl gives (rebuilt here with the report code)"
                  : "not what the run log gives:" + differ;
  return c;
}

}  // namespace

std::vector<reports::Scorecard> rebuild_runs(const std::string& dir, const Plan& plan) {
  std::vector<reports::Scorecard> out;
  for (std::uint64_t seed : plan.seeds) {
    out.push_back(reports::build_scorecard(dir + "/" + run_dir(seed) + "/run.jsonl"));
  }
  return out;
}

bool Verification::ok() const {
  for (const Check& c : checks) {
    if (!c.ok) return false;
  }
  return passed;
}

Verification verify_bundle(const std::string& dir, const std::string& public_pem) {
  if (!fs::is_directory(dir)) throw model::UsageError("--verify: no such directory '" + dir + "'");
  if (!public_pem.empty()) public_key_sha256(public_pem);  // a bad key file: exit 2, up front
  Verification v;
  bool read = false;
  const std::string manifest_text = read_bytes(dir + "/" + kManifestFile, &read);
  const json manifest = json::parse(manifest_text, nullptr, false);
  if (!read || !manifest.is_object() || manifest.value("schema", json()) != kManifestSchema) {
    v.checks.push_back({"manifest", false, true,
                        read
                            ? "manifest.json is not a " + std::string(kManifestSchema) + " document"
                            : "no manifest.json"});
    v.limits.push_back("nothing: without its manifest the bundle proves nothing");
    return v;
  }
  Check files = files_check(dir, manifest);
  if (manifest_text != manifest.dump(2) + "\n") {  // a change that JSON would not show
    files.ok = false;
    files.detail = "manifest.json is not as paircheck writes it (edited); " + files.detail;
  }
  v.checks.push_back(files);
  v.checks.push_back(signature_check(dir, manifest_text, public_pem));
  const json recorded_plan = manifest.value("plan", json::object());
  const std::optional<Plan> plan =
      find_plan(recorded_plan.is_object() ? recorded_plan.value("id", std::string()) : "");
  if (!plan || to_json(*plan) != recorded_plan) {
    v.checks.push_back({"plan", false, true,
                        "manifest.json names no plan this paircheck knows, or changes it: " +
                            recorded_plan.dump()});
    return v;
  }
  v.checks.push_back(reports_check(dir, *plan));
  // The plan, run in full, and the manifest's facts, as the run logs record them.
  Check plan_check{"plan", true, true, ""}, facts{"facts", true, true, ""};
  std::vector<reports::Scorecard> runs;
  try {
    runs = rebuild_runs(dir, *plan);
  } catch (const std::exception& e) {
    v.checks.push_back({"plan", false, true, std::string("a run log cannot be read: ") + e.what()});
    return v;
  }
  const json profile = manifest.value("profile", json::object());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const reports::Scorecard& card = runs[i];
    const std::string name = run_dir(plan->seeds[i]);
    if (card.mode != "run" || card.seed != plan->seeds[i] ||
        card.sequences_planned != plan->sequences || card.max_steps != plan->max_steps ||
        card.sequences != plan->sequences || !card.complete || card.interrupted) {
      plan_check.ok = false;
      plan_check.detail +=
          name + ": seed " + std::to_string(card.seed) + ", " + std::to_string(card.sequences) +
          " of " + std::to_string(card.sequences_planned) + " sequences, max " +
          std::to_string(card.max_steps) + " steps" + (card.complete ? "" : ", incomplete") + "; ";
    }
    const json paircheck = manifest.value("paircheck", json::object());
    if (paircheck.value("version", std::string()) != card.version ||
        paircheck.value("commit", std::string()) != card.commit ||
        manifest.value("target", std::string()) != card.target ||
        profile.value("api", std::string()) != card.profile_api ||
        profile.value("api_version", std::string()) != card.profile_api_version ||
        profile.value("version", std::string()) != card.profile_version) {
      facts.ok = false;
      facts.detail += name + " was run by paircheck " + card.version + " " + card.commit +
                      " against " + card.target + " with profile " + card.profile_api + " " +
                      card.profile_api_version + " v" + card.profile_version + "; ";
    }
  }
  if (plan_check.ok) {
    plan_check.detail = "plan " + plan->id + " run in full: " + std::to_string(runs.size()) +
                        " runs of " + std::to_string(plan->sequences) + " sequences (max " +
                        std::to_string(plan->max_steps) + " steps), each ended with its summary";
  }
  if (facts.ok) {
    facts.detail =
        "paircheck version and commit, target and profile identity in manifest.json are "
        "those the run logs record";
  } else {
    facts.detail = "manifest.json says otherwise than the run logs: " + facts.detail;
  }
  v.checks.push_back(plan_check);
  v.checks.push_back(facts);
  const Outcome outcome = outcome_of(runs, *plan);
  v.certified = outcome.certified();
  v.passed = outcome.passed();
  v.plan = plan->id;
  Check verdict{"verdict", to_json(outcome) == manifest.value("verdict", json()), true, ""};
  std::string missed;
  for (const std::string& id : outcome.not_reached) missed += " " + id;
  verdict.detail = outcome.word() + ": " + std::to_string(outcome.findings) + " finding(s)" +
                   (outcome.complete ? "" : ", a run incomplete") +
                   (missed.empty() ? "; every reachable rule reached by some run"
                                   : "; reachable rules not reached:" + missed) +
                   (verdict.ok ? " (as manifest.json says)" : " (manifest.json says otherwise)");
  v.checks.push_back(verdict);

  v.guarantees = {
      "no file listed in manifest.json changed, none is missing, none was added (SHA-256)",
      "the reports are the run logs' recorded verdicts, counted by this paircheck's report code",
      "the run logs record plan " + plan->id +
          " run in full, by the paircheck version and commit "
          "and against the target and profile that manifest.json names"};
  if (!public_pem.empty()) {
    v.guarantees.push_back(
        "manifest.json (and so every file it hashes) was signed by the holder "
        "of the private key matching " +
        public_pem);
  }
  v.limits = {
      "the recorded responses were NOT re-judged: the verdicts are those the model gave at run "
      "time and wrote into run.jsonl (`paircheck certify --verify` re-judges each run's "
      "trace.har, where the bundle holds one, and then says so above)",
      "that the run logs hold what the target really answered: a signature says who vouches for "
      "them, not that they are true"};
  if (public_pem.empty()) {
    v.limits.push_back(
        "who produced the bundle: without --key, anyone who edits a file can "
        "rewrite manifest.json to match");
  }
  return v;
}

std::string to_text(const Verification& v) {
  std::string out;
  for (const Check& c : v.checks) {
    out += std::string(!c.checked ? "  --    "
                       : c.ok     ? "  OK    "
                                  : "  FAIL  ") +
           c.name + ": " + c.detail + "\n";
  }
  out += "what this guarantees:\n";
  for (const std::string& g : v.guarantees) out += "  - " + g + "\n";
  out += "what it does NOT guarantee:\n";
  for (const std::string& l : v.limits) out += "  - " + l + "\n";
  if (v.ok()) {
    out += v.certified ? "VERIFIED: the bundle is intact and certifies conformance\n"
                       : "VERIFIED: the bundle is intact; plan " + v.plan +
                             " is a demonstration plan and certifies nothing\n";
  } else {
    out += "NOT VERIFIED: a check failed, or the runs did not pass their plan\n";
  }
  return out;
}

}  // namespace paircheck::certify
