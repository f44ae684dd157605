// W2/W3 bodies (see response.hpp).
#include "emulator/response.hpp"

#include <nlohmann/json.hpp>

#include "protocol/response_body.hpp"

namespace paircheck::emulator {

HttpResponse render(const OpResult& result, const std::string& request_id,
                    const std::string& host_id, const FaultSet& faults) {
  HttpResponse response;
  response.content_type = std::string(protocol::kJsonContentType);
  if (!result.error) {
    response.status = 200;
    response.body = protocol::success_body(request_id, result.fields);
    return response;
  }
  const ApiError& e = *result.error;
  response.status = e.status;
  if (faults.has(Fault::kInvalidStatusAs400) && e.code == "OperationDenied.InvalidStatus") {
    response.status = 400;
  }
  if (faults.has(Fault::kSwap404And403)) {
    if (e.status == 404) response.status = 403;
    if (e.status == 403) response.status = 404;
  }
  if (faults.has(Fault::kErrorWithoutCode)) {  // W3 broken on purpose
    nlohmann::json body = {{"RequestId", request_id}, {"HostId", host_id}, {"Message", e.message}};
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
  }
  response.body = protocol::error_body(
      {request_id, host_id, e.code, e.message, protocol::recommend_url(e.code, request_id)});
  return response;
}

}  // namespace paircheck::emulator
