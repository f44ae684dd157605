// W2/W3/W4 on the wire: a handled operation becomes a success or error body with a RequestId,
// with the response-shaping faults (error-without-code, invalid-status-as-400, swap-404-403).
#pragma once

#include <string>

#include "emulator/errors.hpp"
#include "emulator/faults.hpp"
#include "emulator/service.hpp"
#include "protocol/direct.hpp"

namespace paircheck::emulator {

HttpResponse render(const OpResult& result, const std::string& request_id,
                    const std::string& host_id, const FaultSet& faults);

// The same answer as the document its body would hold, not printed (the direct path,
// protocol/direct.hpp): the same status and the same response-shaping faults.
protocol::DirectAnswer render_document(OpResult result, const std::string& request_id,
                                       const std::string& host_id, const FaultSet& faults);

}  // namespace paircheck::emulator
