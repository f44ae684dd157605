// An HTTP request as the model's Request (docs/traces.md): W1's parameter set (query and
// urlencoded body, the body winning), the common parameters of W5 (V1) or the x-acs-* headers of
// W6 (V3) taken out into the envelope, the AccessKeyId from AccessKeyId or the Credential. What
// a recording cannot show is assumed: a correct signature, a timestamp on the server's time, no
// nonce (G2, G6, G7, G8 are not judged from the wire alone).
#pragma once

#include <string>
#include <string_view>

#include "models/request.hpp"
#include "protocol/v3_signature.hpp"

namespace paircheck::traces {

struct WireRequestView {
  std::string method;
  std::string target;  // "/?a=1"
  protocol::Headers headers;
  std::string body;
};

// Returns "" or a one-line error (a malformed %-escape).
std::string to_model_request(const WireRequestView& wire, model::Request& out);

}  // namespace paircheck::traces
