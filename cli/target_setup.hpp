#pragma once
// From flags to a ready target: the fixture and profile files, and the target itself: the bundled
// emulator on a loopback port (`embedded`, the default), linked in (`inprocess`), linked in and
// mostly unsigned (`direct`), or a URL.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "emulator/server.hpp"
#include "emulator/service.hpp"
#include "harness/target.hpp"
#include "models/profile.hpp"
#include "protocol/fixtures.hpp"

namespace paircheck::cli {

struct Setup {
  protocol::Fixtures fixtures;
  std::string fixtures_origin;  // a path, or "built-in"
  model::Profile profile;
  std::string profile_origin;
  std::string target_name;  // "embedded", "inprocess", "direct" or the URL(s), as given
  std::vector<std::unique_ptr<emulator::Service>> services;  // embedded only: one per job
  std::vector<std::unique_ptr<emulator::Server>> servers;    // embedded only: one per job
  std::vector<std::unique_ptr<harness::Target>> targets;     // one per job, each its own state
  std::string embedded_control_token;  // the first bundled emulator's (clients share it)

  harness::Target& target() { return *targets.front(); }
  std::vector<harness::Target*> job_targets() const;
};

// The bundled emulator, on a port or linked in: "embedded", "inprocess", "direct".
bool is_bundled(std::string_view target_name);
// Every N-th request that could take the direct path goes signed (docs/harness.md "The direct
// path"): the wire rules are judged in every `--target direct` run.
inline constexpr std::uint32_t kDirectSignedEvery = 8;

// The flags every subcommand that talks to a target accepts.
std::vector<FlagSpec> target_flags();
// Their help lines; without the --target line for a subcommand that explains --target itself
// (fuzz: another default), so that no flag is listed twice.
std::string target_flags_help(bool with_target = true);

// Throws model::UsageError / protocol::FixtureError with one line on bad input; checks that a URL
// target answers (a clear error when it is unreachable). `jobs` targets with independent state:
// that many bundled emulators (embedded, inprocess), or as many comma-separated URLs in --target.
// `profile`, when given and no --profile flag is, is the profile to use (a replay file's).
// --nemesis LIST: every target of the setup misbehaves on `rate` of its mutations
// (harness/nemesis.hpp), each from a seed of its own. Throws UsageError on a bad list or a target
// that cannot carry it.
void wrap_in_nemesis(Setup& setup, const std::string& list, std::uint64_t seed, double rate);

// harness/preflight.hpp on each URL target of the setup (the bundled emulators start empty, and a
// check would shift their seeded RequestIds): throws UsageError, one line naming the URL, when one
// does not speak the API or holds pairs on fixture disks; with `clean_start` those are deleted
// first (what was released is printed). `poll_s`: cleanup's first pause, as a run's.
void preflight(Setup& setup, bool clean_start, double poll_s, double read_gap_s);

// `clients` > 1: that many connections to ONE target (one bundled emulator, or the one URL).
Setup make_setup(const Args& args, std::uint64_t seed, std::size_t jobs = 1,
                 const model::Profile* profile = nullptr, const std::string& profile_origin = "",
                 std::size_t clients = 1);

}  // namespace paircheck::cli
