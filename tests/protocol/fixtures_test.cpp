// §10 (F): the fixture file; every malformed file is one FixtureError line naming file and field.
#include "protocol/fixtures.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <unistd.h>

namespace paircheck::protocol {
namespace {

namespace fs = std::filesystem;

const char* kGood = R"({
  "account_id": "1",
  "identities": [{"access_key_id": "ak", "access_key_secret": "sk", "actions": ["*"]}],
  "disks": [{"disk_id": "d-1", "region_id": "r1", "zone_id": "z1"}],
  "instances": [{"instance_id": "i-1", "region_id": "r1", "zone_id": "z1"}]
})";

// Replaces the first occurrence of `from` in kGood.
std::string good_with(const std::string& from, const std::string& to) {
  std::string text = kGood;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// Writes `text` to a file and returns the FixtureError message load_fixtures gives for it.
std::string error_for(const std::string& text) {
  // ctest runs each TEST as its own process, in parallel: one file per test and process.
  static int counter = 0;
  const fs::path path =
      fs::path(::testing::TempDir()) /
      ("paircheck_fixture_" +
       std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
       std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".json");
  std::ofstream(path) << text;
  try {
    load_fixtures(path);
  } catch (const FixtureError& e) {
    fs::remove(path);
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path.string() + ": ", 0), 0u) << message;  // names the file first
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;       // one line
    return message;
  }
  fs::remove(path);
  ADD_FAILURE() << "no FixtureError for: " << text;
  return {};
}

TEST(Fixtures, F_DefaultFileLoads) {
  const Fixtures f = load_fixtures(PAIRCHECK_DEFAULT_FIXTURES);
  EXPECT_EQ(f.account_id, "1000000000000001");
  ASSERT_NE(f.find_identity("ak-admin"), nullptr);
  EXPECT_TRUE(f.find_identity("ak-admin")->allows("StartDiskReplicaPair"));
  const Identity* ro = f.find_identity("ak-readonly");
  ASSERT_NE(ro, nullptr);
  EXPECT_TRUE(ro->allows("DescribeDiskReplicaPairs"));
  EXPECT_TRUE(ro->allows("DescribeDiskReplicaPairProgress"));
  EXPECT_FALSE(ro->allows("StartDiskReplicaPair"));
  EXPECT_EQ(f.find_identity("nope"), nullptr);
  std::map<std::string, int> disks, instances;
  for (const auto& d : f.disks) ++disks[d.region_id];
  for (const auto& i : f.instances) ++instances[i.region_id];
  EXPECT_EQ(disks, (std::map<std::string, int>{
                       {"cn-beijing", 2}, {"cn-hangzhou", 4}, {"cn-shanghai", 4}}));
  EXPECT_EQ(instances, (std::map<std::string, int>{
                           {"cn-beijing", 2}, {"cn-hangzhou", 2}, {"cn-shanghai", 2}}));
  ASSERT_NE(f.find_disk("d-hz-0001"), nullptr);
  EXPECT_EQ(f.find_disk("d-hz-0001")->zone_id, "cn-hangzhou-h");
  EXPECT_EQ(f.find_disk("d-sh-0004")->zone_id, "cn-shanghai-e");
  EXPECT_NE(f.find_instance("i-bj-0002"), nullptr);
}

TEST(Fixtures, F_MissingFileNamesTheFile) {
  try {
    load_fixtures("/nonexistent/paircheck.json");
    FAIL();
  } catch (const FixtureError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/paircheck.json"), std::string::npos);
  }
}

TEST(Fixtures, F_InvalidJson) {
  EXPECT_NE(error_for("{\"account_id\": ").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_for("[]").find("expected an object"), std::string::npos);
}

TEST(Fixtures, F_MissingKey) {
  EXPECT_NE(error_for(good_with("\"account_id\": \"1\",", "")).find("account_id: missing"),
            std::string::npos);
  EXPECT_NE(error_for(good_with("\"zone_id\": \"z1\"}],\n  \"instances\"",
                                "\"x\": 1}],\n  \"instances\""))
                .find("disks[0].x: unknown key"),
            std::string::npos);
  EXPECT_NE(
      error_for(good_with(", \"actions\": [\"*\"]", "")).find("identities[0].actions: missing"),
      std::string::npos);
}

TEST(Fixtures, F_WrongType) {
  EXPECT_NE(error_for(good_with("\"account_id\": \"1\"", "\"account_id\": 1"))
                .find("account_id: expected a string"),
            std::string::npos);
  EXPECT_NE(error_for(good_with("\"zone_id\": \"z1\"", "\"zone_id\": [\"z1\"]"))
                .find("disks[0].zone_id: expected a string"),
            std::string::npos);
  EXPECT_NE(error_for(good_with("[\"*\"]", "[\"*\", 3]")).find("identities[0].actions[1]"),
            std::string::npos);
  const std::string object_instances = good_with(
      "\"instances\": [{\"instance_id\": \"i-1\", \"region_id\": \"r1\", \"zone_id\": \"z1\"}]",
      "\"instances\": {}");
  EXPECT_NE(error_for(object_instances).find("instances: expected an array"), std::string::npos);
  EXPECT_NE(error_for(good_with("\"disk_id\": \"d-1\"", "\"disk_id\": \"\""))
                .find("disks[0].disk_id: must not be empty"),
            std::string::npos);
}

TEST(Fixtures, F_DuplicateId) {
  const std::string two_disks =
      good_with("\"disks\": [",
                "\"disks\": [{\"disk_id\": \"d-1\", \"region_id\": \"r2\", \"zone_id\": \"z2\"}, ");
  EXPECT_NE(error_for(two_disks).find("disks[1].disk_id: duplicate id d-1"), std::string::npos);
  const std::string two_keys = good_with("\"identities\": [",
                                         "\"identities\": [{\"access_key_id\": \"ak\", "
                                         "\"access_key_secret\": \"x\", \"actions\": []}, ");
  EXPECT_NE(error_for(two_keys).find("identities[1].access_key_id: duplicate id ak"),
            std::string::npos);
}

TEST(Fixtures, F_UnknownKey) {
  EXPECT_NE(error_for(good_with("\"account_id\"", "\"extra\": 1, \"account_id\""))
                .find("extra: unknown key"),
            std::string::npos);
}

TEST(Fixtures, F_SecretFromEnvironment) {
  const std::string env_file = good_with("\"access_key_secret\": \"sk\"",
                                         "\"access_key_secret_env\": \"PAIRCHECK_TEST_SECRET_X\"");
  ::unsetenv("PAIRCHECK_TEST_SECRET_X");
  EXPECT_NE(error_for(env_file).find("identities[0].access_key_secret_env: environment variable "
                                     "PAIRCHECK_TEST_SECRET_X is not set"),
            std::string::npos);
  ::setenv("PAIRCHECK_TEST_SECRET_X", "from-env", 1);
  EXPECT_EQ(parse_fixtures(env_file, "t").identities[0].access_key_secret, "from-env");
  ::unsetenv("PAIRCHECK_TEST_SECRET_X");
  const std::string both =
      good_with("\"access_key_secret\": \"sk\"",
                "\"access_key_secret\": \"sk\", \"access_key_secret_env\": \"E\"");
  EXPECT_NE(error_for(both).find("exactly one of"), std::string::npos);
}

}  // namespace
}  // namespace paircheck::protocol
