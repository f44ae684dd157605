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
       {"", "2026-11-24T19:34:22", "2026-11-24 19:34:22Z", "2026-11-24T19:34:22+00:00",
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2026-11-24T24:00:00Z", "2026-11-24T23:60:00Z", "2026-11-24T23:59:60Z",
        "2026-11-24t19:34:22z", "+026-11-24T19:34:22Z", "1969-12-31T23:59:59Z",
        "2026-1-024T19:34:22Z", "２026-11-24T19:34:22Z"}) {
    const auto t = parse_iso8601(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, "InvalidTimeStamp.Format") << bad;
  }
}

// §11 "G5 fractions" (A): '.' and 1-9 digits before the 'Z' are read and dropped; what the older
// official JS SDK (aliyun-sdk, toISOString) sends.
TEST(WireFormat, G5_FractionalSecondsAreAccepted) {
  for (const char* good :
       {"2026-11-24T19:34:22.1Z", "2026-11-24T19:34:22.000Z", "2026-11-24T19:34:22.999Z",
        "2026-11-24T19:34:22.123456Z", "2026-11-24T19:34:22.123456789Z"}) {
    const auto t = parse_iso8601(good);
    ASSERT_TRUE(t.ok()) << good;
    EXPECT_EQ(t.value().time_since_epoch().count(), 1795548862) << good;  // whole seconds
  }
}

TEST(WireFormat, G5_MalformedFractionsAreErrorValues) {
  for (const char* bad :
       {"2026-11-24T19:34:22.Z", "2026-11-24T19:34:22.1234567890Z", "2026-11-24T19:34:22,123Z",
        "2026-11-24T19:34:22.12aZ", "2026-11-24T19:34:22.-12Z", "2026-11-24T19:34:22.123",
        "2026-11-24T19:34:22.123z", "2026-11-24T19:34:22.123+00:00", "2026-11-24T19:34:22. 1Z",
        "2026-11-24T19:34:22..1Z", "2026-11-24T19:34:60.5Z", "2026-02-30T19:34:22.5Z",
        "2026-11-24T19:34.22.123Z"}) {
    const auto t = parse_iso8601(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.error().code, "InvalidTimeStamp.Format") << bad;
  }
}

TEST(WireFormat, G5_FractionDigitsHaveAMaximum) {
  EXPECT_FALSE(parse_iso8601("2026-11-24T19:34:22.1Z", 0).ok());  // the strict reading
  EXPECT_TRUE(parse_iso8601("2026-11-24T19:34:22Z", 0).ok());
  EXPECT_TRUE(parse_iso8601("2026-11-24T19:34:22.123Z", 3).ok());
  EXPECT_FALSE(parse_iso8601("2026-11-24T19:34:22.1234Z", 3).ok());
}

TEST(WireFormat, W5_FractionFormatsAsTheOldSdkSendsIt) {
  const sys_seconds t{std::chrono::seconds{1795548862}};
  EXPECT_EQ(format_iso8601_fraction(t, 3), "2026-11-24T19:34:22.123Z");
  EXPECT_EQ(format_iso8601_fraction(t, 3, "9"), "2026-11-24T19:34:22.900Z");
  EXPECT_EQ(format_iso8601_fraction(t, 0), "2026-11-24T19:34:22Z");
  EXPECT_EQ(format_iso8601_fraction(t, 10), "2026-11-24T19:34:22.1234567890Z");
  for (int n = 1; n <= kMaxFractionDigits; ++n) {
    EXPECT_TRUE(parse_iso8601(format_iso8601_fraction(t, n)).ok()) << n;
  }
  EXPECT_FALSE(parse_iso8601(format_iso8601_fraction(t, kMaxFractionDigits + 1)).ok());
}

}  // namespace
}  // namespace paircheck::protocol
