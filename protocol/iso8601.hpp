// W5/W6 timestamps: `yyyy-MM-ddTHH:mm:ssZ`, UTC (Timestamp, x-acs-date); a decimal fraction of the
// second is accepted on input (contract §11 row "G5 fractions").
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "protocol/result.hpp"

namespace paircheck::protocol {

std::string format_iso8601(std::chrono::sys_seconds time);

// The most fraction digits the contract accepts (§11 "G5 fractions": nanoseconds, as ISO 8601
// instants are read by the vendor's own Java SDK).
inline constexpr int kMaxFractionDigits = 9;

// `format_iso8601` with `count` fraction digits before the 'Z': the first `count` of `fraction`,
// padded with '0' (so more than 9 can be sent, to test the refusal); e.g.
// "2026-11-30T21:10:00.123Z" for 3, the form the older official JS SDK sends (toISOString).
// 0 gives format_iso8601's text.
std::string format_iso8601_fraction(std::chrono::sys_seconds time, int count,
                                    std::string_view fraction = "123456789");

// A real calendar date (1970..9999), hour 00-23, minute and second 00-59, literal 'T' and 'Z',
// and between the seconds and the 'Z' optionally '.' and 1 to `max_fraction_digits` (0-9) ASCII
// digits, which are read and dropped (the result keeps whole seconds). Anything else -> error
// value InvalidTimeStamp.Format (G5): no ',' separator, no offsets, no lower case, no blanks.
Result<std::chrono::sys_seconds> parse_iso8601(std::string_view text,
                                               int max_fraction_digits = kMaxFractionDigits);

}  // namespace paircheck::protocol
