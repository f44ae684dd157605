// W5/W6 timestamps: `yyyy-MM-ddTHH:mm:ssZ`, UTC, second precision (Timestamp, x-acs-date).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "protocol/result.hpp"

namespace paircheck::protocol {

std::string format_iso8601(std::chrono::sys_seconds time);

// Strict: exactly 20 characters, a real calendar date (1970..9999), hour 00-23, minute and
// second 00-59, literal 'T' and 'Z'. Anything else -> error value InvalidTimeStamp.Format (G5).
Result<std::chrono::sys_seconds> parse_iso8601(std::string_view text);

}  // namespace paircheck::protocol
