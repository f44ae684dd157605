#include "protocol/iso8601.hpp"

#include <cstdio>

namespace paircheck::protocol {
namespace {

// Reads `width` decimal digits at `pos`; -1 if any is not a digit.
int digits(std::string_view text, std::size_t pos, std::size_t width) {
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string format_iso8601(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  const sys_days day = floor<days>(time);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{time - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string format_iso8601_fraction(std::chrono::sys_seconds time, int count,
                                    std::string_view fraction) {
  std::string out = format_iso8601(time);
  if (count <= 0) return out;
  const auto n = static_cast<std::size_t>(count);
  std::string frac(fraction.substr(0, n));
  frac.resize(n, '0');
  out.insert(out.size() - 1, "." + frac);
  return out;
}

Result<std::chrono::sys_seconds> parse_iso8601(std::string_view text, int max_fraction_digits) {
  using namespace std::chrono;
  const WireError bad{"InvalidTimeStamp.Format",
                      "Specified time stamp or date value is not well formatted."};
  // §11 "G5 fractions": '.' and 1..max_fraction_digits digits between the seconds and the 'Z'.
  if (text.size() > 20 && text[19] == '.' && text.back() == 'Z') {
    const std::size_t n = text.size() - 21;
    if (n < 1 || static_cast<int>(n) > max_fraction_digits) return bad;
    for (std::size_t i = 20; i < 20 + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return bad;
    }
    text = text.substr(0, 19);
  } else if (text.size() != 20 || text[19] != 'Z') {
    return bad;
  }
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return bad;
  }
  const int y = digits(text, 0, 4);
  const int mo = digits(text, 5, 2);
  const int d = digits(text, 8, 2);
  const int h = digits(text, 11, 2);
  const int mi = digits(text, 14, 2);
  const int s = digits(text, 17, 2);
  if (y < 1970 || mo < 1 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
    return bad;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad;
  return sys_seconds{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace paircheck::protocol
