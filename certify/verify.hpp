// `paircheck certify --verify DIR [--key PUB.pem]`: checks a bundle (certify/bundle.hpp) and says
// exactly what that guarantees and what it does not (docs/publishing.md "Verifying").
#pragma once

#include <string>
#include <vector>

#include "certify/plan.hpp"
#include "reports/scorecard.hpp"

namespace paircheck::certify {

struct Check {
  std::string name;     // files, signature, reports, plan, facts, verdict
  bool ok = false;      // false: the bundle does not verify
  bool checked = true;  // false: not checked (the signature without --key); ok stays true
  std::string detail;   // one line
};

struct Verification {
  std::vector<Check> checks;
  std::vector<std::string> guarantees;  // what the checks that passed establish
  std::vector<std::string> limits;      // what they do not
  bool certified = false;               // the bundle's runs certify conformance
  bool passed = false;                  // they passed their plan (a demonstration plan too)
  std::string plan;                     // its id
  bool ok() const;                      // every check passed and the runs passed their plan
};

// Throws model::UsageError when `dir` is not a directory or `public_pem` is given and holds no
// Ed25519 key (exit 2). A damaged bundle (a file edited, added or missing, a manifest that is not
// JSON) is a failed check, not an error.
Verification verify_bundle(const std::string& dir, const std::string& public_pem);
std::string to_text(const Verification& v);

// The scorecards of the plan's runs in `dir`, rebuilt from their run logs (reports code).
std::vector<reports::Scorecard> rebuild_runs(const std::string& dir, const Plan& plan);

}  // namespace paircheck::certify
