// §10 (F): the fixture file shared by the harness and a target: account, identities (keys and
// allowed actions, G3/G11), disks and instances (O1, X).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace paircheck::protocol {

// One line naming the file and the field: "fixtures/x.json: disks[2].zone_id: expected a string".
class FixtureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Identity {
  std::string access_key_id;
  std::string access_key_secret;     // resolved (from access_key_secret_env if given so)
  std::vector<std::string> actions;  // "*" allows every action
  bool allows(std::string_view action) const;
};

struct Disk {
  std::string disk_id;
  std::string region_id;
  std::string zone_id;
};

struct Instance {
  std::string instance_id;
  std::string region_id;
  std::string zone_id;
};

struct Fixtures {
  std::string account_id;
  std::vector<Identity> identities;
  std::vector<Disk> disks;
  std::vector<Instance> instances;

  const Identity* find_identity(std::string_view access_key_id) const;
  const Disk* find_disk(std::string_view disk_id) const;
  const Instance* find_instance(std::string_view instance_id) const;
};

// Throws FixtureError for an unreadable file, invalid JSON, a missing/unknown key, a wrong type,
// an empty id, a duplicate id, both or neither of access_key_secret/access_key_secret_env, or an
// access_key_secret_env naming an unset variable.
Fixtures load_fixtures(const std::filesystem::path& path);

// The same checks on text already read; `origin` names the source in messages.
Fixtures parse_fixtures(std::string_view text, std::string_view origin);

// The built-in fixture file (fixtures/default.json, embedded at build time).
std::string_view default_fixtures_text();
Fixtures default_fixtures();

}  // namespace paircheck::protocol
