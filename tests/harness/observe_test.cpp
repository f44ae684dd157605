// harness::observe: the raw body is kept, clipped, only when it broke W2/W3 (the evidence of the
// finding); a well-formed body is all in the parsed fields and is not kept.
#include <gtest/gtest.h>

#include "harness/observe.hpp"

namespace paircheck::harness {
namespace {

WireResult response(int status, std::string body) {
  WireResult w;
  w.kind = WireResult::Kind::kResponse;
  w.status = status;
  w.body = std::move(body);
  return w;
}

TEST(Observe, W3_MalformedErrorKeepsItsBody) {
  const model::Observed o =
      observe("StopDiskReplicaPair", response(403, R"({"RequestId":"r","Message":"no"})"));
  EXPECT_FALSE(o.shape_error.empty());
  EXPECT_EQ(o.body, R"({"RequestId":"r","Message":"no"})");
}

TEST(Observe, W3_ErrorWithoutCodeKeepsItsBody) {
  const std::string body = R"({"RequestId":"r","HostId":"h","Message":"no"})";
  const model::Observed o = observe("StopDiskReplicaPair", response(403, body));
  EXPECT_TRUE(o.shape_error.empty());  // well-formed JSON, but W3 wants a Code
  EXPECT_EQ(o.body, body);
}

TEST(Observe, W2_MalformedSuccessBodyIsClipped) {
  const model::Observed o =
      observe("DescribeDiskReplicaPairs", response(200, std::string(3 * model::kMaxKeptBody, 'x')));
  EXPECT_FALSE(o.shape_error.empty());
  EXPECT_EQ(o.body.size(), model::kMaxKeptBody);
}

TEST(Observe, WellFormedBodyIsNotKept) {
  const model::Observed o = observe(
      "StopDiskReplicaPair",
      response(403, R"({"RequestId":"r","HostId":"h","Code":"OperationDenied.InvalidStatus",)"
                    R"("Message":"no"})"));
  EXPECT_TRUE(o.shape_error.empty()) << o.shape_error;
  EXPECT_EQ(o.code, "OperationDenied.InvalidStatus");
  EXPECT_TRUE(o.body.empty());
}

}  // namespace
}  // namespace paircheck::harness
