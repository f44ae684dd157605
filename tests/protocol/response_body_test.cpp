// W2 success bodies, W3 error bodies, W4 RequestIds.
#include "protocol/response_body.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "protocol/request_id.hpp"

namespace paircheck::protocol {
namespace {

using nlohmann::json;

TEST(WireFormat, W2_SuccessBodyHasRequestIdFirstAndTheFields) {
  const std::string body =
      success_body("RID-1", {{"ReplicaPairId", "pair-x"}, {"OrderId", "1"}, {"RequestId", "no"}});
  EXPECT_EQ(body.rfind("{\"RequestId\":\"RID-1\"", 0), 0u) << body;
  const json j = json::parse(body);
  EXPECT_EQ(j["RequestId"], "RID-1");
  EXPECT_EQ(j["ReplicaPairId"], "pair-x");
  EXPECT_EQ(j.size(), 3u);
  EXPECT_EQ(json::parse(success_body("R")), (json{{"RequestId", "R"}}));
}

TEST(WireFormat, W3_ErrorBodyHasEveryFieldAndCodeIsNeverAbsent) {
  const json j = json::parse(error_body({"RID", "ebs.x", "OperationDenied.InvalidStatus", "m",
                                         recommend_url("OperationDenied.InvalidStatus", "RID")}));
  EXPECT_EQ(j["RequestId"], "RID");
  EXPECT_EQ(j["HostId"], "ebs.x");
  EXPECT_EQ(j["Code"], "OperationDenied.InvalidStatus");
  EXPECT_EQ(j["Message"], "m");
  EXPECT_NE(j["Recommend"].get<std::string>().find("q=OperationDenied.InvalidStatus"),
            std::string::npos);
  const json no_code = json::parse(error_body({"RID", "h", "", "m", ""}));
  EXPECT_EQ(no_code["Code"], "InternalError");
  EXPECT_FALSE(no_code.contains("Recommend"));
}

TEST(WireFormat, W3_ErrorBodySurvivesNonUtf8Text) {
  const std::string body = error_body({"RID", "h", "InvalidParameter", "bad \xff\xfe value", ""});
  EXPECT_EQ(json::parse(body)["Code"], "InvalidParameter");
}

TEST(WireFormat, W3_ParseErrorBody) {
  const auto e = parse_error_body(error_body({"R", "H", "C", "M", "X"}));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(*e, (ErrorBody{"R", "H", "C", "M", "X"}));
  EXPECT_FALSE(parse_error_body("{\"RequestId\":\"R\"}").has_value());
  EXPECT_FALSE(parse_error_body("{\"Code\":3}").has_value());
  EXPECT_FALSE(parse_error_body("not json").has_value());
  EXPECT_FALSE(parse_error_body("[]").has_value());
}

TEST(WireFormat, W4_RequestIdsAreUuidLikeAndUniqueAcrossThreads) {
  RequestIdGenerator gen;
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& ids : per_thread) {
    threads.emplace_back([&gen, &ids] {
      for (int i = 0; i < 5000; ++i) ids.push_back(gen.next());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& ids : per_thread) {
    for (const auto& id : ids) {
      ASSERT_TRUE(is_request_id(id)) << id;
      all.insert(id);
    }
  }
  EXPECT_EQ(all.size(), 20000u);
}

TEST(WireFormat, W4_SeededGeneratorsAreReproducibleAndDistinct) {
  RequestIdGenerator a(7), b(7), c(8);
  const std::string a1 = a.next();
  EXPECT_EQ(a1, b.next());
  EXPECT_NE(a1, c.next());
  EXPECT_NE(a1, a.next());
  EXPECT_FALSE(is_request_id("a37597a6-bb99-19b3-85ea-4c2b91f00001"));
  EXPECT_TRUE(is_request_id("A37597A6-BB99-19B3-85EA-4C2B91F00001"));
}

}  // namespace
}  // namespace paircheck::protocol
