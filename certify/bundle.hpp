// A certification bundle (docs/publishing.md): one folder per run of a plan (run log, scorecard,
// JUnit, HTML, summary, replay files), the profile and fixtures used, and manifest.json: the
// facts (plan, paircheck version and commit, contract version, profile identity, target, verdict)
// and the SHA-256 of every other file. signature.json, when signed, holds an Ed25519 signature
// of manifest.json's bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certify/plan.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::certify {

inline constexpr const char* kManifestSchema = "paircheck-certification/1";
inline constexpr const char* kManifestFile = "manifest.json";
inline constexpr const char* kSignatureFile = "signature.json";
// The contract the model encodes (docs/contract.md: "default profile, v1").
inline constexpr const char* kContractVersion = "1";

// Every regular file under `dir` but the manifest and the signature, as relative paths, sorted.
std::vector<std::string> bundle_files(const std::string& dir);
// {"path": "<sha256 hex>"} for bundle_files(dir).
nlohmann::json file_hashes(const std::string& dir);

// What a plan's runs certify, from their scorecards (rebuilt from their run logs).
struct Outcome {
  bool complete = true;    // every run ended with its summary line, none interrupted
  bool conformant = true;  // every run conformant (no finding, no target error)
  std::uint64_t findings = 0;
  std::vector<std::string> not_reached;  // reachable rules no run of the plan reached
  std::string plan;                      // the plan's id, and what it asks:
  bool require_all_rules = true, plan_certifies = true;
  // What the plan asks of its runs: complete, conformant, every reachable rule reached.
  bool passed() const {
    return complete && conformant && (!require_all_rules || not_reached.empty());
  }
  bool certified() const { return plan_certifies && passed(); }
  // "CERTIFIED", "NOT CERTIFIED", or for a demonstration plan that passed "PASSED (plan ID is a
  // demonstration plan: it certifies nothing)".
  std::string word() const;
};
Outcome outcome_of(const std::vector<reports::Scorecard>& runs, const Plan& plan);
nlohmann::json to_json(const Outcome& outcome);

// Writes manifest.json: `facts` plus "schema" and "files" (file_hashes); returns its text.
std::string write_manifest(const std::string& dir, nlohmann::json facts);
// Writes signature.json: the Ed25519 signature of manifest.json with the key at `private_pem`.
void write_signature(const std::string& dir, const std::string& private_pem);

// The bytes of a file ("" when it cannot be read; `ok` says which).
std::string read_bytes(const std::string& path, bool* ok = nullptr);

}  // namespace paircheck::certify
