#include "cli/colour.hpp"

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <string_view>

namespace paircheck::cli {
namespace {

constexpr std::string_view kRed = "\033[1;31m", kGreen = "\033[1;32m", kYellow = "\033[1;33m",
                           kReset = "\033[0m";

struct Verdict {
  std::string_view word;
  std::string_view colour;
};

// Each is matched at the start of a line.
constexpr std::array<Verdict, 6> kVerdicts = {{{"NOT CONFORMANT", kRed},
                                               {"TARGET ERROR", kRed},
                                               {"the recorded failure did NOT reproduce", kRed},
                                               {"INTERRUPTED", kYellow},
                                               {"CONFORMANT", kGreen},
                                               {"REPRODUCED", kGreen}}};

}  // namespace

bool colour_on(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  return isatty(fd) != 0;
}

std::string colour_verdicts(const std::string& text, bool on) {
  if (!on) return text;
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string_view line(text.data() + at, end - at);
    bool painted = false;
    for (const Verdict& v : kVerdicts) {
      if (line.starts_with(v.word)) {
        out.append(v.colour).append(v.word).append(kReset).append(line.substr(v.word.size()));
        painted = true;
        break;
      }
    }
    if (!painted) out.append(line);
    at = end;
  }
  return out;
}

}  // namespace paircheck::cli
