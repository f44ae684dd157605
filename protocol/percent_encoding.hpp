// Percent-encoding as Alibaba's RPC signers use it (W5) and decoding of urlencoded text (W1).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/result.hpp"

namespace paircheck::protocol {

// W5: UTF-8 bytes; only A-Z a-z 0-9 - _ . ~ stay as they are; every other byte becomes %XY with
// upper-case hex (space -> %20, * -> %2A). This is the encoding of both signatures' canonical
// forms.
std::string percent_encode(std::string_view text);

enum class PlusMode {
  kSpace,    // '+' decodes to a space (form bodies; query strings as browsers send them)
  kLiteral,  // '+' stays '+'
};

// Decodes %XY escapes (either hex case). A '%' not followed by two hex digits is an error value
// (code InvalidParameter). The bytes are not checked for UTF-8 validity.
Result<std::string> percent_decode(std::string_view text, PlusMode plus = PlusMode::kSpace);

// The canonical query both signatures use (W5, W6): `pct(name)=pct(value)` sorted by name (byte
// order, repeats in arrival order), joined by '&'; a parameter named `skip` is left out.
std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& params,
                            std::string_view skip = {});

}  // namespace paircheck::protocol
