#include "certify/bundle.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "certify/signature.hpp"
#include "protocol/crypto.hpp"

namespace paircheck::certify {
namespace {

namespace fs = std::filesystem;

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write '" + path + "'");
}

}  // namespace

std::string read_bytes(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (ok != nullptr) *ok = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> bundle_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string rel = fs::relative(it->path(), dir).generic_string();
    if (rel != kManifestFile && rel != kSignatureFile) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json file_hashes(const std::string& dir) {
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& rel : bundle_files(dir)) {
    out[rel] = protocol::sha256_hex(read_bytes(dir + "/" + rel));
  }
  return out;
}

Outcome outcome_of(const std::vector<reports::Scorecard>& runs, const Plan& plan) {
  Outcome out;
  out.require_all_rules = plan.require_all_rules;
  out.plan_certifies = plan.certifies;
  out.plan = plan.id;
  std::set<std::string> reached, reachable;
  for (const reports::Scorecard& card : runs) {
    out.complete = out.complete && card.complete && !card.interrupted;
    out.conformant = out.conformant && card.conformant();
    out.findings += card.failures.size() + card.failures_dropped;
    for (const reports::RuleResult& r : card.rules) {
      if (r.exercised > 0) reached.insert(r.id);
      if (r.unreachable.empty()) reachable.insert(r.id);
    }
  }
  if (runs.empty()) out.complete = false;
  // Rule table order: the first run's.
  for (const reports::RuleResult& r :
       runs.empty() ? std::vector<reports::RuleResult>{} : runs.front().rules) {
    if (reachable.contains(r.id) && !reached.contains(r.id)) out.not_reached.push_back(r.id);
  }
  return out;
}

std::string Outcome::word() const {
  if (certified()) return "CERTIFIED";
  if (!plan_certifies && passed()) {
    return "PASSED (plan " + plan + " is a demonstration plan: it certifies nothing)";
  }
  return "NOT CERTIFIED";
}

nlohmann::json to_json(const Outcome& outcome) {
  return {{"certified", outcome.certified()}, {"passed", outcome.passed()},
          {"complete", outcome.complete},     {"conformant", outcome.conformant},
          {"findings", outcome.findings},     {"rules_not_reached", outcome.not_reached}};
}

std::string write_manifest(const std::string& dir, nlohmann::json facts) {
  facts["schema"] = kManifestSchema;
  facts["files"] = file_hashes(dir);
  std::string text = facts.dump(2) + "\n";
  write_text(dir + "/" + kManifestFile, text);
  return text;
}

void write_signature(const std::string& dir, const std::string& private_pem) {
  const std::string manifest = read_bytes(dir + "/" + kManifestFile);
  const nlohmann::json j = {{"algorithm", "Ed25519"},
                            {"signed_file", kManifestFile},
                            {"public_key_sha256", public_key_sha256(private_pem)},
                            {"signature", protocol::hex_encode(sign(private_pem, manifest))}};
  write_text(dir + "/" + kSignatureFile, j.dump(2) + "\n");
}

}  // namespace paircheck::certify
