#pragma once
// Colour for the verdict lines a person reads first, on a terminal only: none when the output is
// piped or redirected, and none when NO_COLOR is set to anything but the empty string
// (https://no-color.org), so CI logs and files stay plain text.
#include <string>

namespace paircheck::cli {

// Whether text written to `fd` may carry ANSI colour.
bool colour_on(int fd);

// `text` with the verdict at the start of a line coloured when `on`: CONFORMANT and REPRODUCED in
// green; NOT CONFORMANT, TARGET ERROR and "the recorded failure did NOT reproduce" in red;
// INTERRUPTED in yellow. Unchanged when `on` is false.
std::string colour_verdicts(const std::string& text, bool on);

}  // namespace paircheck::cli
