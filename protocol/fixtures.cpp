#include "protocol/fixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace paircheck::protocol {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string_view origin) : origin_(origin) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw FixtureError(origin_ + ": " + where + ": " + what);
  }

  // Every key of `object` must be in `allowed`.
  void only_keys(const json& object, const std::string& where,
                 std::initializer_list<const char*> allowed) const {
    for (const auto& item : object.items()) {
      bool known = false;
      for (const char* name : allowed) known = known || item.key() == name;
      if (!known) fail(join(where, item.key()), "unknown key");
    }
  }

  const json& object(const json& value, const std::string& where) const {
    if (!value.is_object()) fail(where, "expected an object");
    return value;
  }

  const json& array(const json& parent, const std::string& where, const char* key) const {
    const auto it = parent.find(key);
    if (it == parent.end()) fail(join(where, key), "missing");
    if (!it->is_array()) fail(join(where, key), "expected an array");
    return *it;
  }

  std::string string(const json& parent, const std::string& where, const char* key) const {
    const auto it = parent.find(key);
    if (it == parent.end()) fail(join(where, key), "missing");
    if (!it->is_string()) fail(join(where, key), "expected a string");
    std::string value = it->get<std::string>();
    if (value.empty()) fail(join(where, key), "must not be empty");
    return value;
  }

  static std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }
  static std::string at(const char* key, std::size_t i) {
    return std::string(key) + "[" + std::to_string(i) + "]";
  }

 private:
  std::string origin_;
};

Identity read_identity(const Reader& r, const json& value, const std::string& where) {
  r.object(value, where);
  r.only_keys(value, where,
              {"access_key_id", "access_key_secret", "access_key_secret_env", "actions"});
  Identity id;
  id.access_key_id = r.string(value, where, "access_key_id");
  const bool inline_secret = value.contains("access_key_secret");
  const bool env_secret = value.contains("access_key_secret_env");
  if (inline_secret == env_secret) {
    r.fail(where, "give exactly one of access_key_secret and access_key_secret_env");
  }
  if (inline_secret) {
    id.access_key_secret = r.string(value, where, "access_key_secret");
  } else {
    const std::string name = r.string(value, where, "access_key_secret_env");
    const char* secret = std::getenv(name.c_str());
    if (secret == nullptr || *secret == '\0') {
      r.fail(Reader::join(where, "access_key_secret_env"),
             "environment variable " + name + " is not set");
    }
    id.access_key_secret = secret;
  }
  const json& actions = r.array(value, where, "actions");
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const std::string here = Reader::join(where, Reader::at("actions", i));
    if (!actions[i].is_string() || actions[i].get<std::string>().empty()) {
      r.fail(here, "expected a non-empty string");
    }
    id.actions.push_back(actions[i].get<std::string>());
  }
  return id;
}

template <class T>
std::vector<T> read_places(const Reader& r, const json& root, const char* key, const char* id_key,
                           std::string T::*id_member) {
  std::vector<T> out;
  std::set<std::string> seen;
  const json& items = r.array(root, "", key);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = Reader::at(key, i);
    r.object(items[i], where);
    r.only_keys(items[i], where, {id_key, "region_id", "zone_id"});
    T item{r.string(items[i], where, id_key), r.string(items[i], where, "region_id"),
           r.string(items[i], where, "zone_id")};
    const std::string& id = item.*id_member;
    if (!seen.insert(id).second) r.fail(Reader::join(where, id_key), "duplicate id " + id);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

bool Identity::allows(std::string_view action) const {
  for (const auto& a : actions) {
    if (a == "*" || a == action) return true;
  }
  return false;
}

const Identity* Fixtures::find_identity(std::string_view access_key_id) const {
  for (const auto& id : identities) {
    if (id.access_key_id == access_key_id) return &id;
  }
  return nullptr;
}

const Disk* Fixtures::find_disk(std::string_view disk_id) const {
  for (const auto& d : disks) {
    if (d.disk_id == disk_id) return &d;
  }
  return nullptr;
}

const Instance* Fixtures::find_instance(std::string_view instance_id) const {
  for (const auto& i : instances) {
    if (i.instance_id == instance_id) return &i;
  }
  return nullptr;
}

Fixtures parse_fixtures(std::string_view text, std::string_view origin) {
  const Reader r(origin);
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    r.fail("(file)", std::string("not valid JSON: ") + e.what());
  }
  if (!root.is_object()) r.fail("(top level)", "expected an object");
  r.only_keys(root, "", {"account_id", "identities", "disks", "instances"});
  Fixtures out;
  out.account_id = r.string(root, "", "account_id");
  const json& identities = r.array(root, "", "identities");
  if (identities.empty()) r.fail("identities", "needs at least one identity");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < identities.size(); ++i) {
    const std::string where = Reader::at("identities", i);
    Identity id = read_identity(r, identities[i], where);
    if (!keys.insert(id.access_key_id).second) {
      r.fail(Reader::join(where, "access_key_id"), "duplicate id " + id.access_key_id);
    }
    out.identities.push_back(std::move(id));
  }
  out.disks = read_places<Disk>(r, root, "disks", "disk_id", &Disk::disk_id);
  out.instances =
      read_places<Instance>(r, root, "instances", "instance_id", &Instance::instance_id);
  return out;
}

Fixtures load_fixtures(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FixtureError(path.string() + ": cannot open the fixture file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_fixtures(text.str(), path.string());
}

}  // namespace paircheck::protocol
