// W5/W6 timestamps (G5: unparsable -> InvalidTimeStamp.Format).
#include "protocol/iso8601.hpp"

#include <gtest/gtest.h>

namespace paircheck::protocol {
namespace {

using std::chrono::sys_seconds;

TEST(WireFormat, W5_TimestampFormatsAsUtcSeconds) {
  EXPECT_EQ(format_iso8601(sys_seconds{std::chrono::seconds{0}}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(sys_seconds{std::chrono::seconds{1795548862}}), "2026-11-24T19:34:22Z");
}

TEST(WireFormat, W5_TimestampParsesBack) {
  const auto t = parse_iso8601("2026-11-24T19:34:22Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value().time_since_epoch().count(), 1795548862);
  EXPECT_EQ(parse_iso8601("2024-02-29T23:59:59Z").ok(), true);
}

TEST(WireFormat, G5_MalformedTimestampIsAnErrorValue) {
  for (const char* bad :
       {"", "2026-11-24T19:34:22", "2026-11-24 19:34:22Z", "2026-11-24T19:34:22.000Z",
        "2026-11-24T19:34:22+00:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:60:00Z",
        "2026-11-24T23:59:60Z", "2026-11-24t19:34:22z", "+026-11-24T19:34:22Z",
        "1969-12-31T23:59:59Z", "2026-1-024T19:34:22Z", "２026-11-24T19:34:22Z"}) {
    const auto t = parse_iso8601(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, "InvalidTimeStamp.Format") << bad;
  }
}

}  // namespace
}  // namespace paircheck::protocol
