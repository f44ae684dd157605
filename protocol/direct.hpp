// The direct path (`--target direct`, docs/harness.md "The direct path"): a request handed to an
// in-process emulator as its decoded parameter set, and the answer it gives as the JSON document
// it would have written, neither signed nor printed. Neutral types: the emulator takes them
// without knowing the model, the harness without knowing the emulator's insides.
//
// What the wire would carry and this does not: the method and path (G1, W1), a signature and
// timestamp (G2, G4-G7), the percent-encoding and its decoding (W1), the Content-Type and the text
// of the body (W2, W3). The nonce is carried: the emulator's nonce ledger judges it (G8). The
// harness sends every request that exercises one of those the signed way, and a fixed share of the
// others too.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/params.hpp"

namespace paircheck::protocol {

struct DirectRequest {
  std::string action;
  std::optional<std::string> version;  // nullopt: missing (G10)
  std::string access_key_id;           // the identity (G3, G11)
  std::string nonce;                   // the SignatureNonce a signed request would carry (G8)
  Params params;                       // the business parameters (and Format), as decoded
};

struct DirectAnswer {
  int status = 0;
  // The document a signed answer's body would hold: RequestId and the fields of a success, or
  // RequestId, HostId, Code, Message, Recommend of an error (W2, W3).
  nlohmann::json document;
};

}  // namespace paircheck::protocol
